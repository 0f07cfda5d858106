import type { Report } from '../core/host';

/**
 * How a report crosses from the analysis thread to the extension host: as JSON (the host parses it in a third
 * of the time a structured clone of the same objects takes to arrive), cut in pieces, each piece UTF-8 bytes
 * whose buffer is transferred. A report of 10,000 attempts is about 150 MB of JSON: one JSON.parse of it held
 * the host for 1.5–4 s, and the same text sent as strings was copied onto the host's heap in one message (a
 * second-long stall on 2 cores); transferred bytes arrive without a copy, and the host decodes and parses a
 * piece per turn of the event loop, letting other work in between (test/integration/scale.test.ts).
 */
export interface ReportText {
	/** The report with its long lists left empty. */
	head: string;
	/** Each long list (attempts, findings, inputs …) in pieces of PIECE_ITEMS elements, in order. */
	lists: { key: string; pieces: Uint8Array[] }[];
}

/** Elements of a list per piece: 250 attempts with their events are about 2.5 MB of JSON, parsed in ~30 ms. */
export const PIECE_ITEMS = 250;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A list as JSON in pieces of PIECE_ITEMS elements, each its own bytes (a buffer of its own, to transfer). */
export function listPieces(list: readonly unknown[]): Uint8Array[] {
	const pieces: Uint8Array[] = [];
	for (let i = 0; i < list.length; i += PIECE_ITEMS) pieces.push(encoder.encode(JSON.stringify(list.slice(i, i + PIECE_ITEMS))));
	return pieces;
}

/** The buffers of `pieces`, for postMessage's transfer list (each is moved, not copied). */
export const buffersOf = (pieces: readonly Uint8Array[]): ArrayBuffer[] => pieces.map((p) => p.buffer as ArrayBuffer);

/** A turn of the event loop: what the host does between pieces. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Appends the elements of `pieces` to `into`, one piece per turn of the event loop (`pause`); returns `into`. */
export async function parsePieces<T>(pieces: readonly Uint8Array[], into: T[] = [], pause: () => Promise<void> = nextTurn): Promise<T[]> {
	for (const piece of pieces) {
		await pause();
		for (const item of JSON.parse(decoder.decode(piece)) as T[]) into.push(item);
	}
	return into;
}

/** The report as JSON in pieces (see ReportText). */
export function reportText(report: Report): ReportText {
	const head: Record<string, unknown> = {};
	const lists: ReportText['lists'] = [];
	for (const [key, value] of Object.entries(report)) {
		if (!Array.isArray(value) || value.length <= PIECE_ITEMS) {
			head[key] = value;
			continue;
		}
		lists.push({ key, pieces: listPieces(value) });
		// The key keeps its place in the object: the report reads as it was written.
		head[key] = [];
	}
	return { head: JSON.stringify(head), lists };
}

/** The buffers of a report's pieces, for postMessage's transfer list. */
export const reportBuffers = (text: ReportText): ArrayBuffer[] => text.lists.flatMap((l) => buffersOf(l.pieces));

/** The report from its pieces, one piece per turn of the event loop (`pause`). */
export async function parseReportText(text: ReportText, pause: () => Promise<void> = nextTurn): Promise<Report> {
	const report = JSON.parse(text.head) as Record<string, unknown[]>;
	for (const { key, pieces } of text.lists) await parsePieces(pieces, report[key], pause);
	return report as unknown as Report;
}
