import * as assert from 'assert/strict';
import * as iconv from 'iconv-lite';
import { decodeText } from '../../src/core/decode/decode';
import type { Report } from '../../src/core/model/report';
import { analyse, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 10 (wild20): non-English sources, round 2 — Japanese blogs and Microsoft's localized Azure docs, a
// German blog, a Korean docs page, a Chinese docs table (test/fixtures/wild/README.md names each source), with
// the same evidence re-wrapped, quoted, in English, full-width and in the legacy code pages they are saved in.

const findings = (r: Report, code: string) => r.findings.filter((f) => f.code === code);
const errors = (r: Report) => r.findings.filter((f) => f.severity === 'error');

describe('wild20: Windows Backup’s own code and the error under its "Additional information" are one try', () => {
	const BLOG = wild('tvbok-ja-system-image-0x8078012d-0x8007045d-io-device.txt');

	const reading = (r: Report) => {
		assert.equal(r.attempts.length, 1, 'the dialog’s two codes are one message of one try');
		const [a] = r.attempts;
		assert.deepEqual([a.requester, a.result, a.hresult], ['Windows Server Backup', 'failed', '0x8078012D']);
		const ql550 = findings(r, 'QL550');
		assert.deepEqual(ql550.map((f) => f.hresult).sort(), ['0x8007045D', '0x8078012D']);
		assert.ok(ql550.every((f) => f.attemptId === a.id));
	};

	it('a Japanese blog: the system image fails with 0x8078012D and, under 追加情報, 0x8007045D (I/O device error)', () => {
		const r = analyse(BLOG);
		reading(r);
		const [wsb, io] = ['0x8078012D', '0x8007045D'].map((h) => findings(r, 'QL550').find((f) => f.hresult === h)!);
		assert.match(wsb.message, /device error on the backup's source or target .*CHKDSK \/R/);
		assert.match(io.title, /ERROR_IO_DEVICE \(0x8007045D\)/);
		assert.match(io.fix, /chkdsk \/r/);
	});

	it('the dialog in English (Windows’ own message for the code), quoted as a mail reply with CRLF: the same reading', () => {
		const en = [
			'The backup failed.',
			'The operation failed due to a device error encountered with either the source or the destination. If the source or destination volume is on a disk, run CHKDSK /R on the volume, and then try the operation again. (0x8078012D)',
			'Additional Information:',
			'   The request could not be performed because of an I/O device error. (0x8007045D)',
		].join('\n');
		reading(analyse(en));
		reading(analyse(crlf(quoted(en))));
	});

	it('in Japanese words: both codes explained from the Japanese catalogue', () => {
		const r = analyse(BLOG, 'ja');
		const text = findings(r, 'QL550')
			.map((f) => f.message)
			.join('\n');
		assert.match(text, /デバイス エラーのため操作が失敗しました/);
		assert.match(text, /I\/O デバイス エラーが発生したため、要求を実行できなかった/);
	});

	it('negative: an unrelated code further down the page is another try; two Windows Backup codes stay two tries', () => {
		const apart = [BLOG.split('\n').slice(2, 4).join('\n'), '', '', '', '', 'Something else failed: 0x80070005', ''].join('\n');
		assert.equal(analyse(apart).attempts.length, 2);
		const twoWsb = ['バックアップに失敗しました。(0x8078012D)', '追加情報:', 'バックアップの保存先が使用できません。(0x8078002A)'].join('\n');
		assert.equal(analyse(twoWsb).attempts.length, 2);
	});
});

describe('wild20: Win32 codes published with a backup failure are named and explained', () => {
	it('a Japanese blog: Windows 7 Backup fails with 0x800704C8 (a file with a user-mapped section open)', () => {
		const r = analyse(wild('uzla-ja-win7-backup-0x800704c8-user-mapped-section.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].result, r.attempts[0].hresult], [1, 'failed', '0x800704C8']);
		assert.match(finding(r, 'QL550')!.message, /ERROR_USER_MAPPED_FILE \(0x800704C8\): the requested operation cannot be performed on a file with a user-mapped section open/);
		assert.match(finding(analyse(wild('uzla-ja-win7-backup-0x800704c8-user-mapped-section.txt'), 'ja'), 'QL550')!.message, /ユーザー マップ セクション/);
	});

	const TABLE_JA = wild('azuredocs-ja-asr-hyperv-vss-snapshot-set-0x800700ea-table.txt');
	const TABLE_DE = wild('azuredocs-de-asr-hyperv-vss-snapshot-set-0x800700ea-mixed-english.txt');
	const rows = (r: Report) => {
		// Session 11 (wild27): a table pairing each code with its meaning lists alternatives, no try each; each code is still explained.
		assert.deepEqual(
			r.attempts.map((a) => [a.result, a.hresult]),
			[],
			'the table’s two rows are documented alternatives, no try',
		);
		const more = findings(r, 'QL550').find((f) => f.hresult === '0x800700EA')!;
		const version = findings(r, 'QL550').find((f) => f.hresult === '0x80070032')!;
		return { more, version };
	};

	it('Azure Site Recovery’s Hyper-V table in Japanese and in German (half English): ERROR_MORE_DATA is a dynamic disk in the guest, ERROR_NOT_SUPPORTED a requester version mismatch', () => {
		for (const text of [TABLE_JA, TABLE_DE]) {
			const { more, version } = rows(analyse(text));
			assert.match(more.title, /ERROR_MORE_DATA \(0x800700EA\)/);
			assert.match(more.fix, /dynamic disk/);
			assert.match(version.fix, /integration services/);
		}
	});

	it('the Japanese table in Japanese words, and re-pasted with CRLF behind `> `: the same rows', () => {
		const { more } = rows(analyse(TABLE_JA, 'ja'));
		assert.match(more.fix, /ダイナミック ディスク/);
		rows(analyse(crlf(quoted(TABLE_JA))));
	});

	it('ASR’s VSS provider install errors, each printed signed-decimal with its hex in brackets: every code read once, named', () => {
		const r = analyse(wild('azuredocs-ja-asr-mobility-vss-provider-install-negative-decimal-exit-511.txt'));
		// Each code once, from its signed-decimal heading: an installer's errors, not tries of a shadow copy (see README).
		assert.deepEqual(
			findings(r, 'QL550').map((f) => f.hresult),
			['0x800706BE', '0x80070430', '0x8007041F'],
		);
		assert.match(
			findings(r, 'QL550')
				.map((f) => f.title)
				.join('\n'),
			/RPC_S_CALL_FAILED .*\n.*ERROR_SERVICE_MARKED_FOR_DELETE .*\n.*ERROR_SERVICE_DATABASE_LOCKED/,
		);
	});

	it('negative: a Win32 code the table does not know stays bare', () => {
		assert.doesNotMatch(finding(analyse('The backup failed. (0x80070999)'), 'QL550')!.title, /ERROR_/);
	});
});

describe('wild20: a code typed full-width by a Japanese input method reads as the same code', () => {
	it('（０ｘ８００４２３Ｆ３） in Japanese prose is VSS_E_WRITERERROR_RETRYABLE, as its ASCII form is', () => {
		const wide = analyse('バックアップに失敗しました。エラー コード（０ｘ８００４２３Ｆ３）が表示されます。');
		const ascii = analyse('バックアップに失敗しました。エラー コード（0x800423F3）が表示されます。');
		for (const r of [wide, ascii]) assert.deepEqual([r.attempts.length, r.attempts[0].hresult], [1, '0x800423F3']);
	});

	it('the blog’s dialog with full-width digits and brackets: the same single try', () => {
		const width = (s: string) => s.replace(/[0-9A-Fa-fx()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
		const r = analyse(width(wild('tvbok-ja-system-image-0x8078012d-0x8007045d-io-device.txt')));
		assert.deepEqual([r.attempts.length, r.attempts[0].hresult], [1, '0x8078012D']);
	});

	it('negative: full-width digits that are no code (a date, a count) read nothing', () => {
		assert.equal(analyse('２０２４年５月２１日にバックアップを３回実行しました。').attempts.length, 0);
	});
});

describe('wild20: Azure Site Recovery’s vacp.log error prints the HRESULT in decimal', () => {
	const DOC = wild('azuredocs-ja-asr-vacp-checkwriterstatus-decimal-2147754994.txt');
	const reading = (r: Report) => {
		assert.deepEqual([r.attempts.length, r.attempts[0].result, r.attempts[0].hresult], [1, 'failed', '0x800423F2']);
		assert.equal(errors(r)[0].code, 'QL205');
	};
	it('the Japanese doc’s `vacpError:…#2147754994|^|…` line: one try, VSS_E_WRITERERROR_TIMEOUT, QL205', () => reading(analyse(DOC)));
	it('quoted with CRLF, and the indented code block flush left: the same reading', () => {
		reading(analyse(crlf(quoted(DOC))));
		reading(analyse(DOC.replace(/^ {4}/gm, '')));
	});
});

describe('wild20: documents that describe a failure without one', () => {
	it('a Chinese Azure docs table (error 151025, COM+ and VSS services disabled): no try, no error', () => {
		const r = analyse(wild('azuredocs-zh-asr-151025-com-vss-service-disabled-table.txt'));
		assert.deepEqual([r.attempts.length, errors(r).length], [0, 0]);
	});

	it('a German blog on Windows 7’s 0×81000019 (a multiplication sign for the x): one failed Windows Backup try', () => {
		const r = analyse(wild('borncity-de-win7-backup-0x81000019-multiplication-sign-system-reserved.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].result, r.attempts[0].hresult], [1, 'failed', '0x81000019']);
	});
});

describe('wild20: Korean text saved in CP949 (Korean Windows’ ANSI and console code page) decodes as Korean', () => {
	const KO_DOC = wild('mslearn-ko-writer-errors-and-vetoes-inconsistentsnapshot-prose.txt');
	// A Korean listing's labels as a Korean Windows prints them; the states and ids are what the reader reads.
	const KO_LISTING = [
		"기록기 이름: 'System Writer'",
		'   기록기 ID: {e8132975-6f93-4464-a53e-1050253ae220}',
		'   기록기 인스턴스 ID: {0d3e1c2a-1111-4c55-9f0e-2b1c3d4e5f60}',
		'   상태: [8] 실패',
		'   마지막 오류: 시간 초과',
		'',
		"기록기 이름: 'WMI Writer'",
		'   기록기 ID: {a6ad56c2-b509-4e6c-bb19-49d8f43532f0}',
		'   기록기 인스턴스 ID: {1d3e1c2a-1111-4c55-9f0e-2b1c3d4e5f60}',
		'   상태: [1] 안정됨',
		'   마지막 오류: 오류 없음',
	].join('\n');

	it('Microsoft’s Korean docs page and a Korean listing, as CP949 and as EUC-KR: cp949, line for line', () => {
		for (const text of [KO_DOC, KO_LISTING])
			for (const encoding of ['cp949', 'euc-kr']) {
				const d = decodeText(iconv.encode(text, encoding));
				assert.equal(d.encoding, 'cp949', `${encoding}: ${d.reason}`);
				assert.deepEqual(d.lines, text.replace(/\n$/, '').split('\n'));
			}
	});

	it('the listing in CP949 reads as in UTF-8: System Writer [8] with its Korean last error intact', () => {
		const r = analyse(decodeText(iconv.encode(KO_LISTING, 'cp949')).lines.join('\n'));
		const w = r.writers.find((x) => x.name === 'System Writer')!;
		assert.deepEqual([w.stateCode, w.lastError], [8, '시간 초과']);
	});

	it('negative: Chinese and Japanese texts stay GB18030 and CP932; a few Korean characters decide nothing', () => {
		for (const file of ['dismpp-866-zh-system-backup-0x8004230f-typo-asterisk.txt', 'dismpp-488-zh-win7-system-backup-0x8004230c-systeminfo.txt', 'azuredocs-zh-asr-151025-com-vss-service-disabled-table.txt'])
			assert.equal(decodeText(iconv.encode(wild(file), 'gb18030')).encoding, 'gb18030', file);
		for (const file of ['tvbok-ja-system-image-0x8078012d-0x8007045d-io-device.txt', 'uzla-ja-win7-backup-0x800704c8-user-mapped-section.txt']) assert.equal(decodeText(iconv.encode(wild(file), 'shift_jis')).encoding, 'cp932', file);
		// Two hangul words are below the rows' evidence: the tie order keeps such a text Chinese.
		assert.equal(decodeText(iconv.encode('상태: [1]\n', 'cp949')).encoding, 'gb18030');
	});
});
