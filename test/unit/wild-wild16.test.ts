import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { escapedLines } from '../../src/core/decode/escapedLines';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';
import { ROOT } from './readFixture';

// Session 9 (wild16): Windows evidence in odd containers — a docs page's quoted listing with placeholder ids,
// a JSON reply's escaped string inside a script's here-document, PowerShell's Format-List of an event whose
// context lost its sections (test/fixtures/wild/README.md names each source), with what a paste does to them.

const failed = (r: Report) => r.writers.filter((w) => w.failed).map((w) => [w.name, w.stateCode]);

describe('wild16: a writer block whose ids an article replaced by placeholders or a script left out', () => {
	const KB = wild('mskb4504103-sqlserverwriter-11-placeholder-ids-trace-0x8077000e.txt');

	it('KB 4504103: `{ID}` placeholders, first line quoted alone — SqlServerWriter [11] non-retryable is read', () => {
		const r = analyse(KB);
		assert.deepEqual(failed(r), [['SqlServerWriter', 11]]);
		const w = finding(r, 'QL201');
		assert.match(w?.title ?? '', /SqlServerWriter failed at PostSnapshot \(state \[11\]\)/);
		assert.equal(w!.hresult, '0x800423F4');
	});

	it('the same block quoted whole and with CRLF: the same writer', () => {
		assert.deepEqual(failed(analyse(crlf(quoted(KB)))), [['SqlServerWriter', 11]]);
	});

	it('other placeholders (`{WriterId}`, `{xxxxxxxx-xxxx-…}`) and a German block without ids read alike', () => {
		const block = (id: string) => `Writer name: 'NTDS'\n   Writer Id: ${id}\n   Writer Instance Id: ${id}\n   State: [11] Failed\n   Last error: Non-retryable error\n`;
		for (const id of ['{WriterId}', '{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}']) assert.deepEqual(failed(analyse(block(id))), [['NTDS', 11]], id);
		const de = "Verfassername: 'SqlServerWriter'\n   Status: [8] Fehlgeschlagen\n   Letzter Fehler: Zeitüberschreitung\n";
		assert.deepEqual(failed(analyse(de)), [['SqlServerWriter', 8]]);
	});

	it('negative: a quoted name and a bracketed number with nothing after them is no writer listing', () => {
		const r = analyse("Job name: 'nightly'\nRetries: [3] left\n");
		assert.equal(r.writers.length, 0);
	});
});

describe('wild16: a listing kept as a JSON string (a guest agent’s guest-exec reply in a script’s test data)', () => {
	it('the English capture: SqlServerWriter [10] timed out, System Writer [5], three writers', () => {
		const r = analyse(wild('zfsquiesce-qga-guest-exec-json-writers-10-timed-out.txt'));
		assert.equal(r.writers.length, 3);
		assert.deepEqual(failed(r), [['SqlServerWriter', 10]]);
		assert.equal(finding(r, 'QL201')?.hresult, '0x800423F2');
		assert.ok(finding(r, 'QL202'), 'System Writer waits for BackupComplete');
	});

	it('the Polish capture: labels in another language, the same numbers decide', () => {
		const r = analyse(wild('zfsquiesce-qga-guest-exec-json-pl-writers-10.txt'));
		assert.equal(r.writers.length, 2);
		assert.deepEqual(failed(r), [['SqlServerWriter', 10]]);
	});

	it('the same reply as one line of a log shipper’s JSON, with `\\n` breaks and escaped quotes: the same writers', () => {
		const listing = 'Writer name: "SqlServerWriter"\n   Writer Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}\n   Writer Instance Id: {d86a2c55-1234-493f-a5a0-333333333333}\n   State: [9] Failed\n   Last error: Retryable error\n';
		const line = `{"host": "sql01", "message": ${JSON.stringify(listing)}}`.replace(/\}$/, '');
		// The literal must end the line (an object's closing brace on its own line, as pretty-printers put it).
		const r = analyse(`${line}\n}`);
		assert.deepEqual(failed(r), [['SqlServerWriter', 9]]);
	});

	it('escapedLines peels only a valid JSON string holding several lines', () => {
		assert.deepEqual(escapedLines('"out-data" : "a\\r\\nb\\r\\nc\\r\\n"'), ['a', 'b', 'c']);
		assert.equal(escapedLines('"msg": "one\\nbreak"'), null, 'one break is a message, not a block');
		assert.equal(escapedLines('C:\\new\\nested\\notes.txt'), null, 'a path in plain text is no literal');
		assert.equal(escapedLines('"bad": "a\\nb\\nc\\q"'), null, 'an escape JSON does not know: no JSON string');
	});
});

describe('wild16: Get-WinEvent | Format-List of an event whose context lost its section heads', () => {
	const NOTES = wild('sqlkvm-notes-getwinevent-format-list-8194-ivsswritercallback-qga.txt');

	it('VSS 8194 IVssWriterCallback access denied names the System Writer (QL315, not "no writer is named")', () => {
		const r = analyse(NOTES);
		const w = finding(r, 'QL315');
		assert.deepEqual(w?.writers, ['System Writer']);
		assert.equal(w!.hresult, '0x80070005');
		assert.match(w!.fix, /IVssWriterCallback/);
		assert.ok(!codes(r).includes('QL317'));
	});

	it('quoted as a mail reply with CRLF: the same writer', () => {
		assert.deepEqual(finding(analyse(crlf(quoted(NOTES))), 'QL315')?.writers, ['System Writer']);
	});

	it('negative: a flat context that names no known writer stays unnamed (QL317)', () => {
		const other = NOTES.replace('Writer Name:    System Writer', 'Writer Name:    Contoso Custom Writer');
		const r = analyse(other);
		assert.ok(finding(r, 'QL317'));
		assert.ok(!finding(r, 'QL315'));
	});
});

describe('wild16: KB 2952783, guest writers [9] after a Hyper-V host backup of a 2003/2008 guest', () => {
	it('a docs page with `>`-quoted names and trailing double spaces: five writers failed at freeze of six', () => {
		const r = analyse(wild('mskb2952783-guest-writers-9-failed-hyperv-host-backup-expected.txt'));
		assert.equal(r.writers.length, 6);
		assert.deepEqual(
			failed(r).map(([, s]) => s),
			[9, 9, 9, 9, 9],
		);
		assert.deepEqual(
			r.writers.filter((w) => !w.failed).map((w) => w.name),
			['MSDEWriter'],
		);
		// Five writers stopped at one step with no error of their own: stopped together, the requester's doing.
		for (const f of r.findings.filter((x) => x.code === 'QL201')) assert.match(f.message, /5 writers of this listing failed at this same step with no error of their own/);
	});
});

describe('wild16: writers that failed together at one step with no error of their own', () => {
	const FORUM = wild('elstar-bb-wsb-2008-0x80780021-shared-protection-point-writers-8-no-error.txt');

	it('a forum’s print view (WSB 2008, code 2155348001): 0x80780021 is the shared protection point timing out; three [8] writers stopped together', () => {
		const r = analyse(FORUM);
		assert.deepEqual(failed(r), [
			['ASR Writer', 8],
			['System Writer', 8],
			['SqlServerWriter', 8],
		]);
		assert.equal(r.attempts[0].hresult, '0x80780021');
		assert.match(finding(r, 'QL550')?.message ?? '', /shared protection point .* timed out/);
		for (const f of r.findings.filter((x) => x.code === 'QL201')) assert.match(f.message, /3 writers of this listing failed at this same step/);
	});

	it('in Japanese: the same count in the Japanese message', () => {
		const r = analyse(FORUM, 'ja');
		assert.match(finding(r, 'QL201')?.message ?? '', /この一覧の 3 個のライターが、自身のエラーなしで同じ段階で失敗/);
	});

	const listing = (states: readonly [string, number, string][]) =>
		states.map(([n, s, e], i) => `Writer name: '${n}'\n   Writer Id: {e8132975-6f93-4464-a53e-1050253ae22${i}}\n   Writer Instance Id: {59d3ff43-4ddc-496d-866c-0286e04ffb8${i}}\n   State: [${s}] x\n   Last error: ${e}\n`).join('\n');

	it('negative: one failed writer with no error beside stable ones, or two at different steps, or one with its own error: no such sentence', () => {
		const cases: [string, number, string][][] = [
			[
				['System Writer', 8, 'No error'],
				['WMI Writer', 1, 'No error'],
				['Registry Writer', 1, 'No error'],
			],
			[
				['System Writer', 8, 'No error'],
				['WMI Writer', 9, 'No error'],
				['Registry Writer', 1, 'No error'],
			],
			[
				['System Writer', 8, 'Timed out'],
				['WMI Writer', 8, 'No error'],
				['Registry Writer', 1, 'No error'],
			],
		];
		for (const states of cases) {
			const r = analyse(listing(states));
			assert.ok(
				r.findings.some((x) => x.code === 'QL201'),
				JSON.stringify(states),
			);
			for (const f of r.findings.filter((x) => x.code === 'QL201')) assert.doesNotMatch(f.message, /failed at this same step/, JSON.stringify(states));
		}
	});
});

describe('wild16: ESXi agent lines behind a syslog relay or in a log store', () => {
	// ESXi 8's own hostd lines (a snapshot task, the guest's VSS error 0x80042306 in an event and its `-->` lines),
	// re-wrapped as relays and collectors pass them on.
	const own = fs
		.readFileSync(path.join(ROOT, 'test/fixtures/formats/esxi/hostd-esxi80.log'), 'utf8')
		.split('\n')
		.slice(3)
		.filter((l) => l !== '');
	const SHAPE = /^(\S+) ([A-Z][a-z])\((\d+)\) (\w+)\[(\d+)\]: (.*)$/;
	/** ESXi's forwarder's pairs: `[Originator@6876 k=v …]` as `[esx@4413 k="v" …]`. */
	const sd = (body: string) =>
		body.replace(
			/^\[Originator@6876 ([^\]]*)\]/,
			(_, pairs: string) =>
				`[esx@4413 ${pairs
					.split(' ')
					.map((kv) => kv.replace(/^(\w+)=(.*)$/, '$1="$2"'))
					.join(' ')}]`,
		);
	const as5424 = (pri: boolean) =>
		own.map((l) => {
			const [, stamp, , n, app, pid, body] = SHAPE.exec(l)!;
			const msg = body.startsWith('[') ? sd(body) : `- ${body}`;
			return `${pri ? `<${n}>1 ` : ''}${stamp} esx-11.corp.example ${app} ${pid} - ${msg}`;
		});
	const read = (lines: readonly string[]) => {
		const r = analyse(lines.join('\n'));
		return { format: r.inputs[0].format, attempts: r.attempts.map((a) => [a.vm, a.result, a.hresult]), codes: codes(r) };
	};
	const expected = { format: 'hostd-log', attempts: [['APP-WEB-04', 'failed', '0x80042306']], codes: ['QL401'] };

	it('the lines as ESXi writes them (the reference reading)', () => assert.deepEqual(read(own), expected));
	it('RFC 5424 with its PRI (`<166>1 stamp host Hostd pid - [esx@4413 …]`): the same reading', () => assert.deepEqual(read(as5424(true)), expected));
	it('a log store’s line without PRI: the same reading', () => assert.deepEqual(read(as5424(false)), expected));
	it('RFC 3164 with the host’s ISO stamp (`<166>stamp host Hostd[pid]: …`): the same reading', () => {
		assert.deepEqual(read(own.map((l) => l.replace(/^(\S+) [A-Z][a-z]\((\d+)\) /, '<$2>$1 esx-11.corp.example '))), expected);
	});
	it('a collector’s columns before the line (Kiwi: date time, facility.level, address, tabs): the same reading', () => {
		assert.deepEqual(read(own.map((l) => `2024-02-20 04:00:02\tLocal4.Info\t10.0.0.11\t${l}`)), expected);
	});
	it('CRLF and a mail quote over the relayed lines: the same reading', () => assert.deepEqual(read(crlf(quoted(as5424(true).join('\n'))).split('\n')), expected));
	it('negative: a vCenter appliance’s own RFC 5424 lines of another daemon name no agent: no hostd log', () => {
		const r = analyse('<14>1 2024-02-20T03:00:02.741Z vc01 vpxd-svcs 4412 - - Session created for user root\n<14>1 2024-02-20T03:00:03.741Z vc01 vpxd-svcs 4412 - - Session closed\n');
		assert.notEqual(r.inputs[0].format, 'hostd-log');
	});
});

describe('wild16: Windows events kept as JSON (ConvertTo-Json, a log shipper)', () => {
	// The runbook's VSS 8194 (sqlkvm-notes…), its message as the event log holds it, in two JSON containers.
	const MESSAGE =
		'Volume Shadow Copy Service error: Unexpected error querying for the IVssWriterCallback interface.  hr = 0x80070005, Access is denied.\r\nThis is often caused by incorrect security settings in either the writer or requestor process.\r\n\r\nOperation:\r\n   Gathering Writer Data\r\n\r\nContext:\r\n   Writer Class Id: {e8132975-6f93-4464-a53e-1050253ae220}\r\n   Writer Name: System Writer\r\n   Writer Instance ID: {2bf7f5c0-bb3c-4b6a-b7f2-7a3c1f3c8a8e}';
	const convertToJson = [
		'[',
		'    {',
		`        "Message":  ${JSON.stringify(MESSAGE)},`,
		'        "Id":  8194,',
		'        "ProviderName":  "VSS",',
		'        "LevelDisplayName":  "Error",',
		'        "TimeCreated":  "\\/Date(1775990468000)\\/"',
		'    },',
		'    {',
		'        "Message":  "The VSS service is shutting down due to idle timeout. ",',
		'        "Id":  8224,',
		'        "ProviderName":  "VSS",',
		'        "LevelDisplayName":  "Information",',
		'        "TimeCreated":  "\\/Date(1775989921000)\\/"',
		'    }',
		']',
	].join('\n');
	const winlogbeat = JSON.stringify({ '@timestamp': '2026-04-12T10:41:08.000Z', message: MESSAGE, winlog: { channel: 'Application', event_id: 8194, provider_name: 'VSS', computer_name: 'AgHost-1A' }, log: { level: 'error' } });

	for (const [name, text] of [
		['Get-WinEvent | ConvertTo-Json', convertToJson],
		['a Winlogbeat document on one line', winlogbeat],
		['ConvertTo-Json quoted with CRLF', crlf(quoted(convertToJson))],
	] as const) {
		it(`${name}: VSS 8194 names the System Writer (QL315), at the event's UTC time`, () => {
			const r = analyse(text);
			assert.equal(r.inputs[0].format, 'windows-events-json');
			const w = finding(r, 'QL315');
			assert.deepEqual(w?.writers, ['System Writer']);
			assert.equal(w!.hresult, '0x80070005');
			assert.equal(r.attempts[0].start?.slice(0, 19), '2026-04-12T10:41:08');
		});
	}

	it('negative: JSON objects that name no event (an API’s settings) are no events', () => {
		const r = analyse('{\n  "provider_name": "vss",\n  "recovery_point_count": 0\n}\n');
		assert.notEqual(r.inputs[0].format, 'windows-events-json');
		assert.equal(r.attempts.length, 0);
	});
});

describe('wild16: CAPI2 513 about one legacy driver’s image is no failed backup (KB 3209092)', () => {
	const KB = wild('mskb3209092-capi2-513-system-writer-onidentity-mslldp-fenced.txt');

	it('the docs page’s fenced event: no failed attempt, QL322 (info) quoting the details line, the sc sdset fix', () => {
		const r = analyse(KB);
		assert.equal(r.attempts.length, 0);
		assert.deepEqual(codes(r), ['QL322']);
		const f = finding(r, 'QL322')!;
		assert.equal(f.severity, 'info');
		assert.match(f.message, /"AddLegacyDriverFiles: Unable to back up image of binary Microsoft Link-Layer Discovery Protocol\."/);
		assert.match(f.fix, /sc sdset <service>.*\(A;;CCLCSWLOCRRC;;;SU\).*mslldp/);
	});

	it('quoted with CRLF, and in Japanese words around the routine’s own name: the same reading', () => {
		assert.deepEqual(codes(analyse(crlf(quoted(KB)))), ['QL322']);
		const ja = [
			'ログの名前:         Application',
			'ソース:           Microsoft-Windows-CAPI2',
			'イベント ID:       513',
			'レベル:           エラー',
			'説明:',
			'System Writer オブジェクトで OnIdentity() 呼び出しを処理中に、暗号化サービスでエラーが発生しました。',
			'',
			'詳細:',
			'AddLegacyDriverFiles: Microsoft Link-Layer Discovery Protocol のバイナリのイメージをバックアップできません。',
			'',
			'システム エラー:',
			'アクセスが拒否されました。',
		].join('\n');
		const r = analyse(ja, 'ja');
		assert.equal(r.attempts.length, 0);
		assert.match(finding(r, 'QL322')?.title ?? '', /CAPI2 513/);
	});

	it('negative: a 513 about the component store (AddCoreCsiFiles) stays a System Writer failure, no QL322', () => {
		const r = analyse(KB.replace('AddLegacyDriverFiles: Unable to back up image of binary Microsoft Link-Layer Discovery Protocol.', 'AddCoreCsiFiles : BeginFileEnumeration() failed.'));
		assert.equal(r.attempts[0]?.result, 'failed');
		assert.ok(!finding(r, 'QL322'));
	});
});

describe('wild16: a list row that prints the event id twice (`Error Event 19100 Hyper-V-VMMS 19100 …`)', () => {
	it('the blog’s VMMS 19100 row (workinghardinit) is a Hyper-V-VMMS event now, not a backup agent’s code line', () => {
		const r = analyse(wild('workinghardinit-vmms-19100-merge-access-denied.txt'));
		assert.equal(r.inputs[0].format, 'windows-events-pasted');
		// (Since session 14 (wild41) a merge failure, 19100, is QL324's: the checkpoint was made, its merge failed.)
		assert.equal(finding(r, 'QL324')?.hresult, '0x80070005');
		assert.ok(!finding(r, 'QL312'));
		assert.ok(!finding(r, 'QL550'));
	});

	it('KB 4230569’s row, quoted, with its columns padded and a German level word: the same event', () => {
		const row = "Error   Event 19100   Hyper-V-VMMS 19100    'BackupVM' background disk merge failed to complete: General access denied error (0x80070005)";
		for (const text of [`> ${row}`, row.replace('Error', 'Fehler').replace('Event', 'Ereignis')]) {
			const r = analyse(text);
			assert.equal(r.inputs[0].format, 'windows-events-pasted', text);
			assert.ok(finding(r, 'QL324'), text);
		}
	});

	it('KB 4230569 as published (each error a list item with a quote indented under it): the four alternatives’ codes', () => {
		const r = analyse(wild('mskb4230569-vhds-guest-cluster-32768-32770-32775-vmms-19100-list.txt'));
		assert.deepEqual(
			r.findings.map((f) => f.title.replace(/^.*: /, '')),
			// (The quotes under the list items are peeled since session 10: the 19100 row reads as the VMMS event.)
			["Hyper-V could not merge the checkpoint disk of VM 'BackupVM' back into its parent (0x80070005)", 'job error 32768', 'job error 32770', 'job error 32775'],
		);
	});

	it('negative: a row whose second number is not the id is no event of that id', () => {
		const r = analyse("Error   Event 19100   Hyper-V-VMMS 42    'BackupVM' background disk merge failed to complete: General access denied error (0x80070005)");
		assert.notEqual(r.inputs[0].format, 'windows-events-pasted');
		assert.ok(!finding(r, 'QL312'));
		assert.ok(!finding(r, 'QL324'));
	});
});

describe('wild16: the SQL docs’ torn database (SqlWriterLogger, SQLWRITER 24579 and VSS 8229 in txt fences)', () => {
	const DOC = wild('sqldocs-sqlwriterlogger-torn-database-24579-8229-0x800423f0.txt');

	for (const [name, text] of [
		['as published', DOC],
		['quoted with CRLF', crlf(quoted(DOC))],
	] as const) {
		it(`${name}: one attempt failed in prepare by SqlServerWriter, QL207 (0x800423F0) and QL208 naming the database`, () => {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.deepEqual([r.attempts[0].result, r.attempts[0].hresult, r.attempts[0].failedPhase], ['failed', '0x800423F0', 'prepare']);
			assert.deepEqual(finding(r, 'QL207')?.writers, ['SqlServerWriter']);
			assert.match(finding(r, 'QL208')?.message ?? '', /db_on_G_and_H/);
		});
	}
});

describe('wild16: a vSphere event in a PowerShell table cut at its width (`…#8...`)', () => {
	// The PowerCLI report's vmdc1 event (powercli-daily-report…), as `Get-VIEvent | ft -AutoSize` prints it when
	// the console is narrower than the message: the row cut with `...`, the next event's row under it.
	const table = (cut: string) =>
		[
			'CreatedTime          FullFormattedMessage',
			'-----------          --------------------',
			`12/11/2016 11:22:39 PM Warning message on vmdc1 on esx_05 in cluster_site_xxb: The guest OS has reported an error during quiescing. The error code was: 5 The error message was: 'VssSyncStart' operation failed: IDispatch error ${cut}`,
			'12/11/2016 11:22:12 PM Task: Create virtual machine snapshot',
		].join('\n');

	it('a code cut in its digits (#8...) is no code: the failed quiesce without an HRESULT, the next row not in the guest’s words', () => {
		const r = analyse(table('#8...'));
		const a = r.attempts.find((x) => x.vm === 'vmdc1');
		assert.equal(a?.result, 'failed');
		assert.equal(a!.hresult, null);
		assert.doesNotMatch(a!.guestMessage ?? '', /Task: Create/);
	});

	it('the same row cut with a Unicode ellipsis after more digits (#84…): still no code', () => {
		assert.equal(analyse(table('#84…')).attempts.find((x) => x.vm === 'vmdc1')?.hresult, null);
	});

	it('negative: the whole code, even with a full stop after it, is decoded (0x80042301)', () => {
		assert.equal(analyse(table('#8449.')).attempts.find((x) => x.vm === 'vmdc1')?.hresult, '0x80042301');
	});
});
