// Runs after vsce in `npm run package`: fails with a clear message when the .vsix or the extension's
// bundle outgrows its budget, or when the package lacks a file the Marketplace shows or holds one that
// should stay home. Prints the sizes either way, so a growing bundle is seen before it hits the budget.
import { readFileSync, statSync } from 'fs';
import { unzipSync } from 'fflate';

const KiB = 1024;
// Budgets: the sizes of 2026-12-06 (.vsix 1,841 KiB, dist/extension.js 1,124 KiB) plus about 25%; raised on
// 2026-12-07 from 1,400 / 2,300 KiB for the readers, rules and English and Japanese texts of session 8
// (.vsix 2,315 KiB, dist/extension.js 1,422 KiB, of which 355 KiB the two message catalogues) plus about 8%.
// dist/extension.js lowered on 2026-12-07 when the host stopped bundling the readers (src/core/host.ts):
// 543 KiB, of which 415 KiB the two catalogues, plus about 30% for the texts of new findings.
// Raise one only for a reason worth a line in the commit that does it.
const BUDGETS = [
	{ what: 'dist/extension.js', bytes: 704 * KiB },
	{ what: 'the .vsix', bytes: 2500 * KiB },
];
// vsce stores the README, CHANGELOG and LICENSE under names of its own (readme.md, LICENSE.txt …).
const REQUIRED = [/^extension\/readme\.md$/i, /^extension\/changelog\.md$/i, /^extension\/license(\.txt)?$/i, /^extension\/dist\/extension\.js$/, /^extension\/media\/icon\.png$/];
const FORBIDDEN = /^extension\/(\.vscode|docs|src|test|out|node_modules|scripts)\/|^extension\/contributing\.md$/i;

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const vsix = `${name}-${version}.vsix`;
const sizes = { 'dist/extension.js': statSync('dist/extension.js').size, 'the .vsix': statSync(vsix).size };
const entries = [];
// The filter sees every entry's name and inflates none.
unzipSync(readFileSync(vsix), { filter: (f) => (entries.push(f.name), false) });

const kib = (bytes) => `${(bytes / KiB).toFixed(0)} KiB`;
const problems = [];
for (const b of BUDGETS) {
	const size = sizes[b.what];
	console.log(`${b.what}: ${kib(size)} of a ${kib(b.bytes)} budget (${Math.round((size / b.bytes) * 100)}%)`);
	if (size > b.bytes) problems.push(`${b.what} is ${kib(size)}, over its budget of ${kib(b.bytes)}: find what grew (esbuild --analyze, or the .vsix listing vsce printed) before raising the budget in scripts/checkPackage.mjs.`);
}
for (const r of REQUIRED) if (!entries.some((e) => r.test(e))) problems.push(`${vsix} lacks ${r.source.replace(/\\/g, '')}: check .vscodeignore and the "icon" in package.json.`);
for (const e of entries.filter((e) => FORBIDDEN.test(e))) problems.push(`${vsix} holds ${e}, which must stay out of the package: check .vscodeignore.`);

if (problems.length > 0) {
	for (const p of problems) console.error(`package check: ${p}`);
	process.exit(1);
}
console.log(`package check: ${vsix} holds ${entries.length} entries, all within budget.`);
