// One duration formatter, one rounding rule: its table in both languages, and every surface (findings,
// the text and Markdown reports, the trees, the timeline webview) printing durations through it.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { formatDuration } from '../../src/core/knowledge/messages/duration';
import { t } from '../../src/core/knowledge/messages';
import type { Report } from '../../src/core/model/report';
import { renderMarkdown } from '../../src/core/report/renderMarkdown';
import { renderText } from '../../src/core/report/renderText';
import { ROOT } from './readFixture';
import { goodAttempt } from './ruleInputs';

describe('durations: one formatter, one rounding rule', () => {
	it('the rounding table (English)', () => {
		const table: [number, string][] = [
			[0, '0 ms'],
			[0.4, '0 ms'],
			[0.5, '1 ms'],
			[287, '287 ms'],
			[850, '850 ms'],
			[999.4, '999 ms'],
			// Rounded first, then the band: 999.6 ms is 1 s, 59.96 s is 60 s, 119.6 s is 2 min.
			[999.6, '1 s'],
			[1000, '1 s'],
			[1049, '1 s'],
			[1050, '1.1 s'],
			[9_500, '9.5 s'],
			[9_549, '9.5 s'],
			[9_550, '9.6 s'],
			[10_000, '10 s'],
			[20_000, '20 s'],
			[48_300, '48.3 s'],
			[59_940, '59.9 s'],
			[59_960, '60 s'],
			[60_000, '60 s'],
			[61_400, '61 s'],
			[61_500, '62 s'],
			[119_499, '119 s'],
			[119_600, '2 min'],
			[120_000, '2 min'],
			[126_300, '2 min 6 s'],
			[900_000, '15 min'],
			[930_700, '15 min 31 s'],
			[3_600_000, '60 min'],
			[5_400_500, '90 min 1 s'],
			[-400, '-400 ms'],
			[-9_500, '-9.5 s'],
			[-126_000, '-2 min 6 s'],
		];
		for (const [ms, text] of table) assert.equal(formatDuration(ms), text, String(ms));
	});

	it('the same rule in Japanese, with Japanese units; any other language is English', () => {
		const table: [number, string][] = [
			[850, '850 ミリ秒'],
			[9_500, '9.5 秒'],
			[61_000, '61 秒'],
			[120_000, '2 分'],
			[931_000, '15 分 31 秒'],
		];
		for (const [ms, text] of table) assert.equal(formatDuration(ms, 'ja-JP'), text, String(ms));
		assert.equal(formatDuration(9_500, 'de'), '9.5 s');
		assert.equal(formatDuration(9_500, null), '9.5 s');
	});

	it('findings word their durations with it, in their language', () => {
		const message = (locale: 'en' | 'ja') => t(locale, 'QL106.message', { attempt: 'a1', quiesceMs: 9_500, limitMs: 900_000 });
		assert.match(message('en'), /after 9\.5 s .*allows 15 min by default/);
		assert.match(message('ja'), /9\.5 秒/);
		assert.match(message('ja'), /15 分/);
	});

	it('the text and Markdown reports print 9.5 s as 9.5 s', () => {
		const report = {
			schema: 'quiesce-lens/report@1',
			tool: { name: 'quiesce-lens', version: '0' },
			root: 'r',
			hypervisor: 'vmware',
			inputs: [],
			writerListings: [],
			writers: [],
			providers: [],
			shadows: [],
			shadowStorage: [],
			volumes: [],
			findings: [],
			attempts: [goodAttempt({ vm: 'VM', snapshotName: null, end: null, quiesceMs: 9_500, windows: [{ name: 'writer freeze-thaw', measuredMs: 9_500, limitMs: 60_000, exceeded: false }] })],
		} satisfies Report;
		assert.match(renderText(report), /writer freeze-thaw: 9\.5 s of 60 s/);
		const md = renderMarkdown(report);
		assert.match(md, /\*\*Host quiesce window:\*\* 9\.5 s/);
		assert.match(md, /\| writer freeze-thaw \| 9\.5 s \| 60 s \| within \|/);
	});

	it('no other source file formats a duration: the trees and the timeline app call formatDuration', () => {
		const files = (dir: string): string[] =>
			fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
				const p = path.join(dir, e.name);
				return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
			});
		const own = path.join(ROOT, 'src', 'core', 'knowledge', 'messages', 'duration.ts');
		for (const f of files(path.join(ROOT, 'src'))) {
			if (f === own) continue;
			// A unit right after an interpolation (`${x} ms`, `${m} 分`) is a formatter of its own.
			assert.doesNotMatch(fs.readFileSync(f, 'utf8'), /\}\s?(?:ms|s|min|ミリ秒|秒|分)(?=[\s`'"]|$)/m, path.relative(ROOT, f));
		}
		for (const surface of ['src/views/attemptsTree.ts', 'src/webview/app/plot.ts', 'src/webview/app/main.ts', 'src/core/report/renderText.ts', 'src/core/report/renderMarkdown.ts']) {
			assert.match(fs.readFileSync(path.join(ROOT, surface), 'utf8'), /formatDuration\(/, surface);
		}
	});
});
