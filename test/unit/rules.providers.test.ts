import * as assert from 'assert/strict';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { attempt, goodAttempt, IDS, input, only, provider, rec, storage, winEvent } from './ruleInputs';

const REG = 'guest/vss.reg';
/** A provider registration read from a registry export: its key line and the provider fact at that line. */
function regProvider(controlSet: string, id: string, name: string) {
	const key = `HKEY_LOCAL_MACHINE\\SYSTEM\\${controlSet}\\Services\\VSS\\Providers\\{${id}}`;
	const r = rec('registry-key', { key, deleted: false }, { path: REG, text: `[${key}]` });
	return { record: r, provider: provider(name, id, { source: { path: REG, line: r.source.line } }) };
}
const backupVendor = '7a3e9f1c-5b2d-4c6e-9a81-0d4f6b2c8e17';

describe('rules QL4xx: providers, shadow storage, guest configuration', () => {
	describe('QL401 provider veto', () => {
		const e12293 = winEvent('VSS', 12293, { guid: IDS.vmwareProvider, hresult: '0x80042306' });
		it('positive: 12293 names the VMware provider by GUID; the fix checks vmvss', () => {
			const a = attempt({ vmbackupStatus: 5, hresult: '0x80042306' }, [e12293]);
			const [f] = only(diagnose(input({ attempts: [a], records: [e12293], providers: [provider('VMware Snapshot Provider', IDS.vmwareProvider)] })), 'QL401');
			assert.equal(f.severity, 'error');
			assert.match(f.title, /'VMware Snapshot Provider' \{564d7761-7265-2056-5353-2050726f7669\}/);
			assert.equal(f.hresult, '0x80042306');
			assert.match(f.fix, /Get-Service -Name vmvss/);
		});
		it('on Hyper-V: the same veto gets no VMware advice', () => {
			const [f] = only(diagnose(input({ records: [e12293], hypervisor: 'hyper-v' })), 'QL401');
			assert.doesNotMatch(f.fix, /VMware|vmvss/);
		});
		it('a Microsoft provider veto restarts swprv; competing third-party providers are named', () => {
			const ms = winEvent('VSS', 12293, { guid: IDS.msProvider, hresult: '0x8004230F' });
			const [f] = only(diagnose(input({ records: [ms], providers: [provider('VMware Snapshot Provider', IDS.vmwareProvider), provider('Backup Vendor Provider', backupVendor)] })), 'QL401');
			assert.match(f.fix, /Restart-Service -Name swprv/);
			assert.match(f.message, /2 third-party providers/);
		});
		it('negative: no veto', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt({ hresult: '0x800423F3' })] })), 'QL401').length, 0);
		});
	});

	describe('QL402 several third-party providers', () => {
		it('positive: VMware plus a backup vendor', () => {
			const [f] = only(diagnose(input({ providers: [provider('VMware Snapshot Provider', IDS.vmwareProvider), provider('Backup Vendor Provider', backupVendor), provider('Microsoft Software Shadow Copy provider 1.0', IDS.msProvider)] })), 'QL402');
			assert.equal(f.severity, 'warning');
			assert.equal(f.evidence.length, 2);
		});
		it('negative: a stale second registration of the VMware provider is one provider (QL403), not a competitor', () => {
			const providers = [provider('VMware Snapshot Provider', IDS.vmwareProvider), provider('VMware Snapshot Provider', backupVendor)];
			assert.equal(only(diagnose(input({ providers })), 'QL402').length, 0);
		});
		it('negative: VMware and Microsoft only (listed twice: in vssadmin and in a registry export)', () => {
			const providers = [provider('VMware Snapshot Provider', IDS.vmwareProvider), provider('VMware Snapshot Provider', `{${IDS.vmwareProvider.toUpperCase()}}`), provider('Microsoft Software Shadow Copy provider 1.0', IDS.msProvider)];
			assert.equal(only(diagnose(input({ providers })), 'QL402').length, 0);
		});
	});

	describe('QL403 provider registered twice / registration broken', () => {
		it("positive: two keys with the VMware provider's name in one control set; the stale GUID is the one to delete", () => {
			const good = regProvider('CurrentControlSet', IDS.vmwareProvider, 'VMware Snapshot Provider');
			const stale = regProvider('CurrentControlSet', backupVendor, 'VMware Snapshot Provider');
			const [f] = only(diagnose(input({ providers: [good.provider, stale.provider], records: [good.record, stale.record] })), 'QL403');
			assert.equal(f.severity, 'warning');
			assert.match(f.message, /0x80042303/);
			assert.match(f.fix, new RegExp(`reg delete ".*\\{${backupVendor}\\}" /f`));
			assert.doesNotMatch(f.fix, /reg delete ".*564d7761/);
			assert.deepEqual(
				f.evidence.map((e) => e.text),
				[good.record.text, stale.record.text],
			);
		});
		it('positive: 0x80042303 (IDispatch #8451) in an attempt is an error', () => {
			const post = rec('msg-post', { vmbackupStatus: 5, hresult: '0x80042303', idispatchError: 8451 }, { path: 'esxi/vmware.log' });
			const [f] = only(diagnose(input({ attempts: [attempt({ vmbackupStatus: 5, hresult: '0x80042303' }, [post])], records: [post] })), 'QL403');
			assert.equal(f.severity, 'error');
			assert.equal(f.hresult, '0x80042303');
		});
		it("positive: VSS 12292 for the Microsoft provider's class points at the swprv ServiceDll", () => {
			const e = winEvent('VSS', 12292, { guid: '65ee1dba-8ff4-4a58-ac1c-3470ee2f376a', hresult: '0x80080005' });
			assert.match(only(diagnose(input({ records: [e] })), 'QL403')[0].fix, /swprv\.dll/);
		});
		it('negative: the same GUID under two control sets is not a duplicate', () => {
			const cs1 = regProvider('ControlSet001', IDS.vmwareProvider, 'VMware Snapshot Provider');
			const cs2 = regProvider('ControlSet002', IDS.vmwareProvider, 'VMware Snapshot Provider');
			assert.equal(only(diagnose(input({ providers: [cs1.provider, cs2.provider], records: [cs1.record, cs2.record] })), 'QL403').length, 0);
		});
	});

	describe('QL404 shadow copy storage', () => {
		it('positive: volsnap 25 during an attempt is an error with the resize command', () => {
			const v25 = winEvent('volsnap', 25, { qualifiers: 49158 }, { path: 'guest/system.xml' });
			const [f] = only(diagnose(input({ attempts: [attempt({}, [v25])], records: [v25], shadowStorage: [storage({ forVolume: 'D:' })] })), 'QL404');
			assert.equal(f.severity, 'error');
			assert.equal(f.attemptId, 'a1');
			assert.match(f.fix, /vssadmin resize shadowstorage \/for=D: \/on=D: \/maxsize=10%/);
		});
		it('positive: 0x8004231F from the guest', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt({ hresult: '0x8004231F' })] })), 'QL404')[0].severity, 'error');
		});
		it('positive: storage at its maximum, and a small maximum, are warnings', () => {
			const full = storage({ forVolume: 'C:', usedBytes: 9.5e9, maximumBytes: 10e9, used: '9.5 GB', maximum: '10 GB' });
			const small = storage({ forVolume: 'E:', storageVolume: 'E:', usedBytes: 1e6, maximumBytes: 300e6, maximum: '300 MB' });
			const [f] = only(diagnose(input({ shadowStorage: [full, small] })), 'QL404');
			assert.equal(f.severity, 'warning');
			assert.match(f.message, /C: \(used 9\.5 GB of maximum 10 GB\) is at least 90% used/);
			assert.match(f.message, /E: .* less than 1 GB/);
			assert.match(f.fix, /\/for=E: \/on=E:/);
		});
		it('negative: room to spare, or UNBOUNDED', () => {
			assert.equal(only(diagnose(input({ attempts: [goodAttempt()], shadowStorage: [storage(), storage({ maximumBytes: null, maximum: 'UNBOUNDED' })] })), 'QL404').length, 0);
		});
	});
});
