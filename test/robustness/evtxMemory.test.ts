// A large .evtx is read 64 KiB at a time from its descriptor, never loaded whole: the CLI analysing a
// 256 MiB log (real chunks, repeated) keeps its peak resident memory well under the file's size. Slow by
// design (writing and reading the file take seconds), hence here and not in test/unit.
import * as assert from 'assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildInput } from '../bench/evtxBench';

const MiB = 1024 * 1024;
const SIZE = 256 * MiB;
const out = path.resolve(__dirname, '..', '..');

describe('a large .evtx is read by chunks, not held in memory', function () {
	this.timeout(300_000);

	it(`the CLI reads a ${SIZE / MiB} MiB .evtx with a peak RSS well under its size, every record counted`, () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-evtx-mem-'));
		try {
			// One file: the first part's header, then every part's chunks (the header's counts go stale, as in a dirty log).
			const parts = buildInput(dir, SIZE);
			const big = path.join(dir, 'System.evtx');
			const fd = fs.openSync(big, 'w');
			parts.forEach((p, i) => {
				const b = fs.readFileSync(p);
				fs.writeSync(fd, i === 0 ? b : b.subarray(4096));
				fs.rmSync(p);
			});
			fs.closeSync(fd);
			const rssFile = path.join(dir, 'rss'),
				report = path.join(dir, 'report.json');
			const r = spawnSync(process.execPath, ['-r', path.join(out, 'test', 'lib', 'reportRss.js'), path.join(out, 'src', 'cli.js'), 'analyze', big, '--format', 'json', '--out', report], { env: { ...process.env, QL_RSS_FILE: rssFile }, encoding: 'utf8' });
			assert.equal(r.status, 0, r.stderr);
			const input = (JSON.parse(fs.readFileSync(report, 'utf8')) as { inputs: { records?: number; problems: string[] }[] }).inputs[0];
			assert.deepEqual(input.problems, []);
			assert.ok((input.records ?? 0) > 600_000, `${input.records} records`);
			const peakMiB = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
			// Node itself and the kept records take ~150 MiB; a reader holding the file would pass its 256 MiB.
			assert.ok(peakMiB < 0.8 * (SIZE / MiB), `peak RSS ${peakMiB.toFixed(0)} MiB`);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
