// A .gz log whose trailer declares more than 32 MiB is inflated as it is read (memory stays flat); a smaller
// one is inflated at once by zlib (src/core/ingest/read.ts). Both must give the plain file's reading. Slow by
// design: the streamed case needs a file over 32 MiB.
import * as assert from 'assert/strict';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { analyze } from '../../src/core';

describe('a big gzip file on disk is streamed', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-gzip-'));
	after(() => fs.rmSync(dir, { recursive: true, force: true }));
	// 33 MiB of vmware.log lines, each with 16 random bytes in hex that gzip cannot squeeze (past the zip-bomb ratio).
	const line = (i: number) => `2024-05-22T19:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.117Z| vmx| I005: Tools: poll ${crypto.randomBytes(16).toString('hex')}\n`;
	const lines: string[] = [];
	for (let n = 0, i = 0; n <= 33 * 1024 * 1024; i++) n += (lines[i] = line(i)).length;
	lines.push("2024-05-22T20:00:00.117Z| vmx| I005: SnapshotVMX_TakeSnapshot start: 'snap', deviceState=0, lazy=0, quiesced=1\n");
	const text = lines.join('');
	const gz = zlib.gzipSync(text, { level: 1 });

	const readAs = (name: string, bytes: Buffer) => {
		const sub = fs.mkdtempSync(path.join(dir, 'case-'));
		fs.writeFileSync(path.join(sub, name), bytes);
		return analyze([sub], { maxFileBytes: 64 * 1024 * 1024 }).inputs[0];
	};

	it('reads it as the plain file, records and lines alike', () => {
		assert.ok(gz.readUInt32LE(gz.length - 4) > 32 * 1024 * 1024, 'the trailer declares over 32 MiB');
		const plain = readAs('vmware.log', Buffer.from(text));
		const zipped = readAs('vmware.log.gz', gz);
		assert.equal(zipped.lines, lines.length);
		assert.deepEqual({ ...zipped, path: plain.path, formatReason: plain.formatReason }, plain);
		assert.match(zipped.formatReason, /^gzip-compressed; vmware\.log/);
	});

	it('a cut one is listed with its problem, not read short', () => {
		// Its data cut, its trailer kept: it still declares over 32 MiB, so it is streamed.
		const input = readAs('cut.log.gz', Buffer.concat([gz.subarray(0, gz.length - 1000), gz.subarray(gz.length - 8)]));
		assert.equal(input.formatReason, 'not read');
		assert.match(input.problems[0], /gzip data cannot be read/);
	});
});
