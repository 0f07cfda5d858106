import type { KindDeclarations } from '../lib/kinds';
import { productInfo } from '../../knowledge/productCodes';

/**
 * The QEMU guest agent's freeze of a KVM guest, as the host's tools report it (formats/backup/vzdump.ts,
 * qemuAgent.ts): the record kind they share, and the lines any of them prints when the agent's freeze or
 * thaw failed. The agent's command names (`guest-fsfreeze-freeze`, `guest-fsfreeze-thaw`) and vdsm's sentence
 * are program text, never translated; what follows them is the agent's or libvirt's error, quoted as printed.
 */

/** `timed-out`: the tool's own wait for the freeze passed its limit and it gave the snapshot up (vdsm). */
export type FreezeOutcome = 'issued' | 'skipped' | 'failed' | 'timed-out';

declare module '../../model/records' {
	interface RecordFields {
		'guest-agent-freeze': { product: string; vm: string | null; action: 'freeze' | 'thaw'; outcome: FreezeOutcome; detail: string | null; snapshot?: string | null };
	}
}

/**
 * Whether a failed freeze left the tool going on without it (knowledge/productCodes.ts `agentFreezeFailure`:
 * Proxmox vzdump, oVirt vdsm, virtnbdbackup log the error and back up the guest unfrozen): the backup is then
 * crash-consistent, not failed. A failed thaw, or a tool that takes no snapshot without the freeze, fails the try.
 */
export const freezeWentOn = (f: { product: string; action: 'freeze' | 'thaw'; outcome: FreezeOutcome }): boolean => f.outcome === 'failed' && f.action === 'freeze' && productInfo(f.product).agentFreezeFailure === 'goes-on';

/** What a guest agent's freeze request means: a failed or skipped freeze leaves the backup crash-consistent. */
export const FREEZE_KINDS = {
	'guest-agent-freeze': {
		role: 'event',
		severity: (f) => (f.outcome === 'failed' || f.outcome === 'timed-out' ? 'error' : f.outcome === 'skipped' ? 'warning' : 'info'),
		failure: (f) => (f.outcome === 'failed' && !freezeWentOn(f)) || f.outcome === 'timed-out',
		anchor: null,
	},
} satisfies KindDeclarations;

/**
 * libvirt: `unable to execute QEMU agent command 'guest-fsfreeze-freeze': <agent error>`. libvirt's sentence is
 * translated where the host's locale is not English, its form is not: the command in single quotes, the rest of
 * the sentence (a verb placed after it in German: `… 'guest-fsfreeze-freeze' kann nicht ausgeführt werden: …`),
 * a colon, the agent's error.
 */
const LIBVIRT = /'(guest-fsfreeze-(?:freeze|thaw))'[^:'\n]{0,60}: {0,2}(\S[^\n]{0,400})/;
/** vdsm: `Unable to freeze guest filesystems: <libvirt error>`. */
const VDSM = /\bUnable to (freeze|thaw) guest filesystems(?:: {0,4}([^\n]{0,400}))?/;
/** Proxmox's QMP wrapper: `VM 100 qmp command 'guest-fsfreeze-freeze' failed - got timeout`. */
const QMP = /\b(?:VM (\d{1,9}) )?qmp command '(guest-fsfreeze-(?:freeze|thaw))' failed\b(?: {0,4}- {0,4}([^\n]{0,400}))?/;
/**
 * virtnbdbackup's warning when libvirt's freeze call fails (`[stamp] WARNING libvirthelper - fsFreeze
 * [MainThread]: <libvirt error>`): its logger, the routine (`fsFreeze` / `fsThaw`) and the thread in brackets,
 * then libvirt's error as libvirt printed it (translated in part on a German host: `Gast-Agent antwortet nicht:
 * Guest agent disappeared while executing command`). It logs the routine so only when the call failed.
 */
const NBD_HELPER = /\b(?:WARNING|ERROR) [\w.]{1,40} - fs(Freeze|Thaw) \[[^\]\n]{1,40}\]: {0,2}(\S[^\n]{0,400})/;
/**
 * vdsm's check after its freeze call returns (lib/vdsm/virt/jobs/snapshot.py): `Non-memory snapshot timeout <limit>
 * passed after <elapsed> seconds`, logged as it raises SnapshotFailed — the freeze blocked past the limit, no snapshot.
 */
const VDSM_TIMEOUT = /\bNon-memory snapshot timeout \d{1,9} passed after \d{1,12}(?:\.\d{1,20})? seconds\b/;
/** vdsm names the VM by its id: `(vmId='808827db-…')`. */
const VM_ID = /\(vmId='([0-9a-f-]{36})'\)/;
/** vdsm's module and line after its message: `(vm:4312)`. */
const SOURCE_TAG = /[ \t]{1,8}\(\w{1,40}:\d{1,6}\)$/;

/** What a relayed failure says: whose words, which VM, which command, the agent's error. */
export type RelayedFreeze = { product: string; vm: string | null; action: 'freeze' | 'thaw'; outcome: 'failed' | 'timed-out'; detail: string | null };

/** The failed freeze or thaw a host tool's line reports (see the module comment), or null. */
export function relayedFreeze(text: string): RelayedFreeze | null {
	const detail = (s: string | undefined) => s?.trim().replace(SOURCE_TAG, '').slice(0, 400) || null;
	const failed = (product: string, vm: string | null, action: 'freeze' | 'thaw', said: string | undefined): RelayedFreeze => ({ product, vm, action, outcome: 'failed', detail: detail(said) });
	let m: RegExpExecArray | null;
	if ((m = QMP.exec(text))) return failed('proxmox', m[1] ?? null, m[2].endsWith('thaw') ? 'thaw' : 'freeze', m[3]);
	if ((m = LIBVIRT.exec(text))) return failed('libvirt', null, m[1].endsWith('thaw') ? 'thaw' : 'freeze', m[2]);
	if ((m = NBD_HELPER.exec(text))) return failed('virtnbdbackup', null, m[1] === 'Thaw' ? 'thaw' : 'freeze', m[2]);
	if ((m = VDSM.exec(text))) return failed('ovirt', VM_ID.exec(text)?.[1] ?? null, m[1] as 'freeze' | 'thaw', m[2]);
	if ((m = VDSM_TIMEOUT.exec(text))) return { product: 'ovirt', vm: VM_ID.exec(text)?.[1] ?? null, action: 'freeze', outcome: 'timed-out', detail: m[0] };
	return null;
}
