import type { Detection, FormatDefinition } from '../lib/format';
import type { KindRecord, LogRecord } from '../../model/records';
import { AZURE_BACKUP_CODE } from '../../knowledge/azureBackupCodes';
import { XAPI_QUIESCE_CODE } from '../../knowledge/xapiCodes';
import { DPM_ID_PREFIX, isWindowsBackupCode, productCode } from '../../knowledge/productCodes';
import { BACKUP_EXEC_CODES, umiCode } from '../../knowledge/backupExecCodes';
import { codesIn, errorFields, PRODUCT_KINDS, ProductReader, type Found } from './productText';

/**
 * The last resort: any text whose lines carry a VSS or backup code in any spelling (`0x80042306`, bare
 * `80042306`, `-2147212538`, `2147754758`, `Error [0x…]`, `hr = 0x…`, ESE `-1022`, `0xA000…`), or a failed
 * writer state by its constant name (`writer is in state [9] [VSS_WS_FAILED_AT_FREEZE]`), an Azure VM
 * Backup error code or a XenServer quiesced-snapshot error by its constant name (`ExtensionFailedVssWriterInBadState`,
 * `VM_SNAPSHOT_WITH_QUIESCE_FAILED`), or a .NET exception a VSS call
 * threw (its type's HResult, a VSS stack frame after it), that no format before it claimed. One `product-error` per line with a code (product `agent`, `backup-exec` for a code only Backup
 * Exec prints, `windows-server-backup` for a line with a code of its own (0x8078…, 0x8100…), `dpm` for a System
 * Center DPM alert by its `(ID n Details:` id; fields in productText.ts), the
 * code normalised to `0x` + 8 upper-case hex.
 */

/** A failed writer state by its VSS_WRITER_STATE constant name, which no product translates. */
const FAILED_STATE = /\bVSS_WS_FAILED_AT_[A-Z_]{4,30}\b/;

/**
 * The header of Microsoft's Error Lookup tool (err.exe, English only) above what it found for a code:
 * `# for hex 0xc0210000 / decimal -1071579136`, its count `# 2 matches found for "0x80042306"`.
 */
const ERR_LOOKUP = /^\s*# (?:for (?:hex|decimal) (?:0x)?-?[0-9A-Fa-f]{1,10}\b|\d{1,3} match(?:es)? found for )/;
/** Backup Exec's error as its job log states it, UMI first: `V-79-57344-34110 - AOFO: Initialization failure`. */
const UMI_MESSAGE = /\bV-79-\d{5}-\d{1,5} {1,2}[-–] {1,2}\S/;
/**
 * NetBackup's job status 156 with its own message, which NetBackup prints untranslated beside the number
 * (`Status code 156 (snapshot error encountered)`, the Activity Monitor's `snapshot error encountered  (156)`,
 * `EXIT STATUS 156: snapshot error encountered`): the number alone is any program's status.
 */
const NETBACKUP_156 = /(?<![\d.])156\)?[ :(]{1,4}snapshot error encountered\b|\bsnapshot error encountered\)? {0,4}\(156\)/i;
/** The high half of Backup Exec's error and warning codes (its severity classes: UMI V-79-57344-… and V-79-40960-…). */
const BACKUP_EXEC_CLASS = /^0x[AE]000/;
/** Backup Exec's own code then its text, whatever label precedes it: `… error: 0xa0009723 - Backup Exec cannot …`. */
const CODE_MESSAGE = /(?<![\w-])0x[AaEe]000[0-9A-Fa-f]{4} {0,2}[-–] {1,2}\S/;

/**
 * System Center DPM's error id as its alerts and job errors print it: in parentheses before a label of its
 * details (`(ID 30112 Details: VssError:… (0x800423F3))`, `(ID 42 Details: Access is denied (0x80070005))`,
 * `(ID 30111: Details: VssError:`, a console in another language its own word for Details), or, three digits
 * or more, ending a line the console wrapped (`…ungültig.(ID 30111`, `VssError:` and the code on the lines
 * after it). An id closed at once (`(ID 3114)`) names nothing: other programs print process and object ids that way.
 */
const DPM_ID = /\(ID:? {0,2}(?:(\d{2,5}):? {0,2}[^\s:()]{1,16}:|(\d{3,5}) {0,2}$)/;
/**
 * The same id with its label's colon lost (`(ID 2033 Details Data error (cyclic redundancy check) (0x80070017))`):
 * read only when the id's own parentheses close right after a code in parentheses, DPM's way of ending its details.
 * Windows' text inside may nest parentheses twice (Japanese `データ エラー (巡回冗長検査 (CRC) エラー) です`).
 */
const DPM_ID_NO_COLON = /\(ID {1,2}(\d{2,5}) {1,2}[^\s:()]{1,16} (?:[^()\n]|\((?:[^()\n]|\([^()\n]{0,40}\)){0,80}\)){0,300}\(0x[0-9A-Fa-f]{8}\)\)/;
/** The DPM id of a line, or undefined. */
const dpmId = (text: string): string | undefined => {
	const m = DPM_ID.exec(text);
	return m ? (m[1] ?? m[2]) : DPM_ID_NO_COLON.exec(text)?.[1];
};
/** Lines after a DPM id without a code that may still hold its code (the wrapped details). */
const DPM_WRAP = 2;

/**
 * Macrium Reflect's log by its own line shapes: a step announced as `<Step> - Please Wait`, a failure printed
 * `Failed - 0x… - IDispatch error #n - <what it does next>` (its COM wrapper's error text between dashes), an
 * abort `<Verdict>! - <why>. Result Code: 0x…`. The vshadow-style detail lines it also prints (`ERROR: COM call
 * "m_pVssObject->…" failed.`, `- Returned HRESULT = 0x…`) are Microsoft's sample code, which other products
 * embed too: they name no product. The abort's `! - ` is the last one before its result code: a search from
 * each earlier one would scan the same characters again.
 */
const MACRIUM_MARKS = [/^\S.{0,60} - Please Wait\s*$/, /\bFailed - 0x[0-9A-Fa-f]{8} - IDispatch error #\d{1,6} - \S/, /! - (?:(?!! - )[^\n]){1,160}\. Result Code: 0x[0-9A-Fa-f]{8}\b/];
const isMacriumMark = (message: string): boolean => MACRIUM_MARKS.some((re) => re.test(message.trim()));

/**
 * Duplicati's own .NET namespace (`Duplicati.Library.Snapshots.WindowsSnapshot..ctor` in a stack frame,
 * `[Error-Duplicati.Library.Main.Operation.BackupHandler-FatalError]` tagging its log line): an identifier, never
 * translated, printed under or beside the AlphaVSS exception or code it reports.
 */
const DUPLICATI = /\bDuplicati\.(?:Library|Server|CommandLine|GUI)\.[A-Z]\w/;

function classify(message: string, pending: string | null = null, product: string | null = null): Found[] {
	// A code looked up says what it means, not that anything failed.
	if (ERR_LOOKUP.test(message)) return [];
	// Azure VM Backup's error code is a constant name, which no other product prints.
	const azure = AZURE_BACKUP_CODE.exec(message)?.[1];
	if (azure !== undefined) return [{ kind: 'product-error', fields: errorFields(message, { product: 'azure-backup', productCode: azure }) }];
	// So is XenServer's quiesced-snapshot error (XAPI's constant name).
	const xapi = XAPI_QUIESCE_CODE.exec(message)?.[1];
	if (xapi !== undefined) return [{ kind: 'product-error', fields: errorFields(message, { product: 'xenserver', productCode: xapi }) }];
	const fallback = crashFallback(message);
	if (fallback !== null) return [fallback];
	if (NETBACKUP_156.test(message)) return [{ kind: 'product-error', fields: errorFields(message, { product: 'netbackup', productCode: 'status 156' }) }];
	const id = dpmId(message) ?? pending;
	if (id !== null) return dpm(message, id);
	const codes = codesIn(message);
	const failedWriter = FAILED_STATE.test(message);
	const umiMessage = UMI_MESSAGE.test(message);
	const umi = umiCode(message);
	// A UMI that spells one of Backup Exec's error classes (0xE000…, 0xA000…) is its error wherever a sentence
	// quotes it (`the error code is: “V-79-57344-65245”`, the code's hex printed bare beside it).
	const umiError = umi !== null && BACKUP_EXEC_CLASS.test(umi);
	if (codes.hresult === null && codes.productCode === null && !failedWriter && !umiMessage && !umiError) return [];
	// A code only Backup Exec prints (its own table, the UMI that spells one, or its `0xA000…/0xE000… - <text>`
	// form) names the product even without its job log's labels (`OFO: Snapshot error (0xa000851c): …` in a KB).
	const backupExec = umi !== null || CODE_MESSAGE.test(message) || (codes.productCode !== null && BACKUP_EXEC_CODES[codes.productCode] !== undefined);
	// Windows Server Backup's and Windows Backup's own codes (0x8078…, 0x8100…) name that requester, in any
	// language of its message (`…次のエラー コード '0x80780034' (…) のため失敗しました。`).
	const wsb = codes.codes.split(',').some(isWindowsBackupCode);
	const fields = errorFields(message, backupExec ? { product: 'backup-exec', productCode: codes.productCode ?? umi } : wsb ? { product: 'windows-server-backup' } : product !== null ? { product } : {});
	return [{ kind: 'product-error', fields }];
}

/**
 * A product's own code in the shape of a constant with a three-digit number (`RCTCONTROLLER_011`, as Altaro VM
 * Backup prints it: `(Error code 'RCTCONTROLLER_011')`): read only when the table knows it. The underscore and
 * digits are looked for first, so a line without them costs one scan.
 */
const CONSTANT_CODE = /(?<![A-Za-z0-9_])([A-Z][A-Z0-9]{2,40}_\d{3})(?![A-Za-z0-9_])/;
const CONSTANT_TAIL = /_\d{3}(?![A-Za-z0-9_])/;

/** A product's verdict that its backup went on crash-consistent (crashFallback's record): the one test of it. */
export const isCrashVerdict = (r: LogRecord): r is KindRecord<'product-job'> => r.kind === 'product-job' && r.fields.quiesced === false;

/**
 * A warning whose code says the product went on crash-consistent (the table's `crashFallback`): a verdict of the
 * VM's try, succeeded and not quiesced, not a failure. Null for any other line.
 */
function crashFallback(message: string): Found | null {
	if (!CONSTANT_TAIL.test(message)) return null;
	const code = CONSTANT_CODE.exec(message)?.[1];
	const product = code === undefined ? undefined : productCode(code)?.crashFallback;
	if (product === undefined) return null;
	const details = message.trim().slice(0, 400);
	return { kind: 'product-job', fields: { product, scope: 'task', session: '', status: 'warning', tasks: null, succeeded: null, failed: null, details, productCode: code, quiesced: false } };
}

/** A DPM message with its id: DPM's failure, its VSS or Windows code the decisive one, the id its own code. */
function dpm(message: string, id: string): Found[] {
	const codes = codesIn(message);
	// A line of the id alone (the alert's summary, a wrapped id) reports nothing yet: its code comes on another line.
	if (codes.hresult === null && codes.productCode === null) return [];
	return [{ kind: 'product-error', fields: errorFields(message, { product: 'dpm', productCode: `${DPM_ID_PREFIX}${id}` }) }];
}

/**
 * .NET exceptions a VSS wrapper (AlphaVSS) lets through for a failed VSS call, by the HRESULT .NET gives the
 * type (its documented HResult): `System.UnauthorizedAccessException` is E_ACCESSDENIED, and so on. The type
 * name is never translated; the message after it is.
 */
const DOTNET_EXCEPTIONS: Readonly<Record<string, string>> = {
	UnauthorizedAccessException: '0x80070005',
	OutOfMemoryException: '0x8007000E',
	ArgumentException: '0x80070057',
};
const DOTNET_EXCEPTION = /\bSystem\.(UnauthorizedAccessException|OutOfMemoryException|ArgumentException)\b/;
/**
 * A .NET stack frame in a VSS API: a short word (`at`, `bei`, `à`) then a dotted name with a Vss type and a call
 * (`at Alphaleonis.Win32.Vss.VssBackupComponents..ctor()`): the exception above it came from VSS.
 */
const FRAME = /^\s*\S{1,12} ([\w.`]{1,512})\(/;
/** A type of a VSS API in a frame's dotted name: a segment that starts with `Vss` and is followed by another. */
const VSS_SEGMENT = /(?:^|\.)Vss\w*\./;
/** Whether `message` is such a frame: the name is taken whole, then searched (one regex doing both backtracked polynomially on a long dotted name). */
const isVssFrame = (message: string): boolean => VSS_SEGMENT.test(FRAME.exec(message)?.[1] ?? '');

/**
 * The classifier of one file: a DPM id on a line of no code of its own (a wrapped alert) names the lines just
 * after it that print the code; from a line of Macrium Reflect's shape on, the file's code lines are Macrium's; a .NET exception of a known HRESULT is a VSS failure when a VSS frame follows it
 * within as many lines (read on the frame's line, with the exception's text).
 */
function fileLines(): { classify: (message: string, level: string | null, lineNo?: number) => Found[]; product: () => string | null } {
	let open: { id: string; line: number } | null = null;
	let thrown: { hresult: string; type: string; text: string; line: number } | null = null;
	let macrium = false;
	let duplicati = false;
	const classifyLine = (message: string, _level: string | null, lineNo = 0): Found[] => {
		const pending = open !== null && lineNo - open.line <= DPM_WRAP ? open.id : null;
		macrium ||= isMacriumMark(message);
		duplicati ||= DUPLICATI.test(message);
		const found = classify(message, pending, macrium ? 'macrium' : null);
		const id = dpmId(message);
		if (id !== undefined && found.length === 0) open = { id, line: lineNo };
		else if (found.length > 0) open = null;
		if (found.length > 0) return found;
		const exception = DOTNET_EXCEPTION.exec(message)?.[1];
		if (exception !== undefined) thrown = { hresult: DOTNET_EXCEPTIONS[exception], type: `System.${exception}`, text: message.trim(), line: lineNo };
		else if (thrown !== null && lineNo - thrown.line <= DPM_WRAP && isVssFrame(message)) {
			// One message the stack wrapped: joined with a space and read on the frame's line, as NTBackup's wrapped ESE errors are.
			const text = `${thrown.text} ${message.trim()}`;
			const { hresult, type } = thrown;
			thrown = null;
			return [{ kind: 'product-error', fields: errorFields(text, { hresult, code: type, codes: hresult }), text }];
		}
		return [];
	};
	// Duplicati's frames follow the exception they explain: the file's unnamed reports are its, whichever line named it.
	return { classify: classifyLine, product: () => (duplicati ? 'duplicati' : null) };
}

/**
 * The detail lines Macrium Reflect prints under a failed VSS call, vshadow's sample code's own
 * (`ERROR: COM call "m_pVssObject->…" failed.`, `- Returned HRESULT = 0x…`, `- Error text: VSS_E_…`): read as
 * Macrium's in its log only (other products embed the same lines).
 */
const VSHADOW_DETAILS = [/^ERROR: COM call "[^"\n]{1,200}" failed\.?$/, /^- Returned HRESULT = 0x[0-9A-Fa-f]{8}$/, /^- Error text: [A-Z][A-Z0-9_]{2,80}$/];

/**
 * Macrium Reflect's log lines among other text (a post quoting its abort above a Windows event and a dialog):
 * its own line shapes (MACRIUM_MARKS) and the vshadow details under them. Any other line is another
 * format's or a person's, unparsed, so the paste is cut into sections and each part is read by its own reader.
 */
export const macriumLog = {
	id: 'macrium-log',
	title: 'Macrium Reflect log lines',
	url: 'https://knowledge.macrium.com/',
	origin: 'backup-product',
	kinds: PRODUCT_KINDS,
	variants: [
		{
			name: 'lines',
			samples: ['Creating Volume Snapshot - Please Wait\nBackup aborted! - Failed To Create Volume Snapshot. Result Code: 0x80042306\n'],
		},
	],
	detect(head: readonly string[]): Detection | null {
		const i = head.findIndex(isMacriumMark);
		return i < 0 ? null : { variant: 'lines', reason: `a Macrium Reflect line at line ${i + 1}` };
	},
	reader: (path) =>
		new ProductReader(path, {
			product: 'macrium',
			classify: (message) => classify(message, null, 'macrium'),
			foreign: (lines) => lines.some((l) => !isMacriumMark(l) && !VSHADOW_DETAILS.some((re) => re.test(l.trim()))),
		}),
} satisfies FormatDefinition;

/** Any text line with a VSS / backup error code. */
export const codeLines = {
	id: 'backup-code-lines',
	title: 'Text lines with a VSS or backup error code',
	url: 'https://learn.microsoft.com/windows/win32/vss/volume-shadow-copy-api-return-codes',
	origin: 'backup-product',
	kinds: PRODUCT_KINDS,
	variants: [
		{ name: 'hex', samples: ['Snapshot failed on volume E: with hr = 0x80042313\n'] },
		{ name: 'signed-decimal', samples: ['Backup aborted: -2147212529 while preparing the shadow copy set\n'] },
	],
	detect(head: readonly string[]): Detection | null {
		const lines = fileLines().classify;
		const i = head.findIndex((l, n) => lines(l, null, n + 1).length > 0);
		return i < 0 ? null : { variant: 'code', reason: `an error code at line ${i + 1}` };
	},
	reader: (path) => {
		const lines = fileLines();
		return new ProductReader(path, { product: 'agent', lastResort: true, classify: lines.classify, fileProduct: lines.product });
	},
} satisfies FormatDefinition;
