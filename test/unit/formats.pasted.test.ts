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
import { readPaste } from '../lib/pasteSamples';
import { analyzeText } from '../../src/core';
import { insertionStrings } from '../../src/core/formats/windows/windowsEvents';
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
				{ eventId: 8193, hresult: '0x80040154', writerName: 'System Writer' },
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

describe('pasted Windows events run together: where one ends and the next begins', () => {
	const read = (lines: string[]) => keyed(readLines(windowsEventsPasted, 's', lines)).map((r) => [r.provider, r.eventId, r.hresult, r.writerName]);
	const ids = (text: string) => events(text).map((r) => [r.fields.provider, r.fields.eventId]);
	const events = (text: string) => readPaste(text).facts.flatMap((f) => (f.records ?? []) as RecordOf<'windows-event'>[]);
	const fragment = (name: string) => fs.readFileSync(path.join(FRAGMENTS, name), 'utf8').replace(/\r/g, '').trimEnd().split('\n');

	it("a last context line `Process ID: 680` right above a Windows 2003 header is its event's, not an id", () => {
		const short = windowsEventsPasted.variants.find((v) => v.name === 'short-header')!.samples[0].split('\n');
		const y2003 = windowsEventsPasted.variants.find((v) => v.name === 'windows-2003')!.samples[0].split('\n');
		assert.equal(short.at(-1), 'Process ID: 680');
		for (const between of [[], ['']])
			assert.deepEqual(read([...short, ...between, ...y2003]), [
				['VSS', 8229, '0x800423F4', 'NTDS'],
				['VSS', 12289, '0x80070001', null],
			]);
	});

	it('an id-only header stays one when another event follows its message with no blank line', () => {
		assert.deepEqual(ids([...fragment('en-547-id-only-header.txt'), ...fragment('en-volsnap-41-message-only.txt')].join('\n')), [
			['Microsoft-Windows-Backup', 547],
			['volsnap', 41],
		]);
	});

	it("headerless messages: another event's template below does not hide the one a line starts", () => {
		assert.deepEqual(ids([...fragment('en-vmms-checkpoint.txt'), ...fragment('en-volsnap-36-message-crlf.txt')].join('\n')), [
			['Microsoft-Windows-Hyper-V-VMMS', null],
			['Microsoft-Windows-Hyper-V-VMMS', null],
			['Microsoft-Windows-Hyper-V-VMMS', null],
			['volsnap', 36],
		]);
	});

	it('a double-spaced paste after a single-spaced one: only the double-spaced lines lose their blank lines', () => {
		const got = ids([...fragment('en-1168-list-row.txt'), ...fragment('ja-volsnap-2003-double-spaced.txt')].join('\n'));
		assert.deepEqual(got, [
			['Microsoft-Windows-ActiveDirectory_DomainService', 1168],
			['volsnap', 33],
			['volsnap', 24],
			['volsnap', 35],
		]);
		// The 1168 message keeps its Additional Data: the blank line inside it separates nothing.
		assert.match(events(fragment('en-1168-list-row.txt').join('\n'))[0].fields.message ?? '', /Internal ID/);
	});
});

describe('pasted Windows events whose message a paste cut short (`...`)', () => {
	const events = (text: string) => readPaste(text).facts.flatMap((f) => (f.records ?? []) as RecordOf<'windows-event'>[]);
	const lines = fs.readFileSync(path.join(FRAGMENTS, 'en-547-id-only-header.txt'), 'utf8').replace(/\r/g, '').trimEnd().split('\n');
	/** The id-only header with its message cut after `chars` characters, `end` marking the cut. */
	const cut = (chars: number, end: string) => [...lines.slice(0, -1), lines.at(-1)!.slice(0, chars) + end].join('\n');

	it('an id-only header over a message cut with an ellipsis is still that event (the part left follows its template)', () => {
		for (const end of ['...', '…', ' ...']) {
			for (const chars of [120, 100, 75]) {
				const found = events(cut(chars, end));
				assert.deepEqual(
					found.map((r) => [r.fields.provider, r.fields.eventId]),
					[['Microsoft-Windows-Backup', 547]],
					`cut at ${chars} with '${end}'`,
				);
				assert.ok(found[0].fields.message?.endsWith(end.trim()), 'the message keeps the cut as it was pasted');
			}
		}
	});

	it('a cut message is that event only when its id says so and the part left matches as far as it goes', () => {
		// No ellipsis: a message that stops mid-sentence is not known to be cut, and the id alone says nothing.
		assert.deepEqual(events(cut(100, '')), []);
		// Another id: the part left is no message of that id's template.
		assert.deepEqual(events(cut(100, '...').replace('Event ID: 547', 'Event ID: 4242')), []);
		// Cut before the template shows anything past its start (the quoted start time): not enough to tell.
		assert.deepEqual(events(cut(30, '...')), []);
		// Cut, then something else than the template's next step within its reach: not that event.
		assert.deepEqual(events(cut(100, ` ${'and then some other words about the weather '.repeat(8)}...`)), []);
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

describe("Event Viewer's Friendly View copied as text (the Details tab's tree)", () => {
	/** A fragment read as a paste is read (paste damage undone, sections cut): its formats and records. */
	const pasted = (name: string) => readPaste(fs.readFileSync(path.join(FRAGMENTS, name), 'utf8'));
	const events = (text: string) => readPaste(text).facts.flatMap((f) => (f.records ?? []) as RecordOf<'windows-event'>[]);
	const FRIENDLY_KEYS = ['provider', 'eventId', 'level', 'hresult', 'operation', 'executionContext', 'writerName', 'processId'] as const;
	const friendlyKeyed = (records: RecordOf<'windows-event'>[]) => records.map((r) => ({ time: r.time, ...Object.fromEntries(FRIENDLY_KEYS.map((k) => [k, r.fields[k]])) }));
	const cases: [string, Record<string, FieldValue>[]][] = [
		[
			'en-friendly-12289-double-spaced.txt',
			[{ time: '2021-03-04T10:11:12.123Z', provider: 'VSS', eventId: 12289, level: 2, hresult: '0x80070005', operation: 'Processing EndPrepareSnapshots', executionContext: 'System Provider', writerName: null, processId: null }],
		],
		['en-friendly-8229-blog-hard-breaks.txt', [{ time: '2019-09-17T02:00:41.000Z', provider: 'VSS', eventId: 8229, level: 3, hresult: '0x800423F4', operation: 'PostSnapshot Event', executionContext: 'Writer', writerName: 'NTDS', processId: 680 }]],
		[
			'en-friendly-8193-13-run-together.txt',
			[
				{ time: '2014-02-11T23:05:40.121Z', provider: 'VSS', eventId: 8193, level: 2, hresult: '0x80040154', operation: null, executionContext: null, writerName: null, processId: null },
				{ time: '2014-02-11T23:05:40.105Z', provider: 'VSS', eventId: 13, level: 2, hresult: '0x80040154', operation: null, executionContext: null, writerName: null, processId: null },
			],
		],
		[
			'ja-friendly-12289-tabs-nbsp-dump.txt',
			[{ time: '2023-06-12T14:30:08.412Z', provider: 'VSS', eventId: 12289, level: 2, hresult: '0x80070005', operation: 'PostSnapshot イベントを処理しています', executionContext: 'Coordinator', writerName: null, processId: null }],
		],
		[
			'fr-friendly-8193-classe-non-enregistree.txt',
			[{ time: '2024-11-14T22:01:07.318Z', provider: 'VSS', eventId: 8193, level: 2, hresult: '0x80040154', operation: 'Instanciation du serveur VSS', executionContext: 'Coordinator', writerName: null, processId: null }],
		],
		['de-friendly-8229-top-cut-quoted.txt', [{ time: '2020-11-23T21:04:17.554Z', provider: 'VSS', eventId: 8229, level: 3, hresult: '0x800423F4', operation: 'PostSnapshot-Ereignis', executionContext: 'Writer', writerName: 'NTDS', processId: 672 }]],
	];
	for (const [file, want] of cases) {
		it(file, () => {
			const r = pasted(file);
			assert.deepEqual(r.formats, ['windows-events-friendly']);
			assert.deepEqual(friendlyKeyed(r.facts.flatMap((f) => (f.records ?? []) as RecordOf<'windows-event'>[])), want);
		});
	}

	it("gives the records the event's XML gives: every field, the Data values as the XML holds them", () => {
		const xml = FORMATS.find((f) => f.id === 'windows-events-xml')!;
		const friendly = FORMATS.find((f) => f.id === 'windows-events-friendly')!;
		const fromXml = recordsOf(readLines(xml, 'x', xml.variants.find((v) => v.name === 'save-as-xml-events-root')!.samples[0].split('\n')));
		const sample = friendly.variants.flatMap((v) => v.samples).find((s) => /EventID 8229/.test(s))!;
		const fromFriendly = recordsOf(readLines(friendly, 'x', sample.split('\n')));
		const data = (r: LogRecord) => (JSON.parse(String(fieldsOf(r).data)) as string[]).map((s) => s.trimEnd());
		const rest = (r: LogRecord) => ({ time: r.time, ...fieldsOf(r), data: null });
		assert.equal(fromFriendly.length, 1);
		assert.deepEqual(rest(fromFriendly[0]), rest(fromXml[0]));
		assert.deepEqual(data(fromFriendly[0]), data(fromXml[0]));
	});

	it('VSS 12289 with 0x80070005 pasted as a Friendly View gives the finding its XML gives', () => {
		const report = analyzeText([{ name: 'ticket.txt', text: fs.readFileSync(path.join(FRAGMENTS, 'en-friendly-12289-double-spaced.txt'), 'utf8') }]);
		const f = report.findings.find((x) => x.id.startsWith('QL317'));
		assert.ok(f, JSON.stringify(report.findings.map((x) => x.title)));
		assert.match(f.title, /DeviceIoControl.*0x80070005/);
		assert.deepEqual(report.inputs[0].problems, []);
	});

	it("a Japanese copy's binary dump under the tree is the event's blob; its localised headings are parsed", () => {
		const r = pasted('ja-friendly-12289-tabs-nbsp-dump.txt');
		assert.equal(r.unparsed, 0);
		const [e] = events(fs.readFileSync(path.join(FRAGMENTS, 'ja-friendly-12289-tabs-nbsp-dump.txt'), 'utf8'));
		assert.match(e.fields.binaryText ?? '', /^- Code: COREVSSC00000565- Call: COREVSSC00000537/);
	});

	it('a manifest event names its data (dropped, as the XML reader drops them); a classic one never does', () => {
		const head = (id: number, qualifiers: boolean) => [
			'- System',
			'  - Provider',
			'   [ Name]  Microsoft-Windows-Backup',
			`  - EventID ${id}`,
			...(qualifiers ? ['   [ Qualifiers]  0'] : []),
			'   Level 2',
			'  - TimeCreated',
			'   [ SystemTime]  2023-11-02T01:04:55.512345600Z',
			'   Channel Application',
			'- EventData',
		];
		const [named] = events([...head(517, false), '  BackupTime 2023-11-02T01:00:02.123Z', '  ErrorCode 0x80780049'].join('\n'));
		assert.deepEqual(insertionStrings(named.fields.data), ['2023-11-02T01:00:02.123Z', '0x80780049']);
		const [classic] = events([...head(517, true), '  Volume C: is full', '  Disk 0x80780049'].join('\n'));
		assert.deepEqual(insertionStrings(classic.fields.data), ['Volume C: is full', 'Disk 0x80780049']);
		// The two other shapes of a name: a `Data` element row, and a `[ Name]` row above the value.
		const [rows] = events([...head(517, false), '  Data 0x80780049', '  [ Name]  ErrorMessage', '  The disk is full.'].join('\n'));
		assert.deepEqual(insertionStrings(rows.fields.data), ['0x80780049', 'The disk is full.']);
	});

	it('events back to back, a blank line between or not, double-spaced or not: each its own record', () => {
		const one = (id: number, t: string) => [
			'- System',
			'  - Provider',
			'   [ Name]  VSS',
			`  - EventID ${id}`,
			'   [ Qualifiers]  0',
			'   Level 2',
			'  - TimeCreated',
			`   [ SystemTime]  ${t}`,
			'- EventData',
			'   CoCreateInstance',
			'   0x80040154, Class not registered',
		];
		const a = one(8193, '2014-02-11T23:05:40.121Z');
		const b = one(22, '2014-02-11T23:05:41.000Z');
		const want = [
			[8193, '2014-02-11T23:05:40.121Z'],
			[22, '2014-02-11T23:05:41.000Z'],
		];
		for (const text of [[...a, ...b].join('\n'), [...a, '', ...b].join('\n'), [...a, ...b].join('\n\n'), [...a, ...b.slice(1)].join('\n')]) {
			assert.deepEqual(
				events(text).map((e) => [e.fields.eventId, e.time]),
				want,
				text,
			);
		}
	});

	it('a copy cut above its provider is no event: a problem says so; prose before a tree is unparsed, prose alone is no tree', () => {
		const friendly = FORMATS.find((f) => f.id === 'windows-events-friendly')!;
		const lines = ['Here is what I see:', '  - EventID 12289', '   [ Qualifiers]  0', '   Level 2', '  - TimeCreated', '   [ SystemTime]  2021-03-04T10:11:12.123456700Z', '   Channel Application', '- EventData', '   0x80070005, Access is denied.'];
		assert.ok(friendly.detect(lines));
		const r = readLines(friendly, 'x', lines);
		assert.deepEqual(recordsOf(r), []);
		// The tree's rows are the tree's (parsed); the sentence above it is not.
		assert.equal(r.unparsedLines, 1);
		assert.match(r.problems.join(' '), /Lines 2–9 .*without its provider/);
		// The tree's bare skeleton alone (a one-row block of a double-spaced copy) holds nothing to complain of.
		assert.deepEqual(readLines(friendly, 'x', ['- System']).problems, []);
		assert.equal(friendly.detect(['We looked at EventID 12289 in the log.', 'Level 2 support said the Channel Application was full.', 'Computer SQL01 rebooted.']), null);
	});

	it('a double-spaced copy between prose and a vssadmin listing is read as the tree, the listing as a listing', () => {
		const tree = fs.readFileSync(path.join(FRAGMENTS, 'en-friendly-12289-double-spaced.txt'), 'utf8');
		const listing = ["Writer name: 'System Writer'", '   Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}', '   Writer Instance Id: {a86d9ae8-d2f3-53df-9ea8-cd88fa7524ad}', '   State: [9] Failed', '   Last error: Timed out'].join('\n');
		const r = readPaste(`Hi, our backup fails every night. Here is the event:\n\n${tree}\nand vssadmin list writers says:\n\n${listing}\n`);
		assert.deepEqual(
			r.formats.filter((f) => f !== 'unknown'),
			['windows-events-friendly', 'vssadmin-list-writers'],
		);
		assert.deepEqual(
			r.facts.flatMap((f) => (f.records ?? []) as RecordOf<'windows-event'>[]).map((e) => [e.fields.eventId, e.fields.hresult, e.fields.operation]),
			[[12289, '0x80070005', 'Processing EndPrepareSnapshots']],
		);
		assert.deepEqual(
			r.facts.flatMap((f) => f.writers ?? []).map((w) => w.name),
			['System Writer'],
		);
	});

	it("UserData's values in order, `Data` rows included (an AD FS event as a Q&A thread shows it)", () => {
		const [e] = events(
			[
				'- System',
				' - Provider',
				'  [ Name]  VSS',
				'  EventID 8229',
				'  Level 3',
				' - TimeCreated',
				'  [ SystemTime]  2016-01-22T23:31:56.873607700Z',
				'- UserData',
				' - Event',
				' - EventData',
				'  Data 0x800423f3, The writer experienced a transient error.',
				'  Data SqlServerWriter',
			].join('\n'),
		);
		assert.deepEqual(insertionStrings(e.fields.data), ['0x800423f3, The writer experienced a transient error.', 'SqlServerWriter']);
		assert.equal(e.fields.hresult, '0x800423F3');
	});
});
