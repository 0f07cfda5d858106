// The golden check: the whole report of every fixture (bundles, archives, workspaces, sample bundles,
// single format files and listings) in both locales, compared with the committed report in
// test/fixtures/golden/. A change that alters any report fails here and names the first difference;
// when the change is meant, `QL_UPDATE_GOLDEN=1 npm run test:unit` rewrites the files and `git diff`
// shows what changed for review. Each report is also validated against the shipped JSON Schema (with its
// finding ids), so the contract is checked on every fixture without analysing it a second time.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, type Report } from '../../src/core';
import { FIXTURES } from './fixtures';
import { schemaErrors } from './reportSchema';

const GOLDEN = path.join(FIXTURES, 'golden');
const SAMPLES = path.resolve(FIXTURES, '..', '..', 'samples');
const update = process.env.QL_UPDATE_GOLDEN === '1';

/** Every analysed thing: each folder of a bundle-like fixture, each file of a per-format fixture. */
function targets(): { name: string; path: string }[] {
	const out: { name: string; path: string }[] = [];
	const dirs = (parent: string) =>
		fs.existsSync(parent)
			? fs
					.readdirSync(parent, { withFileTypes: true })
					.filter((d) => d.isDirectory())
					.map((d) => d.name)
					.sort()
			: [];
	// Folders are bundles, read whole; the loose files of fragments/ and products/ are read one by one below.
	for (const group of ['bundles', 'archives', 'workspaces', 'products']) for (const d of dirs(path.join(FIXTURES, group))) out.push({ name: `${group}--${d}`, path: path.join(FIXTURES, group, d) });
	for (const d of dirs(SAMPLES)) out.push({ name: `samples--${d}`, path: path.join(SAMPLES, d) });
	const files = (dir: string, prefix: string, recurse = true) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const p = path.join(dir, e.name);
			if (e.isDirectory()) {
				if (recurse) files(p, `${prefix}--${e.name}`, recurse);
			} else if (!e.name.endsWith('.md')) out.push({ name: `${prefix}--${e.name}`, path: p });
		}
	};
	files(path.join(FIXTURES, 'formats'), 'formats');
	files(path.join(FIXTURES, 'listings'), 'listings');
	files(path.join(FIXTURES, 'fragments'), 'fragments');
	files(path.join(FIXTURES, 'products'), 'products', false);
	return out;
}

/** The report as compared: finding ids are left out, so that ids may be added or change form. */
function comparable(r: Report): unknown {
	return { ...r, findings: r.findings.map((f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'id'))) };
}

describe('golden reports: every fixture reads as the committed report, valid by the schema', () => {
	for (const t of targets()) {
		for (const locale of ['en', 'ja'] as const) {
			it(`${t.name} (${locale})`, () => {
				const file = path.join(GOLDEN, `${t.name}.${locale}.json`);
				const report = JSON.parse(JSON.stringify(analyze([t.path], { locale }))) as Report;
				assert.equal(schemaErrors(report), null);
				const got = comparable(report);
				if (update || !fs.existsSync(file)) {
					if (!update) assert.fail(`${path.relative(FIXTURES, file)} is missing: run QL_UPDATE_GOLDEN=1 npm run test:unit`);
					fs.mkdirSync(GOLDEN, { recursive: true });
					fs.writeFileSync(file, JSON.stringify(got, null, '\t') + '\n');
					return;
				}
				assert.deepEqual(got, JSON.parse(fs.readFileSync(file, 'utf8')));
			});
		}
	}
});
