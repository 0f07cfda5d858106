import { crc32 } from 'zlib';
import { BinXmlError, BinXmlParser, ChunkContext, recordInstance, type Node } from './binxml';
import { EventSink, newEvent, type EvtxEvent } from './event';
import { CHUNK_SIZE, u64 } from './header';
import { applyPlan, applyRest, compilePlan, type Plan } from './plan';
import { TeeSink, XmlSink } from './render';
import { filetimeIsoMs } from './values';
import { walk, walkInstance } from './walk';

/** Chunk header size in bytes: records start at this chunk offset. */
const CHUNK_HEADER_SIZE = 512;
/** Record header (magic, size, id, written time) in bytes; a record also ends with a 4-byte copy of its size. */
const RECORD_HEADER_SIZE = 24;
const MIN_RECORD_SIZE = 28;
const CHUNK_MAGIC_LO = 0x43666c45,
	CHUNK_MAGIC_HI = 0x006b6e68;
const RECORD_MAGIC = 0x00002a2a;
const RECORD_MAGIC_BYTES = Buffer.from([0x2a, 0x2a, 0x00, 0x00]);
const CHUNK_NO_CRC = 0x4;
const ZERO_CHUNK = Buffer.alloc(CHUNK_SIZE);

/** How one chunk slot turned out. */
export type ChunkKind = 'chunk' | 'empty' | 'headerless' | 'foreign' | 'short';

/** What a chunk slot gave: its events in file order (live first, then recovered) and its problem sentences. */
export interface ChunkResult {
	index: number;
	kind: ChunkKind;
	events: EvtxEvent[];
	/** Records that were found but could not be decoded (each has a problem sentence). */
	unreadable: number;
	problems: string[];
}

/** Options of a chunk read (see EvtxOptions in reader.ts). */
export interface ChunkOptions {
	/** The file header says checksums are not maintained. */
	noCrc: boolean;
	recovered: boolean;
	xml: boolean;
	/** See EvtxOptions.wantData (reader.ts). */
	wantData: ((e: EvtxEvent) => boolean) | null;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/**
 * Reads the chunk slot `index` held in `buf` (shorter than 64 KiB only at the end of a truncated file).
 * Never throws on bad data: damage becomes problem sentences naming the chunk and the record.
 */
export function readChunk(buf: Buffer, index: number, fileOffset: number, opts: ChunkOptions): ChunkResult {
	const length = buf.length;
	const res: ChunkResult = { index, kind: 'chunk', events: [], unreadable: 0, problems: [] };
	const where = `Chunk ${index} (file offset ${hex(fileOffset)})`;
	if (length < CHUNK_SIZE) {
		// A cut chunk cannot be checked (its data checksum covers bytes that are gone): its whole records are
		// recovered, not live, as the other readers count them.
		const ctx = new ChunkContext(buf, 0, length);
		if (opts.recovered && length >= CHUNK_HEADER_SIZE) carve(ctx, CHUNK_HEADER_SIZE, new Set(), index, fileOffset, opts, res);
		res.kind = 'short';
		res.problems.push(`The file ends ${length} bytes into chunk ${index} (truncated): ${opts.recovered ? `${res.events.length} whole records in it were recovered` : 'it was not read'}.`);
		return res;
	}
	if (buf.readUInt32LE(0) !== CHUNK_MAGIC_LO || buf.readUInt32LE(4) !== CHUNK_MAGIC_HI) {
		if (buf.equals(ZERO_CHUNK)) {
			res.kind = 'empty';
			return res;
		}
		// A slot whose header was zeroed can still hold whole records further in ("cross chunk 0-byte values").
		carve(new ChunkContext(buf, 0, length), CHUNK_HEADER_SIZE, new Set(), index, fileOffset, opts, res);
		res.kind = res.events.length > 0 ? 'headerless' : 'foreign';
		res.problems.push(res.events.length > 0 ? `${where} has no chunk header but holds record data: ${res.events.length} records were recovered from it.` : `${where} is neither a chunk nor empty (no "ElfChnk" signature); it was skipped.`);
		return res;
	}
	const lastRecord = buf.readUInt32LE(44);
	const freeSpace = buf.readUInt32LE(48);
	const noCrc = opts.noCrc || (buf.readUInt32LE(120) & CHUNK_NO_CRC) !== 0;
	if (!noCrc) {
		const stored = buf.readUInt32LE(124);
		const computed = crc32(buf.subarray(128, CHUNK_HEADER_SIZE), crc32(buf.subarray(0, 120)));
		if (stored !== computed) res.problems.push(`${where}: the chunk header checksum does not match (stored ${hex(stored)}, computed ${hex(computed)}); the chunk was read anyway.`);
		if (freeSpace >= CHUNK_HEADER_SIZE && freeSpace <= length) {
			const storedData = buf.readUInt32LE(52);
			const data = crc32(buf.subarray(CHUNK_HEADER_SIZE, freeSpace));
			if (storedData !== data) res.problems.push(`${where}: the record data checksum does not match (stored ${hex(storedData)}, computed ${hex(data)}); the records were read anyway.`);
		}
	}
	// A free-space offset outside the record area is damage; the walk then runs to the first zero magic.
	const stop = freeSpace >= CHUNK_HEADER_SIZE && freeSpace <= CHUNK_SIZE ? Math.min(freeSpace, length) : length;
	const ctx = new ChunkContext(buf, 0, length);
	const live = new Set<number>();
	let pos = CHUNK_HEADER_SIZE;
	// The problem sentences name the record before a bad one; the text is made only when a problem is told.
	let prevId = -1;
	let damaged = false;
	while (pos + MIN_RECORD_SIZE <= stop) {
		const magic = buf.readUInt32LE(pos);
		if (magic === 0) break;
		const size = buf.readUInt32LE(pos + 4);
		let bad = '';
		if (magic !== RECORD_MAGIC) bad = 'has no record signature';
		else if (size < MIN_RECORD_SIZE) bad = `has size ${size}, less than the minimum of ${MIN_RECORD_SIZE} bytes`;
		else if (pos + size > CHUNK_SIZE) bad = `has size ${size}, which runs past the end of the chunk`;
		if (bad !== '') {
			res.unreadable++;
			const prev = prevId < 0 ? 'the first record' : `after record ${prevId}`;
			res.problems.push(`${where}, record at chunk offset ${hex(pos)} (${prev}) ${bad}; the rest of the chunk ${opts.recovered ? 'was scanned for recoverable records' : 'was not read'}.`);
			damaged = true;
			break;
		}
		const id = u64(buf, pos + 8);
		const copy = buf.readUInt32LE(pos + size - 4);
		// A wrong trailing copy is damage to report, but the record itself usually still decodes ([RS] reads it).
		if (copy !== size) res.problems.push(`${where}, record ${id} (chunk offset ${hex(pos)}): its trailing size copy is ${copy}, not ${size}; the record was read anyway.`);
		const ev = record(ctx, pos, size, index, fileOffset, false, opts.xml, opts.wantData);
		if (typeof ev === 'string') {
			res.unreadable++;
			res.problems.push(`${where}, record ${id} (chunk offset ${hex(pos)}): ${ev}; the record was skipped.`);
		} else res.events.push(ev);
		// Only carving asks which ids were read live.
		if (opts.recovered) live.add(id);
		prevId = id;
		pos += size;
	}
	if (pos === CHUNK_HEADER_SIZE && lastRecord !== 0 && !damaged && stop > pos) {
		res.problems.push(`${where}: no record at chunk offset ${hex(pos)} although the header names a last record at ${hex(lastRecord)}.`);
	}
	if (opts.recovered) carve(ctx, damaged ? pos + 1 : pos, live, index, fileOffset, opts, res);
	return res;
}

/**
 * Recovers records from `from` to the end of the chunk (slack, or a damaged region): every record signature
 * whose size and trailing size copy agree and that decodes. Ids already read live in this chunk are skipped.
 * Undecodable candidates are dropped silently: slack is old data that is expected to be partly overwritten.
 */
function carve(ctx: ChunkContext, from: number, live: Set<number>, index: number, fileOffset: number, opts: ChunkOptions, res: ChunkResult): void {
	const { buf, end } = ctx;
	let pos = from;
	while (pos + MIN_RECORD_SIZE <= end) {
		const at = buf.indexOf(RECORD_MAGIC_BYTES, pos);
		if (at < 0 || at + MIN_RECORD_SIZE > end) return;
		const size = buf.readUInt32LE(at + 4);
		if (size >= MIN_RECORD_SIZE && at + size <= end && buf.readUInt32LE(at + size - 4) === size) {
			const id = u64(buf, at + 8);
			const ev = live.has(id) ? null : record(ctx, at, size, index, fileOffset, true, opts.xml, null);
			if (ev !== null && typeof ev !== 'string') {
				res.events.push(ev);
				live.add(id);
				pos = at + size;
				continue;
			}
		}
		pos = at + 1;
	}
}

/**
 * Decodes one record whose bounds were checked; an error sentence when its BinXML cannot be read. `wantData`
 * (EvtxOptions) applies to live records only: a carved candidate is a record only when all of it decodes.
 */
function record(ctx: ChunkContext, pos: number, size: number, index: number, fileOffset: number, recovered: boolean, xml: boolean, wantData: ChunkOptions['wantData']): EvtxEvent | string {
	const { buf } = ctx;
	const id = u64(buf, pos + 8),
		at = fileOffset + pos;
	const start = pos + RECORD_HEADER_SIZE,
		limit = pos + size - 4;
	let event: EvtxEvent | null = null;
	try {
		// The fast lane: Windows' record shape, a System plan and a plain EventData need no tree and no walk.
		const inst = xml ? null : recordInstance(ctx, start, limit, ctx.scratch);
		if (inst !== null) {
			const plan = planOf(ctx, inst.def);
			if (plan !== null) {
				const e = newEvent(id, index, at, recovered);
				if (applyPlan(ctx, plan, inst, e)) {
					// Its System fields known, an event whose data the caller does not want is done (EvtxOptions.wantData).
					if ((wantData === null || wantData(e)) && !applyRest(ctx, plan, inst, e)) {
						// UserData or an unusual EventData: EventSink fills the event it is given from the walk.
						e.data = [];
						e.binary = null;
						const sink = new EventSink(e);
						sink.start('Event');
						walkInstance(ctx, plan.rest, inst, sink);
						sink.end();
					}
					event = e;
				}
			}
		}
		if (event === null) {
			const sink = new EventSink(newEvent(id, index, at, recovered));
			const nodes = new BinXmlParser(ctx, start, limit, false).fragment(0);
			if (xml) {
				const xs = new XmlSink();
				walk(ctx, nodes, new TeeSink(sink, xs));
				sink.event.xml = xs.toString();
			} else walk(ctx, nodes, sink);
			event = sink.event;
		}
	} catch (e) {
		if (e instanceof BinXmlError) return `${e.message} (chunk offset ${hex(e.at)})`;
		// A RangeError from a Buffer read past the end is damage too; anything else is a bug.
		if (e instanceof RangeError) return `the record data ends early (${e.message.split('.')[0]})`;
		throw e;
	}
	if (event.timeCreated === '') event.timeCreated = filetimeIsoMs(buf, pos + 16);
	return event;
}

/** The System plan of a template definition, compiled on first use in the chunk. */
function planOf(ctx: ChunkContext, def: Node[]): Plan | null {
	let plan = ctx.plans.get(def);
	if (plan === undefined) ctx.plans.set(def, (plan = compilePlan(def)));
	return plan;
}
