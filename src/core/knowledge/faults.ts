/**
 * vSphere faults a failed snapshot task reports (`vim.fault.*` in hostd/vpxa/vpxd and vCenter exports),
 * with the vSphere API reference's description and page.
 */
export interface FaultInfo {
	/** The API's own description, abridged. */
	meaning: string;
	/** The API reference page. */
	url: string;
	/** Whether the fault exists only for a quiesced snapshot (its task asked the guest to quiesce). */
	quiesce: boolean;
}

const API = 'https://developer.broadcom.com/xapis/virtual-infrastructure-json-api/latest/data-structures';

export const FAULTS: Readonly<Record<string, FaultInfo>> = {
	'vim.fault.ApplicationQuiesceFault': {
		meaning: 'creating the quiesced snapshot failed because quiescing in the guest failed (the API names a custom pre-freeze script exiting non-zero; hosts also report guest VSS errors this way)',
		url: `${API}/ApplicationQuiesceFault`,
		quiesce: true,
	},
	'vim.fault.FilesystemQuiesceFault': {
		meaning: 'the create snapshot operation exceeded the time limit for holding off I/O in the frozen virtual machine, so the snapshot was rolled back',
		url: `${API}/FilesystemQuiesceFault`,
		quiesce: true,
	},
	'vim.fault.ToolsUnavailable': {
		meaning: 'the operation could not contact VMware Tools running inside the virtual machine',
		url: `${API}/ToolsUnavailable`,
		quiesce: false,
	},
};

/** What a `vim.fault.*` name means, when it is one of these. */
export function faultInfo(name: string | null): FaultInfo | undefined {
	return name ? FAULTS[name] : undefined;
}
