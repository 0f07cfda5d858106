import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../src/core';
import { fixture } from './fixtures';

describe('analysis progress', () => {
	it('reports files and on-disk bytes done, ending at the totals, never going back', () => {
		const dir = fixture('archives', 'case-05-as-sent');
		const sizes = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
		const calls: [number, number, number, number][] = [];
		analyze([dir], { onProgress: (...args) => calls.push(args) });
		assert.ok(calls.length >= 2, 'one call per file, archive members included');
		const last = calls[calls.length - 1];
		assert.deepStrictEqual([last[0], last[2], last[3]], [last[1], sizes, sizes]);
		for (let i = 1; i < calls.length; i++) {
			assert.ok(calls[i][0] > calls[i - 1][0] && calls[i][2] >= calls[i - 1][2], `call ${i} went back`);
		}
	});
});
