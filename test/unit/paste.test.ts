import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { displayColumns } from '../../src/core/decode/columns';
import { decodeText } from '../../src/core/decode/decode';
import { cleanLines, pasteNormaliser } from '../../src/core/decode/paste';
import { FORMATS } from '../../src/core/formats';
import { DETECT_LINES, type Facts } from '../../src/core/formats/lib/format';
import { planTexts, stepRun } from '../../src/core/ingest/read';
import type { InputFile } from '../../src/core/model/report';
import { chopLines, wrapLines } from '../lib/pasteStyles';
import { ROOT } from './readFixture';

/** Cleans lines the way reading does; null for a line that is no content. */
function clean(lines: string[]): { undone: string; lines: (string | null)[] } {
	const n = pasteNormaliser(lines);
	return { undone: n?.undone ?? '', lines: n ? cleanLines(n, lines) : lines };
}

/** Reads a text as a file named `name`: its inputs and merged facts. */
function read(text: string, name = 'paste.txt'): { inputs: InputFile[]; facts: Partial<Facts>[] } {
	const run = stepRun(planTexts([{ name, text }], {}), {});
	while (run.step());
	const { inputs, parts } = run.outcome();
	return { inputs, facts: parts };
}

describe('paste normaliser: each kind of paste damage is undone', () => {
	it('a clean log gets no normaliser (its quick lane stays)', () => {
		assert.equal(pasteNormaliser(['2024-05-22T19:30:50.422Z| vmx| I005: Foo', '2024-05-22T19:30:50.423Z| vmx| I005: Bar']), null);
	});

	it('Markdown blockquotes: `> `, nested `> > `, a lone `>`, and lazy lines without one', () => {
		const r = clean(['> Log Name: System', '> > Source: VSS', '>', 'Event ID: 8229']);
		assert.deepEqual(r.lines, ['Log Name: System', 'Source: VSS', '', 'Event ID: 8229']);
		assert.match(r.undone, /Markdown-quoted/);
	});

	it('email quoting with `>> ` and with `| ` (not a Markdown table)', () => {
		assert.deepEqual(clean(['>> State: [7] Failed', '>> Last error: No error']).lines, ['State: [7] Failed', 'Last error: No error']);
		assert.deepEqual(clean(['| State: [7] Failed', '| Last error: No error']).lines, ['State: [7] Failed', 'Last error: No error']);
		assert.equal(pasteNormaliser(['| a | b |', '| 1 | 2 |']), null);
	});

	it('a sentence, then an indented code block (a post quoting hostd): the block loses its indentation, the sentence stays prose', () => {
		const hostd = (at: string, msg: string) => `    2021-03-04T10:${at}Z info hostd[2099A95B] [Originator@6876 sub=Vimsvc.TaskManager opID=abc-01-7f] ${msg}`;
		const text = ['Here is what hostd said:', '', hostd('11:12.123', 'Task Created : haTask-12-vim.VirtualMachine.createSnapshot-1234'), hostd('16:12.456', 'Task Completed : haTask-12-vim.VirtualMachine.createSnapshot-1234 Status error')];
		assert.match(clean(text).undone, /Markdown code block indentation/);
		const { inputs, facts } = read(text.join('\n'));
		assert.deepEqual(
			inputs.map((i) => [i.format, i.unparsedLines]),
			[['hostd-log', 1]],
		);
		assert.deepEqual(
			facts.flatMap((f) => f.records ?? []).map((r) => r.kind),
			['task-created', 'task-completed'],
		);
		// A paragraph indented only in part (an event's Operation / Context lines, pretty-printed XML) is no code block.
		assert.equal(pasteNormaliser(['Sentence:', '', '<Event>', '    <System>', '    </System>', '</Event>']), null);
	});

	it('an indented code block loses its 4 spaces; code fences are no content', () => {
		assert.deepEqual(clean(['    ~ # vdf -h', '        tmp 192M', '']).lines, ['~ # vdf -h', '    tmp 192M', '']);
		// Indented twice (a list item's code block, a reply's): both levels go, the text's own layout stays.
		assert.deepEqual(clean(['        ~ # vdf -h', '            tmp 192M', '']).lines, ['~ # vdf -h', '    tmp 192M', '']);
		assert.deepEqual(clean(['\t    Writer name: x', '\t       State: [1] Stable']).lines, ['Writer name: x', '   State: [1] Stable']);
		// 4 + 3 spaces on every line: one level is the paste's, the 3 spaces the listing's.
		assert.deepEqual(clean(['       State: [8] Failed', '       Last error: Timed out']).lines, ['   State: [8] Failed', '   Last error: Timed out']);
		const r = clean(['```', 'State: [1] Stable', '```']);
		assert.deepEqual(r.lines, [null, 'State: [1] Stable', null]);
		assert.match(r.undone, /code fences/);
	});

	it("a text's first line glued to its opening fence is kept; a language tag is not", () => {
		const stamp = '2016-12-29T05:54:32.074Z| vmx| I125: Guest: [   debug] [vmsvc:vmbackup] *** VmBackupSyncDriverStart';
		assert.deepEqual(clean(['```' + stamp, 'State: [1] Stable', '```']).lines, [stamp, 'State: [1] Stable', null]);
		assert.deepEqual(clean(['> ~~~[2025-09-30T10:15:26.318Z] [   debug] [vmbackup]', '> x', '> ~~~']).lines, ['[2025-09-30T10:15:26.318Z] [   debug] [vmbackup]', 'x', null]);
		for (const tag of ['log', 'powershell', 'c#', 'text ', 'objective-c']) assert.deepEqual(clean(['```' + tag, 'State: [1] Stable', '```']).lines, [null, 'State: [1] Stable', null], tag);
		// A fenced paste's glued first line is read: the vmware.log line makes its record on line 1.
		const { facts } = read(['```' + stamp, stamp.replace('32.074', '33.100'), '```'].join('\n'), 'vmware.log');
		assert.deepEqual(lines(facts), [1, 2]);
	});

	it('tight and nested reply quoting: `>>` with no space, `> > `, a tab kept after the quote', () => {
		assert.deepEqual(clean(['>>State: [7] Failed', '>>Last error: No error']).lines, ['State: [7] Failed', 'Last error: No error']);
		assert.deepEqual(clean(['> > State: [7] Failed', '> > Last error: No error']).lines, ['State: [7] Failed', 'Last error: No error']);
		assert.deepEqual(clean(['>>- System', '>>\t- Provider']).lines, ['- System', '\t- Provider']);
		// The same block quoted with `> `: one space more than the block's 4 is the quote's.
		assert.deepEqual(clean(['>     Apr 7 17:41:03 esx vmkernel: x', '>     Apr 7 17:41:04 esx vmkernel: y']).lines, ['Apr 7 17:41:03 esx vmkernel: x', 'Apr 7 17:41:04 esx vmkernel: y']);
		// An indented code block quoted tight: no line shows the quote's own space, so the 4 spaces are the block's.
		assert.deepEqual(clean(['>>    Apr 7 17:41:03 esx vmkernel: x', '>>    Apr 7 17:41:04 esx vmkernel: y']).lines, ['Apr 7 17:41:03 esx vmkernel: x', 'Apr 7 17:41:04 esx vmkernel: y']);
	});

	it("a viewer's line numbers go when they count up by one a line; a log's own numbers and times stay", () => {
		const r = clean(['  12 | Writer name: x', '  13 |    State: [7] Failed', '  14 | ', '  15 |    Last error: Timed out']);
		assert.deepEqual(r.lines, ['Writer name: x', '   State: [7] Failed', '', '   Last error: Timed out']);
		assert.match(r.undone, /line numbers/);
		assert.deepEqual(clean(['7: State: [7] Failed', '8: Last error: No error']).lines, ['State: [7] Failed', 'Last error: No error']);
		// A Bareos job's messages all carry its id: no count, no line numbers.
		assert.equal(pasteNormaliser(['22309: Warning: VSS Writer x', '22309: Error: y', '22309: Fatal: z']), null);
		assert.equal(pasteNormaliser(['10:22:01 a', '10:22:02 b']), null);
		// One line: a bar shows a viewer's number; a colon may be the line's own (a job id).
		assert.deepEqual(clean(['  42 | hr = 0x80042306']).lines, ['hr = 0x80042306']);
		assert.equal(pasteNormaliser(['22309: Warning: VSS Writer x']), null);
	});

	it("a paste site's numbered listing (`  12. `) goes, under the page's heading too; a list's own numbers stay", () => {
		const heading = ['Guest User', 'Untitled', 'Jul 26th, 2017', 'text 2.01 KB | None | 0 0'];
		const r = clean([...heading, '  1. Error code: 13', '  2. Module: 149', '  3. LineInfo: d1ab7fa1e56ec83e', '  4.', '  5. Message: x']);
		assert.deepEqual(r.lines.slice(heading.length), ['Error code: 13', 'Module: 149', 'LineInfo: d1ab7fa1e56ec83e', '', 'Message: x']);
		assert.match(r.undone, /line numbers/);
		// Quoted again in a reply: the numbers show once the quote is gone.
		assert.deepEqual(clean(['> Untitled', '>   1. Error code: 13', '>   2. Module: 149']).lines, ['Untitled', 'Error code: 13', 'Module: 149']);
		// Numbered steps between prose, a listing not numbered from 1 under a heading, one numbered line: the text's own.
		assert.equal(pasteNormaliser(['Do this:', '1. Run vssadmin list writers', 'then', '2. Restart the service']), null);
		assert.equal(pasteNormaliser([...heading, '  7. Error code: 13', '  8. Module: 149']), null);
		assert.equal(pasteNormaliser(['1. Restart the service']), null);
		// Steps numbered from 1 closing a document: its text above them is no heading.
		assert.equal(pasteNormaliser(['Symptoms', 'Event ID: 1159', 'Cause', 'A transaction limit', 'Resolution', '  1. Click Start', '  2. Restart the service']), null);
	});

	it("a chat's stamps and senders go (minutes only); a log's own stamp with seconds stays", () => {
		assert.deepEqual(clean(['[10:22] alice: State: [7] Failed', '[10:23] alice: Last error: No error']).lines, ['State: [7] Failed', 'Last error: No error']);
		assert.deepEqual(clean(['[10:22 AM] Alice Smith: hr = 0x80042306', '[10:22] <bob> Event ID: 8193']).lines, ['hr = 0x80042306', 'Event ID: 8193']);
		assert.equal(pasteNormaliser(['[10:22:01] Info: Job started', '[10:22:05] Info: Job done']), null);
	});

	it("a web page's source: `<br>` line ends and every entity undone first, once, whatever markup the text holds", () => {
		const r = clean(['&lt;Event xmlns=&quot;x&quot;&gt;<br>', '  &lt;Data&gt;a &amp;amp; b&lt;/Data&gt;<br />', '&lt;/Event&gt;<br/>']);
		assert.deepEqual(r.lines, ['<Event xmlns="x">', '  <Data>a &amp; b</Data>', '</Event>']);
		assert.match(r.undone, /source/);
	});

	it('forum BBCode and Jira/Confluence blocks: tag lines are no content, tags typed on a line go', () => {
		const r = clean(['[quote="admin"]', '[code]Writer name: x', '   State: [7] Failed[/code]', '[/quote]']);
		assert.deepEqual(r.lines, [null, 'Writer name: x', '   State: [7] Failed', null]);
		// The tags go before the layout is looked at: an indented block typed after `[code]` is still a code block.
		assert.deepEqual(clean(['[code]    Apr 7 17:41:03 esx vmkernel: x', '    Apr 7 17:41:04 esx vmkernel: y[/code]']).lines, ['Apr 7 17:41:03 esx vmkernel: x', 'Apr 7 17:41:04 esx vmkernel: y']);
		assert.deepEqual(clean(['{code:title=vss.log}', 'State: [7] Failed', '{code}', '{noformat}', 'hr = 0x80042306', '{noformat}']).lines, [null, 'State: [7] Failed', null, null, 'hr = 0x80042306', null]);
	});

	it('no-break and zero-width spaces and typographic quotes become what they stand for', () => {
		const r = clean(['Writer\u00a0name:\u00a0\u2018System Writer\u2019', 'C:\\\u200bWindows\\\u200bSystem32 \u201cquoted\u201d']);
		assert.deepEqual(r.lines, ["Writer name: 'System Writer'", 'C:\\Windows\\System32 "quoted"']);
	});

	it('a mark of lines left out is no content; a bracketed section name among settings and a dash row are content', () => {
		assert.deepEqual(clean(['State: [7] Failed', '[snip]', 'Last error: x', '... (truncated) ...', '[...]', 'hr = 1']).lines, ['State: [7] Failed', null, 'Last error: x', null, null, 'hr = 1']);
		assert.deepEqual(clean(['[vmbackup]', '# Linux only', 'enableSyncDriver=true', '[...]']).lines, ['[vmbackup]', '# Linux only', 'enableSyncDriver=true', null]);
		assert.equal(pasteNormaliser(['Message', '-------', 'x']), null);
		assert.equal(pasteNormaliser(['<Event>', '<System>', '</System>']), null);
	});

	it('a mark of lines left out is out of the layout (no blank line): `<snip>` outside XML, a phrase framed by dashes', () => {
		const lines = ['State: [7] Failed', '<snip>', 'Last error: x', '-- snip --', '*** cut ***', 'hr = 1'];
		const n = pasteNormaliser(lines)!;
		const out: [string | null, boolean][] = [];
		lines.forEach((l, i) => n.feed(l, i + 1, (c, _, tail) => out.push([c, tail === true])));
		assert.deepEqual(out, [
			['State: [7] Failed', false],
			[null, true],
			['Last error: x', false],
			[null, true],
			[null, true],
			['hr = 1', false],
		]);
		// In XML a lower-case element alone on its line is the text's; a list item's dash frames nothing.
		assert.deepEqual(clean(['<events>', '<data>', '...', '</data>', '</events>']).lines, ['<events>', '<data>', null, '</data>', '</events>']);
		assert.equal(pasteNormaliser(['- item one', 'State: [1] Stable']), null);
	});

	it("a mail client's header above the text (any language) is no content; an Event Viewer header is the text's", () => {
		const outlook = ['-----Original Message-----', 'From: Support <support@example.com>', 'Sent: Monday, March 3, 2025 10:22 AM', 'To: Admins', 'Subject: RE: backup', '', '<Event>'];
		assert.deepEqual(clean(outlook).lines, [null, null, null, null, null, '', '<Event>']);
		assert.match(clean(outlook).undone, /e-mail header/);
		const de = ['Von: Max Muster <max@example.de>', 'Gesendet: Montag, 3. März 2025 10:22', 'An: Backup', 'Betreff: AW: Sicherung', '', 'x'];
		assert.deepEqual(clean(de).lines.slice(0, 4), [null, null, null, null]);
		const ja = ['________________________________', '差出人: 山田 太郎', '送信日時: 2025年3月3日 10:22', '宛先: バックアップ', '件名: RE: バックアップ失敗', '', 'x'];
		assert.deepEqual(clean(ja).lines.slice(0, 5), [null, null, null, null, null]);
		// No address and no rule: `Label: value` lines of a log or an event are not a mail's.
		assert.equal(pasteNormaliser(['Source: VSS', 'Event ID: 8229', 'Level: Warning', '', 'x']), null);
		assert.equal(pasteNormaliser(['Log Name:      Application', 'Source:        VSS', 'User:          user@example.com', 'Computer:      srv', '']), null);
	});

	it("`<br>` ending a few lines (a Markdown page quoting an event) goes; the page's other lines stay as they are", () => {
		const r = clean(['Prose about the event.', '', '> ID: 8229<br>', '> Level: Warning<br>', '> Source: VSS', 'More prose & text.']);
		assert.deepEqual(r.lines, ['Prose about the event.', '', 'ID: 8229', 'Level: Warning', 'Source: VSS', 'More prose & text.']);
		assert.match(r.undone, /line-end <br> tags/);
		assert.equal(pasteNormaliser(['one line<br>', 'another', 'a third']), null);
		// A page's source of such a page: the quoted `<br>` under the entities goes too.
		assert.deepEqual(clean(['ID: 8229&lt;br&gt;<br>', 'Level: Warning&lt;br&gt;<br>']).lines, ['ID: 8229', 'Level: Warning']);
	});

	it('trailing double spaces (hard line breaks)', () => {
		assert.deepEqual(clean(['Writer name: x  ', 'State: [1] Stable  ', 'Last error: none']).lines, ['Writer name: x', 'State: [1] Stable', 'Last error: none']);
	});

	it('HTML entities, in one pass; not in an XML file, whose entities are its own', () => {
		const r = clean(['&nbsp;&nbsp;State: \\[11\\] Failed', 'a &lt;b&gt; &amp;lt; &quot;q&quot; it&#8217;s &#x41;']);
		assert.deepEqual(r.lines, ['  State: [11] Failed', 'a <b> &lt; "q" it’s A']);
		assert.match(r.undone, /&nbsp; indents/);
		assert.equal(pasteNormaliser(['<Event><Data>a &amp; b</Data></Event>']), null);
	});

	it('Markdown backslash escapes, and doubled backslashes only when the text went through Markdown', () => {
		assert.deepEqual(clean(['Error Microsoft-Windows-ActiveDirectory\\_DomainService 1168', 'State: \\[11\\] Failed']).lines, ['Error Microsoft-Windows-ActiveDirectory_DomainService 1168', 'State: [11] Failed']);
		assert.deepEqual(clean(['> Command Line: C:\\\\Windows\\\\system32\\\\lsass.exe', '> Image: C:\\\\x.exe']).lines, ['Command Line: C:\\Windows\\system32\\lsass.exe', 'Image: C:\\x.exe']);
		// A text with single backslashes in its paths did not double the others (a .reg file's value names).
		assert.deepEqual(clean(['> [HKEY_LOCAL_MACHINE\\SYSTEM]', '> "NT Authority\\\\NetworkService"=dword:1']).lines, ['[HKEY_LOCAL_MACHINE\\SYSTEM]', '"NT Authority\\\\NetworkService"=dword:1']);
		// A log's own doubled backslashes, with no sign of Markdown, are its own.
		assert.equal(pasteNormaliser(['path C:\\\\Windows\\\\x', 'second C:\\\\y']), null);
	});

	it('Unicode direction marks, and the `?` they became, only inside dates and times', () => {
		assert.deepEqual(clean(['started at \u200e2012\u200e-\u200e03\u200e-\u200e31T07:00:05Z']).lines, ['started at 2012-03-31T07:00:05Z']);
		assert.deepEqual(clean(["started at '?2012?-?03?-?31T07:00:05.748719600Z'. Why? 1 or 2?"]).lines, ["started at '2012-03-31T07:00:05.748719600Z'. Why? 1 or 2?"]);
	});

	it('straight double quotes around a whole one-line message', () => {
		assert.deepEqual(clean(['"Failed to create snapshot, error -3960 (cannot quiesce virtual machine)"']).lines, ['Failed to create snapshot, error -3960 (cannot quiesce virtual machine)']);
		assert.equal(pasteNormaliser(['"a","b"', '"c","d"']), null);
	});

	it("a browser's XML view: the `- ` of each collapse button goes, only where most lines are elements", () => {
		const view = ['- <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">', '- <System>', '  <Provider Name="VSS" /> ', '  <EventID Qualifiers="0">12289</EventID> ', '  </System>', '  </Event>'];
		const c = clean(view);
		assert.equal(c.lines[0], '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">');
		assert.equal(c.lines[1], '<System>');
		assert.match(c.undone, /XML view/);
		// A Markdown list that mentions tags is prose, not a view.
		assert.equal(clean(['Check these:', '- <System> holds the id', '- <EventData> says why', 'and the rest.']).undone, '');
	});

	it('formatReason says what was undone', () => {
		const { inputs } = read(
			"> Writer name: 'NTDS'  \n> &nbsp;&nbsp;Writer Id: {b2014c9e-8711-4c5c-a5a9-3cf384484757}  \n> &nbsp;&nbsp;Writer Instance Id: {08321e53-4032-44dc-9b03-7a1a15ad3eb8}  \n> &nbsp;&nbsp;State: \\[11\\] Failed  \n> &nbsp;&nbsp;Last error: Non-retryable error  \n",
		);
		assert.equal(inputs[0].format, 'vssadmin-list-writers');
		assert.match(inputs[0].formatReason, /^Markdown-quoted, trailing double spaces, &nbsp; indents, HTML entities, Markdown backslash escapes; vssadmin list writers/);
	});
});

describe('paste normaliser: a text hard-wrapped at a fixed width is joined back', () => {
	// ESX 4.1 syslog-framed hostd and vmkernel lines (the shape of a real post), each longer than a mail's 76 columns.
	const LOG = [
		"Apr 7 17:33:20 esx_host Hostd: [2012-04-07 17:33:20.472 32AE9B90 error 'Statssvc'] Error: 'FileIO error: No space left : /var/lib/vmware/hostd/stats/hostAgentStats.idMap'",
		'Apr 7 17:41:03 esx_host vmkernel: 17:19:52:55.580 cpu7:4182)BC: 3837: Failed to flush 45 buffers of size 8192 each for object: No free memory for file data',
		"Apr 7 17:41:03 esx_host Hostd: [2012-04-07 17:41:03.112 FFCFEE80 info 'App'] Backtrace: hostd-worker dumping core to /var/core/hostd-worker-zdump.000",
	];
	const wrapped = wrapLines(LOG, 76);
	const whole = (lines: string[]) => clean(lines).lines.filter((l): l is string => l !== null);

	it('at a space (a mail client): each tail joins its line with the space, which keeps its number; the tail is no line', () => {
		assert.ok(wrapped.length >= 7, 'the sample wraps');
		const c = clean(wrapped);
		assert.equal(c.undone, 'hard wrap at 76 columns');
		assert.deepEqual(whole(wrapped), LOG);
		// The joined line is handed on at the first line's place, each tail as no content after it.
		assert.equal(c.lines[0], LOG[0]);
		assert.equal(c.lines[1], null);
		const { facts, inputs } = read(wrapped.join('\n'));
		assert.equal(inputs[0].format, read(LOG.join('\n')).inputs[0].format);
		const starts = wrapped.map((l, i) => (l.startsWith('Apr ') ? i + 1 : 0)).filter((n) => n > 0);
		for (const r of facts.flatMap((f) => f.records ?? [])) assert.ok(starts.includes(r.source.line), `line ${r.source.line} is where a logged line starts`);
	});

	it('cut mid-word at exactly the width (a forum box): tails join with nothing between', () => {
		const c = clean(chopLines(LOG, 72));
		assert.equal(c.undone, 'hard wrap at 72 columns, cut mid-word');
		assert.deepEqual(whole(chopLines(LOG, 72)), LOG);
	});

	it('one line cut twice, each cut inside a token, both lines full to the width: a cut, not a word wrap (no space put in)', () => {
		// Japanese (full-width characters count two columns) cut at 80 inside a path and inside an HRESULT.
		const ja = 'ボリューム シャドウ コピー サービス エラー: 予期しないエラー CreateFileW(\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy2,0x80000000,0x00000003,...) です。hr = 0x80070001, ファンクションが間違っています。';
		const cut = chopLines([ja], 80);
		assert.equal(cut.length, 3);
		assert.deepEqual(whole(cut), [ja]);
		// An indented English line (a KB's list item), cut at 72 and at 76: the tails start at column 0.
		const vpxa = "    2010-10-10T22:53:31.077Z [45EEEB90 info 'Default' opID=D1D8F924-00002337-83] [VpxLRO] -- ERROR task-768 -- -- vpxapi.VpxaService.createSnapshot: vim.fault.ApplicationQuiesceFault:";
		for (const width of [72, 76]) assert.deepEqual(whole(chopLines([vpxa], width)), [vpxa.trimStart()]);
	});

	it('a header run together on one line, wrapped inside a run of spaces: the tail keeps the run; a text indenting lines by one space keeps them', () => {
		const prose = 'When shadow copies are created on large volumes with a small cluster size the provider may use more paged pool memory than it needs, and these events are logged:';
		const header = 'Event Type:        Error Event Source:      VolSnap Event Category:  None Event ID:         5 Description: The shadow copy of volume X could not be created.';
		const wrapped = wrapLines([prose, header], 72);
		assert.ok(
			wrapped.some((l) => /^ \S/.test(l)),
			'a tail starts inside the run',
		);
		assert.deepEqual(whole(wrapped), [prose, header]);
		// Lines of their own indented by one space (after a line with room for their first word): never joined.
		const own = ['Writer name: x', ' State: [7] Failed', ' Last error: Timed out', 'Writer name: y', ' State: [1] Stable'];
		assert.deepEqual(whole(wrapLines([prose, '', ...own], 72)), [prose, '', ...own]);
	});

	it('quoted then wrapped (a reply), wrapped then quoted, wrapped into a code block: the same lines', () => {
		assert.deepEqual(
			whole(
				wrapLines(
					LOG.map((l) => `> ${l}`),
					76,
				),
			),
			LOG,
		);
		assert.deepEqual(whole(wrapLines(LOG, 76).map((l) => `> ${l}`)), LOG);
		assert.deepEqual(whole(wrapLines(LOG, 72).map((l) => `    ${l}`)), LOG);
		// An indented excerpt (a KB's bulleted log line) wrapped after it was indented: its tails lost the indent.
		const indented = LOG.map((l) => `    ${l}`);
		assert.deepEqual(whole(wrapLines(indented, 80)), LOG);
	});

	it('Japanese wraps at columns, a full-width character two: joined with no space between', () => {
		assert.equal(displayColumns('VSS エラー'), 10);
		assert.equal(displayColumns('𠀋a'), 3);
		const ja = [
			'2023-04-10 10:12:01 ボリューム シャドウ コピー サービス エラー: 書き込みプログラムの Thaw イベントの呼び出し中に重大なエラーが発生しました。書き込みプログラムはタイムアウトしました。hr = 0x800423f2',
			'2023-04-10 10:12:05 ボリューム シャドウ コピー サービス エラー: シャドウ コピー プロバイダーでルーチンを呼び出し中に予期しないエラーが発生しました。操作: 書き込みプログラムのイベントの処理 hr = 0x80042301',
		];
		const w = wrapLines(ja, 76);
		assert.ok(w.every((l) => displayColumns(l) <= 76) && w.length > 4, 'wrapped by columns');
		assert.deepEqual(whole(w), ja);
	});

	it('negative: layouts whose short lines are their own are left as they are', () => {
		const wrapNone = (lines: string[]) => assert.doesNotMatch(pasteNormaliser(lines)?.undone ?? '', /hard wrap/, lines[0]);
		// vssadmin listings (the fields indented, and flattened: one width of GUID lines, then a field).
		const writer = (name: string, state: string) => [`Writer name: '${name}'`, '   Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}', '   Writer Instance Id: {7848396d-00b1-47cd-8ba9-769b7ce402d2}', `   State: ${state}`, '   Last error: No error', ''];
		const listing = [...writer('System Writer', '[1] Stable'), ...writer('SqlServerWriter', '[8] Failed'), ...writer('Registry Writer', '[1] Stable')];
		wrapNone(listing);
		wrapNone(listing.map((l) => l.trim()));
		// An Event Viewer copy: a header of short label lines, then the message.
		wrapNone([
			'Log Name:      Application',
			'Source:        VSS',
			'Date:          2023/04/10 10:12:01',
			'Event ID:      8229',
			'Level:         Warning',
			'Description:',
			'A VSS writer has rejected an event with error 0x800423f2, The writer experienced a timeout between the Freeze and',
			'Thaw events.',
		]);
		// Pretty-printed XML, a log of short lines, settings and a registry export.
		wrapNone(['<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">', '  <System>', '    <Provider Name="VSS" />', '    <EventID Qualifiers="0">8229</EventID>', '  </System>', '</Event>']);
		wrapNone(['2024-05-22T19:30:50.422Z| vmx| I005: Foo', '2024-05-22T19:30:50.423Z| vmx| I005: Bar baz', '2024-05-22T19:30:51.001Z| vmx| I005: Quux']);
		for (const file of ['test/fixtures/formats/esxi/SQL-APP-03.vmx', 'test/fixtures/formats/windows/vss-duplicate-vmware-provider-utf16le.reg', 'test/fixtures/listings/en-ascii-all-stable.txt', 'test/fixtures/formats/windows/powercli-get-vievent.csv']) {
			wrapNone(decodeText(fs.readFileSync(path.join(ROOT, file))).lines.slice(0, DETECT_LINES));
		}
	});
});

/** A way people paste text: the pasted lines, and the pasted line number of each clean line (1-based). */
interface Style {
	name: string;
	paste(lines: string[]): { lines: string[]; lineOf: (clean: number) => number };
}

const same = (f: (l: string) => string) => (lines: string[]) => ({ lines: lines.map(f), lineOf: (n: number) => n });
const STYLES: Style[] = [
	{ name: 'Markdown blockquote', paste: same((l) => (l === '' ? '>' : `> ${l}`)) },
	{ name: 'nested blockquote', paste: same((l) => (l === '' ? '> >' : `> > ${l}`)) },
	{ name: 'email >> quoting', paste: same((l) => `>> ${l}`) },
	{ name: 'indented code block', paste: same((l) => (l === '' ? '' : `    ${l}`)) },
	// A code block inside a list item, or a block indented again in a reply: two levels.
	{ name: 'code block in a list item', paste: same((l) => (l === '' ? '' : `        ${l}`)) },
	{ name: 'tab-indented code block', paste: same((l) => (l === '' ? '' : `\t${l}`)) },
	{ name: 'fenced code block', paste: (lines) => ({ lines: ['```', ...lines, '```'], lineOf: (n) => n + 1 }) },
	{ name: 'hard line breaks', paste: same((l) => `${l}  `) },
	{
		name: 'HTML page',
		paste: same((l) =>
			l
				.replace(/&/g, '&amp;')
				.replace(/</g, '&lt;')
				.replace(/>/g, '&gt;')
				.replace(/^ +/, (s) => '&nbsp;'.repeat(s.length)),
		),
	},
	{ name: 'Markdown source, quoted and escaped', paste: same((l) => `> ${l.replace(/(?<=[\w:$.])\\+(?=[\w$])/g, '$&$&').replace(/[[\]_*]/g, '\\$&')}`) },
	{ name: 'direction marks in dates', paste: same((l) => l.replace(/\d+(?=[-/.:T]\d)/g, '\u200e$&\u200e')) },
	// A browser's XML view: `- ` before each line that is one opening tag (its children follow on their own
	// lines); a view has several, so a text with fewer is left as it is.
	{
		name: "a browser's XML view",
		paste: (lines) => {
			const opening = (l: string) => /^\s*<[A-Za-z][^<>]*[^/]>\s*$/.test(l);
			const viewed = lines.filter(opening).length >= 2 ? lines.map((l) => (opening(l) ? l.replace(/^(\s*)/, '$1- ') : l)) : lines;
			return { lines: viewed, lineOf: (n: number) => n };
		},
	},
];

/** What the property compares of a record: what it says, with the line numbers its fields hold mapped by `lineOf`. */
const said = (facts: Partial<Facts>[], lineOf = (n: number) => n) =>
	facts
		.flatMap((f) => f.records ?? [])
		.map((r) => ({
			kind: r.kind,
			fields: Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, /Line$/.test(k) && typeof v === 'number' ? lineOf(v) : v])),
			time: r.time,
			local: r.local,
		}));
const lines = (facts: Partial<Facts>[]) => facts.flatMap((f) => f.records ?? []).map((r) => r.source.line);

describe("paste normaliser: every format's samples, pasted in each style, read as the clean text does", () => {
	for (const format of FORMATS) {
		for (const variant of format.variants) {
			variant.samples.forEach((sample, k) => {
				it(`${format.id} (${variant.name} #${k + 1})`, () => {
					const plain = read(sample);
					// The lines, without the empty string after a final line break (which ends the pasted text too).
					const ended = sample.endsWith('\n');
					const cleanLines = (ended ? sample.slice(0, -1) : sample).split('\n');
					for (const style of STYLES) {
						const pasted = style.paste(cleanLines);
						const got = read(pasted.lines.join('\n') + (ended ? '\n' : ''));
						assert.equal(got.inputs[0].format, plain.inputs[0].format, `${style.name}: format`);
						assert.deepEqual(said(got.facts), said(plain.facts, pasted.lineOf), `${style.name}: records`);
						assert.deepEqual(lines(got.facts), lines(plain.facts).map(pasted.lineOf), `${style.name}: line numbers of the pasted text`);
					}
				});
			});
		}
	}
});
