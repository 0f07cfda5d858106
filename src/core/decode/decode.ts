import * as fs from 'fs';
import { isAscii } from 'buffer';
import * as iconv from 'iconv-lite';
import type { Encoding, Eol } from '../model/report';
import { detectEncoding, iconvName } from './detect';

export { detectEncoding, isValidUtf8 } from './detect';

/** Bytes read per step: large enough for throughput, small enough that memory stays flat (1 MiB). */
export const CHUNK_BYTES = 1024 * 1024;

/** Where bytes come from: a file on disk or an archive member already in memory. */
export interface ByteSource {
	/** Fills `buf` from the current position; returns how many bytes were read, 0 at the end. */
	read(buf: Buffer): number;
	/**
	 * The most bytes it gives, when known (a file's size when opened, an archive member's length): a text
	 * smaller than a chunk is read into a buffer of its own size. A 1 MiB buffer for each of the 7,490 small
	 * files of the 50 MB `files` bench bundle was 7 GiB of external memory: 15 to 41 full collections in
	 * its reading (GC 1.5 to 4 s of the reading thread, by the machine's load), where there is one now.
	 */
	readonly size?: number;
	/** Moves the position `bytes` on without reading them (a range another thread read); files only. */
	skip?(bytes: number): void;
	close(): void;
}

/**
 * Reads a file as it was when opened: bytes appended while it is read (a log still being written, or a
 * file swapped for an endless one) are not read, so the size the limits were checked against holds.
 * With `from`/`to`, the bytes of that range only (a range of a big file read on another thread).
 */
export function fileSource(abs: string, from = 0, to = Infinity): ByteSource {
	const fd = fs.openSync(abs, 'r');
	let left: number;
	try {
		left = Math.max(0, Math.min(fs.fstatSync(fd).size, to) - from);
	} catch (e) {
		fs.closeSync(fd);
		throw e;
	}
	// Positional reads: skip() moves on without a seek call of its own.
	let at = from;
	return {
		size: left,
		read(buf) {
			if (left <= 0) return 0;
			const n = fs.readSync(fd, buf, 0, Math.min(buf.length, left), at);
			at += n;
			left = n === 0 ? 0 : left - n;
			return n;
		},
		skip(bytes) {
			at += bytes;
			left -= bytes;
		},
		close: () => fs.closeSync(fd),
	};
}

export function memorySource(bytes: Uint8Array): ByteSource {
	let pos = 0;
	return {
		size: bytes.length,
		read(buf) {
			const n = Math.min(buf.length, bytes.length - pos);
			buf.set(bytes.subarray(pos, pos + n));
			pos += n;
			return n;
		},
		close() {
			/* nothing to release */
		},
	};
}

/**
 * Longest line handed on, in UTF-16 code units (64 Mi: a whole `wevtutil` export is one line, and fits).
 * Characters past it are skipped but the line is still counted (`longLines`), so a file without line
 * breaks cannot exhaust memory or V8's string limit.
 */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

/** Characters of a window of decoded text before it ends at the next line break (64 KiB; see LineSplitter.pushWindows). */
const QUICK_WINDOW = 64 * 1024;

/**
 * A reader's quick lane: most lines of a big log are chatter that makes no record, and cutting each into a
 * string of its own is most of what reading it costs. The splitter finds the reader's literals in a window
 * of decoded text at once; a line without one is offered to `take` as a range of that window.
 */
export interface QuickPass {
	/**
	 * A regex with the `g` flag matching every literal whose presence can make a line matter to the reader
	 * (made by `literalPattern`: no literal is empty or holds a line break). A line holding one always goes
	 * to `line()` as a string.
	 */
	readonly literals: RegExp;
	/**
	 * Takes the line `chunk.slice(start, end)`, which holds none of the literals, exactly as `line()` would
	 * (parsed, no record): true when it did; false to have it handed to `line()` as a string instead.
	 */
	take(chunk: string, start: number, end: number, lineNo: number): boolean;
	/**
	 * The reader's repeat lane (formats/lib/fold.ts, RepeatLane), offered every line `take` did not take,
	 * literals or not: takes a line that would only make a record joining an open fold, exactly as `line()`
	 * would: true when it did; false to have it handed to `line()` as a string instead.
	 */
	repeat?(chunk: string, start: number, end: number, lineNo: number): boolean;
	/**
	 * Takes a line longer than the splitter's windows (it came in pieces; see LineSplitter.pushWindows) that
	 * holds none of the literals, from `head`, its first LONG_HEAD_CHARS characters without a terminator:
	 * true when line() would make nothing of the line whatever follows the head (take() on the whole line
	 * would say so); false to have it joined and given to line(). Spares joining a line of megabytes into one
	 * string, a large-object allocation, for a reader that tells chatter by how a line starts.
	 */
	takeLong?(head: string, lineNo: number): boolean;
	/**
	 * Runs of chatter taken at once: a sticky regex matching the head of a line (never a line break) that take()
	 * would take in the lane's present state whatever follows the head, or null when that state lets none be taken so (take()
	 * then decides line by line). The splitter tests it at each line start up to the next line holding a
	 * literal, in windows without a CR, and tells `tookRun` which lines it took: a regex call and a line-break
	 * search per line instead of take() and the splitter's own calls (on hostd chatter those cost about as
	 * much as the regexes themselves; docs/performance.md, session 14).
	 */
	runPattern?(): RegExp | null;
	/**
	 * The `lines` lines of `chunk.slice(start, end)` (from line `lineNo` on) matched runPattern(): leaves the
	 * lane as take() called on each of them would have (not needed by a lane whose take() keeps nothing).
	 */
	tookRun?(chunk: string, start: number, end: number, lineNo: number, lines: number): void;
}

/** Characters of a long line a lane's takeLong sees: its stamp, thread and the start of its message. */
export const LONG_HEAD_CHARS = 1024;

/** The longest literal a lane may have (formats/lib/format.ts literalPattern). */
export const MAX_LITERAL_CHARS = 64;

/**
 * Offers a line already cut (a text's head, held for detection) to a reader's quick lane as the splitter
 * would have: to `take` when it holds none of the literals, then to `repeat`. True when the lane took it;
 * false to have it given to `line()`. A file of a few dozen lines is all head: without this, every line of
 * a bundle of small files went the slow way.
 */
export function offerLine(quick: QuickPass, line: string, lineNo: number): boolean {
	// The splitter's lane skips text with U+2028 / U+2029 (see findLiterals).
	if (line.indexOf('\u2028') >= 0 || line.indexOf('\u2029') >= 0) return false;
	const re = quick.literals;
	re.lastIndex = 0;
	if (!re.test(line) && quick.take(line, 0, line.length, lineNo)) return true;
	return quick.repeat?.(line, 0, line.length, lineNo) ?? false;
}

/**
 * A copy of `s` that does not point into the decoded chunk it was cut from. V8 makes a substring of 13 or
 * more characters a view of its parent: one record kept from a line would keep its whole 1 MiB chunk
 * alive, and memory would grow with the file. Concatenating, then slicing, copies the line alone.
 */
export const own = (s: string): string => (' ' + s).slice(1);

/**
 * Splits decoded text into lines as it arrives. CRLF, LF and lone CR all end a line; a CR at the end of
 * a chunk is held until the next chunk shows whether an LF follows. A final terminator does not start
 * an extra empty line. The unfinished line is kept as a list of pieces and only new text is searched,
 * so a line spanning many chunks costs time linear in its length.
 */
export class LineSplitter {
	/** Pieces of the line not yet terminated (no CR or LF inside). */
	private pending: string[] = [];
	private pendingChars = 0;
	/**
	 * Whether the pieces pending were each searched for the lane's literals with none found (a lane's
	 * takeLong may then take the line without joining it).
	 */
	private pendingClear = false;
	/** Whether the current line went past MAX_LINE_CHARS. */
	private cut = false;
	/** The previous chunk ended with a CR: the next chunk's first character says whether it was a CRLF. */
	private heldCr = false;
	private crlf = 0;
	private lf = 0;
	private cr = 0;
	count = 0;
	/** Lines longer than `maxLineChars` (handed on cut), and the first of them (1-based; 0 when none). */
	longLines = 0;
	firstLongLine = 0;
	/**
	 * Asked before each window for the quick lane of whoever reads the lines, or null: the reader is chosen
	 * some lines into a file (after detection), and its lane starts with the next window.
	 */
	quick: () => QuickPass | null = () => null;
	/** Characters of one window before it is ended at the next line break (see pushWindows). */
	quickWindow = QUICK_WINDOW;
	/** Of the chunk being split: the position of one character of each literal found, ascending. */
	private readonly hits: number[] = [];
	private nextHit = 0;

	constructor(
		private readonly onLine: (text: string, lineNo: number) => void,
		private readonly maxLineChars = MAX_LINE_CHARS,
	) {}

	/**
	 * An all-ASCII chunk of bytes. Without a CR in it, each line is cut from the bytes as a string of its
	 * own (latin1 is ASCII there): no chunk-wide string is sliced, so nothing has to be copied out of it.
	 * With a quick lane the chunk becomes strings of whole lines (see pushWindows), which the lane reads in
	 * place.
	 */
	pushAscii(b: Buffer): void {
		if (this.quick()) {
			// A string per window: V8 makes a string of some hundred KiB in its large-object space, and Node one
			// of 1 MiB outside the heap (measured: 256 KiB and 960 KiB strings cost 3× the time of 64 KiB ones;
			// 1 MiB ones left 100 MB of freed memory waiting for a collection).
			this.pushWindows(
				b.length,
				(i) => b.indexOf(10, i),
				(from, to) => b.toString('latin1', from, to),
			);
			return;
		}
		if (this.heldCr || b.indexOf(13) >= 0) {
			this.push(b.toString('latin1'));
			return;
		}
		let start = 0;
		for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, start)) {
			this.lf++;
			if (this.pendingChars === 0 && !this.cut && i - start <= this.maxLineChars) {
				this.onLine(b.toString('latin1', start, i), ++this.count);
			} else {
				this.add(b.toString('latin1', start, i));
				this.emit();
			}
			start = i + 1;
		}
		if (start < b.length) this.add(b.toString('latin1', start));
	}

	/**
	 * Decoded text, in windows of whole lines (see pushWindows): the lane is asked for again before each, so
	 * it starts in the chunk the reader is chosen in (the first chunk always comes decoded, and a file of one
	 * chunk would otherwise never have a lane).
	 */
	pushText(s: string): void {
		this.pushWindows(
			s.length,
			(i) => s.indexOf('\n', i),
			(from, to) => s.slice(from, to),
		);
	}

	/**
	 * Pushes `length` characters as windows of about quickWindow characters, each ended just after the first
	 * line break from there on (searched forward, and a break found is kept until passed, so text without
	 * line breaks is scanned once, not once per window). A window that would be more than two windows long
	 * (a very long line) is cut after quickWindow characters instead, inside the line: a string of more than
	 * about 128 KiB lands in V8's large-object space, whose fresh pages cost ~20× as much a character on this
	 * VM (measured: 1 MiB strings 3.5 ns a character, 64 KiB ones 0.2 ns). Such a line goes to `line()` as one
	 * string joined from its pieces anyway; cutting its window only spares a copy.
	 */
	private pushWindows(length: number, lfAtOrAfter: (i: number) => number, window: (from: number, to: number) => string): void {
		const size = this.quickWindow;
		// The line break found last (-1: none before `length`; -2: none searched yet).
		let lf = -2;
		for (let from = 0; from < length;) {
			if (lf !== -1 && lf < from + size - 1) lf = lfAtOrAfter(from + size - 1);
			let to = lf < 0 ? length : lf + 1;
			if (to - from > 2 * size) to = from + size;
			this.push(window(from, to));
			from = to;
		}
	}

	push(s: string): void {
		let start = 0;
		if (this.heldCr && s.length > 0) {
			this.heldCr = false;
			if (s.charCodeAt(0) === 10) {
				this.crlf++;
				start = 1;
			} else this.cr++;
			this.emit();
		}
		const quick = this.findLiterals(s);
		if (s.indexOf('\r', start) < 0) {
			// No CR: every line ends at an LF (the common case, kept to a tight loop).
			const runs = quick?.runPattern !== undefined && s.length <= this.maxLineChars;
			// A run is tried at a line start after a line handed on alone: the line after a run is one it did not match.
			let tryRun = runs;
			for (let i = s.indexOf('\n', start); i >= 0; i = s.indexOf('\n', start)) {
				if (tryRun) {
					const end = this.takeRun(s, start, quick!);
					if (end > start) {
						start = end;
						tryRun = false;
						continue;
					}
				}
				tryRun = runs;
				this.lf++;
				this.endLine(s, start, i, quick);
				start = i + 1;
			}
			this.addTail(s, start, quick);
			return;
		}
		for (let i = s.indexOf('\n', start), j = s.indexOf('\r', start); ;) {
			const next = i < 0 ? j : j < 0 ? i : Math.min(i, j);
			if (next < 0) break;
			let after = next + 1;
			if (s.charCodeAt(next) === 13) {
				if (next === s.length - 1) {
					// may be the first half of CRLF
					this.add(s.slice(start, next));
					this.heldCr = true;
					return;
				}
				const isCrlf = s.charCodeAt(next + 1) === 10;
				if (isCrlf) {
					this.crlf++;
					after++;
				} else this.cr++;
			} else {
				this.lf++;
			}
			this.endLine(s, start, next, quick);
			start = after;
			i = s.indexOf('\n', start);
			// Search for the next CR only once the last one found is behind us: an LF-only chunk would
			// otherwise be scanned to its end once per line (quadratic in the chunk size).
			if (j >= 0 && j < start) j = s.indexOf('\r', start);
		}
		this.addTail(s, start, quick);
	}

	/** What the splitter counted so far (a range read on another thread hands this to the file's splitter). */
	counts(): SplitCounts {
		return { lines: this.count, crlf: this.crlf, lf: this.lf, cr: this.cr, longLines: this.longLines, firstLongLine: this.firstLongLine };
	}

	/** Whether every line so far has been handed on: nothing pending, no CR waiting for its LF. */
	atLineStart(): boolean {
		return this.pending.length === 0 && !this.cut && !this.heldCr;
	}

	/** Counts the lines of a range another splitter split, as if this one had split them (see Splice). */
	addCounts(c: SplitCounts): void {
		if (c.longLines > 0 && this.longLines === 0) this.firstLongLine = this.count + c.firstLongLine;
		this.longLines += c.longLines;
		this.count += c.lines;
		this.crlf += c.crlf;
		this.lf += c.lf;
		this.cr += c.cr;
	}

	end(): void {
		if (this.heldCr) {
			this.heldCr = false;
			this.cr++;
			this.emit();
		} else if (this.pendingChars > 0 || this.cut) {
			this.emit();
		}
	}

	/** A file ending in lone CRs (classic Mac) has no value of its own in the contract: it counts as mixed. */
	eol(): Eol {
		const { crlf, lf, cr } = this;
		return crlf + lf + cr === 0 ? 'none' : cr === 0 && lf === 0 ? 'CRLF' : cr === 0 && crlf === 0 ? 'LF' : 'mixed';
	}

	/**
	 * Finds the quick lane's literals in `s`; the lane to use for it, or null. Not for a chunk with U+2028 or
	 * U+2029: the readers' regexes end lines there (`.` stops at them), which the lane does not check.
	 */
	private findLiterals(s: string): QuickPass | null {
		const quick = this.quick();
		if (!quick || s.indexOf('\u2028') >= 0 || s.indexOf('\u2029') >= 0) return null;
		const re = quick.literals;
		this.hits.length = 0;
		this.nextHit = 0;
		re.lastIndex = 0;
		// test(), not exec(): no match array per hit. lastIndex - 1 is the match's last character, which is
		// on the line the match starts on (no literal holds a line break).
		while (re.test(s)) this.hits.push(re.lastIndex - 1);
		return quick;
	}

	/** Keeps `s.slice(start)`, the start of a line the next text ends, noting whether a literal is in it. */
	private addTail(s: string, start: number, quick: QuickPass | null): void {
		if (start >= s.length) return;
		const clear = (this.pendingChars === 0 || this.pendingClear) && quick !== null && !this.hitIn(start, s.length);
		this.add(s.slice(start));
		this.pendingClear = clear;
	}

	/** Whether a literal was found in `[start, end)` of the window being split (hits ascend). */
	private hitIn(start: number, end: number): boolean {
		const hits = this.hits;
		while (this.nextHit < hits.length && hits[this.nextHit] < start) this.nextHit++;
		return this.nextHit < hits.length && hits[this.nextHit] < end;
	}

	/**
	 * Takes the lines from `start` (a line start of a window without a CR) whose heads the lane's runPattern
	 * matches, up to the first line holding a literal, and hands them to tookRun. Where the run ends (`start`
	 * when it took none).
	 */
	private takeRun(s: string, start: number, quick: QuickPass): number {
		if (this.pendingChars > 0 || this.cut) return start;
		const re = quick.runPattern!();
		if (re === null) return start;
		const hits = this.hits;
		while (this.nextHit < hits.length && hits[this.nextHit] < start) this.nextHit++;
		// The run stops at the line holding the next literal: that line goes to endLine.
		const bound = this.nextHit < hits.length ? hits[this.nextHit] : s.length;
		let at = start;
		let lines = 0;
		for (;;) {
			re.lastIndex = at;
			if (!re.test(s)) break;
			// A head never holds a line break: the line's end is searched for after it.
			const lf = s.indexOf('\n', re.lastIndex);
			if (lf < 0 || lf >= bound) break;
			lines++;
			at = lf + 1;
		}
		if (lines === 0) return start;
		this.lf += lines;
		quick.tookRun?.(s, start, at, this.count + 1, lines);
		this.count += lines;
		return at;
	}

	/**
	 * Offers the line whose pieces are pending and whose last piece is `s.slice(start, end)` to the lane's
	 * takeLong (see QuickPass): true when it took the line.
	 */
	private takeLong(s: string, start: number, end: number, quick: QuickPass | null): boolean {
		if (!quick?.takeLong || !this.pendingClear || this.cut || this.hitIn(start, end)) return false;
		// Each piece holds no literal; one may still cross from a piece to the next (windows are cut inside a
		// long line): the characters around each seam are searched too.
		const re = quick.literals;
		const seam = MAX_LITERAL_CHARS - 1;
		let before = '';
		let head = '';
		for (const piece of [...this.pending, s.slice(start, end)]) {
			re.lastIndex = 0;
			if (before !== '' && re.test(before + piece.slice(0, seam))) return false;
			before = (before + piece.slice(-seam)).slice(-seam);
			if (head.length < LONG_HEAD_CHARS) head += piece.slice(0, LONG_HEAD_CHARS - head.length);
		}
		if (!quick.takeLong(head, this.count + 1)) return false;
		this.pending = [];
		this.pendingChars = 0;
		this.count++;
		return true;
	}

	/** Ends the line whose last piece is `s.slice(start, end)`. */
	private endLine(s: string, start: number, end: number, quick: QuickPass | null): void {
		if (this.pendingChars > 0 && this.takeLong(s, start, end, quick)) return;
		if (this.pendingChars > 0 || this.cut || end - start > this.maxLineChars) {
			this.add(s.slice(start, end));
			this.emit();
			return;
		}
		if (quick) {
			if (!this.hitIn(start, end) && quick.take(s, start, end, this.count + 1)) {
				this.count++;
				return;
			}
			if (quick.repeat?.(s, start, end, this.count + 1)) {
				this.count++;
				return;
			}
		}
		this.onLine(own(s.slice(start, end)), ++this.count);
	}

	private add(piece: string): void {
		// A piece not searched for literals (addTail says when one was).
		this.pendingClear = false;
		if (piece.length === 0) return;
		const room = this.maxLineChars - this.pendingChars;
		if (piece.length > room) {
			this.cut = true;
			piece = piece.slice(0, Math.max(0, room));
			if (piece.length === 0) return;
		}
		this.pending.push(piece);
		this.pendingChars += piece.length;
	}

	private emit(): void {
		const text = this.pending.length === 1 ? own(this.pending[0]) : this.pending.join('');
		this.pending = [];
		this.pendingChars = 0;
		this.count++;
		if (this.cut) {
			this.cut = false;
			if (this.longLines++ === 0) this.firstLongLine = this.count;
		}
		this.onLine(text, this.count);
	}
}

/** What a splitter counted: lines, their ends by kind, and lines cut at MAX_LINE_CHARS (the first 1-based, 0 when none). */
export interface SplitCounts {
	lines: number;
	crlf: number;
	lf: number;
	cr: number;
	longLines: number;
	firstLongLine: number;
}

/** A range of a file another thread split (ingest/ranges.ts): the lines its reader must be given, and its counts. */
export interface SplicedRange {
	/** Bytes of the range: the file's reading goes on after them. */
	bytes: number;
	counts: SplitCounts;
	/** The lines a reader of the range handed to line() (its quick lane took the rest), and their numbers in the range (1-based). */
	lines: string[];
	lineNos: number[];
}

/**
 * Where a big file's reading may take ranges that other threads split: at each cut, every line before it
 * handed on, `take` gives that range's lines (they go to onLine with their numbers in the file), or null
 * to read the range here.
 */
export interface Splice {
	/** Byte offsets where a range starts, ascending, each at the start of a line in `encoding`. */
	cuts(encoding: Exclude<Encoding, 'binary'>): readonly number[];
	take(offset: number): SplicedRange | null;
}

/** What streaming a file found out about it. */
export interface StreamedText {
	encoding: Encoding;
	reason: string;
	eol: Eol;
	lines: number;
	/** Lines longer than MAX_LINE_CHARS (read cut there), and the first of them (1-based; 0 when none). */
	longLines: number;
	firstLongLine: number;
	/** The splitter's counts, for a range that another splitter's file takes (see Splice). */
	counts: SplitCounts;
}

export interface StreamOptions {
	/** Asked before each window for the quick lane of whoever reads the lines (see QuickPass). */
	quick?: () => QuickPass | null;
	/** Bytes read per step (CHUNK_BYTES); tests make it small to put chunk edges everywhere. */
	chunkBytes?: number;
	/** Characters per window of text (see LineSplitter.quickWindow); tests make it small likewise. */
	quickWindow?: number;
	/** Ranges other threads may have read (a cut within the first chunk is read here). */
	splice?: Splice;
	/**
	 * The encoding, known already: a range from the middle of a file, whose first bytes say nothing about it
	 * (and whose first character is never a byte-order mark).
	 */
	encoding?: { encoding: Exclude<Encoding, 'binary'>; reason: string };
}

/**
 * The chunk buffer (CHUNK_BYTES) of the thread's last streamLines, for its next: a fresh buffer per text, and
 * one per small file's bytes (ingest/read.ts), were 1.3 GB of new pages for the kernel to zero at the 1,500
 * small files of the vms bench bundle at 1 GiB, and left 32-38 MB of malloc's heap scattered (4 MB now).
 * Nothing keeps a view of it: lines are decoded into strings.
 */
let spareChunk: Buffer | null = null;

/**
 * Decodes a byte source chunk by chunk and hands each line to `onLine`, never holding the whole file.
 * The encoding is decided from the first chunk (formats.md §0.3). Binary content yields no lines.
 */
export function streamLines(source: ByteSource, onLine: (text: string, lineNo: number) => void, options: StreamOptions = {}): StreamedText {
	const { quick, chunkBytes = CHUNK_BYTES, splice } = options;
	// At least one byte: a read into an empty buffer would say the end is reached.
	const bytes = Math.max(1, Math.min(chunkBytes, source.size ?? chunkBytes));
	// The thread's spare chunk when it is free and big enough (a text read while another streams gets its own).
	const pool = spareChunk !== null && spareChunk.length >= bytes ? spareChunk : Buffer.allocUnsafeSlow(Math.max(bytes, CHUNK_BYTES));
	spareChunk = null;
	const buf = pool.subarray(0, bytes);
	try {
		// A read may return less than asked (pipes, slow disks): fill the first chunk before deciding.
		let n = 0;
		while (n < buf.length) {
			const got = source.read(buf.subarray(n));
			if (got === 0) break;
			n += got;
		}
		const { encoding, reason } = options.encoding ?? detectEncoding(buf.subarray(0, n));
		const splitter = new LineSplitter(onLine);
		if (quick) splitter.quick = quick;
		if (options.quickWindow) splitter.quickWindow = options.quickWindow;
		if (encoding !== 'binary') {
			// iconv-lite's decoders strip a BOM and keep multi-byte sequences cut at a chunk edge; a range from
			// the middle of a file starts with a character, never a BOM.
			const decoder = iconv.getDecoder(iconvName(encoding), { stripBOM: !options.encoding });
			const utf8 = encoding === 'utf-8' || encoding === 'utf-8-bom';
			// Whether the decoder holds nothing: the first chunk always goes through it (it strips the BOM).
			let clean = false;
			// Cuts inside the first chunk are read here: the encoding is known only once it is read.
			const cuts = splice && source.skip ? splice.cuts(encoding).filter((c) => c >= n) : [];
			let next = 0;
			let at = 0;
			while (n > 0) {
				const chunk = buf.subarray(0, n);
				// An all-ASCII chunk of UTF-8 after a chunk that ended on an ASCII byte cannot be part of a
				// multi-byte sequence: its bytes are its characters, and the UTF-8 decoder is not needed.
				if (utf8 && clean && isAscii(chunk)) splitter.pushAscii(chunk);
				// The first chunk goes to pushText, which asks for the lane before each window (the reader is chosen
				// some lines into it). UTF-8 detected without a BOM has none to strip: an all-ASCII first chunk
				// (most small files whole) is its own text, and the decoder cost 5% of reading 6,300 small files.
				else if (at === 0 && encoding === 'utf-8' && isAscii(chunk)) splitter.pushText(chunk.toString('latin1'));
				else splitter.pushText(decoder.write(chunk));
				clean = chunk[n - 1] < 0x80;
				at += n;
				// A cut is at a line start, where the decoder holds nothing and every line before it is handed on;
				// one passed inside a chunk (or with a line still open) is read here.
				while (next < cuts.length && cuts[next] <= at) {
					const range = cuts[next++] === at && splitter.atLineStart() ? splice!.take(at) : null;
					if (range === null) continue;
					for (let i = 0; i < range.lines.length; i++) onLine(range.lines[i], splitter.count + range.lineNos[i]);
					splitter.addCounts(range.counts);
					source.skip!(range.bytes);
					at += range.bytes;
				}
				n = source.read(next < cuts.length ? buf.subarray(0, Math.min(buf.length, cuts[next] - at)) : buf);
			}
			splitter.push(decoder.end() ?? '');
			splitter.end();
		}
		return { encoding, reason, eol: splitter.eol(), lines: splitter.count, longLines: splitter.longLines, firstLongLine: splitter.firstLongLine, counts: splitter.counts() };
	} finally {
		source.close();
		spareChunk = pool;
	}
}

/** A decoded text file, split into lines. Nothing is dropped: `lines.length` is the file's line count. */
export interface DecodedText {
	encoding: Encoding;
	eol: Eol;
	/** Line texts without their terminators; index i is line i + 1. */
	lines: string[];
	/** Why this encoding was chosen (shown in the report as part of formatReason). */
	reason: string;
}

/** Decodes a whole buffer into lines (tests and small inputs; the analysis streams with streamLines). */
export function decodeText(bytes: Uint8Array): DecodedText {
	const lines: string[] = [];
	const { encoding, reason, eol } = streamLines(memorySource(bytes), (text) => lines.push(text));
	return { encoding, eol, lines, reason };
}

/** Splits a string into lines the way streamLines does (CRLF, LF, lone CR). */
export function splitLines(text: string): { lines: string[]; eol: Eol } {
	const lines: string[] = [];
	const splitter = new LineSplitter((t) => lines.push(t));
	splitter.push(text);
	splitter.end();
	return { lines, eol: splitter.eol() };
}
