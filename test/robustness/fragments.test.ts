// The fragments property (issue 18): every reader reads its samples the same however a person pasted them.
// For every registered format, its samples (the definition's and the fixture files that read as it) are
// pasted in a way people paste, and read as the analysis reads a file (paste damage undone, sections cut);
// the facts must be the clean sample's. The ways, and where each applies (QUOTES, HEADERS, APPLIES below):
//   - quoted: Markdown `> `, nested `> > `, e-mail `>> `: every format (quoting adds nothing to a line);
//   - re-wrapped: lines hard-wrapped at 72 or 76 characters (columns, full-width ones counted 2, are the
//     variants property's: test/robustness/pasteVariants.test.ts): only formats whose records may continue on the
//     next line (free-text messages); a one-line-per-record log, a table or a CSV cannot be re-wrapped;
//   - header-stripped: the lines a format's header holds dropped (vssadmin's banner; a Windows event's
//     header but its Event ID): only formats whose header is not where their facts are, and of vssadmin
//     only outputs that list something (an error or an empty listing is known by its banner alone), and of
//     events only those whose message has a known template (the message alone names no other event);
//   - merged: two samples of one format (of one variant: a file is written by one Tools log handler, one
//     ESXi era) run together, with no blank line between or one: the facts of both, in order. Pasted
//     events take part in every shape and language their samples have (short headers, messages alone,
//     Windows 2003, text copies, Friendly View trees; en, ja, de, fr): an event's fields end where the
//     next one's header begins (`Process ID: 680` then `Event ID: 12289` is the last line of one and the
//     next's header, not a header with two ids). Not merged: a
//     format whose file is one document (XML, CSV with its header row, a .reg or .vmx, a listing with a
//     banner), nor SQL Writer's log,
//     which gives one banner per process (two samples of one process are one start). The vmbackup runs a
//     Tools log or a vmware.log numbers (`run`) count per file: merged, the second sample's continue the
//     first's, so `run` is not compared there.
// What is compared is all a rule reads: kind, time and every field of each record, and every listing
// fact; line numbers too where the pasting keeps them (quoting), whitespace collapsed where re-wrapping
// may move a break, and for a stripped event header only the fields its message gives (the header's time,
// computer and level are gone with it, on purpose).
import * as assert from 'assert/strict';
import * as fc from 'fast-check';
import * as path from 'path';
import { FORMATS } from '../../src/core/formats';
import { DETECT_LINES, type Facts } from '../../src/core/formats/lib/format';
import { matchTemplate } from '../../src/core/formats/windows/eventMessages';
import { pasteSamples, readPaste, type Sample } from '../lib/pasteSamples';
import { wrapLines } from '../lib/pasteStyles';
import { FUZZ_SEED, fuzzParams } from '../lib/fuzz';

/** A sample read as a paste: the formats of its inputs, its facts and its unparsed lines. */
const read = readPaste;

/** How the facts of two reads are compared (see the header); `merged` is `rewrapped` without the file's ordinals. */
type Compare = 'exact' | 'rewrapped' | 'message' | 'merged';
/** Fields that number things per file (the vmbackup runs of a Tools log or vmware.log). */
const ORDINALS = new Set(['run']);

/** Fields a stripped event header still has: those its message gives. */
const MESSAGE_FIELDS = ['provider', 'eventId', 'hresult', 'writerName', 'executionContext', 'operation'];

/**
 * The facts as compared: each record's kind, time and fields, in order; then each listing fact without its
 * source line, in order (a section's records and listings are kept apart, so the two lists are compared).
 */
function comparable(facts: readonly Partial<Facts>[], how: Compare): { records: unknown[]; listings: unknown[] } {
	const ws = (v: unknown) => (typeof v === 'string' && how !== 'exact' ? v.replace(/\s+/g, ' ').trim() : v);
	const clean = (o: object, keep: (k: string) => boolean) =>
		Object.fromEntries(
			Object.entries(o)
				.filter(([k]) => keep(k))
				.map(([k, v]) => [k, ws(v)]),
		);
	const records: unknown[] = [],
		listings: unknown[] = [];
	for (const f of facts) {
		for (const r of f.records ?? []) {
			if (how === 'message') records.push({ kind: r.kind, ...clean(r.fields, (k) => MESSAGE_FIELDS.includes(k)) });
			else records.push({ kind: r.kind, time: r.time, local: r.local, fields: clean(r.fields, (k) => how === 'exact' || (!/Line$/.test(k) && !(how === 'merged' && ORDINALS.has(k)))), ...(how === 'exact' ? { line: r.source.line } : {}) });
		}
		for (const key of ['writers', 'writerListings', 'providers', 'shadows', 'shadowStorage', 'volumes'] as const) {
			// Whether a listing is whole is decided by its header (or its length), and where it starts is its header's
			// line: a header-stripped paste lacks both.
			for (const x of f[key] ?? []) listings.push({ key, ...clean(x as object, (k) => !/source$/i.test(k) && (how === 'exact' || (!/Line$/.test(k) && k !== 'whole' && k !== 'line'))) });
		}
	}
	return { records, listings };
}

/** Both samples' facts, one after the other. */
function joined(a: ReturnType<typeof comparable>, b: ReturnType<typeof comparable>): ReturnType<typeof comparable> {
	return { records: [...a.records, ...b.records], listings: [...a.listings, ...b.listings] };
}

/** Header lines by format: what `header-stripped` drops. */
const HEADERS: Readonly<Record<string, (line: string) => boolean>> = {
	// vssadmin's banner: the tool's name and version, then the copyright line (never translated).
	vssadmin: (l) => /^vssadmin \d|^\(C\) Copyright/.test(l.trim()),
	// An event's header, all but the Event ID (the `label: value` lines before the message).
	event: (l) =>
		/^\s*(?:Log Name|Source|Date|Level|Task Category|Keywords|User|Computer|OpCode|Event Type|Event Source|Event Category|Time|ログの名前|ソース|日付|レベル|タスクのカテゴリ|キーワード|ユーザー|コンピューター|イベントの種類|イベント ソース|イベント カテゴリ|Nom du journal|Niveau|Catégorie de la tâche|Mots[- ]clés|Utilisateur|Ordinateur)\s*[:：]/.test(
			l,
		),
};

/** Where each pasting applies beyond quoting (which applies everywhere); see the header for why. */
const APPLIES: Readonly<Record<string, { rewrap?: true; header?: keyof typeof HEADERS; merge?: true }>> = {
	'windows-events-pasted': { rewrap: true, header: 'event', merge: true },
	'windows-events-text': { header: 'event', merge: true },
	'windows-events-friendly': { merge: true },
	'vmware-product-quiesce': { rewrap: true },
	'vssadmin-list-writers': { header: 'vssadmin' },
	'vssadmin-list-providers': { header: 'vssadmin' },
	'vssadmin-list-shadows': { header: 'vssadmin' },
	'vssadmin-list-shadowstorage': { header: 'vssadmin' },
	'vssadmin-list-volumes': { header: 'vssadmin' },
	'vmware-log': { merge: true },
	'hostd-log': { merge: true },
	'vpxa-log': { merge: true },
	'vpxd-log': { merge: true },
	'esx-syslog': { merge: true },
	'tools-log': { merge: true },
	'wsb-error-log': { merge: true },
	'backup-code-lines': { merge: true },
};

/** The variant a sample's format detects in it (the era, the log handler). */
const variantOf = (s: Sample) => FORMATS.find((f) => f.id === s.format)?.detect(s.lines.slice(0, DETECT_LINES))?.variant ?? null;

const SAMPLES = pasteSamples();
const byFormat = new Map<string, Sample[]>();
for (const s of SAMPLES) byFormat.set(s.format, [...(byFormat.get(s.format) ?? []), s]);

const QUOTES: readonly [string, (l: string) => string][] = [
	['Markdown-quoted', (l) => (l === '' ? '>' : `> ${l}`)],
	['nested-quoted', (l) => (l === '' ? '> >' : `> > ${l}`)],
	['e-mail-quoted', (l) => `>> ${l}`],
];

describe(`fragments: every reader reads its samples the same however they were pasted (seed ${FUZZ_SEED})`, function () {
	this.timeout(120_000);

	it('every registered format with samples takes part', () => {
		const withSamples = FORMATS.filter((f) => f.variants.some((v) => v.samples.length > 0)).map((f) => f.id);
		assert.deepEqual(
			withSamples.filter((id) => !byFormat.has(id)),
			[],
		);
		assert.deepEqual(
			Object.keys(APPLIES).filter((id) => !byFormat.has(id)),
			[],
			'the table names only formats that have samples',
		);
	});

	it('quoted (Markdown, nested, e-mail): the same facts, on the same lines', () => {
		fc.assert(
			fc.property(fc.constantFrom(...SAMPLES), fc.constantFrom(...QUOTES), (s, [how, quote]) => {
				const got = read(s.lines.map(quote).join('\n'));
				assert.deepEqual(got.formats, [s.format], `${s.name} ${how}: format`);
				assert.deepEqual(comparable(got.facts, 'exact'), comparable(read(s.lines.join('\n')).facts, 'exact'), `${s.name} ${how}`);
			}),
			{ ...fuzzParams(), numRuns: Math.min(300, SAMPLES.length * QUOTES.length * 2) },
		);
	});

	const rewrappable = SAMPLES.filter((s) => APPLIES[s.format]?.rewrap && s.lines.some((l) => l.length > 72));
	it(`re-wrapped at 72 or 76 columns (${[...new Set(rewrappable.map((s) => s.format))].join(', ')}): the same facts`, () => {
		fc.assert(
			fc.property(fc.constantFrom(...rewrappable), fc.constantFrom(72, 76), fc.boolean(), (s, width, quoted) => {
				const lines = wrapLines(s.lines, width, 'characters').map((l) => (quoted ? `> ${l}` : l));
				assert.deepEqual(comparable(read(lines.join('\n')).facts, 'rewrapped'), comparable(read(s.lines.join('\n')).facts, 'rewrapped'), `${s.name} at ${width}`);
			}),
			{ ...fuzzParams(), numRuns: 200 },
		);
	});

	// A vssadmin output that lists nothing (an `Error:` line, no writers) is known by its banner alone: it
	// takes part only when it lists something.
	const lists = (s: Sample) => read(s.lines.join('\n')).facts.some((f) => [f.writers, f.providers, f.shadows, f.shadowStorage, f.volumes].some((x) => (x?.length ?? 0) > 0));
	const headed = SAMPLES.filter((s) => APPLIES[s.format]?.header && s.lines.some(HEADERS[APPLIES[s.format].header!]) && (APPLIES[s.format].header !== 'vssadmin' || lists(s)));
	it(`header-stripped (${[...new Set(headed.map((s) => s.format))].join(', ')}): the facts the rest of the text holds`, () => {
		for (const s of headed) {
			const header = APPLIES[s.format].header!;
			const stripped = s.lines.filter((l) => !HEADERS[header](l));
			// A listing keeps all its facts (the banner holds none); an event keeps what its message says.
			const how: Compare = header === 'event' ? 'message' : 'rewrapped';
			const clean = read(s.lines.join('\n')).facts;
			// Without its header an event is known by its message's template: one without (VSS 8224, idle) is not.
			const known = header === 'event' ? clean.map((f) => ({ ...f, records: f.records?.filter((r) => matchTemplate(r.kind === 'windows-event' ? (r.fields.message ?? '') : '') !== null) })) : clean;
			const want = comparable(known, how);
			assert.ok(want.records.length + want.listings.length > 0, `${s.name}: facts to compare`);
			assert.deepEqual(comparable(read(stripped.join('\n')).facts, how), want, s.name);
		}
	});

	// A file cut mid-line at its top (a rotated log) continues whatever precedes it: not a second sample. Two
	// samples sharing a line (a sample and the file it was taken from, or one sample twice) are not merged:
	// the shared lines come twice, as repeats, which the fold (formats/lib/fold.ts) rightly makes one record.
	const partners = (a: Sample) => {
		const own = new Set(a.lines.filter((l) => l.trim() !== ''));
		return byFormat.get(a.format)!.filter((b) => variantOf(b) === variantOf(a) && !b.lines.some((l) => own.has(l)) && read(b.lines.join('\n')).unparsed === 0);
	};
	const mergeable = [...byFormat]
		.filter(([id]) => APPLIES[id]?.merge)
		.flatMap(([, list]) => list)
		.filter((a) => partners(a).length > 0);
	it('merged pasted events: every event format, and samples in each language the fixtures hold (en, ja, de, fr)', () => {
		const events = mergeable.filter((s) => s.format.startsWith('windows-events-'));
		assert.deepEqual([...new Set(events.map((s) => s.format))].sort(), ['windows-events-friendly', 'windows-events-pasted', 'windows-events-text']);
		for (const lang of ['en', 'ja', 'de', 'fr'])
			assert.ok(
				events.some((s) => path.basename(s.name).startsWith(`${lang}-`)),
				`a ${lang} sample merged`,
			);
	});

	it("merged: two samples of one format run together, a blank line between or not, give both samples' facts, in order", () => {
		fc.assert(
			fc.property(fc.constantFrom(...mergeable), fc.nat(), fc.boolean(), (a, k, blank) => {
				const others = partners(a);
				const b = others[k % others.length];
				const got = read([...a.lines, ...(blank ? [''] : []), ...b.lines].join('\n'));
				const want = joined(comparable(read(a.lines.join('\n')).facts, 'merged'), comparable(read(b.lines.join('\n')).facts, 'merged'));
				assert.deepEqual(comparable(got.facts, 'merged'), want, `${a.name} + ${b.name}${blank ? ' (a blank line between)' : ''}`);
			}),
			{ ...fuzzParams(), numRuns: 200 },
		);
	});
});
