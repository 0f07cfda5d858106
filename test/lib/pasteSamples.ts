// The clean samples of every registered format, and reading a text as a paste is read: shared by the
// fragments property (one sample pasted in the ways people paste) and the pairs property (two samples of
// different formats pasted back to back).
import * as fs from 'fs';
import * as path from 'path';
import { decodeText } from '../../src/core/decode/decode';
import { cleanLines, pasteNormaliser } from '../../src/core/decode/paste';
import { FORMATS } from '../../src/core/formats';
import type { Facts } from '../../src/core/formats/lib/format';
import { planTexts, stepRun } from '../../src/core/ingest/read';
import type { InputFile } from '../../src/core/model/report';
import { repoRoot } from './paths';

/** One clean sample: its text (LF, no final line break) and the format it reads as. */
export interface Sample {
	format: string;
	name: string;
	lines: string[];
}

/** What one read gives: the formats of its inputs and every fact, as compared. */
export interface Read {
	formats: string[];
	inputs: InputFile[];
	facts: Partial<Facts>[];
	unparsed: number;
}

/** Reads `text` as a paste (given in memory) is read: paste damage undone, sections cut. */
export function readPaste(text: string): Read {
	const run = stepRun(planTexts([{ name: 'paste.txt', text }], {}), {});
	while (run.step());
	const { inputs, parts } = run.outcome();
	return { formats: inputs.map((i) => i.format), inputs, facts: parts, unparsed: inputs.reduce((n, i) => n + i.unparsedLines, 0) };
}

/** The definition's samples and the fixture files (formats/, fragments/) that read whole as one format. */
export function pasteSamples(): Sample[] {
	const out: Sample[] = [];
	const add = (name: string, text: string) => {
		// A fixture that is itself a paste (indented, quoted) is undone first: the samples are clean text.
		const raw = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
		const paste = pasteNormaliser(raw);
		const lines = paste ? cleanLines(paste, raw).filter((l): l is string => l !== null) : raw;
		const r = readPaste(lines.join('\n'));
		if (r.formats.length === 1 && r.formats[0] !== 'unknown') out.push({ format: r.formats[0], name, lines });
	};
	for (const f of FORMATS) f.variants.forEach((v) => v.samples.forEach((s, i) => add(`${f.id} ${v.name} #${i + 1}`, s)));
	const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.md') ? [] : [path.join(dir, e.name)]));
	for (const file of [...files(path.join(repoRoot, 'test/fixtures/formats')), ...files(path.join(repoRoot, 'test/fixtures/fragments'))]) {
		const d = decodeText(fs.readFileSync(file));
		if (d.encoding !== 'binary') add(path.relative(repoRoot, file), d.lines.join('\n'));
	}
	return out;
}
