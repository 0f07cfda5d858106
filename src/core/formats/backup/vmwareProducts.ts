import { cbtError, decodeGuestError, ESXI_KINDS, quiesceReason } from '../esxi/esxiCommon';
import type { Detection, FormatDefinition } from '../lib/format';
import { clientQuiesceReason } from '../../knowledge/vsphereMessages';
import { codesIn, ProductReader, type Found } from './productText';

/**
 * Quiesce failures as VMware-based backup products print them (vSphere Data Recovery / VDP, Bacula's and
 * others' vSphere plugins, the vSphere Client's task error): `Failed to create snapshot for <vm>, error -3960
 * ( cannot quiesce virtual machine)`, `Cannot create a quiesced snapshot because … holding off I/O …`,
 * `Warning message from ESXi: the guest OS has reported an error during quiescing. Error code was: 2 the
 * error message was: custom quiesce script failed.`; in a client of another language the host's sentence is
 * translated, the guest's report (`'VssSyncStart' operation failed: IDispatch error #8451 (0x80042303)`, VMware
 * Tools' English) is not, and tells the message by itself. Pastes are often hard-wrapped and quoted: a paragraph
 * (lines up to a blank line) is one message, surrounding quotes dropped.
 *
 * Records: `quiesce-note` (the host readers' kind, same fields): `reason` (esxiCommon QuiesceReason;
 * `quiesce-failed` for `cannot quiesce`), `message`, `vmbackupStatus` (the guest's VmBackupStatus from
 * `Error code was: N`), `errorMessage` (the guest's words), `hresult`, and `productCode` (`-3960`), `product`
 * (`vmware-data-recovery` when the product's own code is printed, else `vsphere`).
 */

const QUIESCE = /quiesc/i;
/**
 * The guest's own report inside the message, in English whatever the client's language (VMware Tools writes
 * it): `'VssSyncStart' operation failed: IDispatch error #8451 (0x80042303)`.
 */
const GUEST_OP = /'[^'\n]{1,128}' operation failed/;
const STATUS = /error code was:?\s{0,2}(\d{1,2})\b/i;
const GUEST_MESSAGE = /error message was:? ?/i;
const VDR_CODE = /error (-\d{4}) \(/;
const CANNOT = /cannot quiesce|could not quiesce/i;
/** A quotation inside a string literal, its quotes escaped (`\"…\"`), on one line. */
const CITED = /\\"[^"\\\n]{0,300}\\"/g;
/** vCenter's message event as PowerCLI's `FullFormattedMessage` or the client's event list words it: `Warning message on <vm> on <host> in <datacenter>: …`. */
const VM_MESSAGE_EVENT = /\b(?:Warning|Error|Info) message on /;

/**
 * The VM of a vCenter message event: what comes before its host (` on <host>`) and datacenter (` in <dc>`)
 * ahead of the colon that opens the message, taken apart from the right (a VM's name may hold spaces).
 */
function eventVm(text: string): string | null {
	const m = VM_MESSAGE_EVENT.exec(text);
	if (!m) return null;
	const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 400);
	const head = rest.slice(0, Math.max(0, rest.indexOf(': ')));
	const inAt = head.lastIndexOf(' in ');
	const onAt = inAt < 0 ? -1 : head.lastIndexOf(' on ', inAt);
	return onAt > 0 ? head.slice(0, onAt) : null;
}

/** The `quiesce-note` of a message that states a quiesce failure as vSphere words it (see the module comment). */
export function quiesceNote(message: string): Found[] {
	// A phrase quoted inside a string (`"query": "\"Failed to quiesce the virtual machine\""`: JSON's escaped
	// quotes) is cited, by a saved search or a dashboard, not reported: it states no failure.
	const text = message
		.trim()
		.replace(/^["“]|["”]$/g, '')
		.replace(CITED, ' ');
	// Hard wraps split sentences and the guest's report: both are read with the wraps undone.
	const flat = text.replace(/\s{1,8}/g, ' ');
	const guest = GUEST_OP.exec(flat);
	if (!QUIESCE.test(text) && !guest) return [];
	const vdr = VDR_CODE.exec(text);
	// A client in another language words the host's sentence in it: the known translations are in the catalogue,
	// and the guest's English report says why whatever the language.
	const status = STATUS.exec(text);
	// The guest's report by its two labels (`error code was: N`, `error message was:`) says the guest failed even
	// where the host's sentence before it is broken (a word cut by a paste) or translated.
	const reported = status !== null && GUEST_MESSAGE.test(text);
	const reason = quiesceReason(flat) ?? clientQuiesceReason(flat) ?? (vdr || CANNOT.test(text) ? 'quiesce-failed' : guest || reported ? 'guest-error' : null);
	if (reason === null) return [];
	// A translated client's labels: the guest's report is found by its own words and the status before it.
	const decoded = guest ? decodeGuestError(flat) : null;
	return [
		{
			kind: 'quiesce-note',
			fields: {
				product: vdr ? 'vmware-data-recovery' : 'vsphere',
				reason,
				message: text.slice(0, 400),
				vmbackupStatus: status ? Number(status[1]) : (decoded?.vmbackupStatus ?? null),
				errorMessage: guestMessage(text) ?? (guest ? guestReport(flat.slice(guest.index)) : null),
				hresult: codesIn(text).hresult ?? decoded?.hresult ?? null,
				productCode: vdr?.[1] ?? null,
				vm: eventVm(text),
			},
		},
	];
}

/** The guest's report from its `'X' operation failed` to its code in parentheses (`(0x80042301)`), at most 300 characters. */
function guestReport(from: string): string {
	const code = /\(0x[0-9A-Fa-f]{8}\)/.exec(from.slice(0, 300));
	return (code ? from.slice(0, code.index + code[0].length) : from.slice(0, 300)).trim();
}

/**
 * The guest's words after `the error message was:`, to the end of the line, or to the code in parentheses that
 * ends a VSS error (`… IDispatch error #8451 (0x80042303)`): a paste that ran the lines after it together keeps
 * them out.
 */
function guestMessage(text: string): string | null {
	const m = GUEST_MESSAGE.exec(text);
	if (!m) return null;
	const line = text
		.slice(m.index + m[0].length)
		.split('\n')[0]
		.trim();
	const code = /\(0x[0-9A-Fa-f]{8}\)/.exec(line);
	return (code ? line.slice(0, code.index + code[0].length) : line).slice(0, 300) || null;
}

/** The host's CBT failure a pasted vmware.log line states beside the product's error (KB 2114076 quotes both), one per line. */
function cbtNotes(message: string): Found[] {
	return message.split('\n').flatMap((line): Found[] => {
		const cbt = cbtError(line);
		return cbt ? [{ kind: 'cbt-error', fields: cbt, text: line, mark: line }] : [];
	});
}

/** Quiesce failures reported by VMware-based backup products and the vSphere Client. */
export const vmwareProductErrors = {
	id: 'vmware-product-quiesce',
	title: 'Quiesce failure reported by a VMware-based backup product',
	url: 'https://knowledge.broadcom.com/external/article/301541/io.html',
	origin: 'backup-product',
	kinds: { ...ESXI_KINDS },
	variants: [
		{ name: 'vdr', samples: ['Failed to create snapshot for SQL-01, error -3960 ( cannot quiesce virtual machine)\n'] },
		{ name: 'esxi-warning-wrapped', samples: ['Warning message from ESXi: the guest OS has reported an error during\nquiescing. Error code was: 2 the error message was: custom quiesce script\nfailed.\n'] },
		{ name: 'io-holdoff', samples: ['"Cannot create a quiesced snapshot because the create snapshot operation exceeded the time limit for holding off I/O in the frozen virtual machine."\n'] },
		{ name: 'client-ja-wrapped', samples: ["仮想マシンの静止中にエラーが発生しました。詳細については、仮想マシンのイベント ログを参照してください。\n'VssSyncStart' operation failed: IDispatch error\n#8451 (0x80042303)\n"] },
	],
	detect(head: readonly string[]): Detection | null {
		// Hard wraps split the sentence: look at the head joined.
		const found = quiesceNote(head.join(' '));
		const note = found.find((f) => f.kind === 'quiesce-note');
		return note === undefined ? null : { variant: note.fields.reason, reason: `a quiesce failure (${note.fields.reason}) as a backup product prints it` };
	},
	reader: (path) => new ProductReader(path, { product: 'vsphere', joinUnstamped: true, classify: (m) => [...quiesceNote(m), ...cbtNotes(m)] }),
} satisfies FormatDefinition;
