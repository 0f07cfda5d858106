import * as assert from 'assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Report } from '../../src/core/model/report';
import { fixture } from './fixtures';
import { runCli as run } from './runCli';

describe('CLI: quiesce-lens analyze', () => {
	it('--format json prints one report with the writers of every listing', async () => {
		const r = await run('analyze', fixture('listings'), '--format', 'json');
		assert.equal(r.code, 0, r.err);
		const report = JSON.parse(r.out) as Report;
		assert.equal(report.schema, 'quiesce-lens/report@1');
		assert.equal(report.root, 'listings');
		const ja = report.writers.find((w) => w.listing === 'ja-cp932-sql-failed-at-freeze.txt' && w.name === 'SqlServerWriter');
		assert.equal(ja?.stateCode, 9);
		const de = report.inputs.find((i) => i.path === 'de-utf16le-bom-failed-no-error.txt');
		assert.equal(de?.encoding, 'utf-16le');
		assert.equal(de?.format, 'vssadmin-list-writers');
		const fr = report.inputs.find((i) => i.path === 'fr-cp850-ntds-failed-at-post-snapshot.txt');
		assert.equal(fr?.encoding, 'cp850');
		assert.ok(report.writers.findIndex((w) => !w.failed) > report.writers.findIndex((w) => w.failed), 'failed writers first');
	});

	it('one error finding per failed writer, on its state line, naming the phase', async () => {
		const report = JSON.parse((await run('analyze', fixture('listings', 'ja-cp932-sql-failed-at-freeze.txt'))).out) as Report;
		const errors = report.findings.filter((f) => f.severity === 'error');
		assert.equal(errors.length, 1);
		assert.equal(errors[0].code, 'QL201');
		assert.match(errors[0].title, /SqlServerWriter failed at Freeze/);
		assert.equal(errors[0].hresult, '0x800423F2');
		assert.deepEqual(errors[0].evidence[0], { path: 'ja-cp932-sql-failed-at-freeze.txt', line: 20, text: '状態: [9] 失敗' });
		assert.match(errors[0].fix, /Restart-Service -Name SQLWriter/);
		assert.ok(errors[0].kb.every((k) => k.url.startsWith('https://')));
		assert.equal(report.findings.find((f) => f.code === 'QL202')?.writers[0], 'WMI Writer');
	});

	it('--format text prints a readable report', async () => {
		const r = await run('analyze', fixture('listings', 'de-utf16le-bom-failed-no-error.txt'), '--format', 'text');
		assert.equal(r.code, 0);
		assert.match(r.out, /ERROR QL201 System Writer failed at PrepareForBackup \(state \[7\]\)/);
		assert.match(r.out, /✗ WMI Writer\s+\[7\] failed at prepare backup/);
	});

	it('a file that is not a listing is an unknown input with its encoding, and every line counts as unparsed', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-cli-'));
		fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello\r\nwörld\r\n', 'latin1');
		const report = JSON.parse((await run('analyze', dir)).out) as Report;
		assert.deepEqual(
			report.inputs.map((i) => [i.path, i.format, i.encoding, i.lines, i.unparsedLines]),
			[['notes.txt', 'unknown', 'windows-1252', 2, 2]],
		);
		fs.rmSync(dir, { recursive: true });
	});

	it('- reads standard input, piped in, as a file named stdin', () => {
		const cli = path.join(__dirname, '..', '..', 'src', 'cli.js');
		const listing = "> Writer name: 'System Writer'  \n>    Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}  \n>    Writer Instance Id: {eb6b4c30-aa48-486a-9618-0d1934d180ca}  \n>    State: [7] Failed  \n>    Last error: Retryable error  \n";
		const r = spawnSync(process.execPath, [cli, 'analyze', '-', '--format', 'json'], { input: listing, encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		const report = JSON.parse(r.stdout) as Report;
		assert.deepEqual(
			report.inputs.map((i) => [i.path, i.format]),
			[['stdin', 'vssadmin-list-writers']],
		);
		assert.equal(report.writers[0].stateSource?.line, 4);
	});

	it('- is read alone', async () => {
		const r = await run('analyze', '-', fixture('listings'));
		assert.equal(r.code, 2);
		assert.match(r.err, /Standard input \(-\) is read alone/);
	});

	it('exit codes: --fail-on matches → 1; missing path → 2 with one sentence; bad usage → 2', async () => {
		assert.equal((await run('analyze', fixture('listings', 'en-ascii-all-stable.txt'), '--fail-on', 'error')).code, 0);
		assert.equal((await run('analyze', fixture('listings', 'de-utf16le-bom-failed-no-error.txt'), '--fail-on', 'error')).code, 1);
		const missing = await run('analyze', '/no/such/bundle');
		assert.equal(missing.code, 2);
		assert.equal(missing.out, '');
		assert.equal(missing.err, "quiesce-lens: Cannot read '/no/such/bundle': no such file or folder.\n");
		assert.equal((await run('frobnicate')).code, 2);
		assert.equal((await run('analyze', fixture('listings'), '--format', 'xml')).code, 2);
		assert.equal((await run('analyze')).code, 2);
	});

	it('--out writes the report to a file and nothing to stdout', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-cli-'));
		const out = path.join(dir, 'sub', 'report.json');
		const r = await run('analyze', fixture('listings', 'en-ascii-all-stable.txt'), '--out', out);
		assert.equal(r.code, 0);
		assert.equal(r.out, '');
		assert.equal((JSON.parse(fs.readFileSync(out, 'utf8')) as Report).writers.length, 11);
		fs.rmSync(dir, { recursive: true });
	});

	it('--max-file-mb lists a larger file with a clear problem and reads the rest', async () => {
		const r = await run('analyze', fixture('listings'), '--max-file-mb', '0.003');
		const report = JSON.parse(r.out) as Report;
		const big = report.inputs.find((i) => i.path === 'en-utf16le-bom-waiting-preamble.txt')!;
		assert.equal(big.format, 'unknown');
		assert.match(big.problems[0], /^Not read: 4\.\d KiB is over the per-file limit of 3\.1 KiB\.$/);
		assert.ok(report.writers.some((w) => w.listing === 'ja-cp932-sql-failed-at-freeze.txt'));
		assert.equal((await run('analyze', fixture('listings'), '--max-file-mb', 'lots')).code, 2);
	});

	it('an empty folder has no readable input → 2', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-cli-'));
		const r = await run('analyze', dir);
		assert.equal(r.code, 2);
		assert.match(r.err, /No readable input/);
		fs.rmSync(dir, { recursive: true });
	});
});
