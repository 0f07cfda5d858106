import * as assert from 'assert/strict';
import { analyze } from '../../src/core';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { attemptHolding, ofKind, recordsOf, signals, withHresult, withReason } from '../../src/core/diagnosis/rules/common';
import { fixture } from './fixtures';
import { fieldsOf } from './readFixture';
import { attempt, goodAttempt, IDS, input, listing, provider, rec, storage, winEvent, writer } from './ruleInputs';

describe('rules: diagnose() over every rule family', () => {
	it("the rules' record lookups give what a scan of every record gives, in input order", () => {
		const kinds = ['msg-post', 'vmbackup-event', 'task-completed', 'quiesce-note'] as const;
		const hresults = ['0x800423F2', '0x80042306', '0x8004230F'];
		const reasons = ['timeout', 'tools-not-available'] as const;
		// Interleaved kinds, HRESULTs and reasons, so a lookup by several keys has to merge its lists.
		const records = Array.from({ length: 60 }, (_, i) => rec(kinds[i % 4], { hresult: i % 5 === 0 ? null : hresults[i % 3], reason: i % 7 === 0 ? reasons[i % 2] : null }, { line: i + 1 }));
		const given = input({ records });
		assert.deepEqual(
			ofKind(given, 'task-completed', 'msg-post'),
			records.filter((r) => r.kind === 'task-completed' || r.kind === 'msg-post'),
		);
		assert.deepEqual(ofKind(given, 'stun'), []);
		assert.deepEqual(
			withHresult(given, new Set(['0x8004230F', '0x800423F2'])),
			records.filter((r) => fieldsOf(r).hresult === '0x8004230F' || fieldsOf(r).hresult === '0x800423F2'),
		);
		assert.deepEqual(
			withReason(given, 'timeout'),
			records.filter((r) => fieldsOf(r).reason === 'timeout'),
		);
		assert.ok(ofKind(given, 'task-completed', 'msg-post').length > 0 && withReason(given, 'timeout').length > 0);
	});

	it('signals group records by the attempt holding them, in attempt order, then the loose ones; attempts without records only when they show the signal', () => {
		const [r1, r2, r3, r4] = [1, 2, 3, 4].map((line) => rec('msg-post', {}, { path: 'ds/VM/vmware.log', line }));
		const [a1, a2, a3, a4] = [attempt({ id: 'a1' }, [r2]), attempt({ id: 'a2' }, [r1, r4]), attempt({ id: 'a3' }), attempt({ id: 'a4' })];
		const asked: string[] = [];
		const shows = (a: { id: string }) => {
			asked.push(a.id);
			return a.id === 'a3';
		};
		const found = signals(input({ attempts: [a1, a2, a3, a4], records: [r1, r2, r3, r4] }), [r4, r3, r1, r2], shows);
		assert.deepEqual(
			found.map((g) => [g.attempt?.id ?? null, g.records.map((r) => r.source.line)]),
			[
				['a1', [2]],
				['a2', [4, 1]],
				['a3', []],
				[null, [3]],
			],
		);
		assert.deepEqual(asked, ['a3', 'a4'], 'an attempt holding records is not asked');
	});

	it("the line index: a line's last record, the first attempt whose timeline holds it, whatever order the lines come in", () => {
		const path = 'guest/vmsvc.log';
		// In line order with a line read twice (two records of one line), and out of order in another file.
		const first = rec('vmbackup-event', { event: 'req.error' }, { path, line: 5 });
		const again = rec('vmbackup-event', { event: 'req.done' }, { path, line: 5 });
		const inOrder = [rec('vmbackup-event', {}, { path, line: 2 }), first, again, rec('vmbackup-event', {}, { path, line: 9 })];
		const shuffled = [9, 3, 7, 3, 1].map((line) => rec('msg-post', {}, { path: 'ds/VM/vmware.log', line }));
		const a1 = attempt({ id: 'a1' }, [inOrder[3], shuffled[1], first]);
		const a2 = attempt({ id: 'a2' }, [first, shuffled[0], shuffled[2]]);
		const given = input({ attempts: [a1, a2], records: [...inOrder, ...shuffled] });
		assert.deepEqual(recordsOf(given, a1), [inOrder[3], shuffled[3], again], 'the last record read from each line');
		assert.deepEqual(recordsOf(given, a2), [again, shuffled[0], shuffled[2]]);
		assert.equal(attemptHolding(given, [first])?.id, 'a1', 'the first attempt holding a line');
		assert.equal(attemptHolding(given, [inOrder[0], shuffled[2]])?.id, 'a2');
		assert.equal(attemptHolding(given, [inOrder[0], shuffled[4]]), null);
	});

	it('sorts errors, then warnings, then infos, keeping rule order within a severity', () => {
		const findings = diagnose(input({ writers: [writer('A', 3), writer('B', 9), writer('C', 5), writer('D', 8)] }));
		assert.deepEqual(
			findings.map((f) => `${f.severity}:${f.writers[0]}`),
			['error:B', 'error:D', 'warning:C', 'info:A'],
		);
	});

	it('a healthy bundle (all writers stable, an application-consistent quiesced snapshot) gets no error', () => {
		const start = rec('snapshot-start', { quiesced: true }, { path: 'esxi/vmware.log' });
		const writers = ['System Writer', 'Registry Writer', 'SqlServerWriter'].map((n, i) => writer(n, 1, { writerId: [IDS.systemWriter, null, IDS.sqlWriter][i] }));
		const findings = diagnose(
			input({
				attempts: [goodAttempt({}, [start])],
				writers,
				writerListings: [listing({ count: 3 })],
				providers: [provider('Microsoft Software Shadow Copy provider 1.0', IDS.msProvider), provider('VMware Snapshot Provider', IDS.vmwareProvider)],
				shadowStorage: [storage()],
				records: [start, rec('vss-backup-components', { backupType: 'copy' })],
			}),
		);
		assert.deepEqual(
			findings.filter((f) => f.severity === 'error'),
			[],
		);
	});

	it('the facts of the healthy sample bundle case-01 give no error', () => {
		const r = analyze([fixture('bundles', 'case-01-success-app-consistent-esxi67')]);
		const findings = diagnose({ attempts: r.attempts, writers: r.writers, writerListings: r.writerListings, providers: r.providers, shadowStorage: r.shadowStorage, records: [], inputs: r.inputs, hypervisor: r.hypervisor });
		assert.deepEqual(
			findings.filter((f) => f.severity === 'error').map((f) => f.code),
			[],
		);
	});

	describe('a Hyper-V guest is diagnosed like any VSS guest, never with VMware fixes', () => {
		const veto = winEvent('VSS', 12293, { guid: IDS.vmwareProvider, hresult: '0x80042306' });
		const timeout = winEvent('VSS', 8229, { hresult: '0x800423F2', writerName: 'SqlServerWriter' });
		const e24579 = winEvent('SQLWRITER', 24579);
		const v25 = winEvent('volsnap', 25);
		const v8 = winEvent('volsnap', 8);
		const stuff = {
			attempts: [attempt({ hresult: '0x80042306' }, [veto]), attempt({ id: 'a2', quiesced: false, result: 'success' as const, fallbackOf: 'a1' })],
			records: [veto, timeout, e24579, v25, v8, rec('vmx-setting', { key: 'scsi0:1.mode', value: 'independent-persistent' }), rec('vmbackup-event', { event: 'req.error', code: 5 })],
			writers: [writer('SqlServerWriter', 9, { writerId: IDS.sqlWriter })],
			writerListings: [listing({ status: 'error' as const, errorText: 'Error' })],
			providers: [provider('VMware Snapshot Provider', IDS.vmwareProvider), provider('Vendor', '7a3e9f1c-5b2d-4c6e-9a81-0d4f6b2c8e17')],
		};
		it('the VSS findings are there', () => {
			const codes = new Set(diagnose(input({ ...stuff, hypervisor: 'hyper-v' })).map((f) => f.code));
			for (const code of ['QL110', 'QL201', 'QL205', 'QL207', 'QL301', 'QL305', 'QL401', 'QL402', 'QL404']) assert.ok(codes.has(code), code);
			assert.ok(!codes.has('QL101'), "VmBackupStatus is VMware Tools' own");
		});
		it('no fix mentions VMware, its Tools, services, datastores or snapshots of memory, and no VMware KB is cited', () => {
			for (const f of diagnose(input({ ...stuff, hypervisor: 'hyper-v' }))) {
				assert.doesNotMatch(f.fix, /VMware|vmvss|VMTools|vmtoolsd|datastore|disk\.EnableUUID|memory/i, `${f.code}: ${f.fix}`);
				assert.ok(
					f.kb.every((k) => !/VMware|broadcom/i.test(`${k.id} ${k.url}`)),
					f.code,
				);
			}
		});
	});

	it('every finding follows the report contract: plain-words message, numbered fix, cited https KB, evidence lines', () => {
		const v25 = winEvent('volsnap', 25);
		const post = rec('msg-post', { vmbackupStatus: 5, hresult: '0x80042301', op: 'VssSyncStart' });
		const findings = diagnose(input({ attempts: [attempt({ vmbackupStatus: 5, hresult: '0x80042301' }, [post])], records: [post, v25], writers: [writer('WMI Writer', 7)], shadowStorage: [storage({ maximumBytes: 1e8 })] }));
		assert.ok(findings.length >= 3);
		for (const f of findings) {
			assert.match(f.code, /^QL[1-5]\d\d$/);
			assert.ok(f.title && f.message.length > 40, f.code);
			assert.match(f.fix, /^1\. /, f.code);
			for (const k of f.kb) assert.match(k.url, /^https:\/\//);
			assert.ok(f.evidence.length > 0, f.code);
			for (const e of f.evidence) assert.ok(e.path && e.line > 0 && e.text, f.code);
		}
	});
});
