import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const repo = path.resolve(__dirname, '..', '..', '..');
const readJson = (f: string) => JSON.parse(fs.readFileSync(path.join(repo, f), 'utf8')) as Record<string, unknown>;

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
	});
}

/** Every string literal passed to vscode.l10n.t in src/. */
function l10nStrings(): string[] {
	const found = new Set<string>();
	for (const f of sourceFiles(path.join(repo, 'src'))) {
		const text = fs.readFileSync(f, 'utf8');
		for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) found.add(m[1].replace(/\\'/g, "'"));
	}
	return [...found];
}

describe('localisation: Japanese is complete', () => {
	it('every %key% in package.json has an English and a Japanese string', () => {
		const manifest = fs.readFileSync(path.join(repo, 'package.json'), 'utf8');
		const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
		assert.ok(keys.length > 10);
		const en = readJson('package.nls.json'),
			ja = readJson('package.nls.ja.json');
		for (const k of keys) {
			assert.ok(typeof en[k] === 'string', `package.nls.json lacks ${k}`);
			assert.ok(typeof ja[k] === 'string', `package.nls.ja.json lacks ${k}`);
		}
		assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort());
	});

	it('every vscode.l10n.t string in src has a Japanese translation with the same placeholders', () => {
		const strings = l10nStrings();
		assert.ok(strings.length > 20, `found only ${strings.length} strings`);
		const ja = readJson('l10n/bundle.l10n.ja.json');
		for (const s of strings) {
			assert.ok(typeof ja[s] === 'string', `l10n/bundle.l10n.ja.json lacks "${s}"`);
			const holes = (t: string) => (t.match(/\{\d+\}/g) ?? []).sort().join();
			assert.equal(holes(ja[s] as string), holes(s), `placeholders differ for "${s}"`);
		}
	});
});
