import { ESXI_KINDS, quiesceReason } from '../esxi/esxiCommon';
import type { Detection, FormatDefinition } from '../lib/format';
import { clientQuiesceReason } from '../../knowledge/vsphereMessages';
import { errorFields } from '../tools/toolsMessages';
import { codesIn, ProductReader, type Found } from './productText';

/**
 * Quiesce failures as VMware-based backup products print them (vSphere Data Recovery / VDP, Bacula's and
 * others' vSphere plugins, the vSphere Client's task error): `Failed to create snapshot for <vm>, error -3960
 * ( cannot quiesce virtual machine)`, `Cannot create a quiesced snapshot because … holding off I/O …`,
 * `Warning message from ESXi: the guest OS has reported an error during quiescing. Error code was: 2 the
 * error message was: custom quiesce script failed.` Pastes are often hard-wrapped and quoted: a paragraph
 * (lines up to a blank line) is one message, surrounding quotes dropped.
 *
 * Records: `quiesce-note` (the host readers' kind, same fields): `reason` (esxiCommon QuiesceReason;
 * `quiesce-failed` for `cannot quiesce`), `message`, `vmbackupStatus` (the guest's VmBackupStatus from
 * `Error code was: N`), `errorMessage` (the guest's words), `hresult`, and `productCode` (`-3960`), `product`
 * (`vmware-data-recovery` when the product's own code is printed, else `vsphere`).
 */

const QUIESCE = /quiesc/i;
const STATUS = /error code was:?\s{0,2}(\d{1,2})\b/i;
const GUEST_MESSAGE = /error message was:? ?/i;
const VDR_CODE = /error (-\d{4}) \(/;
const CANNOT = /cannot quiesce|could not quiesce/i;
/** `'VssSyncStart' operation failed`: Tools' own words for its failed step, quoted by the host in every client language. */
const OP_FAILED = /'\w{3,40}' operation failed/;

function classify(message: string): Found[] {
	const text = message.trim().replace(/^["“]|["”]$/g, '');
	// The guest's VSS operation that failed, with its code, is a quiesce error by its structure in any language.
	const op = OP_FAILED.exec(text);
	const guest = op ? errorFields(text.slice(op.index)) : null;
	const guestError = guest !== null && guest.hresult !== null;
	if (!QUIESCE.test(text) && !guestError) return [];
	const vdr = VDR_CODE.exec(text);
	const flat = text.replace(/\s{1,8}/g, ' ');
	const reason = quiesceReason(flat) ?? clientQuiesceReason(flat) ?? (vdr || CANNOT.test(text) ? 'quiesce-failed' : guestError ? 'guest-error' : null);
	if (reason === null) return [];
	const status = STATUS.exec(text);
	return [{ kind: 'quiesce-note', fields: {
		product: vdr ? 'vmware-data-recovery' : 'vsphere',
		reason, message: text.slice(0, 400),
		vmbackupStatus: status ? Number(status[1]) : null,
		errorMessage: guestMessage(text) ?? (guestError ? text.slice(op!.index).split('\n')[0].trim().slice(0, 300) : null),
		hresult: guest?.hresult ?? codesIn(text).hresult,
		productCode: vdr?.[1] ?? null,
	} }];
}

/** The guest's words after `the error message was:`, to the end of the line. */
function guestMessage(text: string): string | null {
	const m = GUEST_MESSAGE.exec(text);
	return m ? text.slice(m.index + m[0].length).split('\n')[0].trim().slice(0, 300) || null : null;
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
	],
	detect(head: readonly string[]): Detection | null {
		// Hard wraps split the sentence: look at the head joined.
		const found = classify(head.join(' '));
		const note = found.find((f) => f.kind === 'quiesce-note');
		return note === undefined ? null : { variant: note.fields.reason, reason: `a quiesce failure (${note.fields.reason}) as a backup product prints it` };
	},
	reader: (path) => new ProductReader(path, { product: 'vsphere', joinUnstamped: true, classify: (m) => classify(m) }),
} satisfies FormatDefinition;
