import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { decodeText } from '../../src/core/decode/decode';
import { FORMATS } from '../../src/core/formats';
import { CsvTokenizer, sniffDelimiter } from '../../src/core/formats/lib/csv';
import { DETECT_LINES, readLines, type FormatDefinition, type ReadResult } from '../../src/core/formats/lib/format';
import { registryExport } from '../../src/core/formats/windows/registryExport';
import { vcenterEventsCsv, vcenterTasksCsv } from '../../src/core/formats/vcenter/vcenterCsv';
import { windowsEventsCsv } from '../../src/core/formats/windows/windowsEventsCsv';
import { windowsEventsText } from '../../src/core/formats/windows/windowsEventsText';
import { windowsEventsXml } from '../../src/core/formats/windows/windowsEventsXml';
import type { KindRecord, LogRecord } from '../../src/core/model/records';
import { FIXTURES } from './fixtures';
import { recordsOf } from './readFixture';

const ROOT = path.resolve(FIXTURES, '..', '..');
const WIN = 'test/fixtures/formats/windows';
const linesOf = (file: string): string[] => decodeText(fs.readFileSync(path.join(ROOT, file))).lines;

/** The format the whole registry picks for a file (as the analysis does), read; every line must be understood. */
function analyse(file: string, format: string): ReadResult {
	const lines = linesOf(file);
	const head = lines.slice(0, DETECT_LINES);
	const found = FORMATS.find((f) => f.detect(head));
	assert.equal(found?.id, format, `${file} is read as`);
	const result = readLines(found!, file, lines);
	assert.equal(result.unparsedLines, 0, `${file}: unparsed lines`);
	assert.deepEqual(result.problems, [], `${file}: problems`);
	return result;
}

const readText = (format: FormatDefinition, text: string): ReadResult => readLines(format, 't', text.split(/\r?\n/));
const records = (r: ReadResult): LogRecord[] => r.facts.records ?? [];
const event = (r: ReadResult, id: number): KindRecord<'windows-event'> => {
	const rec = records(r).find((x): x is KindRecord<'windows-event'> => x.kind === 'windows-event' && x.fields.eventId === id);
	assert.ok(rec, `no event ${id}`);
	return rec;
};

describe('Windows events as XML', () => {
	it('case-05 Save-as-XML: 8229 with 0x800423F3 and the Exchange writer context read by position', () => {
		const r = analyse('test/fixtures/bundles/case-05-exchange-writer-retryable-ps51-utf16/guest/events-application.xml', 'windows-events-xml');
		const e = event(r, 8229);
		assert.equal(e.time, '2024-05-22T19:30:49.811Z');
		assert.equal(e.local, null);
		assert.deepEqual(e.source, { path: 'test/fixtures/bundles/case-05-exchange-writer-retryable-ps51-utf16/guest/events-application.xml', line: 3 });
		assert.equal(e.fields.hresult, '0x800423F3');
		assert.equal(e.fields.level, 3);
		assert.equal(e.fields.operation, 'PrepareForSnapshot Event');
		assert.equal(e.fields.writerName, 'Microsoft Exchange Writer');
		assert.equal(e.fields.writerClassId, '76fe1ac4-15f7-4bcd-987e-8e1acb462fb7');
		assert.equal(e.fields.writerInstanceId, '0798db2b-6d29-5075-89a3-014e629ad9d2');
		assert.equal(e.fields.processId, 4412);
		assert.equal(JSON.parse(e.fields.data as string).length, 2);
		assert.equal(event(r, 8224).source.line, 18, 'the event after the multi-line one keeps its own first line');
		assert.deepEqual(r.clock, { utcOffsetMinutes: 0, basis: 'stamped' });
	});

	it('case-12 wevtutil (no root): 22 and 8193 with 0x80040154, the VSSEvent CLSID, the Binary text', () => {
		const r = analyse('test/fixtures/bundles/case-12-2008r2-eventcls-class-not-registered-8193/guest/events-application.xml', 'windows-events-xml');
		const e22 = event(r, 22);
		assert.equal(e22.fields.hresult, '0x80040154');
		assert.equal(e22.fields.guid, 'faf53cc4-bd73-4e36-83f1-2b23f46e513e');
		const e8193 = event(r, 8193);
		assert.equal(e8193.fields.hresult, '0x80040154');
		assert.equal(JSON.parse(e8193.fields.data as string)[0], 'CoCreateInstance');
		assert.match(e8193.fields.binaryText as string, /^- Code: CORSVCMC00000511.*CMD: {2}C:\\Windows\\system32\\vssvc\.exe/);
	});

	it('sample bundle: the SqlServerWriter 8229 with 0x800423F2 at line 26, SQL events kept, Security-SPP dropped', () => {
		const r = analyse('samples/sql-freeze-timeout/guest/events-application.xml', 'windows-events-xml');
		const e = event(r, 8229);
		assert.equal(e.source.line, 26);
		assert.equal(e.fields.hresult, '0x800423F2');
		assert.equal(e.fields.operation, 'Freeze Event');
		assert.equal(e.fields.writerName, 'SqlServerWriter');
		assert.equal(e.fields.writerInstanceName, 'Microsoft SQL Server 2019:SQLWriter');
		assert.equal(e.fields.writerInstanceId, '5c8e2f17-93ab-4d6e-b1f4-7a20c9d83e65');
		assert.equal(e.fields.commandLine, '"C:\\Program Files\\Microsoft SQL Server\\90\\Shared\\sqlwriter.exe"');
		assert.equal(e.fields.processId, 3312);
		assert.equal(recordsOf(r, 'windows-event').filter((x) => x.fields.eventId === 3197).length, 6, 'I/O frozen for six databases');
		assert.ok(!recordsOf(r, 'windows-event').some((x) => x.fields.provider === 'Microsoft-Windows-Security-SPP'));
		assert.equal(event(r, 3041).fields.qualifiers, 49152);
	});

	it('wevtutil fixture: 12293 names the VMware provider, two events on one line, irrelevant events dropped', () => {
		const r = analyse(`${WIN}/wevtutil-vss-application.xml`, 'windows-events-xml');
		const e12293 = event(r, 12293);
		assert.equal(e12293.fields.guid, '564d7761-7265-2056-5353-2050726f7669');
		assert.equal(e12293.fields.hresult, '0x80042306', 'the hr, not the flags of the routine details');
		assert.equal(e12293.fields.executionContext, 'Coordinator');
		assert.equal(e12293.fields.writerName, null);
		const e8193 = event(r, 8193);
		assert.equal(e8193.time, '2023-04-05T01:11:12.345Z');
		assert.equal(e8193.fields.hresult, '0x800401FB');
		assert.equal(e8193.fields.writerName, 'System Writer');
		assert.equal(e8193.source.line, 12);
		assert.equal(records(r).length, 3);
	});

	it('Save as XML in UTF-16LE: RenderingInfo gives the Japanese message and level word, volsnap keeps its Qualifiers', () => {
		const r = analyse(`${WIN}/save-as-xml-utf16le-bom.xml`, 'windows-events-xml');
		const v = event(r, 25);
		assert.equal(v.fields.provider, 'volsnap');
		assert.equal(v.fields.qualifiers, 49158);
		assert.equal(v.fields.channel, 'System');
		assert.equal(v.fields.levelText, 'エラー');
		const e = event(r, 8193);
		assert.match(e.fields.message as string, /^ボリューム シャドウ コピー サービス エラー: ルーチン CoCreateInstance/);
		assert.equal(e.fields.hresult, '0x800401FB');
	});

	it('junk outside events is unparsed; a DTD is never read; an entity makes its event unreadable', () => {
		const ok =
			"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='VSS'/><EventID>8224</EventID><Level>4</Level><TimeCreated SystemTime='2024-01-01T00:00:00Z'/></System><EventData><Data></Data></EventData></Event>";
		const r = readText(windowsEventsXml, ['<!DOCTYPE Events [ <!ENTITY x "boom"> ]>', '<Events>', ok, '-- cut here --', ok.replace('<Data></Data>', '<Data>&x;</Data>'), '</Events>'].join('\n'));
		assert.equal(records(r).length, 1);
		assert.equal(r.unparsedLines, 3, 'the DTD line, the junk line and the refused event');
		assert.match(r.problems[0], /DTD/);
		assert.match(r.problems[1], /line 5 cannot be read/);
	});

	it('an event over 1 MiB is skipped with a problem; a file cut inside an event says so', () => {
		const start = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='VSS'/><EventID>8193</EventID></System><EventData><Data>";
		const big = [start, ...Array.from({ length: 20 }, () => 'x'.repeat(60_000)), '</Data></EventData></Event>', start];
		const r = readText(windowsEventsXml, big.join('\n'));
		assert.equal(records(r).length, 0);
		assert.match(r.problems[0], /larger than 1 MiB/);
		assert.match(r.problems[1], /ends inside the event that starts at line 23/);
		assert.equal(r.unparsedLines, big.length);
	});
});

describe('Windows events as Event Viewer text copies', () => {
	it('Japanese in UTF-16LE: the Event Xml part gives UTC and data; a block without it keeps the local date', () => {
		const r = analyse(`${WIN}/ja-event-copy-utf16le.txt`, 'windows-events-text');
		const e8193 = event(r, 8193);
		assert.equal(e8193.time, '2022-07-22T01:05:40.121Z');
		assert.equal(e8193.fields.printedTime, '2022/07/22 10:05:40');
		assert.equal(e8193.fields.levelText, 'エラー');
		assert.equal(e8193.fields.level, 2);
		assert.equal(e8193.fields.hresult, '0x800401FB');
		assert.equal(e8193.fields.executionContext, 'Coordinator', 'a translated context block, read by shape');
		assert.equal(e8193.fields.operation, 'ライター データの収集');
		assert.doesNotMatch(e8193.fields.message as string, /イベント XML/);
		const e8229 = event(r, 8229);
		assert.equal(e8229.time, null);
		assert.equal(e8229.local, '2022-07-22T23:01:07.000');
		assert.equal(e8229.fields.hresult, '0x800423F2');
		assert.equal(e8229.fields.writerName, 'SqlServerWriter');
		assert.equal(e8229.fields.computer, 'SQL-JP-01.corp.example');
		assert.equal(e8229.fields.data, null);
		assert.equal(e8229.source.line, 49);
	});

	it('French: labels with a space before the colon, hr = from the message, day-first dates settled by the file', () => {
		// The message quotes a shadow copy device path: the whole registry must still hand it to this format.
		const lines = linesOf(`${WIN}/fr-event-copy-utf8.txt`);
		assert.equal(FORMATS.find((f) => f.detect(lines.slice(0, DETECT_LINES)))?.id, 'windows-events-text');
		const r = readLines(windowsEventsText, 'fr.txt', lines);
		assert.equal(r.unparsedLines, 0);
		assert.deepEqual(r.problems, []);
		const e = event(r, 12289);
		assert.equal(e.fields.hresult, '0x80070001');
		assert.equal(e.fields.executionContext, 'System Provider');
		assert.equal(e.fields.operation, 'Traitement de PreFinalCommitSnapshots');
		assert.equal(e.fields.levelText, 'Erreur');
		assert.equal(e.local, '2019-11-12T23:59:58.000', '12/11 is day-first because 13/11 later in the file is');
		assert.equal(event(r, 8224).local, '2019-11-13T00:02:11.000');
	});

	it('dates the file never disambiguates stay unset, with a problem; text before the first block is unparsed', () => {
		const text =
			'pasted from the console:\nLog Name:      Application\nSource:        VSS\nDate:          04/11/2019 14:32:10\nEvent ID:      8224\nTask Category: None\nLevel:         Information\nKeywords:      Classic\nUser:          N/A\nComputer:      H\nDescription:\nThe VSS service is shutting down due to idle timeout.\n';
		const r = readText(windowsEventsText, text);
		assert.equal(r.unparsedLines, 1);
		assert.equal(recordsOf(r, 'windows-event')[0].local, null);
		assert.equal(recordsOf(r, 'windows-event')[0].fields.printedTime, '04/11/2019 14:32:10');
		assert.match(r.problems[0], /could be day\/month or month\/day/);
	});

	it('a short header (no Task Category … Computer) still opens a block; its Description label is not a header value', () => {
		const r = readText(windowsEventsText, 'Log Name: System\nSource: volsnap\nDate: 2024-05-22T19:30:49.811Z\nEvent ID: 25\nDescription:\nThe shadow copies of volume D were deleted.\n');
		const e = recordsOf(r, 'windows-event')[0];
		assert.equal(e.time, '2024-05-22T19:30:49.811Z');
		assert.equal(e.fields.message, 'The shadow copies of volume D were deleted.');
		assert.deepEqual(r.clock, { utcOffsetMinutes: 0, basis: 'stamped' });
	});
});

describe('Windows events as CSV', () => {
	it('Get-WinEvent | Export-Csv (PS 5.1): multi-line messages, en-US local dates, numeric level, context from the message', () => {
		const r = analyse(`${WIN}/get-winevent-export-csv.csv`, 'windows-events-csv');
		assert.equal(records(r).length, 2, 'the Security-SPP information event is dropped');
		const e = event(r, 8229);
		assert.equal(e.source.line, 8);
		assert.equal(e.local, '2024-05-22T12:30:49.000');
		assert.equal(e.fields.level, 3);
		assert.equal(e.fields.hresult, '0x800423F3');
		assert.equal(e.fields.writerName, 'Microsoft Exchange Writer');
		assert.equal(e.fields.processId, 4412);
		assert.equal(e.fields.data, null);
	});

	it('Get-EventLog | Export-Csv: EntryType names give the level, InstanceId the qualifiers', () => {
		const text =
			'#TYPE System.Diagnostics.EventLogEntry#System/volsnap/3221618713\n"EventID","MachineName","Index","EntryType","Message","Source","InstanceId","TimeGenerated"\n"25","H","9","Error","The shadow copies of volume D: were deleted because the shadow copy storage could not grow in time.","volsnap","3221618713","22/05/2024 21:30:49"\n';
		const e = recordsOf(readText(windowsEventsCsv, text), 'windows-event')[0];
		assert.equal(e.fields.eventId, 25);
		assert.equal(e.fields.qualifiers, 49158);
		assert.equal(e.fields.level, 2);
		assert.equal(e.local, '2024-05-22T21:30:49.000');
	});

	it('Event Viewer "Save as CSV" in another language is read by position', () => {
		const text =
			'Niveau,Date et heure,Source,ID de l’événement,Catégorie de la tâche\nErreur,14/11/2024 23:01:07,VSS,8193,Aucun,"Erreur du service de cliché instantané des volumes : erreur inattendue lors de l’appel de la routine CoCreateInstance. hr = 0x80040154, Classe non enregistrée."\n';
		const d = windowsEventsCsv.detect(text.split('\n'));
		assert.equal(d?.variant, 'event-viewer');
		const r = readText(windowsEventsCsv, text);
		const e = recordsOf(r, 'windows-event')[0];
		assert.equal(e.fields.provider, 'VSS');
		assert.equal(e.fields.levelText, 'Erreur');
		assert.equal(e.fields.hresult, '0x80040154');
		assert.equal(e.local, '2024-11-14T23:01:07.000');
	});

	it('a row without a numeric event id is unparsed', () => {
		const r = readText(windowsEventsCsv, '"Id","ProviderName","TimeCreated","Message"\n"x","VSS","1/1/2024 1:00:00 AM","m"\n"8224","VSS","1/1/2024 1:00:00 AM","m"\n');
		assert.equal(r.unparsedLines, 1);
		assert.equal(records(r).length, 1);
	});
});

describe('CSV tokenizer (RFC 4180, pushed line by line)', () => {
	const all = (lines: string[], delimiter = ',') => {
		const t = new CsvTokenizer(delimiter);
		const out = lines.map((l, i) => t.line(l, i + 1)).filter((r) => r !== null);
		const open = t.end(lines.length);
		return open ? [...out, open] : out;
	};

	it('quoted fields, doubled quotes, empty fields, a field spanning lines', () => {
		const recs = all(['"a","b ""q"", c",,"multi', 'line', 'end",z']);
		assert.deepEqual(
			recs.map((r) => r!.fields),
			[['a', 'b "q", c', '', 'multi\nline\nend', 'z']],
		);
		assert.deepEqual([recs[0]!.firstLine, recs[0]!.lastLine, recs[0]!.malformed], [1, 3, false]);
	});

	it('stray quotes are malformed; a quote left open at the end of the file is malformed', () => {
		assert.equal(all(['ab"c,d'])[0]!.malformed, true);
		assert.equal(all(['"ab"c,d'])[0]!.malformed, true);
		const open = all(['"never closed', 'more']);
		assert.equal(open.length, 1);
		assert.equal(open[0]!.malformed, true);
	});

	it('the delimiter is sniffed from the header: comma, semicolon (-UseCulture), tab', () => {
		assert.equal(sniffDelimiter('"Id","Message;with;semicolons"'), ',');
		assert.equal(sniffDelimiter('"Id";"ProviderName";"TimeCreated"'), ';');
		assert.equal(sniffDelimiter('Level\tDate and Time\tSource\tEvent ID\tTask Category'), '\t');
		assert.deepEqual(all(['"8224";"VSS"'], ';')[0]!.fields, ['8224', 'VSS']);
	});
});

describe('vCenter exports', () => {
	it('case-10 vSphere Client task export: the failed createSnapshot on RHEL-APP-11 at 18:20:04 browser time', () => {
		const r = analyse('test/fixtures/bundles/case-10-tools-not-available-vcenter-export/vcenter/tasks-export.csv', 'vcenter-tasks-csv');
		const [snap, remove] = recordsOf(r, 'vcenter-task');
		assert.equal(snap.kind, 'vcenter-task');
		assert.equal(snap.local, '2018-10-09T18:20:04.000');
		assert.equal(snap.time, null);
		assert.equal(snap.fields.operation, 'createSnapshot');
		assert.equal(snap.fields.target, 'RHEL-APP-11');
		assert.equal(snap.fields.state, 'error');
		assert.equal(snap.fields.error, 'Cannot quiesce this virtual machine because VMware Tools is not currently available.');
		assert.equal(snap.fields.user, 'VSPHERE.LOCAL\\svc-backup');
		assert.equal(snap.fields.completeLocal, '2018-10-09T18:20:04.000');
		assert.equal(snap.source.line, 2);
		assert.equal(remove.fields.operation, 'removeSnapshot');
		assert.equal(remove.fields.state, 'success');
	});

	it('PowerCLI Get-Task: method, task id without its prefix, API state, entity id', () => {
		const r = analyse(`${WIN}/powercli-get-task.csv`, 'vcenter-tasks-csv');
		const [failed, ok, remove, running] = recordsOf(r, 'vcenter-task');
		assert.deepEqual([failed.fields.taskId, failed.fields.method, failed.fields.operation, failed.fields.state], ['task-190436', 'CreateSnapshot_Task', 'createSnapshot', 'error']);
		assert.equal(failed.fields.entityId, 'VirtualMachine-vm-4021');
		assert.equal(failed.local, '2024-11-14T23:00:02.000');
		assert.equal(ok.fields.state, 'success');
		assert.equal(remove.fields.operation, 'removeSnapshot');
		assert.equal(running.fields.state, 'running');
		assert.equal(running.fields.completeLocal, null);
	});

	it('TaskInfo export: description id, entity name over the Entity object, eventChainId, UTC times and a stamped clock', () => {
		const sample = vcenterTasksCsv.variants.find((v) => v.name === 'powercli-taskinfo')!.samples[0];
		const r = readText(vcenterTasksCsv, sample);
		const t = recordsOf(r, 'vcenter-task')[0];
		assert.equal(t.time, '2024-03-03T16:59:58.912Z');
		assert.equal(t.fields.descriptionId, 'VirtualMachine.createSnapshot');
		assert.equal(t.fields.target, 'DB-JP-01');
		assert.equal(t.fields.eventChainId, 90412);
		assert.equal(t.fields.error, null, 'a LocalizedMethodFault printed as its type name is no error text');
		assert.equal(t.fields.completeTime, '2024-03-03T17:01:05.331Z');
		assert.deepEqual(r.clock, { utcOffsetMinutes: 0, basis: 'stamped' });
	});

	it('a vSphere Client export in French is read by column position; its status is kept, not judged', () => {
		const sample = vcenterTasksCsv.variants.find((v) => v.name === 'vsphere-client-localized')!.samples[0];
		assert.equal(vcenterTasksCsv.detect(sample.split('\n'))?.variant, 'vsphere-client-localized');
		const t = recordsOf(readText(vcenterTasksCsv, sample), 'vcenter-task')[0];
		assert.equal(t.fields.target, 'RHEL-APP-11');
		assert.equal(t.fields.state, null);
		assert.match(t.fields.status as string, /^Impossible de suspendre/);
		assert.equal(t.local, null, '09/10/2018 alone does not say which is the day');
	});

	it('PowerCLI Get-VIEvent: the quiesce warning with its HRESULT; EventArgument type names read as absent', () => {
		const r = analyse(`${WIN}/powercli-get-vievent.csv`, 'vcenter-events-csv');
		const warning = recordsOf(r, 'vcenter-event').find((x) => x.fields.eventKey === 4820913)!;
		assert.equal(warning.kind, 'vcenter-event');
		assert.equal(warning.fields.hresult, '0x800423F2');
		assert.equal(warning.fields.target, null);
		assert.equal(warning.local, '2024-11-14T23:01:07.000');
		assert.equal(recordsOf(r, 'vcenter-event').find((x) => x.fields.eventKey === 4820915)!.fields.chainId, 4820901);
	});

	it('the vSphere Client event export: target, severity and message columns', () => {
		const sample = vcenterEventsCsv.variants.find((v) => v.name === 'vsphere-client-en')!.samples[0];
		const e = recordsOf(readText(vcenterEventsCsv, sample), 'vcenter-event')[0];
		assert.equal(e.fields.target, 'DB-JP-01');
		assert.equal(e.fields.severity, 'Warning');
		assert.equal(e.fields.hresult, '0x80042303');
		assert.equal(e.local, '2024-03-03T18:01:04.000');
	});
});

describe('registry exports', () => {
	it('reg export of the VSS key (UTF-16LE): the VMware Snapshot Provider registered twice, VssAccessControl, wrapped hex values', () => {
		const r = analyse(`${WIN}/vss-duplicate-vmware-provider-utf16le.reg`, 'registry-export');
		const vmware = (r.facts.providers ?? []).filter((p) => p.name === 'VMware Snapshot Provider');
		assert.deepEqual(
			vmware.map((p) => [p.id, p.type, p.version, p.source.line]),
			[
				['564d7761-7265-2056-5353-2050726f7669', 'Software', '1.0.0', 19],
				['7a3e9f1c-5b2d-4c6e-9a81-0d4f6b2c8e17', 'Software', '1.0.0', 28],
			],
		);
		assert.equal(r.facts.providers?.find((p) => p.id === 'b5946137-7b9f-4925-af80-51abd60b20d5')?.type, 'System');
		const values = records(r).filter((x) => x.kind === 'registry-value');
		const acl = values.filter((x) => (x.fields.key as string).endsWith('\\VssAccessControl'));
		assert.deepEqual(
			acl.map((x) => [x.fields.name, x.fields.type, x.fields.value]),
			[
				['NT Authority\\NetworkService', 'REG_DWORD', 1],
				['CORP\\svc-backup-old', 'REG_DWORD', 1],
			],
		);
		const image = values.find((x) => x.fields.name === 'ImagePath')!;
		assert.deepEqual([image.fields.type, image.fields.value, image.source.line], ['REG_EXPAND_SZ', '%systemroot%\\system32\\vssvc.exe', 5]);
		assert.equal(values.find((x) => x.fields.name === 'WUA')!.fields.value, '%windir%\\softwaredistribution\\*.* /s');
		assert.equal(values.find((x) => x.fields.name === '' && (x.fields.key as string).endsWith('{564d7761-7265-2056-5353-2050726f7669}'))!.fields.value, 'VMware Snapshot Provider');
	});

	it('REGEDIT4 single-byte strings, QWORD, deletions, keys outside VSS, a value before any key, a cut continuation', () => {
		const text = [
			'REGEDIT4',
			'"orphan"="x"',
			'[HKEY_LOCAL_MACHINE\\SOFTWARE\\Other]',
			'"Ignored"="1"',
			'[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\VSS\\Settings]',
			'"Big"=hex(b):00,00,00,00,00,00,10,00',
			'"Huge"=hex(b):ff,ff,ff,ff,ff,ff,ff,ff',
			'"Gone"=-',
			'@="d\\"q\\\\"',
			'[-HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\VSS\\Providers\\{564d7761-7265-2056-5353-2050726f7669}]',
			'[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\vmvss]',
			'"Blob"=hex:01,02,\\',
		].join('\r\n');
		const r = readText(registryExport, text);
		assert.equal(r.unparsedLines, 2, 'the orphan value and the cut continuation');
		assert.match(r.problems[0], /cut off by the end of the file/);
		const v = (name: string) => recordsOf(r, 'registry-value').find((x) => x.fields.name === name);
		assert.equal(v('Ignored'), undefined, 'keys outside the VSS set are parsed without records');
		assert.equal(v('Big')!.fields.value, 2 ** 52);
		assert.equal(v('Huge')!.fields.value, '0xffffffffffffffff', 'beyond 2^53 a QWORD stays exact as hex');
		assert.deepEqual([v('Gone')!.fields.deleted, v('Gone')!.fields.type], [true, null]);
		assert.equal(v('')!.fields.value, 'd"q\\');
		assert.equal(recordsOf(r, 'registry-key').find((x) => x.fields.deleted)?.source.line, 10);
	});
});

describe('Windows and vCenter formats claim only their own files', () => {
	const mine = [windowsEventsXml, windowsEventsText, windowsEventsCsv, vcenterTasksCsv, vcenterEventsCsv, registryExport];

	it('each fixture is claimed by exactly one of these formats, and the whole registry agrees', () => {
		const expected: Record<string, string> = {
			'wevtutil-vss-application.xml': 'windows-events-xml',
			'save-as-xml-utf16le-bom.xml': 'windows-events-xml',
			'ja-event-copy-utf16le.txt': 'windows-events-text',
			'fr-event-copy-utf8.txt': 'windows-events-text',
			'get-winevent-export-csv.csv': 'windows-events-csv',
			'powercli-get-task.csv': 'vcenter-tasks-csv',
			'powercli-get-vievent.csv': 'vcenter-events-csv',
			'vss-duplicate-vmware-provider-utf16le.reg': 'registry-export',
		};
		for (const [file, id] of Object.entries(expected)) {
			const head = linesOf(`${WIN}/${file}`).slice(0, DETECT_LINES);
			assert.deepEqual(
				mine.filter((f) => f.detect(head)).map((f) => f.id),
				[id],
				file,
			);
			assert.equal(FORMATS.find((f) => f.detect(head))?.id, id, `${file} through the registry`);
		}
	});

	it("other formats' files are not claimed", () => {
		for (const file of [
			'test/fixtures/bundles/case-05-exchange-writer-retryable-ps51-utf16/guest/vssadmin-writers.txt',
			'samples/sql-freeze-timeout/guest/SqlWriterLogger.txt',
			'samples/sql-freeze-timeout/guest/vmware-vmsvc.log',
			'samples/sql-freeze-timeout/esxi/var/run/log/hostd.log',
		]) {
			const head = linesOf(file).slice(0, DETECT_LINES);
			for (const f of mine) assert.equal(f.detect(head), null, `${f.id} claims ${file}`);
		}
	});
});
