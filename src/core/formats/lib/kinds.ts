import type { RecordFields, RecordKind } from '../../model/records';
import type { EventSeverity, Origin } from '../../model/report';

/**
 * What a record kind means to the analysis, declared once per kind by the format family that owns it (a
 * table beside the reader, checked with `satisfies KindDeclarations`). The registry merges the tables of
 * every format (formats/index.ts); the analysis, the rules and the timeline read them there instead of
 * keeping lists of kinds of their own.
 */

/** Origins that exist only where VMware runs the VM (a Windows event log or a SQL Writer log says nothing of the hypervisor). */
export const VMWARE_ORIGINS: ReadonlySet<Origin> = new Set<Origin>(['vcenter', 'host', 'vmx', 'guest-tools']);
/** Origins on the hypervisor's side: they see the snapshots of every VM they run, a guest's files only its own. */
export const HOST_SIDE_ORIGINS: ReadonlySet<Origin> = new Set<Origin>(['vcenter', 'host', 'vmx']);

/**
 * What a kind's records are: `event`, a line of an attempt's timeline; `setting`, a configuration value;
 * `header`, what a file or a process start says about itself (product, version); `listing`, an entry of a
 * document that lists things (a VSS manifest). Only events join attempts.
 */
export type KindRole = 'event' | 'setting' | 'header' | 'listing';

/**
 * What two sources' records are instances of, so that the same happening seen by both pairs them for the
 * clock alignment: a snapshot start, an error reported to the host, or one Windows event
 * (`event:<provider lower case>:<id>`).
 */
export type AnchorCategory = 'start' | 'error' | `event:${string}`;

/** A value declared for the kind, or read from a record's fields. */
type ByFields<K extends RecordKind, T> = T | ((fields: RecordFields[K]) => T);

/** An event kind: drawn on the timeline, maybe (part of) a failure, maybe a clock anchor. */
export interface EventKindInfo<K extends RecordKind> {
	readonly role: 'event';
	/**
	 * How bad its records are by what they are: `error`, `warning` or `info`. A record's printed level, a
	 * failure HRESULT or a VmBackupStatus can make it worse (analysis/phases.ts eventSeverity).
	 */
	readonly severity: ByFields<K, EventSeverity>;
	/** Whether a record states (part of) its attempt's failure (the findings quote such lines as evidence). */
	readonly failure: ByFields<K, boolean>;
	/** The anchor a record is for the clock alignment, or null when it pairs with no other source. */
	readonly anchor: ByFields<K, AnchorCategory | null>;
	/**
	 * Whether a record is a step of its source's state machine (a vmbackup state, a ToolsBackup quiesce
	 * state, a writer's OnFreeze): the same line before and after a step happened in different phases, so no
	 * fold of repeats spans it (formats/lib/fold.ts).
	 */
	readonly phase?: boolean;
}

/** A kind that is no event: no severity of its own, never a failure, never a clock anchor. */
export interface StaticKindInfo {
	readonly role: Exclude<KindRole, 'event'>;
	readonly severity: 'none';
	readonly failure: false;
	readonly anchor: null;
}

/** What one kind means (see the module comment). */
export type KindInfo<K extends RecordKind> = EventKindInfo<K> | StaticKindInfo;

/** The declarations of the kinds K: one each. */
export type KindTable<K extends RecordKind = RecordKind> = { readonly [P in K]: KindInfo<P> };

/**
 * A family's table of the kinds it owns, checked entry by entry against each kind's fields (`satisfies
 * KindDeclarations`); that no kind is left without one is the registry's check.
 */
export type KindDeclarations = { readonly [P in RecordKind]?: KindInfo<P> };

/** A configuration value (.vmx, tools.conf, a registry value). */
export const SETTING_KIND: StaticKindInfo = { role: 'setting', severity: 'none', failure: false, anchor: null };
/** A file's or a process's statement about itself. */
export const HEADER_KIND: StaticKindInfo = { role: 'header', severity: 'none', failure: false, anchor: null };
/** An entry of a document that lists things. */
export const LISTING_KIND: StaticKindInfo = { role: 'listing', severity: 'none', failure: false, anchor: null };
/** An ordinary timeline line: informational, no failure, no anchor. */
export const PLAIN_EVENT: EventKindInfo<RecordKind> = { role: 'event', severity: 'info', failure: false, anchor: null };
/** A step of its source's state machine (see EventKindInfo.phase): informational, no failure, no anchor. */
export const PHASE_EVENT: EventKindInfo<RecordKind> = { role: 'event', severity: 'info', failure: false, anchor: null, phase: true };
/** The table of a format whose reader emits no records (its facts are listings: writers, providers …). */
export const NO_KINDS: KindTable<never> = {};
