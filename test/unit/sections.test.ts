import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, analyzeText } from '../../src/core/analyze';
import { readLines } from '../../src/core/formats/lib/format';
import { windowsEventsPasted } from '../../src/core/formats/windows/windowsEventsPasted';
import type { RecordOf } from '../../src/core/model/records';

const LISTING = [
	'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool',
	'(C) Copyright 2001-2013 Microsoft Corp.',
	'',
	"Writer name: 'System Writer'",
	'   Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}',
	'   Writer Instance Id: {eb6b4c30-aa48-486a-9618-0d1934d180ca}',
	'   State: [7] Failed',
	'   Last error: Retryable error',
	'',
];
const EVENT = [
	'Log Name:      System',
	'Source:        Volsnap',
	'Date:          09/27/2024 01:28:47',
	'Event ID:      36',
	'Task Category: None',
	'Level:         Error',
	'Description:',
	'The shadow copies of volume C: were aborted because the shadow copy storage could not grow due to a user imposed limit.',
];

describe('sections: a text no format claims as a whole is read section by section', () => {
	it('a ticket: prose, a vssadmin listing, then an event — one entry each, with the file path and line ranges', () => {
		const intro = ['Hi team,', 'the nightly backup failed again. Here is what I found on the server.', ''];
		// Pasted into a ticket as a Markdown quote: a paste is cut into sections even when one format claims its head.
		const text = [...intro, ...LISTING, ...EVENT].map((l) => `> ${l}`).join('\n');
		const report = analyzeText([{ name: 'ticket.txt', text }]);
		assert.deepEqual(
			report.inputs.map((i) => [i.path, i.format, i.section, i.lines]),
			[
				['ticket.txt', 'unknown', { firstLine: 1, lastLine: 3 }, 3],
				['ticket.txt', 'vssadmin-list-writers', { firstLine: 4, lastLine: 12 }, 9],
				['ticket.txt', 'windows-events-text', { firstLine: 13, lastLine: 20 }, 8],
			],
		);
		assert.equal(report.inputs[0].unparsedLines, 3);
		assert.match(report.inputs[0].formatReason, /^Markdown-quoted; prose: no log line/);
		const failed = report.writers.find((w) => w.failed);
		assert.equal(failed?.name, 'System Writer');
		// Evidence points at the file's own lines.
		assert.equal(failed?.stateSource?.line, 10);
	});

	it('an article: an error code, an event under its id and source, then a writer block under its caption and without its instance id', () => {
		const text = [
			'# Error code: 0x800423f3',
			'',
			'Event ID: 12290',
			'Source: VSS',
			'The writer experienced a transient error.',
			'',
			'# vssadmin output when the writer is failing:',
			"Writer name: 'Microsoft Exchange Writer'",
			'   Writer Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}',
			'   State: [8] Failed',
			'   Last error: Retryable error',
		].join('\n');
		const report = analyzeText([{ name: 'kb.txt', text }]);
		assert.deepEqual(
			report.inputs.map((i) => [i.format, i.section?.firstLine, i.unparsedLines]),
			[
				['backup-code-lines', 1, 0],
				['windows-events-pasted', 3, 0],
				['vssadmin-list-writers', 8, 0],
			],
		);
		assert.deepEqual(
			report.writers.map((w) => [w.name, w.stateCode, w.writerId]),
			[['Microsoft Exchange Writer', 8, '76fe1ac4-15f7-4bcd-987e-8e1acb462fb7']],
		);
		assert.deepEqual(report.findings.map((f) => f.code).sort(), ['QL201', 'QL550']);
	});

	it('a small file holding two formats (a ticket saved to disk) is cut into them like a paste', () => {
		withFile([...LISTING, ...EVENT], (report) =>
			assert.deepEqual(
				report.inputs.map((i) => i.format),
				['vssadmin-list-writers', 'windows-events-text'],
			),
		);
	});

	it('a file over 256 KiB one format claims, as written (no paste damage), is a log: read whole, with no section', () => {
		// 2,000 writer blocks (about 400 KB): a listing far bigger than any ticket, then the event's lines.
		const blocks = Array.from({ length: 2_000 }, (_, i) => LISTING.slice(3).map((l) => l.replace('System Writer', `Writer ${i}`))).flat();
		withFile([...LISTING.slice(0, 3), ...blocks, ...EVENT], (report) =>
			assert.deepEqual(
				report.inputs.map((i) => [i.format, i.section]),
				[['vssadmin-list-writers', undefined]],
			),
		);
	});

	it('a small log file read to its last line is one entry, as the same text read as a paste', () => {
		// About 150 KB of a vmware.log: chatter, one failed quiesce past the first 64 KiB, chatter again.
		const chatter = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${new Date(Date.UTC(2024, 4, 22, 18) + (from + i) * 1000).toISOString()}| vmx| I005: GuestRpc: Got RPCI vsocket connection ${i % 90}, assigned to channel ${i % 8}.`);
		const attempt = [
			"2024-05-22T19:30:02.117Z| vmx| I005: SnapshotVMX_TakeSnapshot start: 'Commvault-5512', deviceState=0, lazy=0, quiesced=1, forceNative=0, tryNative=1, saveAllocMaps=0",
			'2024-05-22T19:30:02.121Z| vcpu-0| I005: ToolsBackup: changing quiesce state: IDLE -> STARTED',
			'2024-05-22T19:30:50.422Z| vmx| I005: Msg_Post: Warning',
			'2024-05-22T19:30:50.422Z| vmx| I005: [msg.snapshot.quiesce.vmerr] The guest OS has reported an error during quiescing.',
			'2024-05-22T19:30:50.422Z| vmx| I005+ The error code was: 5',
			"2024-05-22T19:30:50.422Z| vmx| I005+ The error message was: 'VssSyncStart' operation failed: IDispatch error #8691 (0x800423F3)",
			'2024-05-22T19:30:52.433Z| vmx| I005: SnapshotVMXTakeSnapshotComplete: Snapshot 0 failed: Failed to quiesce the virtual machine (31).',
		];
		const lines = [...chatter(0, 1000), ...attempt, ...chatter(5500, 400)];
		const pasted = analyzeText([{ name: 'w.txt', text: lines.join('\n') }]);
		withFile(lines, (report) => {
			assert.deepEqual(
				report.inputs.map((i) => [i.format, i.section, i.lines, i.unparsedLines]),
				[['vmware-log', undefined, lines.length, 0]],
			);
			assert.deepEqual(
				report.attempts.map((a) => [a.start, a.result, a.hresult, a.events.length]),
				[['2024-05-22T19:30:02.117Z', 'failed', '0x800423F3', 4]],
			);
			assert.deepEqual(report.attempts, pasted.attempts);
		});
	});

	it("a log's banner stays with its log before a listing: its UTC offset gives the records their instants", () => {
		const veeam = [
			'===================================================================',
			'Starting new log',
			'UTC offset: 1.00 hours',
			'',
			"[02.03.2024 21:04:14] <01> Info         Job session '0b3c9f2e-6a1d-4c55-9d2a-1f0e7b2c4d11' has been completed, status: 'Failed', '0 MB' of '40 GB' bytes, '1' of '1' tasks, '0' successful, '1' failed, details: ''",
			'',
		];
		const report = analyzeText([{ name: 'ticket.txt', text: [...veeam, ...LISTING].join('\n') }]);
		assert.deepEqual(
			report.inputs.map((i) => [i.format, i.section]),
			[
				['veeam-log', { firstLine: 1, lastLine: 6 }],
				['vssadmin-list-writers', { firstLine: 7, lastLine: 14 }],
			],
		);
		assert.equal(report.inputs[0].clock?.utcOffsetMinutes, 60);
	});

	it('error details past a blank line stay in their section; two vssadmin listings are two sections, each of its kind', () => {
		const details = ['Error Code: 0x81000019', '', 'Shadow copy creation failed because of error reported by System Writer. More info: Access is denied. (0x80070005).', ''];
		const one = analyzeText([{ name: 't.txt', text: [...details, ...LISTING].join('\n') }]);
		assert.deepEqual(
			one.inputs.map((i) => [i.format, i.section?.firstLine]),
			[
				['wsb-log', 1],
				['vssadmin-list-writers', 5],
			],
		);
		const providers = [
			'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool',
			'(C) Copyright 2001-2013 Microsoft Corp.',
			'',
			"Provider name: 'Microsoft Software Shadow Copy provider 1.0'",
			'   Provider type: System',
			'   Provider Id: {b5946137-7b9f-4925-af80-51abd60b20d5}',
			'   Version: 1.0.0.7',
			'',
		];
		const two = analyzeText([{ name: 't.txt', text: [...providers, ...LISTING].join('\n') }]);
		assert.deepEqual(
			two.inputs.map((i) => i.format),
			['vssadmin-list-providers', 'vssadmin-list-writers'],
		);
		assert.deepEqual([two.providers.length, two.writers.length], [1, 1]);
	});

	it('the same text given in memory (an editor, standard input) is a paste: cut into its formats', () => {
		const report = analyzeText([{ name: 'w.txt', text: [...LISTING, ...EVENT].join('\n') }]);
		assert.deepEqual(
			report.inputs.map((i) => i.format),
			['vssadmin-list-writers', 'windows-events-text'],
		);
	});

	// A vmware.log excerpt and a listing pasted one after the other, or with a sentence between, in any language.
	const VMWARE_LOG = [
		"2024-03-02T20:00:05.118Z| vmx| I125: SnapshotVMX_TakeSnapshot start: 'veeam-quiesce', deviceState=0, lazy=0, logging=0, quiesced=1",
		'2024-03-02T20:00:05.121Z| vcpu-0| I125: ToolsBackup: changing quiesce state: IDLE -> STARTED',
		'2024-03-02T20:00:06.002Z| vmx| I125: Tools: sending backup request',
		'2024-03-02T20:15:05.140Z| vmx| I125: Msg_Post: Warning',
		'2024-03-02T20:15:05.140Z| vmx| I125: [msg.snapshot.quiesce.timeout] Timed out while quiescing the virtual machine.',
		'2024-03-02T20:15:05.142Z| vcpu-0| I125: ToolsBackup: changing quiesce state: STARTED -> ERROR_WAIT',
	];
	const alone = (lines: string[]) => analyzeText([{ name: 'a.txt', text: lines.join('\n') }]);
	const said = (r: ReturnType<typeof analyze>) => [r.writers.map((w) => [w.name, w.stateCode, w.stateSource?.line]), r.inputs.map((i) => [i.format, i.section])];

	it('a log then a listing after a blank line: a section each, the records and writers of each alone', () => {
		const report = analyzeText([{ name: 't.txt', text: [...VMWARE_LOG, '', ...LISTING].join('\n') }]);
		assert.deepEqual(
			report.inputs.map((i) => [i.format, i.section, i.unparsedLines]),
			[
				['vmware-log', { firstLine: 1, lastLine: 7 }, 0],
				['vssadmin-list-writers', { firstLine: 8, lastLine: 15 }, 0],
			],
		);
		assert.deepEqual(
			report.writers.map((w) => [w.name, w.stateCode, w.stateSource?.line]),
			[['System Writer', 7, 14]],
		);
		// Negative: the log alone gives no writer, the listing alone no log record.
		assert.deepEqual(alone(VMWARE_LOG).writers, []);
		assert.deepEqual(said(alone(LISTING))[0], [['System Writer', 7, 7]]);
	});

	for (const sentence of ['and here is what vssadmin says:', 'Hier noch die Ausgabe von vssadmin:', '以下は vssadmin の出力です。']) {
		it(`a sentence between two pastes is an unknown entry of its own line, in no section: '${sentence}'`, () => {
			for (const quote of [(l: string) => l, (l: string) => (l === '' ? '>' : `> ${l}`)]) {
				const report = analyzeText([{ name: 't.txt', text: [...VMWARE_LOG, '', sentence, ...LISTING.slice(0, -1)].map(quote).join('\n') }]);
				assert.deepEqual(
					report.inputs.map((i) => [i.format, i.section, i.unparsedLines]),
					[
						['vmware-log', { firstLine: 1, lastLine: 7 }, 0],
						['unknown', { firstLine: 8, lastLine: 8 }, 1],
						['vssadmin-list-writers', { firstLine: 9, lastLine: 16 }, 0],
					],
				);
				assert.match(report.inputs[1].formatReason, /prose: no log line/);
			}
		});
	}

	it('a line of a log is no sentence: a colon with a value, a code or a stamp keeps it in its section', () => {
		for (const line of ['Writer name: System Writer', 'The writer failed with 0x800423f4.', 'Started at 2024-03-02 20:00:05.']) {
			const report = analyzeText([{ name: 't.txt', text: [...VMWARE_LOG, '', line, ...LISTING].join('\n') }]);
			assert.ok(!report.inputs.some((i) => i.format === 'unknown' && i.section?.firstLine === 8 && i.section.lastLine === 8), line);
		}
	});

	it("a VSS manifest document ends at its root's end tag: the log pasted after it is a section of its own", () => {
		const xml = ['<?xml version="1.0"?>', '<BACKUP_COMPONENTS xmlns="x-schema:#VssComponentMetadata" version="1.2" bootableSystemStateBackup="yes" selectComponents="yes" backupType="full" partialFileSupport="no">', '</BACKUP_COMPONENTS>'];
		const report = analyzeText([{ name: 't.txt', text: [...xml, '', ...VMWARE_LOG].join('\n') }]);
		assert.deepEqual(
			report.inputs.map((i) => [i.format, i.section, i.unparsedLines]),
			[
				['vss-backup-components', { firstLine: 1, lastLine: 4 }, 0],
				['vmware-log', { firstLine: 5, lastLine: 10 }, 0],
			],
		);
	});

	// Two pasted events back to back, the first ending in a `label: number` line: in every display language its
	// fields end where the next event's header begins (the header's `ID: 8229` is not taken for `680`'s event).
	const EVENT_LABELS: Record<string, [string, string, string, string, string]> = {
		en: ['ID: ', 'Level: Warning', 'Source: VSS', 'Writer Instance ID: {d170b355-a523-47ba-a5c8-732244f70e75}', 'Process ID: '],
		ja: ['イベント ID: ', 'レベル: 警告', 'ソース: VSS', 'ライター インスタンス ID: {d170b355-a523-47ba-a5c8-732244f70e75}', 'プロセス ID: '],
		de: ['Ereignis-ID: ', 'Ebene: Warnung', 'Quelle: VSS', 'Writer-Instanz-ID: {d170b355-a523-47ba-a5c8-732244f70e75}', 'Prozess-ID: '],
		fr: ['ID : ', 'Niveau : Avertissement', 'Source : VSS', 'ID d’instance du rédacteur : {d170b355-a523-47ba-a5c8-732244f70e75}', 'ID de processus : '],
	};
	for (const [lang, [id, level, source, instance, pid]] of Object.entries(EVENT_LABELS)) {
		it(`two pasted events, the first ending in its process id (${lang}): two events, each with its own error`, () => {
			const event = (hr: string, process: number) => [`${id}8229`, level, source, `A VSS writer has rejected an event with error ${hr}, The writer experienced a non-transient error.`, instance, `${pid}${process}`];
			for (const between of [[], ['']]) {
				const read = readLines(windowsEventsPasted, 'e.txt', [...event('0x800423f4', 680), ...between, ...event('0x800423f2', 1234)]);
				assert.deepEqual(
					(read.facts.records as RecordOf<'windows-event'>[]).map((r) => [r.source.line, r.fields.eventId, r.fields.hresult]),
					[
						[1, 8229, '0x800423F4'],
						[7 + between.length, 8229, '0x800423F2'],
					],
					`${lang}, ${between.length} blank line(s) between`,
				);
			}
		});
	}

	it("findings' evidence points at the pasted lines it quotes, inside the section of its format (what the Problems panel shows)", () => {
		const lines = ['Hi team, the backup failed again:', '', ...LISTING, ...EVENT].map((l) => (l === '' ? '>' : `> ${l}`));
		const report = analyzeText([{ name: 'ticket.txt', text: lines.join('\n') }]);
		const evidence = report.findings.flatMap((f) => f.evidence);
		assert.ok(evidence.length > 0);
		for (const e of evidence) {
			assert.equal(e.path, 'ticket.txt');
			// The line (1-based) holds the quoted text, quote marks aside, and lies in a section that is not prose.
			assert.ok(lines[e.line - 1].includes(e.text.trim()), `line ${e.line}: '${e.text}'`);
			const section = report.inputs.find((i) => i.section && i.section.firstLine <= e.line && e.line <= i.section.lastLine);
			assert.notEqual(section?.format ?? 'unknown', 'unknown', `line ${e.line}`);
		}
	});
});

// Pastes with no blank line between (issue 18): where one text's own line shape first shows (vssadmin's banner,
// a .reg header, a vmware.log stamped line), the text before ends, however lenient its reader.
describe('sections: evidence pasted back to back with no blank line', () => {
	const VMX_LOG = [
		"2024-03-02T20:00:05.118Z| vmx| I125: SnapshotVMX_TakeSnapshot start: 'veeam-quiesce', deviceState=0, lazy=0, logging=0, quiesced=1",
		'2024-03-02T20:00:05.121Z| vcpu-0| I125: ToolsBackup: changing quiesce state: IDLE -> STARTED',
		'2024-03-02T20:15:05.140Z| vmx| I125: [msg.snapshot.quiesce.timeout] Timed out while quiescing the virtual machine.',
		'2024-03-02T20:15:05.142Z| vcpu-0| I125: ToolsBackup: changing quiesce state: STARTED -> ERROR_WAIT',
	];
	const VEEAM = [
		"Failed to prepare guest for hot backup. Error: VSSControl: -2147467259 Backup job failed. Cannot create a shadow copy of the volumes containing writer's data. VSS asynchronous operation is not completed. Operation: [Shadow copies commit]. Code: [0x80042306].",
	];
	const LISTING_JA = [
		'vssadmin 1.1 - ボリューム シャドウ コピー サービス管理コマンド ライン ツール',
		'(C) Copyright 2001-2013 Microsoft Corp.',
		'',
		"ライター名: 'System Writer'",
		'   ライター ID: {e8132975-6f93-4464-a53e-1050253ae220}',
		'   ライター インスタンス ID: {eb6b4c30-aa48-486a-9618-0d1934d180ca}',
		'   状態: [7] 失敗',
		'   最後のエラー: 再試行可能なエラー',
	];
	const REG = ['Windows Registry Editor Version 5.00', '', String.raw`[HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\VSS\Providers\{564d7761-7265-2056-5353-2050726f7669}]`, '@="VMware Snapshot Provider"', '"Type"=dword:00000002'];
	const EVENT_DE = [
		'Protokollname: Application',
		'Quelle:        VSS',
		'Datum:         22.05.2024 12:30:49',
		'Ereignis-ID:   8229',
		'Aufgabenkategorie:Keine',
		'Ebene:         Warnung',
		'Beschreibung:',
		'Ein VSS-Writer hat ein Ereignis mit Fehler 0x800423f3 abgelehnt.',
	];
	/** The paste as typed, `> ` quoted and `>>` quoted (an email reply): each reads the same. */
	const ways = (lines: string[]) => [lines, lines.map((l) => (l === '' ? '>' : `> ${l}`)), lines.map((l) => (l === '' ? '>>' : `>> ${l}`))];
	const entries = (lines: string[]) => {
		const report = analyzeText([{ name: 't.txt', text: lines.join('\n') }]);
		return { report, inputs: report.inputs.map((i) => [i.format, i.section?.firstLine, i.section?.lastLine, i.unparsedLines]) };
	};

	for (const [lang, listing] of [
		['en', LISTING.slice(0, -1)],
		['ja', LISTING_JA],
	] as const) {
		it(`a Veeam error, a vssadmin listing (${lang}) and vmware.log lines: one section each, the failed writer read`, () => {
			for (const lines of ways([...VEEAM, ...listing, ...VMX_LOG])) {
				const { report, inputs } = entries(lines);
				assert.deepEqual(inputs, [
					['veeam-error-text', 1, 1, 0],
					['vssadmin-list-writers', 2, 9, 0],
					['vmware-log', 10, 13, 0],
				]);
				assert.deepEqual(
					report.writers.map((w) => [w.name, w.stateCode, w.stateSource?.line]),
					[['System Writer', 7, 8]],
				);
			}
		});

		it(`vmware.log lines, then a vssadmin listing (${lang}): the log is no product's error text, the banner opens the listing`, () => {
			for (const lines of ways([...VMX_LOG, ...listing])) {
				assert.deepEqual(entries(lines).inputs, [
					['vmware-log', 1, 4, 0],
					['vssadmin-list-writers', 5, 12, 0],
				]);
			}
		});
	}

	it('a .reg export after a Veeam error and before vmware.log lines: its header, alone in its block, opens it', () => {
		for (const lines of ways([...VEEAM, ...REG, ...VMX_LOG])) {
			const { report, inputs } = entries(lines);
			assert.deepEqual(inputs, [
				['veeam-error-text', 1, 1, 0],
				['registry-export', 2, 6, 0],
				['vmware-log', 7, 10, 0],
			]);
			assert.deepEqual(
				report.providers.map((p) => p.name),
				['VMware Snapshot Provider'],
			);
		}
	});

	it("a Veeam error then vmware.log lines: the log's first stamped line ends the error text", () => {
		assert.deepEqual(entries([...VEEAM, ...VMX_LOG]).inputs, [
			['veeam-error-text', 1, 1, 0],
			['vmware-log', 2, 5, 0],
		]);
	});

	const SQL_WRITER = ['[01/11/2021 02:57:02, TID 5a88] Volume based (= NonComponent) backup selected.', '[01/11/2021 02:57:02, TID 5a88] Backup type is VSS_BT_FULL'];
	const TOOLS = ['[2019-03-14T21:56:47.982Z] [   debug] [vmsvc] RpcIn: received 16 bytes, content:"vmbackup.start 1"', '[2019-03-14T21:56:47.983Z] [   debug] [vmbackup] *** VmBackupStart'];
	const HOSTD_8 = ['2024-06-03T22:46:09.892Z In(166) Hostd[1050233]: [Originator@6876 sub=Vimsvc.ha-eventmgr] Event 229 : Guest operation Create Snapshot failed'];
	const VEEAM_TASK = [
		'[14.11.2023 02:10:41.318] <27> Info     [VssProxy] Preparing guest for hot backup',
		'[14.11.2023 02:11:48.902] <27> Error    Failed to prepare guest for hot backup. Error: VSSControl: -2147467259 Backup job failed. Code: [0x800423f4].',
	];

	it('stamped logs back to back (SQL Writer, VMware Tools, hostd of ESXi 8): each stamp layout opens its own log', () => {
		for (const lines of ways([...SQL_WRITER, ...TOOLS, ...HOSTD_8])) {
			assert.deepEqual(entries(lines).inputs, [
				['sqlwriter-log', 1, 2, 0],
				['tools-log', 3, 4, 0],
				['hostd-log', 5, 5, 0],
			]);
		}
	});

	it("an event (de), a Veeam task log, then SQL Writer lines: the Veeam log is not the event's message, nor SQL Writer lines its own", () => {
		const { report, inputs } = entries([...EVENT_DE, ...VEEAM_TASK, ...SQL_WRITER]);
		assert.deepEqual(inputs, [
			['windows-events-text', 1, 8, 0],
			['veeam-log', 9, 10, 0],
			['sqlwriter-log', 11, 12, 0],
		]);
		assert.ok(report.inputs[1].formatReason.startsWith('section of lines 9–10'));
	});

	it('SQL Writer lines, then an event (de) with no blank line: the event is no continuation of the last SQL Writer message', () => {
		assert.deepEqual(entries([...SQL_WRITER, ...EVENT_DE]).inputs, [
			['sqlwriter-log', 1, 2, 0],
			['windows-events-text', 3, 10, 0],
		]);
	});

	it("SQL Writer lines, then an NTBackup report: the report's lenient reader does not take the log's lines", () => {
		const report = [
			'Backup Status',
			'Operation: Backup',
			'Volume shadow copy creation: Attempt 1.',
			'"NTDS" has reported an error 0x800423f4. This is part of System State. The backup cannot continue.',
			'',
			'Error returned while creating the volume shadow copy:800423f4',
		];
		for (const lines of ways([...SQL_WRITER, ...report])) {
			assert.deepEqual(entries(lines).inputs, [
				['sqlwriter-log', 1, 2, 0],
				['ntbackup-report', 3, 8, 0],
			]);
		}
	});

	it("a SQL Writer message's own continuation line stays in the log: no other text's shape is there", () => {
		assert.deepEqual(entries([...SQL_WRITER, '   (continued: writer metadata was gathered)', SQL_WRITER[0]]).inputs, [['sqlwriter-log', undefined, undefined, 0]]);
	});

	// `vssadmin list shadowstorage` in German: its block title is the one line without a colon.
	const STORAGE_DE = [
		'vssadmin 1.1 - Verwaltungsbefehlszeilenprogramm des Volumeschattenkopie-Dienstes',
		'(C) Copyright 2001-2013 Microsoft Corp.',
		'',
		'Schattenkopie-Speicherzuordnung',
		'   Für Volume: (C:)\\\\?\\Volume{986da89b-2336-4410-9417-d5dbf1f5f3e5}\\',
		'   Schattenkopie-Speichervolume: (C:)\\\\?\\Volume{986da89b-2336-4410-9417-d5dbf1f5f3e5}\\',
		'   Verwendeter Schattenkopie-Speicherplatz: 2,06 GB (1%)',
		'   Zugeordneter Schattenkopie-Speicherplatz: 2,53 GB (1%)',
		'   Maximaler Schattenkopie-Speicherplatz: 11,8 GB (8%)',
	];

	it('a shadow storage listing (de), then SQL Writer lines: a line without a colon and no volume after it opens no storage block', () => {
		for (const lines of ways([...STORAGE_DE, ...SQL_WRITER])) {
			const { report, inputs } = entries(lines);
			assert.deepEqual(inputs, [
				['vssadmin-list-shadowstorage', 1, 9, 0],
				['sqlwriter-log', 10, 11, 0],
			]);
			assert.deepEqual(
				report.shadowStorage.map((x) => [x.forVolume, x.maximumPercent]),
				[['C:', 8]],
			);
		}
	});

	it("a .reg export, then a shadow storage listing (de): the lines before its banner are not the listing's message", () => {
		const { report, inputs } = entries([...REG, ...STORAGE_DE]);
		assert.deepEqual(inputs, [
			['registry-export', 1, 5, 0],
			['vssadmin-list-shadowstorage', 6, 14, 0],
		]);
		assert.equal(report.shadowStorage.length, 1);
	});

	it("a vssadmin listing (ja), then tools.conf with its comment on top: the comment is the settings file's, not the listing's", () => {
		const conf = ['# Copyright (c) 2019-2021 VMware, Inc.  All rights reserved.', '', '[vmbackup]', 'enableSyncDriver=false', 'vss.disableAppQuiescing=true'];
		for (const lines of ways([...LISTING_JA, ...conf])) {
			const { report, inputs } = entries(lines);
			assert.deepEqual(inputs, [
				['vssadmin-list-writers', 1, 8, 0],
				['tools-conf', 9, 13, 0],
			]);
			assert.deepEqual(
				report.writers.map((w) => [w.name, w.stateCode]),
				[['System Writer', 7]],
			);
		}
	});

	it("the Event Viewer's text view with its `Event Xml:` is one event: the <Event> element under it is the event's own", () => {
		const xml = ['Event Xml:', '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">', '  <System>', '    <EventID>36</EventID>', '  </System>', '</Event>'];
		const { inputs } = entries([...EVENT, ...xml, ...VMX_LOG]);
		assert.deepEqual(inputs, [
			['windows-events-text', 1, 14, 0],
			['vmware-log', 15, 18, 0],
		]);
	});

	it('a vmware.log whose first line was cut by rotation stays one log: the cut line is no text of its own', () => {
		const { inputs } = entries(['.0 (vmk1)', ...VMX_LOG]);
		assert.deepEqual(inputs, [['vmware-log', undefined, undefined, 1]]);
	});
});

/** Analyses `lines` written to a file of their own in a fresh folder. */
function withFile(lines: string[], check: (report: ReturnType<typeof analyze>) => void): void {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-sections-'));
	try {
		fs.writeFileSync(path.join(dir, 'w.txt'), lines.join('\n'));
		check(analyze([dir]));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
