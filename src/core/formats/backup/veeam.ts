import { matchTemplate, TEMPLATE_CHARS } from '../windows/eventMessages';
import type { VeeamGuestStep } from '../../knowledge/veeam';
import { win32Info } from '../../knowledge/win32';
import type { Detection, FormatDefinition } from '../lib/format';
import { type Found, PRODUCT_KINDS, type ProductGrammar, ProductReader, errorFields, labelledWriterIn, type Stamped } from './productText';

/**
 * Veeam Backup & Replication, the requester's own words (BACKUP-PRODUCT-FORMATS.md §Veeam):
 * - job and task logs (`Job.<job>.Backup.log`, `Task.<vm>.log`): a banner of untimestamped lines that ends
 *   with `UTC offset: 2.00 hours`, then `[dd.MM.yyyy HH:mm:ss] <tid> Level<pad> message`, local time (UTC once
 *   the banner gives the offset). Stack frames (`   at …`) continue the message before them.
 * - error text from the console, e-mail reports and KB pages: no stamps; `VSSControl: …`, `Code: [0x…]`,
 *   `Writer name: [...]`, `Unfreeze error:[…]`; a paragraph (lines up to a blank line) is one message.
 *
 * Records (see productText.ts for the fields): `product-job` (`Job session '…' has been completed, status:
 * 'Failed', … '1' of '1' tasks, '1' successful, '0' failed` and the `Task session` form), `product-cancel`
 * (`Operation was canceled by user DOMAIN\user (….CStopSessionException)`), `product-snapshot` (the vSphere
 * calls `[VimApi] Create snapshot, ref "vm-…", name "…", description "…", memory "False", quiesce "False"`
 * and `[VimApi] RemoveSnapshot, type "VirtualMachineSnapshot", ref "snapshot-…", removeChildren "False"`, in a
 * log or quoted by a KB without the `[stamp] <tid>` prefix, kb1790), `product-error` (Error-level lines, and
 * any line that carries a VSS code or names a writer). `product` is `veeam`.
 */

const LINE = /^\[(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?\] <(\d{1,6})> (Info|Warning|Error|Debug|Verbose|Fatal) (.*)$/;
const UTC_OFFSET = /^UTC offset: ([+-]?)(\d{1,2})(?:[.,](\d{1,2}))? hours?\b/;
/** A verdict line, with the `[Component]` tag some versions and agents print before it (`[VeeamAgent] Task session …`). */
const VERDICT = /^(?:\[[\w.]{1,40}\] {1,4})?(Job|Task) session '([^']{1,64})' has been completed, status: '(\w{1,20})'/;
const COUNTS = /'(\d{1,9})' of '\d{1,9}' tasks, '(\d{1,9})' successful, '(\d{1,9})' failed/;
const DETAILS = /details: '([^']{0,400})'/;
const CANCEL = /(?:canceled|cancelled|stopped) by user /i;
/** Veeam's exception for a stop request, whatever the message around it. */
const STOP_EXCEPTION = 'StopSessionException';
const EXCEPTION = /\(([\w.]{1,120}Exception)\)/;
/** The job options XML's switch for VMware Tools quiescing (an XML element name, never translated). */
const TOOLS_QUIESCE = /<VMToolsQuiesce>(True|False)<\/VMToolsQuiesce>/i;
/** A vSphere snapshot call as Veeam's VimApi wrapper logs it; its arguments follow as `key "value"` pairs. */
const VIMAPI_TAG = '[VimApi] ';
const VIMAPI = /\[VimApi\] (?:Create snapshot|RemoveSnapshot),/;
const VIMAPI_CALL = /^(Create snapshot|RemoveSnapshot),/;
const VIMAPI_ARG = /(?<!\w)(\w{1,32}) "([^"\n]{0,400})"/g;
/** The words of Veeam's VSS requester, as its error text prints them. */
const VSS_WORDS = /VSSControl|Failed to prepare guest|(?:Un)?[Ff]reeze error|VSS critical writer|shadow copy of the volumes containing writer|Failed to call RPC function|Failed to invoke func /;
/** Guest processing's words before any VSS call (kept apart from VSS_WORDS: two short alternations, not one long one). */
const GUEST_WORDS = /'Vss\.\w+'|Failed to connect to guest agent|Cannot connect to the admin share|(?:to|via) VIX failed|RPC function call failed/;
/** Whether a text is Veeam's guest-processing error text. */
const isVeeamText = (text: string): boolean => VSS_WORDS.test(text) || GUEST_WORDS.test(text);
/** Guest processing could not reach or log on to the guest (network, admin share, VIX), before any VSS call. */
const CONNECT = /Failed to connect to guest agent|Cannot connect to (?:the )?admin share|(?:Connecting to guest OS|admin share accessibility) (?:to|via) VIX failed/i;
/** KB1377's two wait timeouts: VSS preparation, then the writers' freeze. */
const PREPARE_TIMEOUT = /Failed to prepare guest for freeze, wait timeout/i;
const FREEZE_TIMEOUT = /Failed to freeze guest, wait timeout/i;
/** KB2825: the keep-alive or final call reached a helper that had already given the shadow copy up. */
const KEEP_ALIVE_CALL = /RPC function '?Vss\.(?:KeepSnapshot|FinishSnapshot)\b/;
const OBJECT_NOT_CONNECTED = '0x800401FD';
/** A verdict's status as the reader keeps it (lower case): Veeam's `Failed`. */
const FAILED = 'failed';
/**
 * `Win32 error: <Windows text in the guest's language> Code: 1909`, and the RPC form of the same report
 * (`RPC error:The RPC server is unavailable. Code: 1722`); the text may wrap before `Code:`. The label and
 * the code are found apart (the code within WIN32_REACH characters after the label), so no pattern scans
 * the text again from every position.
 */
const WIN32_LABEL = /(?:Win32|RPC) error/i;
const WIN32_CODE = /\bCode:?\s{0,2}\[?(\d{1,5})\b/i;
/** How far after its label (characters) the code may be: the Windows message between them is one sentence. */
const WIN32_REACH = 400;

function stamp(text: string): Stamped | null {
	if (text[0] !== '[') return null;
	const m = LINE.exec(text);
	if (!m) return null;
	const [d, mo, y, h, mi, s] = m.slice(1, 7).map(Number);
	return { parts: [y, mo, d, h, mi, s, m[7] ? Number(m[7].padEnd(3, '0')) : 0], rest: m[10].trim(), level: m[9] };
}

function offset(text: string): number | null {
	const m = UTC_OFFSET.exec(text);
	if (!m) return null;
	// `2.00 hours` is decimal hours: `5.50` is 5 h 30 min.
	const minutes = Number(m[2]) * 60 + Math.round(Number(`0.${m[3] ?? '0'}`) * 60);
	return m[1] === '-' ? -minutes : minutes;
}

/** `"True"` / `"False"` as printed (.NET's Boolean.ToString), else null. */
function flag(value: string | undefined): boolean | null {
	const v = value?.toLowerCase();
	return v === 'true' ? true : v === 'false' ? false : null;
}

/**
 * The VimApi snapshot calls of a message: one for a log line, maybe several for a pasted paragraph (a KB
 * quotes the create and the remove on consecutive lines, which the text reader joins). Each call's arguments
 * run up to the next call.
 */
function vimApiCalls(text: string): Found[] {
	const out: Found[] = [];
	const parts = text.split(VIMAPI_TAG);
	for (let i = 1; i < parts.length; i++) {
		const call = VIMAPI_CALL.exec(parts[i]);
		if (!call) continue;
		const args = new Map<string, string>();
		for (const a of parts[i].slice(call[0].length).matchAll(VIMAPI_ARG)) if (!args.has(a[1])) args.set(a[1], a[2]);
		const create = call[1] === 'Create snapshot';
		out.push({
			// Each call is its own line of a pasted paragraph.
			mark: `${VIMAPI_TAG}${call[1]},`,
			kind: 'product-snapshot',
			fields: { action: create ? 'create' : 'remove', name: args.get('name') ?? null, ref: args.get('ref') ?? null, quiesce: create ? flag(args.get('quiesce')) : null, memory: create ? flag(args.get('memory')) : null },
		});
	}
	return out;
}

/** The records of one Veeam message (a log line with its stack frames, or a pasted paragraph). */
function classify(message: string, level: string | null): Found[] {
	const text = message.trim();
	if (text.includes(VIMAPI_TAG)) {
		const calls = vimApiCalls(text);
		if (calls.length > 0) return calls;
	}
	const verdict = VERDICT.exec(text);
	if (verdict) {
		const counts = COUNTS.exec(text);
		const job: Found & { kind: 'product-job' } = {
			kind: 'product-job',
			fields: {
				scope: verdict[1].toLowerCase(),
				session: verdict[2],
				status: verdict[3].toLowerCase(),
				tasks: counts ? Number(counts[1]) : null,
				succeeded: counts ? Number(counts[2]) : null,
				failed: counts ? Number(counts[3]) : null,
				details: DETAILS.exec(text)?.[1] ?? null,
			},
		};
		return [job, ...failedDetails(job)];
	}
	const quiesce = TOOLS_QUIESCE.exec(text);
	if (quiesce) return [{ kind: 'product-option', fields: { option: 'vmware-tools-quiesce', enabled: quiesce[1].toLowerCase() === 'true' } }];
	const first = text.split('\n')[0];
	const cancel = CANCEL.exec(first);
	if (cancel || first.includes(STOP_EXCEPTION)) {
		const user = cancel ? first.slice(cancel.index + cancel[0].length).split(/[\s(]/)[0] || null : null;
		return [{ kind: 'product-cancel', fields: { user, exception: EXCEPTION.exec(first)?.[1] ?? null, level } }];
	}
	// A log line's stack frames add no code; a pasted paragraph is one message whose codes may sit on any line.
	const fields = errorFields(level === null ? text : first, { level });
	const guest = guestFields(text, fields.hresult);
	// Guest processing's own words count as the failure only where Veeam reports one: an Error line or the
	// pasted error text. At Info or Warning they are a step it retried another way (network, then VIX).
	const guestFailure = guest.guestStep !== null && (level === null || level === 'Error');
	// Pasted text names a failed writer by Veeam's labels (`Writer name: [X]`); its bare name in prose reports nothing.
	if (level === 'Error' || fields.hresult !== null || guestFailure || (level === null && (isVeeamText(text) || labelledWriterIn(text) !== null))) {
		return [{ kind: 'product-error', fields: { ...fields, ...guest } }];
	}
	return [];
}

/** The guest-processing step a Veeam message reports and the Win32 code it prints (knowledge/veeam.ts). */
function guestFields(text: string, hresult: string | null): { guestStep: VeeamGuestStep | null; win32: number | null } {
	const label = WIN32_LABEL.exec(text);
	const from = label ? label.index + label[0].length : 0;
	const code = label ? WIN32_CODE.exec(text.slice(from, from + WIN32_REACH)) : null;
	const win32 = code ? Number(code[1]) : null;
	const guestStep: VeeamGuestStep | null = PREPARE_TIMEOUT.test(text)
		? 'prepare-timeout'
		: FREEZE_TIMEOUT.test(text)
			? 'freeze-timeout'
			: hresult === OBJECT_NOT_CONNECTED && KEEP_ALIVE_CALL.test(text)
				? 'snapshot-expired'
				: CONNECT.test(text) || win32Info(win32) !== undefined
					? 'connect'
					: null;
	return { guestStep, win32 };
}

/**
 * A failed verdict's details that state its reason (a guest-processing step, a code or a writer): the
 * reason as an error of its own, so a job log whose Error lines were cut away still says why.
 */
function failedDetails(verdict: Found & { kind: 'product-job' }): Found[] {
	const details = verdict.fields.details;
	if (details === null || verdict.fields.status !== FAILED) return [];
	const fields = errorFields(details, { level: null });
	const guest = guestFields(details, fields.hresult);
	const stated = guest.guestStep !== null || fields.hresult !== null || fields.writerName !== null;
	return stated ? [{ kind: 'product-error', fields: { ...fields, ...guest } }] : [];
}

const grammarLog = (): ProductGrammar => ({ product: 'veeam', stamp, offset, preamble: true, classify: (m, l) => classify(m, l) });
const grammarText = (): ProductGrammar => ({ product: 'veeam', joinUnstamped: true, classify: (m) => classify(m, null), foreign: pastedEvent });

/**
 * Whether a pasted paragraph holds a Windows event's message from one of its lines on (formats/windows/eventMessages.ts).
 * Each line's message is joined only as far as a template looks (TEMPLATE_CHARS): the rest of the paragraph
 * joined from every line was work that grew with the square of its length.
 */
function pastedEvent(lines: readonly string[]): boolean {
	return lines.some((_, k) => {
		let end = k;
		for (let chars = 0; end < lines.length && chars < TEMPLATE_CHARS; end++) chars += lines[end].length + 1;
		return matchTemplate(lines.slice(k, end).join(' ')) !== null;
	});
}

/** Veeam B&R job and task logs (`[dd.MM.yyyy HH:mm:ss] <tid> Level message`). */
export const veeamLog = {
	id: 'veeam-log',
	title: 'Veeam Backup & Replication job / task log',
	url: 'https://www.veeam.com/kb1832',
	origin: 'backup-product',
	kinds: PRODUCT_KINDS,
	variants: [
		{
			name: 'v11-banner',
			samples: [
				`===================================================================
Starting new log
Log has been started by 'VBR01\\SYSTEM' user (Non-interactive)
UTC Time: [3/2/2024 8:00:05 PM], DaylightSavingTime: [False]
UTC offset: 1.00 hours

[02.03.2024 21:00:05] <01> Info         [Session] Id '0b3c9f2e-6a1d-4c55-9d2a-1f0e7b2c4d11', State 'Working'.
[02.03.2024 21:04:12] <19> Info         Task session '5e2f4b77-1c0a-4d9e-8f3a-77b1c2d3e4f5' has been completed, status: 'Failed', '0' of '40 GB' bytes, '0' of '2' objects, details: 'Failed to prepare guest for hot backup.'
[02.03.2024 21:04:14] <01> Info         Job session '0b3c9f2e-6a1d-4c55-9d2a-1f0e7b2c4d11' has been completed, status: 'Failed', '0 MB' of '40 GB' bytes, '1' of '1' tasks, '0' successful, '1' failed, details: ''
`,
			],
		},
		{
			name: 'task-log-no-banner',
			samples: [
				`[14.11.2023 02:10:41.318] <27> Info     [VssProxy] Preparing guest for hot backup
[14.11.2023 02:11:48.902] <27> Error    Failed to prepare guest for hot backup. Error: VSSControl: -2147467259 Backup job failed. Cannot create a shadow copy of the volumes containing writer's data. A VSS critical writer has failed. Writer name: [SqlServerWriter]. Writer's state: [VSS_WS_FAILED_AT_PREPARE_SNAPSHOT]. Error code: [0x800423f4].
[14.11.2023 02:11:48.905] <27> Error       at Veeam.Backup.VssProvider.CVssControl.Prepare()
`,
			],
		},
		{
			name: 'task-log-vimapi',
			samples: [
				`[21.03.2024 23:05:12] <31> Info         [VimApi] Create snapshot, ref "vm-2207", name "VEEAM BACKUP TEMPORARY SNAPSHOT", description "Please do not delete this snapshot. It is being used by Veeam Backup.", memory "False", quiesce "False"
[21.03.2024 23:11:31] <31> Info         [VimApi] RemoveSnapshot, type "VirtualMachineSnapshot", ref "snapshot-9154", removeChildren "False"
[21.03.2024 23:11:40] <19> Info         Task session '7a0c2e51-93b4-4f1e-a6d8-0c5e2b7f1d93' has been completed, status: 'Success', '40 GB' of '40 GB' bytes, '2' of '2' objects, details: ''
`,
			],
		},
	],
	// `[DD.MM.YYYY hh:mm:ss] <thread> Level`.
	startLine: LINE,
	detect(head: readonly string[]): Detection | null {
		const stamped = head.filter((l) => stamp(l) !== null).length;
		const banner = head.some((l) => UTC_OFFSET.test(l));
		// One stamped line is enough when it is a VimApi snapshot call (a log cut down to the line that matters).
		const call = head.some((l) => VIMAPI.test(l) && stamp(l) !== null);
		if (stamped < 2 && !(stamped === 1 && (banner || call))) return null;
		return { variant: banner ? 'banner' : 'no-banner', reason: `${stamped} Veeam log lines '[dd.MM.yyyy HH:mm:ss] <tid> Level'${banner ? ', with a UTC offset banner' : ''}` };
	},
	reader: (path) => new ProductReader(path, grammarLog()),
} satisfies FormatDefinition;

/** Veeam error text as the console, e-mail reports and KB pages show it (no stamps). */
export const veeamErrorText = {
	id: 'veeam-error-text',
	title: 'Veeam Backup & Replication error text (console, e-mail report, KB)',
	url: 'https://www.veeam.com/kb1680',
	origin: 'backup-product',
	kinds: PRODUCT_KINDS,
	variants: [
		{
			name: 'guest-processing',
			samples: [
				"Failed to prepare guest for hot backup. Error: VSSControl: -2147467259 Backup job failed. Cannot create a shadow copy of the volumes containing writer's data. VSS asynchronous operation is not completed. Operation: [Shadow copies commit]. Code: [0x80042306].\n",
			],
		},
		{
			name: 'unfreeze-error',
			samples: [
				"Unfreeze error: [Backup job failed.\nCannot create a shadow copy of the volumes containing writer's data.\nA VSS critical writer has failed. Writer name: [NTDS]. Class ID: [{b2014c9e-8711-4c5c-a5a9-3cf384484757}]. Writer's state: [VSS_WS_FAILED_AT_FREEZE]. Error code: [0x800423f2].]\n",
			],
		},
		{
			name: 'vimapi-kb',
			samples: [
				'Info [VimApi] Create snapshot, ref "vm-545020", name "VEEAM BACKUP TEMPORARY SNAPSHOT", description "Please do not delete this snapshot. It is being used by Veeam Backup.", memory "False", quiesce "False"\nInfo [VimApi] RemoveSnapshot, type "VirtualMachineSnapshot", ref "snapshot-545020", removeChildren "False"\n',
			],
		},
		{
			name: 'agent',
			samples: ["Creating VSS snapshot Error: Failed to create snapshot: Backup job failed.\nCannot create a shadow copy of the volumes containing writer's data.\nCode: [0x8004231f].\n"],
		},
	],
	detect(head: readonly string[]): Detection | null {
		const i = head.findIndex((l) => isVeeamText(l) && stamp(l) === null);
		if (i >= 0) return { variant: 'text', reason: `Veeam guest-processing error text at line ${i + 1}` };
		const call = head.findIndex((l) => VIMAPI.test(l) && stamp(l) === null);
		return call < 0 ? null : { variant: 'vimapi', reason: `Veeam VimApi snapshot call at line ${call + 1}` };
	},
	reader: (path) => new ProductReader(path, grammarText()),
} satisfies FormatDefinition;
