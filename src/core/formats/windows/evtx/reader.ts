import * as fs from 'fs';
import { readChunk, type ChunkResult } from './chunk';
import type { EvtxEvent } from './event';
import { CHUNK_SIZE, FILE_HEADER_SIZE, parseFileHeader, type EvtxFileHeader } from './header';

/**
 * Reading an `.evtx` file chunk by chunk (evtx-format.md §1, §10): the file header, then every 64 KiB slot
 * up to the end of the file — not just the header's chunk count, which dirty files leave stale. Only one
 * chunk's bytes are held at a time; the events a chunk gives are handed out before the next one is read.
 */

/** Random-access bytes: a file descriptor or an in-memory buffer. */
export interface EvtxSource {
	/** Total size in bytes. */
	readonly size: number;
	/** Up to `length` bytes at `position`; the result may be reused by the next call (events copy what they keep). */
	read(position: number, length: number): Buffer;
}

/** A source over an open file descriptor, reading into one reused 64 KiB buffer. */
export function fdSource(fd: number): EvtxSource {
	const buf = Buffer.allocUnsafe(CHUNK_SIZE);
	return {
		size: fs.fstatSync(fd).size,
		read(position, length) {
			let got = 0;
			while (got < length) {
				const n = fs.readSync(fd, buf, got, length - got, position + got);
				if (n === 0) break;
				got += n;
			}
			return buf.subarray(0, got);
		},
	};
}

/** A source over bytes already in memory (an archive member); reads are views, not copies. */
export function bytesSource(bytes: Uint8Array): EvtxSource {
	const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return { size: all.length, read: (position, length) => all.subarray(position, Math.min(position + length, all.length)) };
}

/** Reading options. */
export interface EvtxOptions {
	/** Also carve records from chunk slack and header-less chunks, flagged `recovered: true` (default true). */
	recovered?: boolean;
	/** Render each event's Event XML into `event.xml` (default false: it costs about as much as the decoding). */
	xml?: boolean;
	/**
	 * Asked for each live event with its System fields (provider, id, level … set; data not yet): false leaves
	 * its `data` empty and `binary`, `message`, `levelText` null, for a caller that will drop the event. It
	 * saves the EventData decoding of most records (Windows' record shape; others are decoded whole anyway),
	 * so damage inside a refused event's data goes untold unless the chunk's data checksum tells it. Records
	 * carved from slack are always decoded whole. Default: every event's data.
	 */
	wantData?: (e: EvtxEvent) => boolean;
}

/** What a whole read found. Problems are sentences naming the chunk and record; they never stop the read. */
export interface EvtxSummary {
	/** Null when the file is not an EVTX file (then `problems` says why and nothing else was read). */
	header: EvtxFileHeader | null;
	/** 64 KiB slots after the header, counting a partial one at the end. */
	chunkSlots: number;
	/** Slots holding a chunk header (`ElfChnk`). */
	chunks: number;
	/** All-zero slots (pre-allocated, unused). */
	emptyChunks: number;
	/** Live events read. */
	events: number;
	/** Events recovered from slack or header-less chunks. */
	recovered: number;
	/** Live records found but not decodable. */
	unreadable: number;
	problems: string[];
}

/** At most this many problem sentences are kept; the rest are counted in a last sentence. */
const MAX_PROBLEMS = 100;

/**
 * Chunk by chunk: yields each slot's result (events and problems) and returns the summary. Memory is one
 * chunk plus the yielded events.
 */
export function* evtxChunks(source: EvtxSource, options: EvtxOptions = {}): Generator<ChunkResult, EvtxSummary, undefined> {
	const summary: EvtxSummary = { header: null, chunkSlots: 0, chunks: 0, emptyChunks: 0, events: 0, recovered: 0, unreadable: 0, problems: [] };
	let more = 0;
	const problem = (p: string) => {
		if (summary.problems.length < MAX_PROBLEMS) summary.problems.push(p);
		else more++;
	};
	const parsed = parseFileHeader(source.read(0, 128));
	if ('error' in parsed) {
		summary.problems.push(`Not read: ${parsed.error}.`);
		return summary;
	}
	const header = (summary.header = parsed.header);
	if (header.checksumOk === false) problem('The file header checksum does not match; the file was read anyway.');
	if (header.majorVersion !== 3) problem(`The file header says format version ${header.majorVersion}.${header.minorVersion} (3.1 or 3.2 expected); the file was read anyway.`);
	const slots = Math.max(0, Math.ceil((source.size - FILE_HEADER_SIZE) / CHUNK_SIZE));
	summary.chunkSlots = slots;
	const opts = { noCrc: header.noCrc, recovered: options.recovered ?? true, xml: options.xml ?? false, wantData: options.wantData ?? null };
	for (let i = 0; i < slots; i++) {
		const offset = FILE_HEADER_SIZE + i * CHUNK_SIZE;
		const buf = source.read(offset, CHUNK_SIZE);
		const res = readChunk(buf, i, offset, opts);
		if (res.kind === 'chunk') summary.chunks++;
		else if (res.kind === 'empty') summary.emptyChunks++;
		for (const e of res.events) {
			if (e.recovered) summary.recovered++;
			else summary.events++;
		}
		summary.unreadable += res.unreadable;
		res.problems.forEach(problem);
		yield res;
	}
	if (more > 0) summary.problems.push(`${more} more problems were found.`);
	return summary;
}

/** Reads a whole source, calling `onEvent` for each event in file order. */
export function readEvtx(source: EvtxSource, onEvent: (e: EvtxEvent) => void, options: EvtxOptions = {}): EvtxSummary {
	const it = evtxChunks(source, options);
	for (;;) {
		const r = it.next();
		if (r.done) return r.value;
		for (const e of r.value.events) onEvent(e);
	}
}

/** Reads an `.evtx` file by path, chunk by chunk. */
export function readEvtxFile(path: string, onEvent: (e: EvtxEvent) => void, options: EvtxOptions = {}): EvtxSummary {
	const fd = fs.openSync(path, 'r');
	try {
		return readEvtx(fdSource(fd), onEvent, options);
	} finally {
		fs.closeSync(fd);
	}
}

/** Reads `.evtx` bytes held in memory; all events in one array. */
export function readEvtxBytes(bytes: Uint8Array, options: EvtxOptions = {}): { events: EvtxEvent[]; summary: EvtxSummary } {
	const events: EvtxEvent[] = [];
	const summary = readEvtx(bytesSource(bytes), (e) => events.push(e), options);
	return { events, summary };
}
