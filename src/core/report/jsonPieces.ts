/**
 * `JSON.stringify(value, null, 2)` of plain data, cut into pieces: one per element of each array of the
 * top-level object. Joined, the pieces are that very text; written one after the other, the text is never
 * held whole (the report of a bundle with thousands of attempts is tens of MB, and its text and the bytes
 * written from it were the analysis' peak of memory).
 */
export function* jsonPieces(value: unknown): Generator<string> {
	if (!isPlainObject(value)) {
		const text = JSON.stringify(value, null, 2);
		if (text !== undefined) yield text;
		return;
	}
	const record = value as Record<string, unknown>;
	// JSON.stringify leaves out properties it cannot write, and writes an object without any as `{}`.
	const keys = Object.keys(record).filter((k) => !omitted(record[k]));
	if (keys.length === 0) {
		yield '{}';
		return;
	}
	yield '{\n';
	for (const [i, key] of keys.entries()) {
		const v = record[key];
		yield `  ${JSON.stringify(key)}: `;
		if (Array.isArray(v) && v.length > 0 && !hasToJson(v)) {
			yield '[\n';
			for (let j = 0; j < v.length; j++) yield `${atDepth2(v[j])}${j < v.length - 1 ? ',\n' : '\n'}`;
			yield '  ]';
		} else {
			yield atDepth1(v);
		}
		yield i < keys.length - 1 ? ',\n' : '\n';
	}
	yield '}';
}

// A value is written inside one or two arrays, and the arrays' brackets cut off: JSON.stringify then indents
// it as it stands in the report (no pass over its text to indent it again), and writes what JSON cannot
// (undefined, functions) as `null`, as it does in an array.
/** A property value of the top-level object, as it follows its `"key": `. */
const atDepth1 = (v: unknown) => JSON.stringify([v], null, 2).slice('[\n  '.length, -'\n]'.length);
/** An element of a top-level array, with its indentation. */
const atDepth2 = (v: unknown) => JSON.stringify([[v]], null, 2).slice('[\n  [\n'.length, -'\n  ]\n]'.length);
const hasToJson = (v: object) => typeof (v as { toJSON?: unknown }).toJSON === 'function';
const isPlainObject = (v: unknown): v is object => v !== null && typeof v === 'object' && !Array.isArray(v) && !hasToJson(v);
/** What JSON.stringify leaves out of an object: undefined, functions, symbols. */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
