/** VSS HRESULTs from vsserror.h (formats.md §7.3): name and a one-line meaning. */
export interface HresultInfo {
	name: string;
	meaning: string;
}

export const HRESULTS: Readonly<Record<string, HresultInfo>> = {
	'0x80042301': { name: 'VSS_E_BAD_STATE', meaning: 'a VSS call was made in the wrong state or sequence' },
	'0x80042302': { name: 'VSS_E_UNEXPECTED', meaning: 'a VSS component hit an unexpected error (see the Application log)' },
	'0x80042303': { name: 'VSS_E_PROVIDER_ALREADY_REGISTERED', meaning: 'the provider is registered twice' },
	'0x80042304': { name: 'VSS_E_PROVIDER_NOT_REGISTERED', meaning: 'the provider is not registered' },
	'0x80042306': { name: 'VSS_E_PROVIDER_VETO', meaning: 'the shadow copy provider had an error' },
	'0x80042307': { name: 'VSS_E_PROVIDER_IN_USE', meaning: 'the provider is in use' },
	'0x80042308': { name: 'VSS_E_OBJECT_NOT_FOUND', meaning: 'the object was not found' },
	'0x8004230C': { name: 'VSS_E_VOLUME_NOT_SUPPORTED', meaning: 'shadow copying this volume is not supported' },
	'0x8004230F': { name: 'VSS_E_UNEXPECTED_PROVIDER_ERROR', meaning: 'the provider hit an unexpected error' },
	'0x80042313': { name: 'VSS_E_FLUSH_WRITES_TIMEOUT', meaning: 'the provider timed out flushing writes (heavy I/O)' },
	'0x80042314': { name: 'VSS_E_HOLD_WRITES_TIMEOUT', meaning: 'the provider timed out holding writes (heavy I/O)' },
	'0x80042315': { name: 'VSS_E_UNEXPECTED_WRITER_ERROR', meaning: 'VSS could not send events to the writers' },
	'0x80042316': { name: 'VSS_E_SNAPSHOT_SET_IN_PROGRESS', meaning: 'another shadow copy creation is in progress' },
	'0x80042317': { name: 'VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED', meaning: 'the volume already has the maximum number of shadow copies' },
	'0x80042318': { name: 'VSS_E_WRITER_INFRASTRUCTURE', meaning: 'VSS could not contact the writers (EventSystem / VSS services)' },
	'0x80042319': { name: 'VSS_E_WRITER_NOT_RESPONDING', meaning: 'a writer did not respond' },
	'0x8004231F': { name: 'VSS_E_INSUFFICIENT_STORAGE', meaning: 'not enough shadow storage space' },
	'0x80042336': { name: 'VSS_E_WRITERERROR_PARTIAL_FAILURE', meaning: 'some components of the writer failed' },
	'0x800423F0': { name: 'VSS_E_WRITERERROR_INCONSISTENTSNAPSHOT', meaning: 'the shadow set lacks a volume the writer needs' },
	'0x800423F1': { name: 'VSS_E_WRITERERROR_OUTOFRESOURCES', meaning: 'the writer ran out of resources' },
	'0x800423F2': { name: 'VSS_E_WRITERERROR_TIMEOUT', meaning: "the writer's freeze–thaw window expired" },
	'0x800423F3': { name: 'VSS_E_WRITERERROR_RETRYABLE', meaning: 'a transient writer error; a retry may succeed' },
	'0x800423F4': { name: 'VSS_E_WRITERERROR_NONRETRYABLE', meaning: 'a non-transient writer error; the writer must be fixed' },
};

/** Normalises `0x800423f2` / `800423F2` to the report form `0x800423F2`; null if not an HRESULT. */
export function normalizeHresult(text: string): string | null {
	const m = /^(?:0x)?([0-9a-f]{8})$/i.exec(text.trim());
	return m ? `0x${m[1].toUpperCase()}` : null;
}
