import { writerFailureOfText } from '../../knowledge/productCodes';
import type { RecordFields } from '../../model/records';
import type { Detection, FormatDefinition } from '../lib/format';
import { WSB_KINDS, wsbEntry, wsbFileError } from '../windows/wsbErrorLog';
import { codesIn, errorFields, PRODUCT_KINDS, ProductReader, type Found } from './productText';

/**
 * Microsoft's own requesters, read line by line (no stamps):
 * - NTBackup backup reports: `Volume shadow copy creation: Attempt 1.` (`product-attempt`), `"MSDEWriter" has
 *   reported an error 0x800423f0. …` and `Error returned while creating the volume shadow copy:800423f0`
 *   (`product-error`, the writer from the quotes, the code bare or with `0x`), ESE streaming errors
 *   `The 'Microsoft Information Store' returned '…' from a call to 'HrESEBackupSetup()'`, hard-wrapped or not
 *   (`operation` = the call, `store` the first quoted name, `message` ESE's error text).
 * - Windows Server Backup: lines of its error log `Backup_Error-*.log` among other text (`Error in backup of
 *   F:\… during write: Error [0x80070005] …`, any language): the `wsb-file-error` that log's reader
 *   (wsbErrorLog.ts, which reads a file of such lines alone) makes of the line; the Windows Backup error details
 *   (`Error Code: 0x81000019`, `Shadow copy creation failed because of error reported by ASR Writer. … (0x80073BC3)`)
 *   and the Hyper-V component line (`The component <VM>(Online) was skipped during the snapshot …. Error: The
 *   writer experienced a non-transient error.`: the writer error's words give `hresult`, `vm` the component);
 *   wbadmin's console output after its banner (`wbadmin 1.0 - …`): each line with a code (`ERROR - … (0x800423f4)`,
 *   any language) is a `product-error`; the list of files backed up it names after its summary
 *   (`…\Backup-<stamp>.log`) a `product-job` verdict, `success`;
 *   Windows Backup's task dialog copied with Ctrl+C (`[Window Title]`, `[Main Instruction]`, `[Content]` …: the
 *   tags Windows writes in English in every display language) when it or a caption just above it (a heading
 *   `… 0x81000019`) names one of Windows Backup's own codes: a `product-error` of the code (each line of the
 *   dialog with a code one, the caption's code at the title tag).
 * - Hyper-V VMMS messages (Hyper-V-VMMS Admin log text): every one ends with `(Virtual machine ID <id>)`;
 *   `vm` from the quotes, `operation` `backup-checkpoint` or `checkpoint` when the text is about one.
 * `product` is `ntbackup` or `windows-server-backup` (Hyper-V-VMMS messages are events: windows/eventMessages.ts).
 */

const ATTEMPT = /^Volume shadow copy creation: Attempt (\d{1,3})\./;
const NT_WRITER = /^"([^"\n]{1,120})" has reported an error/;
const NT_ERROR = /^Error returned while creating the volume shadow copy:/;
/** The ESE backup API call an error names, quoted with its parentheses (`'HrESEBackupSetup()'`) in every language. */
const ESE_CALL = /'(Hr\w{1,40})\(\)'/;
const NT_SIGNS = [ATTEMPT, NT_ERROR, NT_WRITER, ESE_CALL];

/** A line of Windows Server Backup's error log in any language (a drive path, `: <word> [0x…]`), as its own reader tells. */
const isWsbLine = (l: string) => wsbEntry(l) !== null;
const ERROR_CODE_LINE = /^Error Code:\s{0,2}0x(?:8078|8100)[0-9A-Fa-f]{4}\s{0,4}$/i;
const COMPONENT = /^The component (.{1,200}?) was skipped during the snapshot/;
/** wbadmin's banner (`wbadmin 1.0 - Backup command-line tool`, translated after the version): its console output follows. */
const WBADMIN = /^wbadmin \d{1,2}\.\d{1,2} [-–]/i;
const REPORTED_BY = /error reported by .{1,80}?Writer/;
/**
 * The list wbadmin names after its summary of the files it backed up (its file name never translated, the stamp
 * day first, local time): `…\Backup-05-04-2023_16-20-11.log`. It says the run ended with a backup made; the list
 * of the files that failed (`…\Backup_Error-<stamp>.log`) says nothing of the snapshot (some files or all).
 */
const WBADMIN_LIST = /\\Backup-(\d{2}-\d{2}-\d{4}_\d{2}-\d{2}-\d{2})\.log\s*$/i;

/**
 * A Windows task dialog copied with Ctrl+C: its title tag, then its parts under the tags Windows writes in
 * English whatever the display language (the text under them is the system's words).
 */
const DIALOG_TITLE = /^\[Window Title\]$/;
const DIALOG_TAG = /^\[(?:Main Instruction|Content|Expanded Information|Footer)\]$/;
/** Windows Backup's own codes (sdclt's 0x8100…, wbengine's 0x8078…), which no other requester reports. */
const WSB_CODE = /\b0x(?:8078|8100)[0-9A-Fa-f]{4}\b/i;
/** Lines (blank ones aside) a dialog copy spans after its title tag at most: its parts, their text, its buttons. */
const DIALOG_LINES = 24;
/** Lines above its title tag a caption naming the dialog's code may stand at most (a heading, then a sentence). */
const CAPTION_LINES = 2;

/**
 * Whether `head` starts with a Windows Backup dialog copy: its title tag first, or a caption with one of Windows
 * Backup's codes and the title tag at most CAPTION_LINES below; a part's tag follows the title, and one of
 * Windows Backup's codes is in the caption or the dialog. Only at the head's start: a dialog further down
 * starts its own section there, and the lines before it (an event's text) stay their format's.
 */
function dialogStarts(head: readonly string[]): boolean {
	const lines = head.slice(0, CAPTION_LINES + 1 + DIALOG_LINES).map((l) => l.trim());
	const title = lines.findIndex((l) => DIALOG_TITLE.test(l));
	if (title < 0 || title > CAPTION_LINES || (title > 0 && !WSB_CODE.test(lines[0]))) return false;
	const dialog = lines.slice(title + 1);
	return dialog.some((l) => DIALOG_TAG.test(l)) && lines.some((l) => WSB_CODE.test(l));
}

/** Most lines one hard-wrapped ESE message may span. */
const ESE_MAX_LINES = 4;

/**
 * The classifier of one NTBackup report. Its ESE streaming errors quote the store, the ESE error text and the
 * call (`The '<store>' returned '<error>' from a call to 'HrESE…()' additional data '…'`), and the error
 * text often ends in a line break inside its quotes: a line that leaves a quote open is held and joined with
 * the next ones until the call's quoted name closes the message (at most ESE_MAX_LINES), whatever the language
 * around the quotes.
 */
function ntbackup(): (message: string) => Found[] {
	let held: string | null = null;
	let heldLines = 0;
	return (message) => {
		const line = message.trim();
		const joined = held !== null && !NT_SIGNS.some((re) => re !== ESE_CALL && re.test(line));
		const text = joined ? `${held} ${line}` : line;
		const lines = joined ? heldLines + 1 : 1;
		held = null;
		const attempt = ATTEMPT.exec(text);
		if (attempt) return [{ kind: 'product-attempt', fields: { attempt: Number(attempt[1]) } }];
		const writer = NT_WRITER.exec(text);
		if (writer) return [{ kind: 'product-error', fields: errorFields(text, { writerName: writer[1] }) }];
		const call = ESE_CALL.exec(text);
		if (call) return [{ kind: 'product-error', fields: eseError(text, call[1]), text }];
		if (NT_ERROR.test(text)) return [{ kind: 'product-error', fields: errorFields(text) }];
		// Held until the call closes the message: an open quote starts it, later wrapped lines may close the quote first.
		if ((joined || opensQuotedMessage(text)) && lines < ESE_MAX_LINES) [held, heldLines] = [text, lines];
		return [];
	};
}

/**
 * A line that quotes a name and then opens a second quote it does not close (`The '<store>' returned '<error…`):
 * an odd number of single quotes, at least three, so a lone apostrophe in prose (`fd's`) starts nothing.
 */
function opensQuotedMessage(text: string): boolean {
	const quotes = text.match(/'/g)?.length ?? 0;
	return quotes >= 3 && quotes % 2 === 1;
}

/** An ESE streaming error: the store is the first quoted name, the error the quoted text that is neither the store, the call nor `-`. */
function eseError(text: string, call: string): ReturnType<typeof errorFields> {
	const quoted = [...text.matchAll(/'([^']{1,300})'/g)].map((m) => m[1].trim());
	const store = quoted[0] ?? null;
	const error = quoted.slice(1).find((q) => q !== `${call}()` && q !== '-') ?? null;
	return errorFields(text, { operation: call, store, writerName: null, volume: null, path: null, message: (error ?? text).slice(0, 400) });
}

/**
 * The classifier of one paste of Windows Server Backup text. A line of its Backup_Error log is the file error
 * that log's own reader makes of it (wsbFileError, one home); when a Japanese build broke the line before the
 * error text, the next line that is nothing else is that text (set on the record's fields, which the reader
 * keeps as given for this kind).
 */
function windowsServerBackup(): (message: string) => Found[] {
	let waiting: RecordFields['wsb-file-error'] | null = null;
	let console = false;
	const dialog = dialogCopy();
	return (message) => {
		const text = message.trim();
		console ||= WBADMIN.test(text);
		const file = wsbFileError(text);
		// wbadmin's console output and the dialog word their errors in the system's language; the code in them is the evidence.
		const own = file ? [] : (dialog(text) ?? (console ? consoleLine(text) : classifyWsb(text)));
		if (waiting !== null && file === null && own.length === 0) waiting.errorText = text;
		waiting = file !== null && file.errorText === null ? file : null;
		return file ? [{ kind: 'wsb-file-error', fields: file }] : own;
	};
}

/**
 * The classifier of Windows Backup's dialog copies among a paste's lines: null for a line outside a dialog. A
 * dialog copy is one try's outcome: its title tag is that try's `product-attempt` (the codes below it are that
 * try's, a second copy another try). A line with one of Windows Backup's codes is held as a caption; a title tag
 * at most CAPTION_LINES below it is also the caption code's report, the caption its text (the dialog shows the
 * failure the caption names, its own text often without the code); inside the dialog each line with a code is
 * one (`Error code: 0x81000019`, `詳細: … (0x80042306)`), and the other lines are its words.
 */
function dialogCopy(): (text: string) => Found[] | null {
	// `between`: the lines read since the caption (blank ones aside).
	let caption: { text: string; between: number } | null = null;
	let left = 0;
	return (text) => {
		if (DIALOG_TITLE.test(text)) {
			const named = caption !== null && caption.between < CAPTION_LINES ? caption.text : null;
			[caption, left] = [null, DIALOG_LINES];
			const opened: Found = { kind: 'product-attempt', fields: { attempt: 1 } };
			return named === null ? [opened] : [opened, { kind: 'product-error', fields: errorFields(named), text: named }];
		}
		if (left > 0) {
			left--;
			return codesIn(text).hresult !== null || WSB_CODE.test(text) ? [{ kind: 'product-error', fields: errorFields(text) }] : [];
		}
		if (caption !== null) caption.between++;
		if (WSB_CODE.test(text)) caption = { text, between: 0 };
		return null;
	};
}

/**
 * A line of wbadmin's console output: a code in the system's words is its error; the list of files backed up
 * that it names after its summary is the run's verdict (a backup made).
 */
function consoleLine(text: string): Found[] {
	if (codesIn(text).hresult !== null) return [{ kind: 'product-error', fields: errorFields(text) }];
	const list = WBADMIN_LIST.exec(text);
	if (!list) return classifyWsb(text);
	return [{ kind: 'product-job', fields: { scope: 'job', session: list[1], status: 'success', tasks: null, succeeded: null, failed: null, details: null } }];
}

/** A WSB line other than a file error: the Hyper-V component line, the error code line, an error reported by a writer. */
function classifyWsb(text: string): Found[] {
	const component = COMPONENT.exec(text);
	if (component) {
		const fields = errorFields(text, { vm: component[1].replace(/\((?:Online|Offline)\)$/, '').trim(), writerName: null });
		fields.hresult ??= writerFailureOfText(text);
		return [{ kind: 'product-error', fields }];
	}
	if (ERROR_CODE_LINE.test(text) || (REPORTED_BY.test(text) && codesIn(text).hresult !== null)) return [{ kind: 'product-error', fields: errorFields(text) }];
	return [];
}

const firstMatch = (head: readonly string[], test: (l: string) => boolean): number => head.findIndex((l) => test(l.trim()));

/** NTBackup backup reports (Windows XP / Server 2003). */
export const ntbackupReport = {
	id: 'ntbackup-report',
	title: 'NTBackup backup report',
	url: 'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2003/cc784306(v=ws.10)',
	origin: 'backup-product',
	kinds: PRODUCT_KINDS,
	variants: [
		{
			name: 'vss-error',
			samples: [
				'Backup Status\nOperation: Backup\nVolume shadow copy creation: Attempt 1.\n"NTDS" has reported an error 0x800423f4. This is part of System State. The backup cannot continue.\n\nError returned while creating the volume shadow copy:800423f4\n',
			],
		},
	],
	detect(head: readonly string[]): Detection | null {
		const i = firstMatch(head, (l) => NT_SIGNS.some((re) => re.test(l)));
		return i < 0 ? null : { variant: 'report', reason: `NTBackup report line at line ${i + 1}` };
	},
	reader: (path) => new ProductReader(path, { product: 'ntbackup', classify: ntbackup() }),
} satisfies FormatDefinition;

/** Windows Server Backup error logs and error details, and its Hyper-V component lines. */
export const windowsServerBackupLog = {
	id: 'wsb-log',
	title: 'Windows Server Backup error log / error details',
	url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/wbadmin',
	origin: 'backup-product',
	kinds: { ...PRODUCT_KINDS, ...WSB_KINDS },
	variants: [
		{ name: 'error-details', samples: ['Error Code: 0x81000019\n\nShadow copy creation failed because of error reported by System Writer. More info: Access is denied. (0x80070005).\n'] },
		{
			name: 'wbadmin-console',
			samples: [
				'wbadmin 1.0 - Backup command-line tool\n(C) Copyright Microsoft Corporation. All rights reserved.\n\nSummary of the backup operation:\n------------------\n\nThe backup operation stopped before completing.\nERROR - A Volume Shadow Copy Service operation error has occurred: (0x800423f4)\n',
			],
		},
		{
			name: 'dialog',
			samples: ['[Window Title]\nWindows Backup: Troubleshooting Options\n\n[Main Instruction]\nCheck your backup\n\n[Content]\nShadow copy could not be created.\n\n[Close]\n\n[Expanded Information]\nError code: 0x81000019\n'],
		},
		{
			name: 'hyper-v-component',
			samples: ['The component SQL-01(Online) was skipped during the snapshot and will not be available for recovery. Error: The writer experienced a transient error. If the backup process is retried, the error may not reoccur.\n'],
		},
	],
	detect(head: readonly string[]): Detection | null {
		if (dialogStarts(head)) return { variant: 'dialog', reason: "Windows Backup's dialog copied as text (`[Window Title]`) with its code" };
		const i = firstMatch(head, (l) => ERROR_CODE_LINE.test(l) || isWsbLine(l) || COMPONENT.test(l) || WBADMIN.test(l));
		return i < 0 ? null : { variant: 'log', reason: `Windows Server Backup error line at line ${i + 1}` };
	},
	reader: (path) => new ProductReader(path, { product: 'windows-server-backup', classify: windowsServerBackup() }),
} satisfies FormatDefinition;
