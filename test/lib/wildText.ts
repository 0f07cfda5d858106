// What the wild-excerpt tests share (test/unit/wild*.test.ts): a pasted text analysed as a user pastes it,
// an excerpt read from test/fixtures/wild, a finding and the findings' codes, and the two re-pastings every excerpt is tried in.
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/core';
import type { Report } from '../../src/core/model/report';
import { ROOT } from '../unit/readFixture';

/** `text` analysed as one pasted text (in `locale`'s words when given). */
export const analyse = (text: string, locale?: 'en' | 'ja'): Report => analyzeText([{ name: 'paste.txt', text }], locale ? { locale } : {});
/** A real excerpt from test/fixtures/wild, as UTF-8 text. */
export const wild = (file: string): string => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'wild', file), 'utf8');
/** The report's first finding of rule `code`, if any. */
export const finding = (r: Report, code: string) => r.findings.find((f) => f.code === code);
/** The report's finding codes, sorted. */
export const codes = (r: Report): string[] => r.findings.map((f) => f.code).sort();
/** `text` quoted as a mail reply or Markdown quotes it. */
export const quoted = (text: string): string =>
	text
		.split('\n')
		.map((l) => `> ${l}`)
		.join('\n');
/** `text` with CRLF line ends. */
export const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

/** `text` re-wrapped at `width` columns as a mail client or a forum's box does: at spaces, a long token kept whole. */
export const rewrapped = (text: string, width = 76): string =>
	text
		.split('\n')
		.flatMap((line) => {
			const out: string[] = [];
			let cur = '';
			for (const word of line.split(' ')) {
				if (cur !== '' && cur.length + 1 + word.length > width) {
					out.push(cur);
					cur = word;
				} else cur = cur === '' ? word : `${cur} ${word}`;
			}
			return [...out, cur];
		})
		.join('\n');
