import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, rewrapped, wild } from '../lib/wildText';

// Session 13 (wild37): the VMware side as vSphere and VMware Tools print it, pasted — a Tools log with an
// strace run on the same terminal, a dashboard of saved quiesce searches, an ESXi 8 vmware.log in a forensic
// notebook; test/fixtures/wild/README.md names each source. Variants: what a paste does (quoted, CRLF, cut),
// the findings in Japanese, and negatives that look alike.

const ECHO = 'ovt-16-strace-write-echo-vmbackup-failed-to-send-event-cut.txt';
const STAT = 'ovt-16-strace-stat-localtime-glued-to-vmbackup-options-cut.txt';
const DASHBOARD = 'gist-sexiboard-kibana-quiescing-queries-json-table.txt';
const ESXI8 = 'qazeer-artefacts-esxi8-vmware-log-in05-snapshot-not-quiesced-vim-cmd.txt';

/** The one failed try of the strace paste: VMware Tools quiescing, QL109 from the guest's side, its line as evidence. */
function readsEventsNotSent(r: Report): void {
	assert.equal(r.attempts.length, 1);
	const a = r.attempts[0];
	assert.equal(a.result, 'failed');
	assert.equal(a.quiesced, true);
	assert.equal(a.requester, 'VMware Tools');
	assert.deepEqual(codes(r), ['QL109']);
	const f = finding(r, 'QL109')!;
	assert.equal(f.attemptId, a.id);
	assert.equal(f.severity, 'error');
	assert.match(f.evidence[0].text, /\[vmbackup\] Failed to send event to th$/);
	// The strace trace ahead of the line is not the evidence: the Tools line is.
	assert.doesNotMatch(f.evidence[0].text, /SYS_write/);
}

describe('wild37: VMware Tools and vSphere texts as pasted (strace echoes, saved searches, ESXi 8 vmware.log)', () => {
	it('ovt #16: a Tools line strace echoed after its own write trace is read; "Failed to send event to the VMX" (cut) is the guest side of the VMX refusing its quiesce events (QL109)', () => {
		for (const text of [wild(ECHO), quoted(wild(ECHO)), crlf(wild(ECHO)), rewrapped(wild(ECHO))]) {
			const r = analyse(text);
			readsEventsNotSent(r);
			const f = finding(r, 'QL109')!;
			assert.match(f.title, /did not reach the host/);
			assert.match(f.message, /could not send its quiesce events to the VMX/);
			assert.match(f.message, /Guest not privileged, dropping vmbackup event set request/);
			assert.match(f.message, /frozen/);
			// The excerpt is cut before the VMX's reply: none is quoted.
			assert.match(f.message, /\("Failed to send event to the VMX"\)/);
			assert.equal(r.inputs[0].format, 'tools-log');
		}
	});

	it('ovt #16 cut to the start and the echoed line: still the failed try, QL109', () => {
		const lines = wild(ECHO).split('\n');
		const start = lines.findIndex((l) => l.includes('*** VmBackupStart'));
		readsEventsNotSent(analyse(lines.slice(start).join('\n')));
		// Cut before the first lines, fence and RPC traces gone: the same.
		readsEventsNotSent(analyse(lines.slice(8).join('\n')));
	});

	it('the same echo in a Tools 10.3+ log (ISO stamps), after a debug line of another domain: QL109', () => {
		const text =
			'[2021-05-13T11:41:06.587Z] [   debug] [vmbackup] *** VmBackupStart\n[2021-05-13T11:41:06.589Z] [   debug] [vmsvc] RpcChannel: Sending: 35 bytes\nSYS_write(2, "[2021-05-13T11:41:06.596Z] [ warning]"..., 123[2021-05-13T11:41:06.596Z] [ warning] [vmbackup] Failed to send event to the VMX: x.\n';
		const r = analyse(text);
		assert.deepEqual(codes(r), ['QL109']);
		assert.equal(r.attempts[0].result, 'failed');
	});

	it('ovt #16 in Japanese: the guest-side wording, the Tools line quoted as printed', () => {
		const r = analyse(wild(ECHO), 'ja');
		readsEventsNotSent(r);
		const f = finding(r, 'QL109')!;
		assert.match(f.title, /ゲストの静止イベントがホストに届きませんでした/);
		assert.match(f.message, /VMX に送れませんでした/);
	});

	it('the VMX reply after the colon is quoted; with the host line "Guest not privileged" in the bundle QL109 speaks for the host', () => {
		const guest = '[May 13 11:41:06.587] [   debug] [vmbackup] *** VmBackupStart\n[May 13 11:41:06.596] [ warning] [vmbackup] Failed to send event to the VMX: Permission denied.\n';
		const r = analyse(guest);
		assert.deepEqual(codes(r), ['QL109']);
		assert.match(finding(r, 'QL109')!.message, /"Failed to send event to the VMX: Permission denied"/);
		// The host's own line: the host's wording.
		const host = '2015-05-12T13:39:18.433Z| vcpu-0| I120: Guest not privileged, dropping vmbackup event set request\n2015-05-12T13:54:14.350Z| vmx| I120: [msg.snapshot.quiesce.timeout] Timed out while quiescing the virtual machine.\n';
		const h = analyse(host);
		assert.ok(codes(h).includes('QL109'));
		assert.match(finding(h, 'QL109')!.title, /Guest not privileged/);
		assert.match(finding(h, 'QL109')!.message, /the VMX logged "Guest not privileged/);
	});

	it('negatives: a write trace followed by other text, a debug-level or non-vmbackup "Failed to send event" make no QL109', () => {
		const base = '[May 13 11:41:06.587] [   debug] [vmbackup] *** VmBackupStart\n[May 13 11:41:06.588] [   debug] [vmbackup] Quiescing volumes: (null)\n';
		// The echo does not start with the text the call quotes: the trace is no Tools line.
		const mismatch = analyse(`${base}SYS_write(2, "[May 13 11:41:06.600] [ warning]"..., 123[May 13 11:41:06.596] [ warning] [vmbackup] Failed to send event to the VMX\n`);
		assert.equal(finding(mismatch, 'QL109'), undefined);
		const debug = analyse(`${base}[May 13 11:41:06.596] [   debug] [vmbackup] Failed to send event to the VMX: x.\n`);
		assert.equal(finding(debug, 'QL109'), undefined);
		const otherDomain = analyse(`${base}[May 13 11:41:06.596] [ warning] [vmsvc] Failed to send event to the VMX: x.\n`);
		assert.equal(finding(otherDomain, 'QL109'), undefined);
	});

	it('ovt #16, strace glued to the options line: the quiesce started, its outcome not in the excerpt (unknown, no finding)', () => {
		for (const text of [wild(STAT), quoted(wild(STAT)), crlf(wild(STAT))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].result, 'unknown');
			assert.equal(r.attempts[0].requester, 'VMware Tools');
			assert.deepEqual(codes(r), []);
		}
	});

	it('a dashboard\'s saved searches (`"query": "\\"Failed to quiesce the virtual machine\\""`) cite the messages: no try, no finding', () => {
		for (const text of [wild(DASHBOARD), quoted(wild(DASHBOARD)), crlf(wild(DASHBOARD)), rewrapped(wild(DASHBOARD))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0);
			assert.deepEqual(codes(r), []);
		}
	});

	it('negative of the dashboard: the same message as a JSON value, unquoted inside it, is still a failed quiesce', () => {
		const r = analyse('{\n  "fullFormattedMessage": "An error occurred while saving the snapshot: Failed to quiesce the virtual machine.",\n  "vm": "SQL-01"\n}\n');
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.equal(r.attempts[0].quiesced, true);
		assert.ok(codes(r).length > 0);
	});

	it('ESXi 8 vmware.log (`In(05) vmx <opID>`) in a forensic notebook: one snapshot, not quiesced, done — a crash-consistent success with its name and opID', () => {
		for (const text of [wild(ESXI8), quoted(wild(ESXI8)), crlf(wild(ESXI8))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			const a = r.attempts[0];
			assert.equal(a.result, 'success');
			assert.equal(a.quiesced, false);
			assert.equal(a.consistency, 'crash');
			assert.equal(a.snapshotName, 'snapshot_exfill');
			assert.equal(a.opId, 'vim-cmd-09-a45d');
			assert.deepEqual(codes(r), []);
		}
	});
});
