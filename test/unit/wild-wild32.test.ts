import * as assert from 'assert/strict';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 12 (wild32): Microsoft Japan's Windows support posts quoting VSS, Windows Server Backup and Windows
// Error Reporting events (test/fixtures/wild/README.md names each source). Variants: quoted, CRLF, the same
// events in English, and what else the same shape says (another provider, another code, another process).

const AZURE = 'jpwinsup-ja-vss-22-12292-0x80040154-hyperv-ic-provider-azure.txt';
const SID = 'jpwinsup-ja-vss-8193-convertstringsidtosid-0x80070539-profilelist-bak.txt';
const SMB = 'jpwinsup-ja-wsb-517-0x80070012-smb-share-fullwidth-colons.txt';
const WBENGINE = 'jpwinsup-ja-wbengine-1000-0xc0000374-imagepath-double-quotes.txt';
const VMMS_1106 = 'jpwinsup-ja-hyperv-vmms-1106-live-migration-loghr-benign.txt';
const UNANSWERED = 'jpwinsup-ja-vss-12347-registry-writer-gatherwritermetadata-curly-quote.txt';

const HYPERV_IC = '74600e39-7dc5-4567-a03b-f091d6c7b092';
const deleteKey = (guid: string) => `Services\\VSS\\Providers\\{${guid}}`;

/** VSS 22 and 12292 as an English Event Viewer shows them, for the provider `id` whose class `clsid` failed with `code`. */
const englishEvents = (id: string, clsid: string, code: string) =>
	[
		'Source: VSS',
		'Event ID: 22',
		'Level: Error',
		`Message: Volume Shadow Copy Service error: A critical component required by the Volume Shadow Copy service is not registered.  This might happened if an error occurred during Windows setup or during installation of a Shadow Copy provider.  The error returned from CoCreateInstance on class with CLSID {${clsid}} and Name CONTOSO_PROV is [${code}, Class not registered].`,
		'',
		'Source: VSS',
		'Event ID: 12292',
		'Level: Error',
		`Message: Volume Shadow Copy Service error: Error creating the Shadow Copy Provider COM class with CLSID {${clsid}} [${code}, Class not registered].`,
		'Operation:',
		'   Obtain a callable interface for this provider',
		'   Query Shadow Copies',
		'Context:',
		`   Provider ID: {${id}}`,
		`   Class ID: {${clsid}}`,
		'   Snapshot Context: -1',
		'   Execution Context: Coordinator',
		'',
	].join('\n');

const providerListing = (name: string, id: string) => ['Provider name: ' + `'${name}'`, '   Provider type: Software', `   Provider Id: {${id}}`, '   Version: 1.0.0.0', ''].join('\n');

describe('wild32: Japanese support posts quoting VSS, Windows Server Backup and crash events', function () {
	// Each test analyses several pastes; the first also loads the readers (ms).
	this.timeout(20000);
	it(`${AZURE}: the class is SW_PROV (not the CoCreateInstance call), the provider the Hyper-V IC one, its leftover key the fix`, () => {
		for (const text of [wild(AZURE), crlf(quoted(wild(AZURE)))]) {
			const r = analyse(text);
			assert.deepEqual(codes(r), ['QL304', 'QL403']);
			const component = finding(r, 'QL304')!;
			assert.match(component.title, /SW_PROV/);
			assert.doesNotMatch(component.title, /CoCreateInstance/);
			const provider = finding(r, 'QL403')!;
			assert.equal(provider.hresult, '0x80040154');
			assert.ok(provider.message.includes(`'Hyper-V IC Software Shadow Copy Provider' {${HYPERV_IC}}`), provider.message);
			assert.match(provider.fix, /COM class is not registered/);
			assert.ok(provider.fix.includes(deleteKey(HYPERV_IC)), provider.fix);
			assert.ok(provider.fix.indexOf('reg export') < provider.fix.indexOf('reg delete'), 'the keys are saved before one is deleted');
			// In Japanese too, with the same command.
			const ja = finding(analyse(text, 'ja'), 'QL403')!;
			assert.ok(ja.fix.includes(deleteKey(HYPERV_IC)));
			assert.match(ja.fix, /COM クラスが登録されていません/);
		}
	});

	it("the same events in English naming a third-party provider the bundle's `vssadmin list providers` lists: named from the listing, its key the one to delete", () => {
		const id = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
		const text = [englishEvents(id, '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e', '0x80040154'), providerListing('Contoso VSS Hardware Provider', id)].join('\n');
		for (const paste of [text, crlf(text)]) {
			const r = analyse(paste);
			const f = finding(r, 'QL403')!;
			assert.ok(f.message.includes(`'Contoso VSS Hardware Provider' {${id}}`), f.message);
			assert.ok(f.fix.includes(deleteKey(id)), f.fix);
			assert.match(finding(r, 'QL304')!.title, /CONTOSO_PROV/);
		}
	});

	it('not a leftover: a class that is registered but whose server failed to start (0x80080005), or the system provider', () => {
		const failedStart = analyse(englishEvents(HYPERV_IC, '3e02620c-e180-44f3-b154-2473646e4cb8', '0x80080005'));
		const started = finding(failedStart, 'QL403')!;
		assert.ok(started.message.includes('Hyper-V IC Software Shadow Copy Provider'), 'still named');
		assert.ok(!started.fix.includes('reg delete'), started.fix);
		const system = finding(analyse(englishEvents('b5946137-7b9f-4925-af80-51abd60b20d5', '65ee1dba-8ff4-4a58-ac1c-3470ee2f376a', '0x80040154')), 'QL403')!;
		assert.ok(!system.fix.includes('reg delete'), 'the system provider is repaired, never deleted');
		assert.match(system.fix, /swprv\.dll/);
	});

	it(`${SID}: VSS could not convert a profile's SID (0x80070539); a half-deleted ProfileList key (.bak) is the fix`, () => {
		for (const text of [wild(SID), crlf(quoted(wild(SID)))]) {
			const r = analyse(text);
			const f = finding(r, 'QL317')!;
			assert.equal(f.hresult, '0x80070539');
			assert.match(f.title, /ConvertStringSidToSid/);
			assert.match(f.fix, /ProfileList/);
			assert.match(f.fix, /\.bak/);
		}
	});

	it(`${SMB}: 0x80070012 is ERROR_NO_MORE_FILES, and a backup to a share points at the SMB directory cache`, () => {
		for (const text of [wild(SMB), crlf(quoted(wild(SMB)))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].hresult, '0x80070012');
			const f = r.findings.find((x) => x.hresult === '0x80070012')!;
			assert.match(f.title, /ERROR_NO_MORE_FILES/);
			assert.match(f.fix, /DirectoryCacheLifetime/);
			assert.match(finding(analyse(text, 'ja'), f.code)!.fix, /DirectoryCacheLifetime` \(REG_DWORD\) を 0/);
		}
	});

	it(`${WBENGINE}: Application Error 1000 of wbengine.exe read as a crash of Windows Server Backup's engine (QL307), not the page's line numbers`, () => {
		for (const text of [wild(WBENGINE), crlf(quoted(wild(WBENGINE)))]) {
			const r = analyse(text);
			const f = finding(r, 'QL307')!;
			assert.match(f.title, /Block Level Backup Engine Service \(wbengine\)/);
			assert.equal(f.hresult, '0xC0000374');
			assert.match(f.fix, /Get-Service -Name wbengine/);
			// The event starts at the faulting application's line, not at the code block's gutter above it.
			assert.match(f.evidence[0].text, /wbengine\.exe/);
			assert.ok(r.inputs.some((i) => i.format === 'windows-events-pasted'));
		}
	});

	it("the same crash in English, re-wrapped, and another program's crash (not a snapshot service: no QL307)", () => {
		const english = [
			'Faulting application name: wbengine.exe, version: 10.0.14393.0, time stamp: 0x57899b8a',
			'Faulting module name: ntdll.dll, version: 10.0.14393.2273, time stamp: 0x5b0d2a1b',
			'Exception code: 0xc0000374',
			'Fault offset: 0x00000000000f8b9b',
			'Faulting process id: 0x1a2c',
			'Faulting application path: C:\\Windows\\system32\\wbengine.exe',
			'Faulting module path: C:\\Windows\\SYSTEM32\\ntdll.dll',
		];
		const wrapped = [english[0].slice(0, 50), english[0].slice(50), ...english.slice(1)];
		for (const text of [english.join('\n'), crlf(english.join('\n')), wrapped.join('\n')]) {
			const f = finding(analyse(text), 'QL307');
			assert.ok(f, text);
			assert.match(f.title, /wbengine/);
			assert.match(f.message, /ntdll\.dll/);
		}
		const other = english.map((l) => l.replace(/wbengine/g, 'notepad')).join('\n');
		assert.equal(finding(analyse(other), 'QL307'), undefined);
	});
	it(`${UNANSWERED}: the writer the message names did not answer (restart its host, then the server), not the COM+ repair`, () => {
		for (const text of [wild(UNANSWERED), crlf(quoted(wild(UNANSWERED)))]) {
			const r = analyse(text);
			assert.deepEqual(codes(r), ['QL304']);
			const f = finding(r, 'QL304')!;
			assert.match(f.title, /'Registry Writer' did not answer/);
			assert.deepEqual(f.writers, ['Registry Writer']);
			assert.match(f.fix, /Restart-Service -Name VSS -Force/);
			assert.match(f.fix, /restart the server/);
			assert.doesNotMatch(f.fix, /TypeLib|EVENTCLS/i);
			assert.ok(!f.kb.some((k) => /2009550|2009533/.test(k.title)), 'not the event-class KBs');
			assert.match(finding(analyse(text, 'ja'), 'QL304')!.title, /'Registry Writer' が VSS に応答しませんでした/);
		}
	});

	it('12302 naming another writer names its service; naming none (or two) stays the COM+ registration finding', () => {
		const message = (sentence: string) =>
			[
				'Source: VSS',
				'Event ID: 12302',
				'Level: Error',
				`Message: Volume Shadow Copy Service error: An internal inconsistency was detected in trying to contact shadow copy service writers.${sentence} Please check to see that the Event Service and Volume Shadow Copy Service are operating properly.`,
			].join('\n');
		const system = finding(analyse(message('  The System Writer failed to respond to a query from VSS.')), 'QL304')!;
		assert.match(system.title, /'System Writer' did not answer/);
		assert.match(system.fix, /Restart-Service -Name CryptSvc/);
		for (const sentence of ['', '  The System Writer and the WMI Writer failed to respond to a query from VSS.']) {
			const f = finding(analyse(message(sentence)), 'QL304')!;
			assert.match(f.title, /COM\+ registration is broken/);
			assert.match(f.fix, /EVENTCLS\.DLL/);
		}
	});
	it(`${VMMS_1106}: VMMS's code traces of a live migration are no failed checkpoint (no attempt, no finding)`, () => {
		const english = wild(VMMS_1106)
			.replace('エラー', 'Error')
			.replace(/指定されたファイルが見つかりません。/g, 'The system cannot find the file specified.');
		for (const text of [wild(VMMS_1106), crlf(quoted(wild(VMMS_1106))), english]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0, JSON.stringify(r.attempts));
			assert.deepEqual(codes(r), []);
		}
		// The same list row over a checkpoint's failure message (its code and VM id, no trace) is still a failed try.
		const checkpoint = ['Error    Hyper-V-VMMS    3280', "'SQL01' could not initiate a checkpoint operation: The system cannot find the file specified. (0x80070002). (Virtual machine ID 5A1D2E3F-1B2C-4D5E-8F90-A1B2C3D4E5F6)"].join('\n');
		const r = analyse(checkpoint);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
	});
});
