// The quick lanes (QuickPass) of the big-log readers must change nothing but speed: a file read with the
// lane gives the very ReadResult that handing every line to line() gives. Properties over generated files
// built from the pieces each lane decides on (stamps of every shape, prefixes, brackets, literals at the
// start of a message and inside it, continuations, blank and stray lines, non-ASCII, U+2028, CRLF), read
// with tiny chunks and lane windows so that chunk and window edges fall everywhere.
import * as assert from 'assert/strict';
import * as fc from 'fast-check';
import { decodeText, memorySource, offerLine, streamLines } from '../../src/core/decode/decode';
import { FORMATS } from '../../src/core/formats';
import { DETECT_LINES, type ReadResult } from '../../src/core/formats/lib/format';
import { generateBundle } from '../bench/generateBundle';
import { FUZZ_RUNS, FUZZ_SEED, fuzzParams } from '../lib/fuzz';
import { FIXTURES } from '../unit/fixtures';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const PATH = 'bundle/quick.log';

/**
 * Reads `bytes` as the analysis does, with the reader's quick lanes (`quick`: the quick lane and its
 * takeLong; `repeat`: the repeat lane too) or without; counts the lines each lane took.
 */
function read(formatId: string, variant: string, bytes: Buffer, quick: boolean, chunkBytes?: number, quickWindow?: number, repeat = quick, runs = quick): { result: ReadResult; taken: number; repeats: number; ran: number } {
	const format = FORMATS.find((f) => f.id === formatId)!;
	const reader = format.reader(PATH, { variant, reason: 'test' });
	let taken = 0;
	let repeats = 0;
	let ran = 0;
	const q = reader.quick;
	const lane = q && {
		literals: q.literals,
		take: (c: string, s: number, e: number, n: number) => q.take(c, s, e, n) && ++taken > 0,
		repeat: repeat && q.repeat ? (c: string, s: number, e: number, n: number) => q.repeat!(c, s, e, n) && ++repeats > 0 : undefined,
		takeLong: q.takeLong ? (head: string, n: number) => q.takeLong!(head, n) && ++taken > 0 : undefined,
		runPattern: runs && q.runPattern ? () => q.runPattern!() : undefined,
		tookRun: (c: string, s: number, e: number, n: number, lines: number) => {
			q.tookRun?.(c, s, e, n, lines);
			taken += lines;
			ran += lines;
		},
	};
	streamLines(memorySource(bytes), (t, n) => reader.line(t, n), { quick: quick && lane ? () => lane : undefined, chunkBytes, quickWindow });
	return { result: reader.end(), taken, repeats, ran };
}

/** Every fixture file under `maxBytes`, and every sample of every format's variants. */
function fixtureTexts(maxBytes: number): { name: string; bytes: Buffer }[] {
	const texts: { name: string; bytes: Buffer }[] = [];
	const walk = (dir: string): void => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (e.isFile() && fs.statSync(p).size < maxBytes) texts.push({ name: p, bytes: fs.readFileSync(p) });
		}
	};
	walk(FIXTURES);
	for (const f of FORMATS) for (const v of f.variants) for (const [i, sample] of v.samples.entries()) texts.push({ name: `${f.id} ${v.name} #${i}`, bytes: Buffer.from(sample) });
	return texts;
}

/** Mostly one of the common pieces (lines the lane takes), else one of the edge pieces (lines it must leave or read alike). */
const mostly = (common: readonly string[], edge: readonly string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...common) }, { weight: 1, arbitrary: fc.constantFrom(...edge) });

const STAMP = mostly(
	['2024-11-15T04:00:02.117Z', '2024-11-15T04:00:03.5Z', '2024-11-15T04:00:03.123456Z'],
	['2024-11-15T04:00:02Z', '2024-11-15T04:00:02.117+02:00', '2024-11-15T04:00:02.1234567Z', '2024-02-30T04:00:02.117Z', '2024-13-01T00:00:00.000Z', '2024-11-15 04:00:02.117Z', '20x4-11-15T04:00:02.117Z'],
);
/** Plain chatter; text that lanes must notice wherever it is; text they must not mistake. */
const MESSAGE_BITS = mostly(
	['RecordOp ASSIGN: guest, 12.', 'Event 52312 : Warning message from esx: ok', 'CMD Read ID', 'ok', ''],
	[
		'The guest OS has reported an error during quiescing.',
		'Timed out while quiescing the virtual machine.',
		'Failed to quiesce the virtual machine (31).',
		'time limit for holding off I/O',
		'VMware Tools is not currently available',
		'Guest not privileged, dropping vmbackup',
		'vim.fault.ApplicationQuiesceFault',
		' ',
		'\t',
		'é',
		'\u00a0',
		'\u3000',
		']',
		'[',
		'Tools',
		'quiesc',
	],
);
const ANY = mostly([''], ['x', ' 1', '-->', '|']).chain((s) => (s === 'x' ? fc.string({ maxLength: 12 }) : fc.constant(s)));

function file(lines: fc.Arbitrary<string>): fc.Arbitrary<{ text: string; crlf: boolean; chunk: number; window: number }> {
	return fileOf(fc.array(lines, { minLength: 5, maxLength: 60 }));
}

/** A file of the lines `lines` gives, LF or CRLF, with the chunk and window sizes to read it with. */
function fileOf(lines: fc.Arbitrary<string[]>): fc.Arbitrary<{ text: string; crlf: boolean; chunk: number; window: number }> {
	// Edges everywhere (lines then cross them and take the slow way), or a few edges (lines stay whole).
	const size = (tiny: number) => fc.oneof(fc.integer({ min: tiny, max: 300 }), fc.integer({ min: 2000, max: 20_000 }));
	return fc.record({ text: lines.map((l) => l.join('\n')), crlf: fc.boolean(), chunk: size(8), window: size(4) }).map((f) => ({ ...f, text: f.crlf ? f.text.replace(/\n/g, '\r\n') : f.text }));
}

/**
 * Runs the property: the lane changes nothing; and over all runs it took lines (the property is not vacuous).
 * A U+2028 or U+2029 now and then turns the lane off for its chunk (the readers' regexes end lines there).
 */
function sameWithLane(formatId: string, variant: string, line: fc.Arbitrary<string>, seed: number): void {
	let taken = 0,
		ran = 0,
		lines = 0;
	const withSeparators = fc.oneof({ weight: 300, arbitrary: line }, { weight: 1, arbitrary: fc.constantFrom('x\u2028y', '\u2029') });
	fc.assert(
		fc.property(file(withSeparators), ({ text, chunk, window }) => {
			// A second ASCII chunk goes through the lane's windows; the first goes through the decoder.
			const bytes = Buffer.from(text, 'utf8');
			const slow = read(formatId, variant, bytes, false, chunk, window);
			const fast = read(formatId, variant, bytes, true, chunk, window);
			taken += fast.taken;
			ran += fast.ran;
			lines += text.split('\n').length;
			assert.deepEqual(fast.result, slow.result);
			// Runs (QuickPass.runPattern) are the lane's too: without them the very result again.
			if (fast.ran > 0) assert.deepEqual(read(formatId, variant, bytes, true, chunk, window, true, false).result, slow.result);
		}),
		{ ...fuzzParams(FUZZ_SEED + seed), numRuns: FUZZ_RUNS },
	);
	assert.ok(taken > lines / 10, `the lane took ${taken} of ${lines} lines: the generated files miss its shapes`);
	const reader = FORMATS.find((f) => f.id === formatId)!.reader(PATH, { variant, reason: 'test' });
	// Runs need LF windows and several plain lines in a row, which these files, dense with edge pieces, have less often.
	if (reader.quick?.runPattern) assert.ok(ran > lines / 50, `runs took ${ran} of ${lines} lines: the generated files miss their shapes`);
}

describe('quick lanes change nothing but speed', function () {
	this.timeout(120_000);

	it('hostd / vpxa / vpxd: headers of every era, brackets, literals, continuations', () => {
		const prefix = mostly(
			['info hostd[9BC1B70] ', 'verbose hostd[2099588] ', 'INFO vpxd 20973 ', 'info vpxa[2100946] ', 'In(166) Hostd[1050738]: ', 'In(166) Hostd[1050738]: info -[1001392061] '],
			[
				'In(166) Hostd[1050738]: --> ',
				'In(166) Hostd[1]:',
				'Section for VMware ESX, pid=1, version=7.0, build=1',
				'Section for 123 ',
				'- last log rotation time, ',
				"[594D7B90 info 'Vimsvc.TaskManager' opID=x] ",
				'info hostd[] ',
				'info  hostd[1] ',
				'é hostd[1] ',
			],
		);
		const bracket = mostly(
			['[Originator@6876 sub=Vimsvc.TaskManager opID=abc user=root] ', '[Originator@6876 sub=Vmsvc.vm:/vmfs/volumes/a/b.vmx opID=o] ', '[opID=abc] ', ''],
			['[Originator@6876 sub=SoapAdapter[0].HTTPService] ', '[Originator@6876 sub=x', '[foo bar] ', '[Originator@6876 sub=x]\t', '[Originator@6876 sub=x]  ', '[Originator@6876 sub=x]', '[Originator@6876 sub=x]\u00a0'],
		);
		const start = mostly(
			[''],
			[
				'Task Created : haTask-7-vim.VirtualMachine.createSnapshot-1',
				'Task Completed : haTask-7-vim.VirtualMachine.createSnapshot-1 Status error',
				'State Transition (VM_STATE_ON -> VM_STATE_CREATE_SNAPSHOT)',
				'Tools running status changed to: guestToolsRunning',
				'[VpxLRO] -- BEGIN task-1 -- vm-7 -- vpxapi.VpxaService.createSnapshot -- x',
				'[VpxLRO] -- ERROR task-1 -- -- vim.VirtualMachine.createSnapshot: vim.fault.ApplicationQuiesceFault:',
			],
		);
		const header = fc.tuple(STAMP, prefix, bracket, start, MESSAGE_BITS, ANY).map(([s, p, b, st, m, a]) => `${s} ${p}${b}${st}${m}${a}`);
		const continuation = fc.tuple(mostly(['--> ', '-->'], ['   --> ', '\t--> ', '-- > ', '\u00a0--> ', '']), MESSAGE_BITS, ANY).map(([c, m, a]) => `${c}${m}${a}`);
		sameWithLane('hostd-log', 'esxi7', fc.oneof({ weight: 4, arbitrary: header }, { weight: 3, arbitrary: continuation }, { weight: 1, arbitrary: ANY }), 1);
	});

	it('vmware.log: both line shapes, blocks, DICT, Guest lines, continuations', () => {
		const prefix = mostly(
			['| vmx| I125: ', '| vcpu-0| I125: ', '| vmx| I125+ ', ' In(05) vmx opID-1 ', ' In(05) vmx - ', ' In(05)+ vmx '],
			['| vmx| I125:', '| vmx| I125+', '| vm x| I125: ', '| vmx| i125: ', '| vmx| W115: ', ' In(05) vmx  ', ' In(05) vmx', ' Wa(03) vcpu-1 - ', ' In(166) Hostd[1]: '],
		);
		const message = mostly(
			['VMMouse: CMD Read ID', 'Guest: toolbox: Version: build-1', 'VigorTransportProcessClientPayload: opID=abc seq=2: Receiving GuestStats.Get request.', ''],
			[
				'Msg_Post: Warning',
				'[msg.snapshot.quiesce.vmerr] The guest OS has reported an error during quiescing.',
				'----------------------------------------',
				'DICT --- CONFIGURATION',
				'DICT --- USER DEFAULTS',
				'DICT         displayName = "SQL-PRD-01"',
				'Guest: [   debug] [vmsvc:vmbackup] *** VmBackupStart',
				'Guest: VSS thing',
				'Guest: QUIESCE',
				'Guest: syncDriver x',
				"SnapshotVMX_TakeSnapshot start: 'x', deviceState=0, lazy=0, quiesced=1",
				'ToolsBackup: changing quiesce state: IDLE -> STARTED',
				'Checkpoint_Unstun: vm stopped for 123 us',
				'VigorTransportProcessClientPayload: opID=abc seq=1: Receiving Snapshot.Take request.',
				'Log for VMware ESX pid=1 version=7 build=1',
				"SnapshotVMXTakeSnapshotComplete: Done with snapshot 'x': 3",
			],
		);
		const line = fc.tuple(STAMP, prefix, message, MESSAGE_BITS, ANY).map(([s, p, m, b, a]) => `${s}${p}${m}${b}${a}`);
		sameWithLane('vmware-log', 'esxi6', fc.oneof({ weight: 6, arbitrary: line }, { weight: 1, arbitrary: ANY }), 2);
	});

	it('Tools logs: heads by level, domain and date, cached lines, continuations', () => {
		const stamp = mostly(
			['2024-11-15T04:00:02.117Z', '2024-02-29T00:00:00.000Z', '2024-12-31T23:59:59.999Z'],
			[
				'2023-02-29T00:00:00.000Z',
				'0099-02-29T00:00:00.000Z',
				'0096-02-29T00:00:00.000Z',
				'2024-04-31T00:00:00.000Z',
				'2024-11-15T24:00:00.000Z',
				'2024-11-15T23:59:60.000Z',
				'2024-11-15T04:00:02.117+02:00',
				'2024-11-15T04:00:02.5Z',
				'Jul 16 21:00:36.153',
				'no time',
			],
		);
		const level = mostly(['   debug', '    info', ' message'], [' warning', '   error', 'critical', ' verbose', 'debug', '  debug ']);
		const domain = mostly(['vmsvc', 'guestinfo', 'timeSync'], ['vmbackup', 'vmvss', 'vmsvc:vmbackup', 'vmsvc:vmvss', 'a b', 'x'.repeat(130), 'vmbackupx', 'é']);
		const message = mostly(
			['RpcIn: received 52 bytes, content:"Set_Option broadcastIP 1"', 'Core dump limit set to -1', ''],
			[
				'*** VmBackupStart',
				'Sending vmbackup event: vmbackup.eventSet req.done 0 ',
				'RpcIn: received 16 bytes, content:"vmbackup.start 1"',
				'Tools Version: 11.3.5 (build-1)',
				"VMTools_ConfigGetBoolean: Returning default value for '[vmbackup] enableVSS'=TRUE",
				'exit code 0',
				'Using quiesceApps = 1',
				'CommitSnapshots 0x80042306',
			],
		);
		const head = fc.tuple(mostly([''], ['cached at ']), stamp, level, domain, mostly(['', '[1234] '], ['[12] x']), message, ANY).map(([c, s, l, d, t, m, a]) => `[${c}${s}] [${l}] [${d}] ${t}${m}${a}`);
		const continuation = fc.tuple(mostly(['', 'plain text '], ['  ', '[not a head ']), fc.oneof(MESSAGE_BITS, fc.constantFrom('*** VmBackupStart', 'vmbackup')), ANY).map(([p, m, a]) => `${p}${m}${a}`);
		sameWithLane('tools-log', 'tools-11.3', fc.oneof({ weight: 5, arbitrary: head }, { weight: 2, arbitrary: continuation }, { weight: 1, arbitrary: ANY }), 3);
	});

	// The lanes hold at most as many lines of a message as line() keeps: a bound on memory that no result shows.
	it('a long message taken line by line reads as line() reads it, on both sides of the continuation limits', () => {
		const cases: [string, string, string, string, string][] = [
			['hostd-log', 'esxi7', '2024-11-15T04:00:02.117Z info hostd[1] [Originator@6876 sub=x] Event 1 : note', '--> key = 1,', '--> vim.fault.ApplicationQuiesceFault'],
			['tools-log', 'tools-11.3', '[2024-11-15T04:00:02.117Z] [   debug] [vmsvc] [1] RpcIn: received', 'more text', '*** VmBackupStart'],
		];
		for (const [formatId, variant, head, more, last] of cases) {
			for (const n of [10, 49, 50, 51, 63, 64, 65, 200]) {
				const text = [head, head, ...Array.from({ length: n }, (_, i) => `${more} ${i}`), last, head].join('\n') + '\n';
				const slow = read(formatId, variant, Buffer.from(text), false, 4096, 4096);
				const fast = read(formatId, variant, Buffer.from(text), true, 4096, 4096);
				assert.ok(fast.taken > n / 2, `${formatId}, ${n}: the lane took ${fast.taken} lines`);
				assert.deepEqual(fast.result, slow.result, `${formatId} with ${n} continuation lines`);
			}
		}
	});

	// Guards the lanes' literal lists against a record kind added later: every real sample file of a format
	// with a lane, and every sample of its variants, reads the same with and without it.
	it('every fixture file and format sample of a format with a lane reads the same with and without it', () => {
		const texts = fixtureTexts(4 * 1024 * 1024);
		let compared = 0;
		for (const { name, bytes } of texts) {
			const head = decodeText(bytes).lines.slice(0, DETECT_LINES);
			const format = FORMATS.find((f) => f.detect(head));
			if (!format || !format.reader(PATH, format.detect(head)!).quick) continue;
			const { variant } = format.detect(head)!;
			for (const [chunk, window] of [
				[4096, 4096],
				[97, 13],
			]) {
				assert.deepEqual(read(format.id, variant, bytes, true, chunk, window).result, read(format.id, variant, bytes, false, chunk, window).result, name);
			}
			compared++;
		}
		assert.ok(compared >= 20, `only ${compared} files had a format with a lane`);
	});

	// A text's head, held for detection, is handed to the chosen reader through its lanes line by line
	// (offerLine; a small file is all head): the same corpus, every line offered as a string of its own.
	it('every fixture file and format sample reads the same when each line is offered to the lanes alone', () => {
		// Fixtures are mostly the lines that matter; a generated bundle's logs are mostly lines the lanes take.
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-offer-'));
		const generated = generateBundle(dir, 3 * 1024 * 1024).files.map((f) => ({ name: f, bytes: fs.readFileSync(f) }));
		fs.rmSync(dir, { recursive: true, force: true });
		let compared = 0;
		let taken = 0;
		for (const { name, bytes } of [...fixtureTexts(4 * 1024 * 1024), ...generated]) {
			const lines = decodeText(bytes).lines;
			const detection = FORMATS.map((f) => ({ f, d: f.detect(lines.slice(0, DETECT_LINES)) })).find((x) => x.d);
			if (!detection) continue;
			const reader = detection.f.reader(PATH, detection.d!);
			const lane = reader.quick;
			if (!lane) continue;
			lines.forEach((l, i) => {
				if (offerLine(lane, l, i + 1)) taken++;
				else reader.line(l, i + 1);
			});
			assert.deepEqual(reader.end(), read(detection.f.id, detection.d!.variant, bytes, false).result, name);
			compared++;
		}
		assert.ok(compared >= 20 && taken >= 1000, `${compared} files had a format with a lane; its lanes took ${taken} lines`);
	});

	// The repeat lanes take a line whose numbers differ from a line they learnt where only prose holds them
	// (RepeatLane): the readers promise that no such number decides a kind or another field. Held to it on
	// every line of every real fixture and sample of a format with a repeat lane: each line is said again with
	// its numbers changed (each alone, then all: to 0, by one, ten times longer), and the file reads the same
	// with and without the lanes.
	it('every fixture line said again with other numbers reads the same with and without the repeat lane', () => {
		const texts = fixtureTexts(1024 * 1024);
		// A line's numbers after its first 30 characters (its stamp stays: the lines stay in time order).
		const NUMBER = /(?<=.{30})\d+/g;
		const changes = [() => '0', (n: string) => String(Number(n) + 1), (n: string) => `${n}7`];
		let files = 0;
		let repeats = 0;
		for (const { name, bytes } of texts) {
			const lines = decodeText(bytes).lines;
			const format = FORMATS.find((f) => f.detect(lines.slice(0, DETECT_LINES)));
			if (!format?.reader(PATH, format.detect(lines.slice(0, DETECT_LINES))!).quick?.repeat) continue;
			const { variant } = format.detect(lines.slice(0, DETECT_LINES))!;
			const said: string[] = [];
			for (const line of lines) {
				said.push(line);
				const count = line.match(NUMBER)?.length ?? 0;
				for (const change of changes) {
					for (let k = 0; k < Math.min(count, 8); k++) {
						let at = 0;
						said.push(line.replace(NUMBER, (n) => (at++ === k ? change(n) : n)));
					}
					if (count > 1) said.push(line.replace(NUMBER, change));
				}
			}
			const text = Buffer.from(said.join('\n') + '\n');
			const fast = read(format.id, variant, text, true);
			assert.deepEqual(fast.result, read(format.id, variant, text, false).result, name);
			repeats += fast.repeats;
			files++;
		}
		// Most fixture records are pinned (task steps, anchors) or carry ids: few lines are the lane's to take.
		assert.ok(files >= 20 && repeats >= 30, `${files} files, ${repeats} lines taken by the repeat lanes`);
	});

	it('a file smaller than one chunk is read by its lane from the window after the reader is chosen', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-quick-'));
		try {
			const bundle = generateBundle(dir, 5 * 1024 * 1024);
			const bytes = fs.readFileSync(bundle.files.find((f) => f.endsWith('vmware.log'))!);
			assert.ok(bytes.length > 4 * 64 * 1024 && bytes.length < 1024 * 1024, `${bytes.length} bytes: several windows, one chunk`);
			// As the analysis does: no lane until detection has seen its lines and chosen the reader.
			const reader = FORMATS.find((f) => f.id === 'vmware-log')!.reader(PATH, { variant: 'esxi6', reason: 'test' });
			let seen = 0;
			let taken = 0;
			const lane = { literals: reader.quick!.literals, take: (c: string, s: number, e: number, n: number) => reader.quick!.take(c, s, e, n) && ++taken > 0 };
			const streamed = streamLines(
				memorySource(bytes),
				(t, n) => {
					seen++;
					reader.line(t, n);
				},
				{ quick: () => (seen >= DETECT_LINES ? lane : null) },
			);
			assert.deepEqual(reader.end(), read('vmware-log', 'esxi6', bytes, false).result);
			// All but the first window's lines, and the few lines with a literal.
			assert.ok(taken > streamed.lines * 0.8, `the lane took ${taken} of ${streamed.lines} lines`);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('a generated bundle of many MiB reads the same with and without the lanes, at real chunk sizes', () => {
		for (const chatter of ['idle', 'records'] as const) {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-quick-'));
			try {
				const bundle = generateBundle(dir, 6 * 1024 * 1024, { chatter });
				for (const [file, formatId, variant] of [
					[bundle.files.find((f) => f.endsWith('hostd.log'))!, 'hostd-log', 'esxi6'],
					[bundle.files.find((f) => f.endsWith('vmware.log'))!, 'vmware-log', 'esxi6'],
					[bundle.files.find((f) => f.endsWith('vmsvc.log'))!, 'tools-log', 'tools-11.3'],
				]) {
					const bytes = fs.readFileSync(file);
					const slow = read(formatId, variant, bytes, false);
					const fast = read(formatId, variant, bytes, true);
					assert.deepEqual(fast.result, slow.result, `${chatter}: ${formatId}`);
					const lines = slow.result.facts.records!.length;
					// Record-dense chatter: most of the lines that make records are the repeat lane's (their numbers differ).
					if (chatter === 'idle') assert.ok(fast.taken > lines, `${formatId}: the lane took ${fast.taken} lines`);
					else if (formatId !== 'vmware-log') assert.ok(fast.repeats > 5 * lines, `${chatter}: ${formatId}: the repeat lane took ${fast.repeats} lines for ${lines} records`);
				}
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		}
	});
});

// The repeat lanes (formats/lib/fold.ts, RepeatLane) must change nothing but speed either: a record-dense
// file read with them gives the very ReadResult, folds (counts, spans, last lines and texts) included, that
// reading it without them gives. Files of a few record lines said again and again, with stamps that move
// on (gaps past FOLD_GAP_MS, spans past FOLD_SPAN_MS, steps back in time, other stamp shapes), thread ids
// that change (hex, decimal, letters only), ids a field is read from that change in a digit (opIDs, Tools
// thread ids), continuation lines after a repeat, pinned records and state-machine lines between, blank
// and stray lines, non-ASCII.
describe('repeat lanes change nothing but speed', function () {
	this.timeout(120_000);

	/** A line's instant: mostly moving on by seconds; now and then by minutes, past the fold's gap, or back. */
	const step = fc.oneof({ weight: 15, arbitrary: fc.constantFrom(0, 1, 400, 2999) }, { weight: 1, arbitrary: fc.constantFrom(7 * 60_000, 11 * 60_000, 61 * 60_000, -5000) });
	/** A stamp of the lane's shape mostly; now and then another one (no lane for it, nor a UTC clock for hostd). */
	const stampOf = (ms: number, shape: number) => {
		const iso = new Date(Date.UTC(2024, 10, 15) + ms).toISOString();
		return shape === 0 ? iso : shape === 1 ? iso.replace(/\.\d+Z$/, '.5Z') : iso.replace('Z', '+02:00');
	};
	const shape = fc.oneof({ weight: 30, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, 2) });

	/** A number said in a message, the same mostly, now and then another one (of another length too). */
	const said = fc.oneof({ weight: 3, arbitrary: fc.constant('7') }, { weight: 2, arbitrary: fc.constantFrom('0', '1', '9', '10', '61', '1892', '007', '4294967295') });

	/**
	 * A file of a few messages (line pieces: `@` marks the stamp's place, `%` the thread id's, `#` a number's)
	 * said again and again, each time with its own stamp, one after another by their steps, its own thread
	 * id and its own numbers.
	 */
	function repeated(messages: fc.Arbitrary<readonly string[]>, thread: fc.Arbitrary<string>): fc.Arbitrary<string[]> {
		const entry = fc.array(fc.tuple(fc.nat(), step, shape, thread, fc.array(said, { minLength: 3, maxLength: 3 })), { minLength: 10, maxLength: 120, size: 'max' });
		return fc.tuple(fc.array(messages, { minLength: 1, maxLength: 6 }), entry).map(([pool, entries]) => {
			let ms = 0;
			const out: string[] = [];
			for (const [k, d, sh, t, numbers] of entries) {
				ms += d;
				let n = 0;
				for (const l of pool[k % pool.length])
					out.push(
						l
							.replace('@', stampOf(ms, sh))
							.replace('%', t)
							.replace(/#/g, () => numbers[n++ % numbers.length]),
					);
			}
			return out;
		});
	}

	function sameWithRepeats(formatId: string, variant: string, messages: fc.Arbitrary<readonly string[]>, thread: fc.Arbitrary<string>, seed: number): void {
		let repeats = 0,
			records = 0;
		fc.assert(
			fc.property(fileOf(repeated(messages, thread)), ({ text, chunk, window }) => {
				const bytes = Buffer.from(text, 'utf8');
				const plain = read(formatId, variant, bytes, true, chunk, window, false);
				const fast = read(formatId, variant, bytes, true, chunk, window, true);
				repeats += fast.repeats;
				records += fast.result.facts.records!.length;
				assert.deepEqual(fast.result, plain.result);
				assert.deepEqual(fast.result, read(formatId, variant, bytes, false, chunk, window).result);
			}),
			{ ...fuzzParams(FUZZ_SEED + seed), numRuns: FUZZ_RUNS },
		);
		assert.ok(repeats > records / 2, `the repeat lane took ${repeats} lines for ${records} records: the generated files miss its shapes`);
	}

	it('hostd / vpxa: repeats by thread and stamp, other ids, continuations, pinned records, eras', () => {
		const thread = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('2099A95B', '9BC1B70', '2100946', '1') }, { weight: 1, arbitrary: fc.constantFrom('ABCDEF', 'abc', '20995880000', '2099A95', '') });
		const vm = fc.constantFrom('SQL-01', 'SQL-02', 'SQL-03', 'SQL-04', 'SQL-05', 'SQL-1');
		const opId = fc.constantFrom('abc-01', 'abc-02', 'abd-01', 'ABC-01');
		const n = fc.constantFrom('0', '1', '2', '12');
		const originator = (level: string, bracket: string) => `@ ${level} hostd[%] [Originator@6876 ${bracket}] `;
		const header = fc.oneof(
			{ weight: 4, arbitrary: fc.constant([`${originator('warning', 'sub=Default')}AdapterServer caught exception: vmodl.fault.ManagedObjectNotFound`]) },
			{ weight: 4, arbitrary: vm.map((v) => [`${originator('info', `sub=Vmsvc.vm:/vmfs/volumes/ds/${v}/${v}.vmx`)}Tools running status changed to: running`]) },
			{ weight: 3, arbitrary: opId.map((o) => [`${originator('warning', `sub=Vimsvc.ha-eventmgr opID=${o} user=vpxuser`)}Permission check failed: vim.fault.NoPermission`]) },
			{ weight: 3, arbitrary: n.map((k) => [`${originator('warning', 'sub=Libs')}SSLVerifyCertAgainstSystemStore: The remote host certificate has these problems: ${k}`]) },
			{ weight: 2, arbitrary: n.map((k) => [`${originator('info', 'sub=Vimsvc.ha-eventmgr')}Event ${k} : 警告: ストレージ vim.fault.NotFound (Fehler ${k})`]) },
			{ weight: 2, arbitrary: fc.constant([`@ In(166) Hostd[%]: [Originator@6876 sub=Default] AdapterServer caught exception: vmodl.fault.ManagedObjectNotFound`]) },
			{ weight: 1, arbitrary: fc.constant([`@ [% warning 'Default' opID=abc-01] AdapterServer caught exception: vim.fault.NotFound`]) },
			{ weight: 1, arbitrary: n.map((k) => [`${originator('warning', 'sub=Solo.Vmomi')}Result:`, '--> (vim.fault.InvalidState) {', `-->    msg = "state (${k})."`, '--> }']) },
			{ weight: 1, arbitrary: n.map((k) => [`${originator('warning', 'sub=Default')}AdapterServer caught exception: vmodl.fault.ManagedObjectNotFound`, `--> detail ${k}`]) },
			{ weight: 1, arbitrary: n.map((k) => [`${originator('info', 'sub=Vimsvc.TaskManager opID=abc-01')}Task Created : haTask-7-vim.VirtualMachine.createSnapshot-${k}`]) },
			{ weight: 1, arbitrary: fc.constant([`${originator('info', 'sub=Vimsvc.ha-eventmgr')}Event 1 : The guest OS has reported an error during quiescing.`, '--> The error code was: 5']) },
			{ weight: 1, arbitrary: fc.constant([`${originator('verbose', 'sub=PropertyProvider')}RecordOp ASSIGN: summary.quickStats, 12. Sent notification immediately.`]) },
			// Numbers that change from one repeat to the next: in prose only, or read by a field too.
			{ weight: 3, arbitrary: fc.constantFrom('ds-ssd-0#', 'ds-ssd-01').map((d) => [`${originator('warning', 'sub=Hostsvc.DatastoreSystem')}Failed to refresh datastore ${d}: vim.fault.NotFound (# ms)`]) },
			{ weight: 1, arbitrary: fc.constant([`${originator('info', 'sub=Vimsvc.ha-eventmgr')}Event # : Warning message from esx-0#: vim.fault.NotFound after # tries`]) },
			{ weight: 1, arbitrary: fc.constant([`${originator('warning', 'sub=Vmsvc.vm:/vmfs/volumes/ds/SQL-#/SQL-#.vmx')}Failed to quiesce: vim.fault.ApplicationQuiesceFault (error 0x8004230#, # s)`]) },
			{ weight: 1, arbitrary: fc.constant([`${originator('warning', 'sub=Default opID=op-#')}AdapterServer caught exception: vim.fault.NotFound #x #a #.5 -#`]) },
			{ weight: 1, arbitrary: fc.constant([`${originator('warning', 'sub=Solo.Vmomi')}Result:`, '--> (vim.fault.InvalidState) {', `-->    msg = "state (#)."`, '--> }']) },
			{ weight: 1, arbitrary: fc.constantFrom('', 'stray line', '--> late continuation', '   ', '@ Section for VMware ESX, pid=1, version=7.0, build=1').map((l) => [l]) },
		);
		sameWithRepeats('hostd-log', 'esxi7', header, thread, 4);
	});

	it('Tools logs: repeats by stamp, thread ids, runs, state-machine lines, continuations', () => {
		const thread = mostly(['[1234] ', ''], ['[1235] ', '[12] ']);
		const head = (level: string, domain: string) => thread.map((t) => `[@] [${level}] [${domain}] ${t}`);
		const n = fc.constantFrom('0', '1', '61');
		const message = fc.oneof(
			{
				weight: 4,
				arbitrary: fc.tuple(head(' message', 'vmsvc'), fc.constantFrom("'[vmbackup] enableVSS'=TRUE", "'[logging] log'=TRUE", "'[timeSync] period'=60")).map(([h, k]) => [`${h}VMTools_ConfigGetBoolean: Returning default value for ${k} (Not Found)`]),
			},
			{ weight: 4, arbitrary: fc.tuple(head(' warning', 'guestinfo'), n).map(([h, k]) => [`${h}*** WARNING: GuestInfo collection interval longer than expected; actual=${k} sec, expected=30 sec. ***`]) },
			{ weight: 3, arbitrary: fc.tuple(head(' warning', 'vmsvc'), n).map(([h, k]) => [`${h}ボリューム E: を読めません (Versuch ${k})`]) },
			// Numbers that change from one repeat to the next: in prose only, or read by a field too.
			{ weight: 3, arbitrary: head(' warning', 'vmsvc').map((h) => [`${h}GuestInfoGetDiskInfo: could not read volume C:, retry #`]) },
			{ weight: 2, arbitrary: head(' warning', 'guestinfo').map((h) => [`${h}*** WARNING: GuestInfo collection interval longer than expected; actual=# sec, expected=30 sec. ***`]) },
			{ weight: 2, arbitrary: head('   error', 'vmvss').map((h) => [`${h}CommitSnapshots failed 0x8004230# after # s`]) },
			{ weight: 1, arbitrary: head(' warning', 'vmbackup').map((h) => [`${h}Error freezing filesystems: error #, retry #.`]) },
			{ weight: 3, arbitrary: head(' warning', 'vmbackup').map((h) => [`${h}Error freezing filesystems.`]) },
			{ weight: 2, arbitrary: head('   error', 'vmvss').map((h) => [`${h}CommitSnapshots failed 0x80042306`]) },
			{ weight: 1, arbitrary: fc.tuple(head('   debug', 'vmsvc'), fc.constantFrom('vmbackup.start 1', 'vmbackup.startWithOpts 1', 'vmbackup.abort')).map(([h, c]) => [`${h}RpcIn: received 16 bytes, content:"${c}"`]) },
			{ weight: 1, arbitrary: fc.tuple(head('   debug', 'vmbackup'), fc.constantFrom('VmBackupStart', 'VmBackupStartScripts', 'VmBackupAsyncCallback')).map(([h, st]) => [`${h}*** ${st}`]) },
			{ weight: 1, arbitrary: fc.tuple(head(' warning', 'guestinfo'), n).map(([h, k]) => [`${h}*** WARNING: GuestInfo collection interval longer than expected; actual=${k} sec, expected=30 sec. ***`, `more ${k}`]) },
			{ weight: 1, arbitrary: head('    info', 'vmsvc').map((h) => [`${h}Core dump limit set to -1`]) },
			{ weight: 1, arbitrary: fc.constantFrom('', 'plain continuation', '[stray', '[cached at @] [ warning] [guestinfo] [1234] *** WARNING: GuestInfo collection interval longer than expected; actual=61 sec, expected=30 sec. ***').map((l) => [l]) },
		);
		sameWithRepeats('tools-log', 'tools-11.3', message, fc.constant(''), 5);
	});
});
