// Every small file of a run is read into one buffer per thread, reused file after file (ingest/read.ts
// readSmall, decode.ts streamLines): a file must read the same after any other, larger or smaller, in any
// encoding, and an archive's members, read after it, from bytes of their own.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, type InputFile, type Report } from '../../src/core';
import { zipOf } from '../lib/hostileCorpus';
import { fixture } from './fixtures';

/** Every file under `dir` (relative paths, sorted). */
function filesUnder(dir: string): string[] {
	return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

/** What a user sees of one input: how it was read, and what it gave. */
const shown = (i: InputFile) => ({ format: i.format, encoding: i.encoding, eol: i.eol, lines: i.lines, unparsed: i.unparsedLines, problems: i.problems });
/** The writers a run found in the file at `rel` (names and states, in order). */
const writersOf = (report: Report, rel: string) => report.writers.filter((w) => w.source.path === rel).map((w) => `${w.name} [${w.stateCode}]`);

describe('reading: small files share one buffer per thread', () => {
	let dir: string;
	const bundles = fixture('bundles');
	const files = filesUnder(bundles).filter((f) => fs.statSync(path.join(bundles, f)).size <= 1024 * 1024);

	before(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-read-buffers-'));
		// Sizes and encodings mixed (UTF-16 listings, UTF-8 logs, XML), an empty file among them, and a zip of
		// stored members (their bytes are views of the archive's) between the others.
		files.forEach((f, i) => fs.copyFileSync(path.join(bundles, f), path.join(dir, `${String(i).padStart(3, '0')}-${path.basename(f)}`)));
		fs.writeFileSync(path.join(dir, `${String(files.length).padStart(3, '0')}-empty.log`), '');
		const members = files.slice(0, 4).map((f) => ({ name: path.basename(f), data: fs.readFileSync(path.join(bundles, f)), method: 0 }));
		fs.writeFileSync(path.join(dir, '001a-members.zip'), zipOf(members));
	});

	after(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('each file reads in one run of all of them as it reads alone', () => {
		assert.ok(files.length >= 10, `the fixture bundles hold ${files.length} small files`);
		const together = analyze([dir]);
		let compared = 0;
		for (const name of filesUnder(dir)) {
			const alone = analyze([path.join(dir, name)]);
			// A file alone is the run's root: its inputs are named after it, the zip's members after `name!/`.
			for (const input of alone.inputs) {
				const rel = input.path === path.basename(name) ? name : input.path;
				const inRun = together.inputs.find((i) => i.path === rel);
				assert.ok(inRun, `${rel} is read in the run of all files`);
				assert.deepEqual(shown(inRun), shown(input), rel);
				assert.deepEqual(writersOf(together, rel), writersOf(alone, input.path), rel);
				compared++;
			}
		}
		assert.ok(compared > files.length, `${compared} inputs compared, the zip's members among them`);
	});
});
