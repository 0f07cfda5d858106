import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 11 (wild24): the hypervisor side, round 3 — VMware Tools that stops answering during a quiesced
// snapshot, in a vmware.log pasted alone; other hypervisors' freeze evidence (test/fixtures/wild/README.md
// names each source), with variants of what a paste does to them.

const BOCHE = 'boche-esxi60-tools-10-guestrpc-timed-out-tools-unavailable.txt';

/** The blog's vmware.log lines alone, without the Web Client's message above them (ESXi 6.0's layout). */
const bocheLog = () =>
	wild(BOCHE)
		.split('\n')
		.filter((l) => /^\d{4}-\d\d-\d\dT/.test(l))
		.join('\n');

describe('wild24: a vmware.log pasted alone — Tools stops answering during the quiesced try', () => {
	const readsLostTools = (r: Report, lost: RegExp = /GuestRpcSendTimedOut[\s\S]*heartbeat/) => {
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.quiesced, true);
		assert.equal(a.result, 'failed');
		assert.equal(a.start, '2016-07-29T19:26:47.378Z');
		assert.equal(a.snapshotName, 'jgb');
		assert.deepEqual(codes(r), ['QL108']);
		const f = finding(r, 'QL108')!;
		assert.equal(f.attemptId, a.id);
		assert.match(f.message, lost);
		assert.match(f.title, /stopped answering/);
		assert.ok(f.evidence.some((e) => /GuestRpcSendTimedOut|heartbeat timeout/.test(e.text)));
	};

	it("the blog's log lines alone (ESXi 6.0, typographic quotes, cut mid-line): one failed quiesced try at 19:26:47.378, QL108 naming the RPC and the heartbeat", () => {
		const log = bocheLog();
		assert.match(log, /GuestRpcSendTimedOut: message to toolbox timed out\./);
		readsLostTools(analyse(log));
	});

	it('quoted with `> `, with CRLF, in the ESXi 7 (`I005:`) and 8 (`In(05) vmx -`) layouts, and in Japanese: the same reading', () => {
		readsLostTools(analyse(quoted(bocheLog())));
		readsLostTools(analyse(crlf(bocheLog())));
		const esxi7 = bocheLog().replace(/\| I120: /g, '| I005: ');
		readsLostTools(analyse(esxi7));
		const esxi8 = bocheLog().replace(/^(\S+Z)\| (vmx|vcpu-0)\| I120: /gm, '$1 In(05) $2 - ');
		assert.match(esxi8, /^2016-07-29T19:26:56\.292Z In\(05\) vmx - GuestRpcSendTimedOut/m);
		readsLostTools(analyse(esxi8));
		const ja = analyse(bocheLog(), 'ja');
		assert.equal(ja.attempts[0].result, 'failed');
		assert.deepEqual(codes(ja), ['QL108']);
		assert.match(finding(ja, 'QL108')!.message, /GuestRpcSendTimedOut/);
		assert.doesNotMatch(finding(ja, 'QL108')!.title, /stopped answering/);
	});

	it('the heartbeat alone, or the RPC alone, is enough; the message says which', () => {
		const heartbeatOnly = bocheLog()
			.split('\n')
			.filter((l) => !l.includes('GuestRpcSend'))
			.join('\n');
		readsLostTools(analyse(heartbeatOnly), /heartbeat/);
		assert.doesNotMatch(finding(analyse(heartbeatOnly), 'QL108')!.message, /GuestRpcSendTimedOut/);
		const rpcOnly = bocheLog()
			.split('\n')
			.filter((l) => !l.includes('heartbeat'))
			.join('\n');
		readsLostTools(analyse(rpcOnly), /GuestRpcSendTimedOut/);
		assert.doesNotMatch(finding(analyse(rpcOnly), 'QL108')!.message, /heartbeat/);
	});

	it("negative: the user session's channel (`toolbox-dnd`), a try the log shows done, a crash-consistent try, no try at all: no failure, no QL108", () => {
		const dnd = bocheLog()
			.split('\n')
			.filter((l) => !l.includes('heartbeat'))
			.join('\n')
			.replace(/message to toolbox timed out/g, 'message to toolbox-dnd timed out');
		const r1 = analyse(dnd);
		assert.equal(r1.attempts[0].result, 'unknown');
		assert.deepEqual(codes(r1), []);
		const done = analyse(`${bocheLog()}\n2016-07-29T19:27:30.001Z| vmx| I120: SnapshotVMXTakeSnapshotComplete: Done with snapshot 'jgb': 12\n`);
		assert.equal(done.attempts[0].result, 'success');
		assert.deepEqual(codes(done), []);
		const crash = analyse(bocheLog().replace('quiesced=1', 'quiesced=0'));
		assert.equal(crash.attempts[0].quiesced, false);
		assert.equal(crash.attempts[0].result, 'unknown');
		assert.deepEqual(codes(crash), []);
		const noTry = analyse(
			bocheLog()
				.split('\n')
				.filter((l) => !l.includes('TakeSnapshot start'))
				.join('\n'),
		);
		assert.equal(noTry.attempts.length, 0);
		assert.deepEqual(codes(noTry), []);
	});

	it('beside a stated reason (the host timed out the quiesce) the timeout speaks: QL106, not QL108', () => {
		const timedOut = `${bocheLog()}\n2016-07-29T19:41:47.400Z| vmx| I120: Msg_Post: Warning\n2016-07-29T19:41:47.400Z| vmx| I120: [msg.snapshot.quiesce.timeout] Timed out while quiescing the virtual machine.\n2016-07-29T19:41:47.400Z| vmx| I120: ----------------------------------------\n`;
		const r = analyse(timedOut);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.deepEqual(codes(r), ['QL106']);
	});
});
