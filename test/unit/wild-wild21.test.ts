import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, quoted, wild } from '../lib/wildText';

// Session 10 (wild21): the vSphere side, round 2 — a client's error quoted above the vmware.log of the same
// try, Linux guests' freeze scripts and sync methods in prose (test/fixtures/wild/README.md names each source),
// with variants of what a paste does to them.

const BOCHE = 'boche-esxi60-tools-10-guestrpc-timed-out-tools-unavailable.txt';

const finding = (r: Report, code: string) => r.findings.find((f) => f.code === code);

describe('wild21: the client says Tools was not available, the vmware.log below shows the quiesced try it ended', () => {
	const readsOneTry = (r: Report) => {
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.quiesced, true);
		assert.equal(a.result, 'failed');
		assert.equal(a.start, '2016-07-29T19:26:47.378Z');
		assert.equal(a.snapshotName, 'jgb');
		assert.deepEqual(codes(r), ['QL108']);
		assert.equal(finding(r, 'QL108')!.attemptId, a.id);
		assert.match(finding(r, 'QL108')!.message, /snapshot 'jgb'/);
	};

	it("the blog (the Web Client's message in prose, ESXi 6.0 lines with typographic quotes, cut mid-line): one failed try at 19:26:47.378, QL108", () => {
		readsOneTry(analyse(wild(BOCHE)));
	});

	it('quoted with `> `, with CRLF, the message below the log, and in the ESXi 7/8 layout (`In(05) vmx -`): the same reading', () => {
		readsOneTry(analyse(quoted(wild(BOCHE))));
		readsOneTry(analyse(crlf(wild(BOCHE))));
		const lines = wild(BOCHE).split('\n');
		const message = lines.findIndex((l) => l.includes('Cannot quiesce'));
		readsOneTry(analyse([...lines.slice(message + 1), '', lines[message]].join('\n')));
		const esxi8 = wild(BOCHE).replace(/^(\S+Z)\| (vmx|vcpu-0)\| I120: /gm, '$1 In(05) $2 - ');
		assert.match(esxi8, /^2016-07-29T19:26:47\.378Z In\(05\) vmx - SnapshotVMX_TakeSnapshot start/m);
		readsOneTry(analyse(esxi8));
	});

	it('negative: a try the log shows done keeps its success, and two open tries leave the message a try of its own', () => {
		const done = `${wild(BOCHE)}\n2016-07-29T19:27:30.001Z| vmx| I120: SnapshotVMXTakeSnapshotComplete: Done with snapshot 'jgb': 12\n`;
		const r = analyse(done);
		assert.equal(r.attempts.length, 2);
		assert.equal(r.attempts.find((a) => a.start === '2016-07-29T19:26:47.378Z')!.result, 'success');
		const start = wild(BOCHE)
			.split('\n')
			.find((l) => l.includes('SnapshotVMX_TakeSnapshot start'))!;
		const twice = `${wild(BOCHE)}\n${start.replace('19:26:47.378', '19:40:02.100')}\n`;
		const two = analyse(twice);
		assert.equal(two.attempts.length, 3);
		assert.equal(two.attempts.filter((a) => a.result === 'failed').length, 1);
		assert.equal(two.attempts.find((a) => a.result === 'failed')!.start, null);
	});
});
