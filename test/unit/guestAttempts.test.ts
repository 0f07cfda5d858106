import * as assert from 'assert/strict';
import { analyze, analyzeText, renderMarkdown, renderText, type Attempt, type Report } from '../../src/core';
import { buildAttempts } from '../../src/core/analysis/attempts';
import { fixture } from './fixtures';
import { winEvent } from './ruleInputs';

// Issue 17: an attempt for every requester. A bundle without host logs still shows each try, with the
// phase and component that failed and the finding (the fix) tied to it; untimed text forms attempts too.

const bundle = (name: string) => analyze([fixture('bundles', name)]);
/** The one finding of the report tied to the attempt, of this code. */
const tied = (r: Report, a: Attempt, code: string) => r.findings.find((f) => f.attemptId === a.id && f.code === code);

describe('in-guest attempts: a Windows-only bundle gets one attempt per try', () => {
	it('a provider failing CreateFileW in PreFinalCommitSnapshots: post-snapshot, the system provider, QL401 tied', () => {
		const r = bundle('guest-01-provider-createfilew-prefinalcommit');
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.deepEqual([a.kind, a.requester, a.result, a.failedPhase], ['guest-shadow-copy', null, 'failed', 'post-snapshot']);
		assert.deepEqual(a.failedComponent, { type: 'provider', name: 'Microsoft Software Shadow Copy provider 1.0' });
		assert.equal(a.hresult, '0x80070001');
		const fix = tied(r, a, 'QL401');
		assert.ok(fix && fix.fix.length > 0, "the provider finding is the attempt's fix");
	});

	it('a writer timeout (0x800423F2) seen by Veeam and VSS 8229: freeze, writer SqlServerWriter, Veeam is the requester', () => {
		const r = analyze([fixture('bundles', 'guest-02-veeam-sql-writer-timeout')]);
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.deepEqual([a.kind, a.requester, a.result, a.failedPhase, a.hresult], ['guest-shadow-copy', 'Veeam Backup & Replication', 'failed', 'freeze', '0x800423F2']);
		assert.deepEqual(a.failedComponent, { type: 'writer', name: 'SqlServerWriter' });
		assert.ok(
			a.events.some((e) => e.source === 'guest/events-application.xml'),
			"the 8229 of its time joined the requester's attempt",
		);
		assert.ok(tied(r, a, 'QL205'), 'the writer timeout finding (its fix) is tied to the attempt');
	});

	it("the text report calls an in-guest try what it is, not a host snapshot's 'quiesced unknown'", () => {
		const text = renderText(bundle('guest-01-provider-createfilew-prefinalcommit'));
		assert.match(text, /^ {6}in-guest shadow copy · failed · /m);
		assert.doesNotMatch(text, /quiesced unknown/);
	});

	it('shadow storage exhausted (volsnap 25/36): post-snapshot, shadow storage of D:, QL404 tied', () => {
		const r = bundle('guest-03-volsnap-shadow-storage-exhausted');
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.deepEqual([a.result, a.failedPhase], ['failed', 'post-snapshot']);
		assert.deepEqual(a.failedComponent, { type: 'shadow-storage', name: 'D:' });
		assert.ok(tied(r, a, 'QL404'));
	});

	it('benign events alone (8224, 8230, 12289 with 0x80042409) make no failed attempt', () => {
		const t = (s: number) => `2024-01-01T00:00:${String(s).padStart(2, '0')}.000Z`;
		const records = [
			winEvent('VSS', 8224, { level: 4 }, { time: t(1) }),
			winEvent('VSS', 8230, { level: 3, message: 'Volume Shadow Copy Service error: Failed resolving account spsearch with status 1376.' }, { time: t(2) }),
			winEvent('VSS', 12289, { level: 2, hresult: '0x80042409' }, { time: t(3) }),
		];
		assert.deepEqual(
			buildAttempts(records, []).filter((a) => a.result === 'failed'),
			[],
		);
		// The same 12289 with another code is a failed try.
		const failed = buildAttempts([...records, winEvent('VSS', 12289, { level: 2, hresult: '0x80070001' }, { time: t(4) })], []);
		assert.deepEqual(
			failed.map((a) => a.result),
			['failed'],
		);
	});

	it('VSS failures far apart are two tries, not one', () => {
		const records = [winEvent('VSS', 12293, { level: 2, hresult: '0x80042306' }, { time: '2024-01-01T01:00:00.000Z' }), winEvent('VSS', 12293, { level: 2, hresult: '0x80042306' }, { time: '2024-01-01T02:00:00.000Z' })];
		assert.deepEqual(
			buildAttempts(records, []).map((a) => [a.start, a.result]),
			[
				['2024-01-01T01:00:00.000Z', 'failed'],
				['2024-01-01T02:00:00.000Z', 'failed'],
			],
		);
	});

	it('a job an operator cancelled after its VM task succeeded is no VSS failure', () => {
		const r = analyze([fixture('products', 'veeam-v11-job-cancelled.log')]);
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.deepEqual([a.requester, a.kind, a.quiesced, a.result, a.failedPhase, a.failedComponent], ['Veeam Backup & Replication', 'host-snapshot', false, 'success', null, null]);
		assert.equal(r.findings.filter((f) => f.severity === 'error').length, 0);
		assert.equal(tied(r, a, 'QL553')?.severity, 'info');
	});
});

describe('guest-only Tools logs form attempts on their own', () => {
	it('a Linux vmsvc log whose sync driver failed: a failed quiesce in the freeze, VMware Tools quiescing', () => {
		const r = analyze([fixture('formats', 'guest', 'vmware-vmsvc-10.1-linux.log')]);
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.deepEqual([a.requester, a.kind, a.quiesced, a.result, a.failedPhase, a.failedComponent?.type], ['VMware Tools', 'host-snapshot', true, 'failed', 'freeze', 'guest-tools']);
	});

	it('a Windows vmsvc log of a successful quiesce: a successful attempt, no failure point', () => {
		const r = analyze([fixture('formats', 'guest', 'vmware-vmsvc-12.1-windows-success.log')]);
		assert.deepEqual(
			r.attempts.map((a) => [a.result, a.failedPhase, a.failedComponent]),
			[['success', null, null]],
		);
	});

	it('a request followed by another with no verdict between is a hang, and both are kept', () => {
		const log = [
			'[2024-05-22T19:30:02.210Z] [   debug] [vmsvc] RpcIn: received 16 bytes, content:"vmbackup.start 1"',
			'[2024-05-22T19:30:02.211Z] [   debug] [vmbackup] *** VmBackupStart',
			'[2024-05-22T19:45:02.210Z] [   debug] [vmsvc] RpcIn: received 16 bytes, content:"vmbackup.start 1"',
			'[2024-05-22T19:45:02.211Z] [   debug] [vmbackup] *** VmBackupStart',
			'[2024-05-22T19:45:03.000Z] [   debug] [vmbackup] Sending vmbackup event: vmbackup.eventSet req.done 0 ',
		].join('\n');
		const r = analyzeText([{ name: 'vmware-vmsvc.log', text: log }]);
		assert.deepEqual(
			r.attempts.map((a) => a.result),
			['failed', 'success'],
		);
	});
});

describe('Tools log excerpts cut after the request started', () => {
	// A ticket quotes the lines around the failure: the `vmbackup.start` request is above the cut.
	const cut = (stamp: (s: number) => string) =>
		[
			`${stamp(4)} [   debug] [vmbackup] *** VmBackupStartScripts`,
			`${stamp(4)} [   debug] [vmbackup] *** VmBackupSyncDriverStart`,
			`${stamp(5)} [ warning] [vmvss] CVmVssRequestor::StartSnapshotSet: DoSnapshotSet failed: 0x8004230f`,
			`${stamp(5)} [   debug] [vmbackup] Sending vmbackup event: vmbackup.eventSet req.error 3 Quiesce aborted.`,
		].join('\n');
	const iso = (s: number) => `[2024-05-22T19:30:0${s}.000Z]`;
	const noYear = (s: number) => `[May 22 19:30:0${s}.000]`;

	for (const [era, stamp] of [
		['10.3+ (ISO stamps)', iso],
		['pre-10.3 (no year)', noYear],
	] as const) {
		it(`${era}: one failed quiesce with its status and code, VMware Tools the requester`, () => {
			const r = analyzeText([{ name: 'ticket.txt', text: cut(stamp) }]);
			assert.deepEqual(
				r.attempts.map((a) => [a.requester, a.quiesced, a.result, a.vmbackupStatus, a.hresult]),
				[['VMware Tools', true, 'failed', 3, '0x8004230F']],
			);
		});
	}

	it('a complete request after the cut one is a second attempt', () => {
		const next = [
			'[2024-05-22T19:45:02.210Z] [   debug] [vmsvc] RpcIn: received 16 bytes, content:"vmbackup.start 1"',
			'[2024-05-22T19:45:02.211Z] [   debug] [vmbackup] *** VmBackupStart',
			'[2024-05-22T19:45:03.000Z] [   debug] [vmbackup] Sending vmbackup event: vmbackup.eventSet req.done 0 ',
		];
		const r = analyzeText([{ name: 'vmware-vmsvc.log', text: [cut(iso), ...next].join('\n') }]);
		assert.deepEqual(
			r.attempts.map((a) => a.result),
			['failed', 'success'],
		);
	});
});

describe('untimed attempts: pasted messages with no stamp', () => {
	const pasted = (text: string) => analyzeText([{ name: 'ticket.txt', text }]);

	it("a vSphere quiesce error quoting the guest's failed VSS step: start null, quiesced, the HRESULT decoded", () => {
		const r = pasted("An error occurred while quiescing the virtual machine. See the virtual machine's event log for details 'VssSyncStart' operation failed: IDispatch error #8449 (0x80042301)\n");
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.deepEqual([a.start, a.end, a.quiesced, a.result, a.requester, a.hresult, a.guestOperation], [null, null, true, 'failed', 'VMware Tools', '0x80042301', 'VssSyncStart']);
	});

	it('reports of two requesters are two attempts; reports of one that agree are one', () => {
		const two = analyze([fixture('bundles', 'untimed-01-vdr-and-vsphere-client')]);
		assert.deepEqual(two.attempts.map((a) => [a.start, a.requester, a.quiesced, a.result]).sort(), [
			[null, 'VMware Tools', true, 'failed'],
			[null, 'vSphere Data Recovery / VDP', true, 'failed'],
		]);
	});

	it('untimed attempts sort after timed ones, and every renderer copes with a null start', () => {
		const r = analyzeText([
			{ name: 'pasted.txt', text: '"Failed to create snapshot for proxy, error -3960 ( cannot quiesce virtual machine)"\n' },
			{
				name: 'guest/events.xml',
				text: `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='VSS'/><EventID Qualifiers='0'>12293</EventID><Level>2</Level><TimeCreated SystemTime='2024-01-01T00:00:00.0000000Z'/><Channel>Application</Channel></System><EventData><Data>{564d7761-7265-2056-5353-2050726f7669}</Data><Data>BeginPrepareSnapshot()</Data><Data>0x80042306, The shadow copy provider had an error.</Data></EventData></Event>\n`,
			},
		]);
		assert.deepEqual(
			r.attempts.map((a) => a.start === null),
			[false, true],
		);
		assert.deepEqual(r.attempts[0].failedPhase, 'prepare');
		for (const text of [renderText(r), renderMarkdown(r)]) assert.match(text, /a2[^\n]*time unknown/);
	});
});

describe('in-guest attempts: a writer listing pasted with an untimed product error', () => {
	const writerBlock = (name: string, state: string, lastError: string) => [`Writer name: '${name}'`, '   Writer Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}', `   State: ${state}`, `   Last error: ${lastError}`, ''];
	const paste = (...blocks: string[][]) => ['# Error code: 0x800423f3', '', ...blocks.flat()].join('\n');

	it('the one failed writer of the same paste gives the attempt its phase and component ([8] = prepare)', () => {
		const r = analyzeText([{ name: 'paste.txt', text: paste(writerBlock('Microsoft Exchange Writer', '[8] Failed', 'Retryable error')) }]);
		assert.equal(r.attempts.length, 1);
		assert.deepEqual([r.attempts[0].failedPhase, r.attempts[0].failedComponent], ['prepare', { type: 'writer', name: 'Microsoft Exchange Writer' }]);
	});

	it('negative: two failed writers, or a writer whose last error is another HRESULT, leave the attempt as its own lines say', () => {
		const two = analyzeText([{ name: 'paste.txt', text: paste(writerBlock('Microsoft Exchange Writer', '[8] Failed', 'Retryable error'), writerBlock('SqlServerWriter', '[9] Failed', 'Timed out')) }]);
		assert.deepEqual([two.attempts[0].failedPhase, two.attempts[0].failedComponent?.type], [null, 'requester']);
		const other = analyzeText([{ name: 'paste.txt', text: paste(writerBlock('Microsoft Exchange Writer', '[9] Failed', 'Timed out')) }]);
		assert.deepEqual([other.attempts[0].failedPhase, other.attempts[0].failedComponent?.type], [null, 'requester']);
		// A listing in another file is not this paste's.
		const apart = analyzeText([
			{ name: 'error.txt', text: '# Error code: 0x800423f3\n' },
			{ name: 'writers.txt', text: writerBlock('Microsoft Exchange Writer', '[8] Failed', 'Retryable error').join('\n') },
		]);
		assert.deepEqual([apart.attempts[0].failedPhase, apart.attempts[0].failedComponent?.type], [null, 'requester']);
	});
});
