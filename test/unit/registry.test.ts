import * as assert from 'assert/strict';
import { FORMATS } from '../../src/core/formats';
import { DETECT_LINES, readLines } from '../../src/core/formats/lib/format';

describe('format registry: samples are part of each definition', () => {
	it('ids are unique and every format documents itself and has samples', () => {
		assert.equal(new Set(FORMATS.map((f) => f.id)).size, FORMATS.length);
		for (const f of FORMATS) {
			assert.match(f.url, /^https:\/\//, f.id);
			assert.ok(f.variants.length > 0 && f.variants.every((v) => v.samples.length > 0), f.id);
		}
	});

	for (const [index, format] of FORMATS.entries()) {
		for (const variant of format.variants) {
			variant.samples.forEach((sample, n) => {
				it(`${format.id} / ${variant.name} sample ${n + 1} is recognised by its own format and by no format before it`, () => {
					const head = sample.split(/\r?\n/).slice(0, DETECT_LINES);
					for (const earlier of FORMATS.slice(0, index)) assert.equal(earlier.detect(head), null, `${earlier.id} claims it`);
					const d = format.detect(head);
					assert.ok(d, 'not recognised');
					assert.ok(d.reason.length > 0);
					const read = readLines(format, 's', sample.split(/\r?\n/), d);
					assert.equal(read.unparsedLines, 0, 'a sample reads without unparsed lines');
				});
			});
		}
	}

	it('a file of another kind is recognised by no format', () => {
		const head = ['2019-07-10T01:00:11.870Z| vmx| I125: SnapshotVMX_TakeSnapshot start', 'random text'];
		for (const f of FORMATS) assert.equal(f.detect(head), null, f.id);
	});
});
