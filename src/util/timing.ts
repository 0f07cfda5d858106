import { formatDuration } from '../core/host';

/** A duration for the Quiesce Lens output channel (`1.2 s`, `850 ms`; in English, as the rest of that log); `—` when it did not happen. */
export const secs = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms, 'en'));
