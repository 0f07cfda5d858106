import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, rewrapped, wild } from '../lib/wildText';

// Session 14 (wild39): backup products' own error text, round 6 — a product's warning that its backup went on
// crash-consistent (Altaro / Hornetsecurity VM Backup's RCTCONTROLLER_011), and other products' and Windows Server
// Backup's texts read already; test/fixtures/wild/README.md names each source.

const ALTARO = 'altaro-rctcontroller-011-crash-consistent.txt';
const WSB_C5 = 'es-ad-lab-wsb-systemstate-0x807800c5-system-reserved-shadowstorage.txt';

/** Altaro's warning read as what it is: one Hyper-V try that succeeded unquiesced, crash-consistent, and QL110 (a warning) saying so. */
function readsCrashFallback(r: Report): void {
	assert.equal(r.attempts.length, 1);
	const a = r.attempts[0];
	assert.equal(a.result, 'success');
	assert.equal(a.quiesced, false);
	assert.equal(a.consistency, 'crash');
	assert.equal(a.kind, 'hyperv-checkpoint');
	assert.equal(a.requester, 'Altaro VM Backup (Hornetsecurity)');
	assert.deepEqual(codes(r), ['QL110']);
	const f = finding(r, 'QL110')!;
	assert.equal(f.severity, 'warning');
	assert.equal(f.attemptId, a.id);
	assert.match(f.evidence[0].text, /RCTCONTROLLER_011/);
}

describe('wild39: a backup product that says it went on crash-consistent (Altaro RCTCONTROLLER_011)', () => {
	it('the KB page: one Hyper-V try, succeeded, not quiesced, crash-consistent; QL110 a warning naming the code and the production checkpoint', () => {
		const r = analyse(wild(ALTARO));
		readsCrashFallback(r);
		const f = finding(r, 'QL110')!;
		assert.match(f.title, /^a1 is crash-consistent: Altaro VM Backup \(Hornetsecurity\) could not make it application-consistent \(RCTCONTROLLER_011\)$/);
		assert.match(f.message, /Hyper-V could not run VSS inside the guest/);
		assert.match(f.message, /completed with a warning, not a failure/);
		assert.match(f.fix, /Create standard checkpoints if it's not possible to create a production checkpoint/);
		assert.match(f.fix, /CheckpointType ProductionOnly/);
		assert.match(f.fix, /vmicvss/);
		// The Hyper-V page about checkpoint types, not the VMware fallback's reference.
		assert.deepEqual(
			f.kb.map((k) => k.id),
			['Microsoft Learn: standard or production checkpoints'],
		);
		assert.match(r.attempts[0].consistencyEvidence.join(' '), /Altaro VM Backup \(Hornetsecurity\) reported that the snapshot was not application-consistent \(RCTCONTROLLER_011\)/);
		// The title's line and the Problem's quote of it are one warning of one try.
		assert.equal(f.evidence.length, 2);
	});

	it('quoted, CRLF, re-wrapped at 72 and 80 columns: the same reading', () => {
		for (const text of [quoted(wild(ALTARO)), crlf(wild(ALTARO)), rewrapped(wild(ALTARO), 72), rewrapped(wild(ALTARO), 80), quoted(rewrapped(wild(ALTARO), 72))]) readsCrashFallback(analyse(text));
	});

	it('cut: the title line alone, or the problem paragraph without the title', () => {
		const lines = wild(ALTARO).split('\n');
		readsCrashFallback(analyse(lines[0]));
		readsCrashFallback(analyse(lines.slice(2).join('\n')));
		// The code alone in Altaro's parentheses, as its console's message ends.
		readsCrashFallback(analyse("(Error code 'RCTCONTROLLER_011')"));
	});

	it('the report in Japanese: the same try and its warning in Japanese words', () => {
		const r = analyse(wild(ALTARO), 'ja');
		readsCrashFallback(r);
		const f = finding(r, 'QL110')!;
		assert.match(f.title, /クラッシュ整合/);
		assert.match(f.message, /RCTCONTROLLER_011/);
		assert.match(f.message, /運用チェックポイント/);
		assert.match(r.attempts[0].consistencyEvidence.join(' '), /クラッシュ整合/);
	});

	it("with the host's VMMS events pasted under it (another post's real lines): one try of that VM, still crash-consistent; QL323 tells the fallback", () => {
		const events = wild('acronis-forum-hyperv-production-checkpoint-ubuntu-vss-warning.txt')
			.split('\n')
			.filter((l) => /\(Virtual machine ID /.test(l))
			.join('\n');
		for (const text of [`${wild(ALTARO)}\n\nIn the event viewer of the host:\n\n${events}\n`, crlf(`${wild(ALTARO)}\n\n${events}\n`)]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			const a = r.attempts[0];
			assert.equal(a.vm, 'BSUbuntu-Monitoring');
			assert.equal(a.result, 'success');
			assert.equal(a.consistency, 'crash');
			assert.equal(a.requester, 'Altaro VM Backup (Hornetsecurity)');
			assert.deepEqual(codes(r), ['QL110', 'QL323']);
			const q = finding(r, 'QL323')!;
			assert.equal(q.severity, 'warning');
			assert.match(q.title, /standard checkpoint of VM 'BSUbuntu-Monitoring' instead of a production one/);
			assert.equal(finding(r, 'QL110')!.severity, 'warning');
		}
		// The same events alone stay a failed checkpoint, its refusal an error (no product went on).
		const alone = analyse(events);
		assert.equal(alone.attempts[0].result, 'failed');
		assert.equal(finding(alone, 'QL323')!.severity, 'error');
	});

	it('negative: another number of the same family, a longer identifier, the family name alone, a lower-case spelling make no try', () => {
		for (const text of [
			"The backup will proceed in crash-consistent mode. (Error code 'RCTCONTROLLER_012')",
			"(Error code 'XRCTCONTROLLER_011')",
			"(Error code 'RCTCONTROLLER_0110')",
			'RCTCONTROLLER errors are listed on the support site.',
			"(Error code 'rctcontroller_011')",
			'RCTCONTROLLER_011_OLD is an old log name',
		]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0, text);
			assert.deepEqual(codes(r), [], text);
		}
	});
});

describe('wild39: Windows Server Backup 0x807800C5 told in Spanish prose (a small System Reserved partition)', () => {
	it("one failed try of Windows Server Backup, 0x807800C5 read with its code's meaning and the source partitions' shadow storage in the fix", () => {
		for (const text of [wild(WSB_C5), quoted(wild(WSB_C5)), crlf(wild(WSB_C5)), rewrapped(wild(WSB_C5), 76)]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			const a = r.attempts[0];
			assert.equal(a.result, 'failed');
			assert.equal(a.requester, 'Windows Server Backup');
			assert.deepEqual(codes(r), ['QL550']);
			const f = finding(r, 'QL550')!;
			assert.match(f.title, /^Windows Server Backup reported the backup failed: 0x807800C5$/);
			assert.match(f.message, /System Reserved/);
			assert.match(f.fix, /vssadmin add shadowstorage \/for=<that volume>/);
			assert.match(f.evidence[0].text, /Reservado para el sistema/);
		}
	});

	it('the report in Japanese: the same code, its meaning and fix in Japanese', () => {
		const f = finding(analyse(wild(WSB_C5), 'ja'), 'QL550')!;
		assert.match(f.message, /システムで予約済み/);
		assert.match(f.fix, /シャドウ コピー記憶域/);
	});

	it('negative: the fenced wbadmin commands and the paragraph of the completed copy alone make no try', () => {
		const text = wild(WSB_C5);
		const r = analyse(text.slice(text.indexOf('## Copia del estado del sistema')));
		assert.equal(r.attempts.length, 0);
		assert.deepEqual(codes(r), []);
	});
});
