import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 10 (wild21): the vSphere side, round 2 — a client's error quoted above the vmware.log of the same
// try, Linux guests' freeze scripts and sync methods in prose (test/fixtures/wild/README.md names each source),
// with variants of what a paste does to them.

const BOCHE = 'boche-esxi60-tools-10-guestrpc-timed-out-tools-unavailable.txt';
const STALE_CTK = 'ovt-27-stale-ctk-snapshot-fails-quiesced-vm-frozen-prose.txt';
const ERROR_3 = 'ovt-103-centos7-cpanel-paraphrased-quiesce-error-3.txt';
const SCRIPTS = 'ovt-116-rhel72-pre-freeze-scripts-ls-tools-conf-logging-vmx.txt';
const METHODS = 'broadcom-324275-linux-fifreeze-vmsync-pre-freeze-fsfreeze.txt';
const ANSIBLE = 'ansible-gos-60-vmware-guest-snapshot-fatal-failed-cut.txt';
const AVAMAR = 'zh-avamar-linux-snapshot-error-1236-failed-to-quiesce-enablesyncdriver.txt';
const VNINJA = 'vninja-esxi60-quiescingerror-msg-id-ntp-front-matter.txt';
const CHEATSHEET = 'zh-vsphere-snapshot-error-cheatsheet-table-quiescingerror-lowercase.txt';
const DPM_FALLBACK = 'msdocs-dpm-2022-ur2-applicationquiescefault-crash-consistent-fallback-reg.txt';
const FAULT_DOC = 'vmware-vi-sdk-doc-applicationquiescefault-model.txt';
const MANIFEST_NOTE = 'ovt-10.3.5-release-notes-generic-manifest-warning-escaped.txt';
// open-vm-tools #101's Tools log (wild session 5): the Ubuntu sync driver fails to open a stale mount.
const UBUNTU_FREEZE = 'ovt-101-ubuntu-syncdriver-error-freezing.txt';

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
		// A Japanese report of the same paste: one failed try, the finding in Japanese naming the snapshot.
		const ja = analyse(wild(BOCHE), 'ja');
		assert.equal(ja.attempts.length, 1);
		assert.equal(ja.attempts[0].result, 'failed');
		assert.deepEqual(codes(ja), ['QL108']);
		assert.match(finding(ja, 'QL108')!.message, /jgb/);
		assert.doesNotMatch(finding(ja, 'QL108')!.title, /VMware Tools was not available/);
	});

	it('negative: a try the log shows done keeps its success, and two open tries leave the message a try of its own', () => {
		const done = `${wild(BOCHE)}\n2016-07-29T19:27:30.001Z| vmx| I120: SnapshotVMXTakeSnapshotComplete: Done with snapshot 'jgb': 12\n`;
		const r = analyse(done);
		assert.equal(r.attempts.length, 2);
		assert.equal(r.attempts.find((a) => a.start === '2016-07-29T19:26:47.378Z')!.result, 'success');
		const start = wild(BOCHE)
			.split('\n')
			.find((l) => l.includes('SnapshotVMX_TakeSnapshot start'))!;
		// Without the lines of Tools not answering (wild24: they fail the first try by themselves), both tries are open.
		const open = wild(BOCHE)
			.split('\n')
			.filter((l) => !/GuestRpcSendTimedOut|heartbeat timeout/.test(l))
			.join('\n');
		const twice = `${open}\n${start.replace('19:26:47.378', '19:40:02.100')}\n`;
		const two = analyse(twice);
		assert.equal(two.attempts.length, 3);
		assert.equal(two.attempts.filter((a) => a.result === 'failed').length, 1);
		assert.equal(two.attempts.find((a) => a.result === 'failed')!.start, null);
	});
});

describe('wild21: Linux guests in prose — freeze methods, scripts, a paraphrased error: no try, no finding', () => {
	const readsNothing = (r: Report) => {
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts.length, 0);
	};

	it("KB 324275's three Linux methods (FIFREEZE, vmsync, sync) and its fsfreeze scripts, quoted and CRLF: nothing to report", () => {
		for (const text of [wild(METHODS), quoted(wild(METHODS)), crlf(wild(METHODS))]) readsNothing(analyse(text));
	});

	it("open-vm-tools #116 (`ll` of the scripts, the maintainer's [logging] block to vmx): the block is read as tools.conf, no finding", () => {
		const r = analyse(wild(SCRIPTS));
		readsNothing(r);
		assert.ok(r.inputs.some((i) => i.format === 'tools-conf'));
		readsNothing(analyse(quoted(wild(SCRIPTS))));
	});

	it('open-vm-tools #27 (a reproduction recipe quoting a disk error) and #103 (an error paraphrased, "etc, error 3"): no try is made of prose', () => {
		for (const file of [STALE_CTK, ERROR_3]) {
			readsNothing(analyse(wild(file)));
			readsNothing(analyse(crlf(quoted(wild(file)))));
		}
	});

	it("an Ansible play's `fatal: … FAILED!` for a snapshot task, cut inside its module_args: no reader, every line counted unparsed", () => {
		const r = analyse(wild(ANSIBLE));
		readsNothing(r);
		assert.equal(
			r.inputs.reduce((n, i) => n + i.unparsedLines, 0),
			wild(ANSIBLE).trimEnd().split('\n').length,
		);
	});
});

describe("wild21: a backup product's vSphere task error for a Linux VM, the tools.conf fix below it (a Chinese Q&A)", () => {
	const readsTry = (r: Report) => {
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].quiesced, true);
		assert.equal(r.attempts[0].result, 'failed');
		assert.deepEqual(codes(r), ['QL407', 'QL552']);
		assert.equal(finding(r, 'QL407')!.evidence[0].text, 'enableSyncDriver = false');
	};

	it('`vSphere Task failed (snapshot error=1236): ‘An error occurred while saving the snapshot: Failed to quiesce the virtual machine.’`: one failed quiesced try', () => {
		readsTry(analyse(wild(AVAMAR)));
		readsTry(analyse(quoted(wild(AVAMAR))));
		readsTry(analyse(crlf(wild(AVAMAR))));
	});

	it('the fenced [vmbackup] block is read as tools.conf; the prose under it is not taken for a line that makes GLib reject the file', () => {
		const conf = analyse(wild(AVAMAR)).inputs.find((i) => i.format === 'tools-conf')!;
		assert.equal(conf.problems.length, 1);
		assert.match(conf.problems[0], /^Lines from \d+ on follow the last setting after a blank line/);
		assert.doesNotMatch(conf.problems[0], /so VMware Tools ignores every setting/);
	});

	it('the same block with its indented copy (four spaces, no fence) reads the same', () => {
		const indented = wild(AVAMAR).replace('```conf\n[vmbackup]\nenableSyncDriver = false\n```', '    [vmbackup]\n    enableSyncDriver = false');
		assert.notEqual(indented, wild(AVAMAR));
		readsTry(analyse(indented));
	});
});

describe('wild21: the client shows only the message id `msg.snapshot.error-QUIESCINGERROR` (a blog post with front matter)', () => {
	it('one failed quiesced try of unknown time, QL552, its evidence the lines that print the id', () => {
		for (const text of [wild(VNINJA), quoted(wild(VNINJA)), crlf(wild(VNINJA))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].quiesced, true);
			assert.equal(r.attempts[0].result, 'failed');
			assert.equal(r.attempts[0].start, null);
			assert.deepEqual(codes(r), ['QL552']);
			assert.ok(finding(r, 'QL552')!.evidence.some((e) => e.text.includes('msg.snapshot.error-QUIESCINGERROR')));
		}
	});

	it('negative: a cheat sheet listing the id in lower case among other snapshot errors, a DPM doc on ApplicationQuiesceFault, an SDK model page: no try', () => {
		for (const file of [CHEATSHEET, DPM_FALLBACK, FAULT_DOC]) {
			const r = analyse(wild(file));
			assert.equal(r.attempts.length, 0, file);
			assert.deepEqual(codes(r), [], file);
		}
	});
});

describe("wild21: the client's error above a guest's Tools log without a year — one try, the guest's own reason", () => {
	// vSphere's wording of a failed quiesce as the Avamar Q&A and Bacula's documentation quote it.
	const client = 'The vSphere Client says: An error occurred while saving the snapshot: Failed to quiesce the virtual machine.';
	const readsFreeze = (r: Report) => {
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.deepEqual(codes(r), ['QL104']);
		assert.match(finding(r, 'QL104')!.title, /ureadahead/);
		assert.ok(r.attempts[0].events.some((e) => e.text.includes('Failed to quiesce the virtual machine')));
	};

	it("above or below the Tools log, quoted: the message joins the Tools run it ended; QL552's VSS advice yields to QL104", () => {
		readsFreeze(analyse(`${client}\n\n${wild(UBUNTU_FREEZE)}`));
		readsFreeze(analyse(`${wild(UBUNTU_FREEZE)}\n\n${client}\n`));
		readsFreeze(analyse(quoted(`${client}\n\n${wild(UBUNTU_FREEZE)}`)));
		const ja = analyse(`${client}\n\n${wild(UBUNTU_FREEZE)}`, 'ja');
		assert.equal(ja.attempts.length, 1);
		assert.deepEqual(codes(ja), ['QL104']);
	});

	it('negative: a run the Tools log shows done keeps its success; the message is a try of its own and QL552 speaks for it', () => {
		const done = `${client}\n\n[Jul 16 21:00:36.100] [   debug] [vmbackup] *** VmBackupStart\n[Jul 16 21:00:40.200] [   debug] [vmbackup] Sending vmbackup event: vmbackup.eventSet req.done 0 \n`;
		const r = analyse(done);
		assert.equal(r.attempts.length, 2);
		assert.deepEqual(
			r.attempts.map((a) => a.result),
			['success', 'failed'],
		);
		assert.deepEqual(codes(r), ['QL552']);
		assert.equal(finding(r, 'QL552')!.attemptId, r.attempts[1].id);
	});
});

describe("wild21: Tools' warning that the host refused the generic manifest (open-vm-tools 10.3.5 release notes) is no failure", () => {
	// The note's two lines, Markdown escapes undone, under a Tools stamp: the run ends with req.done 0.
	const lines = wild(MANIFEST_NOTE)
		.split('\n')
		.map((l) =>
			l
				.trim()
				.replace(/\\([[\]_])/g, '$1')
				.replace('[<date> <time>]', '[Nov 01 10:00:00.300]'),
		)
		.filter((l) => l.includes('[vmbackup]'));
	const run = (end: string) => ['[Nov 01 10:00:00.100] [   debug] [vmbackup] *** VmBackupStart', ...lines, `[Nov 01 10:00:01.500] [   debug] [vmbackup] Sending vmbackup event: vmbackup.eventSet ${end} `].join('\n');

	it('the release notes themselves (escaped brackets, placeholders), quoted and CRLF: no try, no finding', () => {
		for (const text of [wild(MANIFEST_NOTE), quoted(wild(MANIFEST_NOTE)), crlf(wild(MANIFEST_NOTE))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0);
			assert.deepEqual(codes(r), []);
		}
	});

	it('its two warnings in a Tools run that ends req.done 0: a successful try, no QL112', () => {
		assert.equal(lines.length, 2);
		assert.match(lines[0], /^\[Nov 01 10:00:00\.300\] \[ warning\] \[vmbackup\] Failed to send vmbackup event: vmbackup\.eventSet req\.genericManifest 0/);
		for (const text of [run('req.done 0'), crlf(run('req.done 0'))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].result, 'success');
			assert.deepEqual(codes(r), []);
		}
	});

	it("negative: the same warnings in a run that ends req.error 5 still fail it, and another event's failed send is still a failure", () => {
		assert.equal(analyse(run('req.error 5')).attempts[0].result, 'failed');
		const other = run('req.done 0').replace('req.genericManifest 0 /etc/vmware-tools/quiesce_manifest.xml', 'req.keepAlive 0');
		const lines2 = other.split('\n').filter((l) => !l.includes('GENERIC_MANIFEST'));
		assert.equal(analyse(lines2.join('\n')).attempts[0].result, 'failed');
	});
});
