import * as fs from 'fs';
import { CHUNK_BYTES, fileSource, streamLines, type SplicedRange } from '../decode/decode';
import { pasteNormaliser } from '../decode/paste';
import { DETECT_LINES } from '../formats/lib/format';
import type { Encoding } from '../model/report';
import { chooseFormat } from './read';

/**
 * One big file read on several threads, in byte ranges cut at line starts. A file is read by one thread
 * from its start (the owner: its reader's state runs on from line to line); another thread reads a later
 * range with a new reader of the same format and its quick lane, and hands back only the lines its lane did
 * not take, with the range's line counts. When the owner reaches the range and its reader says it may be
 * resumed there (`LineReader.resumable`: the lane would decide every later line as the new reader did), it
 * gives those lines to its own reader, numbered in the file, and skips the range's bytes; otherwise, or
 * when the range was not read elsewhere, it reads the range itself. The records, unparsed lines, line
 * numbers and counts are the ones one thread gives (test/robustness/ranges.test.ts), as only lines the
 * lane takes, which make nothing, are left out.
 */

/** What a range read elsewhere gives, with the format its head was read as (the owner checks it is its own). */
export interface RangeRead extends SplicedRange {
	format: string;
	variant: string;
}

/**
 * The line starts at or after each of `targets` (byte offsets, ascending) in a file of `encoding`, ascending,
 * without repeats, the file's start or end: where ranges start. A line break is an LF byte in every encoding
 * but UTF-16 (an LF code unit at an even offset; the trail bytes of cp932, EUC-JP and GB18030 are never an LF). A target in a line
 * longer than the rest of the file gives no cut. A byte is read once, whatever the targets (a file without
 * line breaks is not read once per target).
 */
export function findCuts(abs: string, encoding: Exclude<Encoding, 'binary'>, targets: readonly number[]): number[] {
	const fd = fs.openSync(abs, 'r');
	try {
		const size = fs.fstatSync(fd).size;
		const unit = encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 1;
		const lf = encoding === 'utf-16be' ? 1 : 0;
		const buf = Buffer.allocUnsafe(64 * 1024);
		const cuts: number[] = [];
		// Where the next search may start: bytes before it were searched already, or lie before the last cut.
		let searched = 0;
		for (const target of targets) {
			if (target <= 0) continue;
			// The unit before the cut must be an LF: the search starts one unit before the target.
			let at = Math.max(searched, Math.ceil(target / unit) * unit - unit);
			let cut = size;
			while (at < size) {
				const n = fs.readSync(fd, buf, 0, Math.min(buf.length, size - at), at);
				if (n < unit) break;
				const i = lineBreak(buf.subarray(0, n), unit, lf);
				if (i >= 0) {
					cut = at + i + unit;
					break;
				}
				at += n - (n % unit);
			}
			if (cut >= size) break;
			if (cut !== cuts.at(-1)) cuts.push(cut);
			// A later target before this cut has this cut too: its search finds this LF again.
			searched = cut - unit;
		}
		return cuts;
	} finally {
		fs.closeSync(fd);
	}
}

/** Where the first line break of `bytes` starts (an LF byte, or an LF code unit at an even offset), or -1. */
function lineBreak(bytes: Buffer, unit: number, lf: number): number {
	if (unit === 1) return bytes.indexOf(0x0a);
	for (let i = 0; i + 1 < bytes.length; i += 2) if (bytes[i + lf] === 0x0a && bytes[i + 1 - lf] === 0) return i;
	return -1;
}

/**
 * Where a file's owner finds its ranges: the offsets to cut near, and each range as another thread read it.
 * The cuts (findCuts of `targets`) are the same on every thread: a range is named by its cut's index.
 */
export interface RangeProvider {
	readonly targets: readonly number[];
	/**
	 * Range `index` (from cut `index` to the next, or the file's end) as another thread read it, or null: the
	 * owner reads it. Called with `wanted` false when the owner reads it anyway (no other thread need start on it).
	 */
	take(index: number, wanted: boolean): RangeRead | null;
}

/**
 * Reads ranges of a file (see RangeProvider) as another thread hands them to the file's owner (see the
 * module comment): its head read and its format chosen once, as the owner does; each range read by a new
 * reader of that format. Null when no range can be read so: binary, a paste, no format, or a reader that
 * cannot resume; the function's result is null for an index with no range.
 */
export function rangeReader(abs: string, path: string, targets: readonly number[]): ((index: number) => RangeRead | null) | null {
	const head: string[] = [];
	// The owner chooses from its first DETECT_LINES lines, decoded from its first chunk: so does this.
	const { encoding, reason } = streamLines(fileSource(abs, 0, CHUNK_BYTES), (text) => {
		if (head.length < DETECT_LINES) head.push(text);
	});
	if (encoding === 'binary' || pasteNormaliser(head)) return null;
	const chosen = chooseFormat(head);
	if (!chosen?.format.reader(path, chosen.detection).resumable) return null;
	const cuts = findCuts(abs, encoding, targets);
	const size = fs.statSync(abs).size;
	return (index) => {
		if (index >= cuts.length) return null;
		const reader = chosen.format.reader(path, chosen.detection);
		const from = cuts[index];
		const to = cuts[index + 1] ?? size;
		const lines: string[] = [];
		const lineNos: number[] = [];
		const streamed = streamLines(
			fileSource(abs, from, to),
			(text, lineNo) => {
				lines.push(text);
				lineNos.push(lineNo);
				reader.line(text, lineNo);
			},
			{ quick: () => reader.quick ?? null, encoding: { encoding, reason } },
		);
		return { bytes: to - from, counts: streamed.counts, lines, lineNos, format: chosen.format.id, variant: chosen.detection.variant };
	};
}
