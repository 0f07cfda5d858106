import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, crlf, quoted, wild } from '../lib/wildText';

// Session 9 (wild15): excerpts published in other languages than English — Japanese blogs and Microsoft's
// Japanese docs, Chinese issues — (test/fixtures/wild/README.md names each source), with the same evidence
// in another display language, re-wrapped, quoted and with full-width punctuation.

const finding = (r: Report, code: string) => r.findings.find((f) => f.code === code);
const severityOf = (r: Report, code: string) => finding(r, code)?.severity;

describe('wild15: Windows Server Backup’s own code names it, and one that only says the shadow copy failed defers to VSS’s', () => {
	const BLOG = wild('jekyll-ja-wsb-rdm-0x80780034-deviceiocontrol-0x80070057.txt');

	const reading = (r: Report) => {
		assert.equal(r.attempts.length, 1, "WSB's event and VSS's 12289 are one try");
		const [a] = r.attempts;
		assert.deepEqual([a.requester, a.result, a.hresult], ['Windows Server Backup', 'failed', '0x80070057']);
		// VSS's DeviceIoControl error on the volume is the cause; WSB's 0x80780034 only says the shadow copy failed.
		assert.equal(r.findings.filter((f) => f.severity === 'error')[0]?.code, 'QL317');
		assert.match(finding(r, 'QL317')!.title, /DeviceIoControl with 0x80070057/);
	};

	it('a Japanese blog (ESXi RDM disk, physical compatibility): WSB 0x80780034 and VSS 12289 DeviceIoControl 0x80070057 at EndPrepareSnapshots', () => {
		const r = analyse(BLOG);
		reading(r);
		assert.equal(severityOf(r, 'QL550'), 'info');
		assert.match(finding(r, 'QL550')!.message, /only says that the shadow copy failed; E_INVALIDARG \(0x80070057\)/);
	});

	it('the same page quoted as a mail reply with CRLF, and with full-width colons after the labels: the same reading', () => {
		reading(analyse(crlf(quoted(BLOG))));
		reading(analyse(BLOG.replace(/:$/gm, '：').replace('コンテキスト: System', 'コンテキスト：System')));
	});

	it('the same two events in English (WSB event 5’s text, VSS 12289): QL306 is information, QL317 the cause', () => {
		const en = [
			"The backup operation that started at '2020-09-05T14:00:12.000000000Z' has failed with following error code '0x80780034' (Windows Backup failed to create the shadow copy on the storage location.). Please review the event details for a solution, and then rerun the backup operation once the issue is resolved.",
			'',
			'Volume Shadow Copy Service error: Unexpected error DeviceIoControl(\\\\?\\Volume{a59dcd66-5963-4ba8-995c-915935cb8654} - 000000000000024C,0x0053c008,00000219B0C80150,0,00000219B0C81160,4096,[0]).  hr = 0x80070057, The parameter is incorrect.',
			'. ',
			'',
			'Operation:',
			'   Processing EndPrepareSnapshots',
			'',
			'Context:',
			'   Execution Context: System Provider',
		].join('\n');
		const r = analyse(en);
		reading(r);
		assert.equal(severityOf(r, 'QL306'), 'info');
		assert.match(finding(r, 'QL306')!.message, /could not create the shadow copy on the backup storage location/);
	});

	it('in Japanese words: the echo sentence and the code’s meaning come from the Japanese catalogue', () => {
		const r = analyse(BLOG, 'ja');
		assert.match(finding(r, 'QL550')!.message, /このコードはシャドウ コピーが失敗したことしか示しません。同じ試行で報告された E_INVALIDARG \(0x80070057\) が原因を示します/);
		assert.match(finding(r, 'QL550')!.message, /保存場所にシャドウ コピーを作成できませんでした/);
	});

	it('negative: WSB’s 0x80780034 alone is the failure as far as the text goes: an error, named Windows Server Backup', () => {
		const alone = BLOG.split('\n').slice(0, 8).join('\n');
		const r = analyse(alone);
		assert.deepEqual([r.attempts.length, r.attempts[0].requester, r.attempts[0].hresult], [1, 'Windows Server Backup', '0x80780034']);
		assert.equal(severityOf(r, 'QL550'), 'error');
		assert.doesNotMatch(finding(r, 'QL550')!.message, /only says that the shadow copy failed/);
	});

	it('negative: a code of another facility in the same sentence names no product', () => {
		const r = analyse("'開始したバックアップ操作は、次のエラー コード '0x80070057' (パラメーターが間違っています。) のため失敗しました。");
		assert.equal(r.attempts[0]?.requester ?? null, null);
	});
});

describe('wild15: excerpts the product already read right', () => {
	it("Microsoft's Japanese docs (MARS system state): a table row quoting VSS's English 0x800423f2 with its translation — QL205 writer timeout", () => {
		const r = analyse(wild('azuredocs-ja-mars-systemstate-vss-writer-timeout-0x800423f2-table-row.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].result, r.attempts[0].hresult], [1, 'failed', '0x800423F2']);
		assert.equal(r.findings.filter((f) => f.severity === 'error')[0]?.code, 'QL205');
	});

	it('a Chinese issue: Dism++ system backup, the code typed as 0*8004230F and 0*800423F, then 0x8004230F — VSS_E_UNEXPECTED_PROVIDER_ERROR', () => {
		const r = analyse(wild('dismpp-866-zh-system-backup-0x8004230f-typo-asterisk.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].hresult], [1, '0x8004230F']);
		assert.ok(finding(r, 'QL401'));
	});

	it('a Chinese issue: Dism++ on Windows 7 (systeminfo in Chinese), 0x8004230C — VSS_E_VOLUME_NOT_SUPPORTED', () => {
		const r = analyse(wild('dismpp-488-zh-win7-system-backup-0x8004230c-systeminfo.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].hresult], [1, '0x8004230C']);
		assert.match(finding(r, 'QL550')!.message, /not supported/);
	});
});
