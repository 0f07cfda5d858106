import type { Report } from '../model/report';

/**
 * Moves every line number the report gives for `path` by `delta` lines, in place: a text that was a
 * selection starting on line N of an editor is read as lines 1… of its own, and its evidence must point
 * at the editor's lines. Walks the whole report, so every place that names a line (inputs' sections,
 * writers, providers, shadows, attempts' events and phases, findings' evidence) moves together: an
 * object names a line of `path` when it has a numeric `line` and a `path`, `source` (string) or
 * `source.path` equal to `path`; a section (`firstLine`, `lastLine`) moves with its input.
 */
export function shiftLines(report: Report, path: string, delta: number): void {
	if (delta === 0) return;
	const visit = (node: unknown): void => {
		if (Array.isArray(node)) {
			for (const item of node) visit(item);
			return;
		}
		if (node === null || typeof node !== 'object') return;
		const o = node as Record<string, unknown>;
		const of = typeof o.source === 'string' ? o.source : o.path;
		if (typeof o.line === 'number' && of === path) o.line += delta;
		if (o.path === path && o.section && typeof o.section === 'object') {
			const s = o.section as { firstLine: number; lastLine: number };
			s.firstLine += delta;
			s.lastLine += delta;
		}
		for (const value of Object.values(o)) if (value !== null && typeof value === 'object') visit(value);
	};
	visit(report);
}
