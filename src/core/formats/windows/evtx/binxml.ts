import type { DataSource, Plan } from './plan';
import { ucs2 } from './values';

/**
 * BinXML tokens → a small tree (evtx-format.md §5, §7). Template definitions are parsed once per chunk and
 * cached by chunk offset; a record's template instance keeps only the byte positions of its values, which
 * are decoded when the tree is walked (walk.ts). Names are chunk offsets, cached per chunk too.
 *
 * All positions are absolute offsets in the chunk's buffer; `base` is where the chunk starts, so a chunk
 * offset is `pos - base`. Damage throws a BinXmlError, which the record loop turns into a problem sentence.
 */

/** A token or structure that cannot be read; `at` is the chunk offset where it was found. */
export class BinXmlError extends Error {
	constructor(
		message: string,
		readonly at: number,
	) {
		super(message);
	}
}

/** Node kinds (numbers: the walker switches on them for every node of every record). */
export const K = { Element: 0, Sub: 1, Entity: 2, CharRef: 3, CData: 4, Pi: 5, Instance: 6 } as const;

/** An element; `subs` lists the substitution indices in its direct content (array expansion, optional omission). */
export interface Element {
	k: 0;
	name: string;
	attrs: Attr[];
	children: Node[];
	subs: number[];
	optionalOnly: boolean;
}
/** An attribute: its value is a sequence of text, substitutions and references. */
export interface Attr {
	name: string;
	value: Node[];
}
/** A substitution: value[index] of the enclosing template instance; optional ones drop their attribute/element when null. */
export interface Sub {
	k: 1;
	index: number;
	optional: boolean;
}
/** `&name;` */
export interface Entity {
	k: 2;
	name: string;
}
/** `&#N;` */
export interface CharRef {
	k: 3;
	code: number;
}
/** `<![CDATA[…]]>` */
export interface CData {
	k: 4;
	text: string;
}
/** `<?target data?>` */
export interface Pi {
	k: 5;
	target: string;
	data: string;
}
/**
 * A template instance: the shared definition plus this record's `n` value descriptors (absolute offsets,
 * sizes, types). The arrays may be longer than `n` (reused scratch arrays keep their old tail).
 */
export interface Instance {
	k: 6;
	def: Node[];
	n: number;
	types: number[];
	offsets: number[];
	sizes: number[];
}
/** Literal text is a plain string. */
export type Node = string | Element | Sub | Entity | CharRef | CData | Pi | Instance;

/** Nested BinXML values (type 0x21) deeper than this are refused; real files nest 1–2 levels. */
export const MAX_NESTING = 8;
/** Element nesting deeper than this in one stream is refused (recursion guard against crafted input). */
const MAX_DEPTH = 64;

/**
 * Recent text values of one System string field in one chunk, by their bytes: provider, GUID, keywords,
 * channel, computer and SID repeat from record to record (a chunk holds ~150 records from a handful of
 * providers), so a byte comparison (~10–60 bytes) replaces the decoding, and equal values share one string.
 * Entries are positions in the chunk's buffer, so a memo never outlives its chunk (ChunkContext owns it).
 */
export class StrMemo {
	/** Up to MEMO_SLOTS (plan.ts) entries, replaced round-robin: a few providers interleave within one template. */
	readonly off: number[] = [];
	readonly size: number[] = [];
	readonly type: number[] = [];
	readonly text: string[] = [];
	next = 0;
}

/** Per-chunk state: the buffer, where the chunk starts, and the name and template caches keyed by chunk offset. */
export class ChunkContext {
	readonly names = new Map<number, string>();
	readonly templates = new Map<number, Node[] | BinXmlError>();
	/** System plans of the template definitions above (plan.ts), null when a definition has none. */
	readonly plans = new Map<Node[], Plan | null>();
	/** Per System field id, the chunk's recently decoded string values (plan.ts), made on first use. */
	readonly memos: StrMemo[] = [];
	/**
	 * The record fast lane's instances (recordInstance), refilled for every record — nothing keeps them past
	 * one: the record's own, and the one nested in its EventData value (Windows puts EventData in a 0x21 value).
	 */
	readonly scratch: Instance = { k: K.Instance, def: [], n: 0, types: [], offsets: [], sizes: [] };
	readonly nestedScratch: Instance = { k: K.Instance, def: [], n: 0, types: [], offsets: [], sizes: [] };
	/** EventData plans (plan.ts) of the template definitions nested in values, null when a definition has none. */
	readonly dataPlans = new Map<Node[], DataSource[] | null>();

	/** `end` = first byte past the chunk's data in `buf` (less than base + 64 KiB when a file is cut short). */
	constructor(
		readonly buf: Buffer,
		readonly base: number,
		readonly end: number,
	) {}
}

const tokenName = (t: number) => `0x${t.toString(16).padStart(2, '0')}`;

/** Reads one BinXML stream in `[pos, limit)`. One instance per stream; cheap to create. */
export class BinXmlParser {
	private readonly buf: Buffer;

	/** `inTemplate`: element starts carry a dependency id (only template definition bodies do, §5.3). */
	constructor(
		private readonly ctx: ChunkContext,
		public pos: number,
		private readonly limit: number,
		private readonly inTemplate: boolean,
	) {
		this.buf = ctx.buf;
	}

	private fail(message: string, at = this.pos): never {
		throw new BinXmlError(message, at - this.ctx.base);
	}

	private need(n: number): void {
		if (this.pos + n > this.limit) this.fail(`data ends inside a token (${n} bytes needed, ${this.limit - this.pos} left)`);
	}

	private u8(): number {
		this.need(1);
		return this.buf[this.pos++];
	}

	private u16(): number {
		this.need(2);
		const v = this.buf.readUInt16LE(this.pos);
		this.pos += 2;
		return v;
	}

	private u32(): number {
		this.need(4);
		const v = this.buf.readUInt32LE(this.pos);
		this.pos += 4;
		return v;
	}

	/** `count` UTF-16 code units at the current position. */
	private chars(count: number): string {
		this.need(2 * count);
		const s = ucs2(this.buf, this.pos, this.pos + 2 * count);
		this.pos += 2 * count;
		return s;
	}

	/** A name reference: stored inline when it points at the current position (first use in the chunk), else earlier. */
	private name(): string {
		const ref = this.u32();
		const { ctx } = this;
		const here = this.pos - ctx.base;
		const cached = ctx.names.get(ref);
		if (ref === here) {
			// Inline entry: u32 next, u16 hash, u16 count, count chars, u16 NUL.
			this.need(8);
			const count = this.buf.readUInt16LE(this.pos + 6);
			this.need(10 + 2 * count);
			const s = cached ?? ucs2(this.buf, this.pos + 8, this.pos + 8 + 2 * count);
			this.pos += 10 + 2 * count;
			ctx.names.set(ref, s);
			return s;
		}
		if (cached !== undefined) return cached;
		const at = ctx.base + ref;
		if (ref < 512 || at + 8 > ctx.end) this.fail(`name offset 0x${ref.toString(16)} is outside the chunk`);
		const count = this.buf.readUInt16LE(at + 6);
		if (at + 8 + 2 * count > ctx.end) this.fail(`name at 0x${ref.toString(16)} runs past the chunk`);
		const s = ucs2(this.buf, at + 8, at + 8 + 2 * count);
		ctx.names.set(ref, s);
		return s;
	}

	/** A fragment (optional 0F 01 01 00 header) up to EndOfStream or the limit: its top-level nodes. */
	fragment(nesting: number): Node[] {
		const out: Node[] = [];
		while (this.pos < this.limit) {
			const t = this.buf[this.pos];
			if (t === 0x00) {
				this.pos++;
				// A record may hold further fragments after an EOF ([RS] "multiple EOF markers"): the first root wins.
				break;
			}
			if (t === 0x0f) {
				this.need(4);
				this.pos += 4;
				continue;
			}
			const node = this.content(t, 0, nesting);
			if (node === null) this.fail(`unexpected token ${tokenName(t)} at the top of a fragment`);
			out.push(node);
		}
		return out;
	}

	/**
	 * One content node starting with token `t` (element, text, reference, CDATA, PI, substitution, template
	 * instance), or null when `t` ends the content (EndElement) — the caller decides whether that is legal.
	 */
	private content(t: number, depth: number, nesting: number): Node | null {
		switch (t & ~0x40) {
			case 0x01:
				return this.element(depth, nesting);
			case 0x05:
				return this.text();
			case 0x07: {
				this.pos++;
				return { k: K.CData, text: this.chars(this.u16()) };
			}
			case 0x08: {
				this.pos++;
				return { k: K.CharRef, code: this.u16() };
			}
			case 0x09: {
				this.pos++;
				return { k: K.Entity, name: this.name() };
			}
			case 0x0a: {
				this.pos++;
				const target = this.name();
				let data = '';
				if (this.pos < this.limit && this.buf[this.pos] === 0x0b) {
					this.pos++;
					data = this.chars(this.u16());
				}
				return { k: K.Pi, target, data };
			}
			case 0x0c:
				return this.instance(nesting);
			case 0x0d:
			case 0x0e: {
				this.pos++;
				const index = this.u16();
				this.u8();
				return { k: K.Sub, index, optional: t === 0x0e };
			}
			case 0x04:
				return null;
			default:
				return this.fail(`bad BinXML token ${tokenName(t)}`);
		}
	}

	/** A Value token: type 0x01 (UTF-16 text) is the only one Windows writes. */
	private text(): string {
		this.pos++;
		const type = this.u8();
		if (type !== 0x01) this.fail(`value token of type ${tokenName(type)} (only strings are expected)`);
		return this.chars(this.u16());
	}

	private element(depth: number, nesting: number): Element {
		if (depth > MAX_DEPTH) this.fail(`elements nested deeper than ${MAX_DEPTH}`);
		const start = this.pos;
		const t = this.buf[this.pos++];
		if (this.inTemplate) this.u16();
		else if (this.pos + 4 <= this.limit && this.buf.readUInt32LE(this.pos) > this.limit - this.pos) {
			// Outside templates there is normally no dependency id; some writers add one anyway. A data size
			// larger than what is left means the first two bytes were a dependency id (libfwevt's heuristic).
			this.u16();
		}
		this.u32(); // data size: not trusted for bounds (§5.3)
		const el: Element = { k: K.Element, name: this.name(), attrs: [], children: [], subs: [], optionalOnly: false };
		if (t & 0x40) {
			this.u32(); // attribute list size
			for (;;) {
				const a = this.pos < this.limit ? this.buf[this.pos] : -1;
				if ((a & ~0x40) !== 0x06) break;
				this.pos++;
				const attr: Attr = { name: this.name(), value: [] };
				el.attrs.push(attr);
				this.attrValue(attr.value, nesting);
				if (a === 0x06) break;
			}
		}
		const close = this.u8();
		if (close === 0x03) return el;
		if (close !== 0x02) this.fail(`element <${el.name}> (at 0x${(start - this.ctx.base).toString(16)}) is not closed (token ${tokenName(close)})`, this.pos - 1);
		let optional = 0;
		for (;;) {
			if (this.pos >= this.limit) this.fail(`data ends inside <${el.name}>`);
			const node = this.content(this.buf[this.pos], depth + 1, nesting);
			if (node === null) {
				this.pos++;
				break;
			}
			el.children.push(node);
			if (typeof node !== 'string' && node.k === K.Sub) {
				el.subs.push(node.index);
				if (node.optional) optional++;
			}
		}
		el.optionalOnly = optional > 0 && optional === el.children.length;
		return el;
	}

	/** Value tokens of one attribute, up to the next attribute or the end of the start tag. */
	private attrValue(out: Node[], nesting: number): void {
		while (this.pos < this.limit) {
			const t = this.buf[this.pos];
			const base = t & ~0x40;
			if (base !== 0x05 && base !== 0x08 && base !== 0x09 && base !== 0x0d && base !== 0x0e) return;
			const node = this.content(t, 0, nesting);
			if (node !== null) out.push(node);
		}
	}

	/** A template instance: definition (inline the first time, else a back reference, cached) and value descriptors. */
	private instance(nesting: number): Instance {
		this.pos++;
		this.u8();
		this.u32(); // template id: the GUID's first 4 bytes, not needed
		const defOff = this.u32();
		const { ctx } = this;
		if (defOff === this.pos - ctx.base) {
			// Inline definition: u32 next, 16-byte GUID, u32 body size, body. Skip it; parse it once below.
			this.need(24);
			const bodySize = this.buf.readUInt32LE(this.pos + 20);
			this.need(24 + bodySize);
			this.pos += 24 + bodySize;
		}
		const def = templateAt(ctx, defOff);
		if (def instanceof BinXmlError) throw def;
		const n = this.u32();
		// Each value has a 4-byte descriptor; a count that cannot fit is damage, not a huge allocation.
		if (n * 4 > this.limit - this.pos) this.fail(`template instance claims ${n} values`);
		// Plain arrays: typed arrays cost an ArrayBuffer each, and this runs for every record.
		const types = new Array<number>(n),
			offsets = new Array<number>(n),
			sizes = new Array<number>(n);
		let at = this.pos + 4 * n;
		for (let i = 0; i < n; i++) {
			const size = this.buf.readUInt16LE(this.pos + 4 * i);
			types[i] = this.buf[this.pos + 4 * i + 2];
			offsets[i] = at;
			// A value cut short by damage keeps what is there (decoders print partial data).
			sizes[i] = Math.max(0, Math.min(size, this.limit - at));
			at += size;
		}
		this.pos = Math.min(at, this.limit);
		if (nesting > MAX_NESTING) this.fail(`BinXML nested deeper than ${MAX_NESTING}`);
		return { k: K.Instance, def, n, types, offsets, sizes };
	}
}

/** The parsed body of the template definition at a chunk offset (cached per chunk, failures too). */
export function templateAt(ctx: ChunkContext, defOff: number): Node[] | BinXmlError {
	const cached = ctx.templates.get(defOff);
	if (cached !== undefined) return cached;
	let result: Node[] | BinXmlError;
	const at = ctx.base + defOff;
	if (defOff < 512 || at + 24 > ctx.end) {
		result = new BinXmlError(`template offset 0x${defOff.toString(16)} is outside the chunk`, defOff);
	} else {
		const bodySize = ctx.buf.readUInt32LE(at + 20);
		const end = Math.min(at + 24 + bodySize, ctx.end);
		try {
			result = new BinXmlParser(ctx, at + 24, end, true).fragment(0);
		} catch (e) {
			if (!(e instanceof BinXmlError)) throw e;
			result = new BinXmlError(`template at 0x${defOff.toString(16)}: ${e.message}`, e.at);
		}
	}
	ctx.templates.set(defOff, result);
	return result;
}

/**
 * The record fast lane: when the BinXML in `[pos, limit)` is exactly what Windows writes — an optional
 * fragment header, one template instance, then the end of the stream — its instance, filled into the
 * chunk's scratch arrays without building a parser or node list (three arrays, a parser and a node list
 * fewer per record). Any other shape, or any damage, gives null: the caller then parses generically, which
 * gives the same instance for this shape and the error sentence for damage. Also used for a 0x21 value
 * (a nested stream of the same shape), filling `inst` (one of the context's scratch instances).
 */
export function recordInstance(ctx: ChunkContext, pos: number, limit: number, inst: Instance): Instance | null {
	const { buf, base } = ctx;
	if (pos + 4 <= limit && buf[pos] === 0x0f) pos += 4;
	// 0C, u8, u32 template id, u32 definition offset.
	if (pos + 10 > limit || buf[pos] !== 0x0c) return null;
	const defOff = buf.readUInt32LE(pos + 6);
	pos += 10;
	if (defOff === pos - base) {
		if (pos + 24 > limit) return null;
		const bodySize = buf.readUInt32LE(pos + 20);
		if (pos + 24 + bodySize > limit) return null;
		pos += 24 + bodySize;
	}
	const def = templateAt(ctx, defOff);
	if (def instanceof BinXmlError || pos + 4 > limit) return null;
	const n = buf.readUInt32LE(pos);
	pos += 4;
	if (n * 4 > limit - pos) return null;
	const { types, offsets, sizes } = inst;
	let at = pos + 4 * n;
	// As instance() reads them, with byte loads (in bounds: checked above) for ~18 values per record.
	for (let i = 0, d = pos; i < n; i++, d += 4) {
		const size = buf[d] | (buf[d + 1] << 8);
		types[i] = buf[d + 2];
		offsets[i] = at;
		const left = limit - at;
		sizes[i] = size <= left ? size : left > 0 ? left : 0;
		at += size;
	}
	// Only the end of the stream may follow (what the generic parser's fragment() stops at).
	if (at < limit && buf[at] !== 0x00) return null;
	// Setting the arrays' length instead (to drop the old tail) costs more than the whole loop above.
	inst.n = n;
	inst.def = def;
	return inst;
}
