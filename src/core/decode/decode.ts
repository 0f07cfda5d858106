import * as fs from 'fs';
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
	close(): void;
}

export function fileSource(abs: string): ByteSource {
	const fd = fs.openSync(abs, 'r');
	return {
		read: (buf) => fs.readSync(fd, buf, 0, buf.length, null),
		close: () => fs.closeSync(fd),
	};
}

export function memorySource(bytes: Uint8Array): ByteSource {
	let pos = 0;
	return {
		read(buf) {
			const n = Math.min(buf.length, bytes.length - pos);
			buf.set(bytes.subarray(pos, pos + n));
			pos += n;
			return n;
		},
		close() { /* nothing to release */ },
	};
}

/**
 * Splits decoded text into lines as it arrives. CRLF, LF and lone CR all end a line; a CR at the end of
 * a chunk is held until the next chunk shows whether an LF follows. A final terminator does not start
 * an extra empty line.
 */
export class LineSplitter {
	private rest = '';
	private crlf = 0;
	private lf = 0;
	private cr = 0;
	count = 0;

	constructor(private readonly onLine: (text: string, lineNo: number) => void) {}

	push(text: string): void {
		const s = this.rest + text;
		let start = 0;
		for (let i = s.indexOf('\n'), j = s.indexOf('\r'); ;) {
			const next = i < 0 ? j : j < 0 ? i : Math.min(i, j);
			if (next < 0) break;
			if (s.charCodeAt(next) === 13) {
				if (next === s.length - 1) break; // may be the first half of CRLF
				const isCrlf = s.charCodeAt(next + 1) === 10;
				if (isCrlf) this.crlf++; else this.cr++;
				this.emit(s.slice(start, next));
				start = next + (isCrlf ? 2 : 1);
			} else {
				this.lf++;
				this.emit(s.slice(start, next));
				start = next + 1;
			}
			i = s.indexOf('\n', start);
			j = s.indexOf('\r', start);
		}
		this.rest = s.slice(start);
	}

	end(): void {
		if (this.rest.endsWith('\r')) {
			this.cr++;
			this.emit(this.rest.slice(0, -1));
		} else if (this.rest.length > 0) {
			this.emit(this.rest);
		}
		this.rest = '';
	}

	/** A file ending in lone CRs (classic Mac) has no value of its own in the contract: it counts as mixed. */
	eol(): Eol {
		const { crlf, lf, cr } = this;
		return crlf + lf + cr === 0 ? 'none' : cr === 0 && lf === 0 ? 'CRLF' : cr === 0 && crlf === 0 ? 'LF' : 'mixed';
	}

	private emit(text: string): void {
		this.onLine(text, ++this.count);
	}
}

/** What streaming a file found out about it. */
export interface StreamedText {
	encoding: Encoding;
	reason: string;
	eol: Eol;
	lines: number;
}

/**
 * Decodes a byte source chunk by chunk and hands each line to `onLine`, never holding the whole file.
 * The encoding is decided from the first chunk (formats.md §0.3). Binary content yields no lines.
 */
export function streamLines(source: ByteSource, onLine: (text: string, lineNo: number) => void): StreamedText {
	const buf = Buffer.allocUnsafe(CHUNK_BYTES);
	try {
		// A read may return less than asked (pipes, slow disks): fill the first chunk before deciding.
		let n = 0;
		while (n < buf.length) {
			const got = source.read(buf.subarray(n));
			if (got === 0) break;
			n += got;
		}
		const { encoding, reason } = detectEncoding(buf.subarray(0, n));
		const splitter = new LineSplitter(onLine);
		if (encoding !== 'binary') {
			// iconv-lite's decoders strip a BOM and keep multi-byte sequences cut at a chunk edge.
			const decoder = iconv.getDecoder(iconvName(encoding));
			while (n > 0) {
				splitter.push(decoder.write(buf.subarray(0, n)));
				n = source.read(buf);
			}
			splitter.push(decoder.end() ?? '');
			splitter.end();
		}
		return { encoding, reason, eol: splitter.eol(), lines: splitter.count };
	} finally {
		source.close();
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
