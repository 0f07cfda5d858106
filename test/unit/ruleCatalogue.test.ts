// The rule catalogue lists every finding code the rules raise, and only those; every finding of every
// fixture keeps to its code's severities and references; SARIF's driver lists the whole catalogue; and the
// README's findings table is the catalogue (`QL_UPDATE_README=1` rewrites it from the catalogue).
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../src/core';
import { RULE_CATALOGUE, ruleInfo, ruleKb, type RuleInfo } from '../../src/core/diagnosis/ruleCatalogue';
import { CATALOGUES, t } from '../../src/core/knowledge/messages';
import { REPORT_SCHEMA, type Finding, type Report } from '../../src/core/model/report';
import { renderSarif } from '../../src/core/report/renderSarif';
import { FIXTURES } from './fixtures';
import { ROOT } from './readFixture';

const RULES_DIR = path.join(ROOT, 'src', 'core', 'diagnosis', 'rules');
const README = path.join(ROOT, 'README.md');

/** The README row of a catalogue entry: code, family, severities, what it is, the references it may cite. */
function readmeRow(r: RuleInfo): string {
	const refs = ruleKb(r).map((k) => `[${k.id}](${k.url})`);
	if (r.citesFault) refs.push("the vSphere API page of the attempt's fault");
	return `| ${r.code} | ${r.family} | ${r.severities.join(' / ')} | ${t('en', r.title)} | ${refs.join(', ') || '—'} |`;
}

const README_TABLE = ['| code | family | severity | finding | references |', '|---|---|---|---|---|', ...RULE_CATALOGUE.map(readmeRow)];

/** The README's findings table: the lines starting with `|` after the `## Findings` heading. */
function readmeTable(lines: readonly string[]): { start: number; end: number } {
	const heading = lines.indexOf('## Findings');
	assert.ok(heading >= 0, 'README has no "## Findings" section');
	const start = lines.findIndex((l, i) => i > heading && l.startsWith('|'));
	const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
	return { start, end };
}

/** Every report the fixtures make (bundles, archives, workspaces, listings, each format file, the samples), English. */
function fixtureReports(): { name: string; report: Report }[] {
	const out: { name: string; report: Report }[] = [];
	const add = (p: string) => out.push({ name: path.relative(ROOT, p), report: analyze([p]) });
	for (const group of ['bundles', 'archives', 'workspaces', 'listings']) for (const e of fs.readdirSync(path.join(FIXTURES, group))) add(path.join(FIXTURES, group, e));
	const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.md') ? [] : [path.join(dir, e.name)]));
	files(path.join(FIXTURES, 'formats')).forEach(add);
	const samples = path.join(ROOT, 'samples');
	for (const e of fs.readdirSync(samples, { withFileTypes: true }).filter((d) => d.isDirectory())) add(path.join(samples, e.name));
	return out;
}

/** True when `part` is `whole` with some entries left out, in the same order. */
const subsequence = (part: readonly string[], whole: readonly string[]): boolean => {
	let i = 0;
	for (const x of whole) if (i < part.length && part[i] === x) i++;
	return i === part.length;
};

describe('rule catalogue: every finding code, its severities and references, in one table', () => {
	it('lists exactly the codes the rules raise, each once, and the rules spell no code of their own', () => {
		const used = new Set<string>();
		for (const f of fs.readdirSync(RULES_DIR)) {
			const text = fs.readFileSync(path.join(RULES_DIR, f), 'utf8');
			for (const m of text.matchAll(/ruleDefaults\('(QL\d{3})'/g)) used.add(m[1]);
			assert.doesNotMatch(text, /code: 'QL\d/, `${f} sets a code itself: take it from the catalogue (ruleDefaults)`);
		}
		const codes = RULE_CATALOGUE.map((r) => r.code);
		assert.deepEqual([...used].sort(), codes);
		assert.deepEqual([...new Set(codes)], codes, 'each code once, in code order');
		assert.equal(codes.length, 67);
	});

	it('every code has its one-line title in both languages, and every title its code', () => {
		const titles = Object.keys(CATALOGUES.en)
			.filter((k) => k.endsWith('.short'))
			.map((k) => k.slice(0, -'.short'.length));
		assert.deepEqual(
			titles.sort(),
			RULE_CATALOGUE.map((r) => r.code),
		);
		for (const r of RULE_CATALOGUE) {
			assert.ok(t('en', r.title).length > 10, r.code);
			assert.match(t('ja', r.title), /[\u3040-\u30ff\u3400-\u9fff]/, r.code);
		}
	});

	it('severities are worst first; families follow the code ranges', () => {
		const rank = { error: 0, warning: 1, info: 2 };
		const ranges: Record<string, string> = {
			'guest-status': '1',
			'host-reasons': '1',
			consistency: '1',
			unexplained: '1',
			writers: '2',
			listings: '3',
			'vss-infrastructure': '3',
			'event-evidence': '3',
			providers: '4',
			storage: '4',
			'guest-configuration': '4',
			hypervisor: '5',
			'backup-products': '5',
		};
		for (const r of RULE_CATALOGUE) {
			assert.deepEqual(
				[...r.severities].sort((a, b) => rank[a] - rank[b]),
				[...r.severities],
				r.code,
			);
			assert.equal(new Set(r.severities).size, r.severities.length, r.code);
			assert.equal(r.code[2], ranges[r.family], `${r.code} is not in the ${r.family} range`);
		}
		assert.equal(ruleInfo('QL999'), undefined);
	});

	describe("every finding of every fixture keeps to its code's catalogue entry", () => {
		const reports = fixtureReports();
		it('there are findings of most codes', () => {
			const seen = new Set(reports.flatMap((r) => r.report.findings.map((f) => f.code)));
			assert.ok(seen.size >= 12, `only ${seen.size} codes seen`);
		});
		for (const { name, report } of reports) {
			it(name, () => {
				for (const f of report.findings) {
					const r = ruleInfo(f.code);
					assert.ok(r, `${f.code} is not in the catalogue`);
					assert.ok(r.severities.includes(f.severity), `${f.code}: ${f.severity} is not one of ${r.severities.join(', ')}`);
					const listed = ruleKb(r).map((k) => k.url);
					// A code that cites its attempt's fault may add that fault's page to what the catalogue lists.
					const cited = f.kb.filter((k) => !(r.citesFault && k.id.startsWith('vSphere API: '))).map((k) => k.url);
					assert.ok(subsequence(cited, listed), `${f.code} cites ${cited.join(' ')} beyond or out of the catalogue's order`);
				}
			});
		}
	});

	it('SARIF: the driver lists every rule of the catalogue, and each result points at its own', () => {
		const empty: Report = {
			schema: REPORT_SCHEMA,
			tool: { name: 'quiesce-lens', version: '0' },
			root: 'r',
			hypervisor: 'unknown',
			inputs: [],
			writerListings: [],
			writers: [],
			providers: [],
			shadows: [],
			shadowStorage: [],
			volumes: [],
			attempts: [],
			findings: [],
		};
		type Sarif = { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
		const rules = (JSON.parse(renderSarif(empty)) as Sarif).runs[0].tool.driver.rules;
		const level = { error: 'error', warning: 'warning', info: 'note' };
		assert.deepEqual(
			rules.map((r) => [r.id, r.shortDescription.text, r.defaultConfiguration.level]),
			RULE_CATALOGUE.map((r) => [r.code, t('en', r.title), level[r.severities[0]]]),
		);
		const all: Finding[] = fixtureReports().flatMap((r) => r.report.findings);
		const run = (JSON.parse(renderSarif({ ...empty, findings: all })) as Sarif).runs[0];
		assert.equal(run.tool.driver.rules.length, RULE_CATALOGUE.length, 'no rule beyond the catalogue');
		for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
	});

	it("the README's findings table is the catalogue, row by row", () => {
		const lines = fs.readFileSync(README, 'utf8').split('\n');
		const { start, end } = readmeTable(lines);
		if (process.env.QL_UPDATE_README === '1') {
			lines.splice(start, end - start, ...README_TABLE);
			fs.writeFileSync(README, lines.join('\n'));
			return;
		}
		const rows = lines.slice(start, end);
		README_TABLE.forEach((row, i) => assert.equal(rows[i], row, `README findings table, row ${i + 1} (QL_UPDATE_README=1 rewrites it)`));
		assert.equal(rows.length, README_TABLE.length, 'README findings table: rows beyond the catalogue');
	});
});
