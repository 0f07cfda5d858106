import * as assert from 'assert/strict';
import { eventInfo } from '../../src/core/knowledge/events';
import { faultInfo, FAULTS } from '../../src/core/knowledge/faults';
import { BACKUP_ERRORS, HRESULTS, hresultLabel, parseHresult } from '../../src/core/knowledge/hresults';
import { KB } from '../../src/core/knowledge/kb';
import { isThirdParty, KNOWN_PROVIDERS } from '../../src/core/knowledge/providers';
import { VMBACKUP_STATUS_MEANING, vmbackupStatusName } from '../../src/core/knowledge/vmbackup';
import { writerInfo, WRITERS, writerService } from '../../src/core/knowledge/writerServices';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('rules knowledge base: the data the rules decide from', () => {
	describe('error codes as users paste them', () => {
		it('decimal (Windows Server Backup), signed decimal (.NET / PowerShell) and hex all normalise to 0x + 8 upper-case hex', () => {
			assert.equal(parseHresult('2147754995'), '0x800423F3');
			assert.equal(parseHresult('-2147212301'), '0x800423F3');
			assert.equal(parseHresult(' 0x800423f3 '), '0x800423F3');
			assert.equal(parseHresult('800423F3'), '0x800423F3');
			assert.equal(parseHresult('2155348129'), '0x807800A1');
			assert.equal(parseHresult('0'), '0x00000000');
		});
		it('refuses what is no 32-bit code', () => {
			for (const bad of ['', 'abc', '0x8004', '4294967296', '-2147483649', '12.5', '0x800423F3L']) assert.equal(parseHresult(bad), null, bad);
		});
		it('every HRESULT is keyed in report form, named, explained and sourced; names are unique', () => {
			const names = new Set<string>();
			for (const [hr, info] of Object.entries(HRESULTS)) {
				assert.match(hr, /^0x[0-9A-F]{8}$/);
				assert.ok(info.name && info.meaning && info.source, hr);
				assert.ok(!names.has(info.name), info.name);
				names.add(info.name);
			}
			// The whole vsserror.h family formats.md §7.3 lists, by exact code.
			for (const hr of ['0x80042301', '0x80042306', '0x8004230F', '0x80042313', '0x80042314', '0x80042318', '0x8004231F', '0x80042336', '0x800423F0', '0x800423F2', '0x800423F4', '0x80042409', '0x80042417']) assert.ok(HRESULTS[hr], hr);
			assert.equal(hresultLabel('0x800423F2'), 'VSS_E_WRITERERROR_TIMEOUT (0x800423F2)');
			assert.equal(hresultLabel('0x12345678'), '0x12345678');
		});
		it('Windows Server Backup codes link to the Microsoft article that documents them', () => {
			for (const [hr, info] of Object.entries(BACKUP_ERRORS)) {
				assert.match(hr, /^0x8078[0-9A-F]{4}$/);
				assert.match(info.source, /^https:\/\/learn\.microsoft\.com\//);
			}
		});
	});

	describe('event ids, VmBackupStatus, faults, providers, writers', () => {
		it('event ids by provider, case-insensitive, each with its source', () => {
			assert.match(eventInfo('VSS', 8229)!.meaning, /veto/);
			assert.ok(eventInfo('VolSnap', 25));
			assert.ok(eventInfo('SQLVDI', 1));
			assert.ok(eventInfo('Microsoft-Windows-Backup', 521));
			assert.equal(eventInfo('VSS', 4242), undefined);
			for (const [p, ids] of [
				['VSS', [8193, 22, 34, 12293, 12297]],
				['volsnap', [8, 9, 25, 36]],
				['SQLWRITER', [24579]],
			] as const)
				for (const id of ids) assert.ok(eventInfo(p, id)!.source, `${p} ${id}`);
		});
		it('VmBackupStatus 1–5 each have a meaning', () => {
			for (let code = 1; code <= 5; code++) {
				assert.ok(vmbackupStatusName(code));
				assert.ok(VMBACKUP_STATUS_MEANING[code]);
			}
		});
		it('vSphere faults link to the API reference', () => {
			assert.ok(faultInfo('vim.fault.ApplicationQuiesceFault'));
			assert.equal(faultInfo('vim.fault.Nothing'), undefined);
			for (const f of Object.values(FAULTS)) assert.match(f.url, /^https:\/\/developer\.broadcom\.com\//);
		});
		it("providers: Microsoft's are in-box, VMware's and unknown GUIDs are third-party", () => {
			assert.equal(isThirdParty('{B5946137-7B9F-4925-AF80-51ABD60B20D5}'), false);
			assert.equal(isThirdParty('564d7761-7265-2056-5353-2050726f7669'), true);
			assert.equal(isThirdParty('7a3e9f1c-5b2d-4c6e-9a81-0d4f6b2c8e17'), true);
			for (const id of Object.keys(KNOWN_PROVIDERS)) assert.match(id, GUID);
		});
		it('writers: id before name, every entry with its service, restart impact and source', () => {
			assert.equal(writerService('System Writer'), 'CryptSvc');
			assert.equal(writerInfo('Systemverfasser', '{E8132975-6F93-4464-A53E-1050253AE220}')?.service, 'CryptSvc');
			assert.equal(writerInfo('No Such Writer'), undefined);
			const ids = WRITERS.map((w) => w.writerId).filter((id): id is string => id !== null);
			assert.equal(new Set(ids).size, ids.length);
			for (const w of WRITERS) {
				if (w.writerId) assert.match(w.writerId, GUID);
				assert.ok(w.service && w.restartImpact && w.source, w.name);
			}
		});
		it('every KB reference is an https URL with a unique id', () => {
			const refs = Object.values(KB);
			assert.equal(new Set(refs.map((k) => k.id)).size, refs.length);
			for (const k of refs) assert.match(k.url, /^https:\/\//, k.id);
		});
	});
});
