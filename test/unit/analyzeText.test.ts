import * as assert from 'assert/strict';
import { analyzeText } from '../../src/core';

const LISTING = [
	"Writer name: 'System Writer'",
	'   Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}',
	'   Writer Instance Id: {a86d9ae8-d2f3-53df-9ea8-cd88fa7524ad}',
	'   State: [1] Stable',
	'   Last error: No error',
	'',
	"Writer name: 'SqlServerWriter'",
	'   Writer Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}',
	'   Writer Instance Id: {8a3e1a7c-2f3b-4d55-9b7e-1c2d3e4f5a6b}',
	'   State: [9] Failed',
	'   Last error: Timed out',
	'',
].join('\n');

describe('analyzeText: a selection keeps the lines of the editor it came from', () => {
	it("every line the report names for the text moves by the selection's first line", () => {
		const whole = analyzeText([{ name: 'Untitled-1', text: LISTING }]);
		const selected = analyzeText([{ name: 'Untitled-1', text: LISTING, firstLine: 21 }]);
		const lines = (r: typeof whole) => [...r.writers.map((w) => w.source.line), ...r.findings.flatMap((f) => f.evidence.filter((e) => e.path === 'Untitled-1').map((e) => e.line))];
		assert.ok(lines(whole).length >= 3, 'writers and evidence name lines');
		assert.deepEqual(
			lines(selected),
			lines(whole).map((l) => l + 20),
		);
		assert.equal(selected.writers.find((w) => w.failed)?.source.line, 27);
		// Nothing else changes.
		const strip = (r: typeof whole) => JSON.stringify(r).replace(/"line":\d+/g, '');
		assert.equal(strip(selected), strip(whole));
	});

	it('a text whose name has a backslash is named with / and still moves', () => {
		const r = analyzeText([{ name: 'tickets\\4711.txt', text: LISTING, firstLine: 3 }]);
		assert.equal(r.inputs[0].path, 'tickets/4711.txt');
		assert.equal(r.writers.find((w) => w.failed)?.source.line, 9);
	});
});

describe('analyzeText: a ticket holding a vmware.log excerpt and a listing', () => {
	const VMX = [
		"2024-05-22T19:30:02.117Z| vmx| I005: SnapshotVMX_TakeSnapshot start: 'Nightly-5512', deviceState=0, lazy=0, quiesced=1, forceNative=0, tryNative=1, saveAllocMaps=0",
		'2024-05-22T19:30:02.121Z| vcpu-0| I005: ToolsBackup: changing quiesce state: IDLE -> STARTED',
		'2024-05-22T19:30:50.424Z| vcpu-0| I005: ToolsBackup: changing quiesce state: STARTED -> ERROR_WAIT',
		'2024-05-22T19:30:52.433Z| vmx| I005: SnapshotVMXTakeSnapshotComplete: Snapshot 0 failed: Failed to quiesce the virtual machine (31).',
	];

	it('each part is read by its format, and the excerpt forms its attempt', () => {
		// The listing comes after the excerpt: its detection looks ahead, and must not claim the excerpt.
		const text = ['Hi, the backup failed again. From the host:', '', ...VMX, '', 'And in the guest:', '', LISTING].join('\n');
		const r = analyzeText([{ name: 'Untitled-1', text }]);
		assert.deepEqual(
			r.inputs.map((i) => [i.format, i.section?.firstLine]),
			[
				['unknown', 1],
				['vmware-log', 3],
				['vssadmin-list-writers', 10],
			],
		);
		assert.deepEqual(
			r.attempts.map((a) => [a.start, a.quiesced, a.result, a.snapshotName]),
			[['2024-05-22T19:30:02.117Z', true, 'failed', 'Nightly-5512']],
		);
		assert.ok(r.writers.some((w) => w.name === 'SqlServerWriter' && w.failed));
	});

	it("one vpxa line quoted alone (a KB, a ticket) is read as vpxa.log when it names the agent's API", () => {
		const line = "    2010-10-10T22:53:31.077Z [45EEEB90 info 'Default' opID=D1D8F924-00002337-83] [VpxLRO] -- ERROR task-768 -- -- vpxapi.VpxaService.createSnapshot: vim.fault.ApplicationQuiesceFault:";
		assert.equal(analyzeText([{ name: 'kb.txt', text: line }]).inputs[0].format, 'vpxa-log');
		// A lone stamped line with nothing of an agent's own stays unread.
		const plain = "2010-10-10T22:53:31.077Z [45EEEB90 info 'Default'] Something happened";
		assert.notEqual(analyzeText([{ name: 'x.txt', text: plain }]).inputs[0].format, 'vpxa-log');
	});
});
