// The variants property: a text re-shaped on its way into a ticket, a mail or a forum post reads as the text
// itself. Every real excerpt in test/fixtures/wild/ and every clean format sample (test/lib/pasteSamples.ts)
// is re-pasted in each style of test/lib/pasteStyles.ts — quoted `> ` and `>> `, indented 4 spaces, CRLF,
// hard-wrapped at 72/76/80 columns at a space as a mail client does, cut mid-word at exactly the width as a
// forum's box does, quoted then wrapped (a reply), wrapped then quoted (a reply to a wrapped mail), wrapped
// into a code block, cut (first and last lines not selected), and the ways other tools carry a text: nested and
// tight reply quoting, an Outlook header above it, fences with a language tag, forum BBCode, a web page's
// source, Jira/Confluence blocks, a viewer's line numbers, a chat's stamps, tabs expanded, trailing blanks
// trimmed, no-break and zero-width spaces, typographic quotes, a marker of lines left out, long lines cut short
// with `...` — and the reading a user sees must be the original's: each attempt's result, quiesced and HRESULT,
// the failed writers with their states, and the finding codes. A cut may lose what its lines said, never gain
// (but that nothing explains a failure, QL112). Where a style cannot keep a reading, the
// reason is below: computed ones (MAY_DIFFER, decided from the text's layout) and named ones (EXCEPTIONS,
// each of which must still differ, so the list only shrinks).
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/core';
import { displayColumns } from '../../src/core/decode/columns';
import { decodeText } from '../../src/core/decode/decode';
import type { Report } from '../../src/core/model/report';
import { repoRoot } from '../lib/paths';
import { pasteSamples } from '../lib/pasteSamples';
import { PASTE_STYLES, repaste, textLines, type PasteStyle } from '../lib/pasteStyles';

/** What a user sees of a reading, as compared. */
interface Reading {
	attempts: string[];
	failedWriters: string[];
	findings: string[];
}

function reading(r: Report): Reading {
	return {
		attempts: r.attempts.map((a) => `${a.result} quiesced=${a.quiesced} ${a.hresult ?? '-'}`),
		failedWriters: r.writers
			.filter((w) => w.failed)
			.map((w) => `${w.name} [${w.stateCode}]`)
			.sort(),
		findings: r.findings.map((f) => f.code).sort(),
	};
}

const read = (text: string) => reading(analyzeText([{ name: 'paste.txt', text }], {}));

/** The finding that says nothing in the evidence explains a failure: what is left of a cut may lack what did. */
const UNEXPLAINED = 'QL112';

/** Whether `cut` says nothing `whole` does not: no finding (but that nothing explains a failure), failed writer or attempt HRESULT of its own. */
function says(whole: Reading, cut: Reading): boolean {
	const codes = (r: Reading) => r.attempts.map((a) => a.split(' ')[2]).filter((h) => h !== '-');
	const within = (part: string[], all: string[]) => part.every((x) => all.includes(x));
	return (
		within(
			cut.findings.filter((f) => f !== UNEXPLAINED),
			whole.findings,
		) &&
		within(cut.failedWriters, whole.failedWriters) &&
		within(codes(cut), codes(whole))
	);
}

/** One text of the property: its name and its lines as decoded. */
interface Text {
	name: string;
	lines: string[];
}

function wildTexts(): Text[] {
	const dir = path.join(repoRoot, 'test', 'fixtures', 'wild');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.txt'))
		.sort()
		.map((f) => ({ name: `wild/${f}`, lines: decodeText(fs.readFileSync(path.join(dir, f))).lines }));
}

/**
 * Layouts a wrap cannot be told from, decided from the text and the style (a wrapped text whose reading
 * differs for one of these is not a failure; one that reads right is not one either).
 */
const MAY_DIFFER: readonly { why: string; applies(lines: readonly string[], style: PasteStyle): boolean }[] = [
	{
		// paste.ts MIN_TAILS: a line wrapped once is two lines to any reader of layout, as a sentence and its
		// continuation written that way are (vssadmin's banner, then its copyright line).
		why: 'the style wrapped one line once: one tail is too little layout to tell a wrap from two lines',
		applies: (lines, style) => style.wrap !== undefined && textLines(repaste(lines.join('\n'), style)).length - lines.length < 2,
	},
	{
		// A CSV row, a one-line XML event, a registry value: a token longer than the width stays whole, so the
		// text's lines do not show the width they were wrapped at, and lines of one token show no break at all.
		why: 'the style left a token longer than its width: the wrap width cannot be read from the lines',
		applies: (lines, style) => style.wrap !== undefined && textLines(repaste(lines.join('\n'), style)).some((l) => displayColumns(l) > style.wrap!.width + 4),
	},
	{
		// paste.ts LINE_NO: a Bareos job message starts with its job id so (`22309: Warning: …`).
		why: "the style numbered the only line with `1: `: a number and a colon before a text's only line may be the text's own",
		applies: (lines, style) => style.name === 'lineno-colon' && lines.filter((l) => l.trim() !== '').length === 1,
	},
];

/** Why a PowerShell console table does not survive a reply's quote and wrap (cut at the width, its rows are joined back now). */
const CONSOLE_TABLE_QUOTED = "a console table quoted, then wrapped at a space: a row's tail starts with a column's value, as a -Wrap row's own next line does (wild7's reader)";

/** Why a Markdown table's rows do not survive a cut at the width. */
const TABLE_ROWS_CHOPPED = "a Markdown table's long row cut at the width, the next row starting at column 0 as a cut's tail does: the unwrapping joins the two rows, so the table's two codes are one line's (paste.ts's call)";

/**
 * Texts and styles whose reading a style does not keep, each with the reason (a text by a part of its name).
 * "As on main" marks what was so before the unwrapping too (main at e286582).
 */
const EXCEPTIONS: readonly { texts: string[]; styles: string[]; why: string }[] = [
	{
		texts: ['pastebin-gwsyrx28-acronis', 'pastebin-lvhucnev-acronis'],
		styles: ['chop72', 'snip', 'truncated'],
		why: "a paste site's numbered listing (`  12. `) cut at the width (the tails carry no number) or with a marker of lines left out (the numbers skip): its numbers no longer count up by one a line, so they stay before the Acronis chain's labels and no record is found (wild33)",
	},
	{
		texts: ['mskb4230569-vhds-guest-cluster'],
		styles: ['indent', 'wrap72-indent'],
		why: "a list indented whole: a quote under a list item is peeled only when the list's items stand at the text's margin (paste.ts), so the VMMS 19100 row's quote stays on its line and it reads as a product's code (QL550), not the event (QL324 since wild41)",
	},
	{
		texts: ['sqlsamples-752-linux-vdi'],
		styles: ['indent', 'wrap72-indent'],
		why: "an issue's prose with some lines `> ` quoted, indented whole: the indentation is peeled as a code block's, but a quote under it is not looked for (paste.ts decides the quote before the indentation), so SQL Server's 995 line keeps its `> ` and is read by no format (wild41; the same family as KB 4230569's list above)",
	},
	{
		texts: ['sqldocs-sqlwriterlogger-torn-database'],
		styles: ['indent', 'wrap72-indent'],
		why: 'a docs page of ``` txt fences with prose between, indented again: the fences are inside a code block, the events are read with the lines around them as one text',
	},
	{
		texts: ['zfsquiesce-qga-guest-exec-json-pl'],
		styles: ['wrap76', 'wrap80', 'quote-wrap76', 'wrap76-quote'],
		why: "a JSON string literal hard-wrapped by a mail client inside a writer block's line: escapedLines reads the literal's open and closing pieces apart, so that line is cut in two",
	},
	{
		texts: ['windows-events-json convertto-json'],
		styles: ['wrap72', 'wrap76', 'quote-wrap76', 'wrap76-quote', 'wrap72-indent'],
		why: "an event's Message literal hard-wrapped by a mail client: the JSON reader takes a member whole from one line, so the wrapped message is lost",
	},
	{
		texts: ['elstar-bb-wsb-2008'],
		styles: ['chop76', 'chop80'],
		why: "a forum's lines cut at the width, one of them inside the error code ('2|155348001'): the paste's other cuts fall at spaces, so it is read as a word wrap and the code is joined with a blank (paste.ts's call)",
	},
	{
		texts: ['hostd-log esxi8-relayed #1'],
		styles: ['chop72'],
		why: 'relayed hostd lines of a short sample cut at 72: its cuts are not told from a word wrap',
	},
	{
		texts: ['hostd-log esxi8-relayed #2'],
		styles: ['chop76'],
		why: 'relayed hostd lines of a short sample cut at 76: its cuts are not told from a word wrap',
	},
	{
		texts: ['hostd-log esxi8-relayed #3'],
		styles: ['tabs-expanded'],
		why: "a collector's tab-separated columns (Kiwi's date, facility, address) with the tabs expanded are no longer columns",
	},
	{
		texts: ['openzfs-406-diskshadow-veto-then'],
		styles: ['indent'],
		why: 'a post with Markdown code fences, indented again: the fences are inside a code block and the fenced event is read with the listing before it (as on main; the posts of one create read right since DiskShadow has its reader)',
	},
	{
		texts: ['onk164-ja-bootcamp-macrium'],
		styles: ['chop72', 'chop76', 'chop80'],
		why: "a Japanese post's VSS 12289 line (wide characters, no space) cut into tails: the routine's name is cut (QL317 for QL314) and the event no longer tells the provider's layer, so Macrium's try takes the event's code (0x80070001)",
	},
	{
		texts: ['jpabrs-csv-writer-8229', 'mskb940184-vssadmin', 'mskb978773-en-12289', 'burp-935-win11-24h2-quoted'],
		styles: ['indent', 'wrap72-indent'],
		why: 'a quoted, hard-broken post (`> … ␠␠`) indented again: the indentation hides the quote from the head (as on main)',
	},
	{
		texts: ['powercli-get-vievent', 'powercli-taskinfo', 'wevtutil-vss-application.xml', 'vss-duplicate-vmware-provider'],
		styles: ['chop72', 'chop76', 'chop80'],
		why: 'rows of one token (CSV, one-line XML events, registry values) cut at the width: the first row follows a shorter line of its own (`#TYPE …`, a key), so the cut is read as a word wrap or not at all',
	},
	{
		texts: ['burp-164-createvssbackupcomponents'],
		styles: ['chop72'],
		why: "a console line already broken at 80 columns (`… returned 0x80070005. ERR` / `=…`) chopped again at 72 inside its code: the paste's unwrapping joins the chop with a space (`0x80070 005`), so no code is left to read; the try still reads as burp's failure (QL112)",
	},
	{
		texts: ['vmware-log esx4', 'ja-12289-createfilew', 'wsb-log hyper-v-component', 'windows-events-xml pretty-printed'],
		styles: ['chop72'],
		why: 'a short text cut at 72 in two places, none at a space: fewer than MIN_CHOP_TAILS cuts do not tell a cut from a word wrap that filled its lines, or a cut leaves a tail that starts as lines of its own do (`<`, a stamp)',
	},
	{
		texts: ['onk164-ja-macrium'],
		styles: ['chop72', 'chop76', 'chop80'],
		why: "a blog's Japanese VSS 12289 line (wide characters, no space) cut into tails, so that it no longer reads as one event: the routine is cut (QL317 for QL314) and Macrium's try takes the event's code (0x80070001)",
	},
	{
		texts: ['jekyll-ja-wsb-rdm-0x80780034'],
		styles: ['chop72', 'ellipsis'],
		why: "a Japanese blog's VSS 12289 line (wide characters, a long DeviceIoControl argument list) cut at 72 columns through its code (`hr = 0x8` / `0070057`), or cut short before it: the event no longer reads as one, and Windows Server Backup's 0x80780034 is left as the only code (wild15)",
	},
	{
		texts: ['mskb-ja-win7-backup-reparse-point-library', 'mskb971411-dpm-agent-communication', 'dpm-kb10061-exchange-2033-crc-30146-30216'],
		styles: ['cut'],
		why: "the cut first line was the page's first heading: one heading over a paragraph is left, as a person's post has one, so what is left reads as the runs the page quotes (wild29); or its first error is left above every heading, in no section, so the sections no longer list every error (wild35)",
	},
	{
		texts: ['mskb2019392-vmm-p2v-13243'],
		styles: ['cut'],
		why: "the cut last line is the writer's instance id: its class id and name alone are no writer's {GUID}, name, {GUID} run after an Execution Context that is the writer's own name, so the event is VSS's (QL317, the same ProfileList fix) instead of the writer's (QL315) (wild15)",
	},
	{
		texts: ['en-12290-8193-asr', 'windows-events-xml pretty-printed'],
		styles: ['chop76'],
		why: 'a short text cut at 76 in two places, none at a space, or where a line of its own starts (`<`, `-`): not told from a word wrap',
	},
	{
		texts: ['vmtoolsd-syncdriver-busy', 'vmware-vmsvc-10.3', 'vpxa-log esxi8'],
		styles: ['chop80'],
		why: 'a short text cut at 80 in two places, none at a space: not told from a word wrap that filled its lines',
	},
	{
		texts: ['ja-wsb-backup-error', 'wsb-error-log ja'],
		styles: ['wrap72', 'wrap72-indent', 'quote-wrap76', 'chop72'],
		why: "two Japanese lines wrapped, of which only one tail is told from a line: the other starts with a full-width character, as the text's own lines do",
	},
	{
		texts: ['tvbok-ja-system-image-0x8078012d'],
		styles: ['wrap72', 'wrap76', 'quote-wrap76', 'wrap76-quote', 'wrap72-indent', 'chop72', 'chop76', 'chop80'],
		why: "Japanese lines wrapped or cut whose tails start with a full-width character, as the text's own lines do (see 'ja-wsb-backup-error'): the dialog's code and the error under its Additional information end up more lines apart than one message spans, and the title's two codes lose the label that ranked them",
	},
	{
		texts: ['azuredocs-ja-asr-hyperv-vss-snapshot-set'],
		styles: ['chop72'],
		why: TABLE_ROWS_CHOPPED,
	},
	{
		texts: ['azuredocs-de-asr-hyperv-vss-snapshot-set'],
		styles: ['chop76'],
		why: TABLE_ROWS_CHOPPED,
	},
	{
		texts: ['tools-log syslog #1'],
		styles: ['wrap80'],
		why: 'three lines each wrapped once, ending at different columns: no two end near one width (MIN_NEAR), so no width shows',
	},
	{
		texts: ['windows-events-list get-eventlog'],
		styles: ['wrap72', 'wrap72-indent'],
		why: 'a Format-List block with two long values wrapped: two tails are too few to show a width, and a tail is no `Name : value` line (wild7)',
	},
	{
		texts: ['windows-events-table get-winevent', 'windows-events-table format-table-wrap'],
		styles: ['quote-wrap76'],
		why: CONSOLE_TABLE_QUOTED,
	},
	{
		texts: [
			'image-backup-task-log vss-writer-block',
			'en-1168-list-row',
			'en-12290-8193-asr',
			'en-8229-id-level-source',
			'vsphere-client-en #1',
			'vssadmin-list-providers en #2',
			'event-viewer-save-as-csv',
			'short-header #1',
			'windows-events-xml pretty-printed',
			'mskb826936-ntds-writer-10-retryable-flattened',
		],
		styles: ['cut'],
		why: "the cut line named what the rest is (an event's header, a listing's banner, a CSV header row, the line with the code): what is left reads as another format's line, with that format's finding (QL550, QL112, QL303)",
	},
	{
		texts: [
			'mskb826936-ntds-writer-10',
			'mskb978773-en-12289',
			'get-winevent-ps51 #1',
			'powercli-get-vievent #1',
			'task-log-no-banner #1',
			'guest-processing #1',
			'unfreeze-error #1',
			'hostd-esxi80.log',
			'ja-12289-createfilew',
			'isystems-notes-cmd-vsssyncstart',
			'mskb2615182-wsb-521',
			'opvizor-kb2114076',
			'jpwinsup-ja-vss-8193',
		],
		styles: ['ellipsis'],
		why: "a line cut short before its decisive code or in the middle of one (`0x8004…`), or a CSV row cut before its closing quote: what is left names another code (the cut one's prefix read as a whole code) or another format",
	},
	{
		texts: ['zh-avamar-linux-snapshot-error-1236'],
		styles: ['indent', 'wrap72-indent'],
		why: 'a post with a ```conf fence under the vSphere task error, indented again: the fence is inside a code block, so the whole text is one product message and its [vmbackup] block is not cut out as tools.conf (QL407 lost; the failed try and QL552 stay) (wild21)',
	},
	{
		texts: ['boche-esxi60-tools-10-guestrpc'],
		styles: ['ellipsis'],
		why: "the vmware.log's start line cut before `quiesced=1` and the client's message before `VMware Tools is not currently available`: the try's quiesce flag and the message's reason are lost, so the message ('Cannot quiesce this virtual mach...') is a try of its own (QL552) and the host's try stays unknown (wild21)",
	},
	{
		texts: ['ja-vsphere-client-quiesce-wrapped'],
		styles: ['smart-quotes'],
		why: "a quote after a Japanese full stop made typographic (`。’VssSyncStart’`): both marks are closing ones, which a Japanese Windows message writes of its own (`：’YYYY-…’`), so they are left as they are and the operation's name is not read as quoted",
	},
];

describe('paste variants: a text re-pasted in any style reads as the text itself', function () {
	this.timeout(600_000);
	const texts = [...wildTexts(), ...pasteSamples().map((s) => ({ name: `sample ${s.name}`, lines: s.lines }))];

	for (const style of PASTE_STYLES) {
		it(`${style.name}: every wild excerpt and format sample`, () => {
			const wrong: string[] = [];
			const stale: string[] = [];
			let compared = 0;
			for (const t of texts) {
				const text = t.lines.join('\n');
				const pasted = repaste(text, style);
				if (pasted === text) continue;
				const may = MAY_DIFFER.find((m) => m.applies(t.lines, style));
				const excused = EXCEPTIONS.find((e) => e.styles.includes(style.name) && e.texts.some((part) => t.name.includes(part)));
				const whole = read(text);
				const got = read(pasted);
				const kept = style.drops ? says(whole, got) : isDeepStrictEqual(whole, got);
				if (!may) compared++;
				if (!kept && !may && !excused) wrong.push(`${t.name}: ${JSON.stringify(whole)} → ${JSON.stringify(got)}`);
				if (kept && excused && !may) stale.push(`${t.name} (${excused.why})`);
			}
			assert.deepEqual(wrong, [], `${style.name} changed the reading of ${wrong.length} of ${compared} text(s)`);
			assert.deepEqual(stale, [], `${style.name}: exceptions that read right now`);
			assert.ok(compared > (style.some ? 5 : 50), `${style.name}: only ${compared} texts compared`);
		});
	}
});

function isDeepStrictEqual(a: Reading, b: Reading): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
