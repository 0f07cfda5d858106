import { VMWARE_FORMATS } from '../formats';
import type { Facts } from '../formats/lib/format';
import { productInfo } from '../knowledge/productCodes';
import { guidKey, HYPERV_PROVIDER_ID, VMWARE_PROVIDER_ID } from '../knowledge/providers';
import { writerIdOf } from '../knowledge/writerServices';
import type { InputFile, Report } from '../model/report';

/** The manifest zip VMware Tools saves beside the VM (an archive the reading recognises, no registered format). */
const VSS_MANIFESTS = 'vss-manifests';

/** The Hyper-V VSS writer, which runs on a Hyper-V host and backs up its VMs. */
const HYPERV_WRITER = 'Microsoft Hyper-V VSS Writer';

/**
 * Event sources only Hyper-V has: its own providers (`Microsoft-Windows-Hyper-V-VMMS`, `-Worker`,
 * `-Integration-VSS` …: the host's management service, its checkpoints, the guest's integration services)
 * and `vmicvss`, the integration services' VSS requestor in older guests. Provider names are never localized.
 */
const isHypervSource = (provider: string): boolean => /^(?:microsoft-windows-hyper-v-|vmicvss$)/i.test(provider);

/**
 * VMware when files of a VMware origin (formats' declarations), a VMware Tools manifest zip, the VMware
 * provider or the words of a product that backs up through vSphere (vDR, a vSphere task error) are there; else Hyper-V when any Hyper-V evidence is: the guest's Hyper-V IC provider, the host's
 * Hyper-V writer, or events of a Hyper-V source (VMMS checkpoints, integration services). VMware's evidence
 * wins: a VM moved from Hyper-V to VMware keeps a stale Hyper-V provider (QL502).
 */
export function hypervisorOf(inputs: readonly InputFile[], facts: Facts): Report['hypervisor'] {
	if (inputs.some((i) => VMWARE_FORMATS.has(i.format) || i.format === VSS_MANIFESTS) || facts.providers.some((p) => p.id !== null && guidKey(p.id) === VMWARE_PROVIDER_ID) || facts.records.some(viaVsphere)) return 'vmware';
	const hypervWriter = writerIdOf(HYPERV_WRITER);
	if (
		facts.providers.some((p) => p.id !== null && guidKey(p.id) === HYPERV_PROVIDER_ID) ||
		facts.writers.some((w) => (w.writerId !== null ? guidKey(w.writerId) === hypervWriter : w.name === HYPERV_WRITER)) ||
		facts.records.some((r) => r.kind === 'windows-event' && isHypervSource(r.fields.provider))
	)
		return 'hyper-v';
	return 'unknown';
}

/** A record of a product that asks vSphere for the snapshot (its requester is VMware Tools in the guest). */
export const viaVsphere = (r: Facts['records'][number]): boolean => 'product' in r.fields && typeof r.fields.product === 'string' && productInfo(r.fields.product).requester === 'vmware';
