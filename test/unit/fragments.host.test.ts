// Host-side fragments as pages and mails carry them (issue 18 item 3): hostd / vpxa lines under a page's
// indentation (a tab, four spaces) or quoted, and vSphere Client quiesce errors hard-wrapped, in English,
// Japanese and German. Each must read as the records its clean text gives.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { planTexts, stepRun } from '../../src/core/ingest/read';
import type { LogRecord, RecordOf } from '../../src/core/model/records';
import type { InputFile } from '../../src/core/model/report';
import { FIXTURES } from './fixtures';
import { fieldsOf } from './readFixture';

const FRAGMENTS = path.join(FIXTURES, 'fragments');

function read(name: string): { input: InputFile; records: LogRecord[] } {
	const run = stepRun(planTexts([{ name, text: fs.readFileSync(path.join(FRAGMENTS, name)) }], {}), {});
	while (run.step());
	const { inputs, parts } = run.outcome();
	assert.equal(inputs.length, 1, `${name}: one input`);
	return { input: inputs[0], records: parts.flatMap((p) => p.records ?? []) };
}
const notes = (records: readonly LogRecord[]) => records.filter((r): r is RecordOf<'quiesce-note'> => r.kind === 'quiesce-note');

describe("host-side fragments: agent lines under a page's indentation or quoting", () => {
	it("hostd 7.0 lines indented by a tab: the snapshot task, the guest's error on --> lines, no line left", () => {
		const { input, records } = read('en-hostd-esxi7-tab-indented.txt');
		assert.deepEqual([input.format, input.unparsedLines], ['hostd-log', 0]);
		assert.match(input.formatReason, /^Markdown code block indentation/);
		assert.deepEqual(
			records.map((r) => r.kind),
			['task-created', 'quiesce-note', 'task-completed'],
		);
		const [note] = notes(records);
		assert.deepEqual([fieldsOf(note).vmbackupStatus, fieldsOf(note).hresult, note.time], [5, '0x800423F2', '2024-11-15T04:01:08.338Z']);
	});

	it('ESXi 8 hostd lines indented by four spaces, and 5.x vpxa lines quoted with "> "', () => {
		const hostd = read('en-hostd-esxi8-4-spaces.txt');
		assert.deepEqual([hostd.input.format, hostd.input.unparsedLines], ['hostd-log', 0]);
		assert.deepEqual(
			hostd.records.map((r) => [r.kind, r.time]),
			[
				['task-created', '2024-06-03T22:46:09.892Z'],
				['task-completed', '2024-06-03T22:46:41.107Z'],
			],
		);
		const vpxa = read('en-vpxa-esxi5-quoted.txt');
		assert.deepEqual([vpxa.input.format, vpxa.input.unparsedLines], ['vpxa-log', 0]);
		const [created, failed] = vpxa.records as [RecordOf<'task-created'>, RecordOf<'task-completed'>];
		assert.deepEqual([created.fields.taskId, created.fields.method], ['task-768', 'vpxapi.VpxaService.createSnapshot']);
		assert.deepEqual([failed.fields.status, failed.fields.fault], ['error', 'vim.fault.ApplicationQuiesceFault']);
	});
});

describe("host-side fragments: the vSphere Client's quiesce error, hard-wrapped, in any client language", () => {
	for (const [name, hresult] of [
		['en-vsphere-client-quiesce-quoted-wrapped.txt', '0x80042303'],
		['ja-vsphere-client-quiesce-wrapped.txt', '0x80042303'],
		['de-vsphere-client-quiesce-wrapped.txt', '0x80042301'],
	] as const) {
		it(`${name}: one quiesce note with the guest's report and its HRESULT`, () => {
			const { input, records } = read(name);
			assert.deepEqual([input.format, input.unparsedLines], ['vmware-product-quiesce', 0]);
			const [note] = notes(records);
			assert.equal(records.length, 1);
			assert.equal(fieldsOf(note).hresult, hresult);
			assert.match(String(fieldsOf(note).errorMessage), /^'VssSyncStart' operation failed: IDispatch error #\d{4} \(0x8004230[13]\)$/);
		});
	}

	it("a translated sentence without the guest's report is no quiesce error (nothing says why)", () => {
		const run = stepRun(planTexts([{ name: 'p.txt', text: '仮想マシンの静止中にエラーが発生しました。詳細については、仮想マシンのイベント ログを参照してください。' }], {}), {});
		while (run.step());
		assert.equal(run.outcome().inputs[0].format, 'unknown');
	});
});
