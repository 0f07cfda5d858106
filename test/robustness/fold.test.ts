// The fold's comparison of lines without building their masked text (formats/lib/fold.ts) against the
// definition it stands for: every run of hex digits holding a decimal digit replaced by one mark.
import * as assert from 'assert';
import fc from 'fast-check';
import '../../src/core/formats';
import { FOLD_GAP_MS, FOLD_SHAPES, FOLD_SPAN_MS, FOLDS_PER_LINE, RecordFold, sameMasked, shapeHash } from '../../src/core/formats/lib/fold';
import type { LogRecord } from '../../src/core/model/records';
import { fuzzParams } from '../lib/fuzz';

const NUMBER = /[0-9A-Fa-f]*[0-9][0-9A-Fa-f]*/g;
const masked = (text: string) => text.replace(NUMBER, '#');
const record = (text: string) => ({ time: null, local: null, kind: 'tools-warning', fields: {}, source: { path: 'x', line: 1 }, text }) as unknown as LogRecord;

describe('the fold compares lines as their masked text would', () => {
	// Lines of hex digits, other letters and separators: runs with and without digits, of any length.
	const line = fc.array(fc.constantFrom(...'0189aAfFgz- :#'.split('')), { maxLength: 24 }).map((c) => c.join(''));
	// A line and one like it: the same, with some runs' digits changed, or with a character changed.
	const pair = fc.tuple(line, line, fc.nat()).map(([a, b, k]) => (k % 3 === 0 ? [a, b] : k % 3 === 1 ? [a, a.replace(/\d/g, (d) => String((Number(d) + k) % 10))] : [a, `${a.slice(0, k % (a.length + 1))}${b.slice(0, 2)}${a.slice(k % (a.length + 1))}`]));

	it('sameMasked(a, b) exactly when the masked texts are equal', () => {
		fc.assert(
			fc.property(pair, ([a, b]) => {
				assert.strictEqual(sameMasked(a, b), masked(a) === masked(b), `'${a}' / '${b}'`);
			}),
			fuzzParams(),
		);
	});

	it('lines equal once masked hash alike', () => {
		fc.assert(
			fc.property(pair, ([a, b]) => {
				if (masked(a) === masked(b)) assert.strictEqual(shapeHash(record(a)), shapeHash(record(b)), `'${a}' / '${b}'`);
			}),
			fuzzParams(),
		);
	});
});

// The fold against a plain model of its rule (formats/lib/fold.ts, module comment): open folds in one list,
// scanned in full for each record, lines and prose compared as their masked texts. The fold groups its
// open folds by line shape and hashes a line's tail; both must keep every decision of the rule, the
// least-used evictions (FOLDS_PER_LINE of one line, FOLD_SHAPES in all) included.
describe('the fold decides as the plain rule does', () => {
	/** What one record is after folding: its line, kind, count, last line and span. */
	type Folded = [number, string, number, number | null, number | null];

	function model(records: readonly LogRecord[]): Folded[] {
		interface Held {
			r: LogRecord;
			firstMs: number;
			used: number;
			count: number;
			lastLine: number | null;
			spanMs: number | null;
		}
		const out: Held[] = [];
		let open: Held[] = [];
		let pushed = 0;
		const prose = (v: unknown) => typeof v === 'string' && /[\s\u00a0\u2000-\u200a\u2028\u2029\u3000]/.test(v);
		const sameField = (a: unknown, b: unknown) => a === b || (prose(a) && prose(b) && masked(a as string) === masked(b as string));
		const sameFields = (a: LogRecord, b: LogRecord) => {
			const fa = a.fields as Record<string, unknown>;
			const fb = b.fields as Record<string, unknown>;
			const ka = Object.keys(fa);
			return ka.length === Object.keys(fb).length && ka.every((k) => Object.hasOwn(fb, k) && sameField(fa[k], fb[k]));
		};
		// Each record's masked line once: the model scans every open fold for every record.
		const lines = new Map<LogRecord, string>();
		const maskedLine = (r: LogRecord) => lines.get(r) ?? lines.set(r, masked(r.text)).get(r)!;
		const leastUsed = (hs: readonly Held[]) => hs.reduce((m, h) => (h.used < m.used ? h : m));
		for (const r of records) {
			pushed++;
			const held: Held = { r, firstMs: Date.parse(r.time!), used: pushed, count: 1, lastLine: null, spanMs: null };
			if (r.kind === 'section') {
				open = [];
				out.push(held);
				continue;
			}
			const ms = held.firstMs;
			const line = maskedLine(r);
			const sameLine = open.filter((h) => h.r.kind === r.kind && maskedLine(h.r) === line);
			const match = sameLine.find((h) => sameFields(h.r, r));
			if (match) {
				const last = match.firstMs + (match.spanMs ?? 0);
				if (ms >= last && ms - last <= FOLD_GAP_MS && ms - match.firstMs <= FOLD_SPAN_MS) {
					match.count++;
					match.spanMs = ms - match.firstMs;
					match.lastLine = r.source.line;
					match.used = pushed;
					continue;
				}
				open = open.filter((h) => h !== match);
			} else if (sameLine.length >= FOLDS_PER_LINE) {
				const gone = leastUsed(sameLine);
				open = open.filter((h) => h !== gone);
			}
			if (open.length >= FOLD_SHAPES) {
				const gone = leastUsed(open);
				open = open.filter((h) => h !== gone);
			}
			open.push(held);
			out.push(held);
		}
		return out.map((h) => [h.r.source.line, h.r.kind, h.count, h.lastLine, h.spanMs]);
	}

	// Few ids and numbers, so that lines and fields repeat: a narrow case (2 words: more than FOLDS_PER_LINE
	// field sets of one line open at once) or a wide one (20 words: more than FOLD_SHAPES folds open).
	const T0 = Date.UTC(2024, 4, 1);
	const step = fc.record({
		// Weighted, not fc.nat(300) === 0: fast-check draws small numbers far more often than 1 in 301.
		section: fc.oneof({ arbitrary: fc.constant(false), weight: 300 }, { arbitrary: fc.constant(true), weight: 1 }),
		kind: fc.constantFrom('tools-warning', 'tools-warning', 'tools-config-read'),
		word: fc.nat(19),
		vm: fc.nat(90),
		id: fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5', 'ab12'),
		n: fc.nat(999),
		gapS: fc.oneof({ arbitrary: fc.nat(20), weight: 8 }, { arbitrary: fc.nat(900), weight: 1 }, { arbitrary: fc.constant(-5), weight: 1 }),
	});
	type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;
	const toRecords = (steps: readonly Step[], words: number) => {
		let ms = T0;
		return steps.map((s, i): LogRecord => {
			ms += s.gapS * 1000;
			// Words of letters that are no hex digits, so that each is its own line once masked.
			const word = `w${'ghijklmnopqrstuvwxyz'[s.word % words]}${s.word % words === 1 ? ' 7' : ''}`;
			const text = `[${new Date(ms).toISOString()}] ${word} vm-${s.vm % 3 === 0 ? 'web' : 'db'}${s.vm} took ${s.n} ms`;
			const kind = s.section ? 'section' : s.kind;
			return { time: new Date(ms).toISOString(), local: null, kind, fields: { id: s.id, message: `${word} took ${s.n} ms`, vm: `vm-${s.vm % 2}` }, source: { path: 'x.log', line: i + 1 }, text } as unknown as LogRecord;
		});
	};

	it('every record folds, or starts a fold, where the plain rule says', () => {
		fc.assert(
			fc.property(fc.array(step, { minLength: 50, maxLength: 400, size: 'max' }), fc.constantFrom(2, 20), (steps, words) => {
				const records = toRecords(steps, words);
				const fold = new RecordFold();
				for (const r of toRecords(steps, words)) fold.push(r);
				const got = fold.records().map((r): Folded => [r.source.line, r.kind, r.fold?.count ?? 1, r.fold?.lastLine ?? null, r.fold?.spanMs ?? null]);
				assert.deepStrictEqual(got, model(records));
			}),
			// Fewer runs than the other properties: each is hundreds of records against a model that scans them all.
			{ ...fuzzParams(), numRuns: 40 },
		);
	});
});
