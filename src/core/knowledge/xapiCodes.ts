import type { ProductCode } from './productCodes';

/**
 * XenServer's (Citrix Hypervisor's, XCP-ng's) errors of a quiesced snapshot, as XAPI names them in `xe`'s
 * output, XenCenter's and Xen Orchestra's task errors and the SDKs: constant names, never translated. The
 * quiesced snapshot (`VM.snapshot_with_quiesce`) asks the XenServer VSS provider in a Windows guest for a
 * shadow copy; the `XEN_VSS_REQ_ERROR_*` codes are that requester's own steps. Only these codes are listed; a
 * XAPI code not listed is no code of this table. Citrix Hypervisor 8.1 removed the call (`MESSAGE_REMOVED`).
 */

const API_ERRORS = 'https://xapi-project.github.io/xen-api/ (XAPI error reference: VM_SNAPSHOT_WITH_QUIESCE_*, XEN_VSS_REQ_ERROR_*)';

export const XAPI_QUIESCE_CODES: Readonly<Record<string, ProductCode>> = {
	VM_SNAPSHOT_WITH_QUIESCE_FAILED: { name: null, meaning: 'XenServer: the quiesced snapshot failed for an unexpected reason (the VSS shadow copy in the Windows guest failed)', source: API_ERRORS },
	VM_SNAPSHOT_WITH_QUIESCE_TIMEOUT: { name: null, meaning: "XenServer: the quiesced snapshot timed out waiting for the guest's VSS plug-in (a writer or the shadow copy took too long)", source: API_ERRORS },
	// The constant is spelt so in XAPI (`DEOS`).
	VM_SNAPSHOT_WITH_QUIESCE_PLUGIN_DEOS_NOT_RESPOND: { name: null, meaning: "XenServer: the guest's VSS plug-in could not be contacted (the XenServer VSS provider or the guest agent is not running)", source: API_ERRORS },
	VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED: { name: null, meaning: 'XenServer: the VSS plug-in is not installed in this VM, so it cannot be snapshotted quiesced', source: API_ERRORS },
	XEN_VSS_REQ_ERROR_INIT_FAILED: { name: null, meaning: "XenServer: the guest's VSS requester could not initialise VSS", source: API_ERRORS },
	XEN_VSS_REQ_ERROR_PROV_NOT_LOADED: { name: null, meaning: 'XenServer: the XenServer VSS provider is not loaded in the guest', source: API_ERRORS },
	XEN_VSS_REQ_ERROR_NO_VOLUMES_SUPPORTED: { name: null, meaning: "XenServer: none of the guest's volumes is supported by the XenServer VSS provider", source: API_ERRORS },
	XEN_VSS_REQ_ERROR_START_SNAPSHOT_SET_FAILED: { name: null, meaning: "XenServer: the guest's VSS requester could not start the shadow copy set", source: API_ERRORS },
};

/** One of the codes above, as a whole word (an SDK's prefixed constant, `XENSERVER_VM_SNAPSHOT_…`, included). */
export const XAPI_QUIESCE_CODE = new RegExp(`(?<![A-Za-z0-9_])(?:XENSERVER_|XEN_API_FAILURE_)?(${Object.keys(XAPI_QUIESCE_CODES).join('|')})(?![A-Za-z0-9_])`);
