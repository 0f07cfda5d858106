import type { Facts } from '../formats/lib/format';

/**
 * How a reading thread hands a file's records to the main thread. A message is a structured clone, and V8
 * rebuilds each cloned object one property at a time from an empty `{}`: four properties in the object,
 * the rest in a separate property array, and a new copy of every string, `"info"` and `"vcpu-0"` included.
 * JSON.parse builds each object with all its properties in it and keeps one copy of each short string: the
 * 210,000 records of the `vms` bench bundle took about 100 bytes less each (measured per object on
 * Node 20: a record's fields 330 → 104 bytes, its source 106 → 80). So a file's records go as JSON text,
 * when JSON gives them back exactly; anything else goes as a structured clone, as before.
 */

/** A file's facts as posted: `parts[i].records` left out where `records[i]` holds them as JSON text. */
export interface PostedParts {
	parts: Partial<Facts>[];
	records: (string | null)[];
}

/** The facts of a file, ready to post: each part's records as JSON text when that loses nothing. */
export function packRecords(parts: readonly Partial<Facts>[]): PostedParts {
	const posted: PostedParts = { parts: [], records: [] };
	for (const part of parts) {
		const { records, ...rest } = part;
		const asText = records !== undefined && records.length > 0 && isJsonExact(records);
		posted.parts.push(asText ? rest : part);
		posted.records.push(asText ? JSON.stringify(records) : null);
	}
	return posted;
}

/** The facts posted by packRecords, as the reading thread had them (records after the other facts). */
export function unpackRecords({ parts, records }: PostedParts): Partial<Facts>[] {
	for (let i = 0; i < parts.length; i++) {
		const text = records[i];
		if (text !== null) parts[i].records = JSON.parse(text) as Facts['records'];
	}
	return parts;
}

/**
 * Whether JSON.parse(JSON.stringify(value)) gives a value a structured clone cannot tell from it: JSON
 * drops undefined properties (`'vmx' in fields` would change), writes NaN, Infinity and array holes as
 * null, -0 as 0, and an object with a prototype or toJSON as something else.
 */
function isJsonExact(value: unknown): boolean {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return true;
		case 'number':
			return Number.isFinite(value) && !Object.is(value, -0);
		case 'object': {
			if (value === null) return true;
			if (Array.isArray(value)) {
				for (let i = 0; i < value.length; i++) if (!(i in value) || !isJsonExact(value[i])) return false;
				return true;
			}
			if (Object.getPrototypeOf(value) !== Object.prototype) return false;
			const object = value as Record<string, unknown>;
			for (const key in object) if (!isJsonExact(object[key])) return false;
			return true;
		}
		default:
			return false;
	}
}
