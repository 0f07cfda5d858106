// What the attempts tree needs first, before the rest of a report: each attempt's row. Plain Node (no `vscode`):
// the analysis thread builds it and the unit tests check it.
import type { Attempt } from '../core/host';

/**
 * An attempt as its row shows it: its verdict and what its tooltip names, without its events, phases and
 * windows (with 10,000 attempts those are most of a 100 MB report, too slow to cross to the host first).
 */
export type AttemptHead = Omit<Attempt, 'events' | 'phases' | 'windows'> & {
	/** The row's tree item id (attemptRowId), the same whether the row comes from the head or the whole attempt. */
	rowId: string;
};

/**
 * The tree item id of an attempt's row: its id plus its start (or, when untimed, its first source), so a
 * re-analysis that numbers attempts differently does not keep the wrong row expanded or selected, while the
 * first tree's rows and the final tree's keep their expansion and selection.
 */
export function attemptRowId(a: Pick<Attempt, 'id' | 'start' | 'events'>): string {
	return `attempt:${a.id}:${a.start ?? a.events[0]?.source ?? ''}`;
}

/** The rows of the attempts, in the report's order (the tree's). */
export function attemptHeads(attempts: readonly Attempt[]): AttemptHead[] {
	return attempts.map((a) => {
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- taken out to be left behind: the bulk a head exists without
		const { events, phases, windows, ...head } = a;
		return { ...head, rowId: attemptRowId(a) };
	});
}
