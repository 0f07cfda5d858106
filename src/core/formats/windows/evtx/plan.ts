import { K, type ChunkContext, type Element, type Instance, type Node } from './binxml';
import type { EvtxEvent } from './event';
import { isoToMs } from './event';
import { filetimeIsoMs, T, valueText } from './values';

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

/** Where a System field's value comes from: a substitution index, or literal text (index -1). */
interface FieldSource { field: NumField | StrField; num: boolean; attr: boolean; index: number; optional: boolean; literal: string }

/** A compiled template: System field sources and the Event's other children (walked generically). */
export interface Plan { fields: FieldSource[]; rest: Node[] }

const ELEMENT_FIELDS: Record<string, NumField | StrField> = {
	EventID: 'eventId', Version: 'version', Level: 'level', Task: 'task', Opcode: 'opcode', Keywords: 'keywords',
	EventRecordID: 'recordId', Channel: 'channel', Computer: 'computer',
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
	if (typeof n === 'string') return { field, num, attr, index: -1, optional: false, literal: n };
	return n.k === K.Sub ? { field, num, attr, index: n.index, optional: n.optional, literal: '' } : null;
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
	return { fields, rest: event.children.filter((c) => c !== system) };
}

/** An integer value as a number (text values parsed), or null when the type is not an integer. */
function intValue(buf: Buffer, off: number, size: number, type: number): number | null {
	// Unsigned types straight from the bytes; others through their text, so that negative and hex values
	// give null exactly as the XML reader's digits-only rule does.
	switch (type) {
		case T.UInt8: return size >= 1 ? buf[off] : null;
		case T.UInt16: return size >= 2 ? buf.readUInt16LE(off) : null;
		case T.UInt32: return size >= 4 ? buf.readUInt32LE(off) : null;
		case T.UInt64: {
			const n = size >= 8 ? buf.readUInt32LE(off + 4) * 4_294_967_296 + buf.readUInt32LE(off) : null;
			return n !== null && n <= 999_999_999_999_999 ? n : null;
		}
		default: return intOf(valueText(buf, off, size, type));
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

/**
 * Fills the System fields of `e` from an instance's values by the plan; false (fields partly set) when a
 * System value is of a kind only the generic walk handles (array, nested BinXML).
 */
export function applyPlan(ctx: ChunkContext, plan: Plan, inst: Instance, e: EvtxEvent): boolean {
	const { buf } = ctx;
	const out = e as unknown as Record<string, unknown>;
	for (const f of plan.fields) {
		const i = f.index;
		if (i < 0) {
			// An empty literal attribute is omitted, as the walk omits every empty attribute.
			if (!(f.attr && f.literal === '')) out[f.field] = f.num ? intOf(f.literal) : f.literal;
			continue;
		}
		const type = i < inst.types.length ? inst.types[i] : T.Null;
		if ((type & T.Array) !== 0 || type === T.BinXml) return false;
		if (type === T.Null || inst.sizes[i] === 0) {
			// Null: an attribute or optional element is dropped (field stays null); a normal element is empty.
			if (!f.attr && !f.optional && !f.num) out[f.field] = '';
			continue;
		}
		const off = inst.offsets[i], size = inst.sizes[i];
		if (f.num) {
			const n = intValue(buf, off, size, type);
			if (f.field === 'recordId') e.recordId = n ?? e.recordId;
			else out[f.field] = n;
		} else if (f.field === 'timeCreated') {
			const t = type === T.FileTime && size >= 8 ? filetimeIsoMs(buf, off) : isoToMs(valueText(buf, off, size, type));
			if (t !== null) e.timeCreated = t;
		} else {
			const s = valueText(buf, off, size, type);
			if (s !== '' || !f.attr) out[f.field] = s;
		}
	}
	return true;
}
