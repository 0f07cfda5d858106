import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/core';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { agentJobMessages } from '../../src/core/formats/backup/agents';
import { ntbackupReport } from '../../src/core/formats/backup/windowsBackup';
import { readLines, type FormatDefinition } from '../../src/core/formats/lib/format';
import { umiCode } from '../../src/core/knowledge/backupExecCodes';
import { hresultAdvice } from '../../src/core/knowledge/messages/tables';
import type { LogRecord, RecordOf } from '../../src/core/model/records';
import type { Report } from '../../src/core/model/report';
import { repoRoot } from '../lib/paths';
import { attempt, input, only, rec } from './ruleInputs';

// The requesters other than Veeam (issue 17): Bareos/Bacula, NTBackup's ESE streaming backup, Backup Exec, TSM,
// and the fallback's wording for each kind of attempt.

const read = (format: FormatDefinition, text: string): LogRecord[] => {
	const lines = text.split(/\r?\n/);
	const d = format.detect(lines.slice(0, 80));
	assert.ok(d, `${format.id} detects the text`);
	return readLines(format, 'p.log', lines, d).facts.records ?? [];
};
const errors = (records: readonly LogRecord[]) => records.filter((r): r is RecordOf<'product-error'> => r.kind === 'product-error');
const fixture = (name: string) => fs.readFileSync(path.join(repoRoot, 'test/fixtures/products', name), 'utf8');
const analyse = (name: string, text = fixture(name), locale?: 'en' | 'ja'): Report => analyzeText([{ name, text }], locale ? { locale } : {});
const codes = (r: Report) => r.findings.map((f) => f.code);
const allFixes = (r: Report) => r.findings.map((f) => f.fix).join('\n');

describe('Bareos/Bacula job messages', () => {
	it('a writer in invalid state: the writer and its state, never the success code inside ERR=', () => {
		const records = errors(read(agentJobMessages, fixture('bareos-joblog-de-invalid-state.txt')));
		// The warning (state not printed, German success text) and the writer status after BackupComplete (state 7);
		// the stable writers' status lines are no errors.
		assert.deepEqual(
			records.map((r) => [r.fields.product, r.fields.writerName, r.fields.writerState, r.fields.hresult, r.fields.code]),
			[
				['bacula', 'MSSearch Service Writer', null, null, null],
				['bacula', 'MSSearch Service Writer', 7, null, null],
			],
		);
	});

	it('the report: QL570 names the writer, its state and its service, and nothing VMware', () => {
		for (const locale of ['en', 'ja'] as const) {
			const r = analyse('bareos-joblog-de-invalid-state.txt', undefined, locale);
			assert.deepEqual(codes(r), ['QL570']);
			const [f] = r.findings;
			assert.deepEqual(f.writers, ['MSSearch Service Writer']);
			assert.match(f.message, /\[7\] VSS_WS_FAILED_AT_PREPARE_BACKUP/);
			assert.match(f.fix, /Restart-Service -Name WSearch/);
			assert.doesNotMatch(f.fix, /VMware|tools\.conf/);
			assert.doesNotMatch(f.message, /0x00000000 \(/);
			assert.deepEqual(r.attempts[0].failedComponent, { type: 'writer', name: 'MSSearch Service Writer' });
			assert.equal(r.attempts[0].kind, 'guest-shadow-copy');
		}
	});

	it('the fd messages quoted in a mail: the fatal line without a code gives way to the writer; the API sentence is its HRESULT', () => {
		const r = analyse('bareos-fd-messages-quoted.txt');
		assert.equal(r.findings[0].code, 'QL570');
		assert.match(r.findings[0].message, /\[7\]/);
		const api = only(r.findings, 'QL550')[0];
		assert.equal(api.hresult, '0x80042301');
		assert.match(api.message, /BackupComplete/);
		// The fatal line says only that the snapshot failed; the writer line says where.
		assert.deepEqual(r.attempts[0].failedComponent, { type: 'writer', name: 'MSSearch Service Writer' });
		assert.equal(r.attempts[0].failedPhase, 'prepare');
	});

	it('Bacula Enterprise stamps; the freeze-state sentence is state 9', () => {
		const r = analyse('bacula-ntds-failed-at-freeze.txt');
		assert.deepEqual(codes(r), ['QL570']);
		assert.match(r.findings[0].message, /\[9\] VSS_WS_FAILED_AT_FREEZE/);
		assert.equal(r.attempts[0].failedPhase, 'freeze');
	});

	it('negative: file errors, stable writers and plain job lines are no VSS failures', () => {
		const text = [
			'21-mai 17:08 bareos-pluton-fd JobId 4:      Could not stat "C:/Windows/Vss": ERR=Access is denied (0x00000005)',
			'21-mai 17:08 bareos-pluton-fd JobId 4: Generate VSS snapshots. Driver="Win64 VSS", Drive(s)="C"',
			'21-mai 17:30 bareos-pluton-fd JobId 4: VSS Writer (BackupComplete): "System Writer", State: 0x1 (VSS_WS_STABLE)',
			'21-mai 17:30 bareos-dir JobId 4: Warning: Some files were not backed up',
		].join('\n');
		assert.deepEqual(errors(read(agentJobMessages, text)), []);
		const r = analyse('bareos-ok.txt', text);
		assert.equal(r.findings.filter((f) => f.severity === 'error').length, 0);
		assert.equal(r.inputs[0].unparsedLines, 0);
	});
});

describe('NTBackup: Exchange streaming (ESE) backup', () => {
	it('a hard-wrapped ESE error is one record: the store, the call, the ESE error text', () => {
		const [e, more] = errors(read(ntbackupReport, fixture('ntbackup-ese-wrapped.log')));
		assert.equal(more, undefined);
		assert.deepEqual([e.fields.store, e.fields.operation, e.fields.message], ['Microsoft Information Store', 'HrESEBackupSetup', 'Error returned from an ESE function call (d).']);
		assert.match(e.text, /^The 'Microsoft Information Store' returned .* additional data '-'$/);
	});

	it('QL571 of its own, in both languages, and never the VMware fallback', () => {
		for (const locale of ['en', 'ja'] as const) {
			const r = analyse('ntbackup-ese-wrapped.log', undefined, locale);
			assert.deepEqual(codes(r), ['QL571']);
			assert.match(r.findings[0].title, /Microsoft Information Store/);
			assert.doesNotMatch(allFixes(r), /VMware|tools\.conf|vmware\.log/);
		}
	});

	it('negative: a VSS report of NTBackup stays a VSS finding; a line with an open quote alone makes no ESE error', () => {
		const vss = analyse('nt.log', 'Volume shadow copy creation: Attempt 1.\n"MSDEWriter" has reported an error 0x800423f0. This is part of System State.\n');
		assert.ok(!codes(vss).includes('QL571'));
		const lines = errors(read(ntbackupReport, "Volume shadow copy creation: Attempt 1.\nBackup description: 'Set created 12/6/2006\nat 2:00 AM\nThe operation was ended.\n"));
		assert.deepEqual(lines, []);
	});
});

describe('Backup Exec', () => {
	it('a UMI code spells the code in decimal', () => {
		assert.equal(umiCode('UMI Code: V-79-40960-38686'), '0xA000971E');
		assert.equal(umiCode('refer to link V-79-57344-65233'), '0xE000FED1');
		assert.equal(umiCode('V-79-99999-1'), null);
		assert.equal(umiCode('no code'), null);
	});

	it('0xE000FED1: the writer-status fix; the UMI line joins the same finding', () => {
		const r = analyse('backup-exec-writer-status.txt');
		assert.deepEqual(codes(r), ['QL550']);
		assert.match(r.findings[0].fix, /vssadmin list writers/);
		assert.equal(r.findings[0].evidence.length, 2);
	});

	it('a Japanese console: the labels in Japanese, the code and its fix the same', () => {
		const r = analyse('backup-exec-ja-84af.txt', undefined, 'ja');
		assert.deepEqual(codes(r), ['QL550']);
		assert.match(r.findings[0].title, /Veritas Backup Exec/);
		assert.match(r.findings[0].fix, /1 ボリュームずつ/);
	});

	it('a code the table does not know is read by the words printed after it', () => {
		const r = analyse('be.txt', 'Error Code: 0xA0008F18 - The snapshot of the virtual machine failed.\nUMI Code: V-79-40960-36632\n');
		assert.match(r.findings[0].message, /0xA0008F18: The snapshot of the virtual machine failed\.$/, "the words after the code, and no wrapper-code sentence beside a product's own code");
	});
});

describe('TSM for VE dsmerror.log', () => {
	it('stamped lines are read; the generic quiesce message still leads to a host-snapshot finding with what to collect', () => {
		const r = analyse('tsm-dsmerror-quiesce-generic.txt');
		assert.equal(r.inputs[0].format, 'backup-job-messages');
		assert.equal(r.attempts[0].kind, 'host-snapshot');
		assert.equal(r.attempts[0].requester, 'IBM Spectrum Protect (TSM)');
		assert.deepEqual(codes(r), ['QL112']);
		assert.match(r.findings[0].fix, /vmbackup\.level = debug/);
	});

	it("vCenter's reason inside 'API error message' decides: the I/O hold-off is the host's, not the requester's", () => {
		const r = analyse('tsm-io-holdoff.txt');
		assert.equal(r.findings[0].code, 'QL107');
		assert.deepEqual(r.attempts[0].failedComponent, { type: 'host', name: null });
	});
});

describe('QL112: the fallback speaks of what the attempt was', () => {
	const failedJob = rec('product-job', { product: 'activeimage', scope: 'job', status: 'failed' });

	it('a shadow copy a product asked for: the product, the guest logs and its own log; nothing VMware', () => {
		for (const locale of ['en', 'ja'] as const) {
			const a = attempt({ kind: 'guest-shadow-copy', requester: 'ActiveImage Protector', vm: null, snapshotName: null }, [failedJob]);
			const [f] = only(diagnose(input({ attempts: [a], records: [failedJob], locale })), 'QL112');
			assert.match(f.title, /ActiveImage Protector/);
			assert.match(f.fix, /wevtutil epl Application/);
			assert.match(f.fix, locale === 'en' ? /ActiveImage Protector's own log/ : /ActiveImage Protector 自身/);
			assert.doesNotMatch(f.fix, /tools\.conf|vmware\.log/);
		}
	});

	it('a Hyper-V checkpoint: the VMMS log and the backup integration service', () => {
		const a = attempt({ kind: 'hyperv-checkpoint', requester: 'Hyper-V (VMMS)' });
		const [f] = only(diagnose(input({ attempts: [a], hypervisor: 'hyper-v' })), 'QL112');
		assert.match(f.title, /Hyper-V checkpoint a1/);
		assert.match(f.fix, /Hyper-V-VMMS-Admin/);
		assert.doesNotMatch(f.fix, /tools\.conf/);
	});

	it('a host quiesced snapshot on VMware keeps the VMware Tools advice', () => {
		const [f] = only(diagnose(input({ attempts: [attempt()] })), 'QL112');
		assert.match(f.title, /quiesced snapshot a1/);
		assert.match(f.fix, /tools\.conf/);
		assert.match(f.fix, /hostd\.log/);
	});
});

describe('Windows Server Backup text: one reading of a Backup_Error line', () => {
	const line = 'Error in backup of F:\\$Extend\\$RmMetadata\\$TxfLog\\ during write: Error [0x80070005] Access is denied.';

	it('pasted among the error details it is the same file error its own log gives (QL311), not a product error', () => {
		const alone = analyse('Backup_Error.log', `${line}\n`);
		const pasted = analyse('wsb.txt', `Error Code: 0x81000019\n\nShadow copy creation failed because of error reported by System Writer.\n${line}\n`);
		assert.equal(pasted.inputs[0].format, 'wsb-log');
		for (const r of [alone, pasted])
			assert.deepEqual(
				only(r.findings, 'QL311').map((f) => [f.hresult, /TxfLog/.test(f.message)]),
				[['0x80070005', true]],
			);
		assert.ok(!only(pasted.findings, 'QL550').some((f) => f.hresult === '0x80070005'));
	});

	it('a Japanese entry whose error text is on the next line keeps it, pasted or alone', () => {
		const ja = 'C:\\windows\\\\systemroot\\ のバックアップで列挙中にエラーが発生しました: エラー [0x8007007b]\nファイル名、ディレクトリ名、またはボリューム ラベルの構文が間違っています。\n';
		const pasted = analyse('wsb.txt', `Error Code: 0x80780049\n\n${ja}`);
		const [f] = only(pasted.findings, 'QL311');
		assert.match(f.message, /構文が間違っています|syntax/);
		assert.equal(pasted.inputs[0].unparsedLines, 0);
	});
});

describe('benign events stay benign next to a real failure (issue 17 item 5)', () => {
	const bareos = { name: 'job.txt', text: fixture('bareos-joblog-de-invalid-state.txt') };
	const events = {
		'8230': 'ID: 8230\nLevel: Warning\nSource: VSS\nMessage: Volume Shadow Copy Service error: Failed resolving account svc_backup with status 1376. Check connection to domain controller and VssAccessControl registry key.\n',
		'12289': 'ID: 12289\nLevel: Error\nSource: VSS\nMessage: Volume Shadow Copy Service error: Unexpected error querying for the IVssWriterCallback interface.  hr = 0x80042409, Writer status is not available for one or more writers.\n',
		'8224': 'ID: 8224\nLevel: Information\nSource: VSS\nMessage: The VSS service is shutting down due to idle timeout.\n',
	};

	for (const [id, text] of Object.entries(events)) {
		it(`VSS ${id} alone: no error; with a failed job the verdict names the writer that failed`, () => {
			const alone = analyzeText([{ name: `e${id}.txt`, text }]);
			assert.equal(alone.findings.filter((f) => f.severity !== 'info').length, 0);
			const both = analyzeText([{ name: `e${id}.txt`, text }, bareos]);
			assert.equal(both.findings[0].code, 'QL570');
			assert.ok(both.findings.filter((f) => f.severity === 'error').every((f) => f.code === 'QL570'));
		});
	}

	it('a job an operator cancelled is information, and what did fail is said', () => {
		const r = analyse('veeam-v11-job-cancelled.log');
		const [f] = only(r.findings, 'QL553');
		assert.equal(f.severity, 'info');
		assert.ok(!r.findings.some((x) => x.code === 'QL112'));
	});
});

describe('wbadmin console output', () => {
	for (const [name, locale] of [
		['wbadmin-systemstate-0x800423f4-wrapped.txt', 'en'],
		['wbadmin-ja-systemstate-0x800423f4.txt', 'ja'],
	] as const) {
		it(`${name}: Windows Server Backup's code, every line accounted for`, () => {
			const r = analyse(name, undefined, locale);
			assert.equal(r.inputs[0].format, 'wsb-log');
			assert.equal(r.inputs[0].unparsedLines, 0);
			assert.equal(r.attempts[0].requester, 'Windows Server Backup');
			assert.deepEqual(
				r.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.hresult]),
				[['QL550', '0x800423F4']],
			);
		});
	}

	it('negative: without the banner, a plain line with a code is not read as wbadmin', () => {
		const r = analyse('note.txt', 'The backup operation stopped before completing.\nERROR - something failed: (0x800423f4)\n');
		assert.notEqual(r.inputs[0].format, 'wsb-log');
	});
});

describe('QL550 takes the HRESULT table advice when it has no fix of its own', () => {
	it('ActiveImage Protector 0x80042316: schedule the other shadow copy apart (en, ja)', () => {
		const en = analyse('aip-snapshot-set-in-progress-0x80042316.log');
		assert.equal(en.findings[0].code, 'QL550');
		assert.match(en.findings[0].fix, /^1\. Another backup, System Restore or a second backup product/);
		const ja = analyse('aip-snapshot-set-in-progress-0x80042316.log', undefined, 'ja');
		assert.ok(ja.findings[0].fix.startsWith(`1. ${hresultAdvice('0x80042316', 'ja')}`));
	});

	it('negative: a code without table advice still says to look it up', () => {
		const r = analyse('be.txt', 'Error Code: 0xA0008F18 - The snapshot of the virtual machine failed.\n');
		assert.match(r.findings[0].fix, /Look up 0xA0008F18/);
	});
});
