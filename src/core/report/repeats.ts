import type { AttemptEvent } from '../model/report';

/**
 * How every surface writes an event that stands for folded repeats (formats/lib/fold.ts): `×N`, the same
 * sign in every language; '' for an event that stands alone.
 */
export const repeatMark = (e: Pick<AttemptEvent, 'count'>): string => (e.count !== undefined && e.count > 1 ? `×${e.count}` : '');
