import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/core';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { codesIn, writerIn } from '../../src/core/formats/backup/productText';
import { agentJobMessages, agentLevelLog, imageTaskLog } from '../../src/core/formats/backup/agents';
import { codeLines } from '../../src/core/formats/backup/generic';
import { veeamErrorText, veeamLog } from '../../src/core/formats/backup/veeam';
import { vmwareProductErrors } from '../../src/core/formats/backup/vmwareProducts';
import { ntbackupReport, windowsServerBackupLog } from '../../src/core/formats/backup/windowsBackup';
import { windowsEventsPasted } from '../../src/core/formats/windows/windowsEventsPasted';
import { readLines, type FormatDefinition } from '../../src/core/formats/lib/format';
import type { LogRecord, RecordKind, RecordOf } from '../../src/core/model/records';
import { writerInfoOf } from '../../src/core/knowledge/writerServices';
import { repoRoot } from '../lib/paths';
import { fieldsOf } from './readFixture';
import { input, only, rec } from './ruleInputs';

/** The records a format reads from text (lines split on CRLF or LF). */
const read = (format: FormatDefinition, text: string): LogRecord[] => {
	const lines = text.split(/\r?\n/);
	const d = format.detect(lines.slice(0, 80));
	assert.ok(d, `${format.id} detects the text`);
	return readLines(format, 'p.log', lines, d).facts.records ?? [];
};
const fixtureText = (name: string) => fs.readFileSync(path.join(repoRoot, 'test/fixtures/products', name), 'utf8');
const kinds = <K extends RecordKind>(records: readonly LogRecord[], kind: K) => records.filter((r): r is RecordOf<K> => r.kind === kind);

describe('backup products: readers', () => {
	it('codes in every spelling normalise to one HRESULT; labelled codes beat the E_FAIL wrapper', () => {
		assert.equal(codesIn('SYSERR: -2147212538 (80042306) [VSS_E_PROVIDER_VETO]').hresult, '0x80042306');
		assert.equal(codesIn('failed with 2147754758').hresult, '0x80042306');
		const veeam = codesIn('VSSControl: -2147467259 Backup job failed. Code: [0x8004231f].');
		assert.equal(veeam.hresult, '0x8004231F');
		assert.equal(veeam.code, '0x8004231f');
		assert.equal(codesIn('Error Code: 0xA000971E - x').productCode, '0xA000971E');
		assert.equal(codesIn('Information Store (5992) encountered error -2403 on freeze.').productCode, '-2403');
		// Negative: byte counts, success codes and unknown short numbers are no codes.
		assert.deepEqual(codesIn("'1,073,741,824' of '1,073,741,824' bytes, hr = 0x00000000, error -5").hresult, null);
		assert.equal(codesIn('error -5 and 12345678').productCode, null);
	});

	it('writers: bracketed, quoted before a verdict, after "Selected writer", any quote style', () => {
		assert.equal(writerIn('Writer name: [Microsoft Exchange Writer]. Class ID'), 'Microsoft Exchange Writer');
		assert.equal(writerIn('"MSDEWriter" has reported an error 0x800423f0.'), 'MSDEWriter');
		assert.equal(writerIn("ERROR: Selected writer 'System Writer' is in failed state!"), 'System Writer');
		assert.equal(writerIn('no writer here 0x80042306'), null);
	});

	it('Veeam job log: banner offset gives UTC; task success, job failed, the cancel and what failed after it', () => {
		const records = read(veeamLog, fixtureText('veeam-v11-job-cancelled.log'));
		const [task] = kinds(records, 'product-job').filter((r) => r.fields.scope === 'task');
		assert.equal(task.fields.status, 'success');
		assert.equal(task.time, '2021-07-07T14:43:02.000Z');
		const job = kinds(records, 'product-job').find((r) => r.fields.scope === 'job')!;
		assert.deepEqual([job.fields.status, job.fields.succeeded, job.fields.failed], ['failed', 1, 0]);
		assert.equal(kinds(records, 'product-cancel')[0].fields.user, 'LISA_VBR11\\Administrator');
		assert.ok(kinds(records, 'product-error').some((r) => /Transform failed/.test(String(r.fields.message))));
	});

	it('Veeam log without banner (v12 stamps with ms): local time only; stack frames are part of the message', () => {
		const records = read(
			veeamLog,
			'[14.11.2023 02:11:48.902] <27> Error    Failed to prepare guest for hot backup. Writer name: [SqlServerWriter]. Error code: [0x800423f4].\n[14.11.2023 02:11:48.905] <27> Error       at Veeam.Backup.X()\n[14.11.2023 02:11:49.000] <27> Info     done',
		);
		const [e] = kinds(records, 'product-error');
		assert.equal(e.time, null);
		assert.equal(e.local, '2023-11-14T02:11:48.902');
		assert.deepEqual([e.fields.hresult, e.fields.writerName], ['0x800423F4', 'SqlServerWriter']);
	});

	it('Veeam error text: a paragraph is one error; the repeated detail does not make a second one', () => {
		const text = 'Failed to prepare guest for hot backup. Error: VSSControl: -2147467259 Backup job failed. Operation: [Shadow copies commit]. Code: [0x8004231f].\nError: VSSControl: -2147467259 Backup job failed. Code: [0x8004231f].';
		const [e, more] = kinds(read(veeamErrorText, text), 'product-error');
		assert.equal(more, undefined);
		assert.deepEqual([e.fields.hresult, e.fields.operation], ['0x8004231F', 'Shadow copies commit']);
	});

	it('NTBackup: the attempt, the writer and the bare code', () => {
		const records = read(ntbackupReport, ' Media name: "x.bkf"\nVolume shadow copy creation: Attempt 2.\n"MSDEWriter" has reported an error 0x800423f0. This is part of System State.\n\nError returned while creating the volume shadow copy:800423f0');
		assert.equal(kinds(records, 'product-attempt')[0].fields.attempt, 2);
		const errors = kinds(records, 'product-error');
		assert.deepEqual(
			errors.map((r) => [r.fields.hresult, r.fields.writerName]),
			[
				['0x800423F0', 'MSDEWriter'],
				['0x800423F0', null],
			],
		);
	});

	it('Hyper-V VMMS messages, English and Japanese, are read as the events they are: provider and code', () => {
		const en = kinds(read(windowsEventsPasted, 'Could not create backup checkpoint for virtual machine \u2018DC01\u2019: The system cannot find the file specified. (0x80070002). (Virtual machine ID 1234-AB)'), 'windows-event');
		assert.deepEqual([en[0].fields.provider, en[0].fields.hresult], ['Microsoft-Windows-Hyper-V-VMMS', '0x80070002']);
		const ja = kinds(read(windowsEventsPasted, '\u300cDC01\u300d のバックアップ チェックポイントを作成できませんでした: (0x80070005)。(仮想マシン ID 1234-AB)'), 'windows-event');
		assert.deepEqual([ja[0].fields.provider, ja[0].fields.hresult], ['Microsoft-Windows-Hyper-V-VMMS', '0x80070005']);
	});

	it('Windows Server Backup: error log in German-like wording, the component line read from the writer error words', () => {
		// A Backup_Error line is the file error that log's own reader makes of it (wsbErrorLog.ts).
		const log = kinds(read(windowsServerBackupLog, 'Fehler beim Sichern von D:\\Data\\x.mdf: Fehler [0x80070020] Der Prozess kann nicht zugreifen.'), 'wsb-file-error');
		assert.deepEqual([log[0].fields.hresult, log[0].fields.path], ['0x80070020', 'D:\\Data\\x.mdf']);
		const comp = kinds(read(windowsServerBackupLog, 'The component SQL01(Online) was skipped during the snapshot and will not be available for recovery. Error: The writer experienced a non-transient error.'), 'product-error');
		assert.deepEqual([comp[0].fields.vm, comp[0].fields.hresult], ['SQL01', '0x800423F4']);
	});

	it('VMware-based products: -3960, the wrapped script failure (status 2) and the I/O hold-off', () => {
		const vdr = kinds(read(vmwareProductErrors, ' "Failed to create snapshot for web01, error -3960 ( cannot quiesce virtual machine)"'), 'quiesce-note');
		assert.deepEqual([fieldsOf(vdr[0]).reason, fieldsOf(vdr[0]).productCode, fieldsOf(vdr[0]).product], ['quiesce-failed', '-3960', 'vmware-data-recovery']);
		const script = kinds(read(vmwareProductErrors, 'Warning message from ESXi: the guest OS has reported an error during\nquiescing. Error code was: 2 the error message was: custom quiesce script\nfailed.'), 'quiesce-note');
		assert.deepEqual([fieldsOf(script[0]).vmbackupStatus, fieldsOf(script[0]).errorMessage, script[0].fields.reason], [2, 'custom quiesce script failed.', 'guest-error']);
		const io = kinds(read(vmwareProductErrors, 'Cannot create a quiesced snapshot because the create snapshot operation exceeded the time limit for holding off I/O in the frozen virtual machine.'), 'quiesce-note');
		assert.equal(io[0].fields.reason, 'io-holdoff-exceeded');
	});

	it('image task log: the untimestamped writer block joins its message (writer, state 9, code)', () => {
		const [e] = kinds(read(imageTaskLog, fixtureText('aip-task.log')), 'product-error').filter((r) => r.fields.writerName !== null);
		assert.deepEqual([e.fields.writerName, e.fields.writerState, e.fields.hresult], ['System Writer', 9, '0x800423F2']);
	});

	it('agent logs and job messages: Axcient, Bareos, Backup Exec, TSM', () => {
		const ax = kinds(read(agentLevelLog, 'INFO: Initializing open file backup [C:\\] {VSS-XP.dll}\nINFO: VSS: ERROR: - Returned HRESULT = 0x80042306\nINFO: done {eFolderWWorker:2328}'), 'product-error');
		assert.equal(ax[0].fields.hresult, '0x80042306');
		const jobs = kinds(read(agentJobMessages, '22309: Warning: VSS Writer "MSSearch Service Writer" has invalid state. ERR=x\nFinal error: 0xa000971e - The job failed.\nANS9365E VMware vStorage API error for virtual machine x.'), 'product-error');
		assert.deepEqual(
			jobs.map((r) => r.fields.product),
			['bacula', 'backup-exec', 'tsm'],
		);
		assert.equal(jobs[0].fields.writerName, 'MSSearch Service Writer');
		assert.equal(jobs[1].fields.productCode, '0xA000971E');
	});

	it("job messages: a detail line quoting vSphere's quiesce reason is that product's quiesce note", () => {
		const records = read(agentJobMessages, fixtureText('tsm-io-holdoff.txt'));
		const [note] = kinds(records, 'quiesce-note');
		assert.deepEqual([note.fields.reason, fieldsOf(note).product, note.source.line], ['io-holdoff-exceeded', 'tsm', 5]);
		// Negative: the same sentence before any product message belongs to no product here; other detail lines give none.
		assert.equal(
			kinds(
				read(
					agentJobMessages,
					'API error message : Cannot create a quiesced snapshot because the create snapshot operation exceeded the time limit for holding off I/O in the frozen virtual machine.\nANS9365E VMware vStorage API error for virtual machine x.',
				),
				'quiesce-note',
			).length,
			0,
		);
		assert.equal(kinds(read(agentJobMessages, 'ANS9365E VMware vStorage API error for virtual machine x.\n   API error message : The operation is not allowed in the current state.'), 'quiesce-note').length, 0);
	});

	it('a TSM job error quoting the I/O hold-off is explained by the host rule (QL107), not left unexplained', () => {
		const r = analyzeText([{ name: 'tsm.txt', text: fixtureText('tsm-io-holdoff.txt') }]);
		assert.deepEqual(
			r.findings.map((f) => f.code),
			['QL107'],
		);
		assert.equal(r.attempts[0].failedPhase, 'commit');
	});

	it('generic: any line with a code; a file without one is not claimed', () => {
		assert.equal(kinds(read(codeLines, 'job 7: snapshot error -2147212529 on E:'), 'product-error')[0].fields.hresult, '0x8004230F');
		assert.equal(codeLines.detect(['all good', '1,073,741,824 bytes']), null);
	});
});

const err = (fields: Record<string, unknown>, line = 1) =>
	rec('product-error', { product: 'axcient', hresult: null, productCode: null, writerName: null, operation: null, volume: null, path: null, vm: null, code: null, message: 'm', win32: null, guestStep: null, ...fields } as never, { path: 'agent.log', line });

describe('backup products: rules QL55x', () => {
	it("QL550 positive: provider veto in the requester's words names NTFS and 100 MB; one finding per product and code", () => {
		const records = [err({ hresult: '0x80042306', code: '-2147212538' }), err({ hresult: '0x80042306' }, 2)];
		const found = only(diagnose(input({ records })), 'QL550');
		assert.equal(found.length, 1);
		assert.match(found[0].fix, /NTFS/);
		assert.match(found[0].fix, /100 MB/);
		assert.match(found[0].message, /printed as -2147212538/);
	});
	it("QL550 writer timeout names the writer and Exchange's short tolerance (Japanese too)", () => {
		const records = [err({ product: 'veeam', hresult: '0x800423F2', writerName: 'Microsoft Exchange Writer' })];
		const [f] = only(diagnose(input({ records })), 'QL550');
		assert.match(f.fix, /20 s/);
		assert.match(f.fix, /MSExchangeRepl/);
		assert.match(f.fix, /Truncate logs|truncat/i);
		const [ja] = only(diagnose(input({ records }), 'ja'), 'QL550');
		assert.match(ja.fix, /20 秒/);
	});
	it('QL550 negative: product errors without a code make no finding', () => {
		assert.deepEqual(only(diagnose(input({ records: [err({})] })), 'QL550'), []);
	});
	it("QL552 positive and negative: -3960 from vDR; a quiesce note of the host itself is not a product's", () => {
		const note = rec('quiesce-note', { product: 'vmware-data-recovery', reason: 'quiesce-failed', productCode: '-3960' });
		const [f] = only(diagnose(input({ records: [note] })), 'QL552');
		assert.match(f.message, /VSS/);
		assert.deepEqual(only(diagnose(input({ records: [rec('quiesce-note', { reason: 'quiesce-failed' })] })), 'QL552'), []);
	});
	it("QL553 positive: a cancel is information with the task's real outcome and what the stop interrupted", () => {
		const records = [
			rec('product-job', { product: 'veeam', scope: 'task', status: 'success' }, { path: 'job.log', line: 5 }),
			rec('product-cancel', { product: 'veeam', user: 'DOM\\op' }, { path: 'job.log', line: 6 }),
			err({ product: 'veeam', message: '[Policy] Transform failed' }, 7),
			rec('product-job', { product: 'veeam', scope: 'job', status: 'failed' }, { path: 'job.log', line: 9 }),
		].map((r) => ({ ...r, source: { path: 'job.log', line: r.source.line } }));
		const [f] = only(diagnose(input({ records })), 'QL553');
		assert.equal(f.severity, 'info');
		assert.match(f.message, /1 of 1 task/);
		assert.match(f.message, /Transform failed/);
		assert.deepEqual(only(diagnose(input({ records })), 'QL554'), []);
	});
	it('QL553 negative / QL554 positive: a failed job without a cancel or a coded error asks for the task log', () => {
		const job = rec('product-job', { product: 'veeam', scope: 'job', status: 'failed', details: '' });
		assert.deepEqual(only(diagnose(input({ records: [job] })), 'QL553'), []);
		const [f] = only(diagnose(input({ records: [job] })), 'QL554');
		assert.match(f.fix, /Task\.<vm>\.log/);
		assert.deepEqual(only(diagnose(input({ records: [job, err({ hresult: '0x80042306' })] })), 'QL554'), []);
	});
});

describe('backup products: writer knowledge', () => {
	it('the Oracle writer of a SID maps to its per-SID service and states ARCHIVELOG', () => {
		const records = [err({ product: 'backup-exec', hresult: '0x800423F4', writerName: 'Oracle VSS Writer - ORCL' })];
		const [f] = only(diagnose(input({ records })), 'QL550');
		assert.match(f.fix, /Restart-Service -Name OracleVssWriterORCL/);
		assert.equal(writerInfoOf('Oracle VSS Writer - ORCL')?.restartImpact.includes('ARCHIVELOG'), true);
		assert.equal(writerInfoOf('Some Other Writer - X'), undefined);
	});
});
