import { VMWARE_FORMATS } from '../formats';
import type { Facts } from '../formats/lib/format';
import type { InputFile, Report } from '../model/report';

/** The VMware VSS provider's id: ASCII of "VMware VSS Provi". */
const VMWARE_PROVIDER = '564d7761-7265-2056-5353-2050726f7669';
/** Hyper-V's in-guest provider (Hyper-V IC Software Shadow Copy Provider) and the Hyper-V writer. */
const HYPERV_PROVIDER = '74600e39-7dc5-4567-a03b-f091d6c7b092';

/** The manifest zip VMware Tools saves beside the VM (an archive the reading recognises, no registered format). */
const VSS_MANIFESTS = 'vss-manifests';

/**
 * VMware when files of a VMware origin (formats' declarations), a VMware Tools manifest zip or the VMware
 * provider are there; Hyper-V when the guest shows Hyper-V's provider instead.
 */
export function hypervisorOf(inputs: readonly InputFile[], facts: Facts): Report['hypervisor'] {
	if (inputs.some((i) => VMWARE_FORMATS.has(i.format) || i.format === VSS_MANIFESTS) || facts.providers.some((p) => p.id === VMWARE_PROVIDER)) return 'vmware';
	if (facts.providers.some((p) => p.id === HYPERV_PROVIDER)) return 'hyper-v';
	return 'unknown';
}
