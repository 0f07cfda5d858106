import { ESXI_KINDS } from '../esxi/esxiCommon';
import type { Detection, FormatDefinition } from '../lib/format';
import { quiesceNote } from './vmwareProducts';
import { codesIn, type Found, PRODUCT_KINDS, ProductReader, errorFields, type Stamped } from './productText';

/**
 * Backup agents' task logs and job messages (BACKUP-PRODUCT-FORMATS.md, other products):
 * - ActiveImage-style task logs: `MM/DD/YYYY hh:mm:ss.mmm message`, local time; untimestamped lines (an
 *   embedded VSS helper block: `ERROR: Selected writer 'System Writer' is in failed state!`, `- Status: 9
 *   (VSS_WS_FAILED_AT_FREEZE)`, `- Writer Failure code: 0x800423f2`) continue the message before them, so the
 *   writer, its state and its code make one `product-error`. `product` `activeimage`.
 * - Axcient/eFolder-style agent logs: `INFO: …` / `ERROR: …` lines with `{module}` tags, one code in several
 *   spellings (`0x80042306`, `80042306`, `-2147212538`): one `product-error` per line with a code. `axcient`.
 * - Job messages of other agents, by their line shapes: Bareos/Bacula fd (`nnnnn: Warning: VSS Writer "…"`),
 *   Backup Exec (`Error Code: 0xA000…` / `UMI Code: V-79-…`), IBM TSM (`ANSnnnnE …`): `product-error` with
 *   `bacula`, `backup-exec`, `tsm`. A later line of the file that quotes vSphere's reason for a failed quiesce
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

const BAREOS = /^\d{4,6}:? (?:Warning|Error|Fatal error): /;
const BACKUP_EXEC = /^(?:Error Code|Final error):?\s{0,2}0x[AE]000[0-9A-Fa-f]{4}\b|^UMI Code: V-\d{2,3}-/i;
const TSM = /^ANS\d{4}[EWS]\s/;

/** The product whose job message this is, by its line shape; null for a line of no product's shape. */
const productOf = (text: string): string | null => (BAREOS.test(text) ? 'bacula' : BACKUP_EXEC.test(text) ? 'backup-exec' : TSM.test(text) ? 'tsm' : null);

function jobMessage(text: string, product: string): Found[] {
	const fields = errorFields(text, { product });
	return fields.hresult !== null || fields.productCode !== null || fields.writerName !== null || product !== 'bacula' ? [{ kind: 'product-error', fields }] : [];
}

/**
 * The classifier of one file's job messages: a message of no product's shape is read for a quoted vSphere
 * quiesce reason, which belongs to the last product message before it (the agent prints the API's words
 * on its own detail lines).
 */
function jobMessages(): (message: string) => Found[] {
	let product: string | null = null;
	return (message) => {
		const text = message.trim();
		const own = productOf(text);
		if (own !== null) {
			product = own;
			return jobMessage(text, own);
		}
		const owner = product;
		return owner === null ? [] : quiesceNote(text).map((f) => ({ ...f, fields: { ...f.fields, product: owner } }) as Found);
	};
}

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

/** Job messages of Bareos/Bacula, Backup Exec and TSM. */
export const agentJobMessages = {
	id: 'backup-job-messages',
	title: 'Backup job messages (Bareos/Bacula, Backup Exec, TSM)',
	url: 'https://docs.bareos.org/TasksAndConcepts/TheWindowsVersionOfBareos.html',
	origin: 'backup-product',
	kinds: { ...PRODUCT_KINDS, 'quiesce-note': ESXI_KINDS['quiesce-note'] },
	variants: [
		{ name: 'bareos', samples: ['22309: Warning: VSS Writer "SqlServerWriter" has invalid state. ERR=The writer vetoed the shadow copy creation process during the backup preparation state.\n'] },
		{ name: 'backup-exec', samples: ['Final error: 0xe000fed1 - A failure occurred querying the Writer status.\nUMI Code: V-79-57344-65233\n'] },
	],
	detect(head: readonly string[]): Detection | null {
		const lines = head.map((l) => l.trim()).filter((l) => BAREOS.test(l) || BACKUP_EXEC.test(l) || TSM.test(l));
		return lines.length > 0 ? { variant: 'job-messages', reason: `backup job message '${lines[0].slice(0, 40)}'` } : null;
	},
	reader: (path) => new ProductReader(path, { product: 'agent', classify: jobMessages() }),
} satisfies FormatDefinition;
