// .evtx through the whole analysis: told by its signature whatever its name, on disk, in a zip or a .gz;
// its records counted and its damage told in inputs[]; and an event read from .evtx is the record the
// Event XML reader makes of the same event's XML export, so both give the same findings.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { zipSync } from 'fflate';
import { analyze, analyzeParallel, analyzeText, buildTimeline, ReadCache, type Report } from '../../src/core';
import { bytesSource, readEvtxBytes } from '../../src/core/formats/windows/evtx';
import { readEvtxEvents } from '../../src/core/formats/windows/windowsEventsEvtx';
import { windowsEventsXml } from '../../src/core/formats/windows/windowsEventsXml';
import { readLines } from '../../src/core/formats/lib/format';
import type { InputFile } from '../../src/core/model/report';
import { APPLICATION, buildEvtx, exportXml, FORWARDED, SYSTEM, type WriterEvent } from '../lib/evtxWriter';
import { fixturesDir } from '../lib/paths';

const DIR = path.join(fixturesDir, 'evtx');
const REAL = fs
	.readdirSync(DIR)
	.filter((f) => f.endsWith('.evtx'))
	.sort();
const CHUNK = 65_536,
	HEADER = 4096;

const made: string[] = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A fresh folder holding the given files (removed after the tests). */
function folder(files: Record<string, Buffer | string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-evtx-'));
	made.push(dir);
	for (const [name, data] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		fs.writeFileSync(path.join(dir, name), data);
	}
	return dir;
}

const only = (r: Report, p: string): InputFile => {
	const found = r.inputs.filter((i) => i.path === p);
	assert.equal(found.length, 1, `${p} in ${r.inputs.map((i) => i.path).join(', ')}`);
	return found[0];
};

/** What a finding says, without where its evidence is (paths, positions and texts differ between the files by design). */
const said = (r: Report) => r.findings.map((f) => ({ ...f, id: undefined, evidence: f.evidence.length }));

/** Information events of a provider no rule reads: they fill chunks and are counted, not kept. */
const filler = (n: number, from: string): WriterEvent[] =>
	Array.from({ length: n }, (_, i) => ({
		provider: 'Microsoft-Windows-Security-SPP',
		eventId: 16384,
		qualifiers: 16384,
		level: 4,
		channel: 'Application',
		computer: 'EXCH-MBX-02.corp.example',
		time: new Date(Date.parse(from) + i * 1000).toISOString(),
		strings: [`2124-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, 'RulesEngine'],
	}));

describe('evtx through the analysis: real logs', () => {
	for (const file of REAL) {
		it(`${file}: inputs[] gives its records, recovered records and damage as the reader found them`, () => {
			const bytes = fs.readFileSync(path.join(DIR, file));
			const { summary } = readEvtxBytes(bytes);
			const input = only(analyze([path.join(DIR, file)]), file);
			assert.equal(input.format, 'windows-events-evtx');
			assert.equal(input.encoding, 'binary');
			assert.deepEqual([input.records, input.recoveredRecords, input.unreadableRecords], [summary.events, summary.recovered, summary.unreadable]);
			assert.deepEqual(input.problems.slice(0, summary.problems.length), summary.problems);
			// Beyond the reader's damage only the records that name no provider or id are told.
			for (const p of input.problems.slice(summary.problems.length)) assert.match(p, /^\d+ event record\(s\) name no provider or no event id/);
			assert.deepEqual(input.clock, summary.events > 0 ? { utcOffsetMinutes: 0, basis: 'stamped', confidence: 'exact', anchors: 0, spreadMs: null } : null);
			assert.match(input.formatReason, new RegExp(`^Windows event log \\(\\.evtx\\), format 3\\.[12].*: ${summary.chunks} chunk\\(s\\) in ${summary.chunkSlots} slot\\(s\\); ${summary.events} event record\\(s\\), \\d+ kept`));
		});
	}

	it('the figures of the fixture README: 5009 records; a truncated log with 89 recovered; a size-0 record', () => {
		const names = ['log2timeline_plaso__System.evtx', 'log2timeline_plaso__System2.evtx', 'omerbenamram_evtx__sample-with-zero-data-size-event.evtx'];
		const r = analyze(names.map((n) => path.join(DIR, n)));
		assert.equal(only(r, 'log2timeline_plaso__System.evtx').records, 5009);
		const cut = only(r, 'log2timeline_plaso__System2.evtx');
		assert.deepEqual([cut.records, cut.recoveredRecords], [194, 89]);
		assert.deepEqual(cut.problems, ['The file ends 64832 bytes into chunk 2 (truncated): 89 whole records in it were recovered.']);
		const zero = only(r, 'omerbenamram_evtx__sample-with-zero-data-size-event.evtx');
		assert.deepEqual([zero.records, zero.unreadableRecords], [335, 1]);
		assert.ok(
			zero.problems.some((p) => /record at chunk offset 0x820 \(after record 2\) has size 0/.test(p)),
			zero.problems.join('\n'),
		);
	});

	it('volsnap 36 in a real System log is a finding, its evidence the record and its insertion strings', () => {
		const r = analyze([path.join(DIR, 'williballenthin_python-evtx__system.evtx')]);
		const f = r.findings.find((x) => x.code === 'QL404');
		assert.ok(f, r.findings.map((x) => x.code).join());
		assert.deepEqual(
			f.evidence.map((e) => e.text),
			['volsnap 36, record 12919: \\Device\\HarddiskVolumeShadowCopy2 | C:'],
		);
		// The position among the file's records: not a line (an .evtx has none), and unique in the file.
		assert.equal(
			f.evidence[0].line,
			readEvtxBytes(fs.readFileSync(path.join(DIR, 'williballenthin_python-evtx__system.evtx')))
				.events.filter((e) => !e.recovered)
				.findIndex((e) => e.recordId === 12919) + 1,
		);
	});

	it('records read from .evtx are the records the Event XML reader makes of the same events as XML', () => {
		for (const file of [
			'williballenthin_python-evtx__system.evtx',
			'omerbenamram_evtx__system.evtx',
			'omerbenamram_evtx__E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx',
			'omerbenamram_evtx__sample-with-zero-data-size-event.evtx',
		]) {
			// The first four chunks (~700 records) are enough; the rest only costs time.
			const bytes = fs.readFileSync(path.join(DIR, file)).subarray(0, HEADER + 4 * CHUNK);
			const fromEvtx = readEvtxEvents(bytesSource(bytes), file).facts.records ?? [];
			const xml = readEvtxBytes(bytes, { xml: true, recovered: false })
				.events.map((e) => e.xml ?? '')
				.join('\n')
				.split('\n');
			const fromXml = readLines(windowsEventsXml, file, xml).facts.records ?? [];
			assert.ok(fromEvtx.length > 0, file);
			const as = (rs: typeof fromEvtx) => rs.map((r) => ({ time: r.time, local: r.local, kind: r.kind, fields: r.fields }));
			assert.deepEqual(as(fromEvtx), as(fromXml), file);
		}
	});
});

describe('evtx through the analysis: generated logs and their XML exports', () => {
	for (const [name, events] of [
		['Application', APPLICATION],
		['System', SYSTEM],
		['ForwardedEvents', FORWARDED],
	] as const) {
		it(`${name}.evtx gives the findings its XML export gives`, () => {
			const evtx = analyze([folder({ [`${name}.evtx`]: buildEvtx(events) })]);
			const xml = analyze([folder({ [`${name}.xml`]: exportXml(events) })]);
			assert.equal(only(xml, `${name}.xml`).format, 'windows-events-xml');
			assert.equal(only(evtx, `${name}.evtx`).records, events.length);
			assert.ok(evtx.findings.length > 0);
			assert.deepEqual(said(evtx), said(xml));
			// The same attempts; only where their lines point differs (a record's place in the .evtx, its XML line).
			const placeless = (r: typeof evtx) => r.attempts.map((a) => ({ ...a, events: a.events.map(({ source: _s, line: _l, text: _t, ...rest }) => rest) }));
			assert.ok(xml.attempts.length > 0);
			assert.deepEqual(placeless(evtx), placeless(xml));
			assert.deepEqual(evtx.writers, xml.writers);
		});
	}

	it('insertion strings with Windows line ends (CRLF) are the records an XML export of them gives', () => {
		const crlf = APPLICATION.map((e) => ({ ...e, strings: e.strings?.map((x) => x.replace(/\n/g, '\r\n')) }));
		const fromEvtx = readEvtxEvents(bytesSource(buildEvtx(crlf)), 'a').facts.records ?? [];
		const fromXml = readLines(windowsEventsXml, 'a', exportXml(crlf).split(/\r?\n/)).facts.records ?? [];
		assert.equal(fromEvtx.length, APPLICATION.length);
		assert.ok(
			fromEvtx.some((r) => (r.fields as { data: string }).data.includes('\\n')),
			'the context block has line breaks',
		);
		assert.deepEqual(
			fromEvtx.map((r) => r.fields),
			fromXml.map((r) => r.fields),
		);
	});

	it('a forwarded event keeps its rendered message and level word, as its XML export does', () => {
		const r = readEvtxEvents(bytesSource(buildEvtx(FORWARDED)), 'ForwardedEvents.evtx').facts.records ?? [];
		assert.equal(r.length, 1);
		const f = r[0].fields as { message: string | null; levelText: string | null };
		assert.deepEqual([f.message, f.levelText], [FORWARDED[0].rendering!.message, 'Fehler']);
		const local = readEvtxEvents(bytesSource(buildEvtx(APPLICATION)), 'Application.evtx').facts.records ?? [];
		assert.ok(
			local.every((x) => (x.fields as { message: string | null }).message === null),
			'a local log stores no message',
		);
	});

	it('the VSS writer timeout in Application.evtx names the writer and its HRESULT', () => {
		const r = analyze([folder({ 'Application.evtx': buildEvtx(APPLICATION) })]);
		const f = r.findings.find((x) => x.hresult === '0x800423F2');
		assert.ok(f, JSON.stringify(said(r)));
		assert.deepEqual(f.writers, ['Microsoft Exchange Writer']);
		assert.match(f.evidence[0].text, /^VSS 8229, record 220431: 0x800423f2, The writer's timeout expired between the Freeze and Thaw events\. \| Operation: PrepareForSnapshot Event Context: Execution Context: Writer/);
	});

	it('a log of information events from other providers gives no finding, and its events are counted', () => {
		const r = analyze([folder({ 'Application.evtx': buildEvtx(filler(50, '2024-03-03T10:00:00Z')) })]);
		assert.deepEqual(r.findings, []);
		const input = only(r, 'Application.evtx');
		assert.equal(input.records, 50);
		assert.match(input.formatReason, /50 event record\(s\), 0 kept/);
	});
});

/** The events of an Event XML export as the test writer's events (the fields this reader's bundles carry). */
function eventsOfXml(xml: string): WriterEvent[] {
	const unescape = (t: string) =>
		t
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&apos;/g, "'")
			.replace(/&quot;/g, '"')
			.replace(/&amp;/g, '&');
	const one = (e: string, re: RegExp) => re.exec(e)?.[1];
	return [...xml.matchAll(/<Event[\s>][\s\S]*?<\/Event>/g)].map(([e]) => {
		const qualifiers = one(e, /<EventID Qualifiers='(\d+)'/);
		const binary = one(e, /<Binary>([0-9A-F]*)<\/Binary>/);
		return {
			provider: one(e, /<Provider Name='([^']*)'/)!,
			eventId: Number(one(e, /<EventID[^>]*>(\d+)</)),
			qualifiers: qualifiers === undefined ? undefined : Number(qualifiers),
			level: Number(one(e, /<Level>(\d+)</)),
			time: one(e, /SystemTime='([^']*)'/)!,
			recordId: Number(one(e, /<EventRecordID>(\d+)</)),
			channel: one(e, /<Channel>([^<]*)</)!,
			computer: one(e, /<Computer>([^<]*)</)!,
			strings: [...e.matchAll(/<Data>([^<]*)<\/Data>|<Data\/>/g)].map((m) => unescape(m[1] ?? '')),
			binary: binary ? Buffer.from(binary, 'hex') : undefined,
		};
	});
}

describe('evtx through the analysis: a bundle with its event log as .evtx', () => {
	it('gives the attempts, timeline and findings its XML export gives', () => {
		const bundle = path.join(fixturesDir, 'bundles', 'case-12-2008r2-eventcls-class-not-registered-8193');
		const dir = folder({});
		fs.cpSync(bundle, dir, { recursive: true });
		const xmlFile = path.join(dir, 'guest', 'events-application.xml');
		const events = eventsOfXml(fs.readFileSync(xmlFile, 'utf8'));
		assert.equal(events.length, 2);
		fs.rmSync(xmlFile);
		fs.writeFileSync(path.join(dir, 'guest', 'Application.evtx'), buildEvtx(events));
		const fromXml = analyze([bundle]),
			fromEvtx = analyze([dir]);
		assert.equal(only(fromEvtx, 'guest/Application.evtx').records, 2);
		assert.equal(fromEvtx.attempts.length, 1);
		// Where each event came from differs (another file, no lines); what it says and when does not.
		const events_ = (r: Report) => r.attempts.map((a) => ({ ...a, events: a.events.map((e) => ({ time: e.time, kind: e.kind, guest: e.source.startsWith('guest/') })) }));
		assert.deepEqual(events_(fromEvtx), events_(fromXml));
		assert.deepEqual(said(fromEvtx), said(fromXml));
		const lanes = buildTimeline(fromEvtx, fromEvtx.attempts[0]).lanes.map((l) => l.format);
		assert.deepEqual(lanes, ['vmware-log', 'windows-events-evtx'], 'the .evtx is a guest lane, after the VMX');
	});
});

/**
 * The events as `Get-WinEvent | Export-Csv` prints them on a host whose clock is `offsetHours` east of UTC
 * (en-US local dates, no zone): a local-time copy of the same log.
 */
function exportCsv(events: readonly WriterEvent[], offsetHours: number): string {
	const two = (n: number) => String(n).padStart(2, '0');
	let nextId = 1;
	const rows = events.map((e) => {
		const id = e.recordId ?? nextId;
		nextId = id + 1;
		const t = new Date(Date.parse(e.time) + offsetHours * 3_600_000);
		const h = t.getUTCHours();
		const local = `${t.getUTCMonth() + 1}/${t.getUTCDate()}/${t.getUTCFullYear()} ${h % 12 || 12}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
		return `"${(e.strings ?? []).join(' ').replace(/"/g, '""')}","${e.eventId}","0","${e.qualifiers ?? ''}","${e.level}","0","0","36028797018963968","${id}","${e.provider}",,"${e.channel}",,,"${e.computer}",,"${local}"`;
	});
	return `#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n"Message","Id","Version","Qualifiers","Level","Task","Opcode","Keywords","RecordId","ProviderName","ProviderId","LogName","ProcessId","ThreadId","MachineName","UserId","TimeCreated"\r\n${rows.join('\r\n')}\r\n`;
}

describe('evtx through the analysis: clocks', () => {
	it('its UTC events anchor the local clock of a copy of the same log (a CSV export at UTC+09:00)', () => {
		const r = analyze([folder({ 'Application.evtx': buildEvtx(APPLICATION), 'app.csv': exportCsv(APPLICATION, 9) })]);
		assert.deepEqual(only(r, 'Application.evtx').clock, { utcOffsetMinutes: 0, basis: 'stamped', confidence: 'exact', anchors: 0, spreadMs: null });
		const { pairs, ...clock } = only(r, 'app.csv').clock!;
		assert.deepEqual(clock, { utcOffsetMinutes: 540, basis: 'anchor', confidence: 'exact', anchors: 4, spreadMs: 904 });
		assert.deepEqual(
			pairs?.map((p) => [p.kind, p.local.path, p.utc.path]),
			Array.from({ length: 4 }, () => ['same-event', 'app.csv', 'Application.evtx']),
			'every pair is one event record in both files',
		);
	});

	it('without the .evtx, the same CSV has no anchor for its clock', () => {
		const r = analyze([folder({ 'app.csv': exportCsv(APPLICATION, 9) })]);
		assert.notEqual(only(r, 'app.csv').clock?.basis, 'anchor');
	});
});

describe('evtx through the analysis: damage, archives, names', () => {
	const vssFirst = [...APPLICATION, ...filler(400, '2024-03-03T18:00:00Z')];
	const vssLast = [...filler(400, '2024-03-03T10:00:00Z'), ...APPLICATION];
	const findingCodes = (r: Report) => r.findings.map((f) => f.code).sort();
	const expected = findingCodes(analyze([folder({ 'Application.evtx': buildEvtx(APPLICATION) })]));

	it('a foreign or header-less chunk is a problem naming it; the other chunks still give their findings', () => {
		const b = buildEvtx(vssLast);
		const chunks = (b.length - HEADER) / CHUNK;
		assert.ok(chunks >= 3, `${chunks} chunks`);
		const inChunk0 = readEvtxBytes(b).events.filter((e) => e.chunk === 0).length;
		// Its signature overwritten: the records behind the header are recovered (counted), not analysed.
		const headerless = Buffer.from(b);
		headerless.write('garbage!', HEADER, 'latin1');
		let input = only(analyze([folder({ 'Application.evtx': headerless })]), 'Application.evtx');
		assert.deepEqual(input.problems, [`Chunk 0 (file offset 0x1000) has no chunk header but holds record data: ${inChunk0} records were recovered from it.`]);
		assert.deepEqual([input.records, input.recoveredRecords], [vssLast.length - inChunk0, inChunk0]);
		// All of it garbage: skipped.
		const foreign = Buffer.from(b);
		foreign.fill(0x5a, HEADER, HEADER + CHUNK);
		const r = analyze([folder({ 'Application.evtx': foreign })]);
		input = only(r, 'Application.evtx');
		assert.deepEqual(input.problems, ['Chunk 0 (file offset 0x1000) is neither a chunk nor empty (no "ElfChnk" signature); it was skipped.']);
		assert.deepEqual([input.records, input.recoveredRecords], [vssLast.length - inChunk0, 0]);
		assert.deepEqual(findingCodes(r), expected);
	});

	it('a truncated file is a problem; what is whole is read and analysed', () => {
		const b = buildEvtx(vssFirst);
		const cut = b.subarray(0, b.length - 20_000);
		const r = analyze([folder({ 'Application.evtx': cut })]);
		const input = only(r, 'Application.evtx');
		assert.equal(input.problems.length, 1);
		assert.match(input.problems[0], /^The file ends \d+ bytes into chunk \d+ \(truncated\): \d+ whole records in it were recovered\.$/);
		assert.ok(input.recoveredRecords! > 0);
		assert.deepEqual(findingCodes(r), expected);
	});

	it('a file with the EVTX signature and no header is one problem, not a crash', () => {
		const r = analyze([folder({ 'bad.evtx': Buffer.from('ElfFile\0short', 'latin1') })]);
		const input = only(r, 'bad.evtx');
		assert.equal(input.format, 'windows-events-evtx');
		assert.deepEqual(input.problems, ['Not read: the file is 13 bytes long, shorter than an EVTX file header (128 bytes).']);
		assert.equal(input.records, 0);
	});

	it("a collector's zip of .evtx files is read member by member, with the findings of the files themselves", () => {
		const app = buildEvtx(APPLICATION),
			sys = buildEvtx(SYSTEM);
		const direct = analyze([folder({ 'Logs/Application.evtx': app, 'Logs/System.evtx': sys })]);
		const zipped = analyze([folder({ 'collected.zip': Buffer.from(zipSync({ 'Logs/Application.evtx': app, 'Logs/System.evtx': sys })) })]);
		assert.equal(only(zipped, 'collected.zip').format, 'archive');
		for (const name of ['Application', 'System']) {
			const member = only(zipped, `collected.zip!/Logs/${name}.evtx`);
			assert.equal(member.format, 'windows-events-evtx');
			assert.equal(member.records, (name === 'Application' ? APPLICATION : SYSTEM).length);
		}
		assert.deepEqual(said(zipped), said(direct));
	});

	it('a gzip-compressed .evtx is read as its content', () => {
		const r = analyze([folder({ 'Application.evtx.gz': zlib.gzipSync(buildEvtx(APPLICATION)) })]);
		const input = only(r, 'Application.evtx.gz');
		assert.equal(input.format, 'windows-events-evtx');
		assert.match(input.formatReason, /^gzip-compressed; Windows event log/);
		assert.deepEqual(findingCodes(r), expected);
	});

	it('told by its content, never its name: an .evtx named .log is read; a text named .evtx is text', () => {
		const r = analyze([folder({ 'export.log': buildEvtx(APPLICATION), 'notes.evtx': exportXml(APPLICATION) })]);
		assert.equal(only(r, 'export.log').format, 'windows-events-evtx');
		assert.equal(only(r, 'notes.evtx').format, 'windows-events-xml');
		assert.equal(only(r, 'notes.evtx').records, undefined);
	});

	it('an .evtx given in memory (standard input) is read as the file is', () => {
		const bytes = buildEvtx(APPLICATION);
		const piped = analyzeText([{ name: 'stdin', text: bytes }]);
		assert.equal(only(piped, 'stdin').format, 'windows-events-evtx');
		assert.deepEqual(said(piped), said(analyze([folder({ stdin: bytes })])));
	});

	it('a re-analysis reuses an unchanged .evtx from the read cache, with the same report', () => {
		const dir = folder({ 'Application.evtx': buildEvtx(APPLICATION) });
		const cache = new ReadCache();
		const first = analyze([dir], { cache });
		assert.equal(cache.stats.reread, 1);
		const second = analyze([dir], { cache });
		assert.deepEqual(cache.stats, { reread: 0, reused: 1 });
		assert.deepEqual(second, first);
	});

	it('read on several threads, the report is the serial one', async () => {
		const dir = folder({ 'Application.evtx': buildEvtx(vssLast), 'System.evtx': buildEvtx(SYSTEM), 'copy/Application.evtx': buildEvtx(vssFirst) });
		const workerScript = path.resolve(__dirname, '..', '..', 'src', 'workers', 'readWorker.js');
		let threads = 0;
		const parallel = await analyzeParallel([dir], {}, { workerScript, threads: 2, minBytes: 0, onThreads: (n) => (threads = n) });
		assert.equal(threads, 2);
		assert.deepEqual(parallel, analyze([dir]));
	});
});
