import { parseString } from 'xml2js';

/** An element as xml2js gives it: attributes under `$`, children by tag name, text under `_`. */
export interface XmlElement {
	$?: Record<string, string>;
	_?: string;
	[child: string]: XmlElement[] | Record<string, string> | string | undefined;
}

/**
 * Parses one XML document synchronously (xml2js calls back before returning when not async). A DTD is
 * refused outright: support bundles come from unknown senders, and entity tricks (billion laughs,
 * external entities) live there. Namespace prefixes are stripped so `vss:BACKUP_COMPONENTS` and
 * `BACKUP_COMPONENTS` read alike.
 */
export function parseXml(text: string): { root: Record<string, XmlElement> } | { error: string } {
	if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { error: 'the XML declares a DTD or entities, which are not read' };
	let result: { root: Record<string, XmlElement> } | { error: string } = { error: 'the XML parser gave no result' };
	parseString(text, { explicitArray: true, tagNameProcessors: [(name: string) => name.replace(/^[^:]*:/, '')] }, (err: Error | null, doc: Record<string, XmlElement> | null) => {
		result = err || !doc ? { error: String(err?.message ?? 'empty document').split('\n')[0] } : { root: doc };
	});
	return result;
}

/** Depth-first search for elements with a tag name, at any depth (documents may be wrapped in `<root>`). */
export function findElements(node: unknown, tag: string, out: XmlElement[] = []): XmlElement[] {
	if (Array.isArray(node)) {
		for (const n of node) findElements(n, tag, out);
	} else if (node && typeof node === 'object') {
		for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
			if (key === '$' || key === '_') continue;
			// xml2js gives the document element as an object and every child as an array.
			if (key === tag) out.push(...(Array.isArray(value) ? (value as XmlElement[]) : [value as XmlElement]));
			findElements(value, tag, out);
		}
	}
	return out;
}

/** Children of an element with a tag name. */
export function children(el: XmlElement, tag: string): XmlElement[] {
	const v = el[tag];
	return Array.isArray(v) ? v : [];
}
