/**
 * The report contract `quiesce-lens/report@1` (see README "Report" and report-schema.md).
 * Plain JSON-safe types: every surface (CLI, trees, Problems, webview) renders this object.
 * Times are ISO 8601 UTC with ms; lines are 1-based; paths are relative to the analysed root with `/`.
 */

export const REPORT_SCHEMA = 'quiesce-lens/report@1';

/** Where a fact was read: a file relative to the report root and a 1-based line. */
export interface SourceRef {
	path: string;
	line: number;
}

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'cp932' | 'euc-jp' | 'gb18030' | 'cp949' | 'cp850' | 'cp437' | 'windows-1252' | 'cp866' | 'windows-1251' | 'windows-1250' | 'cp852' | 'windows-1254' | 'cp857' | 'binary';
export type Eol = 'CRLF' | 'LF' | 'mixed' | 'none';
export type ClockBasis = 'stamped' | 'banner' | 'anchor' | 'setting' | 'assumed';
/**
 * How sure a source's alignment to UTC is: `exact`, its file states its offset (stamped, banner), the user set
 * it, or the same Windows event (record id) is in a source already on UTC; `inferred`, voted from pairs of the
 * same happening in other sources (a snapshot start, an error, an HRESULT) within minutes; `none`, borrowed
 * from other sources without a pair of its own (assumed).
 */
export type ClockConfidence = 'exact' | 'inferred' | 'none';

/** A source's clock: its offset to UTC and how that was decided. */
export interface InputClock {
	/** Minutes east of UTC. */
	utcOffsetMinutes: number;
	basis: ClockBasis;
	/** Set by the analysis for every decided clock (absent only on a reader's clock before alignment). */
	confidence?: ClockConfidence;
	/** The pairs with other sources the offset rests on (0 when it rests on none). */
	anchors?: number;
	/** How far those pairs disagree within the chosen offset: the largest minus the smallest residual (ms); null without pairs. */
	spreadMs?: number | null;
	/** For an offset decided from pairs: the closest few of them (at most 5; `anchors` counts them all), closest first. */
	pairs?: ClockPair[];
	/** Set when pairs overrode the offset the file itself stated (a banner wrong by a DST hour): that stated offset, minutes east of UTC. */
	statedUtcOffsetMinutes?: number;
}

/**
 * What two records of one happening are to each other: `same-event` (one Windows event record in two
 * exports), `snapshot-name` (the requester's create call and the host's start of the snapshot of that name),
 * `start` (a snapshot start on both sides), `error` (an error reported to the host), `hresult` (one failure
 * code at the same step), `event` (one kind of Windows event).
 */
export type ClockPairKind = 'same-event' | 'snapshot-name' | 'start' | 'error' | 'hresult' | 'event';

/** One pair a clock rests on: the record of the source aligned, its twin on UTC, and what is left of their gap after the offset (ms). */
export interface ClockPair {
	kind: ClockPairKind;
	local: SourceRef;
	utc: SourceRef;
	/** Local time minus the offset minus the UTC twin's time (ms): the logging delay and drift between them. */
	residualMs: number;
}
export type Severity = 'error' | 'warning' | 'info';

/**
 * Where a format's files come from, in the order a quiesce request travels: vCenter asks the host, the host
 * the VMX, the VMX the guest's VMware Tools, Tools Windows' VSS, VSS the application writers. A backup
 * product (the requester) asks first, wherever it runs, so its lane is on top. The timeline's lanes follow
 * this order.
 */
export const ORIGINS = ['backup-product', 'vcenter', 'host', 'vmx', 'guest-tools', 'guest-windows', 'guest-sql'] as const;
export type Origin = (typeof ORIGINS)[number];

/** One file looked at, recognised or not. */
export interface InputFile {
	path: string;
	/** Format id from the registry, or `unknown`. */
	format: string;
	/** Where that format's files come from (ORIGINS): the timeline's lane order; null for a file of no registered format. */
	origin: Origin | null;
	formatReason: string;
	encoding: Encoding;
	eol: Eol;
	lines: number;
	/** Lines no reader understood: counted, never silently dropped. */
	unparsedLines: number;
	clock: InputClock | null;
	/** Per-file errors (unreadable, too large, truncated …), one sentence each. */
	problems: string[];
	/**
	 * Set when a text no format claims as a whole was cut into sections (a pasted ticket: a listing, then an
	 * event's text …): this entry covers these lines of the file at `path` (1-based, inclusive), which keeps
	 * the file's path and line numbers. Absent for a file read whole.
	 */
	section?: { firstLine: number; lastLine: number };
	/** A file of event records (`.evtx`): the live event records read, whether or not they were kept as evidence. */
	records?: number;
	/** Of such a file: old records carved from chunk slack or header-less chunks, counted and never analysed. */
	recoveredRecords?: number;
	/** Of such a file: live records found but not decodable (each named in `problems`). */
	unreadableRecords?: number;
}

export type ListingStatus = 'ok' | 'empty' | 'error';

/** One `vssadmin list writers` output found in the bundle. */
export interface WriterListing {
	path: string;
	status: ListingStatus;
	count: number;
	/** The error text vssadmin printed instead of a listing, joined with spaces. */
	errorText: string | null;
	/** 1-based line where that error text starts. */
	errorLine: number | null;
	/** That line as printed, trimmed. */
	errorFirstLine: string | null;
	/** The first line of the listing as printed (the vssadmin header when present). */
	headerLine: string | null;
	/**
	 * False for an evident excerpt: no vssadmin header or prompt before the first block and fewer writers
	 * than any whole listing has (see WHOLE_LISTING_WRITERS). A writer missing from an excerpt proves nothing.
	 */
	whole: boolean;
	/**
	 * 1-based line the listing starts at (its banner, prompt or first block), given when its file holds more
	 * than one listing (before and after a restart, two servers): each is a listing of its own.
	 */
	line?: number;
	/** What its writers' `listing` says: the path, or for each listing after a file's first `path#n` (n from 2). */
	id?: string;
}

export type WriterStateName =
	| 'VSS_WS_UNKNOWN'
	| 'VSS_WS_STABLE'
	| 'VSS_WS_WAITING_FOR_FREEZE'
	| 'VSS_WS_WAITING_FOR_THAW'
	| 'VSS_WS_WAITING_FOR_POST_SNAPSHOT'
	| 'VSS_WS_WAITING_FOR_BACKUP_COMPLETE'
	| 'VSS_WS_FAILED_AT_IDENTIFY'
	| 'VSS_WS_FAILED_AT_PREPARE_BACKUP'
	| 'VSS_WS_FAILED_AT_PREPARE_SNAPSHOT'
	| 'VSS_WS_FAILED_AT_FREEZE'
	| 'VSS_WS_FAILED_AT_THAW'
	| 'VSS_WS_FAILED_AT_POST_SNAPSHOT'
	| 'VSS_WS_FAILED_AT_BACKUP_COMPLETE'
	| 'VSS_WS_FAILED_AT_PRE_RESTORE'
	| 'VSS_WS_FAILED_AT_POST_RESTORE'
	| 'VSS_WS_FAILED_AT_BACKUPSHUTDOWN';

/** One writer block of a listing. State comes from the `[n]` number, never from the localized word. */
export interface Writer {
	name: string;
	writerId: string | null;
	instanceId: string | null;
	/** `[n]`; null when the listing ended before the state line (truncated). */
	stateCode: number | null;
	state: WriterStateName | null;
	/** The state word(s) as printed, e.g. `Failed`, `Fehlgeschlagen`, `失敗`. */
	stateText: string | null;
	/** The whole state line as printed, trimmed (shown in tooltips). */
	stateLine: string | null;
	/** Where the state line is (the evidence for a failed writer); null when it was never read. */
	stateSource: SourceRef | null;
	lastError: string | null;
	lastErrorHresult: string | null;
	/** False when the last error is this listing's "no error" text (whatever its language). */
	hasLastError: boolean;
	failed: boolean;
	/** Owning Windows service (for the fix text), when known. */
	service: string | null;
	/** The writer's name line. */
	source: SourceRef;
	/** That line as printed, trimmed. */
	nameLine: string;
	/** Which listing it came from (a bundle may hold several): its `id`, or its path. */
	listing: string;
}

/** `vssadmin list providers`. */
export interface Provider {
	name: string;
	/** As printed (localized), e.g. `Software`, `ソフトウェア`. */
	type: string | null;
	id: string | null;
	version: string | null;
	source: SourceRef;
}

/** One shadow copy of `vssadmin list shadows`. Texts as printed (the creation time is local, in the user's locale format). */
export interface Shadow {
	setId: string | null;
	id: string | null;
	originalVolume: string | null;
	created: string | null;
	provider: string | null;
	type: string | null;
	source: SourceRef;
}

/** One association of `vssadmin list shadowstorage`; sizes as printed, wraps rejoined, plus parsed numbers. */
export interface ShadowStorage {
	forVolume: string | null;
	forVolumeGuid: string | null;
	storageVolume: string | null;
	used: string | null;
	allocated: string | null;
	maximum: string | null;
	usedBytes: number | null;
	/** null when UNBOUNDED or not printed. */
	maximumBytes: number | null;
	maximumPercent: number | null;
	source: SourceRef;
}

/** One volume of `vssadmin list volumes`. */
export interface Volume {
	path: string | null;
	name: string | null;
	source: SourceRef;
}

export type AttemptResult = 'success' | 'failed' | 'unknown';
export type Consistency = 'application' | 'filesystem' | 'crash' | 'none' | 'unknown';

/** One event of an attempt's timeline, from any source, on the aligned UTC axis. */
export interface AttemptEvent {
	/** Aligned UTC time (the source's clock offset applied); null when the source's clock is unknown. */
	time: string | null;
	source: string;
	line: number;
	/** Record kind (`snapshot-start`, `quiesce-state`, `vmbackup-event`, `windows-event` …). */
	kind: string;
	/** How bad the line is, from its printed level, HRESULT or status code (never from its words). */
	severity: EventSeverity;
	/** The raw line, trimmed. */
	text: string;
	/** Why the line is evidence of this attempt (absent when the attempt's builder did not say). */
	join?: EventJoin;
	/**
	 * Set when repeats of this line (same shape, numbers aside: formats/lib/fold.ts) were folded into it: how
	 * many there were, this one the first (2 or more). Absent for a line that stands alone.
	 */
	count?: number;
	/** With `count`: the last repeat's aligned UTC time (null when unknown), line and text, trimmed. */
	lastTime?: string | null;
	lastLine?: number;
	lastText?: string;
	/**
	 * Which part of a VSS backup wrote the line (analysis/vssRoles.ts), for an in-guest attempt's events only
	 * (a host snapshot's events have none): the timeline draws a lane per role. Absent when none is known.
	 */
	vssRole?: VssRole;
}

/**
 * Why an event joined its attempt: `vmx-log`, a line of the attempt's own vmware.log between its snapshot start
 * and end; `opid`, a task's line carrying the attempt's opID (or one it is a prefix of); `task`, a line of the
 * host or vCenter task the attempt was made from (its id, null for an export row without one); `window`, its
 * time (or its task's span) fell in the attempt's time window, `from`–`to` (UTC); `requester`, a line of a
 * backup product's log after its create call (at `line`) of the attempt's snapshot: the remove, the task's verdict.
 */
export type EventJoin = { by: 'vmx-log' } | { by: 'opid'; opId: string } | { by: 'task'; task: string | null } | { by: 'window'; from: string; to: string } | { by: 'requester'; line: number };

export type EventSeverity = Severity;

/** `task` host task, `snapshot` VMX snapshot, `quiesce` STARTED→next state, `flush-hold` COMMITTED→FINISHING, `thaw` FINISHING→next, `freeze` writer freeze→thaw, `stun` VM stopped. */
export type PhaseName = 'task' | 'snapshot' | 'quiesce' | 'flush-hold' | 'thaw' | 'freeze' | 'stun';

/** A span of an attempt on the aligned UTC axis (what the timeline draws as a bar). */
export interface AttemptPhase {
	name: PhaseName;
	start: string;
	end: string;
	/** The file and 1-based line that opens the span, and the line that closes it (same file or not). */
	source: string;
	line: number;
	endLine: number;
	/** The limit this span runs against (ms), when it has one (see `windows`). */
	limitMs: number | null;
	exceeded: boolean;
}

/** A duration measured against a limit it must stay under (all in ms). */
export interface WindowCheck {
	/** `writer freeze-thaw`, `Exchange writer freeze`, `VSS flush-and-hold`, `Tools quiesce timeout`. */
	name: string;
	measuredMs: number;
	limitMs: number;
	exceeded: boolean;
}

/** One snapshot attempt, joined across host and guest. */
export interface Attempt {
	/** `a1`, `a2` … in start order. */
	id: string;
	vm: string | null;
	snapshotName: string | null;
	opId: string | null;
	/** vCenter task (`task-768`) when known, else the host task (`haTask-…`). */
	task: string | null;
	/** quiesced=0 after a failed quiesced attempt is a crash-consistent fallback (see fallbackOf). */
	quiesced: boolean | null;
	/** Null when the attempt is known only from untimed text (a pasted error message): such attempts sort last. */
	start: string | null;
	end: string | null;
	result: AttemptResult;
	consistency: Consistency;
	/** Why the consistency verdict is what it is, one sentence each. */
	consistencyEvidence: string[];
	/** For a crash-consistent retry: the id of the failed quiesced attempt it replaced. */
	fallbackOf: string | null;
	vmbackupStatus: number | null;
	guestOperation: string | null;
	guestMessage: string | null;
	hresult: string | null;
	hresultName: string | null;
	fault: string | null;
	quiesceStates: string[];
	/** Host quiesce window: STARTED until COMMITTED or the error (ms). */
	quiesceMs: number | null;
	/** Writers frozen: guest freeze until thaw or abort (ms), when the guest logs show it. */
	freezeMs: number | null;
	windows: WindowCheck[];
	/** The spans the windows are measured on, plus task, snapshot, thaw and stun, in start order. */
	phases: AttemptPhase[];
	stunUs: number | null;
	/** Writers named by this attempt's records (e.g. the writer of a VSS 8229 veto). */
	writers: string[];
	events: AttemptEvent[];
	/** Who asked for the copy: the backup product by its own name, `VMware Tools` for a host quiesced snapshot, null when unknown. */
	requester: string | null;
	kind: AttemptKind;
	/** The VSS (or Tools quiesce) phase the failure happened in, when the evidence says; null for a success or when unknown. */
	failedPhase: VssPhase | null;
	/** What failed, when the evidence says; the fix is in the finding tied to the attempt (`attemptId`). */
	failedComponent: FailedComponent | null;
}

/**
 * `host-snapshot`: a VMware snapshot (host logs, a vSphere message, or the guest's Tools log of one), or a KVM
 * host's backup of the VM whose freeze is the QEMU guest agent's (Proxmox VE's vzdump log);
 * `guest-shadow-copy`: a shadow copy a requester inside Windows asked for (backup product, Windows Server
 * Backup, VSS events alone); `hyperv-checkpoint`: a Hyper-V (backup) checkpoint of the guest.
 */
export type AttemptKind = 'host-snapshot' | 'guest-shadow-copy' | 'hyperv-checkpoint';

/** The phases of a VSS backup in order (`commit` is the flush-and-hold while the snapshot is taken). */
export const VSS_PHASES = ['gather-metadata', 'prepare', 'freeze', 'commit', 'thaw', 'post-snapshot', 'backup-complete'] as const;
export type VssPhase = (typeof VSS_PHASES)[number];

/** The parts of a VSS backup, in the order a request travels: the requester asks VSS, VSS calls the writers, then the provider, which makes the shadow copy in volsnap. */
export const VSS_ROLES = ['requester', 'vss', 'writers', 'provider', 'volsnap'] as const;
export type VssRole = (typeof VSS_ROLES)[number];

/** What failed: the requester, a writer or provider by name, shadow storage (volsnap), the host, or VMware Tools' own quiescing (scripts, sync driver). */
export interface FailedComponent {
	type: 'requester' | 'writer' | 'provider' | 'shadow-storage' | 'host' | 'guest-tools';
	/** The writer, provider, volume or product by name, when known. */
	name: string | null;
}

export interface KbRef {
	id: string;
	title: string;
	url: string;
}

export interface Evidence extends SourceRef {
	text: string;
}

/** One diagnosis. Severity `error` = the reason a backup failed or is not what the user thinks. */
export interface Finding {
	/**
	 * Unique within the report and the same in every locale and every run on the same files: the code, the
	 * attempt, and a digest of what the finding is about (`QL201-a1-5f0c2e9b`, `QL303-7d41a0c3`).
	 */
	id: string;
	code: string;
	severity: Severity;
	title: string;
	message: string;
	attemptId: string | null;
	writers: string[];
	hresult: string | null;
	kb: KbRef[];
	fix: string;
	evidence: Evidence[];
}

export interface Report {
	schema: typeof REPORT_SCHEMA;
	tool: { name: string; version: string };
	root: string;
	/** Where the guest runs, from the evidence: VMware host files, or a Hyper-V guest's VSS provider/writers. */
	hypervisor: 'vmware' | 'hyper-v' | 'unknown';
	inputs: InputFile[];
	writerListings: WriterListing[];
	writers: Writer[];
	providers: Provider[];
	shadows: Shadow[];
	shadowStorage: ShadowStorage[];
	volumes: Volume[];
	attempts: Attempt[];
	findings: Finding[];
}
