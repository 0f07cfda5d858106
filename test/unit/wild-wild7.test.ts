import * as assert from 'assert/strict';
import * as fs from 'fs';
import type { Report } from '../../src/core/model/report';
import { fixture } from './fixtures';
import { analyse, codes } from '../lib/wildText';

// Session 7 (wild7): Windows and ESXi evidence in odd containers. Each case is built from the shape of a real
// published excerpt (test/fixtures/wild/README.md names each source), with variants of what a paste does to it.

const formats = (r: Report) => r.inputs.map((i) => i.format);
const read = (name: string, locale?: 'en' | 'ja') => analyse(fs.readFileSync(fixture('wild', `${name}.txt`), 'utf8'), locale);
const quoted = (lines: readonly string[]) => lines.map((l) => `> ${l}`).join('\n');

describe('wild7: Windows events as PowerShell Format-List prints them', () => {
	// The list view of Get-WinEvent: TimeCreated, ProviderName, Id, Message, the message's lines under its column.
	const VETO = [
		'TimeCreated  : 5/22/2024 8:30:49 PM',
		'ProviderName : VSS',
		'Id           : 8229',
		'Message      : A VSS writer has rejected an event with error 0x800423f4, The writer experienced a non-transient error.  If the',
		'               backup process is retried,',
		'               the error is likely to reoccur.',
		'               . Changes that the writer made to the writer components while handling the event will not be available to the',
		'               requester. Check the event log for related events from the application hosting the VSS writer.',
		'',
		'               Operation:',
		'                  PrepareForSnapshot Event',
		'',
		'               Context:',
		'                  Execution Context: Writer',
		'                  Writer Class Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}',
		'                  Writer Name: SqlServerWriter',
	];

	it('reads the default view by its property names: the writer veto of 8229 (QL206)', () => {
		const r = analyse(['PS C:\\> Get-WinEvent -LogName Application -MaxEvents 50 | Where-Object Id -eq 8229 | Format-List', '', ...VETO].join('\n'));
		assert.deepEqual(formats(r), ['windows-events-list']);
		assert.equal(r.inputs[0].unparsedLines, 1);
		assert.deepEqual(codes(r), ['QL206']);
		assert.equal(r.attempts[0].hresult, '0x800423F4');
		assert.deepEqual(r.findings[0].writers, ['SqlServerWriter']);
	});

	it('the same list quoted in Markdown, with CRLF, and with the blank lines inside its message lost', () => {
		assert.deepEqual(codes(analyse(quoted(VETO).replace(/\n/g, '\r\n'))), ['QL206']);
		assert.deepEqual(codes(analyse(VETO.filter((l) => l !== '').join('\n'))), ['QL206']);
	});

	it('a German volsnap 25 without a Level property: the message template of that id says it is an error (failed attempt, QL404)', () => {
		const de = [
			'TimeCreated  : 22.05.2024 20:30:49',
			'ProviderName : volsnap',
			'Id           : 25',
			'Message      : Die Schattenkopien von Volume D: wurden gelöscht, da der Schattenkopiespeicher nicht rechtzeitig vergrößert',
			'               werden konnte. Verringern Sie die E/A-Last auf dem System, oder wählen Sie ein Schattenkopiespeichervolume aus,',
			'               für das keine Schattenkopie erstellt wird.',
		];
		const r = analyse(de.join('\n'));
		assert.deepEqual(formats(r), ['windows-events-list']);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.deepEqual(codes(r), ['QL404']);
		assert.match(r.findings[0].message, /volsnap event 25/);
	});

	it('Get-EventLog | Format-List: the event id is InstanceId less its qualifiers, the level its EntryType', () => {
		const r = analyse(
			[
				'Index              : 77121',
				'EntryType          : Error',
				'InstanceId         : 3221233665',
				'Message            : Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x80040154,',
				'                     Class not registered.',
				'Source             : VSS',
				'TimeGenerated      : 2/11/2014 3:05:40 PM',
			].join('\n'),
		);
		assert.deepEqual(formats(r), ['windows-events-list']);
		assert.equal(r.attempts[0].result, 'failed');
		assert.equal(r.attempts[0].hresult, '0x80040154');
		assert.ok(r.findings.some((f) => /8193/.test(f.message)));
	});

	it('negative: a Format-List of another object (Get-Service) is no event list; a command line is no CSV header', () => {
		const service = analyse(['Name        : VSS', 'DisplayName : Volume Shadow Copy', 'Status      : Stopped', 'ServiceType : Win32OwnProcess'].join('\n'));
		assert.ok(!formats(service).includes('windows-events-list'));
		const command = analyse("Format-List @{n='Zeit';e={$_.TimeCreated}}, ProviderName, Id, LevelDisplayName, Message");
		assert.ok(!formats(command).includes('windows-events-csv'));
	});

	it('duplicati #7205: a German Get-WinEvent list under its script, one informational 8231 — one list, no finding', () => {
		const r = read('duplicati-7205-de-getwinevent-format-list-vss-8231');
		assert.deepEqual(formats(r), ['windows-events-list']);
		assert.deepEqual(codes(r), []);
		// The prose and the script are not the list's: counted, not read as a CSV table.
		assert.equal(r.inputs[0].unparsedLines, 15);
	});
});

describe('wild7: Windows events as a PowerShell table prints them', () => {
	// Get-WinEvent's default view: grouped under the provider, the message cut to the console's width.
	const TABLE = [
		'PS C:\\> Get-WinEvent -LogName Application -MaxEvents 5 | Where-Object ProviderName -eq VSS',
		'',
		'',
		'   ProviderName: VSS',
		'',
		'TimeCreated                     Id LevelDisplayName Message',
		'-----------                     -- ---------------- -------',
		'5/22/2024 8:30:49 PM          8229 Warning          A VSS writer has rejected an event with error 0x800423f3, The writer experienced a transient error.  If the backup process is retried,...',
		'5/22/2024 8:30:48 PM         12289 Error            Volume Shadow Copy Service error: Unexpected error DeviceIoControl(\\\\?\\fdc#generic_floppy_drive#6&2bc13940&0&0#{53f5630d-b6bf-11d0-94f2-00a0c91efb8b} - 00000000000004A0,0x00560000,0000000000000000,0,0000000000353B50,4096,[0]). hr = 0x80070001, Incorrect function....',
		'5/22/2024 8:25:02 PM          8224 Information      The VSS service is shutting down due to idle timeout.',
	];

	it("reads the rows as the VSS events they are (a writer veto, the floppy), not as a backup agent's codes", () => {
		const r = analyse(TABLE.join('\n'));
		assert.deepEqual(formats(r), ['windows-events-table']);
		assert.deepEqual(codes(r), ['QL206', 'QL317']);
		assert.match(r.findings.find((f) => f.code === 'QL317')!.message, /floppy/);
		assert.equal(r.inputs[0].unparsedLines, 1);
	});

	it("the group at the margin, PowerShell 7's ellipsis, a -Wrap row carrying the HRESULT on its second line, CRLF", () => {
		const wrapped = [
			'ProviderName: VSS',
			'',
			'TimeCreated             Id LevelDisplayName Message',
			'-----------             -- ---------------- -------',
			'5/22/2024 8:30:48 PM 12289 Error            Volume Shadow Copy Service error: Unexpected error',
			'                                            DeviceIoControl(\\\\?\\fdc#generic_floppy_drive#6&2bc13940&0&0#{53f5630d-b6bf-11d0-94f2-00a0c91efb8b}',
			'                                            - 00000000000004A0,0x00560000,0000000000000000,0,0000000000353B50,4096,[0]). hr = 0x80070001, Incorrect…',
		];
		const r = analyse(wrapped.join('\r\n'));
		assert.deepEqual(formats(r), ['windows-events-table']);
		assert.equal(r.attempts[0].hresult, '0x80070001');
		assert.deepEqual(codes(r), ['QL317']);
	});

	it('a Select-Object table with the provider as a column reads alike', () => {
		const r = analyse(
			[
				'TimeCreated           ProviderName    Id Message',
				'-----------           ------------    -- -------',
				'22.05.2024 20:30:49   volsnap         25 Die Schattenkopien von Volume D: wurden gelöscht, da der Schattenkopiespeicher nicht rechtzeitig vergrößert werden konnte...',
			].join('\n'),
		);
		assert.deepEqual(codes(r), ['QL404']);
	});

	it('negative: a table of other objects, or of events naming no provider, is no event table', () => {
		const services = ['Status  Name               DisplayName', '------  ----               -----------', 'Stopped VSS                Volume Shadow Copy'];
		assert.ok(!formats(analyse(services.join('\n'))).includes('windows-events-table'));
		const noProvider = ['TimeCreated                     Id LevelDisplayName Message', '-----------                     -- ---------------- -------', '5/22/2024 8:30:49 PM          8229 Warning          A VSS writer has rejected an event...'];
		assert.ok(!formats(analyse(noProvider.join('\n'))).includes('windows-events-table'));
	});

	it('mod-posh Get-WinEventTail docs: an ESENT table under its group at the margin is read, and is no problem', () => {
		const r = read('modposh-get-wineventtail-esent-table');
		assert.deepEqual(formats(r), ['windows-events-table']);
		assert.deepEqual(codes(r), []);
		assert.equal(r.inputs[0].unparsedLines, 2);
	});
});

describe("wild7: SQL Server's ERRORLOG with informational entries only", () => {
	const FROZEN = [
		'2014-01-27 09:35:15.43 spid71      I/O is frozen on database model. No user action is required. However, if I/O is not resumed promptly, you could cancel the backup.',
		'2014-01-27 09:35:15.44 spid72      I/O is frozen on database msdb. No user action is required. However, if I/O is not resumed promptly, you could cancel the backup.',
		'2014-01-27 09:35:25.57 spid71      I/O was resumed on database model. No user action is required.',
		'2014-01-27 09:35:25.57 spid72      I/O was resumed on database msdb. No user action is required.',
	];

	it('aws rds: the log inside an XML response is ERRORLOG by its layout; a freeze and thaw that went well is no problem', () => {
		const r = read('awsrds-errorlog-xml-io-frozen-resumed');
		assert.deepEqual(formats(r), ['sql-errorlog']);
		assert.deepEqual(codes(r), []);
		// The XML, the fence and the banner's unstamped lines: 16 of 60.
		assert.equal(r.inputs[0].unparsedLines, 16);
	});

	it('the same entries with CRLF, after a line of prose, and in Japanese: the layout decides, not the words', () => {
		const crlf = analyse(['These show up in the log every night:', ...FROZEN].join('\r\n'));
		assert.ok(formats(crlf).includes('sql-errorlog'));
		const ja = FROZEN.map((l) => l.replace(/I\/O (?:is frozen|was resumed) on database (\w+)\..*$/, 'データベース $1 の I/O を凍結しました。ユーザーによる操作は必要ありません。'));
		assert.deepEqual(formats(analyse(ja.join('\n'))), ['sql-errorlog']);
	});

	it('negative: stamps with milliseconds and no padded source column are not ERRORLOG', () => {
		const other = FROZEN.map((l) => l.replace(/^(\S+ \d\d:\d\d:\d\d\.\d\d) (spid\d+) +/, '$10 [$2] '));
		assert.ok(!formats(analyse(other.join('\n'))).includes('sql-errorlog'));
	});
});

describe("wild7: a vmware.log excerpt that starts at the quiesce's failure, not at the snapshot's start", () => {
	// open-vm-tools #16: the two lines a maintainer quotes, 15 minutes apart (the Tools quiesce timeout).
	const ESXI5 = ['2015-05-12T13:39:18.433Z| vcpu-0| I120: Guest not privileged, dropping vmbackup event set request', '2015-05-12T13:54:14.350Z| vmx| I120: [msg.snapshot.quiesce.timeout] Timed out while quiescing the virtual machine.'];

	it('the dropped events and the timeout are one failed quiesced attempt, explained by the privilege drop (QL109)', () => {
		const r = read('ovt-16-vmware-log-guest-not-privileged-quiesce-timeout');
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.equal(r.attempts[0].quiesced, true);
		assert.equal(r.attempts[0].events.length, 2);
		assert.deepEqual(codes(r), ['QL109']);
	});

	it('the same in ESXi 7 stamps, quoted in Markdown with CRLF: one failed attempt', () => {
		const esxi7 = ['2023-03-02T10:00:00.100Z In(05) vcpu-1 - Guest not privileged, dropping vmbackup event set request', '2023-03-02T10:15:00.300Z In(05) vmx - [msg.snapshot.quiesce.timeout] Timed out while quiescing the virtual machine.'];
		for (const text of [esxi7.join('\n'), quoted(ESXI5).replace(/\n/g, '\r\n')]) {
			const r = analyse(text);
			assert.deepEqual(
				r.attempts.map((a) => a.result),
				['failed'],
			);
		}
	});

	it('negative: a quiesce reason followed by the snapshot done with its uid is a snapshot that completed', () => {
		const r = analyse([ESXI5[0], "2015-05-12T13:39:20.100Z| vmx| I120: SnapshotVMXTakeSnapshotComplete: Done with snapshot 'backup': 2"].join('\n'));
		assert.deepEqual(
			r.attempts.map((a) => a.result),
			['success'],
		);
	});
});

describe("wild7: an event's context block followed by the page's own text", () => {
	// restic #5169: a VSS 8194 in a fence, its context unindented, a Markdown heading right after the fence.
	const EVENT = [
		'Volume Shadow Copy Service error: Unexpected error querying for the',
		'IVssWriterCallback interface. hr = 0x80070005, Access is denied.',
		'. This is often caused by incorrect security settings in either the writer or requestor process.',
		'',
		'Operation:',
		'Gathering Writer Data',
		'',
		'Context:',
		'Writer Class Id: {e8132975-6f93-4464-a53e-1050253ae220}',
		'Writer Name: System Writer',
		'Writer Instance ID: {325f1613-7240-49af-865e-82927f406f7a}',
	];

	it("restic #5169: the heading after the fence is not the instance id's continuation: the System Writer is named (QL315)", () => {
		const r = read('restic-5169-vss-8194-unindented-context-wrapped');
		assert.deepEqual(codes(r), ['QL315']);
		assert.deepEqual(r.findings[0].writers, ['System Writer']);
		assert.match(r.findings[0].fix, /NETWORK SERVICE|Network Service/);
	});

	it('the same with the heading right under the block (no fence), with a rule under it, and CRLF', () => {
		for (const tail of [['Expected behavior'], ['---', 'Expected behavior'], ['```', 'Expected behavior', '-----------------']]) {
			const r = analyse([...EVENT, ...tail].join('\r\n'));
			assert.deepEqual(
				r.findings.map((f) => f.writers),
				[['System Writer']],
			);
		}
	});

	it('negative: a long Command Line value re-wrapped onto the next line still continues its pair', () => {
		const r = analyse(
			[
				'Volume Shadow Copy Service error: Unexpected error calling routine IVssWriterCallback::SetContent.  hr = 0x80070005, Access is denied.',
				'',
				'Operation:',
				'   PrepareForBackup event',
				'',
				'Context:',
				'   Execution Context: Writer',
				'   Writer Class Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}',
				'   Writer Name: SqlServerWriter',
				'   Writer Instance ID: {0f3d8ab4-0c0a-4c6c-8d2b-1c2e3b5e9f11}',
				'   Command Line: "C:\\Program Files\\Microsoft SQL Server\\90\\Shared\\',
				'sqlwriter.exe"',
				'   Process ID: 2416',
			].join('\n'),
		);
		assert.deepEqual(
			r.findings.map((f) => f.writers),
			[['SqlServerWriter']],
		);
	});
});

describe('wild7: each excerpt of session 7 reads as its source concludes (test/fixtures/wild/README.md)', () => {
	it('csstwplatform: VolSnap 25 with its Data words — the storage could not grow in time (QL404, D:)', () => {
		const r = read('csstw-volsnap-25-could-not-grow-in-time-data');
		assert.deepEqual(codes(r), ['QL404']);
		assert.equal(r.attempts[0].result, 'failed');
		assert.match(r.findings[0].message, /volsnap event 25/);
		assert.deepEqual(r.attempts[0].failedComponent, { type: 'shadow-storage', name: 'D:' });
	});

	it('kbalertz 312067: VolSnap 24 (header run into one line) says the disk had no room to grow the storage', () => {
		const r = read('kbalertz-312067-volsnap-24-defrag-insufficient-space');
		assert.deepEqual(codes(r), ['QL404']);
		assert.match(r.findings[0].message, /Not enough disk space to grow the shadow copy storage/);
		assert.match(read('kbalertz-312067-volsnap-24-defrag-insufficient-space', 'ja').findings[0].message, /ディスク領域が足りず/);
	});

	it('sqlcoffee: MSSQLSERVER 3197/3198 in the Event Type layout are the normal freeze and thaw: no finding', () => {
		const r = read('sqlcoffee-mssqlserver-3197-3198-io-frozen-benign');
		assert.deepEqual(codes(r), []);
		assert.ok(r.attempts.every((a) => a.result !== 'failed'));
	});

	it('stevestedman: SSMS log viewer rows without dates are no evidence of a failure', () => {
		const r = read('stevestedman-errorlog-csv-io-frozen-resumed');
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts.length, 0);
	});

	it('open-vm-tools #347: the sync driver cannot open a bind-mounted file (ENXIO, 6): the freeze failed (QL104)', () => {
		const r = read('ovt-347-syncdriver-bind-mounted-file-enxio');
		assert.deepEqual(codes(r), ['QL104']);
		assert.equal(r.attempts[0].result, 'failed');
		assert.match(r.findings[0].message, /ENXIO \(6/);
		assert.match(r.findings[0].title, /\/run\/rsyslog-lin\/systemd\/notify/);
	});

	it('open-vm-tools #480: freeze returning 95 (Operation not supported) on docker mounts is skipped by design: no finding', () => {
		const r = read('ovt-480-docker-shm-freeze-95-not-supported');
		assert.deepEqual(codes(r), []);
		assert.ok(r.attempts.every((a) => a.result === 'unknown'));
	});

	it('CSS-Exchange #2093: a writer block in an e-mail reply, blank lines between its fields — Exchange Writer [8], Not responding', () => {
		const r = read('cssexchange-2093-email-exchange-writer-8-not-responding');
		assert.deepEqual(codes(r), ['QL201']);
		const w = r.writers.find((x) => x.name === 'Microsoft Exchange Writer');
		assert.equal(w?.stateCode, 8);
		assert.equal(w?.lastErrorHresult, '0x80042319');
		assert.match(r.findings[0].message, /0x80042319/);
	});

	it('proxmoxbackupclient_go #77: a snapshot began (8231) and the machine went down (6008): no VSS failure is shown', () => {
		const r = read('pbsgo-77-eventviewer-tab-6008-vss-8231');
		assert.deepEqual(codes(r), []);
		assert.ok(r.attempts.every((a) => a.result !== 'failed'));
	});

	it('breeze #2999: writer names in two columns and E_INVALIDARG in prose: the VSS side is healthy, no finding', () => {
		const r = read('breeze-2999-writers-two-columns-initializeforbackup-e-invalidarg');
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts.length, 0);
	});

	it('restic #340: diskshadow excluding components whose volume is not in the set is no failure', () => {
		const r = read('restic-340-diskshadow-create-components-excluded');
		assert.deepEqual(codes(r), []);
		assert.ok(r.attempts.every((a) => a.result !== 'failed'));
	});
});
