import * as assert from 'assert/strict';
import { analyzeText } from '../../src/core';
import type { Report } from '../../src/core/model/report';

// Shapes of real published excerpts the product misread (test/fixtures/wild/README.md names each source);
// each case is built from an excerpt's shape, with a variant that changes what the paste did to it.

const analyse = (text: string, locale?: 'en' | 'ja'): Report => analyzeText([{ name: 'paste.txt', text }], locale ? { locale } : {});
const codes = (r: Report) => r.findings.map((f) => f.code).sort();
const formats = (r: Report) => r.inputs.map((i) => i.format);

describe('wild excerpts: an event id and its source alone make a header', () => {
	// thewindowsclub.com on KB 972135: the id, the source and the first sentence of the message only.
	const BLOG = ['Event ID: 12293', 'Source: VSS', 'Message: Volume Shadow Copy Service error: Error calling a routine on a Shadow Copy Provider.'];

	it('VSS 12293 with its message cut short is the provider error it is (QL401), read as a pasted event', () => {
		const r = analyse(BLOG.join('\n'));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL401']);
	});

	it('the same lines with Japanese labels, CRLF and a blank line between each read the same', () => {
		const ja = ['イベント ID: 12293', '', 'ソース: VSS', '', 'メッセージ: ボリューム シャドウ コピー サービス エラー: シャドウ コピー プロバイダーでルーチンを呼び出し中にエラーが発生しました。'];
		const r = analyse(ja.join('\r\n'));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL401']);
	});

	it('negative: an id no known source logs, or a source that is none, makes no event', () => {
		assert.deepEqual(codes(analyse(['Event ID: 4242', 'Source: VSS', 'Message: Something happened to the service.'].join('\n'))), []);
		assert.deepEqual(codes(analyse(['Event ID: 12293', 'Source: Contoso Agent', 'Message: Something happened to the service.'].join('\n'))), []);
	});
});

describe('wild excerpts: an event header copied from a web page, each label above its value', () => {
	// Druva's KB (SQL49): Source / Event ID / Level / Message each on a line, the value on the next.
	const KB = [
		'Source:',
		'SQLWRITER',
		'Event ID:',
		'24583',
		'Level:',
		'Error',
		'Message:',
		'BACKUP DATABASE is terminating abnormally.',
		'Message:',
		'Cannot perform a differential backup for database "MyDatabase", because a current database backup does not exist.',
	];

	it('is SQLWRITER 24583: SqlServerWriter failed (QL208), its message quoted', () => {
		const r = analyse(KB.join('\n'));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL208']);
		assert.match(r.findings[0].message, /BACKUP DATABASE is terminating abnormally/);
		assert.deepEqual(r.findings[0].writers, ['SqlServerWriter']);
	});

	it('the same header in Japanese, CRLF, read by its values: the same finding', () => {
		const ja = ['ソース:', 'SQLWRITER', 'イベント ID:', '24583', 'レベル:', 'エラー', 'メッセージ:', 'BACKUP DATABASE is terminating abnormally.'];
		assert.deepEqual(codes(analyse(ja.join('\r\n'))), ['QL208']);
	});

	it('negative: one label above its text (Description:) is no header; pairs without an id are none either', () => {
		const described = ['Description:', 'The backup finished.', 'Notes:', 'Nothing to do.'];
		const r = analyse(described.join('\n'));
		assert.deepEqual(codes(r), []);
		assert.ok(!formats(r).includes('windows-events-pasted'));
	});
});

describe('wild excerpts: volsnap events that abort a shadow copy for a reason of their own', () => {
	// KB 833167 (Windows Server 2003): VolSnap 5, 20 and 28 in the Event Type / Event Source / Event ID layout.
	const KB = [
		'Event Type: Error',
		'Event Source:   VolSnap',
		'Event Category: None ',
		'Event ID:       5',
		'Description:',
		'The shadow copy of volume X: could not be created due to insufficient non-paged memory pool ',
		'for a bitmap structure.',
		'Event Type:    Error',
		'Event Source:   VolSnap',
		'Event Category: None',
		'Event ID:       20',
		'Description:',
		'The shadow copies of volume X: were aborted because of a failed free space computation.',
	];

	it('name the cause (QL401, the events and their meaning), not "the bundle does not show why" (QL112)', () => {
		const r = analyse(KB.join('\n'));
		assert.deepEqual(codes(r), ['QL401']);
		const f = r.findings[0];
		assert.match(f.message, /volsnap event 5 \(.*non-paged pool/);
		assert.match(f.fix, /swprv/);
		assert.equal(r.attempts[0].result, 'failed');
	});

	it('the same events in Japanese Event Viewer text read the same, in a Japanese report', () => {
		const ja = ['イベントの種類: エラー', 'イベント ソース: VolSnap', 'イベント ID: 28', '説明:', 'ボリューム X: のシャドウ コピーは、必要なディスク上の構造を作成できなかったため作成できませんでした。'];
		const r = analyse(ja.join('\n'), 'ja');
		assert.deepEqual(codes(r), ['QL401']);
		assert.match(r.findings[0].message, /ディスク上の構造/);
	});

	it('negative: the shadow storage events stay QL404 and make no provider finding', () => {
		const storage = ['Event Type: Error', 'Event Source: VolSnap', 'Event ID: 36', 'Description:', 'The shadow copies of volume C: were aborted because the shadow copy storage could not grow due to a user imposed limit.'];
		assert.deepEqual(codes(analyse(storage.join('\n'))), ['QL404']);
	});
});

describe('wild excerpts: a requester naming a writer in brackets and its failed state by name', () => {
	// KB 959978 (Hyper-V backup of a Windows Server 2003 VM), as a forum quoted it.
	const LINE = '"GetWriterStatus FAILED for Selected writer [Microsoft Hyper-V VSS Writer], writer is in state [9] [VSS_WS_FAILED_AT_FREEZE]"';

	it('is a failed attempt whose writer failed at freeze (QL570 with the writer and its service)', () => {
		const r = analyse(LINE);
		assert.deepEqual(codes(r), ['QL570']);
		assert.deepEqual(r.findings[0].writers, ['Microsoft Hyper-V VSS Writer']);
		assert.equal(r.attempts[0].failedPhase, 'freeze');
		assert.match(r.findings[0].fix, /vmms/);
	});

	it('quoted in Markdown, another writer and state: the writer and the phase its state names', () => {
		const r = analyse(`> GetWriterStatus FAILED for Selected writer [System Writer], writer is in state [11] [VSS_WS_FAILED_AT_POST_SNAPSHOT]`);
		assert.deepEqual(codes(r), ['QL570']);
		assert.deepEqual(r.findings[0].writers, ['System Writer']);
		assert.equal(r.attempts[0].failedPhase, 'post-snapshot');
	});

	it('negative: a writer in a waiting or stable state by name is no failure', () => {
		assert.deepEqual(codes(analyse('GetWriterStatus for Selected writer [System Writer], writer is in state [1] [VSS_WS_STABLE]')), []);
	});
});

describe('wild excerpts: two whole quoted messages on consecutive lines are two messages', () => {
	// Veeam KB1377 lists its two wait timeouts one under the other, each in quotes.
	const KB = ['"VSSControl: Failed to prepare guest for freeze, wait timeout 900 sec."', '"VSSControl: Failed to freeze guest, wait timeout"'];

	it('each timeout gets its finding (QL561 preparation, QL562 freeze window)', () => {
		assert.deepEqual(codes(analyse(KB.join('\n'))), ['QL561', 'QL562']);
	});

	it('typographic quotes and the other order read the same', () => {
		const curly = [...KB].reverse().map((l) => l.replace(/^"/, '“').replace(/"$/, '”'));
		assert.deepEqual(codes(analyse(curly.join('\n'))), ['QL561', 'QL562']);
	});

	it('negative: an unquoted message wrapped over two lines stays one message', () => {
		const wrapped = ['VSSControl: Failed to freeze guest, wait', 'timeout'];
		assert.deepEqual(codes(analyse(wrapped.join('\n'))), ['QL562']);
	});
});

describe('wild excerpts: an event an agent printed on one line, header first', () => {
	// CloudBerry's KB: source, level, date, `EventID: 8193`, then the message, all on one line.
	const KB =
		'VSS Error 12/7/2018 8:23:12 AM EventID: 8193 Volume Shadow Copy Service error: Unexpected error calling routine Cannot find anymore diff area candidates for volume \\?\\Volume{ae7c3d9e-5755-11e1-9069-806e6f6e6963}\\ [0]. hr = 0x8000ffff, Catastrophic failure.';

	it('is VSS 8193, and a routine naming the diff area is the shadow copy storage (QL404), not an agent code (QL550)', () => {
		const r = analyse(`${KB}\n\nOperation: Automatically choosing a diff-area volume Processing EndPrepareSnapshots`);
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL404']);
		assert.equal(r.attempts[0].hresult, '0x8000FFFF');
	});

	it('level first and a Japanese message (the routine text stays English): the same reading', () => {
		const ja =
			'エラー VSS 2018/12/07 8:23:12 EventID: 8193 ボリューム シャドウ コピー サービス エラー: ルーチン Cannot find anymore diff area candidates for volume \\?\\Volume{ae7c3d9e-5755-11e1-9069-806e6f6e6963}\\ [0] の呼び出し中に予期しないエラーが発生しました。hr = 0x8000ffff, 致命的なエラーです。';
		assert.deepEqual(codes(analyse(ja)), ['QL404']);
	});

	it('negative: another routine stays the VSS fallback (QL317); a first word that is no source makes no event row', () => {
		const other = KB.replace('Cannot find anymore diff area candidates for volume', 'CoCreateInstance on volume');
		assert.deepEqual(codes(analyse(other)), ['QL317']);
		assert.ok(!formats(analyse(KB.replace(/^VSS/, 'Contoso'))).includes('windows-events-pasted'));
	});
});
