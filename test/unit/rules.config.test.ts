import * as assert from 'assert/strict';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { goodAttempt, IDS, input, only, provider, rec, winEvent } from './ruleInputs';

const VMX = 'esxi/vm/vmware.log';
const setting = (key: string, value: string, bool: boolean | null = null) => rec('vmx-setting', { key, value, bool }, { path: VMX, text: `${key} = "${value}"` });
const windows = setting('guestOS', 'windows2019srv-64');
const conf = (key: string, value: string, isDefault?: boolean) =>
	rec(isDefault === undefined ? 'tools-conf-setting' : 'tools-config-read', { section: 'vmbackup', key, value, ...(isDefault === undefined ? {} : { isDefault }) }, { path: 'guest/tools.conf', text: `${key} = ${value}` });

describe('rules QL405–QL406 guest configuration and QL5xx hypervisor', () => {
	describe('QL405 disk.EnableUUID = FALSE', () => {
		it('positive: a Windows VM, naming the attempts it explains', () => {
			const [f] = only(diagnose(input({ attempts: [goodAttempt({ consistency: 'filesystem' })], records: [windows, setting('disk.EnableUUID', 'FALSE', false)] })), 'QL405');
			assert.equal(f.severity, 'warning');
			assert.match(f.message, /Attempts a1 ended file-system-consistent/);
			assert.match(f.fix, /disk\.EnableUUID/);
			assert.equal(f.evidence[0].text, 'disk.EnableUUID = "FALSE"');
		});
		it('negative: TRUE, a Linux VM, or a Hyper-V bundle', () => {
			assert.equal(only(diagnose(input({ records: [windows, setting('disk.EnableUUID', 'TRUE', true)] })), 'QL405').length, 0);
			assert.equal(only(diagnose(input({ records: [setting('guestOS', 'rhel8-64'), setting('disk.EnableUUID', 'FALSE', false)] })), 'QL405').length, 0);
			assert.equal(only(diagnose(input({ records: [windows, setting('disk.EnableUUID', 'FALSE', false)], hypervisor: 'hyper-v' })), 'QL405').length, 0);
		});
	});

	describe('QL406 application quiescing turned off in tools.conf', () => {
		it('positive: vss.disableAppQuiescing = true, and enableVSS = false', () => {
			const [f] = only(diagnose(input({ records: [windows, conf('vss.disableAppQuiescing', 'true'), conf('enableVSS', 'FALSE')] })), 'QL406');
			assert.equal(f.severity, 'warning');
			assert.equal(f.evidence.length, 2);
			assert.match(f.fix, /Restart-Service -Name VMTools/);
		});
		it('negative: false, or Tools reporting its own default', () => {
			assert.equal(only(diagnose(input({ records: [windows, conf('vss.disableAppQuiescing', 'false'), conf('enableVSS', 'TRUE', true)] })), 'QL406').length, 0);
		});
	});

	describe('QL501 ESXi 6.0 changed block tracking bug', () => {
		const header = (version: string, build: string) => rec('log-header', { product: 'VMware ESX', version, build }, { path: VMX, text: `Log for VMware ESX pid=1 version=${version} build=${build}` });
		const ctk = setting('ctkEnabled', 'TRUE', true);
		it('positive: 6.0.0 before build 3247720 with CBT on cites VMware KB 2136854', () => {
			const [f] = only(diagnose(input({ records: [header('6.0.0', 'build-3029758'), ctk] })), 'QL501');
			assert.equal(f.severity, 'warning');
			assert.equal(f.kb[0].url, 'https://knowledge.broadcom.com/external/article/317933/backing-up-a-changed-block-tracking-enab.html');
			assert.equal(f.evidence.length, 2);
		});
		it("positive: a disk-level ctkEnabled and hostd's section line count too", () => {
			const section = rec('section', { product: 'VMware ESX', version: '6.0.0', build: 'build-2494585' }, { path: 'esxi/hostd.log' });
			assert.equal(only(diagnose(input({ records: [section, setting('scsi0:0.ctkEnabled', 'TRUE', true)] })), 'QL501').length, 1);
		});
		it('negative: the fixed build, a later release, CBT off, or Hyper-V', () => {
			assert.equal(only(diagnose(input({ records: [header('6.0.0', 'build-3247720'), ctk] })), 'QL501').length, 0);
			assert.equal(only(diagnose(input({ records: [header('6.5.0', 'build-4564106'), ctk] })), 'QL501').length, 0);
			assert.equal(only(diagnose(input({ records: [header('6.0.0', 'build-3029758'), setting('ctkEnabled', 'FALSE', false)] })), 'QL501').length, 0);
			assert.equal(only(diagnose(input({ records: [header('6.0.0', 'build-3029758'), ctk], hypervisor: 'hyper-v' })), 'QL501').length, 0);
		});
	});

	describe('QL502 a Hyper-V integration services provider left in a VMware guest', () => {
		const hyperv = provider('Hyper-V IC Software Shadow Copy Provider', `{${IDS.hypervProvider.toUpperCase()}}`);
		const providers = [provider('Microsoft Software Shadow Copy provider 1.0', IDS.msProvider), provider('VMware Snapshot Provider', IDS.vmwareProvider), hyperv];
		it('positive: harmless information quoting its listing line, the GUID matched whatever its case and braces', () => {
			const [f] = only(diagnose(input({ providers })), 'QL502');
			assert.equal(f.severity, 'info');
			assert.match(f.message, /'Hyper-V IC Software Shadow Copy Provider' \{74600e39-7dc5-4567-a03b-f091d6c7b092\}/);
			assert.match(f.message, /not the cause/);
			assert.deepEqual(
				f.evidence.map((e) => [e.path, e.line]),
				[[hyperv.source.path, hyperv.source.line]],
			);
			assert.equal(f.kb[0].url, 'https://learn.microsoft.com/virtualization/hyper-v-on-windows/reference/integration-services');
		});
		it('negative: on Hyper-V or an unknown hypervisor, without the provider, or when a VSS event names it', () => {
			assert.equal(only(diagnose(input({ providers, hypervisor: 'hyper-v' })), 'QL502').length, 0);
			assert.equal(only(diagnose(input({ providers, hypervisor: 'unknown' })), 'QL502').length, 0);
			assert.equal(only(diagnose(input({ providers: providers.slice(0, 2) })), 'QL502').length, 0);
			const named = winEvent('VSS', 12293, { guid: IDS.hypervProvider, hresult: '0x80042306' });
			assert.equal(only(diagnose(input({ providers, records: [named] })), 'QL502').length, 0);
		});
	});

	describe('QL503 a full ESXi ramdisk', () => {
		const HOST = 'esxi/messages';
		const row = (name: string, usePercent: number, available: string, availableBytes: number) =>
			rec(
				'ramdisk',
				{ name, size: '166M', used: '150M', available, sizeBytes: 166 * 1024 ** 2, usedBytes: 150 * 1024 ** 2, availableBytes, usePercent, mountedOn: null },
				{ path: 'esxi/vdf.txt', text: `${name} 166M 150M ${available} ${usePercent}% --` },
			);
		const enospc = (path: string | null) => rec('no-space', { agent: 'hostd', level: 'error', sub: 'Statssvc', opId: null, user: null, path, message: `FileIO error: No space left : ${path}` }, { path: HOST });
		it("positive: hostd's failed write alone names the hostdstats ramdisk by its path; an error citing KB 1005884", () => {
			const [f] = only(diagnose(input({ records: [enospc('/var/lib/vmware/hostd/stats/hostAgentStats.idMap'), enospc('/var/lib/vmware/hostd/stats/hostAgentStats.idMap')] })), 'QL503');
			assert.equal(f.severity, 'error');
			assert.match(f.title, /hostdstats ramdisk is full/);
			assert.match(f.message, /performance statistics/);
			assert.equal(f.evidence.length, 1, 'one failed write per agent and file');
			assert.equal(f.kb[0].id, 'VMware KB 1005884');
			assert.match(f.fix, /rm -rf \/var\/lib\/vmware\/hostd\/stats/);
		});
		it('positive: a listing at 100% (or 0 available) is full, at 90% nearly full (a warning); another ramdisk gets its own advice', () => {
			const full = only(diagnose(input({ records: [row('root', 99, '0B', 0)] })), 'QL503');
			assert.deepEqual(
				full.map((f) => f.severity),
				['error'],
			);
			assert.doesNotMatch(full[0].fix, /hostd\/stats/);
			assert.match(full[0].fix, /the root ramdisk/);
			assert.equal(
				full[0].kb.some((k) => k.id === 'VMware KB 1005884'),
				false,
			);
			const nearly = only(diagnose(input({ records: [row('hostdstats', 92, '13M', 13 * 1024 ** 2)] })), 'QL503');
			assert.deepEqual(
				nearly.map((f) => [f.severity, f.title]),
				[['warning', "The ESXi host's hostdstats ramdisk is nearly full"]],
			);
		});
		it('positive: the listing and the failed write of one ramdisk are one finding; a write outside any known ramdisk is its own', () => {
			const found = only(diagnose(input({ records: [row('hostdstats', 100, '0B', 0), enospc('/var/lib/vmware/hostd/stats/x'), enospc('/vmfs/volumes/ds1/x.log')] })), 'QL503');
			assert.deepEqual(
				found.map((f) => f.evidence.length),
				[2, 1],
			);
			assert.match(found[1].title, /management agent ran out of space/);
		});
		it('negative: ramdisks with room, or a Hyper-V bundle', () => {
			assert.equal(only(diagnose(input({ records: [row('hostdstats', 89, '17M', 17 * 1024 ** 2), row('tmp', 0, '191M', 191 * 1024 ** 2)] })), 'QL503').length, 0);
			assert.equal(only(diagnose(input({ records: [enospc('/var/lib/vmware/hostd/stats/x')], hypervisor: 'hyper-v' })), 'QL503').length, 0);
		});
	});
});
