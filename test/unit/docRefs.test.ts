// No text a user sees cites the project's internal design documents (formats.md §7.3 and the like): the
// hovers, findings, knowledge tables, l10n bundles and every fixture's report name public sources only.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { explainAt } from '../../src/core/diagnosis/explain';
import { EVENTS } from '../../src/core/knowledge/events';
import { HRESULTS } from '../../src/core/knowledge/hresults';
import { KNOWN_PROVIDERS } from '../../src/core/knowledge/providers';
import { WRITERS } from '../../src/core/knowledge/writerServices';
import { FIXTURES } from './fixtures';
import { ROOT } from './readFixture';

const INTERNAL = /formats\.md|architecture\.md|report-schema\.md|§/;

function files(dir: string, ext: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
	});
}

describe('user-visible text cites no internal design document', () => {
	it('no source line outside comments does (messages, tables, hovers, problems)', () => {
		for (const f of files(path.join(ROOT, 'src'), '.ts')) {
			fs.readFileSync(f, 'utf8')
				.split('\n')
				.forEach((line, i) => {
					const t = line.trim();
					if (t.startsWith('*') || t.startsWith('/*') || t.startsWith('//')) return;
					// A trailing comment (` // …`, not the `//` of a URL) is no user's either.
					assert.doesNotMatch(line.replace(/\s\/\/\s.*$/, ''), INTERNAL, `${path.relative(ROOT, f)}:${i + 1}`);
				});
		}
	});

	it('the hovers of every HRESULT and event, in both languages', () => {
		for (const locale of ['en', 'ja']) {
			for (const hr of Object.keys(HRESULTS)) {
				const e = explainAt(hr, 1, locale);
				assert.ok(e, hr);
				for (const line of e.lines) assert.doesNotMatch(line, INTERNAL, `${hr}: ${line}`);
			}
			for (const [provider, ids] of Object.entries(EVENTS)) {
				for (const id of Object.keys(ids)) {
					const text = `<Provider Name='${provider}'/><EventID>${id}</EventID>`;
					const e = explainAt(text, text.indexOf('<EventID>') + 10, locale);
					assert.ok(e, `${provider} ${id}`);
					for (const line of e.lines) assert.doesNotMatch(line, INTERNAL, `${provider} ${id}: ${line}`);
				}
			}
		}
	});

	it('the sources of the provider and writer tables', () => {
		for (const p of Object.values(KNOWN_PROVIDERS)) assert.doesNotMatch(p.source, INTERNAL, p.name);
		for (const w of WRITERS) assert.doesNotMatch(w.source, INTERNAL, w.name);
	});

	it("the l10n bundles, the manifest strings and every fixture's committed report", () => {
		const texts = ['package.nls.json', 'package.nls.ja.json', ...fs.readdirSync(path.join(ROOT, 'l10n')).map((f) => path.join('l10n', f))].map((f) => path.join(ROOT, f)).concat(files(path.join(FIXTURES, 'golden'), '.json'));
		for (const f of texts) assert.doesNotMatch(fs.readFileSync(f, 'utf8'), INTERNAL, path.relative(ROOT, f));
	});
});
