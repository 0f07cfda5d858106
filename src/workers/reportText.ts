import type { Report } from '../core';

/**
 * How a report crosses from the analysis thread to the extension host: as JSON text (the host parses it in a
 * third of the time a structured clone of the same objects takes to arrive), cut in pieces. A report of
 * 10,000 attempts is about 100 MB of JSON, and one JSON.parse of it held the host for 1.5–4 s, while every
 * view and command waits on that thread; the host parses it a piece at a time, letting other work in
 * between, so no request waits long (test/integration/scale.test.ts).
 */
export interface ReportText {
	/** The report with its long lists left empty. */
	head: string;
	/** Each long list (attempts, findings, inputs …) in pieces of PIECE_ITEMS elements, in order. */
	lists: { key: string; pieces: string[] }[];
}

/** Elements of a list per piece: 250 attempts with their events are about 2.5 MB of JSON, parsed in ~30 ms. */
export const PIECE_ITEMS = 250;

/** The report as JSON text in pieces (see ReportText). */
export function reportText(report: Report): ReportText {
	const head: Record<string, unknown> = {};
	const lists: ReportText['lists'] = [];
	for (const [key, value] of Object.entries(report)) {
		if (!Array.isArray(value) || value.length <= PIECE_ITEMS) {
			head[key] = value;
			continue;
		}
		const pieces: string[] = [];
		for (let i = 0; i < value.length; i += PIECE_ITEMS) pieces.push(JSON.stringify(value.slice(i, i + PIECE_ITEMS)));
		lists.push({ key, pieces });
		// The key keeps its place in the object: the report reads as it was written.
		head[key] = [];
	}
	return { head: JSON.stringify(head), lists };
}

/** A turn of the event loop: what the host does between pieces. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The report from its pieces, one piece per turn of the event loop (`pause`). */
export async function parseReportText(text: ReportText, pause: () => Promise<void> = nextTurn): Promise<Report> {
	const report = JSON.parse(text.head) as Record<string, unknown[]>;
	for (const { key, pieces } of text.lists) {
		const list = report[key];
		for (const piece of pieces) {
			await pause();
			for (const item of JSON.parse(piece) as unknown[]) list.push(item);
		}
	}
	return report as unknown as Report;
}
