import { translator, type Translate } from '../knowledge/messages';
import { productInfo } from '../knowledge/productCodes';
import type { KindRecord, LogRecord, RecordOf } from '../model/records';
import type { Attempt, Consistency, InputFile } from '../model/report';

/** What the verdict of one attempt is decided from, besides the attempt itself. */
export interface ConsistencyContext {
	/** The uid the VMX gave the snapshot (`Done with snapshot '…': 4`); VMware names its manifest after it. */
	snapshotUid: number | null;
	/** Folder of the attempt's vmware.log (report path), where the manifest zip is kept. */
	vmFolder: string | null;
	/** The product's verdict that the backup went on crash-consistent (its code), when one of the attempt's records says so. */
	productFallback?: { product: string; code: string | null } | null;
	/** The KVM tool (product id) whose guest-agent freeze this try asked, none failing or skipped; else null. */
	agentFroze?: string | null;
}

const folderOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));

/**
 * Decides application / file-system / crash / none for an attempt, with the evidence, from the manifest
 * zip (formats.md §8: only `backup.xml` means file-system-consistent), the quiesced flag, tools.conf
 * `vss.disableAppQuiescing`, the VM's `disk.EnableUUID` and the guest OS family.
 */
export function judgeConsistency(a: Attempt, ctx: ConsistencyContext, inputs: readonly InputFile[], records: readonly LogRecord[], t: Translate = translator()): { consistency: Consistency; evidence: string[] } {
	if (a.result === 'failed') return { consistency: 'none', evidence: [t('consistency.failed')] };
	if (a.quiesced === false && a.result === 'success') {
		if (ctx.productFallback) return { consistency: 'crash', evidence: [t('consistency.productCrash', { product: productInfo(ctx.productFallback.product).name, code: ctx.productFallback.code })] };
		const evidence = [t('consistency.crash')];
		if (a.fallbackOf) evidence.push(t('consistency.fallback', { id: a.fallbackOf }));
		return { consistency: 'crash', evidence };
	}
	if (a.quiesced !== true || a.result !== 'success') return { consistency: 'unknown', evidence: [t('consistency.notKnown')] };

	const manifest = manifestFor(ctx, inputs);
	if (manifest) {
		const docs = inputs.filter((i) => i.path.startsWith(`${manifest.path}!/`));
		const writers = docs.filter((i) => i.format === 'vss-writer-metadata').length;
		if (docs.length > 1) return { consistency: 'application', evidence: [t('consistency.application', { path: manifest.path, writers })] };
		return { consistency: 'filesystem', evidence: [t('consistency.manifestOnly', { path: manifest.path })] };
	}
	// A KVM tool's quiesced snapshot is the QEMU guest agent's freeze (guest-fsfreeze-freeze): the guest's file
	// systems frozen, at least; no manifest or guest setting of the bundle tells more (the agent's VSS on Windows).
	if (ctx.agentFroze) return { consistency: 'filesystem', evidence: [t('consistency.agentFreeze', { product: productInfo(ctx.agentFroze).name })] };
	const setting = (key: string) => settingOf(records, key);
	const disableApp = setting('vss.disableAppQuiescing');
	if (disableApp && /^(true|1|yes)$/i.test(disableApp.fields.value)) {
		return { consistency: 'filesystem', evidence: [t('consistency.disableApp', { value: disableApp.fields.value, where: `${disableApp.source.path}:${disableApp.source.line}` })] };
	}
	const guestOS = setting('guestOS');
	if (guestOS && !/^win/i.test(guestOS.fields.value)) {
		return { consistency: 'filesystem', evidence: [t('consistency.guestOs', { os: guestOS.fields.value })] };
	}
	const ide = records.find((r): r is KindRecord<'vmx-setting'> => r.kind === 'vmx-setting' && r.fields.bus === 'ide' && /deviceType$/.test(r.fields.key) && /disk/i.test(r.fields.value));
	if (ide) {
		return { consistency: 'filesystem', evidence: [t('consistency.ide', { device: ide.fields.device ?? ide.fields.key, where: `${ide.source.path}:${ide.source.line}` })] };
	}
	const uuid = setting('disk.EnableUUID');
	if (guestOS && (!uuid || uuid.kind !== 'vmx-setting' || uuid.fields.bool !== true)) {
		return { consistency: 'filesystem', evidence: [t('consistency.noUuid')] };
	}
	return { consistency: 'unknown', evidence: [t('consistency.undecided')] };
}

/** The first setting of `key` in the VM's configuration or tools.conf. */
function settingOf(records: readonly LogRecord[], key: string): RecordOf<'vmx-setting' | 'tools-conf-setting'> | undefined {
	for (const r of records) if ((r.kind === 'vmx-setting' || r.kind === 'tools-conf-setting') && r.fields.key === key) return r;
	return undefined;
}

/** The manifest zip of this snapshot: named after its uid, in the VM's folder (or the only one there). */
function manifestFor(ctx: ConsistencyContext, inputs: readonly InputFile[]): InputFile | undefined {
	const zips = inputs.filter((i) => i.format === 'vss-manifests' && (ctx.vmFolder === null || folderOf(i.path) === ctx.vmFolder));
	const byUid = ctx.snapshotUid === null ? undefined : zips.find((z) => new RegExp(`(^|/)vss[-_]manifests?${ctx.snapshotUid}\\.zip$`, 'i').test(z.path));
	return byUid ?? (zips.length === 1 && ctx.snapshotUid === null ? zips[0] : undefined);
}
