import * as assert from 'assert';
import { packRecords, unpackRecords } from '../../src/core/ingest/handoff';
import type { Facts } from '../../src/core/formats/lib/format';

/** What the main thread gets: the packed facts through a structured clone, as a message carries them. */
const carried = (parts: Partial<Facts>[]) => unpackRecords(structuredClone(packRecords(parts)));

const record = (fields: Record<string, unknown>) => ({ time: '2024-03-03T16:59:58.904Z', local: null, kind: 'task-completed', fields, source: { path: 'esxi/hostd.log', line: 7 }, text: 'line' }) as unknown as Facts['records'][number];

describe('records handed from a reading thread', () => {
	it('arrive as the thread had them, sent as JSON text when JSON keeps them exactly', () => {
		const parts: Partial<Facts>[] = [{ records: [record({ opId: 'abc', status: 3, ok: true, hr: null }), { ...record({}), fold: { count: 2, spanMs: 10, lastLine: 9, lastText: 'l' } }], writers: [] }, { writers: [] }];
		const packed = packRecords(parts);
		assert.strictEqual(typeof packed.records[0], 'string');
		assert.strictEqual(packed.records[1], null);
		assert.ok(!('records' in packed.parts[0]));
		assert.deepStrictEqual(carried(parts), parts);
	});

	it('go as a structured clone when JSON would change them: an undefined field stays present, NaN and -0 stay', () => {
		// An array with a hole: JSON would write the hole as null.
		const holed = [1, 2, 3];
		delete holed[1];
		for (const value of [undefined, NaN, -0, Infinity, holed]) {
			const parts: Partial<Facts>[] = [{ records: [record({ vmx: value, opId: 'abc' })] }];
			assert.strictEqual(packRecords(parts).records[0], null, String(value));
			const back = carried(parts);
			assert.ok('vmx' in back[0].records![0].fields, String(value));
			assert.deepStrictEqual(back, parts, String(value));
		}
	});
});
