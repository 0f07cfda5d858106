import * as assert from 'assert/strict';
import * as fs from 'fs';
import type { Report } from '../../src/core/model/report';
import { fixture } from './fixtures';
import { analyse, codes } from '../lib/wildText';

// Session 6 (wild4): Windows and ESXi evidence in odd containers. Each case is built from the shape of a real
// published excerpt (test/fixtures/wild/README.md names each source), with variants of what a paste does to it.

const formats = (r: Report) => r.inputs.map((i) => i.format);

describe('wild4: a vSphere message under prose in one paragraph', () => {
	// open-vm-tools #180: two short lines of the reporter's prose, then the host's message, no blank line between.
	const COMMENT = ['i just try and it fails. ', 'on the esx i have the message', 'The guest OS has reported an error during quiescing'];

	it("points its evidence at the message's line, not the paragraph's first", () => {
		const r = analyse(['VMware ESXi, 6.0.0, 5050593', '', ...COMMENT].join('\n'));
		assert.deepEqual(formats(r), ['vmware-product-quiesce']);
		assert.equal(r.attempts[0].result, 'failed');
		assert.deepEqual(codes(r), ['QL112']);
		const f = r.findings[0];
		assert.equal(f.evidence[0].line, 5);
		assert.match(f.evidence[0].text, /^The guest OS has reported/);
	});

	it('quoted in Markdown with CRLF: the same line', () => {
		const r = analyse(COMMENT.map((l) => `> ${l}`).join('\r\n'));
		assert.equal(r.findings.find((x) => x.code === 'QL112')!.evidence[0].line, 3);
	});

	it('negative: a message hard-wrapped at its width keeps its first line (every line is part of it)', () => {
		const wrapped = ['Warning message from ESXi: the guest OS has reported an error during', 'quiescing. Error code was: 2 the error message was: custom quiesce script', 'failed.'];
		const r = analyse(wrapped.join('\n'));
		assert.deepEqual(
			r.findings.map((f) => f.evidence[0].line),
			r.findings.map(() => 1),
		);
		// A Japanese client's message, wrapped by columns (a wide character fills two): its first line too.
		const ja = ['仮想マシンの静止中にエラーが発生しました。詳細については、仮想マシンのイベ', "ント ログを参照してください。'VssSyncStart' operation failed: IDispatch", 'error #8451 (0x80042303)'];
		assert.ok(analyse(ja.join('\n')).findings.every((f) => f.evidence.every((e) => e.line === 1)));
	});
});

describe("wild4: an Exchange writer's own error events, with or without their header", () => {
	// superwidgets.wordpress.com: `EventId 2034 – MSExchangeRepl – …` printed without its level.
	const REPL = 'EventId 2034 – MSExchangeRepl – The Microsoft Exchange Replication service VSS Writer when processing the backup completion event.';

	it('MSExchangeRepl 2034 without a level is the error its source always logs: the Exchange writer failed (QL208)', () => {
		const r = analyse(REPL);
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL208']);
		assert.deepEqual(r.findings[0].writers, ['Microsoft Exchange Writer']);
		assert.match(r.findings[0].title, /MSExchangeRepl event 2034/);
		assert.equal(r.attempts[0].result, 'failed');
	});

	it('with `Event ID:`, ASCII hyphens and CRLF, in a Japanese report: the same finding, its meaning in Japanese', () => {
		const r = analyse(`Event ID: 2034 - MSExchangeRepl - The Microsoft Exchange Replication service VSS Writer (Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}) failed with error 80070015 when processing the backup completion event.\r\n`, 'ja');
		assert.deepEqual(codes(r), ['QL208']);
		assert.match(r.findings[0].title, /バックアップ完了/);
	});

	// KB 910250 / KB 933779 (Exchange 2003): MSExchangeIS 9607 and 9611 in the Event Type / Event Source layout.
	it("MSExchangeIS 9607 and 9611 with their headers name the Exchange writer's failure", () => {
		const kb = ['Event Type: Error', 'Event Source: MSExchangeIS', 'Event Category: Exchange VSS Writer', 'Event ID: 9607', 'Description: Error code 0x50d when preparing for backup.'];
		const r = analyse(kb.join('\n'));
		assert.deepEqual(codes(r), ['QL208']);
		assert.match(r.findings[0].title, /preparing for backup/);
		// Exchange 2003's writer lives in the Information Store: its restart, said in Japanese too.
		assert.match(analyse(kb.join('\n'), 'ja').findings[0].fix, /MSExchangeIS[\s\S]*インフォメーション ストア/);
	});

	it('negative: an id the source does not document as an error, without a level, states no failure', () => {
		const r = analyse('EventId 2021 – MSExchangeRepl – The Microsoft Exchange Replication service VSS Writer has successfully collected the metadata document in preparation for backup.');
		assert.deepEqual(codes(r), []);
		assert.ok(r.attempts.every((a) => a.result !== 'failed'));
	});
});

describe('wild4: ESXi 8 vmware.log lines with placeholder stamps, run together (LWD snapshot data path)', () => {
	// Broadcom KB 426030: a symptom line, then three vmware.log lines whose line breaks the page lost.
	const LINES = [
		'[YYYY-MM-DDTHH:MM:SS] Er(02) worker-2328848 293b2adb LWD: Failed to write extent range [62458943,62458954] for the SES /vmfs/volumes/########/########/########.ses. Error 15: IO was aborted',
		'[YYYY-MM-DDTHH:MM:SS] Wa(03) worker-2328848 293b2adb LWD: Failure writing to SES, snapshot must be canceled, disk 6187408BF0: IO was aborted (15)',
		'[YYYY-MM-DDTHH:MM:SS] Wa(03) worker-2328848 293b2adb LWD: The disk 6187408BF0 has failed SES writes, additional chunk processing is not possible',
	];
	const KB = ['PANIC: LWD: Failure to quiesce IOs on disk... after failure to read or write snapshot data', LINES.join('')].join('\n');

	it('is a failed snapshot whose data path failed on the datastore (QL114: IO was aborted, LWD could not quiesce the I/O)', () => {
		const r = analyse(KB);
		assert.deepEqual(formats(r), ['vmware-log']);
		assert.equal(r.inputs[0].unparsedLines, 1);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.equal(r.attempts[0].events.length, 2);
		assert.deepEqual(codes(r), ['QL114']);
		const f = r.findings[0];
		assert.match(f.title, /IO was aborted/);
		assert.match(f.message, /6187408BF0/);
		assert.match(f.message, /quiesce the disk's I\/O/);
		assert.match(f.fix, /latency/);
	});

	it('the lines apart, real ESXi 8 stamps, CRLF, a read failure and its panic: the same reading, timed', () => {
		const real = [
			"2024-03-02T01:10:04.512Z In(05) vmx 293b2adb SnapshotVMX_TakeSnapshot start: 'backup-lwd', deviceState=0, lazy=0, quiesced=0, forceNative=0, tryNative=1, saveAllocMaps=0",
			'2024-03-02T01:10:09.021Z Er(02) worker-2133979 5ea2d801 LWD: Failed to read extent range [31294929,31294960], offset range [256368058368, 262144], from disk 6187408BF0 (capacity 547608330240), readTxn 10947. Error: 15: IO was aborted',
			'2024-03-02T01:10:09.022Z Er(02) vmx - PANIC: LWD: Failure to quiesce IOs on disk 6187408BF0 after failure to read or write snapshot data',
		];
		const r = analyse(real.join('\r\n'));
		assert.deepEqual(codes(r), ['QL114']);
		assert.equal(r.attempts[0].result, 'failed');
		assert.equal(r.attempts[0].start, '2024-03-02T01:10:04.512Z');
		assert.match(r.findings[0].message, /logged here/);
	});

	it('in a Japanese report: the finding in Japanese', () => {
		const r = analyse(KB, 'ja');
		assert.match(r.findings[0].message, /LWD/);
		assert.match(r.findings[0].message, /[\u3040-\u30ff]/);
	});

	it("negative: LWD's progress lines and a placeholder stamp on another log's line make no failure", () => {
		const progress = [
			"2024-03-02T01:10:04.512Z In(05) vmx 293b2adb SnapshotVMX_TakeSnapshot start: 'backup-lwd', deviceState=0, lazy=0, quiesced=0, forceNative=0, tryNative=1, saveAllocMaps=0",
			'2024-03-02T01:10:05.100Z In(05) worker-2328848 293b2adb LWD: Starting sync of disk 6187408BF0, 1024 extents',
			"2024-03-02T01:10:06.300Z In(05) vmx - SnapshotVMXTakeSnapshotComplete: Done with snapshot 'backup-lwd': 12",
		];
		const r = analyse(progress.join('\n'));
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts[0].result, 'success');
		assert.ok(!formats(analyse('[YYYY-MM-DDTHH:MM:SS] Something else entirely happened here\n[YYYY-MM-DDTHH:MM:SS] and here')).includes('vmware-log'));
	});
});

describe("wild4: Hyper-V's WMI job codes after an error-code label", () => {
	// blog.workinghardinit.work: the checkpoint errors of VHD Set guest clusters, each `Error code: ‘327nn’.`
	const BLOG = [
		'Error code: ‘32768’. Failed to create checkpoint on collection ‘Hyper-V Collection’',
		'',
		'Reason: We failed to query the cluster service inside the Guest VM. Check that cluster feature is installed and running.',
		'',
		'Error code: ‘32775’. More than one VM claimed to be the owner of shared VHDX in VM group ‘Hyper-V Collection’',
	];

	it('each code is a failed job with its meaning (QL550: 32768 failed, 32775 invalid state), the VMMS log to read', () => {
		const r = analyse(BLOG.join('\n'));
		assert.deepEqual(codes(r), ['QL550', 'QL550']);
		assert.equal(r.attempts[0].result, 'failed');
		const [failed, state] = ['32768', '32775'].map((c) => r.findings.find((f) => f.title.includes(c))!);
		assert.match(failed.message, /WMI job failed/);
		assert.match(state.message, /invalid state/);
		assert.match(failed.fix, /Hyper-V-VMMS/);
	});

	it("Veeam's wording, straight quotes, CRLF, in Japanese: the same code", () => {
		const veeam = "Error: Failed to create VM recovery checkpoint (mode: Veeam application-aware processing) Details: Job failed (''). Error code: '32775'.\r\n";
		const r = analyse(veeam, 'ja');
		const f = r.findings.find((x) => x.title.includes('32775'))!;
		assert.match(f.message, /無効な状態/);
	});

	it("Veeam's checkpoint error quoting VMMS's message, the job code after it: QL312 names the code and its meaning", () => {
		const veeam = "Error: Failed to create VM recovery checkpoint (mode: Veeam application-aware processing) Details: Job failed ('Checkpoint operation for 'SQL01' failed. (Virtual machine ID 5A4C1F62-0C8B-4D3A-9D0E-3B7C2E1F8A90)'). Error code: '32768'.";
		const r = analyse(veeam);
		assert.deepEqual(codes(r), ['QL312']);
		assert.match(r.findings[0].title, /job error 32768/);
		assert.match(r.findings[0].message, /WMI job failed/);
		assert.equal(r.findings[0].hresult, null);
		assert.match(analyse(`${veeam}\r\n`, 'ja').findings[0].message, /WMI ジョブ/);
		// Without the job's code the message names no cause: the fallback asks for the VMMS log.
		assert.deepEqual(codes(analyse(veeam.replace(" Error code: '32768'.", ''))), ['QL112']);
	});

	it('negative: the same numbers without the label, or outside 32768–32779, are no code', () => {
		assert.deepEqual(codes(analyse('The VM group holds 32768 blocks of 4 KB.')), []);
		assert.deepEqual(codes(analyse("Error code: '32767'. Something else.")), []);
	});
});

describe('wild4: an event a sentence names, its id and then its message after a colon', () => {
	// MSP360 KB (code 2417): the id and VSS 12298's message on one line of prose, placeholders for the volume.
	const KB =
		'The event log contains the following ID: 12298 and the following records: Volume Shadow Copy Service error: The I/O writes cannot be held during the shadow copy creation period on volume {volume name}. The volume index in the shadow copy set is {index}';

	it('is VSS 12298: the volume too busy to hold its writes (QL305), a failed shadow copy', () => {
		const r = analyse(['A backup plan terminates with the following error: Shadow copy creation period is exceeded', '', KB].join('\n'));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL305']);
		assert.match(r.findings[0].message, /12298/);
		assert.equal(r.attempts[0].result, 'failed');
	});

	it('`Event ID 8193:` before its message, CRLF; and in Japanese: the template of the same id', () => {
		const en = 'Event ID 8193: Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance. hr = 0x80040154, Class not registered.\r\n';
		assert.deepEqual(formats(analyse(en)), ['windows-events-pasted']);
		assert.ok(analyse(en).findings.length > 0);
		const ja = 'イベント ID: 12298 が記録されています: ボリューム シャドウ コピー サービス エラー: シャドウ コピーの作成期間中に I/O 書き込みを保留できません。';
		assert.deepEqual(codes(analyse(ja)), ['QL305']);
	});

	it("negative: a message of another id's template, or an id with no message, makes no event", () => {
		assert.ok(!formats(analyse('See ID: 8193 for details: Volume Shadow Copy Service error: The I/O writes cannot be held during the shadow copy creation period.')).includes('windows-events-pasted'));
		assert.deepEqual(codes(analyse('The ticket ID: 12298 was closed: nothing to do.')), []);
	});
});

describe('wild4: events a web page put in a bulleted list', () => {
	// KB 933779 as an archive renders it: `    • Event Type: Error`, the other lines hanging at the text's column.
	const KB = [
		'    • Event Type: Error',
		'      Event Source: MSExchangeIS',
		'      Event Category: Exchange VSS Writer',
		'      Event ID: 9611',
		'      Description: Error code 0xfffff69d when freezing the Storage groups.',
		'',
		'    • Event Type: Error',
		'      Event Source: ESE',
		'      Event ID: 2002',
		'      Description: Information Store (5992) Shadow copy instance number encountered error -2403 on freeze.',
	];

	it("reads each item as its event: MSExchangeIS 9611, the Exchange writer's freeze refused with ESE -2403", () => {
		const r = analyse(KB.join('\n'));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL208']);
		assert.match(r.findings[0].message, /JET_errOSSnapshotNotAllowed \(-2403, 0xFFFFF69D\)/);
		assert.match(r.inputs[0].formatReason ?? '', /bulleted list/);
	});

	it('other bullets (●), a two-space hang, CRLF: the same reading', () => {
		const other = KB.map((l) => l.replace('    • ', '● ').replace(/^ {6}/, '  '));
		assert.deepEqual(codes(analyse(other.join('\r\n'))), ['QL208']);
	});

	it('negative: a bulleted list of prose (no hanging lines) is left as it is', () => {
		const r = analyse(['• Backups fail initially but may succeed on retry', '• Higher backup failure rate during peak hours'].join('\n'));
		assert.ok(!(r.inputs[0].formatReason ?? '').includes('bulleted'));
	});
});

describe("wild4: VSS 12292 for the Microsoft provider's class, pasted as text", () => {
	// KB 2009513 (docs Markdown): the class id is in the message only, not in an XML data block.
	const EVENT = [
		'Log Name:      Application',
		'Source:        VSS',
		'Event ID:      12292',
		'Level:         Error',
		'Description:',
		'Volume Shadow Copy Service error: Error creating the Shadow Copy Provider COM class with CLSID {65ee1dba-8ff4-4a58-ac1c-3470ee2f376a} [0x80080005].',
	];

	it("names swprv's ServiceDll in QL403's fix", () => {
		const r = analyse(EVENT.join('\n'));
		assert.deepEqual(codes(r), ['QL403']);
		assert.match(r.findings[0].fix, /swprv\\Parameters/);
	});

	it('in Japanese Event Viewer text (the class id as printed): the same step, in Japanese', () => {
		const ja = [
			'ログの名前: Application',
			'ソース: VSS',
			'イベント ID: 12292',
			'レベル: エラー',
			'説明:',
			'ボリューム シャドウ コピー サービス エラー: CLSID {65EE1DBA-8FF4-4A58-AC1C-3470EE2F376A} のシャドウ コピー プロバイダー COM クラスの作成中にエラーが発生しました [0x80080005]。',
		];
		const r = analyse(ja.join('\r\n'), 'ja');
		assert.deepEqual(codes(r), ['QL403']);
		assert.match(r.findings[0].fix, /swprv/);
	});

	it("negative: another provider's class id gets no swprv step", () => {
		const other = EVENT.map((l) => l.replace('65ee1dba-8ff4-4a58-ac1c-3470ee2f376a', '564d7761-7d2f-4d12-9b9c-3d0a5e1f7a11'));
		const r = analyse(other.join('\n'));
		assert.deepEqual(codes(r), ['QL403']);
		assert.doesNotMatch(r.findings[0].fix, /swprv/);
	});
});

describe("wild4: VSS 12289 about a writer's old session state, quoted under prose", () => {
	// KB 978773 (docs Markdown): `>` alone between the quoted parts, the Context lines lazily unquoted, the old
	// session's values before the writer's own.
	const KB = [
		'During the backup or restore operation, an event that resembles the following is written to the Application log:',
		'',
		'> Event ID: 12289  ',
		'>',
		'> Volume Shadow Copy Service error: Unexpected error An older writer session state is being removed. . hr = 0x80042409, Writer status is not available for one or more writers.  ',
		'>',
		'> Operation: PreRestore Event',
		'>',
		'> Context:  ',
		'Old snapshot set: {41379de8-f7e7-4c76-bb47-7f080443e189}  ',
		'Old operation: 1019  ',
		'Old failure: 0x800423f4  ',
		'Execution Context: Writer  ',
		'Writer Class Id: {66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}  ',
		'Writer Name: Microsoft Hyper-V VSS  ',
		'Writer Writer Instance ID: {7eef8900-84b4-406e-a461-ce19e5e7ae7f}  ',
	];

	it('is the benign 12289 (0x80042409, QL321 only): no failed attempt; not the old failure 0x800423F4', () => {
		const r = analyse(KB.join('\n'));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL321']);
		assert.ok(r.attempts.every((a) => a.result !== 'failed'));
	});

	it("the same event with another HRESULT names the writer after its Execution Context, not the old session's values", () => {
		const r = analyse(KB.join('\r\n').replace('0x80042409', '0x800423f4'));
		const f = r.findings.find((x) => x.code === 'QL315')!;
		assert.deepEqual(f.writers, ['Microsoft Hyper-V VSS']);
	});

	it("negative: a VSS error with hr that names a routine stays 8193's; a warning stays 12290's", () => {
		const routine = 'Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance. hr = 0x80040154, Class not registered.';
		assert.match(analyse(['Event ID: 8193', '', routine].join('\n')).findings[0].message, /8193/);
		const warning = 'Volume Shadow Copy Service warning: ESE writer instance ... hr = 0x800423f2.';
		assert.ok(!analyse(warning).findings.some((f) => /12289/.test(f.message)));
	});
});

describe('wild4: each excerpt of session 6 reads as its source concludes (test/fixtures/wild/README.md)', () => {
	const read = (name: string) => analyse(fs.readFileSync(fixture('wild', `${name}.txt`), 'utf8'));
	const failedOnce = (r: Report) => {
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
	};

	it('broadcom-426030: the LWD snapshot failed on the datastore, I/O aborted (QL114)', () => {
		const r = read('broadcom-426030-lwd-failure-to-quiesce-ios');
		failedOnce(r);
		assert.deepEqual(codes(r), ['QL114']);
	});

	it('broadcom-426030 (its read failures, an fdm.log line run into prose): a read error alone fails the snapshot (QL114)', () => {
		const r = read('broadcom-426030-lwd-read-extent-fdm-ha-restart');
		failedOnce(r);
		assert.deepEqual(codes(r), ['QL114']);
		assert.equal(r.inputs[0].unparsedLines, 1);
	});

	it("ovt-180: the guest's quiesce error, its evidence on the message's line (11)", () => {
		const r = read('ovt-180-centos6-esxi60-guest-reported-error');
		failedOnce(r);
		assert.equal(r.findings[0].evidence[0].line, 11);
	});

	it('workinghardinit: three Hyper-V job codes, each with its meaning', () => {
		const r = read('workinghardinit-hyperv-vhds-checkpoint-32768');
		failedOnce(r);
		assert.deepEqual(
			r.findings.map((f) => /job error (\d+)/.exec(f.title)?.[1]),
			['32768', '32770', '32775'],
		);
	});

	it('superwidgets: VSS 12366 (QL320) and the Exchange writer failed at backup complete (QL208, 2034)', () => {
		const r = read('superwidgets-vss-12366-msexchangerepl-2034');
		assert.deepEqual(codes(r), ['QL208', 'QL320']);
		assert.match(r.findings.find((f) => f.code === 'QL208')!.title, /2034/);
	});

	it('medhacloud: Microsoft Exchange Writer [8] failed, retryable (0x800423F3)', () => {
		const r = read('medhacloud-exchange-writer-8-retryable-0x800423f3');
		failedOnce(r);
		assert.equal(r.attempts[0].hresult, '0x800423F3');
		assert.deepEqual(
			r.writers.filter((w) => w.stateCode !== 1).map((w) => [w.name, w.stateCode]),
			[['Microsoft Exchange Writer', 8]],
		);
		assert.ok(codes(r).includes('QL201'));
	});

	it("mskb910250: MSExchangeIS 9607, the Exchange writer's prepare failed (QL208): restart the Information Store that logged it", () => {
		const r = read('mskb910250-msexchangeis-9607-backup-in-progress');
		failedOnce(r);
		assert.deepEqual(codes(r), ['QL208']);
		assert.match(r.findings[0].fix, /Restart-Service -Name MSExchangeIS /);
		assert.doesNotMatch(r.findings[0].fix, /MSExchangeRepl/);
	});

	it('mskb933779: the bulleted 9611 read, ESE -2403 named (QL208)', () => {
		const r = read('mskb933779-msexchangeis-9611-ese-2002-freeze-2403');
		failedOnce(r);
		assert.deepEqual(codes(r), ['QL208']);
		assert.match(r.findings[0].message, /JET_errOSSnapshotNotAllowed/);
	});

	it('blackmarble: VSS 8194, IVssWriterCallback access denied: COM security (QL317)', () => {
		const r = read('blackmarble-whs2011-vss-8194-ivsswritercallback-access-denied');
		failedOnce(r);
		assert.deepEqual(codes(r), ['QL317']);
		assert.equal(r.attempts[0].hresult, '0x80070005');
		assert.match(r.findings[0].fix, /dcomcnfg/);
	});

	it('elatov (BBCode, escaped underscores): VSS 12289 on the floppy drive (QL317, floppy)', () => {
		const r = read('elatov-wp-2008r2-vss-12289-floppy-bbcode-escaped');
		failedOnce(r);
		assert.deepEqual(codes(r), ['QL317']);
		assert.match(r.findings[0].message, /floppy/);
	});

	it('scottslowe: the quoted I/O hold-off message (QL107)', () => {
		const r = read('scottslowe-emc-rm-io-holdoff-vss-2003');
		failedOnce(r);
		assert.equal(r.attempts[0].quiesced, true);
		assert.deepEqual(codes(r), ['QL107']);
	});

	it('msp360: VSS 12298 in a sentence, placeholders for the volume (QL305)', () => {
		const r = read('msp360-2417-vss-12298-hold-writes-placeholders');
		failedOnce(r);
		assert.deepEqual(codes(r), ['QL305']);
	});

	it("mskb2009513: VSS 12292 and 11 for swprv's class (0x80080005): QL403 with the ServiceDll step, swprv's SCM 7023 its cause (QL307)", () => {
		const r = read('mskb2009513-swprv-7023-vss-12292-11-0x80080005');
		failedOnce(r);
		assert.equal(r.attempts[0].hresult, '0x80080005');
		assert.deepEqual(codes(r), ['QL307', 'QL403']);
		assert.match(r.findings.find((f) => f.code === 'QL403')!.fix, /ServiceDll/);
	});

	it('mskb2019392: VSS 8193 ConvertStringSidToSid 0x80070539: a stale profile SID (QL315 for the writer it names, ProfileList)', () => {
		const r = read('mskb2019392-vmm-p2v-13243-vss-8193-convertstringsidtosid');
		// The writer's own name as its Execution Context names the writer (wild15): QL315, with the routine's cause.
		const f = r.findings.find((x) => x.code === 'QL315')!;
		assert.equal(f.hresult, '0x80070539');
		assert.match(f.fix, /ProfileList/);
	});

	it('mskb3098315: VSS 8193 XML document too long (0x80070018): a writer metadata document over the limit', () => {
		const r = read('mskb3098315-vss-8193-xml-document-too-long-0x80070018');
		failedOnce(r);
		assert.deepEqual(codes(r), ['QL317']);
		assert.match(r.findings[0].fix, /list writers detailed/);
	});

	it('mskb940184: vssadmin Error 0x8000FFFF and VSS 12302 in list-item quotes: the COM+ Event System (QL304)', () => {
		const r = read('mskb940184-vssadmin-0x8000ffff-vss-12302-eventsystem');
		failedOnce(r);
		assert.ok(codes(r).includes('QL304'));
		assert.match(r.findings.find((f) => f.code === 'QL304')!.fix, /EventSystem/);
	});

	it("mskb3025158: diskshadow's harmless COM call failure makes no finding", () => {
		const r = read('mskb3025158-diskshadow-getrootandlogicalprefixpaths-benign');
		assert.deepEqual(codes(r), []);
		// The `create` printed that line and nothing else: DiskShadow's try, its outcome not shown, nothing failed (wild22).
		assert.deepEqual(
			r.attempts.map((a) => [a.requester, a.result]),
			[['DiskShadow', 'unknown']],
		);
	});
});
