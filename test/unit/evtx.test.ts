// The native .evtx reader on the real logs of test/fixtures/evtx: record counts and damage reports as the
// fixture README states them, values against the goldens two independent readers produced
// (make-golden.sh), and Event XML that the Event XML reader reads back to the same values.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { readEvtxBytes, type EvtxEvent, type EvtxSummary } from '../../src/core/formats/windows/evtx';
import { filetimeIsoMs } from '../../src/core/formats/windows/evtx/values';
import { parseEventXml } from '../../src/core/formats/windows/windowsEvents';
import { fixturesDir } from '../lib/paths';

const DIR = path.join(fixturesDir, 'evtx');

interface Expected {
	live: number;
	/** Records carved from slack/header-less/cut chunks, where the fixture README gives libevtx's figure. */
	recovered?: number;
	unreadable?: number;
	/** One pattern per problem sentence, in order. */
	problems: RegExp[];
}

/** README table: record counts (Rust crate / libevtx / python-evtx agree where each can read the file). */
const EXPECTED: Record<string, Expected> = {
	'log2timeline_plaso__System.evtx': { live: 5009, problems: [] },
	'log2timeline_plaso__System2.evtx': { live: 194, recovered: 89, problems: [/^The file ends 64832 bytes into chunk 2 \(truncated\): 89 whole records in it were recovered\.$/] },
	'mdecrevoisier_EVTX-to-MITRE-Attack__ID325-327-IFM created - ESENT.evtx': { live: 4, problems: [] },
	'mdecrevoisier_EVTX-to-MITRE-Attack__ID6-Failed to install an Exchange transport agent.evtx': { live: 4, problems: [] },
	'mdecrevoisier_EVTX-to-MITRE-Attack__ID7045-7036 PSexec service installation.evtx': { live: 4, recovered: 144, problems: [] },
	'omerbenamram_evtx__Application_no_crc32.evtx': { live: 17, problems: [] },
	'omerbenamram_evtx__E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx': { live: 340, problems: [] },
	'omerbenamram_evtx__MSExchange_Management_wec.evtx': { live: 1, problems: [] },
	'omerbenamram_evtx__Microsoft-Windows-HelloForBusiness%4Operational.evtx': {
		live: 6,
		problems: [/^Chunk 0 \(file offset 0x1000\): the record data checksum does not match/, /^Chunk 0 \(file offset 0x1000\), record 6 \(chunk offset 0xf90\): its trailing size copy is 0, not 384; the record was read anyway\.$/],
	},
	'omerbenamram_evtx__sample-with-zero-data-size-event.evtx': {
		live: 335,
		recovered: 147,
		unreadable: 1,
		problems: [
			/^Chunk 0 .*record data checksum does not match/,
			/^Chunk 0 \(file offset 0x1000\), record at chunk offset 0x820 \(after record 2\) has size 0, less than the minimum of 28 bytes; the rest of the chunk was scanned for recoverable records\.$/,
		],
	},
	'omerbenamram_evtx__sample_with_a_bad_chunk_magic.evtx': {
		live: 270,
		recovered: 163,
		problems: [
			/^Chunk 0 .*record data checksum/,
			/^Chunk 0 .*record 46741 .*trailing size copy is 0/,
			/^Chunk 6 \(file offset 0x61000\) has no chunk header but holds record data: 15 records were recovered from it\.$/,
			/^Chunk 7 .*record data checksum/,
			/^Chunk 7 .*record 47640 .*trailing size copy is 0/,
			/^Chunk 9 .*record data checksum/,
			/^Chunk 9 .*record 45933 .*trailing size copy is 0/,
			/^Chunk 10 \(file offset 0xa1000\) has no chunk header but holds record data: \d+ records were recovered from it\.$/,
		],
	},
	'omerbenamram_evtx__system.evtx': { live: 1881, problems: [] },
	'williballenthin_python-evtx__system.evtx': { live: 1601, problems: [] },
};

/** Files neither oracle reads whole (README: CAPI2, WEC, HelloForBusiness); their counts come from EXPECTED. */
const ORACLES_FAIL = new Set(['omerbenamram_evtx__E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx', 'omerbenamram_evtx__MSExchange_Management_wec.evtx', 'omerbenamram_evtx__Microsoft-Windows-HelloForBusiness%4Operational.evtx']);

const cache = new Map<string, { events: EvtxEvent[]; summary: EvtxSummary }>();
function read(file: string): { events: EvtxEvent[]; summary: EvtxSummary } {
	let r = cache.get(file);
	if (!r) cache.set(file, (r = readEvtxBytes(fs.readFileSync(path.join(DIR, file)))));
	return r;
}

interface GoldenRecord {
	recordId: number;
	timeCreated: string;
	provider: string;
	eventId: number;
	qualifiers: number | null;
	level: number;
	channel: string;
	computer: string;
	data: { name: string | null; value: string }[];
	binary?: string;
}
interface Golden {
	evtxexport: { records: number };
	pythonEvtx: { records: number };
	selected: GoldenRecord[];
}

/**
 * Values as compared with the oracles: trimmed, line ends as an XML parser gives them (CRLF → LF), hex
 * numbers by value (libevtx pads `0x00000001`, Windows prints `0x1`), GUIDs in upper case.
 */
const norm = (v: string): string => {
	const t = v.trim().replace(/\r\n/g, '\n');
	return /^0x[0-9a-f]+$/i.test(t) ? `0x${BigInt(t).toString(16)}` : /^\{[0-9a-f-]{36}\}$/i.test(t) ? t.toUpperCase() : t;
};

describe('evtx reader: real logs', function () {
	// About 1 s of CPU in all; the margin is for loaded CI machines.
	this.timeout(20_000);
	it('holds every fixture named in the expectations, and nothing else', () => {
		assert.deepEqual(
			fs
				.readdirSync(DIR)
				.filter((f) => f.endsWith('.evtx'))
				.sort(),
			Object.keys(EXPECTED).sort(),
		);
	});

	for (const [file, exp] of Object.entries(EXPECTED)) {
		it(`${file}: ${exp.live} live records, the damage told`, () => {
			const { events, summary } = read(file);
			assert.equal(summary.events, exp.live);
			assert.equal(events.filter((e) => !e.recovered).length, exp.live);
			if (exp.recovered !== undefined) assert.equal(summary.recovered, exp.recovered);
			assert.equal(summary.unreadable, exp.unreadable ?? 0);
			assert.equal(summary.problems.length, exp.problems.length, summary.problems.join('\n'));
			exp.problems.forEach((re, i) => assert.match(summary.problems[i], re));
		});

		const goldenPath = path.join(DIR, 'golden', file.replace(/\.evtx$/, '.json'));
		it(`${file}: agrees with the oracles' counts and selected records`, () => {
			const golden = JSON.parse(fs.readFileSync(goldenPath, 'utf8')) as Golden;
			const { events } = read(file);
			if (!ORACLES_FAIL.has(file)) assert.equal(exp.live, Math.max(golden.evtxexport.records, golden.pythonEvtx.records));
			const byId = new Map(events.filter((e) => !e.recovered).map((e) => [e.recordId, e]));
			// A record with an empty System (no provider: HelloForBusiness) is printed differently by every reader.
			for (const g of golden.selected.filter((r) => r.provider)) {
				const e = byId.get(g.recordId);
				assert.ok(e, `record ${g.recordId} is read`);
				const mine = {
					recordId: e.recordId,
					timeCreated: e.timeCreated,
					provider: e.provider,
					eventId: e.eventId,
					qualifiers: e.qualifiers,
					level: e.level,
					channel: e.channel,
					computer: e.computer,
					data: e.data.map((d) => ({ name: d.name, value: norm(d.value) })),
					binary: e.binary ?? undefined,
				};
				assert.deepEqual(mine, { ...g, data: g.data.map((d) => ({ name: d.name, value: norm(d.value) })), binary: g.binary });
			}
		});
	}

	it('reads the forwarded (WEC) record without templates as its snapshot shows it', () => {
		const [e] = read('omerbenamram_evtx__MSExchange_Management_wec.evtx').events;
		assert.equal(e.provider, 'MSExchange CmdletLogs');
		assert.equal(e.eventId, 1);
		assert.equal(e.qualifiers, 16384);
		assert.equal(e.channel, 'MSExchange Management');
		assert.equal(e.computer, 'WEC.ave.local');
		assert.equal(e.data.length, 27);
		assert.ok(
			e.data.some((d) => d.value === ''),
			'empty <Data> items are kept',
		);
	});

	it('splices BinXML values (CAPI2 UserData) and resolves entity references', () => {
		const { events } = read('omerbenamram_evtx__E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx');
		assert.ok(events.every((e) => e.provider === 'Microsoft-Windows-CAPI2' && e.channel === 'Microsoft-Windows-CAPI2/Operational'));
		assert.ok(
			events.filter((e) => !e.recovered).every((e) => e.data.length > 0),
			'every record has UserData values',
		);
		assert.ok(
			events.some((e) => e.data.some((d) => d.value.includes('"'))),
			'an &quot; becomes a quote',
		);
	});

	it('reads classic volsnap 36 with Qualifiers, string-array <Data> and <Binary>', () => {
		const e = read('williballenthin_python-evtx__system.evtx').events.find((x) => x.provider === 'volsnap' && x.eventId === 36);
		assert.ok(e);
		assert.equal(e.qualifiers, 49158);
		assert.equal(e.level, 2);
		assert.deepEqual(e.data.map((d) => d.value).slice(0, 2), ['\\Device\\HarddiskVolumeShadowCopy2', 'C:']);
		assert.ok(e.binary && /^[0-9A-F]+$/.test(e.binary));
	});

	// Every file when QL_FUZZ_RUNS asks for long runs; by default one per shape the fast lanes tell apart:
	// classic and manifest System events, UserData with nested BinXML, a template-less WEC record, and
	// records carved from damaged chunks (about 0.3 s instead of 2 s).
	const FAST_VS_WALK = process.env.QL_FUZZ_RUNS
		? Object.keys(EXPECTED)
		: [
				'williballenthin_python-evtx__system.evtx',
				'omerbenamram_evtx__E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx',
				'omerbenamram_evtx__MSExchange_Management_wec.evtx',
				'omerbenamram_evtx__sample_with_a_bad_chunk_magic.evtx',
				'omerbenamram_evtx__Application_no_crc32.evtx',
			];
	it(`the fast lanes give the same events as the generic walk (taken when XML is asked for; ${FAST_VS_WALK.length} files)`, () => {
		for (const file of FAST_VS_WALK) {
			const fast = read(file).events;
			const generic = readEvtxBytes(fs.readFileSync(path.join(DIR, file)), { xml: true }).events.map(({ xml: _xml, ...e }) => e);
			assert.deepEqual(fast, generic, file);
		}
	});

	it('wantData: a refused event keeps its System fields and no data; the others are read whole', () => {
		for (const file of ['williballenthin_python-evtx__system.evtx', 'omerbenamram_evtx__system.evtx']) {
			const all = read(file).events;
			const asked: number[] = [];
			const { events } = readEvtxBytes(fs.readFileSync(path.join(DIR, file)), { wantData: (e) => (asked.push(e.recordId), e.level !== 4) });
			assert.equal(events.length, all.length, file);
			assert.ok(asked.length > 0.9 * all.length, `${file}: asked for ${asked.length} of ${all.length}`);
			let refused = 0;
			events.forEach((e, i) => {
				const whole = all[i];
				if (e.level !== 4) assert.deepEqual(e, whole, `${file} record ${e.recordId}`);
				else {
					if (whole.data.length > 0) refused++;
					assert.deepEqual({ ...e, data: whole.data, binary: whole.binary, message: whole.message, levelText: whole.levelText }, whole, `${file} record ${e.recordId}`);
					assert.ok(e.data.length === 0 || !asked.includes(e.recordId), `${file} record ${e.recordId} kept data it was refused`);
				}
			});
			assert.ok(refused > 100, `${file}: ${refused} events had their data left out`);
		}
	});

	it('prints FILETIMEs as Date does, across days, seconds and the range ends', () => {
		const b = Buffer.alloc(8);
		const FILETIME_EPOCH_MS = 11_644_473_600_000;
		// Ordered runs (as records come) and jumps, so that the kept second and day are both hit and missed.
		const instants = [0, 1, 999, 1000, 86_399_999, 86_400_000, -FILETIME_EPOCH_MS, 253_402_300_799_999, 1_709_485_198_904, 1_709_485_198_905, 1_709_485_199_000];
		for (let i = 0, x = 0x9e3779b9; i < 2000; i++) {
			x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
			instants.push(i % 4 === 0 ? (x / 2 ** 32) * 253_402_300_799_999 - FILETIME_EPOCH_MS * (x & 1) : instants[instants.length - 1] + (x % 5000));
		}
		for (const ms of instants.map(Math.floor)) {
			const ticks = BigInt(ms + FILETIME_EPOCH_MS) * 10_000n + 1234n;
			b.writeBigUInt64LE(ticks);
			assert.equal(filetimeIsoMs(b, 0), new Date(ms).toISOString(), String(ms));
		}
	});

	it('renders Event XML that the Event XML reader reads back to the same values', () => {
		for (const file of ['williballenthin_python-evtx__system.evtx', 'mdecrevoisier_EVTX-to-MITRE-Attack__ID7045-7036 PSexec service installation.evtx', 'omerbenamram_evtx__E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx']) {
			// The first 60 events are in the first two chunks (~180 records each): the rest is not read (~0.5 s).
			const { events } = readEvtxBytes(fs.readFileSync(path.join(DIR, file)).subarray(0, 4096 + 2 * 65_536), { xml: true, recovered: false });
			for (const e of events.slice(0, 60)) {
				const x = parseEventXml(e.xml ?? '');
				assert.ok(!('error' in x), `${file} record ${e.recordId}: ${'error' in x ? x.error : ''}`);
				assert.deepEqual(
					{ provider: x.provider, eventId: x.eventId, qualifiers: x.qualifiers, level: x.level, channel: x.channel, computer: x.computer, recordId: x.recordId, time: x.time, data: x.data },
					{ provider: e.provider, eventId: e.eventId, qualifiers: e.qualifiers, level: e.level, channel: e.channel, computer: e.computer, recordId: e.recordId, time: e.timeCreated, data: e.data.map((d) => d.value) },
				);
			}
		}
	});
});
