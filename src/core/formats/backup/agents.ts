import { ESXI_KINDS } from '../esxi/esxiCommon';
import type { Detection, FormatDefinition } from '../lib/format';
import { quiesceNote } from './vmwareProducts';
import { codesIn, type Found, PRODUCT_KINDS, ProductReader, errorFields, type Stamped } from './productText';
import { baculaApiHresult, baculaWriterState } from '../../knowledge/baculaTexts';
import { umiCode } from '../../knowledge/backupExecCodes';
import { productCode } from '../../knowledge/productCodes';
import { writerState } from '../../knowledge/writerStates';

/**
 * Backup agents' task logs and job messages (BACKUP-PRODUCT-FORMATS.md, other products):
 * - ActiveImage-style task logs: `MM/DD/YYYY hh:mm:ss.mmm message`, local time; untimestamped lines (an
 *   embedded VSS helper block: `ERROR: Selected writer 'System Writer' is in failed state!`, `- Status: 9
 *   (VSS_WS_FAILED_AT_FREEZE)`, `- Writer Failure code: 0x800423f2`) continue the message before them, so the
 *   writer, its state and its code make one `product-error`. `product` `activeimage`.
 * - Axcient/eFolder-style agent logs: `INFO: …` / `ERROR: …` lines with `{module}` tags, one code in several
 *   spellings (`0x80042306`, `80042306`, `-2147212538`): one `product-error` per line with a code. `axcient`.
 * - Job messages of other agents, by their line shapes: Bareos/Bacula (`[stamp] <client>-fd JobId N: …`, or the
 *   fd's `nnnnn: Warning: VSS Writer "…" has invalid state. ERR=…` alone; the writer's state from the sentence
 *   after `ERR=`, knowledge/baculaTexts.ts; its start `Generate VSS snapshots.` a `product-attempt`; the director's
 *   report after the messages a `product-job` success when it says `VSS: yes` and `Termination: Backup OK`), burp's
 *   Windows client (Bacula's VSS code after burp's `YYYY-MM-DD HH:MM:SS: [program[pid]]` stamp, and its
 *   `VSSClientGeneric::…: <call> returned 0x…` lines: `burp`), Backup Exec (`Error Code: 0xA000…` / `UMI Code: V-79-…`, the UMI
 *   spelling the code), NetBackup's bpbkar debug log (`h:mm:ss.mmm AM: [pid.tid] <n> tar_base::V_vTarMsgW: LVL - …`,
 *   a failure where it prints a non-zero `EXIT STATUS n`, the code `status n`), IBM TSM (`[stamp] ANSnnnnE …`):
 *   `product-error` with `bacula`, `backup-exec`, `netbackup`, `tsm`. A later line of the file that quotes vSphere's reason for a failed quiesce
 *   (TSM's `API error message : Cannot create a quiesced snapshot because … holding off I/O …`) is a
 *   `quiesce-note` (vmwareProducts.ts' fields) of the product whose message came before it, so the host-side
 *   rules explain the product's attempt.
 */

const AIP = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})\.(\d{3}) (.*)$/;
const FAILURE_WORDS = /error|fail|exception|エラー|失敗|Fehler/i;

function aipStamp(text: string): Stamped | null {
	const m = AIP.exec(text);
	if (!m) return null;
	const [mo, d, y, h, mi, s, ms] = m.slice(1, 8).map(Number);
	return { parts: [y, mo, d, h, mi, s, ms], rest: m[8], level: null };
}

/** A message that reports a failure and carries a code or a writer. */
function failure(message: string): Found[] {
	const text = message.trim();
	const fields = errorFields(text);
	const coded = fields.hresult !== null || fields.productCode !== null;
	return (coded || fields.writerName !== null) && FAILURE_WORDS.test(text) ? [{ kind: 'product-error', fields }] : [];
}

const AGENT_LINE = /^(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL):\s/;
const MODULE_TAG = /\{[\w.-]{1,60}(?::\d{1,6})?\}\s{0,4}$/;

/**
 * A Bareos/Bacula job message as the director or the console prints it: an optional stamp (`06-Dec 03:10`,
 * `21-mai 17:08`, `2023-10-02 14:33:38`), the daemon (`winsrv-fd`), `JobId N:`, then the fd's text.
 */
const BACULA_PREFIX = /^(?:(?:\d{4}-\d{2}-\d{2}|\d{1,2}-[^\s-]{1,12}(?:-\d{2,4})?) \d{1,2}:\d{2}(?::\d{2})? {1,4})?(?:[\w.-]{1,64} )?JobId \d{1,10}: {1,4}/;
/**
 * A client log of the Bacula family's Windows VSS code outside a director's job messages: burp's client prints
 * each line after a local stamp that ends in a colon, in a console run with its `program[pid]` tag
 * (`2014-01-03 12:02:12: burp[9200] VSS support is disabled. ERR=…`, `… \Program Files\Burp\bin\burp.exe[14332] …`).
 * No JobId: Bacula and Bareos print one on every job message.
 */
const CLIENT_PREFIX = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?: ([+-])(\d{2})(\d{2}))?: (?:[^[\]\n]{1,260}\[\d{1,7}\] )?/;
/**
 * The wall-clock time of burp's client stamp (CLIENT_PREFIX's match), with the UTC offset burp 2 prints after it
 * (`2020-01-07 18:00:02 +0100:`); burp 1 and 3 print none, and their times stay local.
 */
function clientStamp(m: RegExpExecArray): NonNullable<Found['stamp']> {
	const offset = m[7] === undefined ? null : (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
	return { parts: [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), 0], utcOffsetMinutes: offset };
}
/**
 * What makes such a line the family's VSS code's, not any stamped log's: its start (`Generate VSS snapshots.`,
 * `Driver="VSS Vista", Drive(s)="D"`), a writer's state after a step, or a VSS report with the `ERR=` of its
 * error text (Bacula's berrno: the Windows message in the system's language, often a success text).
 */
const CLIENT_START = /^(?:Generate VSS snapshots\b|Driver="[^"\n]{1,40}", Drive\(s\)="|VSS Writer \(\w{1,40}\): ")/;
/**
 * A VSS report with the `ERR=` of its error text after the word VSS (`VSS support is disabled. ERR=…`). The word
 * and the label are found apart: one pattern spanning both backtracks polynomially on a line of many `VSS`.
 */
const vssReport = (body: string): boolean => {
	const word = /\bVSS\b/.exec(body);
	return word !== null && body.includes('ERR=', word.index);
};
/** The family's start of a shadow copy (`Generate VSS snapshots.`, a driver and drives after it in Bareos; its failure reads `… failed.`). */
const GENERATE = /^Generate VSS snapshots\./;
/**
 * The family's VSS class printing a failed call, unstamped (`VSSClientGeneric::Initialize: CreateVssBackupComponents
 * returned 0x80070005. ERR=…`): the class's line, and the call before `returned`. A console wraps the line at 80
 * columns, so its rest (`returned`, the code) may be on the lines after it; a paste unwrapped at that width may
 * have joined it to the stamped line above.
 */
const VSS_CLIENT = /(?<![\w:])VSSClient\w{0,20}::\w{1,40}: /;
const VSS_CLIENT_CALL = /(?<![\w:])VSSClient\w{0,20}::\w{1,40}: {1,3}(?:[\w>-]{0,60}->)?(\w{1,60}) {1,3}returned\b/;
/** Lines after the class's line that may hold its rest: a console's wrap, maybe cut again by a paste. */
const CLIENT_WRAP_LINES = 2;
/** The fd's own levelled line without the director's prefix (`22309: Warning: …`, as pasted from the messages). */
const BAREOS = /^\d{4,6}:? (?:Warning|Error|Fatal error): /;
/** The level Bareos/Bacula gives a message (program text, English on every system). */
const BACULA_LEVEL = /^(?:\d{1,6}:? )?(Warning|Error|Fatal error): /;
/** `VSS Writer (BackupComplete): "System Writer", State: 0x1 (VSS_WS_STABLE)`: a writer's state after a step. */
const BACULA_WRITER_STATUS = /^VSS Writer \((\w{1,40})\): "([^"\n]{1,120})", State: (?:0x)?([0-9A-Fa-f]{1,2}) \(VSS_WS_\w{1,40}\)/;
const BACULA_API_CALL = /VSS API failure calling "(\w{1,60})"/;
/**
 * Backup Exec's job log: a label in the console's language (`Final error:`, `Error Code:`, `最終エラー:`, `UMI Code:`)
 * then its own code (`0xe000fed1 - <text>`) or its UMI (`V-79-57344-65233`).
 */
const BACKUP_EXEC = /^[^:：\n]{1,24}[:：]\s{0,2}(?:0x[AE]000[0-9A-Fa-f]{4}\s{0,2}[-–]|V-79-\d{5}-\d{1,5}\b)/i;
/**
 * NetBackup's bpbkar debug log: `6:00:14.156 AM: [452.976] <2> tar_base::V_vTarMsgW: ERR - <text>` — a local
 * time, `[pid.tid]`, `<level digit>`, the C++ function and a three-letter severity. A page that hard-wrapped the
 * lines leaves pieces of the prefix (`AM: [452.976] <2> …`, or `<2> …` alone): the function and severity decide.
 */
const BPBKAR = /^(?:\d{1,2}:\d{2}:\d{2}(?:\.\d{1,3})? ?)?(?:[AP]M:? {1,2})?(?:\[\d{1,10}\.\d{1,10}\] {1,2})?<\d> \w{1,40}::\w{1,60}: [A-Z]{3} - /;
/** The job's exit status bpbkar prints last (`EXIT STATUS 156: snapshot error encountered`); 0 is success. */
const EXIT_STATUS = /\bEXIT STATUS (\d{1,4})\b/;
/**
 * dsmerror.log stamps each message (`04/26/2016 10:21:11`, the date in the client's locale order); a post may
 * put a label before the id (`Specific error message: ANE4251W …`). ANE is the server's copy of a client's ANS
 * message, same number. The message's text follows the id, never in lower case (a sentence about an id is none).
 */
const TSM = /^(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4} {1,2}\d{1,2}:\d{2}:\d{2}(?: [AP]M)? {1,4})?(?:[^:：\n]{1,40}[:：] {1,2})?AN[SE](\d{4}[EWS])\s(?![a-z])/;

/**
 * Dell Avamar's plug-in logs: `[stamp] <program> <Level> <code>: message`, the program one of its `av…` binaries
 * (avtar, avagent, avhypervvss), the code in angle brackets (`avhypervvss Error <43426>: Checkpoint creation …`).
 */
const AVAMAR = /^(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} {1,2})?av[a-z0-9]{2,20} (Info|Warning|Error|FATAL) (<\d{4,5}>): /;

/** A line of one product's job messages: the product and the text after any prefix the product's log adds. */
function ownLine(text: string): { product: string; body: string } | null {
	const prefix = BACULA_PREFIX.exec(text);
	if (prefix) return { product: 'bacula', body: text.slice(prefix[0].length) };
	const client = CLIENT_PREFIX.exec(text);
	if (client) {
		const body = text.slice(client[0].length);
		if (CLIENT_START.test(body) || vssReport(body) || VSS_CLIENT.test(body)) return { product: 'burp', body };
	}
	if (BAREOS.test(text)) return { product: 'bacula', body: text };
	if (BACKUP_EXEC.test(text)) return { product: 'backup-exec', body: text };
	if (BPBKAR.test(text)) return { product: 'netbackup', body: text };
	if (AVAMAR.test(text)) return { product: 'avamar', body: text };
	return TSM.test(text) ? { product: 'tsm', body: text } : null;
}

/**
 * A Bareos/Bacula fd message: a writer it found in a failed state (`VSS Writer "…" has invalid state.
 * ERR=<the state's sentence>`, or a step's writer status with a failed state), a VSS API call that failed (its
 * sentence read back to the HRESULT), or a fatal VSS error. `ERR=` may hold Windows' own localised text with a
 * success code `(0x00000000)`: that code says nothing and is not a code (codesIn skips success codes).
 */
function bacula(body: string, product = 'bacula'): Found[] {
	if (GENERATE.test(body)) return [{ kind: 'product-attempt', fields: { product, attempt: 1 } }];
	const status = BACULA_WRITER_STATUS.exec(body);
	if (status) {
		const state = parseInt(status[3], 16);
		if (writerState(state)?.failed !== true) return [];
		return [{ kind: 'product-error', fields: errorFields(body, { product, writerName: status[2], writerState: state, operation: status[1] }) }];
	}
	const level = BACULA_LEVEL.exec(body);
	if (!level) return [];
	const call = BACULA_API_CALL.exec(body);
	const fields = errorFields(body, { product, operation: call?.[1] ?? null });
	fields.writerState ??= fields.writerName !== null ? baculaWriterState(body) : null;
	if (fields.hresult === null && call) fields.hresult = baculaApiHresult(body);
	// A warning counts with a writer or a code; an error or a fatal error also when it is about VSS (file errors are not).
	const vss = level[1] !== 'Warning' && VSS.test(body);
	return fields.hresult !== null || fields.productCode !== null || fields.writerName !== null || vss ? [{ kind: 'product-error', fields }] : [];
}
const VSS = /\bVSS\b/;

/**
 * A burp client line: its start and its writers' states read as Bacula's; a VSS report with an error text is a
 * failure at any level (burp levels it in capitals, `WARNING: Generate VSS snapshots failed.ERR=…`, or not at
 * all, `VSS support is disabled. ERR=…`).
 */
function burp(body: string): Found[] {
	if (GENERATE.test(body) || BACULA_WRITER_STATUS.test(body) || BACULA_LEVEL.test(body)) return bacula(body, 'burp');
	return vssReport(body) ? [{ kind: 'product-error', fields: errorFields(body, { product: 'burp' }) }] : [];
}

/** A failed call of the family's VSS class (its text joined with its wrapped rest): the call, when printed, is the step. */
const clientCall = (text: string, product: string): Found[] => [{ kind: 'product-error', fields: errorFields(text, { product, operation: VSS_CLIENT_CALL.exec(text)?.[1] ?? null }), text }];

/**
 * A bpbkar line is a failure when it prints a non-zero exit status: the job's own code (`status 156`). A copy
 * may run several lines together; the status is found anywhere in them.
 */
function netbackup(body: string): Found[] {
	const status = EXIT_STATUS.exec(body)?.[1];
	if (status === undefined || Number(status) === 0) return [];
	return [{ kind: 'product-error', fields: errorFields(body, { product: 'netbackup', productCode: `status ${Number(status)}` }) }];
}

/** An Avamar line is a failure at level Error or FATAL, its code the bracketed number as printed (`<43426>`). */
function avamar(body: string): Found[] {
	const m = AVAMAR.exec(body);
	if (!m || (m[1] !== 'Error' && m[1] !== 'FATAL')) return [];
	return [{ kind: 'product-error', fields: errorFields(body, { product: 'avamar', productCode: m[2], level: m[1] }) }];
}

function jobMessage(text: string, product: string): Found[] {
	if (product === 'netbackup') return netbackup(text);
	if (product === 'avamar') return avamar(text);
	const fields = errorFields(text, { product });
	// Backup Exec's UMI code spells its code in decimal; a line with the UMI alone still names the code.
	if (product === 'backup-exec') fields.productCode ??= umiCode(text);
	// A TSM message the table knows is its own code (by its ANS id: ANE is the same message on the server).
	const tsm = product === 'tsm' ? TSM.exec(text) : null;
	if (tsm && productCode(`ANS${tsm[1]}`) !== undefined) fields.productCode ??= `ANS${tsm[1]}`;
	return [{ kind: 'product-error', fields }];
}

/**
 * The classifier of one file's job messages: a message of no product's shape is read for a quoted vSphere
 * quiesce reason, which belongs to the last product message before it (the agent prints the API's words
 * on its own detail lines).
 */
function jobMessages(): (message: string) => Found[] {
	let product: string | null = null;
	let wrapped: { text: string; product: string; lines: number } | null = null;
	// Whether the file's lines carry burp's client stamp: the VSS class's unstamped lines are then burp's.
	let client = false;
	// Whether the job report being read says the job used VSS (null before its `VSS:` line).
	let usedVss: boolean | null = null;
	// The local time of burp's last stamped line: its VSS class prints its calls unstamped, right after it.
	let clock: Found['stamp'];
	const burpAt = (found: Found[]): Found[] => (clock === undefined ? found : found.map((f) => ({ ...f, stamp: clock })));
	return (message) => {
		const text = message.trim();
		const open = wrapped;
		wrapped = null;
		const stamp = CLIENT_PREFIX.exec(text);
		const stamped = stamp !== null;
		client ||= stamped;
		if (stamp) clock = clientStamp(stamp);
		// The class's line without its code: the lines after it that are no log line of their own are its rest.
		if (open !== null && !stamped && ownLine(text) === null) {
			const joined = `${open.text} ${text}`;
			if (codesIn(joined).hresult !== null) return open.product === 'burp' ? burpAt(clientCall(joined, open.product)) : clientCall(joined, open.product);
			if (open.lines < CLIENT_WRAP_LINES) wrapped = { text: joined, product: open.product, lines: open.lines + 1 };
			return [];
		}
		if (VSS_CLIENT.test(text)) {
			// The family's code alone is Bacula's.
			const owner = client ? 'burp' : (product ?? 'bacula');
			if (codesIn(text).hresult !== null) return owner === 'burp' ? burpAt(clientCall(text, owner)) : clientCall(text, owner);
			wrapped = { text, product: owner, lines: 0 };
			return [];
		}
		const own = ownLine(text);
		if (own !== null) {
			product = own.product;
			return own.product === 'bacula' ? bacula(own.body) : own.product === 'burp' ? burpAt(burp(own.body)) : jobMessage(own.body, own.product);
		}
		const owner = product;
		const report = owner === 'bacula' ? jobReport(text) : null;
		if (report !== null) return report;
		return owner === null ? [] : quiesceNote(text).map((f) => ({ ...f, fields: { ...f.fields, product: owner } }) as Found);
	};
	/**
	 * The director's job report after a job's messages (`  VSS:  yes` … `  Termination:  Backup OK`): a backup that
	 * ended well and used a shadow copy is the shadow copy's success. Any other end says nothing of the snapshot (a
	 * job fails for its network or its storage too): the fd's own VSS messages say when the shadow copy failed.
	 * Null for a line of no report (a quoted vSphere reason is read after it).
	 */
	function jobReport(text: string): Found[] | null {
		const vss = REPORT_VSS.exec(text);
		if (vss) {
			usedVss = vss[1] === 'yes';
			return [];
		}
		const end = REPORT_END.exec(text);
		if (!end) return null;
		const used = usedVss;
		usedVss = null;
		if (!used || !BACKUP_OK.test(end[1])) return [];
		const status = WITH_WARNINGS.test(end[1]) ? 'warning' : 'success';
		return [{ kind: 'product-job', fields: { product: 'bacula', scope: 'job', session: '', status, tasks: null, succeeded: null, failed: null, details: end[1].trim() } }];
	}
}

/** The job report's lines (program text, English in every locale): whether the job used VSS, and how it ended. */
const REPORT_VSS = /^VSS:\s{1,40}(yes|no)\s*$/;
const REPORT_END = /^Termination:\s{1,40}(\S[^\n]{0,80})$/;
const BACKUP_OK = /^Backup OK\b/;
const WITH_WARNINGS = /\bwith warnings\b/;

/** ActiveImage-style backup task logs (`MM/DD/YYYY hh:mm:ss.mmm message`). */
export const imageTaskLog = {
	id: 'image-backup-task-log',
	title: 'Image backup task log (ActiveImage Protector style)',
	url: 'https://www.actiphy.com/en-us/',
	origin: 'backup-product',
	kinds: PRODUCT_KINDS,
	variants: [
		{
			name: 'vss-writer-block',
			samples: [
				"07/13/2017 04:37:54.439 VssStart()\n07/13/2017 04:40:43.790 com exception caught(0x8000ffff) in VssStart\n07/13/2017 04:40:43.957 [07/13/2017 13:40:43.787] OUTPUT:\nERROR: Selected writer 'Microsoft Exchange Writer' is in failed state!\n- Status: 9 (VSS_WS_FAILED_AT_FREEZE)\n- Writer Failure code: 0x800423f2 (<Unknown error code>)\n",
			],
		},
	],
	// `MM/DD/YYYY hh:mm:ss.mmm`.
	startLine: AIP,
	detect(head: readonly string[]): Detection | null {
		const n = head.filter((l) => AIP.test(l)).length;
		return n >= 2 ? { variant: 'task-log', reason: `${n} lines 'MM/DD/YYYY hh:mm:ss.mmm message'` } : null;
	},
	reader: (path) => new ProductReader(path, { product: 'activeimage', stamp: aipStamp, classify: (m) => failure(m) }),
} satisfies FormatDefinition;

/** Axcient/eFolder-style agent logs (`INFO: … {module}`). */
export const agentLevelLog = {
	id: 'backup-agent-log',
	title: 'Backup agent log (Axcient / eFolder style)',
	url: 'https://help.axcient.com/',
	origin: 'backup-product',
	kinds: PRODUCT_KINDS,
	variants: [
		{
			name: 'open-file',
			samples: [
				'INFO: Initializing open file backup [D:\\] {VSS-XP.dll}\nINFO: VSS: ERROR: - Returned HRESULT = 0x8004231f\nINFO: 30000: Failed to initialize open file backup: SYSERR: -2147212769 (8004231f) [VSS_E_INSUFFICIENT_STORAGE] {eFolderWWorker:2328}\n',
			],
		},
	],
	detect(head: readonly string[]): Detection | null {
		const lines = head.filter((l) => AGENT_LINE.test(l));
		return lines.length >= 2 && lines.some((l) => MODULE_TAG.test(l)) ? { variant: 'agent', reason: `${lines.length} 'LEVEL: message {module}' lines` } : null;
	},
	reader: (path) => new ProductReader(path, { product: 'axcient', classify: (m) => (codesIn(m).hresult !== null ? failure(m) : []) }),
} satisfies FormatDefinition;

/** Job messages of Bareos/Bacula, Backup Exec, NetBackup (bpbkar) and TSM. */
export const agentJobMessages = {
	id: 'backup-job-messages',
	title: 'Backup job messages (Bareos/Bacula, Backup Exec, TSM)',
	url: 'https://docs.bareos.org/TasksAndConcepts/TheWindowsVersionOfBareos.html',
	origin: 'backup-product',
	kinds: { ...PRODUCT_KINDS, 'quiesce-note': ESXI_KINDS['quiesce-note'] },
	variants: [
		{ name: 'bareos', samples: ['22309: Warning: VSS Writer "SqlServerWriter" has invalid state. ERR=The writer vetoed the shadow copy creation process during the backup preparation state.\n'] },
		{
			name: 'bareos-joblog',
			samples: [
				'06-Dec 03:10 winsrv-fd JobId 1234: Generate VSS snapshots. Driver="Win64 VSS", Drive(s)="C"\n06-Dec 03:11 winsrv-fd JobId 1234: 22309: Warning: VSS Writer "MSSearch Service Writer" has invalid state. ERR=Der Vorgang wurde erfolgreich beendet. (0x00000000)\n06-Dec 03:40 winsrv-fd JobId 1234: VSS Writer (BackupComplete): "System Writer", State: 0x1 (VSS_WS_STABLE)\n',
			],
		},
		{ name: 'backup-exec', samples: ['Final error: 0xe000fed1 - A failure occurred querying the Writer status.\nUMI Code: V-79-57344-65233\n'] },
		{ name: 'netbackup-bpbkar', samples: ['6:00:14.171 AM: [452.976] <2> tar_base::V_vTarMsgW: FTL - Backup operation aborted!\n6:00:14.218 AM: [452.976] <2> tar_base::V_vTarMsgW: INF - EXIT STATUS 156: snapshot error encountered\n'] },
		{ name: 'tsm-stamped', samples: ["12/06/2026 03:10:11 ANS9365E VMware vStorage API error for virtual machine 'SQL01'.\n   TSM function name : vddksdk_snapshot_create\n   API error message : An error occurred while quiescing the virtual machine.\n"] },
	],
	detect(head: readonly string[]): Detection | null {
		const lines = head.map((l) => l.trim()).filter((l) => ownLine(l) !== null || VSS_CLIENT.test(l));
		return lines.length > 0 ? { variant: 'job-messages', reason: `backup job message '${lines[0].slice(0, 40)}'` } : null;
	},
	reader: (path) => new ProductReader(path, { product: 'agent', classify: jobMessages() }),
} satisfies FormatDefinition;
