import * as fs from 'fs';
import { CHUNK_BYTES, fileSource, MAX_LINE_CHARS, memorySource, offerLine, streamLines, type ByteSource, type Splice } from '../decode/decode';
import { pasteNormaliser, type PasteNormaliser } from '../decode/paste';
import { DETECT_LINES, type Detection, type Facts, type FormatDefinition, type LineReader } from '../formats/lib/format';
import { FORMATS } from '../formats';
import { bytesSource, fdSource, hasEvtxSignature, type EvtxSource } from '../formats/windows/evtx';
import { readEvtxEvents, windowsEventsEvtx } from '../formats/windows/windowsEventsEvtx';
import { appendAll } from '../collections';
import type { InputFile } from '../model/report';
import { ArchiveError, gunzip, gzipDeclaredSize, gzipFileSource, readTar, readZip, sniffArchive, type Member } from './archives';
import type { ReadCache, TextFileRead } from './cache';
import { describeFsError, discover, rootOf } from './discover';
import { AnalysisCancelled, InputError } from './errors';
import { compileExcludes, type Excluder } from './globs';
import { findCuts, type RangeProvider } from './ranges';
import { cutSections, type Section } from './sections';
import { describeUnknown } from './unknown';

/** How one run reads its files: limits, exclusions, the cache of earlier runs, progress and cancel. */
export interface ReadOptions {
	/** Files (and archive members, uncompressed) larger than this are listed with a problem and not read. Default 512 MiB. */
	maxFileBytes?: number;
	/** Once this many bytes have been read (uncompressed), further files are listed with a problem. Default 16 GiB. */
	maxTotalBytes?: number;
	/** Called after each file with (files done, files total, bytes done, bytes total); bytes are the on-disk sizes of the files found. */
	onProgress?: (done: number, total: number, bytesDone: number, bytesTotal: number) => void;
	/** Checked between files; when it returns true the analysis stops with an AnalysisCancelled error. */
	isCancelled?: () => boolean;
	/**
	 * Report paths to leave out (`files.exclude` glob syntax, see globs.ts): they are listed in `inputs` as
	 * excluded, with the pattern, and not read.
	 */
	exclude?: readonly string[];
	/** What earlier runs read: on-disk text files whose size and mtime did not change are not read again. */
	cache?: ReadCache;
}

/** What a run read: the root its paths are relative to, one input per file, and the facts of each. */
export interface ReadOutcome {
	root: string;
	inputs: InputFile[];
	/** The facts of each file read, in report order. */
	parts: Partial<Facts>[];
}

const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;
const DEFAULT_MAX_TOTAL_BYTES = 16 * 1024 * 1024 * 1024;
/** Archives inside archives are expanded this deep (a guest zip inside a vm-support tgz), no deeper. */
const MAX_ARCHIVE_DEPTH = 2;
const MAX_ARCHIVE_ENTRIES = 100_000;

/** A file to read: on disk (`abs`), or a member of an archive already in memory (`bytes`). */
export interface WorkItem {
	rel: string;
	/** Size in bytes (uncompressed). */
	size: number;
	abs?: string;
	bytes?: Uint8Array;
	/** How many archives this item is inside. */
	depth: number;
	/** Text given in memory (an editor, standard input): a paste, which may hold several formats. */
	pasted?: boolean;
	/** Ranges of this on-disk file other threads read (see ranges.ts). */
	ranges?: RangeProvider;
}

/** Enough leading bytes to recognise every archive kind (tar's magic is at offset 257). */
const MAGIC_BYTES = 512;

function readHead(item: WorkItem): Uint8Array {
	if (item.bytes) return item.bytes.subarray(0, MAGIC_BYTES);
	const buf = Buffer.alloc(MAGIC_BYTES);
	const src = fileSource(item.abs!);
	try {
		return buf.subarray(0, src.read(buf));
	} finally {
		src.close();
	}
}

/** What a run reads and what it already knows before reading: the root, the queue, and the context. */
export interface RunPlan {
	root: string;
	queue: WorkItem[];
	ctx: RunContext;
	/** On-disk bytes of the files found (archives count once, as their compressed size): what the user sees. */
	bytesTotal: number;
}

/** Finds the files under `paths`, drops the excluded ones, and sets up the context of one run. */
export function planRun(paths: readonly string[], options: ReadOptions): RunPlan {
	if (paths.length === 0) throw new InputError('No path given to analyse.');
	for (const p of paths) {
		if (!fs.existsSync(p)) throw new InputError(`Cannot read '${p}': no such file or folder.`);
	}
	const root = rootOf(paths);
	const found = discover(paths, root);
	const ctx = newContext(options);
	const excluded: InputFile[] = [];
	const queue: WorkItem[] = keep(
		found.files.map((f) => ({ rel: f.rel, size: f.size, abs: f.abs, depth: 0 })),
		ctx.excluder,
		excluded,
	);
	appendAll(
		ctx.inputs,
		found.unreadable.map((u) => ({ ...newInput(u.rel), formatReason: 'not read', problems: [u.reason] })),
	);
	appendAll(ctx.inputs, excluded);
	return { root, queue, ctx, bytesTotal: found.files.reduce((n, f) => n + f.size, 0) };
}

/** A fresh context with the options' limits (also what a reading thread starts from). */
export function newContext(options: Pick<ReadOptions, 'maxFileBytes' | 'maxTotalBytes' | 'exclude' | 'cache'>): RunContext {
	return {
		maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
		maxTotalBytes: options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES,
		bytesRead: 0,
		parts: [],
		inputs: [],
		cache: options.cache ?? null,
		excluder: compileExcludes(options.exclude ?? []),
	};
}

/** Reads one item of the queue and, for an archive, all its members: the inputs and facts go into ctx. */
export function readWhole(item: WorkItem, ctx: RunContext): void {
	const pending = [item];
	for (let next = pending.pop(); next; next = pending.pop()) pushNext(pending, readItem(next, ctx));
}

/**
 * Puts the members of an archive just read on the stack of items left (taken from its end), so that they
 * are read right after it, in archive order. A queue taken with shift() and joined with concat() copied
 * every item left for each item read: for the 7,490 files of a bundle, 28 million copies.
 */
function pushNext(stack: WorkItem[], members: readonly WorkItem[]): void {
	for (let i = members.length - 1; i >= 0; i--) stack.push(members[i]);
}

/** A text given in memory (an untitled editor, a selection, standard input), read as a file named `name`. */
export interface NamedText {
	/** Its report path: what evidence points at ('/' separators; a backslash becomes one). */
	name: string;
	/** The text, or its bytes when their encoding is to be detected as a file's is (standard input). */
	text: string | Uint8Array;
	/** The line (1-based) the text starts on where it came from (a selection's first line); default 1. */
	firstLine?: number;
}

/** The report path of a text in memory: its name with '/' separators, no leading '/'. */
export const textPath = (t: NamedText): string => t.name.replace(/\\/g, '/').replace(/^\/+/, '');

/** Sets up a run over texts in memory: each is read as a file of that name, through the same steps. */
export function planTexts(texts: readonly NamedText[], options: ReadOptions): RunPlan {
	if (texts.length === 0) throw new InputError('No text given to analyse.');
	const ctx = newContext(options);
	const items = texts.map((t): WorkItem => {
		const rel = textPath(t);
		if (rel === '') throw new InputError('A text to analyse needs a name.');
		const bytes = typeof t.text === 'string' ? Buffer.from(t.text, 'utf8') : t.text;
		return { rel, size: bytes.length, bytes, depth: 0, pasted: true };
	});
	const excluded: InputFile[] = [];
	const queue = keep(items, ctx.excluder, excluded);
	appendAll(ctx.inputs, excluded);
	return { root: items.length === 1 ? items[0].rel : 'texts', queue, ctx, bytesTotal: items.reduce((n, i) => n + i.size, 0) };
}

/**
 * One run's reading split into per-file steps, so that a caller can yield to the event loop between
 * files (an editor stays responsive, reports progress and cancels).
 */
export function startReading(paths: readonly string[], options: ReadOptions) {
	return stepRun(planRun(paths, options), options);
}

/** The steps of a planned run (see startReading). */
export function stepRun(plan: RunPlan, options: ReadOptions) {
	const { root, ctx, bytesTotal } = plan;
	// The items left, the next last (see pushNext).
	const left = plan.queue.slice().reverse();
	ctx.cache?.begin();
	let done = 0;
	let bytesDone = 0;
	return {
		/** Reads the next file; false when there is none left. */
		step(): boolean {
			const item = left.pop();
			if (!item) return false;
			if (options.isCancelled?.()) throw new AnalysisCancelled('Analysis cancelled.');
			pushNext(left, readItem(item, ctx));
			if (item.depth === 0) bytesDone += item.size;
			options.onProgress?.(++done, done + left.length, bytesDone, bytesTotal);
			return left.length > 0;
		},
		/** What was read, once step() has returned false. */
		outcome(): ReadOutcome {
			ctx.cache?.end();
			return { root, inputs: ctx.inputs, parts: ctx.parts };
		},
	};
}

/** State shared by the steps of one run. */
export interface RunContext {
	maxFileBytes: number;
	maxTotalBytes: number;
	/** Uncompressed bytes read so far. */
	bytesRead: number;
	/** The facts of each file read, in report order. */
	parts: Partial<Facts>[];
	inputs: InputFile[];
	cache: ReadCache | null;
	excluder: Excluder;
}

/** The items no exclusion pattern names; the others are listed in `excluded`, with the pattern, unread. */
function keep(items: WorkItem[], excluder: Excluder, excluded: InputFile[]): WorkItem[] {
	return items.filter((item) => {
		const pattern = excluder.match(item.rel);
		if (pattern !== null) excluded.push({ ...newInput(item.rel), formatReason: `excluded by the pattern '${pattern}'` });
		return pattern === null;
	});
}

const newInput = (rel: string): InputFile => ({ path: rel, format: 'unknown', origin: null, formatReason: '', encoding: 'binary', eol: 'none', lines: 0, unparsedLines: 0, clock: null, problems: [] });

/**
 * Reads one item into an input (and facts); returns the members to read next when it is an archive.
 * Text files are streamed; archives are loaded whole (a zip's directory is at its end), within the
 * per-file limit. A single-file gzip is read as its content under its own name.
 */
function readItem(item: WorkItem, ctx: RunContext): WorkItem[] {
	const input = newInput(item.rel);
	ctx.inputs.push(input);
	const notRead = (why: string) => {
		input.formatReason = 'not read';
		input.problems.push(why);
		return [];
	};
	if (item.size > ctx.maxFileBytes) return notRead(`Not read: ${formatBytes(item.size)} is over the per-file limit of ${formatBytes(ctx.maxFileBytes)}.`);
	if (ctx.bytesRead + item.size > ctx.maxTotalBytes) return notRead(`Not read: the total limit of ${formatBytes(ctx.maxTotalBytes)} for one analysis is reached.`);
	ctx.bytesRead += item.size;
	try {
		// A small file on disk is read whole through one descriptor (see readSmall); a larger one is streamed.
		const small = item.abs !== undefined && item.ranges === undefined && item.size <= CHUNK_BYTES ? readSmall(item.abs, input, ctx) : null;
		if (small === 'reused') return [];
		const inMemory = item.bytes ?? small?.bytes;
		const head = inMemory ? inMemory.subarray(0, MAGIC_BYTES) : readHead(item);
		let kind = sniffArchive(head);
		if (kind === null) {
			// An .evtx is binary: told by its signature and read by chunks, never decoded as text. A small text file
			// may be a ticket saved as it was pasted (prose, a listing, an event): kept for sections.
			const evtx = hasEvtxSignature(head);
			const mayBePaste = item.pasted === true || item.size <= PASTE_BYTES;
			if (small) takeFresh(item.abs!, input, ctx, small.stat, evtx ? readEvtxInput(input, bytesSource(small.bytes), '') : readText(input, memorySource(small.bytes), '', mayBePaste, false, () => memorySource(small.bytes)));
			else if (item.abs)
				readOnDisk(item.abs, input, ctx, evtx ? () => readEvtxOnDisk(input, item.abs!) : () => readText(input, fileSource(item.abs!), '', mayBePaste, false, () => fileSource(item.abs!), item.ranges && { abs: item.abs!, provider: item.ranges }));
			else take(ctx, evtx ? readEvtxInput(input, bytesSource(item.bytes!), '') : readText(input, memorySource(item.bytes!), '', mayBePaste, item.pasted));
			return [];
		}
		// A big gzip file on disk is inflated as it is read, unless it holds a tar (a .tgz) or an .evtx (read
		// by chunks at any offset). One that declares at most WHOLE_GZIP_BYTES is inflated at once by zlib, as
		// are those: the streaming inflater (fflate, JavaScript) ran at a third of zlib's speed, and was most
		// of the time of a bundle of rotated .gz logs.
		const declared = kind === 'gzip' && item.abs ? gzipDeclaredSize(item.abs) : null;
		if (declared !== null && declared > WHOLE_GZIP_BYTES && !loadWhole(gzipHead(item.abs!, ctx.maxFileBytes))) {
			const source = gzipFileSource(item.abs!, ctx.maxFileBytes);
			take(ctx, readText(input, source, 'gzip-compressed; '));
			ctx.bytesRead += source.produced();
			return [];
		}
		let bytes = inMemory ?? fs.readFileSync(item.abs!);
		let prefix = '';
		if (kind === 'gzip') {
			bytes = gunzip(bytes, ctx.maxFileBytes);
			ctx.bytesRead += bytes.length;
			prefix = 'gzip-compressed; ';
			kind = sniffArchive(bytes);
			if (kind === 'zip' || kind === 'gzip') kind = null; // a .zip.gz is no bundle shape: read as data
		}
		if (kind === 'zip' || kind === 'tar') return expandArchive(item, input, bytes === small?.bytes ? Buffer.from(bytes) : bytes, kind, prefix, ctx);
		take(ctx, hasEvtxSignature(bytes) ? readEvtxInput(input, bytesSource(bytes), prefix) : readText(input, memorySource(bytes), prefix));
		return [];
	} catch (e) {
		if (e instanceof ArchiveError) return notRead(e.message);
		if ((e as NodeJS.ErrnoException).code) return notRead(`Cannot read the file: ${describeFsError(e)}.`);
		throw e;
	}
}

/** The first uncompressed bytes of a gzip file (a tar's for a .tgz), inflating only its first chunk. */
function gzipHead(abs: string, maxBytes: number): Uint8Array {
	const source = gzipFileSource(abs, maxBytes);
	try {
		const head = Buffer.alloc(MAGIC_BYTES);
		let n = 0;
		for (let got = 1; got > 0 && n < head.length; n += got) got = source.read(head.subarray(n));
		return head.subarray(0, n);
	} finally {
		source.close();
	}
}

/**
 * Uncompressed bytes up to which a gzip file is inflated at once (32 MiB): a rotated log is a few MiB to a
 * few tens of MiB; a larger one is streamed, so memory stays flat.
 */
const WHOLE_GZIP_BYTES = 32 * 1024 * 1024;

/** Whether a gzip file's content must be inflated whole rather than streamed as text: a tar, or an .evtx. */
const loadWhole = (head: Uint8Array): boolean => sniffArchive(head) === 'tar' || hasEvtxSignature(head);

/** Lists an archive as one input and returns its members as work items (one level of nesting). */
function expandArchive(item: WorkItem, input: InputFile, bytes: Uint8Array, kind: 'zip' | 'tar', prefix: string, ctx: RunContext): WorkItem[] {
	// An archive is expanded in memory all at once: its members together may take no more than the
	// per-file limit (as a .tgz's tar does), and no more than what is left of the total.
	const limits = { maxMemberBytes: ctx.maxFileBytes, maxTotalBytes: Math.min(ctx.maxFileBytes, Math.max(0, ctx.maxTotalBytes - ctx.bytesRead)), maxEntries: MAX_ARCHIVE_ENTRIES };
	const { members, skipped } = kind === 'zip' ? readZip(bytes, limits) : readTar(bytes, limits);
	const manifests = kind === 'zip' && isVssManifestZip(members);
	input.format = manifests ? 'vss-manifests' : 'archive';
	input.formatReason = `${prefix}${kind === 'zip' ? 'zip' : 'tar'} archive with ${members.length} file(s)${manifests ? ': backup.xml and VSS writer metadata documents (a VMware quiesce manifest)' : ''}`;
	for (const s of skipped) input.problems.push(`Member not read: ${s}.`);
	if (item.depth >= MAX_ARCHIVE_DEPTH) {
		input.problems.push(`Not expanded: archives are read ${MAX_ARCHIVE_DEPTH} levels deep at most.`);
		return [];
	}
	return keep(
		members.map((m) => ({ rel: `${item.rel}!/${m.name}`, size: m.bytes.length, bytes: m.bytes, depth: item.depth + 1 })),
		ctx.excluder,
		ctx.inputs,
	);
}

/** The manifest zip VMware Tools leaves in the VM folder: `backup.xml` plus writer documents, all XML. */
function isVssManifestZip(members: readonly Member[]): boolean {
	return members.some((m) => m.name.toLowerCase() === 'backup.xml') && members.every((m) => m.name.toLowerCase().endsWith('.xml'));
}

/** An on-disk file (text or .evtx): what the cache holds for it when its size and mtime are unchanged, else `read()`. */
function readOnDisk(abs: string, input: InputFile, ctx: RunContext, readFresh: () => TextFileRead): void {
	const stat = ctx.cache ? fs.statSync(abs) : null;
	if (!(stat && reuse(abs, input, ctx, stat))) takeFresh(abs, input, ctx, stat, readFresh());
}

/** Whether the cache held what an on-disk file gave when it had this size and mtime: then that is taken into the run. */
function reuse(abs: string, input: InputFile, ctx: RunContext, stat: fs.Stats): boolean {
	const cached = ctx.cache && fromCache(ctx.cache, abs, input, stat);
	if (!cached) return false;
	take(ctx, cached);
	return true;
}

/** What the cache holds for an on-disk file of this size and mtime, with `input` filled as that read filled its own (counted as reused); null when it must be read. */
function fromCache(cache: ReadCache, abs: string, input: InputFile, stat: fs.Stats): TextFileRead | null {
	const cached = cache.get(abs, input.path, stat);
	if (!cached) return null;
	cache.stats.reused++;
	Object.assign(input, cached.input);
	return { ...cached, input };
}

/**
 * A file of the queue as the cache holds it, unchanged since an earlier run: its inputs and facts as readItem
 * gives them, or null when it is to be read (the cache holds nothing for it, or it changed or went away since:
 * its reader then says what became of it). What the parallel run's main thread takes before handing files out.
 */
export function readCached(item: WorkItem, cache: ReadCache): { inputs: InputFile[]; parts: Partial<Facts>[] } | null {
	// No stat for a file the cache never kept (a first run, an archive): most files of a first run.
	if (item.abs === undefined || !cache.has(item.abs, item.rel)) return null;
	let stat: fs.Stats;
	try {
		stat = fs.statSync(item.abs);
	} catch {
		return null;
	}
	const input = newInput(item.rel);
	const read = fromCache(cache, item.abs, input, stat);
	return read && { inputs: [input, ...read.sections], parts: [read.facts] };
}

/** Takes what an on-disk file gave into the run, and into the cache under the `stat` taken before it was read. */
function takeFresh(abs: string, input: InputFile, ctx: RunContext, stat: fs.Stats | null, read: TextFileRead): void {
	take(ctx, read);
	if (stat && ctx.cache) {
		ctx.cache.stats.reread++;
		ctx.cache.put(abs, input.path, stat, read);
	}
}

/**
 * A file on disk of at most a chunk (CHUNK_BYTES, what streaming it would hold at once anyway), read whole
 * through one descriptor: its head, its text and the size and mtime the cache goes by all come from that
 * open. Each small file was opened twice (its head, then its text) and stat'ed by path once more when a
 * cache is kept. 'reused': the cache held it (it is then in the run, unread); null: it grew past a chunk
 * since it was found, and is read as a large file.
 */
/**
 * The bytes of every small file the thread reads (see readSmall; CHUNK_BYTES once one is read): a buffer each
 * was new pages for the kernel to zero and malloc's heap left scattered, as streamLines' chunks were. A file
 * is done with them when readItem returns, but for an archive's, whose members are read later: those copy.
 */
let spareFile = Buffer.alloc(0);

function readSmall(abs: string, input: InputFile, ctx: RunContext): { bytes: Buffer; stat: fs.Stats } | 'reused' | null {
	const fd = fs.openSync(abs, 'r');
	try {
		const stat = fs.fstatSync(fd);
		if (stat.size > CHUNK_BYTES) return null;
		// Only texts and .evtx files are kept in the cache: it holds nothing under the path of an archive.
		if (reuse(abs, input, ctx, stat)) return 'reused';
		if (spareFile.length < stat.size) spareFile = Buffer.allocUnsafeSlow(CHUNK_BYTES);
		const bytes = spareFile.subarray(0, stat.size);
		let n = 0;
		for (let got = 1; got > 0 && n < bytes.length; n += got) got = fs.readSync(fd, bytes, n, bytes.length - n, n);
		return { bytes: bytes.subarray(0, n), stat };
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * Lines of a text that are kept to cut it into sections (see sections.ts): pastes are small; past either
 * limit the text is read as one input, as it was before sections, and the quick lane starts.
 */
const HOLD_LINES = 10_000;
/** Characters (UTF-16 code units) of those lines, 4 Mi. */
const HOLD_CHARS = 4 * 1024 * 1024;
/** Bytes up to which a file one format claims is still kept as a possible paste: a ticket, not a log. */
const PASTE_BYTES = 256 * 1024;

/**
 * Streams a text file into its reader: the first DETECT_LINES lines are held for detection, then
 * replayed into the chosen format's reader, and every later line goes straight to it. A pasted text
 * (quoted, escaped …, see paste.ts) is cleaned before detection and reading, decided once from the head.
 * A short text no format claims, or a short paste (`mayBePaste`: given in memory, or a small file), is
 * also kept, and cut into sections when no format claims it or it holds several formats. A text `given`
 * in memory (an editor, standard input) is a paste: asked for sections even when one format read it all
 * (a free-text reader, an event's message, runs on into what was pasted after it). A small file on disk
 * (`reopen` reads it again) that one format claims with no sign of paste damage is streamed as a log
 * (quick lane and all), and read again as a paste only when that format leaves lines unparsed: most small
 * files of a bundle are pieces of logs, and holding their lines cost a tenth of reading 10,000 of them.
 * Fills `input`; returns it, the inputs of any further sections, and the facts.
 */
function readText(input: InputFile, source: ByteSource, prefix: string, mayBePaste = false, given = false, reopen?: () => ByteSource, ranges?: { abs: string; provider: RangeProvider }): TextFileRead {
	const head: string[] = [];
	// An object, not a `let`: it is set inside the line callback.
	const state: {
		decided: boolean;
		chosen: { format: FormatDefinition; detection: Detection; reader: LineReader } | null;
		paste: PasteNormaliser | null;
		/** The clean lines of the text (null: no content), kept for sections; null once over the limits. */
		held: (string | null)[] | null;
		heldChars: number;
		/** The clean head of an unclaimed text: what describes it when it is too long to keep. */
		unclaimedHead: (string | null)[];
		/** A possible paste streamed as a log, to be read again as a paste if its format leaves lines unparsed. */
		asLog: boolean;
		/** Indices in `held` of the lines a hard wrap's tail was on (joined to the line before: see sectionsOf). */
		tails: number[];
	} = { decided: false, chosen: null, paste: null, held: null, heldChars: 0, unclaimedHead: [], asLog: false, tails: [] };
	const hold = (clean: string | null) => {
		const held = state.held!;
		state.heldChars += clean?.length ?? 0;
		if (held.length >= HOLD_LINES || state.heldChars > HOLD_CHARS) state.held = null;
		else held.push(clean);
	};
	/** The chosen reader's quick lane while the text is read as a log: none for a paste or a text kept for sections. */
	const quickLane = () => (state.paste || state.held ? null : (state.chosen?.reader.quick ?? null));
	/** A clean line, once whole (a wrapped line waits for its tail: see PasteNormaliser.feed), to the reader and the held lines. */
	const take = (clean: string | null, lineNo: number, tail = false) => {
		if (state.chosen && clean !== null) state.chosen.reader.line(clean, lineNo);
		if (!state.held) return;
		if (tail) state.tails.push(state.held.length);
		hold(clean);
	};
	const decide = () => {
		state.decided = true;
		const paste = pasteNormaliser(head);
		state.paste = paste;
		const clean: (string | null)[] = paste ? [] : head;
		const tails: number[] = [];
		if (paste)
			head.forEach((l, i) =>
				paste.feed(l, i + 1, (c, _, tail) => {
					if (tail) tails.push(clean.length);
					clean.push(c);
				}),
			);
		// The head's last line may still wait for its tail: detection sees it as it is so far.
		const found = chooseFormat(paste ? [...clean, paste.waiting()].filter((l): l is string => l !== null) : head);
		if (found) state.chosen = { ...found, reader: found.format.reader(input.path, found.detection) };
		else state.unclaimedHead = clean.slice();
		// A log one format claims, as it was written, is streamed as before (quick lane and all); a paste (a
		// short text, or one showing paste damage) is kept, as a ticket pasted whole may hold several formats.
		// A backup product's reader takes any line: what it claims is kept for sections however it reads.
		state.asLog = mayBePaste && reopen !== undefined && state.chosen !== null && !paste && state.chosen.format.origin !== 'backup-product';
		if (!state.chosen || paste || (mayBePaste && !state.asLog)) {
			state.held = [];
			clean.forEach(hold);
			state.tails = tails;
		}
		if (state.chosen) {
			const { reader } = state.chosen;
			// The head goes to the reader as the lines after it will: through its quick lane when streaming uses one.
			const lane = quickLane();
			clean.forEach((l, i) => {
				if (l !== null && !(lane && offerLine(lane, l, i + 1))) reader.line(l, i + 1);
			});
		}
		head.length = 0;
	};
	const streamed = streamLines(
		source,
		(text, lineNo) => {
			if (!state.decided) {
				head.push(text);
				if (head.length >= DETECT_LINES) decide();
				return;
			}
			if (state.paste) state.paste.feed(text, lineNo, take);
			else take(text, lineNo);
		},
		{ quick: quickLane, splice: ranges && spliceRanges(ranges.abs, ranges.provider, () => (state.paste || state.held ? null : state.chosen)) },
	);
	if (!state.decided) decide();
	state.paste?.flush(take);
	Object.assign(input, { encoding: streamed.encoding, eol: streamed.eol, lines: streamed.lines });
	const read: TextFileRead = { input, sections: [], facts: {} };
	if (streamed.encoding === 'binary') {
		input.formatReason = `${prefix}binary content (${streamed.reason})`;
		input.problems.push('Not read: binary content, not a text file.');
		return read;
	}
	const found = state.chosen;
	// A text one format claims and reads to its last line is read whole; one that format leaves lines of is
	// cut into sections when they hold several formats (a ticket: a listing, then an event).
	const result = found?.reader.end() ?? null;
	// Nothing of this reading is kept yet: the file read again as a paste fills `input` as if read once.
	if (state.asLog && result !== null && result.unparsedLines > 0) return readText(input, reopen!(), prefix, true);
	if (streamed.lines === 0) input.problems.push('The file is empty: nothing to read.');
	if (streamed.longLines > 0) input.problems.push(`${streamed.longLines} line(s) longer than ${MAX_LINE_CHARS / 1024 / 1024} Mi characters were read up to that length only (the first: line ${streamed.firstLongLine}).`);
	const pasted = state.paste ? `${state.paste.undone}; ` : '';
	// A backup product's text reader takes any line as its own: whether a paste it claims holds other formats
	// is asked of the sections too.
	const sections = state.held && (given || result === null || result.unparsedLines > 0 || found?.format.origin === 'backup-product') ? sectionsOf(input.path, state.held, state.tails) : [];
	if (sections.length > 0 && (!found || new Set(sections.map((s) => s.format)).size > 1)) {
		return readSections(read, state.held!, sections, `${prefix}${pasted}`, streamed.reason);
	}
	if (!found || !result) {
		const described = describeUnknown(
			(state.held ?? state.unclaimedHead).filter((l): l is string => l !== null),
			streamed.lines,
		);
		input.formatReason = `${prefix}${pasted}${described}; encoding: ${streamed.reason}`;
		input.unparsedLines = streamed.lines;
		return read;
	}
	input.format = found.format.id;
	input.formatReason = `${prefix}${pasted}${found.format.title} (${found.detection.variant}): ${found.detection.reason}; encoding: ${streamed.reason}`;
	read.facts = takeResult(input, result);
	return read;
}

/**
 * The sections of a text's clean lines (see cutSections), as indices of `lines`: a hard wrap's tails (`tails`,
 * null: their text is in the line before) are left out, as a blank line would end a block where they are.
 */
function sectionsOf(path: string, lines: readonly (string | null)[], tails: readonly number[]): Section[] {
	if (tails.length === 0) return cutSections(path, lines);
	const skip = new Set(tails);
	const at: number[] = [];
	const own = lines.filter((_, i) => !skip.has(i) && at.push(i) > 0);
	return cutSections(path, own).map((s) => ({ ...s, from: at[s.from], to: s.to < at.length ? at[s.to] : lines.length }));
}

/**
 * The ranges of a file other threads read, taken where its reader (`reading()`, null while there is none or
 * it reads a paste) may be resumed and is of the format they were read as; the others are read here.
 */
function spliceRanges(abs: string, provider: RangeProvider, reading: () => { format: FormatDefinition; detection: Detection; reader: LineReader } | null): Splice {
	let cuts: number[] = [];
	return {
		cuts: (encoding) => (cuts = findCuts(abs, encoding, provider.targets)),
		take(offset) {
			const now = reading();
			const wanted = now?.reader.resumable?.() === true;
			const range = provider.take(cuts.indexOf(offset), wanted);
			return wanted && range && range.format === now!.format.id && range.variant === now!.detection.variant ? range : null;
		},
	};
}

/** The first format whose detect claims a text's (clean) head, and why; null when none does. */
export function chooseFormat(content: readonly string[]): { format: FormatDefinition; detection: Detection } | null {
	for (const format of FORMATS) {
		const detection = format.detect(content);
		if (detection) return { format, detection };
	}
	return null;
}

/** An on-disk .evtx, read 64 KiB chunk by chunk from its descriptor (a 1 GiB log never sits in memory). */
function readEvtxOnDisk(input: InputFile, abs: string): TextFileRead {
	const fd = fs.openSync(abs, 'r');
	try {
		return readEvtxInput(input, fdSource(fd), '');
	} finally {
		fs.closeSync(fd);
	}
}

/** Reads an .evtx into `input` (its records counted, its damage in problems) and returns its facts. */
function readEvtxInput(input: InputFile, source: EvtxSource, prefix: string): TextFileRead {
	const read = readEvtxEvents(source, input.path);
	Object.assign(input, {
		format: windowsEventsEvtx.id,
		formatReason: `${prefix}${read.reason}`,
		records: read.records,
		recoveredRecords: read.recoveredRecords,
		unreadableRecords: read.unreadableRecords,
	});
	return { input, sections: [], facts: takeResult(input, read) };
}

/** Adds what reading a text gave to the run: its further sections' inputs (its own is there) and its facts. */
function take(ctx: RunContext, read: TextFileRead): void {
	appendAll(ctx.inputs, read.sections);
	ctx.parts.push(read.facts);
}

/** Ends a reader: its unparsed lines, problems and clock go to `input`; returns its facts. */
function endReader(input: InputFile, reader: LineReader): Partial<Facts> {
	return takeResult(input, reader.end());
}

/** What a reader's end gave: its unparsed lines, problems and clock go to `input`; returns its facts. */
function takeResult(input: InputFile, result: ReturnType<LineReader['end']>): Partial<Facts> {
	input.unparsedLines = result.unparsedLines;
	appendAll(input.problems, result.problems);
	if (result.clock) input.clock = result.clock;
	return result.facts;
}

/**
 * Reads each section of a text with its format, as an input of its own with its line range (the same
 * path, so evidence lines are the file's); the lines before the first section, or between two, make an
 * unknown entry that counts them as unparsed. `input` becomes the first entry.
 */
function readSections(read: TextFileRead, lines: readonly (string | null)[], sections: readonly Section[], prefix: string, encodingReason: string): TextFileRead {
	const { input } = read;
	const facts: Partial<Facts>[] = [];
	const entries: InputFile[] = [];
	const entry = (from: number, to: number): InputFile => {
		const e: InputFile = entries.length === 0 ? input : { ...newInput(input.path), encoding: input.encoding, eol: input.eol };
		Object.assign(e, { lines: to - from, section: { firstLine: from + 1, lastLine: to } });
		entries.push(e);
		return e;
	};
	// Lines with text before the first section, or between two (a sentence a person wrote), are an unknown
	// entry of their own.
	const gap = (from: number, to: number) => {
		const e = entry(from, to);
		e.formatReason = `${prefix}${describeUnknown(
			lines.slice(from, to).filter((l): l is string => l !== null),
			to - from,
		)}; encoding: ${encodingReason}`;
		e.unparsedLines = e.lines;
	};
	let cursor = 0;
	for (const s of sections) {
		// Blank lines and code fences between go to the entry before (or, before the first, the first): every line is in one.
		const blankGap = !lines.slice(cursor, s.from).some((l) => l !== null && l.trim() !== '');
		const before = entries.at(-1);
		if (!blankGap) gap(cursor, s.from);
		else if (before?.section) Object.assign(before, { lines: before.lines + s.from - cursor, section: { ...before.section, lastLine: s.from } });
		const e = entry(blankGap && !before ? cursor : s.from, s.to);
		cursor = s.to;
		e.format = s.format.id;
		e.formatReason = `${prefix}section of lines ${s.from + 1}–${s.to}: ${s.format.title} (${s.detection.variant}): ${s.detection.reason}; encoding: ${encodingReason}`;
		const reader = s.format.reader(input.path, s.detection);
		for (let i = s.from; i < s.to; i++) {
			const l = lines[i];
			if (l !== null) reader.line(l, i + 1);
		}
		facts.push(endReader(e, reader));
	}
	const merged: Partial<Facts> = {};
	for (const f of facts) {
		for (const key of Object.keys(f) as (keyof Facts)[]) appendAll((merged[key] ??= []) as unknown[], f[key]!);
	}
	return { input, sections: entries.slice(1), facts: merged };
}

/** `1.5 MiB`-style size for messages. */
export function formatBytes(n: number): string {
	const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
	let u = 0;
	let v = n;
	while (v >= 1024 && u < units.length - 1) {
		v /= 1024;
		u++;
	}
	return u === 0 ? `${n} bytes` : `${v.toFixed(1)} ${units[u]}`;
}
