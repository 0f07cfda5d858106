import * as assert from 'assert/strict';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { attempt, IDS, input, listing, only, rec, winEvent, writer } from './ruleInputs';

describe('rules QL3xx: writer listings and the VSS machinery', () => {
	describe('QL301 vssadmin printed an error', () => {
		it('positive: quotes the error line', () => {
			const l = listing({ status: 'error', count: 0, errorText: 'Error: unexpected error.', errorLine: 4, errorFirstLine: 'Error: unexpected error.' });
			const [f] = only(diagnose(input({ writerListings: [l] })), 'QL301');
			assert.equal(f.severity, 'error');
			assert.deepEqual(f.evidence, [{ path: 'guest/writers.txt', line: 4, text: 'Error: unexpected error.' }]);
		});
		it('negative: a listing', () => {
			assert.equal(only(diagnose(input({ writerListings: [listing()], writers: [writer('System Writer', 1, { writerId: IDS.systemWriter })] })), 'QL301').length, 0);
		});
	});

	describe('QL302 no writers listed', () => {
		it('positive', () => {
			assert.equal(only(diagnose(input({ writerListings: [listing({ status: 'empty', count: 0 })] })), 'QL302')[0].severity, 'warning');
		});
		it('negative', () => {
			assert.equal(only(diagnose(input({ writerListings: [listing()] })), 'QL302').length, 0);
		});
	});

	describe('QL303 writers missing from the listing', () => {
		const system = writer('System Writer', 1, { writerId: IDS.systemWriter });
		const taskScheduler = writer('Task Scheduler Writer', 1);
		it('positive: the System Writer is missing (by id), with its VSS 8213 event and KB 2009272', () => {
			const e8213 = winEvent('VSS', 8213);
			const [f] = only(diagnose(input({ writerListings: [listing()], writers: [taskScheduler], records: [e8213] })), 'QL303');
			assert.equal(f.severity, 'warning');
			assert.deepEqual(f.writers, ['System Writer']);
			assert.match(f.fix, /Restart-Service -Name CryptSvc/);
			assert.ok(f.kb.some((k) => k.id === 'Microsoft KB 2009272'));
			assert.ok(f.evidence.some((e) => e.path === 'guest/events.xml'));
		});
		it('positive: SQL Server runs (its writer log is in the bundle) but SqlServerWriter is not listed', () => {
			const sqlLog = rec('sqlwriter-phase', { phase: 'OnIdentify' }, { path: 'guest/SqlWriterLogger.txt' });
			const [f] = only(diagnose(input({ writerListings: [listing()], writers: [system], records: [sqlLog] })), 'QL303');
			assert.deepEqual(f.writers, ['SqlServerWriter']);
			assert.match(f.fix, /Start-Service -Name SQLWriter/);
			assert.ok(f.evidence.some((e) => e.path === 'guest/SqlWriterLogger.txt'));
		});
		it('negative: System Writer listed (a localized listing keeps the same id) and no SQL Server or Exchange in the bundle', () => {
			const renamed = writer('Systemverfasser', 1, { writerId: IDS.systemWriter });
			assert.equal(only(diagnose(input({ writerListings: [listing()], writers: [renamed, taskScheduler] })), 'QL303').length, 0);
		});
	});

	describe('QL304 COM+ / VSS event class not registered', () => {
		const e22 = winEvent('VSS', 22, { guid: 'faf53cc4-bd73-4e36-83f1-2b23f46e513e', hresult: '0x80040154' });
		const e8193 = winEvent('VSS', 8193, { hresult: '0x80040154', data: '["CoCreateInstance","0x80040154, Class not registered"]' });
		it('positive: events 22 + 8193 in an attempt name VSSEvent and the TypeLib repair, citing KB 2009550', () => {
			const [f] = only(diagnose(input({ attempts: [attempt({ vmbackupStatus: 5, hresult: '0x80042302' }, [e22, e8193])], records: [e22, e8193] })), 'QL304');
			assert.equal(f.severity, 'error');
			assert.match(f.title, /VSSEvent/);
			assert.match(f.fix, /EVENTCLS\.DLL/);
			assert.match(f.fix, /Restart-Service -Name EventSystem/);
			assert.equal(f.kb[0].url, 'https://learn.microsoft.com/troubleshoot/windows-server/backup-and-storage/no-vss-writers-listed-run-vssadmin-list-writers');
			assert.equal(f.evidence.length, 2);
		});
		it('positive: VSS_E_WRITER_INFRASTRUCTURE reported by the guest', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt({ hresult: '0x80042318' })] })), 'QL304')[0].hresult, '0x80042318');
		});
		it('negative: an 8193 for another cause (access denied)', () => {
			assert.equal(only(diagnose(input({ records: [winEvent('VSS', 8193, { hresult: '0x80070005' })] })), 'QL304').length, 0);
		});
	});

	describe('QL305 flush / hold writes timed out under heavy I/O', () => {
		it('positive: volsnap 8 outside attempts, VMware KB on VMware only', () => {
			const v8 = winEvent('volsnap', 8, { qualifiers: 49158 }, { path: 'guest/system.xml' });
			const [f] = only(diagnose(input({ records: [v8] })), 'QL305');
			assert.equal(f.severity, 'error');
			assert.match(f.message, /volsnap event 8/);
			assert.ok(f.kb.some((k) => k.id === 'VMware KB 5962168'));
			const [h] = only(diagnose(input({ records: [v8], hypervisor: 'hyper-v' })), 'QL305');
			assert.ok(h.kb.every((k) => !k.id.startsWith('VMware')));
			assert.doesNotMatch(h.fix, /datastore/);
		});
		it('positive: 0x80042314 reported by the guest', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt({ hresult: '0x80042314' })] })), 'QL305')[0].hresult, '0x80042314');
		});
		it('negative', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt({ hresult: '0x800423F3' })] })), 'QL305').length, 0);
		});
	});

	describe('QL306 Windows Server Backup failed (decimal error code)', () => {
		it('positive: 521 with 2155348129 is 0x807800A1 (a VSS writer failed)', () => {
			const e = winEvent('Microsoft-Windows-Backup', 521, { data: '["2024-01-01T00:00:00Z","2155348129"]' });
			const [f] = only(diagnose(input({ records: [e], hypervisor: 'unknown' })), 'QL306');
			assert.equal(f.hresult, '0x807800A1');
			assert.match(f.fix, /SQLVDI/);
		});
		it('positive: 517 with 2155348226 is 0x80780102 (System Writer not found)', () => {
			const e = winEvent('Microsoft-Windows-Backup', 517, { data: '["2024-01-01T00:00:00Z","2155348226"]' });
			const [f] = only(diagnose(input({ records: [e] })), 'QL306');
			assert.equal(f.hresult, '0x80780102');
			assert.match(f.fix, /CryptSvc/);
		});
		it('negative: another Backup event', () => {
			assert.equal(only(diagnose(input({ records: [winEvent('Microsoft-Windows-Backup', 4, { data: '["2024-01-01"]' })] })), 'QL306').length, 0);
		});
	});
});
