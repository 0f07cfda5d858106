import type { LogRecord } from '../model/records';
import type { Attempt, Consistency, InputFile } from '../model/report';

/** What the verdict of one attempt is decided from, besides the attempt itself. */
export interface ConsistencyContext {
	/** The uid the VMX gave the snapshot (`Done with snapshot '…': 4`); VMware names its manifest after it. */
	snapshotUid: number | null;
	/** Folder of the attempt's vmware.log (report path), where the manifest zip is kept. */
	vmFolder: string | null;
}

const folderOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));

/**
 * Decides application / file-system / crash / none for an attempt, with the evidence, from the manifest
 * zip (formats.md §8: only `backup.xml` means file-system-consistent), the quiesced flag, tools.conf
 * `vss.disableAppQuiescing`, the VM's `disk.EnableUUID` and the guest OS family.
 */
export function judgeConsistency(a: Attempt, ctx: ConsistencyContext, inputs: readonly InputFile[], records: readonly LogRecord[]): { consistency: Consistency; evidence: string[] } {
	if (a.result === 'failed') return { consistency: 'none', evidence: ['The snapshot attempt failed: it left no restore point.'] };
	if (a.quiesced === false && a.result === 'success') {
		const evidence = ['The snapshot was taken with quiesced=0: the guest was not quiesced, so the restore point is crash-consistent.'];
		if (a.fallbackOf) evidence.push(`It replaced the failed quiesced attempt ${a.fallbackOf}: the backup silently fell back to crash-consistent.`);
		return { consistency: 'crash', evidence };
	}
	if (a.quiesced !== true || a.result !== 'success') return { consistency: 'unknown', evidence: ['Whether the guest was quiesced, or whether the snapshot succeeded, is not in the bundle.'] };

	const manifest = manifestFor(ctx, inputs);
	if (manifest) {
		const docs = inputs.filter((i) => i.path.startsWith(`${manifest.path}!/`));
		const writers = docs.filter((i) => i.format === 'vss-writer-metadata').length;
		if (docs.length > 1) return { consistency: 'application', evidence: [`${manifest.path} holds backup.xml and ${writers} writer metadata document(s): VSS writers took part (application-consistent).`] };
		return { consistency: 'filesystem', evidence: [`${manifest.path} holds only backup.xml: no VSS writer took part (file-system-consistent).`] };
	}
	const setting = (key: string) => records.find((r) => (r.kind === 'vmx-setting' && r.fields.key === key) || (r.kind === 'tools-conf-setting' && r.fields.key === key));
	const disableApp = setting('vss.disableAppQuiescing');
	if (disableApp && /^(true|1|yes)$/i.test(String(disableApp.fields.value))) {
		return { consistency: 'filesystem', evidence: [`tools.conf sets vss.disableAppQuiescing = ${disableApp.fields.value} (${disableApp.source.path}:${disableApp.source.line}): application quiescing is off.`] };
	}
	const guestOS = setting('guestOS');
	if (guestOS && !/^win/i.test(String(guestOS.fields.value))) {
		return { consistency: 'filesystem', evidence: [`The guest OS is ${guestOS.fields.value}: non-Windows guests are quiesced by freezing file systems (file-system-consistent).`] };
	}
	const ide = records.find((r) => r.kind === 'vmx-setting' && r.fields.bus === 'ide' && /deviceType$/.test(String(r.fields.key)) && /disk/i.test(String(r.fields.value)));
	if (ide) {
		return { consistency: 'filesystem', evidence: [`The VM has an IDE disk (${ide.fields.device}, ${ide.source.path}:${ide.source.line}): VMware quiesces applications only on SCSI disks, so this is file-system-consistent.`] };
	}
	const uuid = setting('disk.EnableUUID');
	if (guestOS && (!uuid || uuid.fields.bool !== true)) {
		return { consistency: 'filesystem', evidence: ['The VM does not set disk.EnableUUID = TRUE: Windows guests then get file-system quiescing only.'] };
	}
	return { consistency: 'unknown', evidence: ['The quiesced snapshot succeeded, but no manifest or guest setting in the bundle tells application- from file-system-consistent.'] };
}

/** The manifest zip of this snapshot: named after its uid, in the VM's folder (or the only one there). */
function manifestFor(ctx: ConsistencyContext, inputs: readonly InputFile[]): InputFile | undefined {
	const zips = inputs.filter((i) => i.format === 'vss-manifests' && (ctx.vmFolder === null || folderOf(i.path) === ctx.vmFolder));
	const byUid = ctx.snapshotUid === null ? undefined : zips.find((z) => new RegExp(`(^|/)vss[-_]manifests?${ctx.snapshotUid}\\.zip$`, 'i').test(z.path));
	return byUid ?? (zips.length === 1 && ctx.snapshotUid === null ? zips[0] : undefined);
}
