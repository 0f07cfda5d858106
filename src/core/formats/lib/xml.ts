import { parseString } from 'xml2js';
import { appendAll } from '../../collections';

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
	if (text.length > MAX_XML_CHARS) return { error: `the XML document is longer than ${MAX_XML_CHARS / 1024 / 1024} Mi characters, which is not read` };
	if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { error: 'the XML declares a DTD or entities, which are not read' };
	let result: { root: Record<string, XmlElement> } | { error: string } = { error: 'the XML parser gave no result' };
	const failed = (err: unknown) => ({ error: String((err as Error | null)?.message ?? 'empty document').split('\n')[0] });
	try {
		parseString(text, { explicitArray: true, tagNameProcessors: [(name: string) => name.replace(/^[^:]*:/, '')] }, (err: Error | null, doc: Record<string, XmlElement> | null) => {
			result = err || !doc ? failed(err) : { root: doc };
		});
	} catch (e) {
		// xml2js rethrows an error that comes after the root element closed (junk after the document)
		// instead of calling back: it is the same kind of damage.
		result = failed(e);
	}
	return result;
}

/**
 * Longest document parsed (UTF-16 code units, 32 Mi): the parser holds the whole tree, and real VSS
 * documents and events are a few KiB to a few MiB.
 */
export const MAX_XML_CHARS = 32 * 1024 * 1024;

/** Depth-first search for elements with a tag name, at any depth (documents may be wrapped in `<root>`). */
export function findElements(node: unknown, tag: string, out: XmlElement[] = []): XmlElement[] {
	if (Array.isArray(node)) {
		for (const n of node) findElements(n, tag, out);
	} else if (node && typeof node === 'object') {
		for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
			if (key === '$' || key === '_') continue;
			// xml2js gives the document element as an object and every child as an array.
			if (key === tag) appendAll(out, Array.isArray(value) ? (value as XmlElement[]) : [value as XmlElement]);
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
