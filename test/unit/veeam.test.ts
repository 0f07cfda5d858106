import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/core';
import { veeamErrorText, veeamLog } from '../../src/core/formats/backup/veeam';
import { veeamVssSupportLog } from '../../src/core/formats/backup/veeamVssSupport';
import { readLines, type FormatDefinition } from '../../src/core/formats/lib/format';
import { WIN32_CODES, win32Info, win32Meaning } from '../../src/core/knowledge/win32';
import type { LogRecord, RecordKind, RecordOf } from '../../src/core/model/records';
import type { Report } from '../../src/core/model/report';
import { repoRoot } from '../lib/paths';

/** Veeam as the requester: its guest-processing steps, the in-guest helper log, and the findings they lead to. */

const fixtureText = (name: string) => fs.readFileSync(path.join(repoRoot, 'test/fixtures/products', name), 'utf8');
const read = (format: FormatDefinition, text: string) => {
	const lines = text.split(/\r?\n/);
	const d = format.detect(lines.slice(0, 80));
	assert.ok(d, `${format.id} detects the text`);
	return readLines(format, 'p.log', lines, d);
};
const kinds = <K extends RecordKind>(records: readonly LogRecord[] | undefined, kind: K) => (records ?? []).filter((r): r is RecordOf<K> => r.kind === kind);
const analyse = (name: string, text: string, locale?: string): Report => analyzeText([{ name, text }], { locale });
const codes = (r: Report) => r.findings.map((f) => f.code);
const INFO = "[09.02.2024 22:02:19] <01> Info         [Session] Id '7d3f', State 'Stopping'.";
const quote = (text: string, mark: string) =>
	text
		.split('\n')
		.map((l) => (l ? `${mark}${l}` : l))
		.join('\n');

describe('Veeam in-guest VSS helper log (VeeamVssSupport)', () => {
	it('reads the 12-hour KB shape: TTL, RPC calls and the snapshot timeout, untimed and said so', () => {
		const r = read(veeamVssSupportLog, fixtureText('veeam-vss-support-snapshot-timeout.log'));
		assert.equal(r.unparsedLines, 0);
		const calls = kinds(r.facts.records, 'veeam-vss-call');
		assert.ok(calls.some((c) => c.fields.ttlSec === 1200 && c.fields.clock === '14:25:01'));
		assert.ok(calls.some((c) => c.fields.call === 'KeepSnapshotEx'));
		const [e] = kinds(r.facts.records, 'product-error');
		assert.deepEqual([e.fields.guestStep, e.time, e.local, e.source.line], ['snapshot-expired', null, null, 7]);
		assert.match(r.problems[0], /without a date/);
	});

	it('the same lines with whitespace collapsed, 24-hour, other thread widths, quoted or cut read alike', () => {
		const kb = fixtureText('veeam-vss-support-snapshot-timeout.log').replace(/\r/g, '');
		const collapsed = kb.replace(/ {2,}/g, ' ');
		const twentyFour = kb.replace(/^2:(\d\d:\d\d) PM/gm, '14:$1').replace(/ {3}224 /g, ' 12224 ');
		const cut = kb.split('\n').slice(3).join('\n');
		for (const text of [collapsed, twentyFour, cut]) {
			const [e] = kinds(read(veeamVssSupportLog, text).facts.records, 'product-error');
			assert.equal(e.fields.guestStep, 'snapshot-expired');
		}
		for (const mark of ['> ', '>> ']) assert.deepEqual(codes(analyse('helper.txt', quote(kb, mark))), ['QL563']);
	});

	it("joined to the job log's dated attempt, the helper's timeout takes its day; the TTL still comes from the helper", () => {
		const job = [
			'UTC offset: 2.00 hours',
			'',
			"[03.05.2024 14:45:10] <27> Error        Failed to call RPC function 'Vss.KeepSnapshot': Error code: 0x800401fd. Failed to invoke func [KeepSnapshot]",
			"[03.05.2024 14:45:12] <27> Info         Task session '4f5e' has been completed, status: 'Failed', '0' of '40 GB' bytes, '0' of '2' objects, details: ''",
		].join('\n');
		const r = analyzeText([
			{ name: 'Job.Backup.log', text: job },
			{ name: 'VeeamVssSupport.log', text: fixtureText('veeam-vss-support-snapshot-timeout.log') },
		]);
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.start, '2024-05-03T12:45:10.000Z');
		assert.ok(a.events.some((e) => e.source === 'VeeamVssSupport.log' && e.line === 7));
		const f = r.findings.find((x) => x.code === 'QL563')!;
		assert.equal(f.attemptId, a.id);
		assert.match(f.title, /1200 s/);
	});

	it('a helper log without WARN or ERROR, or warning of a retried writer, is no failure', () => {
		const r = analyse('VeeamVssSupport.log', fixtureText('veeam-vss-support-24h-success.log'));
		assert.equal(r.inputs[0].format, 'veeam-vss-support-log');
		assert.equal(r.inputs[0].unparsedLines, 0);
		assert.deepEqual(r.findings, []);
		assert.equal(r.attempts.length, 0);
	});

	it('an ERROR line with a code is a failure of that code; an hour 13 PM is not a helper line', () => {
		const e = kinds(read(veeamVssSupportLog, '3:10:00 AM   512  INFO  RPC: CreateSnapshot\n3:10:09 AM   512  ERROR   Snapshot set creation failed. Code: [0x80042306].').facts.records, 'product-error');
		assert.deepEqual([e[0].fields.hresult, e[0].fields.guestStep], ['0x80042306', null]);
		assert.equal(veeamVssSupportLog.detect(['13:10:00 PM 512 INFO x', '13:10:01 PM 512 INFO y']), null);
		// Two bare `time number text` lines (a table, a chat log) are not claimed.
		assert.equal(veeamVssSupportLog.detect(['10:00:01 42 apples', '10:00:02 43 pears']), null);
	});

	it('QL563 states the TTL the helper was given and the last renewal; the attempt failed after the snapshot', () => {
		const r = analyse('VeeamVssSupport.log', fixtureText('veeam-vss-support-quoted-collapsed.txt'));
		const [f] = r.findings;
		assert.equal(f.code, 'QL563');
		assert.match(f.title, /600 s/);
		assert.match(f.message, /11:58:40/);
		assert.match(f.fix, /VSSGuestSnapshotTimeout/);
		assert.equal(f.kb[0].id, 'Veeam KB2825');
		assert.deepEqual([r.attempts[0].requester, r.attempts[0].failedPhase, r.attempts[0].quiesced], ['Veeam Backup & Replication', 'post-snapshot', null]);
		assert.match(analyse('h.log', fixtureText('veeam-vss-support-quoted-collapsed.txt'), 'ja').findings[0].fix, /VSSGuestSnapshotTimeout/);
	});
});

describe('Veeam guest processing: could not reach or log on to the guest (QL560)', () => {
	it('the locked-out account: Win32 1909 by its number, the account advice, no VSS or VMware Tools advice', () => {
		const r = analyse('veeam.txt', fixtureText('veeam-guest-account-locked-out.txt'));
		assert.deepEqual(codes(r), ['QL560']);
		const [f] = r.findings;
		assert.match(f.title, /Win32 1909 ERROR_ACCOUNT_LOCKED_OUT/);
		assert.match(f.message, /locked out/);
		assert.match(f.fix, /unlock/);
		assert.doesNotMatch(f.fix, /tools\.conf|vmbackup|vssadmin/);
		const [a] = r.attempts;
		assert.deepEqual([a.result, a.quiesced, a.kind, a.failedPhase], ['failed', null, 'guest-shadow-copy', null]);
	});

	it('the Win32 text in Japanese or German gives the same code and cause (the text is never read)', () => {
		const ja = analyse('ja.txt', fixtureText('veeam-guest-netpath-ja.txt'));
		assert.deepEqual(codes(ja), ['QL560']);
		assert.match(ja.findings[0].title, /Win32 53 ERROR_BAD_NETPATH/);
		assert.match(ja.findings[0].fix, /TCP 445/);
		assert.doesNotMatch(ja.findings[0].fix, /unlock/);
		const de = analyse('mail.txt', fixtureText('veeam-guest-logon-de-email.txt'));
		assert.deepEqual(codes(de), ['QL560']);
		assert.match(de.findings[0].title, /1326 ERROR_LOGON_FAILURE/);
		assert.match(de.findings[0].fix, /Test Now/);
		// The Japanese report says the meaning in Japanese, from the same number.
		const jaReport = analyse('veeam.txt', fixtureText('veeam-guest-account-locked-out.txt'), 'ja');
		assert.match(jaReport.findings[0].message, /ロックアウト/);
	});

	it('an unknown code, or none, still names the step and gives both the credential and the network steps', () => {
		const r = analyse('v.txt', 'Failed to prepare guest for hot backup. Details: Failed to connect to guest agent. Errors: Cannot connect to the admin share. Win32 error: Unbekannter Fehler. Code: 99999');
		assert.deepEqual(codes(r), ['QL560']);
		assert.match(r.findings[0].fix, /Test Now/);
		assert.match(r.findings[0].fix, /TCP 445/);
	});

	it("the RPC form of the report ('RPC error: … Code: 1722'), in Japanese too, is the same step", () => {
		const text = 'Processing DC01 Error: RPC function call failed. Function name: [InvokeMethod]. Target machine: [10.1.2.3:6160].\nRPC error:RPC サーバーを利用できません。\nCode: 1722';
		const r = analyse('rpc.txt', text);
		assert.deepEqual(codes(r), ['QL560']);
		assert.match(r.findings[0].title, /1722 RPC_S_SERVER_UNAVAILABLE/);
		// Negative: a code after other words is no Win32 code.
		const [plain] = kinds(read(veeamErrorText, 'VSSControl: Backup job failed. Objects: 3. Code: 53').facts.records, 'product-error');
		assert.deepEqual([plain.fields.win32, plain.fields.guestStep], [null, null]);
	});

	it('VIX retries at Info or Warning in a job log that succeeded are no failure', () => {
		const r = analyse('Job.Backup.log', fixtureText('veeam-v12-banner-success-vix-retry.log'));
		assert.deepEqual(
			r.attempts.map((a) => a.result),
			['success'],
		);
		assert.deepEqual(
			r.findings.filter((f) => f.severity !== 'info'),
			[],
		);
	});

	it('the Win32 table: every code has a name, a cause and both languages; codes are decided by number', () => {
		for (const c of WIN32_CODES) {
			const info = win32Info(c)!;
			assert.match(info.name, /^(?:ERROR|RPC_S)_[A-Z_]+$/);
			assert.ok(win32Meaning(c, 'en') && win32Meaning(c, 'ja') && win32Meaning(c, 'en') !== win32Meaning(c, 'ja'));
		}
		assert.equal(win32Info(1326)?.cause, 'credentials');
		assert.equal(win32Info(1909)?.cause, 'account');
		assert.equal(win32Info(53)?.cause, 'network');
		assert.equal(win32Info(12345), undefined);
	});
});

describe('Veeam guest processing: wait timeouts and the keep-alive (QL561–QL563)', () => {
	it('KB1377 prepare and freeze wait timeouts each get their own cause, never the generic QL112', () => {
		const prepare = analyse('p.txt', fixtureText('veeam-kb1377-prepare-wait-timeout.txt'));
		assert.deepEqual(codes(prepare), ['QL561']);
		assert.equal(prepare.attempts[0].failedPhase, 'prepare');
		assert.match(prepare.findings[0].fix, /anti-virus/);
		const freeze = analyse('f.txt', fixtureText('veeam-kb1377-freeze-wait-timeout.txt'));
		assert.deepEqual(codes(freeze), ['QL562']);
		assert.equal(freeze.attempts[0].failedPhase, 'freeze');
		assert.match(freeze.findings[0].message, /20 s for Exchange/);
		assert.equal(freeze.findings[0].kb[0].id, 'Veeam KB1377');
	});

	it('on Hyper-V the freeze finding keeps no VMware snapshot advice', () => {
		const r = analyzeText(
			[
				{ name: 'f.txt', text: fixtureText('veeam-kb1377-freeze-wait-timeout.txt') },
				{ name: 'vmms.txt', text: "Could not create backup checkpoint for virtual machine 'EXCH01': The system cannot find the file specified. (0x80070002). (Virtual machine ID 1234-AB)" },
			],
			{},
		);
		assert.equal(r.hypervisor, 'hyper-v');
		const f = r.findings.find((x) => x.code === 'QL562')!;
		assert.doesNotMatch(f.fix, /consolidate|VIX/);
		assert.match(f.fix, /anti-virus/);
		// Negative: alone (VMware or unknown), the snapshot advice is there.
		assert.match(analyse('f.txt', fixtureText('veeam-kb1377-freeze-wait-timeout.txt')).findings[0].fix, /consolidate/);
	});

	it("a task's Failed details in a job log without a banner name the step; the log says its clock is local", () => {
		const r = analyse('Job.log', fixtureText('veeam-v12-task-freeze-timeout-no-banner.log'));
		assert.deepEqual(codes(r), ['QL562']);
		assert.match(r.inputs[0].problems[0], /No banner/);
		const records = read(veeamLog, fixtureText('veeam-v12-task-freeze-timeout-no-banner.log')).facts.records;
		const errors = kinds(records, 'product-error');
		// The Error line and the task's details, not the VIX retry lines.
		assert.deepEqual(
			errors.map((e) => [e.fields.guestStep, e.source.line]),
			[
				['freeze-timeout', 5],
				['freeze-timeout', 6],
			],
		);
		// A failed task's coded details are its reason too; a failed task with prose details only is not.
		const coded = "[09.02.2024 22:02:17] <31> Info         Task session 'a1' has been completed, status: 'Failed', details: 'Failed to prepare guest for hot backup. Error: VSSControl: -2147467259 Backup job failed. Code: [0x8004231f].'";
		assert.deepEqual(
			kinds(read(veeamLog, `${coded}\n${INFO}`).facts.records, 'product-error').map((e) => e.fields.hresult),
			['0x8004231F'],
		);
		assert.deepEqual(kinds(read(veeamLog, `${coded.replace(/ Error: .*'$/, "'")}\n${INFO}`).facts.records, 'product-error'), []);
		// A component tag before the verdict (agents, later versions) does not hide it.
		const tagged = kinds(read(veeamLog, `[02.10.2024 00:12:44.020] <09> Error [VeeamAgent] Task session 'T-2' has been completed, status: 'Failed'\n${INFO}`).facts.records, 'product-job');
		assert.deepEqual([tagged[0].fields.scope, tagged[0].fields.status], ['task', 'failed']);
		// Negative: a successful task whose details are empty gives nothing; a log with its banner has no problem.
		assert.deepEqual(read(veeamLog, fixtureText('veeam-v12-banner-success-vix-retry.log')).problems, []);
	});

	it("KB2825's RPC error, re-wrapped, is the keep-alive finding; FinishSnapshot with another code is not", () => {
		const r = analyse('e.txt', fixtureText('veeam-kb2825-keepsnapshot-rewrapped.txt'));
		assert.ok(codes(r).includes('QL563'));
		assert.doesNotMatch(r.findings.find((f) => f.code === 'QL563')!.title, /\(\d+ s\)/);
		const other = kinds(read(veeamErrorText, "Failed to call RPC function 'Vss.FinishSnapshot': Error code: 0x80042306.").facts.records, 'product-error');
		assert.equal(other[0].fields.guestStep, null);
	});

	it('Unfreeze error with a critical writer names the writer and the freeze phase in the attempt', () => {
		const text =
			"Unfreeze error: [Backup job failed.\nCannot create a shadow copy of the volumes containing writer's data.\nA VSS critical writer has failed. Writer name: [NTDS]. Class ID: [{b2014c9e-8711-4c5c-a5a9-3cf384484757}]. Writer's state: [VSS_WS_FAILED_AT_FREEZE]. Error code: [0x800423f2].]\n";
		const r = analyse('u.txt', text);
		const [a] = r.attempts;
		assert.deepEqual([a.failedPhase, a.failedComponent], ['freeze', { type: 'writer', name: 'NTDS' }]);
		// Negative: a VSS writer failure is no guest-processing step: none of QL560–QL563.
		assert.deepEqual(
			codes(r).filter((c) => /^QL56/.test(c)),
			[],
		);
	});
});

describe("Veeam error text is told by Veeam's own words, not by a phrase every tool prints", () => {
	it("another tool's `Failed to create snapshot:` (Vagrant over Hyper-V) is not Veeam's text", () => {
		for (const line of ['Failed to create snapshot: Checkpoint operation failed.', '> Failed to create snapshot: Checkpoint operation failed.\r']) assert.equal(veeamErrorText.detect([line]), null, line);
		const r = analyse('vagrant.txt', 'Failed to create snapshot: Checkpoint operation failed.\n');
		assert.ok(r.attempts.every((a) => a.requester !== 'Veeam Backup & Replication'));
	});

	it("Veeam's report of vSphere's failed quiesce reads as the quiesced snapshot that failed, in its console's and its e-mail's shape", () => {
		for (const text of [
			'Error: Failed to create snapshot: Error: An error occurred while taking a snapshot: Failed to quiesce the virtual machine.\n',
			'12/6/2026 3:10:11 AM :: Error: Failed to create snapshot: Error: An error occurred while saving the snapshot: Failed to quiesce the virtual machine.\r\n',
		]) {
			const r = analyse('job.txt', text);
			assert.equal(r.attempts.length, 1, text);
			assert.equal(r.attempts[0].result, 'failed');
			assert.equal(r.attempts[0].quiesced, true);
			assert.ok(
				r.findings.some((f) => /quiesce/i.test(`${f.title} ${f.message}`)),
				'a finding about the quiesce',
			);
		}
	});

	it("Veeam's VSS text with the phrase still is Veeam's (its other words tell it)", () => {
		const r = analyse(
			'job.txt',
			"Creating VSS snapshot Error: Failed to create snapshot: Backup job failed. Cannot create a shadow copy of the volumes containing writer's data. VSS asynchronous operation is not completed. Operation: [Shadow copies commit]. Code: [0x80042306].\n",
		);
		assert.equal(r.inputs[0].format, 'veeam-error-text');
		assert.equal(r.attempts[0].hresult, '0x80042306');
	});
});
