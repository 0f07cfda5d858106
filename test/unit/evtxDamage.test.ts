// Damage made in the tests from a real log with valid CRCs (python-evtx system.evtx: 9 chunks, 1601 records)
// and from generated ones: each gives the right problem sentence and everything else is still read.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { crc32 } from 'zlib';
import { readEvtxBytes } from '../../src/core/formats/windows/evtx';
import { fixturesDir } from '../lib/paths';

const REAL = fs.readFileSync(path.join(fixturesDir, 'evtx', 'williballenthin_python-evtx__system.evtx'));
const CHUNK = 65_536,
	HEADER = 4096;
const chunkAt = (i: number) => HEADER + i * CHUNK;
const base = readEvtxBytes(REAL);
const TOTAL = base.summary.events;
const perChunk = (i: number) => base.events.filter((e) => e.chunk === i && !e.recovered).length;

/** A copy of the real file with a change applied. */
function mutate(change: (b: Buffer) => void): Buffer {
	const b = Buffer.from(REAL);
	change(b);
	return b;
}

/** Recomputes the file header CRC (so that only the intended damage remains). */
const fixHeaderCrc = (b: Buffer) => b.writeUInt32LE(crc32(b.subarray(0, 120)), 124);

describe('evtx reader: damage is told, never fatal', () => {
	it('the clean file reads without problems', () => {
		assert.deepEqual(base.summary.problems, []);
		assert.equal(TOTAL, 1601);
	});

	it('dirty flag and a stale chunk count: every chunk is still read, no problem', () => {
		const r = readEvtxBytes(
			mutate((b) => {
				b.writeUInt32LE(1, 120);
				b.writeUInt16LE(3, 42);
				fixHeaderCrc(b);
			}),
		);
		assert.equal(r.summary.header?.dirty, true);
		assert.equal(r.summary.events, TOTAL);
		assert.deepEqual(r.summary.problems, []);
	});

	it('a broken header checksum is told and the file read', () => {
		const r = readEvtxBytes(mutate((b) => b.writeUInt32LE(0xdeadbeef, 124)));
		assert.deepEqual(r.summary.problems, ['The file header checksum does not match; the file was read anyway.']);
		assert.equal(r.summary.events, TOTAL);
	});

	it('the no-CRC flag turns every check off', () => {
		const r = readEvtxBytes(
			mutate((b) => {
				b.writeUInt32LE(4, 120);
				b.writeUInt32LE(0, 124);
				b.writeUInt32LE(0, chunkAt(0) + 52);
				b.writeUInt32LE(0, chunkAt(0) + 124);
			}),
		);
		assert.deepEqual(r.summary.problems, []);
	});

	it('broken chunk header and data checksums are told per chunk', () => {
		const r = readEvtxBytes(
			mutate((b) => {
				b.writeUInt32LE(1, chunkAt(2) + 124);
				b[chunkAt(5) + 600] ^= 0xff;
			}),
		);
		assert.equal(r.summary.problems.length, 2);
		assert.match(r.summary.problems[0], /^Chunk 2 \(file offset 0x21000\): the chunk header checksum does not match \(stored 0x1, computed 0x[0-9a-f]+\); the chunk was read anyway\.$/);
		assert.match(r.summary.problems[1], /^Chunk 5 \(file offset 0x51000\): the record data checksum does not match/);
	});

	it('a zeroed chunk is an empty slot; the rest is read', () => {
		const r = readEvtxBytes(mutate((b) => b.fill(0, chunkAt(3), chunkAt(4))));
		assert.deepEqual(r.summary.problems, []);
		assert.equal(r.summary.events, TOTAL - perChunk(3));
	});

	it('a zeroed chunk header with records behind it: they are recovered, not live', () => {
		const r = readEvtxBytes(mutate((b) => b.fill(0, chunkAt(3), chunkAt(3) + 512)));
		assert.equal(r.summary.events, TOTAL - perChunk(3));
		assert.equal(r.events.filter((e) => e.chunk === 3 && e.recovered).length, perChunk(3));
		assert.deepEqual(r.summary.problems, [`Chunk 3 (file offset 0x31000) has no chunk header but holds record data: ${perChunk(3)} records were recovered from it.`]);
	});

	it('a foreign chunk (garbage) is told and skipped', () => {
		const r = readEvtxBytes(mutate((b) => b.fill(0x77, chunkAt(1), chunkAt(2))));
		assert.deepEqual(r.summary.problems, ['Chunk 1 (file offset 0x11000) is neither a chunk nor empty (no "ElfChnk" signature); it was skipped.']);
		assert.equal(r.summary.events, TOTAL - perChunk(1));
	});

	it('a record of size 0 stops the live walk of its chunk; the rest is recovered', () => {
		const second = base.events.filter((e) => e.chunk === 0)[1];
		const at = second.offset;
		const r = readEvtxBytes(mutate((b) => b.writeUInt32LE(0, at + 4)));
		assert.equal(r.summary.unreadable, 1);
		assert.match(r.summary.problems[0], /^Chunk 0 .*record data checksum/);
		assert.equal(
			r.summary.problems[1],
			`Chunk 0 (file offset 0x1000), record at chunk offset 0x${(at - HEADER).toString(16)} (after record ${base.events[0].recordId}) has size 0, less than the minimum of 28 bytes; the rest of the chunk was scanned for recoverable records.`,
		);
		assert.equal(r.summary.events, TOTAL - perChunk(0) + 1);
		assert.equal(r.summary.recovered, perChunk(0) - 2);
	});

	it('a bad BinXML token is told with chunk and record; the other records are read', () => {
		const third = base.events.filter((e) => e.chunk === 0)[2];
		const r = readEvtxBytes(
			mutate((b) => {
				b[third.offset + 24] = 0x77;
			}),
		);
		assert.equal(r.summary.unreadable, 1);
		assert.match(
			r.summary.problems.at(-1) ?? '',
			new RegExp(`^Chunk 0 \\(file offset 0x1000\\), record ${third.recordId} \\(chunk offset 0x${(third.offset - HEADER).toString(16)}\\): bad BinXML token 0x77 \\(chunk offset 0x[0-9a-f]+\\); the record was skipped\\.$`),
		);
		assert.equal(r.summary.events, TOTAL - 1);
	});

	for (const cut of [100, HEADER, HEADER + 300, HEADER + 40_000, chunkAt(5) + 12_345]) {
		it(`truncation at byte ${cut} is told and what is whole is read`, () => {
			const r = readEvtxBytes(REAL.subarray(0, cut));
			const whole = Math.max(0, Math.floor((cut - HEADER) / CHUNK));
			const expected = base.events.filter((e) => e.chunk < whole && !e.recovered).length;
			assert.equal(r.summary.events, expected);
			if (cut < 128) assert.deepEqual(r.summary.problems, ['Not read: the file is 100 bytes long, shorter than an EVTX file header (128 bytes).']);
			else if (cut > HEADER) assert.match(r.summary.problems.at(-1) ?? '', new RegExp(`^The file ends ${(cut - HEADER) % CHUNK} bytes into chunk ${whole} \\(truncated\\)`));
			else assert.deepEqual(r.summary.problems, []);
		});
	}

	it('an empty log (header only) has no events and no problems', () => {
		const r = readEvtxBytes(REAL.subarray(0, HEADER));
		assert.equal(r.summary.chunkSlots, 0);
		assert.deepEqual(r.summary.problems, []);
	});

	it('a file that is not EVTX is refused in one sentence', () => {
		const r = readEvtxBytes(Buffer.from('<Events><Event/></Events>'.repeat(10)));
		assert.equal(r.summary.header, null);
		assert.deepEqual(r.summary.problems, ['Not read: the file does not start with the EVTX signature "ElfFile".']);
	});
});
