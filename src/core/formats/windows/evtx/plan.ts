import { K, recordInstance, StrMemo, type ChunkContext, type Element, type Instance, type Node } from './binxml';
import type { EvtxEvent } from './event';
import { isoToMs } from './event';
import { arrayItems, filetimeIsoMs, T, valueText } from './values';

/**
 * The fast lane for `<System>`: a template definition is looked at once per chunk, and each System value
 * that is a plain substitution (the Windows shape) is mapped to its event field. A record then reads those
 * fields straight from its values — numbers without going through text — and only the rest of the event
 * (EventData/UserData) is walked. A System of any other shape (literals mixed with substitutions, arrays,
 * unknown nesting) gets no plan, and the record takes the generic walk; both give the same event (tested).
 */

/** Event fields that hold numbers, and those that hold strings. */
type NumField = 'eventId' | 'qualifiers' | 'version' | 'level' | 'task' | 'opcode' | 'recordId' | 'processId' | 'threadId';
type StrField = 'provider' | 'providerGuid' | 'eventSourceName' | 'keywords' | 'channel' | 'computer' | 'userSid' | 'timeCreated';

/**
 * Field numbers: applyPlan switches on them and stores each property by its literal name. A store keyed by
 * a variable name (`out[f.field]`) goes through V8's megamorphic keyed-store path, several times slower
 * per field, and there are ~17 fields per record.
 */
const FIELD_IDS: Record<NumField | StrField, number> = {
	eventId: 0,
	qualifiers: 1,
	version: 2,
	level: 3,
	task: 4,
	opcode: 5,
	recordId: 6,
	processId: 7,
	threadId: 8,
	provider: 9,
	providerGuid: 10,
	eventSourceName: 11,
	keywords: 12,
	channel: 13,
	computer: 14,
	userSid: 15,
	timeCreated: 16,
};

/** Where a System field's value comes from: a substitution index, or literal text (index -1). */
interface FieldSource {
	field: NumField | StrField;
	id: number;
	num: boolean;
	attr: boolean;
	index: number;
	optional: boolean;
	literal: string;
}

/**
 * One `<Data>` or `<Binary>` of a plain EventData: a literal name (null when absent or empty) and either a
 * substitution (index ≥ 0) or literal text (index -1, `literal`).
 */
export interface DataSource {
	binary: boolean;
	name: string | null;
	index: number;
	optional: boolean;
	literal: string;
	/**
	 * Recent values of this item by their bytes: insertion strings repeat too (SCM 7036: a few service
	 * names, "running"/"stopped", the service key in Binary). Plans are compiled per chunk, so the memo's
	 * buffer positions stay in their chunk.
	 */
	memo: StrMemo;
}

/**
 * A compiled template: System field sources, the Event's other children (`rest`, walked generically unless
 * one of the two lanes below applies), and
 * - `data`: when those children are only EventData of the plain shape (`<Data Name="literal">%n</Data>`,
 *   `<Binary>%n</Binary>`), their sources — then no walk or sink is needed at all;
 * - `nested`: when they are one substitution (Windows' shape: `<Event><System>…</System>%n</Event>` with
 *   value n a 0x21 stream holding a template instance of `<EventData>`), its index — the nested template
 *   then gets its own DataSources (dataPlanOf). -1 otherwise.
 */
export interface Plan {
	fields: FieldSource[];
	rest: Node[];
	data: DataSource[] | null;
	nested: number;
}

const ELEMENT_FIELDS: Record<string, NumField | StrField> = {
	EventID: 'eventId',
	Version: 'version',
	Level: 'level',
	Task: 'task',
	Opcode: 'opcode',
	Keywords: 'keywords',
	EventRecordID: 'recordId',
	Channel: 'channel',
	Computer: 'computer',
};
const ATTR_FIELDS: Record<string, Record<string, NumField | StrField>> = {
	Provider: { Name: 'provider', Guid: 'providerGuid', EventSourceName: 'eventSourceName' },
	EventID: { Qualifiers: 'qualifiers' },
	TimeCreated: { SystemTime: 'timeCreated' },
	Execution: { ProcessID: 'processId', ThreadID: 'threadId' },
	Security: { UserID: 'userSid' },
};
const NUM_FIELDS = new Set<string>(['eventId', 'qualifiers', 'version', 'level', 'task', 'opcode', 'recordId', 'processId', 'threadId']);

/** A field source from a value node list that is exactly one substitution or one literal; null for anything else. */
function source(field: NumField | StrField, attr: boolean, nodes: readonly Node[]): FieldSource | null {
	const num = NUM_FIELDS.has(field);
	if (nodes.length !== 1) return null;
	const n = nodes[0];
	const id = FIELD_IDS[field];
	if (typeof n === 'string') return { field, id, num, attr, index: -1, optional: false, literal: n };
	return n.k === K.Sub ? { field, id, num, attr, index: n.index, optional: n.optional, literal: '' } : null;
}

/** The plan of a template definition body, or null when its System is not of the plain shape. */
export function compilePlan(def: readonly Node[]): Plan | null {
	if (def.length !== 1 || typeof def[0] === 'string' || def[0].k !== K.Element || def[0].name !== 'Event') return null;
	const event = def[0];
	const system = event.children.find((c): c is Element => typeof c !== 'string' && c.k === K.Element && c.name === 'System');
	if (!system) return null;
	const fields: FieldSource[] = [];
	for (const child of system.children) {
		if (typeof child === 'string' || child.k !== K.Element) return null;
		const el = child;
		const f = ELEMENT_FIELDS[el.name];
		if (f !== undefined) {
			const s = source(f, false, el.children);
			if (!s) return null;
			fields.push(s);
		} else if (el.children.length > 0) return null;
		const attrs = ATTR_FIELDS[el.name] ?? {};
		for (const a of el.attrs) {
			const af = attrs[a.name];
			if (af === undefined) continue;
			const s = source(af, true, a.value);
			if (!s) return null;
			fields.push(s);
		}
	}
	const rest = event.children.filter((c) => c !== system);
	const only = rest.length === 1 ? rest[0] : null;
	return { fields, rest, data: compileData(rest), nested: only !== null && typeof only !== 'string' && only.k === K.Sub ? only.index : -1 };
}

/** The DataSources of a template definition nested in a value (cached per chunk), null when not plain EventData. */
function dataPlanOf(ctx: ChunkContext, def: Node[]): DataSource[] | null {
	let data = ctx.dataPlans.get(def);
	if (data === undefined) ctx.dataPlans.set(def, (data = compileData(def)));
	return data;
}

/** The DataSources of Event children that are all plain EventData elements, else null (see Plan). */
function compileData(rest: readonly Node[]): DataSource[] | null {
	const out: DataSource[] = [];
	for (const node of rest) {
		if (typeof node === 'string' || node.k !== K.Element || node.name !== 'EventData' || node.attrs.length > 0) return null;
		for (const c of node.children) {
			if (typeof c === 'string' || c.k !== K.Element || (c.name !== 'Data' && c.name !== 'Binary')) return null;
			let name: string | null = null;
			if (c.attrs.length > 1) return null;
			if (c.attrs.length === 1) {
				const a = c.attrs[0];
				if (a.name !== 'Name' || c.name !== 'Data') return null;
				if (a.value.length > 1 || (a.value.length === 1 && typeof a.value[0] !== 'string')) return null;
				// The walk omits an empty attribute, so an empty Name is no name.
				name = a.value.length === 1 && a.value[0] !== '' ? (a.value[0] as string) : null;
			}
			const binary = c.name === 'Binary';
			if (c.children.length === 0) out.push({ binary, name, index: -1, optional: false, literal: '', memo: new StrMemo() });
			else if (c.children.length > 1) return null;
			else {
				const v = c.children[0];
				if (typeof v === 'string') out.push({ binary, name, index: -1, optional: false, literal: v, memo: new StrMemo() });
				else if (v.k === K.Sub) out.push({ binary, name, index: v.index, optional: v.optional, literal: '', memo: new StrMemo() });
				else return null;
			}
		}
	}
	return out;
}

/** An integer value as a number (text values parsed), or null when the type is not an integer. */
function intValue(buf: Buffer, off: number, size: number, type: number): number | null {
	// Unsigned types straight from the bytes; others through their text, so that negative and hex values
	// give null exactly as the XML reader's digits-only rule does.
	switch (type) {
		case T.UInt8:
			return size >= 1 ? buf[off] : null;
		case T.UInt16:
			return size >= 2 ? buf.readUInt16LE(off) : null;
		case T.UInt32:
			return size >= 4 ? buf.readUInt32LE(off) : null;
		case T.UInt64: {
			const n = size >= 8 ? buf.readUInt32LE(off + 4) * 4_294_967_296 + buf.readUInt32LE(off) : null;
			return n !== null && n <= 999_999_999_999_999 ? n : null;
		}
		default:
			return intOf(valueText(buf, off, size, type));
	}
}

/** A decimal text as a number (what the XML reader accepts: digits only), else null. */
export function intOf(s: string): number | null {
	if (s.length === 0 || s.length > 15) return null;
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i) - 48;
		if (c < 0 || c > 9) return null;
		n = n * 10 + c;
	}
	return n;
}

const MEMO_SLOTS = 4;

/** `valueText` of a System string value, from the chunk's memo when the same bytes were decoded before. */
function memoText(memo: StrMemo, buf: Buffer, off: number, size: number, type: number): string {
	const n = memo.text.length;
	for (let j = 0; j < n; j++) {
		if (memo.size[j] !== size || memo.type[j] !== type) continue;
		const o = memo.off[j];
		let k = 0;
		while (k < size && buf[o + k] === buf[off + k]) k++;
		if (k === size) return memo.text[j];
	}
	const text = valueText(buf, off, size, type);
	const j = n < MEMO_SLOTS ? n : memo.next;
	memo.next = (j + 1) % MEMO_SLOTS;
	memo.off[j] = off;
	memo.size[j] = size;
	memo.type[j] = type;
	memo.text[j] = text;
	return text;
}

/** Stores a System number field by its id (literal property names: see FIELD_IDS). */
function setNum(e: EvtxEvent, id: number, n: number | null): void {
	switch (id) {
		case 0:
			e.eventId = n;
			break;
		case 1:
			e.qualifiers = n;
			break;
		case 2:
			e.version = n;
			break;
		case 3:
			e.level = n;
			break;
		case 4:
			e.task = n;
			break;
		case 5:
			e.opcode = n;
			break;
		case 6:
			e.recordId = n ?? e.recordId;
			break;
		case 7:
			e.processId = n;
			break;
		case 8:
			e.threadId = n;
			break;
	}
}

/** Stores a System string field by its id (timeCreated, id 16, is handled by the caller). */
function setStr(e: EvtxEvent, id: number, s: string): void {
	switch (id) {
		case 9:
			e.provider = s;
			break;
		case 10:
			e.providerGuid = s;
			break;
		case 11:
			e.eventSourceName = s;
			break;
		case 12:
			e.keywords = s;
			break;
		case 13:
			e.channel = s;
			break;
		case 14:
			e.computer = s;
			break;
		case 15:
			e.userSid = s;
			break;
	}
}

/**
 * Fills the System fields of `e` from an instance's values by the plan; false (fields partly set) when a
 * System value is of a kind only the generic walk handles (array, nested BinXML).
 */
export function applyPlan(ctx: ChunkContext, plan: Plan, inst: Instance, e: EvtxEvent): boolean {
	const { buf, memos } = ctx;
	const { n, types, offsets, sizes } = inst;
	const fields = plan.fields;
	for (let fi = 0; fi < fields.length; fi++) {
		const f = fields[fi];
		const i = f.index;
		if (i < 0) {
			// An empty literal attribute is omitted, as the walk omits every empty attribute.
			if (!(f.attr && f.literal === '')) {
				if (f.num) setNum(e, f.id, intOf(f.literal));
				else if (f.id === 16) e.timeCreated = f.literal;
				else setStr(e, f.id, f.literal);
			}
			continue;
		}
		const type = i < n ? types[i] : T.Null;
		if ((type & T.Array) !== 0 || type === T.BinXml) return false;
		const size = sizes[i];
		if (type === T.Null || size === 0) {
			// Null: an attribute or optional element is dropped (field stays null); a normal element is empty.
			if (!f.attr && !f.optional && !f.num) {
				if (f.id === 16) e.timeCreated = '';
				else setStr(e, f.id, '');
			}
			continue;
		}
		const off = offsets[i];
		if (f.num) setNum(e, f.id, intValue(buf, off, size, type));
		else if (f.id === 16) {
			const t = type === T.FileTime && size >= 8 ? filetimeIsoMs(buf, off) : isoToMs(valueText(buf, off, size, type));
			if (t !== null) e.timeCreated = t;
		} else {
			const s = memoText((memos[f.id] ??= new StrMemo()), buf, off, size, type);
			if (s !== '' || !f.attr) setStr(e, f.id, s);
		}
	}
	return true;
}

/**
 * Fills `e.data` and `e.binary` from an instance's values by the plan's DataSources, as the walk would
 * (an optional null value drops its element, arrays repeat it, an empty array gives one empty item); false
 * (data partly set) for a nested BinXML value, which only the walk handles.
 */
export function applyData(ctx: ChunkContext, data: readonly DataSource[], inst: Instance, e: EvtxEvent): boolean {
	const { buf } = ctx;
	const { n, types, offsets, sizes } = inst;
	for (let di = 0; di < data.length; di++) {
		const d = data[di];
		const i = d.index;
		let value: string;
		if (i < 0) value = d.literal;
		else {
			const type = i < n ? types[i] : T.Null;
			const size = i < n ? sizes[i] : 0;
			if (i < n && (type & T.Array) !== 0) {
				if (d.optional && size === 0) continue;
				const items = arrayItems(buf, offsets[i], size, type);
				if (items.length === 0) items.push('');
				for (const item of items) {
					if (d.binary) e.binary = item;
					else e.data.push({ name: d.name, value: item });
				}
				continue;
			}
			if (type === T.Null || size === 0) {
				if (d.optional) continue;
				value = '';
			} else if (type === T.BinXml) return false;
			else value = memoText(d.memo, buf, offsets[i], size, type);
		}
		if (d.binary) e.binary = value;
		else e.data.push({ name: d.name, value });
	}
	return true;
}

/**
 * Fills `e.data` and `e.binary` by the plan's `data` or `nested` lane; false when neither applies to this
 * record (the caller then walks `plan.rest`, after clearing what this may have set).
 */
export function applyRest(ctx: ChunkContext, plan: Plan, inst: Instance, e: EvtxEvent): boolean {
	if (plan.data !== null) return applyData(ctx, plan.data, inst, e);
	const i = plan.nested;
	if (i < 0) return false;
	// A null value walks to nothing (its substitution is dropped): no data.
	if (i >= inst.n || inst.types[i] === T.Null || inst.sizes[i] === 0) return true;
	if (inst.types[i] !== T.BinXml) return false;
	const off = inst.offsets[i];
	const nested = recordInstance(ctx, off, off + inst.sizes[i], ctx.nestedScratch);
	if (nested === null) return false;
	const data = dataPlanOf(ctx, nested.def);
	return data !== null && applyData(ctx, data, nested, e);
}
