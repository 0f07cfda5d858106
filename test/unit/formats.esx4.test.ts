import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../src/core';
import { FORMATS } from '../../src/core/formats';
import { hostdLog } from '../../src/core/formats/esxi/esxiAgentLog';
import { esxSyslog } from '../../src/core/formats/esxi/esxSyslog';
import { esxiVdf } from '../../src/core/formats/esxi/vdf';
import { DETECT_LINES, readLines, type Facts } from '../../src/core/formats/lib/format';
import { planTexts, stepRun } from '../../src/core/ingest/read';
import type { RecordKind, RecordOf } from '../../src/core/model/records';
import type { InputFile } from '../../src/core/model/report';
import { ROOT } from './readFixture';

const ESXI = path.join(ROOT, 'test/fixtures/formats/esxi');
const MESSAGES = path.join(ESXI, 'messages-esxi41-hostdstats.txt');
const VDF = path.join(ESXI, 'vdf-h-esxi41.txt');

/** Reads a text as the analysis reads a file (paste damage undone, sections cut): its inputs and records. */
function read(text: string, name = 'paste.txt'): { inputs: InputFile[]; records: NonNullable<Facts['records']> } {
	const run = stepRun(planTexts([{ name, text }], {}), {});
	while (run.step());
	const { inputs, parts } = run.outcome();
	return { inputs, records: parts.flatMap((p) => p.records ?? []) };
}
const ofKind = <K extends RecordKind>(records: readonly { kind: string }[], kind: K) => records.filter((r): r is RecordOf<K> => r.kind === kind);
const detectText = (lines: readonly string[]) => FORMATS.find((f) => f.detect(lines.slice(0, DETECT_LINES)))?.id ?? null;
/** The lines of the fixture without the 4-space Markdown indent the post gave them. */
const unindented = (file: string) =>
	fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.map((l) => l.replace(/^ {4}/, ''));

describe("ESX 4.x /var/log/messages: the agents' and the kernel's lines through syslog", () => {
	it("the ESXi 4.1 excerpt of a blog post (every line indented 4 spaces) is read whole: hostd's ENOSPC and fault, no attempt", () => {
		const { inputs, records } = read(fs.readFileSync(MESSAGES, 'utf8'), 'messages');
		assert.equal(inputs[0].format, 'esx-syslog');
		assert.equal(inputs[0].unparsedLines, 0);
		const [full] = ofKind(records, 'no-space');
		assert.equal(full.fields.agent, 'hostd');
		assert.equal(full.fields.path, '/var/lib/vmware/hostd/stats/hostAgentStats.idMap');
		assert.equal(full.fields.level, 'error');
		assert.equal(full.fields.sub, 'Statssvc');
		// The stamp inside hostd's bracket has the year and no zone: a local time, no instant.
		assert.deepEqual([full.time, full.local], [null, '2012-04-07T17:33:20.472']);
		assert.equal(full.source.line, 9);
		assert.match(full.text, /^Apr 7 17:33:20 esx_host Hostd: \[2012-04-07/);
		assert.deepEqual(
			ofKind(records, 'fault').map((r) => [r.fields.fault, r.source.line]),
			[['vim.fault.PlatformConfigFault', 2]],
		);
		assert.deepEqual(
			records.map((r) => r.kind),
			['fault', 'no-space'],
		);
		assert.equal(analyze([MESSAGES]).attempts.length, 0);
	});

	it("a backtrace continues its agent's message; vmkernel lines, tagged or not, and other daemons are parsed, make no record", () => {
		const r = readLines(esxSyslog, 'm', [
			"Apr  7 17:33:20 esx01 Hostd: [2012-04-07 17:33:20.492 32AE9B90 error 'App'] Backtrace:",
			'Apr  7 17:33:20 esx01 Hostd: [00] rip 17c6bbf3',
			"Apr  7 17:33:21 esx01 Vpxa: [2012-04-07 17:33:21.001 3E8C5B90 info 'Default' opID=D1D8F924-83] [VpxLRO] -- BEGIN task-768 -- vm-1421 -- vpxapi.VpxaService.createSnapshot --",
			// A hostd message interleaved with vpxa's: the continuation after vpxa's line is still hostd's.
			'Apr  7 17:33:22 esx01 Hostd: [01] rip 17afda0e No space left : /tmp/x',
			'Apr  7 17:41:03 esx01 vmkernel: 17:19:52:55.580 cpu7:4182)BC: 3837: Failed to flush 45 buffers',
			'Apr  7 17:41:03 esx01: 17:19:52:55.580 cpu7:4182)BC: 3837: Failed to flush 3 buffers',
			"Apr  7 17:41:05 esx01 watchdog-hostd[4521]: Begin 'hostd ++min=0,swap,group=hostd /etc/vmware/hostd/config.xml'",
			'not a syslog line at all',
		]);
		assert.equal(r.unparsedLines, 1);
		const [created] = r.facts.records!.filter((x) => x.kind === 'task-created') as RecordOf<'task-created'>[];
		assert.deepEqual([created.fields.agent, created.fields.taskId, created.local], ['vpxa', 'task-768', '2012-04-07T17:33:21.001']);
		const [full] = r.facts.records!.filter((x) => x.kind === 'no-space') as RecordOf<'no-space'>[];
		assert.deepEqual([full.fields.agent, full.fields.path, full.source.line], ['hostd', '/tmp/x', 1]);
		assert.match(full.fields.message, /^Backtrace:\n\[00\] rip 17c6bbf3\n\[01\] rip/);
		// Records in file order, whichever agent's message closed first.
		assert.deepEqual(
			r.facts.records!.map((x) => x.source.line),
			[1, 3],
		);
	});

	it("detection: the host's own daemons make a syslog the host's; a Linux guest's syslog and prose are not", () => {
		assert.equal(detectText(unindented(MESSAGES)), 'esx-syslog');
		assert.equal(esxSyslog.detect(['Mar 14 21:56:48 web01 vmsvc[29258]: [   debug] [vmbackup] [29258] *** VmBackupStart', 'Mar 14 21:56:49 web01 kernel: [ 12.3] EXT4-fs (sda1): mounted']), null);
		assert.equal(esxSyslog.detect(['Apr 7 17:33:20 was the day hostd crashed.', 'We restarted it.']), null);
	});
});

describe('ESX 4.x hostd.log: the stamp inside the bracket', () => {
	it('reads as hostd-log esxi4, local times, a task with its opID', () => {
		const lines = hostdLog.variants
			.find((v) => v.name === 'esxi4')!
			.samples[0].trimEnd()
			.split('\n');
		const d = hostdLog.detect(lines);
		assert.equal(d?.variant, 'esxi4');
		const r = readLines(hostdLog, 'h', lines, d!);
		assert.equal(r.unparsedLines, 0);
		const [task] = r.facts.records!.filter((x) => x.kind === 'task-created') as RecordOf<'task-created'>[];
		assert.deepEqual([task.time, task.local, task.fields.opId, task.fields.method], [null, '2011-10-24T14:02:10.377', '5E4C21F0-00000123', 'vim.VirtualMachine.createSnapshot']);
		assert.equal(r.clock, null);
	});
});

describe('ESXi vdf -h: ramdisk usage', () => {
	it('the 4.1 listing of the post: four ramdisks, hostdstats at 100% with 0B available', () => {
		const { inputs, records } = read(fs.readFileSync(VDF, 'utf8'), 'vdf-h.txt');
		assert.equal(inputs[0].format, 'esxi-vdf');
		assert.equal(inputs[0].unparsedLines, 0);
		const rows = ofKind(records, 'ramdisk');
		assert.deepEqual(
			rows.map((r) => [r.fields.name, r.fields.usePercent]),
			[
				['MAINSYS', 68],
				['tmp', 0],
				['updatestg', 0],
				['hostdstats', 100],
			],
		);
		const stats = rows[3].fields;
		assert.deepEqual([stats.sizeBytes, stats.usedBytes, stats.availableBytes, stats.mountedOn], [166 * 1024 ** 2, 166 * 1024 ** 2, 0, null]);
		assert.equal(rows[1].fields.usedBytes, 60 * 1024);
	});

	it('5.x and later: the Tardisk table first makes no record; bare numbers are 1k-blocks when the header says so', () => {
		const sample = esxiVdf.variants.find((v) => v.name === 'esxi5')!.samples[0].split('\n');
		assert.equal(esxiVdf.detect(sample)?.variant, 'esxi5');
		const r = readLines(esxiVdf, 'v', sample);
		assert.equal(r.unparsedLines, 0);
		assert.deepEqual(
			r.facts.records!.map((x) => (x as RecordOf<'ramdisk'>).fields.name),
			['root', 'etc', 'tmp', 'hostdstats', 'snmptraps'],
		);
		const blocks = readLines(esxiVdf, 'v', ['Ramdisk                   1k-blocks      Used Available Use% Mounted on', 'hostdstats               170064    170064         0 100% --']);
		assert.equal((blocks.facts.records![0] as RecordOf<'ramdisk'>).fields.sizeBytes, 170064 * 1024);
	});

	it("a Linux df -h (a file system table, not ESXi's ramdisks) is no vdf", () => {
		assert.equal(esxiVdf.detect(['Filesystem      Size  Used Avail Use% Mounted on', '/dev/sda1        20G  5.0G   14G  27% /']), null);
	});
});

describe('ESX 4.x evidence as a whole: the hostdstats ramdisk full (QL503)', () => {
	it("the post's messages and vdf -h together make one finding with the numbers, citing KB 1005884", () => {
		const r = analyze([MESSAGES, VDF]);
		const found = r.findings.filter((f) => f.code === 'QL503');
		assert.equal(found.length, 1);
		const [f] = found;
		assert.equal(f.severity, 'error');
		assert.match(f.message, /hostdstats ramdisk of the host is full: 166M of 166M used, 0B available \(100%\)/);
		assert.match(f.message, /hostd could not write \/var\/lib\/vmware\/hostd\/stats\/hostAgentStats\.idMap: "No space left"/);
		assert.match(f.fix, /vdf -h/);
		assert.match(f.fix, /\/var\/lib\/vmware\/hostd\/stats/);
		assert.deepEqual(
			f.kb.map((k) => k.id),
			['VMware KB 1005884', 'VMware KB 1003490'],
		);
		assert.deepEqual(
			f.evidence.map((e) => [path.basename(e.path), e.line]),
			[
				['messages-esxi41-hostdstats.txt', 9],
				['vdf-h-esxi41.txt', 6],
			],
		);
	});
});
