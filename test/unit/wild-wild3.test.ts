import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { t } from '../../src/core/knowledge/messages';
import { renderText } from '../../src/core/report/renderText';
import { analyse, codes, crlf, quoted, wild } from '../lib/wildText';

// Backup products' own lines as people paste them (session 6, test/fixtures/wild/README.md names each source):
// each excerpt as published, then variants of what a paste does to the same shape, and a negative.

describe('wild3: Backup Exec named by its own codes, without its job log labels', () => {
	// Veritas TECH29418 quotes AOFO's errors as prose lines; the code is one only Backup Exec prints.
	it("TECH29418: the attempt is Backup Exec's, and the text report names it", () => {
		const r = analyse(wild('veritas-tech29418-aofo-vsp-cache-0xa000851c.txt'));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].requester, 'Veritas Backup Exec');
		assert.deepEqual(codes(r), ['QL550']);
		assert.match(r.findings[0].message, /cache files/);
		assert.match(renderText(r), /requester Veritas Backup Exec\n/);
	});

	it('quoted in Markdown with CRLF: the same requester', () => {
		const r = analyse(crlf(quoted(wild('veritas-tech29418-aofo-vsp-cache-0xa000851c.txt'))));
		assert.equal(r.attempts[0].requester, 'Veritas Backup Exec');
	});

	it('a UMI with its message (V-79-57344-34110 - AOFO: …), in a KB sentence: Backup Exec, code 0xE000853E', () => {
		const r = analyse(wild('symantec-326302-aofo-initialization-v79-57344-34110.txt'));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].requester, 'Veritas Backup Exec');
		const f = r.findings.find((x) => x.code === 'QL550');
		assert.match(f?.title ?? '', /0xE000853E/);
		assert.match(f!.fix, /UMI code at the end of the job log/);
	});

	it('its code then a dash and text after any label (a Japanese KB quoting the English errors): one Backup Exec attempt', () => {
		const r = analyse(wild('veritas-100055012-ja-hyperv-checkpoint-0xa000971e-0xa0009723.txt'));
		assert.equal(r.attempts.length, 1, 'the title quoting both codes is the same failure');
		assert.equal(r.attempts[0].requester, 'Veritas Backup Exec');
		assert.deepEqual(codes(r), ['QL550', 'QL550']);
		assert.ok(r.findings.some((f) => /recovery checkpoint/.test(f.message)));
	});

	it('negative: a VSS code with a dash and text names no product; the report says the requester is not named', () => {
		const r = analyse('Snapshot failed: 0x80042316 - another shadow copy is being created');
		assert.equal(r.attempts[0].requester, null);
		assert.deepEqual(r.attempts[0].failedComponent, { type: 'requester', name: null });
		assert.match(renderText(r), /requester \(product not named\)\n/);
		assert.equal(t('ja', 'word.component', { type: 'requester', name: null }), 'リクエスター (製品名の記載なし)');
	});
});

describe("wild3: Windows Server Backup's component line and VMMS's checkpoint lines are one try", () => {
	const FILE = 'camie-hyperv-vmms-0x80070002-checkpoint-storage.txt';
	const one = (r: Report) => {
		assert.equal(r.attempts.length, 1);
		const a = r.attempts[0];
		assert.deepEqual([a.requester, a.kind, a.hresult, a.result], ['Windows Server Backup', 'hyperv-checkpoint', '0x80070002', 'failed']);
		assert.deepEqual(codes(r), ['QL312', 'QL550']);
		assert.ok(r.findings.every((f) => f.attemptId === a.id));
	};

	it("c-amie's post: one attempt, VMMS's code (the cause), WSB the requester", () => one(analyse(wild(FILE))));

	it('VMMS lines first, CRLF, quoted: the same one attempt', () => {
		const text = wild(FILE);
		const blocks = text.split(/\n(?=In the Hyper-V-VMMS)/);
		one(analyse(crlf(quoted(`${blocks[1]}\n\n${blocks[0]}`))));
	});

	it('negative: two VMs skipped and VMMS lines naming none stay apart (nothing says whose checkpoint it was)', () => {
		const text = [
			'The component SQL01(Online) was skipped during the snapshot and will not be available for recovery. Error: The writer experienced a non-transient error. If the backup process is retried, the error is likely to reoccur',
			'The component WEB01(Online) was skipped during the snapshot and will not be available for recovery. Error: The writer experienced a non-transient error. If the backup process is retried, the error is likely to reoccur',
			'',
			'Could not create backup checkpoint for virtual machine: The system cannot find the file specified. (0x80070002). (Virtual machine ID 11111111-2222-3333-4444-555555555555)',
		].join('\n');
		const r = analyse(text);
		assert.equal(r.attempts.length, 3);
		assert.ok(r.attempts.some((a) => a.requester === 'Hyper-V (VMMS)'));
	});
});

describe('wild3: an HRESULT as a C header spells it (0x800423FBL)', () => {
	const FILE = 'mskb3175561-hyperv-autorecovery-0x800423fbl-0x80070050.txt';

	it('KB 3175561: VSS_E_AUTORECOVERY_FAILED read, its fix names the leftover AutoRecovery.avhdx', () => {
		const r = analyse(wild(FILE));
		const a = r.attempts.find((x) => x.hresult === '0x800423FB');
		assert.ok(a, 'the #define line gives 0x800423FB');
		const f = r.findings.find((x) => x.hresult === '0x800423FB');
		assert.match(f?.fix ?? '', /AutoRecovery\.avhdx/);
	});

	it('the header line alone, indented and in a Japanese report: the same code and advice', () => {
		const r = analyse('    #define VSS_E_AUTORECOVERY_FAILED ((HRESULT)0x800423FBL)', 'ja');
		assert.equal(r.attempts[0].hresult, '0x800423FB');
		assert.match(r.findings[0].fix, /AutoRecovery\.avhdx/);
	});

	it('negative: nine hex digits are no HRESULT', () => {
		assert.equal(analyse('value 0x800423FB0 in the dump').attempts.length, 0);
	});
});

describe("wild3: a sentence quoting the code above a product log is that log's failure", () => {
	const FILE = 'actiphy-en-vssstart-0x8004231f-exit-311.txt';

	it("Actiphy's KB: one ActiveImage attempt, one requester finding and the shadow storage", () => {
		const r = analyse(wild(FILE));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].requester, 'ActiveImage Protector');
		assert.deepEqual(codes(r), ['QL404', 'QL550']);
		assert.match(r.findings.find((f) => f.code === 'QL550')!.title, /ActiveImage Protector/);
	});

	it('the sentence after the log, CRLF: the same reading', () => {
		const [prose, ...log] = wild(FILE).trimEnd().split('\n');
		const r = analyse(crlf([...log, '', prose].join('\n')));
		assert.equal(r.attempts.length, 1);
		assert.deepEqual(codes(r), ['QL404', 'QL550']);
	});

	it('negative: a sentence quoting another code stays a try of its own', () => {
		const text = wild(FILE).replace('VSS error (0x8004231f)', 'VSS error (0x80042306)');
		assert.equal(analyse(text).attempts.length, 2);
	});
});

describe("wild3: IBM Spectrum Protect's message id after a label, ANE as well as ANS", () => {
	// A GitHub issue quoting the server's copy of the client message: `Specific error message: ANE4251W …`.
	const FILE = 'ohm-1048-tsm-ane4251w-system-writer-file-not-found.txt';

	it('ANE4251W: the System Writer lists a missing file; the fix is the stale service or driver entry', () => {
		const r = analyse(wild(FILE));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].requester, 'IBM Spectrum Protect (TSM)');
		assert.deepEqual(codes(r), ['QL550']);
		const f = r.findings[0];
		assert.deepEqual(f.writers, ['System Writer']);
		assert.match(f.message, /does not exist/);
		assert.match(f.fix, /ImagePath/);
	});

	it("the client's own dsmerror.log line (stamped, ANS), quoted, in a Japanese report: the same code and fix", () => {
		const line = "> 09/21/2017 22:01:33 ANS4251W System Writer file 'C:\\Windows\\System32\\drivers\\WinRing0x64.sys': not found.";
		const r = analyse(line, 'ja');
		assert.equal(r.findings[0]?.code, 'QL550');
		assert.match(r.findings[0].title, /ANS4251W/);
		assert.match(r.findings[0].fix, /ImagePath/);
	});

	it('negative: a sentence about the id (lower case after it) is no message', () => {
		assert.equal(analyse('Note: ANS4251W is documented in the client messages.').attempts.length, 0);
	});
});

describe('wild3: VSS_E_BAD_STATE beside another code is its echo, not a try of its own', () => {
	// cyphertite #9: the requester's CreateSnapshotSet fails, then its CompleteBackup gets BAD_STATE; an 80-column console wrapped it.
	const FILE = 'cyphertite-9-vssrl-max-snapshots-80042317-wrapped.txt';

	it('one attempt, the first failure decisive (0x80042317), no requester finding for the echo', () => {
		const r = analyse(wild(FILE));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x80042317');
		assert.ok(!r.findings.some((f) => f.hresult === '0x80042301'));
	});

	it('the echo printed first (a Macrium-style report: BackupComplete, then the result code), CRLF: the other code decides', () => {
		const text = ['ERROR: COM call "m_pVssObject->BackupComplete(&pAsync)" failed.', '- Returned HRESULT = 0x80042301', '- Error text: VSS_E_BAD_STATE', 'Backup aborted! - Failed To Create Volume Snapshot. Result Code: 0x80042306'].join('\r\n');
		const r = analyse(text);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x80042306');
	});

	it('negative: BAD_STATE alone is the error; two other codes stay two tries', () => {
		assert.equal(analyse('VssSyncStart failed: 0x80042301').attempts[0].hresult, '0x80042301');
		assert.equal(analyse('Backup failed: 0x80042317\nBackup failed: 0x80042306').attempts.length, 2);
	});
});

describe('wild3: a .NET VSS exception class names its code', () => {
	// Duplicati #1445: AlphaVSS's VssProviderVetoException and its stack, no HRESULT printed.
	it('VssProviderVetoException is VSS_E_PROVIDER_VETO: the provider finding', () => {
		const r = analyse(wild('duplicati-1445-alphavss-providervetoexception.txt'));
		assert.equal(r.attempts[0].hresult, '0x80042306');
		assert.ok(codes(r).includes('QL401'));
	});

	it("another class, quoted in Markdown (Duplicati's `Warnings: [Failed to create a snapshot: …]`): its own constant", () => {
		const r = analyse('> Warnings: [Failed to create a snapshot: Alphaleonis.Win32.Vss.VssSnapshotSetInProgressException: The creation of a shadow copy is already in progress.');
		assert.equal(r.attempts[0].hresult, '0x80042316');
	});

	it('negative: a class that is no VSS constant names no code', () => {
		assert.equal(analyse('Alphaleonis.Win32.Vss.VssDeploymentException: could not load the native library').attempts.length, 0);
	});
});

describe("wild3: Dell Avamar's plug-in log (`avhypervvss Error <43426>: …`)", () => {
	// Dell KB 000044579 (Japanese page, English log): Hyper-V RCT checkpoints fail for three VMs.
	const FILE = 'dell-000044579-ja-avamar-hyperv-rct-checkpoint-43426.txt';

	it('the errors are one Avamar failure, code <43426>, the orphaned checkpoint named in the fix', () => {
		const r = analyse(wild(FILE));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].requester, 'Dell Avamar');
		assert.deepEqual(codes(r), ['QL550']);
		assert.match(r.findings[0].title, /<43426>/);
		assert.match(r.findings[0].fix, /\.avhdx/);
		assert.equal(r.inputs[0].unparsedLines, 0);
	});

	it('another program and code, stamped, quoted, CRLF: the product and its own words', () => {
		const text = ['> 2021-03-02 01:10:44 avtar Info <5551>: Starting backup', '> 2021-03-02 01:12:09 avtar Error <8608>: Snapshot creation failed on volume C:'].join('\r\n');
		const r = analyse(text);
		assert.equal(r.attempts[0]?.requester, 'Dell Avamar');
		assert.match(r.findings[0].message, /Snapshot creation failed/);
	});

	it('negative: info and warning lines alone are no failure', () => {
		const r = analyse(['avhypervvss Info <43419>: Creating backup CheckPoint', 'avhypervvss Warning <43427>: No targets available for backup after checkpoint process.'].join('\n'));
		assert.equal(r.attempts.length, 0);
	});
});

describe("wild3: a provider's own event under a requester's provider veto is one try", () => {
	// OpenZFS #406: diskshadow's `Returned HRESULT: 80042306` (VSS_E_PROVIDER_VETO), then "Matching entry in
	// event log": CreateFileW on the new shadow copy device, System Provider's execution context.
	const VEEAM =
		"Creating VSS snapshot Error: Failed to create snapshot: Backup job failed. Cannot create a shadow copy of the volumes containing writer's data. VSS asynchronous operation is not completed. Operation: [Shadow copies commit]. Code: [0x80042306].";
	const EVENT = [
		'Volume Shadow Copy Service error: Unexpected error CreateFileW(\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy2\\,0x80000000,0x00000003,...).  hr = 0x80070001, Incorrect function.',
		'',
		'Operation:',
		'   Processing PreFinalCommitSnapshots',
		'',
		'Context:',
		'   Execution Context: System Provider',
	];
	const one = (r: Report, requester: string | null) => {
		assert.equal(r.attempts.length, 1);
		assert.deepEqual([r.attempts[0].requester, r.attempts[0].hresult], [requester, '0x80042306']);
		assert.deepEqual(codes(r), ['QL314', 'QL401', 'QL550']);
		assert.ok(r.findings.every((f) => f.attemptId === r.attempts[0].id));
	};

	it("diskshadow and the event (OpenZFS #406): one attempt (DiskShadow's), the veto decisive, the event explaining it", () => one(analyse(wild('openzfs-406-diskshadow-80042306-createfilew.txt')), 'DiskShadow'));

	it("Veeam's error text with the event pasted under it: the event is read as an event, in Veeam's attempt", () => {
		const r = analyse([VEEAM, '', 'Event log:', ...EVENT].join('\n'));
		assert.ok(r.inputs.some((i) => i.format === 'windows-events-pasted'));
		one(r, 'Veeam Backup & Replication');
	});

	it('the event in Japanese, CRLF: the same one attempt', () => {
		const ja = [
			'ボリューム シャドウ コピー サービス エラー: 予期しないエラー CreateFileW(\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy2\\,0x80000000,0x00000003,...) です。hr = 0x80070001, ファンクションが間違っています。',
			'',
			'操作:',
			'   PreFinalCommitSnapshots を処理しています',
			'',
			'コンテキスト:',
			'   実行コンテキスト: System Provider',
		];
		one(analyse(crlf([VEEAM, '', ...ja].join('\n'))), 'Veeam Backup & Replication');
	});

	it("negative: a writer's veto event under the provider veto stays a try of its own", () => {
		const writer = [
			'A VSS writer has rejected an event with error 0x800423f4, The writer experienced a non-transient error.  If the backup process is retried, the error is likely to reoccur.',
			'',
			'Operation:',
			'   PrepareForSnapshot Event',
			'',
			'Context:',
			'   Execution Context: Writer',
			'   Writer Name: SqlServerWriter',
		];
		const r = analyse([VEEAM, '', ...writer].join('\n'));
		assert.equal(r.attempts.length, 2);
		assert.ok(codes(r).includes('QL206'));
	});
});

describe('wild3: excerpts read right as they were', () => {
	it("Actiphy's Japanese KB: StartSnapshotSet 0x80042316, another shadow copy in progress", () => {
		const r = analyse(wild('actiphy-ja-startsnapshotset-0x80042316-in-progress.txt'));
		assert.equal(r.attempts.length, 1);
		assert.deepEqual([r.attempts[0].requester, r.attempts[0].hresult], ['ActiveImage Protector', '0x80042316']);
		assert.match(r.findings[0].fix, /same time/);
	});

	it('Duplicati #7005: VSS_E_SNAPSHOT_SET_IN_PROGRESS on its own line, then `Code: 0x80042316`', () => {
		const r = analyse(wild('duplicati-7005-snapshot-set-in-progress-code.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].hresult], [1, '0x80042316']);
	});

	it("Duplicati #2655: a .NET COMException with the HRESULT (VSS_E_NESTED_VOLUME_LIMIT), then the later runs' exception", () => {
		const r = analyse(wild('duplicati-2655-comexception-0x8004232c-addtosnapshotset.txt'));
		// The first run's code, then the later runs' exception class (VSS_E_SNAPSHOT_SET_IN_PROGRESS): two tries.
		assert.deepEqual(
			r.attempts.map((a) => a.hresult),
			['0x8004232C', '0x80042316'],
		);
	});

	it('KB 915331: FAILED_AT_FREEZE (0x800423f2 - VSS_E_WRITERERROR_TIMEOUT) is a writer timeout at freeze', () => {
		const r = analyse(wild('mskb915331-failed-at-freeze-0x800423f2-status.txt'));
		assert.ok(codes(r).includes('QL205'));
		assert.equal(r.attempts[0].failedPhase, 'freeze');
	});

	it('KB 975695: the Hyper-V backup fails with 0x800423f4 (non-retryable writer error)', () => {
		const r = analyse(wild('mskb975695-hyperv-0x800423f4-volumes-reverted.txt'));
		assert.equal(r.attempts[0].hresult, '0x800423F4');
	});

	it("Duplicati #6866: its own stamped FatalError line, the exception's code on the next line", () => {
		const r = analyse(wild('duplicati-6866-fatalerror-0x80042316-stamped.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].hresult], [1, '0x80042316']);
	});

	it('restic #4875: VSS_E_INSUFFICIENT_STORAGE (0x8004231f) is the shadow copy storage', () => {
		const r = analyse(wild('restic-4875-async-insufficient-storage-0x8004231f.txt'));
		assert.ok(codes(r).includes('QL404'));
	});
});
