// The domain words (writer states, consistencies, phases, window names) have one home, the core message
// catalogue, in both languages; the reports, the trees (views/labels.ts) and the timeline webview
// (webview/strings.ts) take them from there and spell none of them themselves.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { t, translator } from '../../src/core/knowledge/messages';
import { domainWords } from '../../src/core/knowledge/messages/words';
import { WINDOW_NAMES } from '../../src/core/knowledge/limits';
import type { Writer } from '../../src/core/model/report';
import { consistencyLabel, windowLabel, writerStateLabel } from '../../src/core/report/summary';
import { explainAt } from '../../src/core/diagnosis/explain';
import { ROOT } from './readFixture';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
	});
}

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

describe('domain words: one home, the core catalogue, on every surface', () => {
	const en = domainWords('en'),
		ja = domainWords('ja-JP');

	it('the English words', () => {
		assert.deepEqual(en.consistencies, { application: 'application-consistent', filesystem: 'file-system-consistent', crash: 'crash-consistent', none: 'no restore point', unknown: 'consistency unknown' });
		assert.deepEqual(en.phases, { task: 'host task', snapshot: 'snapshot', quiesce: 'quiesce', 'flush-hold': 'flush and hold', thaw: 'thaw', freeze: 'writer freeze', stun: 'stun' });
		assert.deepEqual(en.windows, Object.fromEntries(Object.values(WINDOW_NAMES).map((n) => [n, n])), 'the English window words are their ids');
		assert.equal(en.writerStates.length, 16);
		assert.deepEqual([en.writerStates[1], en.writerStates[3], en.writerStates[9]], ['stable', 'frozen, waiting for thaw', 'failed at freeze']);
		const w = translator('en');
		assert.equal(w('word.writerState', { code: null }), 'state not read (listing truncated)');
		assert.equal(w('word.writerState', { code: 16 }), 'undefined state [16]');
		assert.equal(w('word.consistency', { consistency: 'crash', fallback: true }), 'crash-consistent fallback');
		assert.equal(w('word.consistency', { consistency: 'application', fallback: true }), 'application-consistent', 'only a crash-consistent attempt is a fallback');
	});

	it('every word has its own Japanese', () => {
		const pairs: [string, string, string][] = [
			...Object.entries(en.consistencies).map(([k, v]): [string, string, string] => [k, v, ja.consistencies[k as keyof typeof ja.consistencies]]),
			...Object.entries(en.phases).map(([k, v]): [string, string, string] => [k, v, ja.phases[k as keyof typeof ja.phases]]),
			...Object.entries(en.windows).map(([k, v]): [string, string, string] => [k, v, ja.windows[k]]),
			...en.writerStates.map((v, i): [string, string, string] => [`[${i}]`, v, ja.writerStates[i]]),
			['fallback', t('en', 'word.consistency', { consistency: 'crash', fallback: true }), t('ja', 'word.consistency', { consistency: 'crash', fallback: true })],
			['not read', t('en', 'word.writerState', { code: null }), t('ja', 'word.writerState', { code: null })],
			...Object.entries(en.confidences).map(([k, v]): [string, string, string] => [k, v, ja.confidences[k as keyof typeof ja.confidences]]),
			...Object.entries(en.joins)
				.filter(([k]) => k !== 'opid')
				.map(([k, v]): [string, string, string] => [k, v, ja.joins[k as keyof typeof ja.joins]]),
		];
		for (const [key, e, j] of pairs) {
			assert.match(j, JAPANESE, `${key}: ${j}`);
			assert.notEqual(j, e, key);
		}
		assert.equal(new Set(ja.writerStates).size, 16, 'sixteen different writer state words');
		assert.deepEqual([ja.writerStates[9], ja.consistencies.none, ja.phases.quiesce, ja.windows[WINDOW_NAMES.writerFreeze]], ['フリーズで失敗', '復元ポイントなし', '静止', 'ライターのフリーズから解凍まで']);
	});

	it("the text and Markdown reports, findings and hovers use the catalogue's words", () => {
		assert.equal(consistencyLabel('none'), en.consistencies.none);
		assert.equal(windowLabel(WINDOW_NAMES.flushHold), en.windows[WINDOW_NAMES.flushHold]);
		const writer = (stateCode: number | null) => ({ stateCode }) as Writer;
		assert.deepEqual([writerStateLabel(writer(9)), writerStateLabel(writer(null)), writerStateLabel(writer(16))], [`[9] ${en.writerStates[9]}`, 'state not read (listing truncated)', 'undefined state [16]']);
		assert.ok(t('ja', 'QL203.message', { name: 'W', short: ja.writerStates[3], lastError: null, hrLabel: null }).includes(ja.writerStates[3]));
		assert.ok(explainAt('State: [9] Failed', 8, 'ja')?.lines[0].includes(ja.writerStates[9]));
		assert.ok(explainAt('State: [9] Failed', 8)?.lines[0].includes(en.writerStates[9]));
	});

	it('the trees and the timeline webview take them from the catalogue', () => {
		const labels = read('src/views/labels.ts');
		for (const key of ['word.writerState', 'word.consistency', 'word.phase', 'word.window']) assert.ok(labels.includes(`'${key}'`), `views/labels.ts does not use ${key}`);
		assert.match(read('src/webview/strings.ts'), /\.\.\.domainWords\(vscode\.env\.language\)/);
		assert.match(read('src/webview/protocol.ts'), /interface TimelineStrings extends DomainWords/);
	});

	it("no other file spells a word: not the sources, not the extension's l10n bundle", () => {
		// English words that are also ids (`snapshot` the phase, the window names) are left out: ids may be spelled.
		const ids = new Set<string>([...Object.keys(en.phases), ...Object.values(WINDOW_NAMES)]);
		const words = [
			...Object.values(en.consistencies),
			...Object.values(en.phases),
			...en.writerStates,
			t('en', 'word.consistency', { consistency: 'crash', fallback: true }),
			t('en', 'word.writerState', { code: null }),
			...Object.values(ja.consistencies),
			...Object.values(ja.phases),
			...Object.values(ja.windows),
			...ja.writerStates,
			t('ja', 'word.consistency', { consistency: 'crash', fallback: true }),
			t('ja', 'word.writerState', { code: null }),
		].filter((w) => !ids.has(w));
		const home = new Set(['en.ts', 'ja.ts'].map((f) => path.join(ROOT, 'src', 'core', 'knowledge', 'messages', f)));
		for (const file of sourceFiles(path.join(ROOT, 'src')).filter((f) => !home.has(f))) {
			const text = fs.readFileSync(file, 'utf8');
			for (const w of words) assert.ok(!text.includes(`'${w}'`), `${path.relative(ROOT, file)} spells '${w}'`);
		}
		const bundle = JSON.parse(read('l10n/bundle.l10n.ja.json')) as Record<string, string>;
		for (const w of [...words, ...ids]) assert.ok(!(w in bundle), `l10n/bundle.l10n.ja.json translates '${w}' again`);
	});
});
