import type { KindRecord, RecordFields } from '../../model/records';
import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import type { KindDeclarations } from '../lib/kinds';
import { normalizeHresult } from '../../knowledge/hresults';
import { RecordFold } from '../lib/fold';

/**
 * Windows Server Backup's log of the files it could not back up (`C:\Windows\Logs\WindowsServerBackup\
 * Backup_Error-<dd-mm-yyyy_hh-mm-ss>.log`, the file event 547 names), in any display language: one entry
 * per file, a path, what WSB was doing (translated: `during write`, `列挙中に`), then `Error [0x…]` and the
 * error text, on the same line or the next (Japanese builds break the line before the text):
 *
 *   Error in backup of F:\$Extend\$RmMetadata\$TxfLog\ during write: Error [0x80070005] Access is denied.
 *   C:\windows\\systemroot\ のバックアップで列挙中にエラーが発生しました: エラー [0x8007007b]
 *   ファイル名、ディレクトリ名、またはボリューム ラベルの構文が間違っています。
 *
 * An entry is a line holding a drive path and, after a colon, a word and a bracketed HRESULT. Records:
 * `wsb-file-error`, fields `path` (string: the path as printed), `hresult` (string, normalised),
 * `errorText` (string|null: the error's text), `context` (string: the words between the path and the code,
 * as printed, for evidence only). Lines that are neither an entry nor its text are unparsed.
 */

const CODE = /\[(0x[0-9a-f]{8})\]/i;

/**
 * One entry of the log, or null when the line is none (see the module comment). The one home of what a
 * Backup_Error line is: the product reader of WSB text (backup/windowsBackup.ts) asks it too, for a line
 * pasted among the error details.
 */
export function wsbEntry(line: string): { path: string; context: string; hresult: string; text: string } | null {
	const m = CODE.exec(line);
	const hresult = m ? normalizeHresult(m[1]) : null;
	if (!m || hresult === null) return null;
	const before = line.slice(0, m.index);
	// The colon before the code ends what WSB was doing; a word (`Error`, `エラー`) stands between them.
	const colon = Math.max(before.lastIndexOf(':'), before.lastIndexOf('：'));
	const start = before.search(/[A-Za-z]:\\/);
	if (colon < 0 || start < 0 || start + 1 >= colon || before.slice(colon + 1).trim().length > 12) return null;
	// The path runs to the last word that holds a backslash (paths may hold spaces; the words after it do not).
	const words = before.slice(start, colon).split(' ');
	const last = words.map((w) => w.includes('\\')).lastIndexOf(true);
	return {
		path: words.slice(0, last + 1).join(' '),
		context: words
			.slice(last + 1)
			.join(' ')
			.trim(),
		hresult,
		text: line.slice(m.index + m[0].length).trim(),
	};
}

const SAMPLE_EN = `Error in backup of F:\\$Extend\\$RmMetadata\\$TxfLog\\ during write: Error [0x80070005] Access is denied.
Error in backup of F:\\$Extend\\$RmMetadata\\$TxfLog\\$TxfLog.blf during write: Error [0x80070005] Access is denied.`;

const SAMPLE_JA = `C:\\windows\\\\systemroot\\ のバックアップで列挙中にエラーが発生しました: エラー [0x8007007b]
ファイル名、ディレクトリ名、またはボリューム ラベルの構文が間違っています。`;

/** The `wsb-file-error` fields of an entry line (the error text may follow on the next line: `errorText` null). */
export function wsbFileError(line: string): RecordFields['wsb-file-error'] | null {
	const e = wsbEntry(line);
	return e ? { path: e.path, hresult: e.hresult, errorText: e.text || null, context: e.context } : null;
}

declare module '../../model/records' {
	interface RecordFields {
		/** A file Windows Server Backup could not back up: the path, the code, the error text, the step (`during write`). */
		'wsb-file-error': { path: string; hresult: string; errorText: string | null; context: string };
	}
}

/** A file WSB could not back up states (part of) the backup's failure. */
export const WSB_KINDS = {
	'wsb-file-error': { role: 'event', severity: 'error', failure: true, anchor: null },
} satisfies KindDeclarations;

/** Windows Server Backup's Backup_Error log. */
export const wsbErrorLog = {
	id: 'wsb-error-log',
	title: 'Windows Server Backup error log (Backup_Error-*.log)',
	url: 'https://learn.microsoft.com/troubleshoot/windows-server/backup-and-storage/cannot-back-up-server-error-0x80070005',
	origin: 'guest-windows',
	kinds: WSB_KINDS,
	variants: [
		{ name: 'en', samples: [SAMPLE_EN] },
		{ name: 'ja', samples: [SAMPLE_JA] },
	],

	detect(head) {
		const filled = head.filter((l) => l.trim() !== '');
		const entries = filled.filter((l) => wsbEntry(l) !== null).length;
		// Each entry may carry one line of error text; anything more is another kind of file.
		if (entries === 0 || filled.length > entries * 2) return null;
		return { variant: 'entries', reason: `${entries} line(s) with a path, then ': … [0x…]' and the error text` };
	},

	reader(path) {
		return new WsbErrorReader(path);
	},
} satisfies FormatDefinition;

class WsbErrorReader implements LineReader {
	private readonly records = new RecordFold();
	private unparsed = 0;
	/** The entry the next line may give the error text of. */
	private open: KindRecord<'wsb-file-error'> | null = null;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		if (text.trim() === '') return;
		const fields = wsbFileError(text);
		if (fields) {
			const rec: KindRecord<'wsb-file-error'> = { time: null, local: null, kind: 'wsb-file-error', source: { path: this.path, line: lineNo }, text: text.trim(), fields };
			this.records.push(rec);
			this.open = fields.errorText ? null : rec;
			return;
		}
		if (this.open) {
			this.open.fields.errorText = text.trim();
			this.open = null;
			return;
		}
		this.unparsed++;
	}

	end(): ReadResult {
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: [] };
	}
}
