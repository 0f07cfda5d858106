import * as assert from 'assert/strict';
import { analyzeText } from '../../src/core';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 11 (wild22): false readings earlier helpers saw and left — an application's error events that are no
// writer's (MSExchangeIS 1159), burp's stamps (the UTC offset burp 2 prints, the local time of burp 1 and 3), a
// capture numbered line by line and hard-wrapped, DiskShadow's own output (test/fixtures/wild/README.md names
// the sources).

const SCOTIA = 'scotiasystems-exchange-1159-0xfffffd9a-mailbox-move-dismount.txt';
const KB905801 = 'mskb905801-msexchangeis-1159-checkpoint-depth-dismount.txt';
const DEUS = 'deusexmachina-msexchangeis-1159-0xfffffdf9-log-sequence-end.txt';
const PINGFU = 'pingfu-exchange2003-1159-0xfffffd9a-ese-226-backup-overlap-fenced.txt';
const BURP_OFFSET = 'burp-753-client-2.2.18-utc-offset-stamps-generate-vss-failed.txt';
const BURP_LOCAL = 'burp-185-fr-initializeforbackup-0x80042302-wrapped.txt';
const PYTEST = 'pytest-vss-verbatim-shadowstorage-full-then-empty-shadows-one-none.txt';

/** An Event Viewer copy of one event. */
const event = (source: string, id: number, description: string): string => ['Event Type:\tError', `Event Source:\t${source}`, 'Event Category:\tGeneral', `Event ID:\t${id}`, `Description: ${description}`, ''].join('\n');

describe("wild22: MSExchangeIS 1159 is the store's database error, not the Exchange writer's", () => {
	for (const file of [SCOTIA, KB905801, DEUS, PINGFU]) {
		it(`${file}: no snapshot attempt, no writer failure (QL208)`, () => {
			for (const text of [wild(file), crlf(quoted(wild(file)))]) {
				const r = analyse(text);
				assert.equal(r.attempts.length, 0, JSON.stringify(r.attempts.map((a) => a.events.map((e) => e.text))));
				assert.equal(finding(r, 'QL208'), undefined, codes(r).join(','));
			}
		});
	}

	it("the writer's own VSS events still are its failure: MSExchangeIS 9607, MSExchangeRepl 2034, SQLWRITER 24583", () => {
		const cases: [string, number, string, string][] = [
			['MSExchangeIS', 9607, 'Exchange VSS Writer (instance 1) failed with error code 50d when preparing for backup.', 'Microsoft Exchange Writer'],
			['MSExchangeRepl', 2034, 'The Microsoft Exchange Replication service VSS writer (instance 5) failed with error FFFFFFFC when processing the backup completion event.', 'Microsoft Exchange Writer'],
			['SQLWRITER', 24583, 'Sqllib error: OLEDB Error encountered calling ICommandText::Execute. hr = 0x80040e14.', 'SqlServerWriter'],
		];
		for (const [source, id, text, writer] of cases) {
			const f = finding(analyse(event(source, id, text)), 'QL208');
			assert.ok(f, `${source} ${id}`);
			assert.deepEqual(f.writers, [writer]);
		}
	});

	it("another error of a writer's host (MSExchangeRepl 4113, a database copy failover; MSExchangeIS 9646) is no writer failure", () => {
		for (const text of [event('MSExchangeRepl', 4113, 'Database redundancy health check failed.'), event('MSExchangeIS', 9646, 'Mapi session exceeded the maximum of 32 objects of type "session".')]) {
			const r = analyse(text);
			assert.equal(finding(r, 'QL208'), undefined, codes(r).join(','));
			assert.equal(r.attempts.length, 0);
		}
	});
});

describe("wild22: burp's client stamps carry its time", () => {
	it('burp 2 prints its UTC offset after the stamp (`+0100`): the failed try is at 17:00:03Z', () => {
		for (const text of [wild(BURP_OFFSET), crlf(quoted(wild(BURP_OFFSET)))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].result, 'failed');
			assert.equal(r.attempts[0].requester, 'Burp');
			assert.equal(r.attempts[0].start, '2020-01-07T17:00:03.000Z');
		}
	});

	it('a negative offset (`-0500`) is west of UTC', () => {
		const text = wild(BURP_OFFSET).replace(/ \+0100:/g, ' -0500:');
		assert.equal(analyse(text).attempts[0].start, '2020-01-07T23:00:03.000Z');
	});

	it('burp 1 and 3 stamp local time without a zone: the try stays untimed alone, its lines keep their local time', () => {
		const r = analyse(wild(BURP_LOCAL));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].start, null);
		assert.equal(r.attempts[0].hresult, '0x80042302');
		// Given the offset (a user's setting), the same lines are placed: the stamps were read.
		const placed = analyzeText([{ name: 'burp.log', text: wild(BURP_LOCAL) }], { clockOffsets: { 'burp.log': 60 } });
		assert.equal(placed.attempts[0].start, '2014-01-03T11:02:12.000Z');
	});
});

describe('wild22: a capture numbered line by line, then hard-wrapped (pytest-vss module)', () => {
	const numbered = (text: string, sep: string) =>
		text
			.split('\n')
			.map((l, i) => `${i + 1}${sep}${l}`)
			.join('\n');

	it('numbered with `n: ` the full day still reads full: QL404', () => {
		for (const text of [numbered(wild(PYTEST), ': '), crlf(numbered(wild(PYTEST), ': ')), numbered(wild(PYTEST), '\t')]) {
			const r = analyse(text);
			assert.ok(finding(r, 'QL404'), codes(r).join(','));
			assert.equal(r.shadowStorage.length, 2);
			assert.equal(r.shadowStorage[0].usedBytes, 2072321720);
			assert.equal(r.shadowStorage[1].usedBytes, 0);
		}
	});
});

describe("wild22: DiskShadow's create — a shadow copy set made is one successful try, a failure one failed try", () => {
	const VETO_THEN_OK = 'openzfs-406-diskshadow-veto-then-noautorecover-create-succeeds.txt';
	const HTB = 'htb-writeup-diskshadow-create-excluding-writer-including-components-exposed.txt';
	const BLACKFIELD = 'htb-blackfield-diskshadow-create-exposed-then-exec-copy-access-denied.txt';
	const OXDF = 'oxdf-baby-diskshadow-verbose-create-alias-0xdf-exposed.txt';
	const DOCS = 'msdocs-diskshadow-add-alias-list-shadows-all-alias-next-line.txt';
	const variants = (text: string) => [text, quoted(text), crlf(text), crlf(quoted(text))];

	/** The report's one try: DiskShadow's, made, no code, and no finding. */
	function oneMade(text: string, set: string, volume: string) {
		const r = analyse(text);
		assert.equal(r.attempts.length, 1, JSON.stringify(r.attempts.map((a) => [a.result, a.events.map((e) => e.text)])));
		const a = r.attempts[0];
		assert.equal(a.result, 'success');
		assert.equal(a.requester, 'DiskShadow');
		assert.equal(a.kind, 'guest-shadow-copy');
		assert.equal(a.hresult, null);
		assert.deepEqual(codes(r), []);
		const s = r.shadows.find((x) => x.setId === set);
		assert.ok(s, JSON.stringify(r.shadows));
		assert.equal(s.originalVolume, volume);
		assert.equal(s.provider, 'b5946137-7b9f-4925-af80-51abd60b20d5');
	}

	it('a verbose script run on a domain controller (writers excluded, the copy exposed): one try, made', () => {
		for (const text of variants(wild(HTB))) oneMade(text, '8be740bc-ae10-4869-8c95-f8a084cf50d3', 'C:');
	});

	it("a create that worked, then the script's copy denied (no backup semantics): the shadow copy was made, nothing of VSS failed", () => {
		for (const text of variants(wild(BLACKFIELD))) oneMade(text, '96d91f91-342c-4973-8376-c43b9fae45ff', 'C:');
	});

	it('an alias named like a code (`0xdf`, `%0xdf%`) is no code', () => {
		for (const text of variants(wild(OXDF))) oneMade(text, '760373e3-c2df-46da-8fc5-a8cd3290262f', 'C:');
	});

	it('the output pasted from under the prompt (its set alias first) is the same try', () => {
		const text = wild(BLACKFIELD);
		oneMade(text.slice(text.indexOf('Alias someAlias')), '96d91f91-342c-4973-8376-c43b9fae45ff', 'C:');
	});

	it('a create vetoed by the provider, then one with noautorecover that worked: two tries, the first failed (QL401), the second made', () => {
		for (const text of variants(wild(VETO_THEN_OK))) {
			const r = analyse(text);
			assert.deepEqual(
				r.attempts.map((a) => [a.result, a.requester, a.hresult]),
				[
					['failed', 'DiskShadow', '0x80042306'],
					['success', 'DiskShadow', null],
				],
			);
			assert.equal(finding(r, 'QL401')?.attemptId, r.attempts[0].id);
			assert.ok(finding(r, 'QL314'), codes(r).join(','));
		}
	});

	it('`add volume` refused (VSS_E_VOLUME_NOT_SUPPORTED), in English and with translated labels: one failed try', () => {
		const english = ['DISKSHADOW> add volume Q:', '', 'The last operation failed.', '        - Returned HRESULT: 8004230c', '        - Error text: VSS_E_VOLUME_NOT_SUPPORTED', ''].join('\n');
		const translated = ['DISKSHADOW> add volume Q:', '', '最後の操作が失敗しました。', '        - 返された HRESULT: 8004230c', '        - エラー テキスト: VSS_E_VOLUME_NOT_SUPPORTED', ''].join('\n');
		for (const text of [english, translated, crlf(quoted(english))]) {
			const r = analyse(text);
			assert.deepEqual(
				r.attempts.map((a) => [a.result, a.requester, a.hresult]),
				[['failed', 'DiskShadow', '0x8004230C']],
			);
		}
	});

	it('`list shadows all` lists the shadow copies that exist: shadow copies, no try', () => {
		const text = wild(BLACKFIELD);
		const block = text.slice(text.indexOf('        * Shadow copy ID'), text.indexOf('Number of shadow copies listed'));
		const listing = [
			'DISKSHADOW> list shadows all',
			'',
			'Querying all shadow copies on the computer ...',
			'',
			block,
			block.replace('ebe619a1', 'ebe619a2').replace('HarddiskVolumeShadowCopy18', 'HarddiskVolumeShadowCopy19'),
			'Number of shadow copies listed: 2',
			'',
		].join('\n');
		for (const t of [listing, crlf(quoted(listing))]) {
			const r = analyse(t);
			assert.equal(r.attempts.length, 0, JSON.stringify(r.attempts.map((a) => a.result)));
			assert.equal(r.shadows.length, 2);
			assert.deepEqual(codes(r), []);
		}
	});

	it("DiskShadow's docs page (`list shadows all`, an id and its alias on the next line): no try", () => {
		const r = analyse(wild(DOCS));
		assert.equal(r.attempts.length, 0);
		assert.deepEqual(codes(r), []);
	});
});

describe("wild22: Windows Installer logs — an install's codes are no shadow copy's", () => {
	const MSI = [
		'icinga2-10473-msi-srsetrestorepoint-failed-getlasterror-127.txt',
		'servicepulse-178-msi-srsetrestorepoint-failed-then-inprogressinstallinfo.txt',
		'wazuh-13928-msi-srsetrestorepoint-failed-inprogressinstallinfo-2147287038.txt',
		'wdtf-447-msi-inprogressinstallinfo-2147287038-restore-checkpointing.txt',
		'rflaming-msi-srsetrestorepoint-begin-end-orca-uninstall.txt',
	];
	for (const file of MSI) {
		it(`${file}: no try, no finding (the restore point call and STG_E_FILENOTFOUND are the installer's)`, () => {
			for (const text of [wild(file), crlf(quoted(wild(file)))]) {
				const r = analyse(text);
				assert.equal(r.attempts.length, 0, JSON.stringify(r.attempts.map((a) => a.events.map((e) => e.text))));
				assert.deepEqual(codes(r), []);
			}
		});
	}

	it("a custom action's VSS error in the installer's log is a shadow copy's failure: one failed try with its code", () => {
		const text = [
			"MSI (s) (A8:88) [05:44:07:615]: Machine policy value 'LimitSystemRestoreCheckpointing' is 0",
			'MSI (s) (A8:88) [05:44:09:101]: Invoking remote custom action. DLL: C:\\Windows\\Installer\\MSI1A2B.tmp, Entrypoint: SnapshotVolumes',
			'MSI (s) (A8:88) [05:44:12:733]: SnapshotVolumes: DoSnapshotSet returned 0x8004231f',
			'Action ended 05:44:12: SnapshotVolumes. Return value 3.',
			'',
		].join('\n');
		for (const t of [text, crlf(quoted(text))]) {
			const r = analyse(t);
			assert.deepEqual(
				r.attempts.map((a) => [a.result, a.hresult]),
				[['failed', '0x8004231F']],
			);
		}
	});

	it('an installer log pasted above a writer listing: the listing is read, the log adds nothing', () => {
		const listing = [
			'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool',
			'(C) Copyright 2001-2013 Microsoft Corp.',
			'',
			"Writer name: 'System Writer'",
			'   Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}',
			'   Writer Instance Id: {7848396d-00b1-47cd-8ba9-769b7ce402d2}',
			'   State: [8] Failed',
			'   Last error: Retryable error',
			'',
		].join('\n');
		const r = analyse(`${wild(MSI[1])}\n${listing}`);
		assert.deepEqual(
			r.writers.map((w) => [w.name, w.stateCode]),
			[['System Writer', 8]],
		);
		assert.ok(!codes(r).includes('QL550'), codes(r).join(','));
	});
});

describe('wild22: codes quoted in CJK prose — one failure told, one try', () => {
	const ZH = 'zhnotes-vss-errors-writer-block-bold-state-double-spaced-fence.txt';
	const KB_JA = 'mskb-ja-win7-backup-reparse-point-library-0x80070001-0x81000037.txt';

	it('a Chinese guide whose list items quote 0x8004231f and 0x800423f2: one try of no named product, the writer block still read', () => {
		for (const text of [wild(ZH), quoted(wild(ZH)), crlf(wild(ZH))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1, JSON.stringify(r.attempts.map((a) => [a.hresult, a.events.map((e) => e.line)])));
			assert.equal(r.attempts[0].requester, null);
			assert.ok(finding(r, 'QL201'), codes(r).join(','));
		}
	});

	it('list items marked `・`, `①` or `-` in Japanese and Korean quoting two codes: one try', () => {
		const ja = ['バックアップが毎晩失敗します。', '・イベント ログには 0x8004231f のエラーが記録されていました。', '・再実行すると今度は 0x800423f2 のエラーで止まりました。', ''].join('\n');
		const circled = ja.replace(/・/g, '①');
		const ko = ['백업이 매일 밤 실패합니다.', '- 이벤트 로그에 0x8004231f 오류가 기록되어 있었습니다.', '- 다시 실행하면 이번에는 0x800423f2 오류로 멈췄습니다.', ''].join('\n');
		for (const text of [ja, circled, ko, crlf(quoted(ja))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1, `${text}\n${JSON.stringify(r.attempts.map((a) => a.hresult))}`);
			assert.equal(r.attempts[0].result, 'failed');
		}
	});

	it("a Japanese KB's two problems (headings over paragraphs): a page, no try; both codes explained (session 12, wild29)", () => {
		const r = analyse(wild(KB_JA));
		assert.equal(r.attempts.length, 0);
		assert.deepEqual(
			r.findings.map((f) => [f.severity, f.hresult]),
			[
				['info', '0x80070001'],
				['info', '0x81000037'],
			],
		);
	});

	it("negative: a log's lines with two codes (no sentence) stay two tries", () => {
		const text = ['ERROR: snapshot of C: failed with 0x8004231f', 'ERROR: snapshot of D: failed with 0x800423f2', ''].join('\n');
		assert.equal(analyse(text).attempts.length, 2);
	});
});

describe('wild22: a Japanese blog with Macrium, Windows Backup and the VSS event of a Boot Camp system (onk164)', () => {
	const ONK = 'onk164-ja-bootcamp-macrium-0x80042306-wsb-0x81000019-createfilew.txt';

	it("the cause is read: VSS could not open the new shadow copy's device (CreateFileW, 0x80070001), QL314", () => {
		for (const text of [wild(ONK), crlf(quoted(wild(ONK)))]) {
			const r = analyse(text);
			const f = finding(r, 'QL314');
			assert.ok(f, codes(r).join(','));
			assert.equal(f.attemptId, r.attempts[0]?.id);
		}
	});
});
