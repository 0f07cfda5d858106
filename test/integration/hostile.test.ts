// Integration: a hostile folder analysed in the real extension host. The host must keep running, the
// analysis must list every damaged file with its problem, the trees must still render, and the next
// analysis (the fixture workspace) must work as before.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { tarOf, zipOf } from '../lib/hostileCorpus';
import { analyzed, api } from './helpers';

const WRITERS = [
	'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool',
	'(C) Copyright 2001-2013 Microsoft Corp.',
	'',
	"Writer name: 'System Writer'",
	'   Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}',
	'   Writer Instance Id: {7848396d-00b1-47cd-8ba9-769b7ce402d2}',
	'   State: [9] Failed',
	'   Last error: Timed out',
	'',
].join('\r\n');

describe('a hostile folder in the real extension host', () => {
	let dir = '';
	before(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-hostile-ext-'));
		fs.writeFileSync(path.join(dir, 'empty.log'), '');
		fs.writeFileSync(path.join(dir, 'random.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff)));
		execFileSync('mkfifo', [path.join(dir, 'pipe.fifo')]);
		fs.symlinkSync('loop-b.log', path.join(dir, 'loop-a.log'));
		fs.symlinkSync('loop-a.log', path.join(dir, 'loop-b.log'));
		fs.writeFileSync(
			path.join(dir, 'bomb.zip'),
			zipOf([
				{ name: 'zeros.log', data: Buffer.alloc(0), packed: zlib.deflateRawSync(Buffer.alloc(50 * 1024 * 1024)), declaredSize: 50 * 1024 * 1024 },
				{ name: '../../escape.log', data: Buffer.from('x') },
				{ name: 'guest/writers.txt', data: Buffer.from(WRITERS) },
			]),
		);
		fs.writeFileSync(path.join(dir, 'links.tar'), tarOf([{ name: 'passwd', data: '', type: '2', linkTo: '/etc/passwd' }]));
		fs.writeFileSync(path.join(dir, 'long-line.log'), `${'x'.repeat(10 * 1024 * 1024)}\n`);
		fs.writeFileSync(path.join(dir, 'laughs.xml'), '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><BACKUP_COMPONENTS>&b;</BACKUP_COMPONENTS>\n');
	});
	after(() => fs.rmSync(dir, { recursive: true, force: true }));
	afterEach(async () => (await api()).clear());

	it('is analysed without taking the host down: every damaged file listed with its problem', async () => {
		const lens = await api();
		const report = await lens.analyze([dir]);
		assert.ok(report, 'the analysis returns a report');
		const problems = (p: string) => report.inputs.find((i) => i.path === p)?.problems.join(' ') ?? `${p} not listed`;
		assert.match(problems('empty.log'), /empty/);
		assert.match(problems('random.bin'), /binary/);
		assert.match(problems('pipe.fifo'), /FIFO/);
		assert.match(problems('loop-a.log'), /ELOOP/);
		assert.match(problems('bomb.zip'), /zeros\.log.*ratio limit/);
		assert.match(problems('bomb.zip'), /escape\.log.*unsafe path/);
		assert.match(problems('links.tar'), /passwd.*a link: not followed/);
		assert.strictEqual(report.inputs.find((i) => i.path === 'long-line.log')?.lines, 1);
		assert.ok(!fs.existsSync(path.join(dir, '..', '..', 'escape.log')), 'nothing was extracted');
	});

	it('the trees render what could be read, and the host answers the next analysis as before', async () => {
		const lens = await api();
		await lens.analyze([dir]);
		const writers = lens.writers.getChildren();
		assert.strictEqual(writers.length, 1, 'the listing inside the damaged zip is read');
		assert.strictEqual(lens.writers.getTreeItem(writers[0]).description, 'failed at freeze · Timed out');
		// The attempts view lists every file it could not fully read, one line per problem.
		const problems = lens.attempts.getChildren().find((n) => n.kind === 'problems');
		assert.ok(problems, 'a "Files not fully read" node');
		const rows = lens.attempts.getChildren(problems).map((n) => lens.attempts.getTreeItem(n));
		const row = (label: string) =>
			rows
				.filter((r) => r.label === label)
				.map((r) => String(r.description))
				.join(' | ');
		assert.match(row('pipe.fifo'), /FIFO/);
		assert.match(row('random.bin'), /binary/);
		assert.match(row('bomb.zip'), /ratio limit/);
		assert.ok(rows.every((r) => typeof r.description === 'string' && r.description.length > 0));
		const again = await analyzed('quiesceLens.analyzeWorkspace');
		assert.strictEqual(again?.writers.length, 11, 'the fixture workspace analyses as before');
	});
});
