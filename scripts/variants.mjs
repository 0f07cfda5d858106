#!/usr/bin/env node
// Re-pastes a folder of cases in each paste style (test/lib/pasteStyles.ts: quoted, indented, CRLF,
// hard-wrapped at 72/76/80 columns, cut mid-word, quoted and wrapped, cut short, and the ways mail, forums,
// wikis, web pages, viewers and chat tools carry a text) so that a scorer can read
// them: every `<cases>/<case>/` becomes `<out>/<case>--<style>/`, its text files re-pasted, its case.json
// and any binary file copied as they are. Needs `npm run build` (it uses the compiled styles in out/).
//
//   node scripts/variants.mjs <cases folder> [<out folder, default /tmp/rwvar>] [--styles wrap76,quote,...]
//   python3 <score.py> . realworld /tmp/rwvar/*/
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { TextDecoder } from 'util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'out', 'test', 'lib', 'pasteStyles.js');
if (!fs.existsSync(compiled)) {
	console.error(`${path.relative(root, compiled)} is missing: run npm run build first.`);
	process.exit(2);
}
const { PASTE_STYLES, repaste } = createRequire(import.meta.url)(compiled);

const args = process.argv.slice(2);
const stylesAt = args.indexOf('--styles');
const wanted = stylesAt >= 0 ? args.splice(stylesAt, 2)[1].split(',') : null;
const [casesDir, outDir = '/tmp/rwvar'] = args;
if (!casesDir) {
	console.error('usage: node scripts/variants.mjs <cases folder> [<out folder>] [--styles a,b]');
	process.exit(2);
}
const styles = wanted ? PASTE_STYLES.filter((s) => wanted.includes(s.name)) : PASTE_STYLES;
const unknown = (wanted ?? []).filter((w) => !PASTE_STYLES.some((s) => s.name === w));
if (unknown.length > 0) {
	console.error(`unknown style(s): ${unknown.join(', ')}; known: ${PASTE_STYLES.map((s) => s.name).join(', ')}`);
	process.exit(2);
}

/** Whether bytes are text a paste could carry: valid UTF-8 without NUL (UTF-16 logs and archives are copied as they are). */
function isText(bytes) {
	if (bytes.includes(0)) return false;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

/** Copies `from` to `to`, re-pasting each text file but case.json in `style`; returns how many were re-pasted. */
function copyCase(from, to, style) {
	let repasted = 0;
	fs.mkdirSync(to, { recursive: true });
	for (const e of fs.readdirSync(from, { withFileTypes: true })) {
		const src = path.join(from, e.name);
		const dst = path.join(to, e.name);
		if (e.isDirectory()) {
			repasted += copyCase(src, dst, style);
			continue;
		}
		const bytes = fs.readFileSync(src);
		if (e.name === 'case.json' || !isText(bytes)) fs.writeFileSync(dst, bytes);
		else {
			// A BOM stays in front: it is the file's, not a line's.
			const text = bytes.toString('utf8');
			const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
			fs.writeFileSync(dst, bom + repaste(text.slice(bom.length), style));
			repasted++;
		}
	}
	return repasted;
}

const cases = fs
	.readdirSync(casesDir, { withFileTypes: true })
	.filter((e) => e.isDirectory() && fs.existsSync(path.join(casesDir, e.name, 'case.json')))
	.map((e) => e.name)
	.sort();
let written = 0;
for (const name of cases) {
	for (const style of styles) {
		const to = path.join(outDir, `${name}--${style.name}`);
		fs.rmSync(to, { recursive: true, force: true });
		copyCase(path.join(casesDir, name), to, style);
		written++;
	}
}
console.log(`${written} variant(s) of ${cases.length} case(s) in ${styles.length} style(s) written to ${outDir}`);
