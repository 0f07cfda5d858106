import type { QuiesceReason } from '../formats/esxi/esxiCommon';

/**
 * The vSphere Client's and vCenter's task error texts about quiescing that no host log line carries (the
 * host logs' own texts are read by message id and literal in formats/esxi/esxiCommon.ts), by the reason they
 * state. vSphere sends these texts untranslated to clients of every language (Broadcom's Japanese KB 301541
 * quotes them in English), so one literal per text is enough; a translation seen in the field is added to its
 * entry's list. A message with structure (`'VssSyncStart' operation failed: … (0x…)`, `Error code was: N`)
 * is read by that structure instead (formats/backup/vmwareProducts.ts).
 */
const CLIENT_TEXTS: readonly { reason: QuiesceReason; texts: readonly string[]; source: string }[] = [
	{ reason: 'guest-error', texts: ['An error occurred while quiescing the virtual machine'], source: 'https://knowledge.broadcom.com/external/article/301541/io.html' },
];

/** The quiesce reason a vSphere Client text states (see CLIENT_TEXTS), or null. */
export function clientQuiesceReason(text: string): QuiesceReason | null {
	for (const entry of CLIENT_TEXTS) if (entry.texts.some((t) => text.includes(t))) return entry.reason;
	return null;
}
