import * as assert from 'assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { describeUnknown } from '../../src/core/ingest/unknown';

/** The formatReason of one text no format reads. */
const reason = (text: string | Uint8Array) => analyzeText([{ name: 'x.txt', text }]).inputs[0].formatReason;

describe('unknown inputs say what they look like and why they were not read', () => {
	it('an XML document declaring a DTD', () => {
		assert.match(reason('<?xml version="1.0"?>\n<!DOCTYPE note [<!ENTITY a "b">]>\n<note>&a;</note>\n'), /^not read: the XML declares a DTD/);
	});

	it('prose with no log line in it, with its line count', () => {
		assert.match(reason('The backup failed last night.\nWe restarted the server and it worked again.\n'), /^prose: no log line \(no timestamp, no key: value structure, no code\) in 2 lines; encoding/);
	});

	it('a format not known yet, its first line with text quoted and cut at 120 characters', () => {
		const first = `2024-01-02 03:04:05 [agent] ${'x'.repeat(200)}`;
		const r = reason(`\n${first}\nsecond line\n`);
		assert.match(r, /^a log with time stamps, of a format not known yet; its first line with text: '2024-01-02 03:04:05 \[agent\] x+…'/);
		assert.equal(r.split("'")[1].length, 121);
	});

	it('binary content', () => {
		assert.match(reason(new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254, 0, 7])), /^binary content/);
	});

	it('blank and empty texts', () => {
		assert.equal(describeUnknown(['', '  '], 2), 'no content: every line is blank');
		assert.equal(describeUnknown([], 0), 'empty');
	});
});
