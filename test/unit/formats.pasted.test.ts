import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { decodeText } from '../../src/core/decode/decode';
import { FORMATS } from '../../src/core/formats';
import { DETECT_LINES, readLines, type ReadResult } from '../../src/core/formats/lib/format';
import { matchTemplate, reflowContext } from '../../src/core/formats/windows/eventMessages';
import { windowsEventsPasted } from '../../src/core/formats/windows/windowsEventsPasted';
import { describeUnknown } from '../../src/core/ingest/unknown';
import type { FieldValue, LogRecord, RecordKind, RecordOf } from '../../src/core/model/records';
import { fieldsOf } from './readFixture';
import { FIXTURES } from './fixtures';

const FRAGMENTS = path.join(FIXTURES, 'fragments');

/** A fragment read as the analysis reads it: the first format that claims it, every line accounted for. */
function analyse(name: string, format: string): ReadResult {
	const lines = decodeText(fs.readFileSync(path.join(FRAGMENTS, name))).lines;
	const found = FORMATS.find((f) => f.detect(lines.slice(0, DETECT_LINES)));
	assert.equal(found?.id, format, `${name} is read as`);
	const r = readLines(found!, name, lines);
	assert.deepEqual(r.problems, [], `${name}: problems`);
	return r;
}

const recordsOf = (r: ReadResult): LogRecord[] => r.facts.records ?? [];
/** Japanese 8229 as a support blog reflowed it, its context block ending in the writer's name. */
const JA_8229_LINES = fs.readFileSync(path.join(FRAGMENTS, 'ja-8229-reflowed-inline-operation.txt'), 'utf8').replace(/\r/g, '').trimEnd().split('\n');
const kindOf = <K extends RecordKind>(r: ReadResult, kind: K) => recordsOf(r).filter((x): x is RecordOf<K> => x.kind === kind);
/** The fields a rule decides from, per record. */
const KEYS = ['provider', 'eventId', 'hresult', 'writerName', 'executionContext', 'operation'] as const;
const keyed = (r: ReadResult): Record<string, FieldValue>[] => recordsOf(r).map((x) => Object.fromEntries(KEYS.map((k) => [k, fieldsOf(x)[k] ?? null])));

describe('pasted Windows events: each shape of the fragments corpus', () => {
	const cases: [string, Partial<Record<(typeof KEYS)[number], FieldValue>>[]][] = [
		['ja-8193-short-header.txt', [{ provider: 'VSS', eventId: 8193, hresult: '0x800401FB', operation: 'Subscribing Writer' }]],
		['ja-8229-message-only.txt', [{ provider: 'VSS', eventId: 8229, hresult: '0x800423F2', writerName: 'Registry Writer', executionContext: 'Writer', operation: '解凍イベント' }]],
		['ja-8229-reflowed-inline-operation.txt', [{ provider: 'VSS', eventId: 8229, hresult: '0x800423F2', writerName: 'Registry Writer', operation: '解凍イベント' }]],
		['ja-517-fullwidth-colons.txt', [{ provider: 'Microsoft-Windows-Backup', eventId: 517, hresult: '0x80780049' }]],
		['ja-8230-message-only.txt', [{ provider: 'VSS', eventId: 8230 }]],
		['ja-12289-createfilew.txt', [{ provider: 'VSS', eventId: 12289, hresult: '0x80070001' }]],
		[
			'ja-volsnap-2003-double-spaced.txt',
			[
				{ provider: 'volsnap', eventId: 33 },
				{ provider: 'volsnap', eventId: 24 },
				{ provider: 'volsnap', eventId: 35 },
			],
		],
		['en-vmms-checkpoint.txt', [{ provider: 'Microsoft-Windows-Hyper-V-VMMS', hresult: '0x80070002' }, { provider: 'Microsoft-Windows-Hyper-V-VMMS' }, { provider: 'Microsoft-Windows-Hyper-V-VMMS', hresult: '0x80070002' }]],
		[
			'en-12290-8193-asr-run-together.txt',
			[
				{ eventId: 12290, hresult: '0x80073BC3', writerName: 'ASR Writer', operation: 'PrepareForBackup event' },
				{ eventId: 8193, hresult: '0x80073BC3', writerName: 'ASR Writer' },
			],
		],
		['en-547-id-only-header.txt', [{ provider: 'Microsoft-Windows-Backup', eventId: 547 }]],
		['en-8229-id-level-source.txt', [{ provider: 'VSS', eventId: 8229, hresult: '0x800423F4', writerName: 'NTDS', operation: 'PostSnapshot Event' }]],
		['en-1168-list-row.txt', [{ provider: 'Microsoft-Windows-ActiveDirectory_DomainService', eventId: 1168 }]],
		[
			'de-8193-8229-no-blank-between.txt',
			[
				{ eventId: 8193, hresult: '0x80040154', writerName: null },
				{ eventId: 8229, hresult: '0x800423F4', writerName: 'NTDS', operation: 'PostSnapshot-Ereignis' },
			],
		],
		['fr-13-level-source-id.txt', [{ provider: 'VSS', eventId: 13, hresult: '0x80040154' }]],
		[
			'en-2003-two-events-and-a-note.txt',
			[
				{ provider: 'VSS', eventId: 12302, executionContext: 'Coordinator' },
				{ provider: 'volsnap', eventId: 36 },
			],
		],
		['en-volsnap-36-message-crlf.txt', [{ provider: 'volsnap', eventId: 36 }]],
		['en-volsnap-41-message-only.txt', [{ provider: 'volsnap', eventId: 41 }]],
	];
	for (const [file, want] of cases) {
		it(file, () => {
			const got = keyed(analyse(file, 'windows-events-pasted'));
			assert.equal(got.length, want.length, `${file}: ${JSON.stringify(got)}`);
			want.forEach((w, i) => {
				for (const [k, v] of Object.entries(w)) assert.equal(got[i][k], v, `${file} event ${i + 1}: ${k}`);
			});
		});
	}

	it("an author's note between events is no part of either event and is counted unparsed", () => {
		const r = analyse('en-2003-two-events-and-a-note.txt', 'windows-events-pasted');
		assert.equal(r.unparsedLines, 1);
		assert.ok(!recordsOf(r).some((x) => String(fieldsOf(x).message).includes('every night')));
	});

	it("a Windows 2003 header's separate Date and Time make the event's local time", () => {
		const r = analyse('en-2003-two-events-and-a-note.txt', 'windows-events-pasted');
		assert.equal(recordsOf(r)[0].local, '2008-03-14T23:02:45.000');
	});

	it('WSB Backup_Error logs, English on one line and Japanese with its text on the next', () => {
		const en = kindOf(analyse('en-wsb-backup-error.log', 'wsb-error-log'), 'wsb-file-error');
		assert.deepEqual(
			en.map((x) => [x.fields.path, x.fields.hresult, x.fields.errorText]),
			[
				['F:\\$Extend\\$RmMetadata\\$TxfLog\\', '0x80070005', 'Access is denied.'],
				['F:\\$Extend\\$RmMetadata\\$TxfLog\\$TxfLog.blf', '0x80070005', 'Access is denied.'],
			],
		);
		const ja = kindOf(analyse('ja-wsb-backup-error.log', 'wsb-error-log'), 'wsb-file-error');
		assert.deepEqual(
			ja.map((x) => [x.fields.path, x.fields.hresult, x.fields.errorText]),
			[['C:\\windows\\\\systemroot\\', '0x8007007B', 'ファイル名、ディレクトリ名、またはボリューム ラベルの構文が間違っています。']],
		);
	});
});

describe('pasted Windows events: templates and context blocks', () => {
	it('a message is no event when it only shares words with a template', () => {
		for (const prose of ['Volume Shadow Copy Service error: something went wrong, see the attached screenshot.', 'The shadow copies were deleted yesterday by the admin.', 'Checkpoint operation for the VM failed.', 'エラー 0x80070005 が発生しました。'])
			assert.equal(matchTemplate(prose), null, prose);
	});

	it('the level word tells 12290 from 8193 and 12289 only together with the hr = shape', () => {
		assert.equal(matchTemplate('Volume Shadow Copy Service warning: ASR writer Error 0x80073bc3. hr = 0x00000000, The operation completed successfully.')?.eventId, 12290);
		assert.equal(matchTemplate('Volume Shadow Copy Service error: Unexpected error calling routine Check OnIdentifyError. hr = 0x80073bc3, The requested system device cannot be found.')?.eventId, 8193);
		assert.equal(matchTemplate('Volume Shadow Copy Service error: Unexpected error DeviceIoControl(\\\\?\\fdc#generic_floppy_drive,0x00560000). hr = 0x80070001, Incorrect function.')?.eventId, 12289);
	});

	it('a reflowed block is put back into its indented shape; an Error-specific details section stays text', () => {
		const out = reflowContext(['msg', 'Operation:', 'PrepareForBackup event', 'Context:', 'Execution Context: Writer', 'Writer Name: ASR Writer', '', 'Error-specific details:', 'ASR Writer: The requested system device cannot be found. (0x80073BC3)']);
		assert.deepEqual(out, [
			'msg',
			'Operation:',
			'   PrepareForBackup event',
			'',
			'Context:',
			'   Execution Context: Writer',
			'   Writer Name: ASR Writer',
			'',
			'Error-specific details:',
			'ASR Writer: The requested system device cannot be found. (0x80073BC3)',
		]);
	});

	it('a message with no context block is left as it is', () => {
		const lines = ['Volume Shadow Copy Service error: Unexpected error calling routine X. hr = 0x80004005.', 'Note: retried twice.'];
		assert.deepEqual(reflowContext(lines), lines);
	});

	it('prose with a label line and a number is no event', () => {
		const r = readLines(windowsEventsPasted, 'p', ['We saw this yesterday.', 'Ticket: 4412', 'Owner: Ops team', 'Thanks for any help!']);
		assert.deepEqual(recordsOf(r), []);
		assert.equal(windowsEventsPasted.detect(['We saw this yesterday.', 'Ticket: 4412', 'Owner: Ops team']), null);
	});
});

/**
 * Property: the readers give the same records for the samples of their definition however they were
 * pasted: header lines dropped, lines re-wrapped, events merged with no blank line, a blank line between
 * every line, CRLF, indentation lost.
 */
describe('pasted Windows events: same records from every pasting of a sample', () => {
	const samples = windowsEventsPasted.variants.flatMap((v) => v.samples.map((s, i) => [`${v.name} ${i + 1}`, s] as const));
	const read = (text: string) => keyed(readLines(windowsEventsPasted, 's', text.split(/\r?\n/)));
	/** The header lines an event can lose whatever else it loses: all but the Event ID. */
	const stripHeader = (text: string) =>
		text
			.split('\n')
			.filter((l) => !/^(?:Level|Source|Event Type|Event Source|Event Category|Date|Time|User|Computer|イベントの種類|イベント ソース|イベント カテゴリ)\s*[:：]/.test(l))
			.join('\n');
	/** A long line broken at a space near its middle, as a mail client wraps it. */
	const rewrap = (text: string) =>
		text
			.split('\n')
			.map((l) => (l.length > 100 ? `${l.slice(0, l.indexOf(' ', 60))}\n${l.slice(l.indexOf(' ', 60) + 1)}` : l))
			.join('\n');
	const variants: [string, (s: string) => string][] = [
		[
			'indentation lost',
			(s) =>
				s
					.split('\n')
					.map((l) => l.trim())
					.join('\n'),
		],
		['CRLF', (s) => s.replace(/\n/g, '\r\n')],
		[
			'a blank line between every line',
			(s) =>
				s
					.split('\n')
					.filter((l) => l.trim() !== '')
					.join('\n\n'),
		],
		['re-wrapped', rewrap],
	];
	for (const [name, sample] of samples) {
		const want = read(sample);
		it(`${name}: read as events at all`, () => assert.ok(want.length > 0));
		for (const [how, f] of variants) it(`${name}: ${how}`, () => assert.deepEqual(read(f(sample)), want));
	}

	it('every sample with its header stripped still gives its events, by template', () => {
		for (const [name, sample] of samples) {
			const got = read(stripHeader(sample)).map((r) => [r.provider?.toString().toLowerCase(), r.eventId]);
			assert.deepEqual(
				got,
				read(sample).map((r) => [r.provider?.toString().toLowerCase(), r.eventId]),
				name,
			);
		}
	});

	it('two samples merged with no blank line between them are two runs of events', () => {
		const a = samples[0][1];
		const b = samples[1][1];
		assert.deepEqual(read(`${a.trimEnd()}\n${b}`), [...read(a), ...read(b)]);
	});
});

describe('pasted Windows events: what re-wrapping and run-together pastes do not break', () => {
	const read = (lines: string[]) => keyed(readLines(windowsEventsPasted, 's', lines));

	it('one-line messages hard-wrapped: each message is one event, a wrapped tail starts none', () => {
		const got = read([
			'Checkpoint operation for \u2018SQL01\u2019 failed. (Virtual machine ID',
			'1B2C3D4E-0000-4000-8000-00000000AA01)',
			'Could not create backup checkpoint for virtual machine \u2018SQL01\u2019: The system cannot find the',
			'file specified. (0x80070002). (Virtual machine ID 1B2C3D4E-0000-4000-8000-00000000AA01)',
		]);
		assert.deepEqual(
			got.map((r) => [r.provider, r.hresult]),
			[
				['Microsoft-Windows-Hyper-V-VMMS', null],
				['Microsoft-Windows-Hyper-V-VMMS', '0x80070002'],
			],
		);
	});

	it('a Description whose first message line looks like a label keeps that line', () => {
		const r = readLines(windowsEventsPasted, 's', [
			'Event Type:\tError',
			'Event Source:\tVSS',
			'Event ID:\t12289',
			'Description:',
			'Volume Shadow Copy Service error: Unexpected error',
			'DeviceIoControl(\\\\?\\fdc#generic_floppy_drive,0x00560000,[0]).  hr = 0x80070001, Incorrect function.',
		]);
		const [e] = r.facts.records! as RecordOf<'windows-event'>[];
		assert.match(e.fields.message ?? '', /^Volume Shadow Copy Service error: Unexpected error/);
		assert.deepEqual([e.fields.eventId, e.fields.hresult], [12289, '0x80070001']);
	});

	it("an ID with its message on a label's line and the hr on the next is an event; a context line before the next header stays in its event", () => {
		const got = read(['ID:8193', 'メッセージ:ボリューム シャドウ コピー サービス エラー: ルーチン CoCreateInstance の呼び出し中に予期しないエラーが発生しました。', 'hr = 0x800401fb, Object is not registered.']);
		assert.deepEqual(
			got.map((r) => [r.provider, r.eventId, r.hresult]),
			[['VSS', 8193, '0x800401FB']],
		);
		const two = read([...JA_8229_LINES, 'ID: 8229', 'Level: Warning', 'Source: VSS', 'Message: A VSS writer has rejected an event with error 0x800423f4, The writer experienced a non-transient error.']);
		assert.deepEqual(
			two.map((r) => [r.eventId, r.writerName]),
			[
				[8229, 'Registry Writer'],
				[8229, null],
			],
		);
	});
});

describe('an input no format reads says what it looks like', () => {
	it('XML with a DTD, other XML, a log, error text, prose', () => {
		assert.match(describeUnknown(['<?xml version="1.0"?>', '<!DOCTYPE Events [<!ENTITY x "y">]>', '<Events/>']), /declares a DTD/);
		assert.match(describeUnknown(['<?xml version="1.0"?>', '<Config a="1"/>']), /root element <Config>/);
		assert.match(describeUnknown(['2024-05-01 10:00:00 INFO agent started']), /^a log with time stamps.*first line with text: '2024-05-01/);
		assert.match(describeUnknown(['Backup failed with 0x80042306', 'please help']), /error codes/);
		assert.match(describeUnknown(['.encoding = "UTF-8"', 'snapshot.lastUID = "1"']), /^key = value settings/);
		assert.match(describeUnknown(['Hello, my backup does not work.', 'Any idea?']), /^prose: no log line/);
	});
});
