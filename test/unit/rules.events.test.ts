import * as assert from 'assert/strict';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { input, only, rec, winEvent, writer } from './ruleInputs';

const codes = (i: Parameters<typeof diagnose>[0]) => diagnose(i).map((f) => `${f.code}:${f.severity}`);

describe("rules QL311–QL316: single events, WSB's error log, hand-edited listings", () => {
	describe('QL311 files Windows Server Backup could not back up', () => {
		const txf = rec('wsb-file-error', { path: 'F:\\$Extend\\$RmMetadata\\$TxfLog\\$TxfLog.blf', hresult: '0x80070005', errorText: 'Access is denied.', context: 'during write' });
		it('TxF metadata denied: block-level backup or FilesNotToBackup, with event 547 named', () => {
			const f = only(diagnose(input({ records: [txf, winEvent('Microsoft-Windows-Backup', 547, { level: 3 })] })), 'QL311');
			assert.equal(f.length, 1);
			assert.equal(f[0].hresult, '0x80070005');
			assert.match(f[0].message, /RmMetadata.*547/s);
			assert.match(f[0].fix, /FilesNotToBackup/);
		});
		it('a malformed \\SystemRoot\\ path with 0x8007007B points at a service ImagePath', () => {
			const bad = rec('wsb-file-error', { path: 'C:\\windows\\\\systemroot\\', hresult: '0x8007007B', errorText: null, context: '' });
			const f = only(diagnose(input({ records: [bad] })), 'QL311')[0];
			assert.match(f.message, /ImagePath/);
			assert.deepEqual(f.writers, ['System Writer']);
		});
		it('an ordinary locked file gets neither explanation', () => {
			const f = only(diagnose(input({ records: [rec('wsb-file-error', { path: 'D:\\data\\db.mdf', hresult: '0x80070020', errorText: null, context: '' })] })), 'QL311')[0];
			assert.doesNotMatch(f.message, /ImagePath|TxF/);
		});
		it('no WSB evidence, no finding', () => assert.deepEqual(only(diagnose(input({ records: [winEvent('Microsoft-Windows-Backup', 4, { level: 4 })] })), 'QL311'), []));
	});

	describe('QL312 Hyper-V backup checkpoint', () => {
		it('a VMMS event with an HRESULT is an error naming the backup checkpoint', () => {
			const f = only(diagnose(input({ records: [winEvent('Microsoft-Windows-Hyper-V-VMMS', 0, { eventId: null, hresult: '0x80070002' })] })), 'QL312');
			assert.equal(f[0].severity, 'error');
			assert.match(f[0].title, /backup checkpoint/);
		});
		it('VMMS events without a failure code give none', () => {
			assert.deepEqual(only(diagnose(input({ records: [winEvent('Microsoft-Windows-Hyper-V-VMMS', 0, { eventId: null })] })), 'QL312'), []);
		});
	});

	describe('QL313 stale VssAccessControl entry (8230)', () => {
		const e8230 = winEvent('VSS', 8230, { level: 3, message: 'Volume Shadow Copy Service error: Failed resolving account OLDSVC with status 1376. Check connection to domain controller and VssAccessControl registry key.', hresult: '0x80070560' });
		it('is information, never an error, and names the status', () => {
			const f = only(diagnose(input({ records: [e8230] })), 'QL313');
			assert.equal(f[0].severity, 'info');
			assert.match(f[0].message, /VssAccessControl.*1376/s);
			assert.ok(!codes(input({ records: [e8230] })).some((c) => c.endsWith(':error')), codes(input({ records: [e8230] })).join());
		});
	});

	describe('QL314 the shadow copy device could not be opened', () => {
		it('CreateFileW on HarddiskVolumeShadowCopyN, backslashes lost or not', () => {
			for (const dev of ['\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy2', '\\?GLOBALROOTDeviceHarddiskVolumeShadowCopy2']) {
				const e = winEvent('VSS', 12289, { message: `Volume Shadow Copy Service error: Unexpected error CreateFileW(${dev},0x80000000,0x00000003,...). hr = 0x80070001, Incorrect function.`, hresult: '0x80070001' });
				assert.match(only(diagnose(input({ records: [e] })), 'QL314')[0].title, /CreateFileW/);
			}
		});
		it('a call on a floppy device is not this', () => {
			const e = winEvent('VSS', 12289, { message: 'Volume Shadow Copy Service error: Unexpected error DeviceIoControl(\\\\?\\fdc#generic_floppy_drive,0x00560000). hr = 0x80070001, Incorrect function.', hresult: '0x80070001' });
			assert.deepEqual(only(diagnose(input({ records: [e] })), 'QL314'), []);
		});
	});

	describe('QL315 a writer failing outside an 8229 veto', () => {
		it('ASR Writer 0x80073BC3 in PrepareForBackup: the disk advice and the Windows Backup code', () => {
			const e = winEvent('VSS', 12290, { level: 3, hresult: '0x80073BC3', writerName: 'ASR Writer', operation: 'PrepareForBackup event' });
			const f = only(diagnose(input({ records: [e] })), 'QL315')[0];
			assert.deepEqual(f.writers, ['ASR Writer']);
			assert.match(f.message, /0x81000019/);
			assert.match(f.fix, /diskpart/);
		});
		it("COM registration failures are QL304's, not a writer's", () => {
			const e = winEvent('VSS', 8193, { hresult: '0x800401FB', writerName: 'ASR Writer', operation: 'Subscribing Writer' });
			const found = diagnose(input({ records: [e] }));
			assert.deepEqual(only(found, 'QL315'), []);
			assert.equal(only(found, 'QL304').length, 1);
		});
	});

	describe('QL316 a state word that contradicts its number', () => {
		const listingOf = (...ws: ReturnType<typeof writer>[]) => ws.map((w) => ({ ...w, source: { path: 'writers.txt', line: 1 } }));
		it('[1] Failed where the listing prints Failed with [7] and Stable with [1]: a warning, the number wins', () => {
			const writers = listingOf(writer('System Writer', 1, { stateText: 'Failed' }), writer('SqlServerWriter', 1, { stateText: 'Stable' }), writer('WMI Writer', 7, { stateText: 'Failed', failed: true }));
			const f = only(diagnose(input({ writers })), 'QL316');
			assert.deepEqual(
				f.map((x) => [x.writers[0], x.severity]),
				[['System Writer', 'warning']],
			);
		});
		it('a consistent listing in any language gives none', () => {
			const writers = listingOf(writer('System Writer', 1, { stateText: '安定' }), writer('WMI Writer', 7, { stateText: '失敗', failed: true }), writer('NTDS', 1, { stateText: '安定' }));
			assert.deepEqual(only(diagnose(input({ writers })), 'QL316'), []);
		});
	});
});
