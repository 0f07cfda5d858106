import type { VssPhase } from '../model/report';

/**
 * Which VSS phase a failure happened in, from what is never translated: the writer state number
 * (VSS_WRITER_STATE, `[9]` = failed at freeze), the name of a VSS call or writer event an event or a product
 * prints (`PrepareForSnapshot Event`, `BeginPrepareSnapshot(…)`, `PreFinalCommitSnapshots`, Veeam's
 * `Operation: [Shadow copies commit]`), and the volsnap driver's event ids. The words for each phase are in
 * the message catalogues (`word.vssPhase`).
 */

/** Failed writer states 6–12 and 15 (VSS_WS_FAILED_AT_…) by the phase they failed in; restore states have none here. */
const BY_WRITER_STATE: Readonly<Record<number, VssPhase>> = {
	6: 'gather-metadata',
	7: 'prepare',
	8: 'prepare',
	9: 'freeze',
	10: 'thaw',
	11: 'post-snapshot',
	12: 'backup-complete',
	15: 'backup-complete',
};

/** The phase a failed writer state (its `[n]` number) stands for, or null. */
export const phaseOfWriterState = (code: number | null): VssPhase | null => (code === null ? null : (BY_WRITER_STATE[code] ?? null));

/**
 * VSS calls and writer events by phase, matched as identifiers (case-sensitive API names, spaces allowed
 * where the event text or a product spells an event out). Order matters: `PrepareForSnapshot` before the
 * bare `Snapshot` words of commit, `Unfreeze`/`Thaw` before `Freeze`, `PostSnapshot` before `Snapshot`.
 */
const BY_CALL: readonly [RegExp, VssPhase][] = [
	[/\b(?:OnIdentify|Identify(?: Event)?|GatherWriterMetadata|GetWriterMetadata)\b/, 'gather-metadata'],
	[/\b(?:PrepareForBackup|OnPrepareBackup|SetBackupState)\b/, 'prepare'],
	[/\b(?:PrepareForSnapshot|OnPrepareSnapshot|BeginPrepareSnapshot|EndPrepareSnapshots|AddToSnapshotSet|StartSnapshotSet)\b/, 'prepare'],
	[/\b(?:OnThaw|Thaw(?: Event)?|[Uu]nfreeze|PostCommitSnapshots)\b/, 'thaw'],
	// After the thaw: the auto-recovery commit (Windows 2008 and later) and the writers' PostSnapshot.
	[/\b(?:OnPostSnapshot|PostSnapshot|PreFinalCommitSnapshots|PostFinalCommitSnapshots)\b/, 'post-snapshot'],
	[/\b(?:OnFreeze|Freeze(?: Event)?)\b/, 'freeze'],
	[/\b(?:DoSnapshotSet|PreCommitSnapshots|CommitSnapshots|FlushAndHold|Shadow copies commit)\b/, 'commit'],
	[/\b(?:OnBackupComplete|BackupComplete|OnBackupShutdown)\b/, 'backup-complete'],
];

/** The phase a printed VSS call, writer event or product operation names, or null when it names none. */
export function phaseOfCall(text: string | null): VssPhase | null {
	if (!text) return null;
	for (const [re, phase] of BY_CALL) if (re.test(text)) return phase;
	return null;
}

/**
 * volsnap events that end shadow copies already made because their storage (the diff area) could not grow,
 * or its volume was not there (32): they happen while the backup reads the copy, after the commit.
 */
export const SHADOW_STORAGE_EVENTS: ReadonlySet<number> = new Set([24, 25, 32, 35, 36]);

/**
 * volsnap events that stop a new shadow copy at its creation because its storage has no room: 41, the diff area
 * had no large enough contiguous blocks while the copy was prepared (the requester then reports
 * VSS_E_INSUFFICIENT_STORAGE at the commit).
 */
export const SHADOW_STORAGE_CREATE_EVENTS: ReadonlySet<number> = new Set([41]);

/** HRESULTs that name the shadow storage as what failed (no room for the diff area, or too many associations). */
export const SHADOW_STORAGE_HRESULTS: ReadonlySet<string> = new Set(['0x8004231F', '0x8004231E']);

/**
 * A requester's own setup calls, made before any writer or provider takes part: CreateVssBackupComponents and
 * IVssBackupComponents::InitializeForBackup (AlphaVSS's `VssBackupComponents..ctor` wraps the first). Microsoft
 * documents their E_ACCESSDENIED as "the caller does not have sufficient backup privileges or is not an
 * administrator": the requester's process is not elevated, or its account is neither an administrator nor a
 * backup operator.
 */
export const REQUESTER_SETUP_CALL = /\b(?:CreateVssBackupComponents|InitializeForBackup|VssBackupComponents\.\.ctor)\b/;

/** HRESULTs of a provider's veto or failure (the provider, not a writer, refused). */
export const PROVIDER_HRESULTS: ReadonlySet<string> = new Set(['0x80042306', '0x8004230F', '0x8004230E']);

/**
 * HRESULTs that say in which phase they happened whichever call reported them: a writer's freeze-thaw window
 * expiring (often reported at the Thaw event, after the fact), and VSS's own flush and hold timeouts.
 */
const BY_HRESULT: Readonly<Record<string, VssPhase>> = {
	'0x800423F2': 'freeze',
	'0x80042313': 'commit',
	'0x80042314': 'commit',
	'0x80042328': 'freeze',
	'0x80042329': 'thaw',
};

/** The phase an HRESULT implies on its own (see BY_HRESULT), or null. */
export const phaseOfHresult = (hresult: string | null): VssPhase | null => (hresult === null ? null : (BY_HRESULT[hresult] ?? null));
