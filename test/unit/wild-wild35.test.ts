import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, rewrapped, wild } from '../lib/wildText';

// Session 13 (wild35): backup products' own error text, round 5 — Backup Exec's UMI quoted in a sentence, DPM's
// troubleshooting article listing alternative errors one per section, NetBackup's status 156 by its own message,
// MARS' per-file warning codes; test/fixtures/wild/README.md names each source.

const BACKUP_EXEC = 'mikefrobbins-backupexec-e000fedd-v-79-57344-65245-system-state-object-list.txt';
const DPM = 'dpm-kb10061-exchange-2033-crc-30146-30216-quoted.txt';
const NETBACKUP = 'veritas-100008165-netbackup-slp-backup-from-snapshot-status-156-multistreaming.txt';
const MARS = 'azuredocs-mars-backup-completed-with-warning-per-file-codes-table.txt';

/** `text` without its first `n` lines. */
const withoutFirst = (text: string, n: number): string => text.split('\n').slice(n).join('\n');

/** The one failed try Backup Exec's object-list error makes. */
function readsObjectList(r: Report): void {
	assert.equal(r.attempts.length, 1, JSON.stringify(r.attempts.map((a) => [a.requester, a.hresult])));
	const a = r.attempts[0];
	assert.equal(a.result, 'failed');
	assert.equal(a.requester, 'Veritas Backup Exec');
	assert.equal(a.hresult, null);
	assert.deepEqual(codes(r), ['QL550']);
	const f = finding(r, 'QL550')!;
	assert.equal(f.severity, 'error');
	assert.equal(f.attemptId, a.id);
}

describe("wild35: Backup Exec's error quoted in a sentence (e000fedd, UMI V-79-57344-65245)", () => {
	it('a blog telling a failed system state backup: one failed try of Backup Exec, 0xE000FEDD, the object list and its ImagePath cause', () => {
		const text = wild(BACKUP_EXEC);
		for (const t of [text, quoted(text), crlf(text), rewrapped(text), rewrapped(text, 72), withoutFirst(text, 1)]) {
			const r = analyse(t);
			readsObjectList(r);
			const f = finding(r, 'QL550')!;
			assert.match(f.title, /^Veritas Backup Exec reported the backup failed: 0xE000FEDD/);
			assert.match(f.message, /object list/);
			assert.match(f.fix, /^1\. On the protected server, find the service or driver whose `ImagePath`/);
		}
	});

	it('in Japanese the meaning and the advice are Japanese', () => {
		const r = analyse(wild(BACKUP_EXEC), 'ja');
		readsObjectList(r);
		const f = finding(r, 'QL550')!;
		assert.match(f.message, /オブジェクト リストへのアクセス中に失敗しました/);
		assert.match(f.fix, /ImagePath/);
		assert.match(f.fix, /システム状態のバックアップを再実行/);
	});

	it('the UMI alone in a sentence is enough; its code is the one the UMI spells', () => {
		const r = analyse('The job failed and the error code is: "V-79-57344-65233".\n');
		assert.equal(r.attempts[0].requester, 'Veritas Backup Exec');
		assert.match(finding(r, 'QL550')!.title, /0xE000FED1/);
	});

	it("negatives: a UMI outside Backup Exec's error classes, and the bare hex without its UMI, make no try", () => {
		for (const text of ['See V-79-65323-12345 for the catalog status.\n', 'The actual error is: “e000fedd - A failure occurred accessing the object list.”\n']) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0, text);
			assert.equal(r.findings.length, 0, text);
		}
	});
});

describe('wild35: a troubleshooting page listing one error per section (DPM article 10061) makes no try', () => {
	it('quoted as saved, unquoted, CRLF, re-wrapped at 76 columns, cut after its last quote: no try, each code explained with its advice', () => {
		const text = wild(DPM);
		const unquoted = text.replace(/^> ?/gm, '');
		const cut = text.slice(0, text.indexOf('The most likely cause is a break'));
		for (const t of [text, unquoted, crlf(text), rewrapped(text), cut]) {
			const r = analyse(t);
			assert.equal(r.attempts.length, 0, JSON.stringify(r.attempts.map((a) => [a.requester, a.hresult])));
			assert.ok(r.findings.length >= 3, codes(r).join(','));
			assert.ok(
				r.findings.every((f) => f.code === 'QL550' && f.severity === 'info' && f.title.startsWith('The text explains')),
				r.findings.map((f) => f.title).join(' | '),
			);
			const crc = r.findings.find((f) => f.title === 'The text explains 0x80070017')!;
			assert.match(crc.message, /Its own error DPM ID 2033/);
			assert.match(crc.fix, /^1\. The file DPM read through the shadow copy is damaged/);
		}
	});

	it('in Japanese the same page is explained in Japanese', () => {
		const r = analyse(wild(DPM), 'ja');
		assert.equal(r.attempts.length, 0);
		assert.ok(r.findings.some((f) => /ウイルス対策ソフト/.test(f.fix)));
		assert.ok(r.findings.some((f) => /高速完全バックアップ/.test(f.fix)));
	});

	it('negatives: a section sharing another section’s code is one failure told twice, and one section alone is no list: the tries stay', () => {
		const text = wild(DPM);
		// The last section quoting the first section's code: the page tells one failure, not alternatives.
		const shared = analyse(text.replace('Unspecified error (0x80004005)', 'Data error (cyclic redundancy check) (0x80070017)'));
		assert.ok(shared.attempts.length > 0);
		assert.ok(shared.attempts.every((a) => a.result === 'failed'));
		// The first section alone (one heading over its paragraph and quote): a person's note of one failure.
		const first = analyse(text.slice(0, text.indexOf('## The replica is inconsistent')));
		assert.equal(first.attempts.length, 1);
		assert.equal(first.attempts[0].requester, 'System Center DPM');
		assert.equal(first.attempts[0].hresult, '0x80070017');
	});

	it("a message's tail a wrap left on its own line heads no section: the Azure support blog's two quoted errors keep their try", () => {
		// Wrapped at 76 columns, `service in bad state` stands short over the next quote: no blank line above it, no section.
		const text = wild('jpabrs-azure-vm-backup-vss-bad-state.txt');
		for (const t of [text, rewrapped(text), rewrapped(text, 72)]) {
			const r = analyse(t);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].requester, 'Azure VM Backup');
			assert.equal(r.attempts[0].result, 'failed');
		}
	});

	it('a run quoting the same error lines without headings keeps its tries', () => {
		const run = wild(DPM)
			.split('\n')
			.filter((l) => l.startsWith('> DPM') || l.startsWith('> Data consistency'))
			.join('\n');
		const r = analyse(run);
		assert.ok(r.attempts.length >= 1);
		assert.ok(r.attempts.every((a) => a.requester === 'System Center DPM' && a.result === 'failed'));
		assert.ok(r.findings.some((f) => f.severity === 'error'));
	});
});

describe("wild35: NetBackup's status 156 read by its own message beside the number", () => {
	it("Veritas' KB (Problem, Error Message, Cause, Solution): a page, no try; status 156 explained", () => {
		const text = wild(NETBACKUP);
		for (const t of [text, quoted(text), crlf(text), rewrapped(text, 72)]) {
			const r = analyse(t);
			assert.equal(r.attempts.length, 0);
			assert.deepEqual(codes(r), ['QL550']);
			const f = finding(r, 'QL550')!;
			assert.equal(f.severity, 'info');
			assert.equal(f.title, 'The text explains status 156');
			assert.match(f.message, /NetBackup: snapshot error encountered/);
		}
	});

	it("a job's status line (Activity Monitor's `snapshot error encountered  (156)`, `status: 156 (…)`): a failed try of NetBackup", () => {
		for (const line of ['12/07/2026 22:00:05 - end writing; snapshot error encountered  (156)\n', 'Backup of fs01 failed, status: 156 (snapshot error encountered)\n']) {
			const r = analyse(line);
			assert.equal(r.attempts.length, 1, line);
			assert.equal(r.attempts[0].requester, 'Veritas NetBackup');
			assert.equal(r.attempts[0].result, 'failed');
			assert.match(finding(r, 'QL550')!.title, /^Veritas NetBackup reported the backup failed: status 156/);
		}
	});

	it('negatives: 156 without its message, or the message with another number, is no NetBackup status', () => {
		for (const text of ['Status code 156 was returned by the job.\n', 'snapshot error encountered (1560)\n', 'Copied 2.156 snapshot error encountered files\n']) {
			const r = analyse(text);
			assert.ok(!r.attempts.some((a) => a.requester === 'Veritas NetBackup'), text);
			assert.ok(!r.findings.some((f) => /status 156/.test(f.title)), text);
		}
	});
});

describe("wild35: MARS' per-file warning codes (backup completed with warnings) are a page's table, no failed try", () => {
	it('the table of per-file codes: no try, each code explained at information level', () => {
		const text = wild(MARS);
		for (const t of [text, quoted(text), crlf(text)]) {
			const r = analyse(t);
			assert.equal(r.attempts.length, 0);
			assert.ok(r.findings.length >= 3);
			assert.ok(r.findings.every((f) => f.severity === 'info' && f.title.startsWith('The text explains')));
		}
	});
});
