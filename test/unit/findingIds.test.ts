// Every finding has an id: unique within its report, the same in both locales and on every run, made of
// what the finding is about rather than its place in the list.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, type Report } from '../../src/core';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { renderSarif } from '../../src/core/report/renderSarif';
import { FIXTURES } from './fixtures';
import { ROOT } from './readFixture';
import { input, listing, writer } from './ruleInputs';

const ID = /^(QL\d{3})(?:-(a\d+))?-[0-9a-f]{8}(?:-(\d+))?$/;

/** Every analysed thing of the golden check: bundle-like folders and single files. */
function targets(): string[] {
	const out: string[] = [];
	for (const group of ['bundles', 'archives', 'workspaces', 'listings']) for (const e of fs.readdirSync(path.join(FIXTURES, group))) out.push(path.join(FIXTURES, group, e));
	const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.md') ? [] : [path.join(dir, e.name)]));
	out.push(...files(path.join(FIXTURES, 'formats')));
	const samples = path.join(ROOT, 'samples');
	out.push(
		...fs
			.readdirSync(samples, { withFileTypes: true })
			.filter((d) => d.isDirectory())
			.map((d) => path.join(samples, d.name)),
	);
	return out;
}

const ids = (r: Report) => r.findings.map((f) => f.id);

describe('finding ids: stable and unique', () => {
	let total = 0;
	after(() => assert.ok(total > 40, `only ${total} findings across the fixtures`));

	for (const target of targets()) {
		it(path.relative(ROOT, target), () => {
			const en = analyze([target], { locale: 'en' });
			const ja = analyze([target], { locale: 'ja' });
			total += en.findings.length;
			assert.deepEqual(ids(ja), ids(en), 'the same ids in both locales');
			assert.deepEqual(ids(analyze([target], { locale: 'en' })), ids(en), 'the same ids on another run');
			assert.equal(new Set(ids(en)).size, en.findings.length, `ids repeat: ${ids(en).join(' ')}`);
			for (const f of en.findings) {
				const m = ID.exec(f.id);
				assert.ok(m, f.id);
				assert.equal(m[1], f.code, f.id);
				assert.equal(m[2] ?? null, f.attemptId, f.id);
			}
		});
	}

	it('an id follows what the finding is about, not its place in the list', () => {
		const a = writer('SqlServerWriter', 9),
			b = writer('System Writer', 8);
		const forward = diagnose(input({ writers: [a, b], writerListings: [listing()] }));
		const backward = diagnose(input({ writers: [b, a], writerListings: [listing()] }));
		const byWriter = (list: readonly { id: string; writers: string[] }[]) => Object.fromEntries(list.map((f) => [f.writers.join(), f.id]));
		assert.deepEqual(byWriter(backward), byWriter(forward));
		assert.notEqual(forward[0].id, forward[1].id);
	});

	it('two findings about the same thing are told apart by -2, in report order', () => {
		const w = writer('SqlServerWriter', 9);
		const [first, second] = diagnose(input({ writers: [w, w], writerListings: [listing()] }));
		assert.equal(second.id, `${first.id}-2`);
	});

	it('the JSON report and SARIF carry them', () => {
		const report = analyze([path.join(FIXTURES, 'listings', 'ja-cp932-sql-failed-at-freeze.txt')]);
		assert.ok(report.findings.length > 0);
		const json = JSON.parse(JSON.stringify(report)) as Report;
		assert.deepEqual(Object.keys(json.findings[0])[0], 'id', 'the id comes first');
		assert.deepEqual(ids(json), ids(report));
		const sarif = JSON.parse(renderSarif(report)) as { runs: { results: { properties: { id: string } }[] }[] };
		assert.deepEqual(
			sarif.runs[0].results.map((r) => r.properties.id),
			ids(report),
		);
	});
});
