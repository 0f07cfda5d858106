import { BinXmlParser, K, MAX_NESTING, type ChunkContext, type Element, type Instance, type Node } from './binxml';
import { arrayItems, T, valueText } from './values';

/**
 * Walks a parsed record (template instances spliced with their values) and reports it to a Sink as
 * SAX-like calls. This is where the substitution rules of evtx-format.md §7.3–7.5 live: optional
 * substitutions drop their attribute or element when null, array values repeat the element that holds
 * them, nested BinXML values (0x21) are parsed and walked in place. Text reaches the sink unescaped.
 */
export interface Sink {
	start(name: string): void;
	/** Called after start() and before any content; empty values are never reported (Event Viewer omits them). */
	attr(name: string, value: string): void;
	text(text: string): void;
	/** `&name;` in content (attribute values get the resolved character). */
	entity(name: string): void;
	cdata(text: string): void;
	pi(target: string, data: string): void;
	end(): void;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The character of a predefined entity, or the reference itself for others. */
export const entityText = (name: string): string => ENTITIES[name] ?? `&${name};`;

/** Values of the innermost template instance, with one substitution optionally bound to one array item. */
interface Scope {
	inst: Instance | null;
	bound: number;
	item: string;
}

const NO_SCOPE: Scope = { inst: null, bound: -1, item: '' };

/** Whether value `i` of an instance is absent: out of range (libevtx#24), Null, or empty. */
function isNull(inst: Instance, i: number): boolean {
	return i >= inst.n || inst.types[i] === T.Null || inst.sizes[i] === 0;
}

function allNull(inst: Instance, subs: readonly number[]): boolean {
	for (const i of subs) if (!isNull(inst, i)) return false;
	return true;
}

/** Walks a record's top-level nodes into the sink. */
export function walk(ctx: ChunkContext, nodes: readonly Node[], sink: Sink): void {
	walkNodes(ctx, nodes, NO_SCOPE, sink, 0);
}

/** Walks nodes of a template definition with the values of its instance (the fast lane's EventData/UserData). */
export function walkInstance(ctx: ChunkContext, nodes: readonly Node[], inst: Instance, sink: Sink): void {
	walkNodes(ctx, nodes, { inst, bound: -1, item: '' }, sink, 0);
}

function walkNodes(ctx: ChunkContext, nodes: readonly Node[], scope: Scope, sink: Sink, nesting: number): void {
	for (const node of nodes) {
		if (typeof node === 'string') {
			sink.text(node);
			continue;
		}
		switch (node.k) {
			case K.Element:
				walkElement(ctx, node, scope, sink, nesting);
				break;
			case K.Sub:
				walkSub(ctx, node.index, scope, sink, nesting);
				break;
			case K.Entity:
				sink.entity(node.name);
				break;
			case K.CharRef:
				sink.text(String.fromCodePoint(node.code));
				break;
			case K.CData:
				sink.cdata(node.text);
				break;
			case K.Pi:
				sink.pi(node.target, node.data);
				break;
			case K.Instance:
				walkNodes(ctx, node.def, { inst: node, bound: -1, item: '' }, sink, nesting);
				break;
		}
	}
}

function walkElement(ctx: ChunkContext, el: Element, scope: Scope, sink: Sink, nesting: number): void {
	const { inst } = scope;
	if (inst !== null && el.subs.length > 0) {
		if (el.optionalOnly && allNull(inst, el.subs)) return;
		for (const i of el.subs) {
			if (i === scope.bound || i >= inst.n || !(inst.types[i] & T.Array)) continue;
			// An array repeats the element once per item; an empty array still gives one empty element.
			const items = arrayItems(ctx.buf, inst.offsets[i], inst.sizes[i], inst.types[i]);
			if (items.length === 0) items.push('');
			for (const item of items) emitElement(ctx, el, { inst, bound: i, item }, sink, nesting);
			return;
		}
	}
	emitElement(ctx, el, scope, sink, nesting);
}

function emitElement(ctx: ChunkContext, el: Element, scope: Scope, sink: Sink, nesting: number): void {
	sink.start(el.name);
	for (const a of el.attrs) {
		const value = attrValue(ctx, a.value, scope);
		if (value !== null && value !== '') sink.attr(a.name, value);
	}
	walkNodes(ctx, el.children, scope, sink, nesting);
	sink.end();
}

/** An attribute's text, or null when an optional substitution in it is null (the attribute is dropped). */
function attrValue(ctx: ChunkContext, nodes: readonly Node[], scope: Scope): string | null {
	let out = '';
	for (const node of nodes) {
		if (typeof node === 'string') out += node;
		else if (node.k === K.Sub) {
			if (scope.inst === null) continue;
			if (node.optional && isNull(scope.inst, node.index)) return null;
			out += subText(ctx, node.index, scope);
		} else if (node.k === K.Entity) out += entityText(node.name);
		else if (node.k === K.CharRef) out += String.fromCodePoint(node.code);
	}
	return out;
}

/** Text of a substitution value (arrays joined by commas when not expanded by their element; BinXML gives nothing). */
function subText(ctx: ChunkContext, i: number, scope: Scope): string {
	if (i === scope.bound) return scope.item;
	const inst = scope.inst;
	if (inst === null || isNull(inst, i)) return '';
	const type = inst.types[i];
	if (type === T.BinXml) return '';
	if (type & T.Array) return arrayItems(ctx.buf, inst.offsets[i], inst.sizes[i], type).join(',');
	return valueText(ctx.buf, inst.offsets[i], inst.sizes[i], type);
}

function walkSub(ctx: ChunkContext, i: number, scope: Scope, sink: Sink, nesting: number): void {
	const inst = scope.inst;
	if (inst === null || (i !== scope.bound && isNull(inst, i))) return;
	if (i !== scope.bound && inst.types[i] === T.BinXml) {
		if (nesting >= MAX_NESTING) return;
		// Nested BinXML: its names are chunk offsets too, and its elements carry no dependency id.
		const start = inst.offsets[i];
		const nodes = new BinXmlParser(ctx, start, start + inst.sizes[i], false).fragment(nesting + 1);
		walkNodes(ctx, nodes, NO_SCOPE, sink, nesting + 1);
		return;
	}
	const text = subText(ctx, i, scope);
	if (text !== '') sink.text(text);
}
