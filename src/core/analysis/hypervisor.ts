import type { Facts } from '../formats/lib/format';
import type { InputFile, Report } from '../model/report';

/** The VMware VSS provider's id: ASCII of "VMware VSS Provi". */
const VMWARE_PROVIDER = '564d7761-7265-2056-5353-2050726f7669';
/** Hyper-V's in-guest provider (Hyper-V IC Software Shadow Copy Provider) and the Hyper-V writer. */
const HYPERV_PROVIDER = '74600e39-7dc5-4567-a03b-f091d6c7b092';

/** VMware when host files or the VMware provider are there; Hyper-V when the guest shows Hyper-V's provider instead. */
export function hypervisorOf(inputs: readonly InputFile[], facts: Facts): Report['hypervisor'] {
	const vmwareFormats = new Set(['vmware-log', 'vmx', 'hostd-log', 'vpxa-log', 'vpxd-log', 'tools-log', 'tools-conf', 'vcenter-tasks-csv', 'vcenter-events-csv', 'vss-manifests']);
	if (inputs.some((i) => vmwareFormats.has(i.format)) || facts.providers.some((p) => p.id === VMWARE_PROVIDER)) return 'vmware';
	if (facts.providers.some((p) => p.id === HYPERV_PROVIDER)) return 'hyper-v';
	return 'unknown';
}
