import { appendAll, pushTo } from '../collections';
import { decisiveOf, HRESULTS } from '../knowledge/hresults';
import { hresultOf, type KindRecord, type LogRecord, type RecordOf } from '../model/records';
import type { Attempt, AttemptEvent, AttemptKind, EventJoin, InputFile, PhaseName } from '../model/report';
import { translator, type Translate } from '../knowledge/messages';
import { KINDS } from '../formats';
import { errorFields } from '../formats/tools/toolsMessages';
import { isCrashVerdict } from '../formats/backup/generic';
import { instantMs, isoOfMs } from '../formats/lib/stamps';
import { judgeConsistency } from './consistency';
import { vmOfPath, vmOfVmx, vmxLogFolder } from './vmPaths';
import { eventSeverity, measurePhases } from './phases';
import { eventDrafts, isWriterHostEvent, requesterDrafts, requesterFollowers, untimedDrafts } from './guestAttempts';
import { failurePoint } from './verdict';
import { vssRoleOf } from './vssRoles';
import { faultInfo } from '../knowledge/faults';
import { requesterName, VMWARE_TOOLS } from '../knowledge/productCodes';

/**
 * Builds one attempt per snapshot attempt from the records of every file (issue 5): the VMX's
 * `SnapshotVMX_TakeSnapshot start` when a vmware.log is there, else the host or vCenter task, else hostd's
 * state transition of the VM into `VM_STATE_CREATE_SNAPSHOT`. Host
 * tasks join by opID first, then by time window; guest and Windows records join by time window (their
 * times are aligned first, see clocks.ts).
 */

const SECOND = 1000;
/** A host task and the VMX start of the same snapshot are logged within this time (ms). */
const TASK_JOIN = 10 * SECOND;
/** Guest and host lines of an attempt may run a little before its start or after its end (ms). */
const EVENT_MARGIN = 60 * SECOND;

const ms = instantMs;

/** A host or vCenter task's record. */
type TaskRecord = RecordOf<'task-created' | 'task-completed' | 'vcenter-task'>;

/** A record of a snapshot task: hostd's or vpxa's createSnapshot task, or a row of vCenter's. */
function isSnapshotTask(r: LogRecord): r is TaskRecord {
	if (r.kind === 'task-created' || r.kind === 'task-completed') return /createSnapshot/i.test(r.fields.method ?? r.fields.taskId);
	return r.kind === 'vcenter-task' && r.fields.operation === 'createSnapshot';
}

/** An attempt while it is being assembled. */
export interface Draft {
	vm: string | null;
	name: string | null;
	quiesced: boolean | null;
	startMs: number;
	endMs: number | null;
	/** The VMX log it came from, when it came from one. */
	vmxLog: string | null;
	opId: string | null;
	task: string | null;
	hostTask: string | null;
	records: LogRecord[];
	/** The timed records of other files this attempt is the one home of (assignEvidence). */
	joined: LogRecord[];
	snapshotUid: number | null;
	failed: boolean;
	succeeded: boolean;
	/** Set by the in-guest and untimed steps (guestAttempts.ts); a host attempt's are read from its records. */
	requester?: string | null;
	kind?: AttemptKind;
}

/** A draft of any step: one known only from untimed text has no start (guestAttempts.ts). */
export type AnyDraft = Omit<Draft, 'startMs'> & { startMs: number | null };

/** The VM a host file is about: the VMX's displayName, or the folder a vmware.log sits in. */
function vmOfLog(path: string, positions: readonly number[], records: readonly LogRecord[]): string | null {
	let file: string | null = null;
	for (const i of positions) {
		const r = records[i];
		if (r.kind === 'vmx-setting' && r.fields.key === 'displayName') return r.fields.value;
		if (r.kind === 'vm-file') file ??= r.fields.vm;
	}
	// The VM's own file the log names (its folder on the datastore) before the folder the log was read from.
	return file ?? vmxLogFolder(path);
}

/**
 * The attempts of a bundle, in the steps the module comment names: index the records, one attempt per VMX
 * snapshot, join the host and vCenter tasks, fill each attempt from its time window, mark the fallbacks,
 * judge each one's consistency. `locale` is the language of the consistency evidence (English by default).
 */
export function buildAttempts(records: readonly LogRecord[], inputs: readonly InputFile[], locale?: string | null): Attempt[] {
	// The steps' index and marks end with draftAttempts: they are not kept while the attempts' events are made
	// (a few MB at 210,000 records, at the moment the join holds the most).
	const { all, why, settings } = draftAttempts(records, inputs);
	const attempts = all.map((d, i) => finish(d, `a${i + 1}`, why));
	markFallbacks(attempts);
	judgeAttempts(attempts, all, inputs, settings, translator(locale));
	return attempts;
}

/** Steps 1–7: every attempt's draft, why each record of another file joined one, and the settings the verdict reads. */
function draftAttempts(records: readonly LogRecord[], inputs: readonly InputFile[]): { all: AnyDraft[]; why: JoinReasons; settings: LogRecord[] } {
	const index = indexRecords(records, inputs);
	// The records some attempt holds, by position in `records` (1: held), marked as each step adds them.
	const held = new Uint8Array(records.length);
	const drafts = vmxDrafts(index, held);
	// Why each record of another file joined the attempt it did (the report's `events[].join`).
	const why: JoinReasons = new Map();
	// Steps 2 and 3 find and add drafts through one index of them (by opID and start).
	const draftIndex = new DraftIndex(drafts);
	joinTasks(index, draftIndex, held, why);
	joinStates(index, draftIndex, held);
	drafts.sort((a, b) => a.startMs - b.startMs);
	assignEvidence(drafts, index, held, why);
	const all = withGuestAttempts(drafts, untimedVmxDrafts(index, held), index, held, why);
	return { all, why, settings: index.settings };
}

/**
 * Steps 5–7 (guestAttempts.ts), on what no host attempt holds: the requesters' own tries (Tools runs,
 * product sessions), which take the Windows events of their time as host attempts do; then runs of VSS
 * failure events no attempt holds; then untimed reports, which join the one failed timed attempt of their
 * requester (with none failed, a failure report joins its one try of unknown outcome) or stand alone. Timed attempts sort by start; the untimed ones follow: a vmware.log's without
 * UTC time (`untimedHosts`, ESX 4), then the others in input order.
 */
function withGuestAttempts(hosts: Draft[], untimedHosts: readonly AnyDraft[], index: RecordIndex, held: Uint8Array, why: JoinReasons): AnyDraft[] {
	const { records } = index;
	// The positions of the records no attempt holds yet, in input order: every record the steps below put in
	// an attempt is one of them (their drafts are made of free records), and `held` only grows, so each later
	// list filters the one before (on a host bundle, a few).
	let freeAt: number[] = [];
	for (let i = 0; i < records.length; i++) if (held[i] === 0) freeAt.push(i);
	const free = () => {
		freeAt = freeAt.filter((i) => held[i] === 0);
		return freeAt.map((i) => records[i]);
	};
	// Marks these records held by one pass over the free positions: the records a step holds are few, and a
	// Map from every free record to its position (163,000 on the records bench bundle) hashed each of them.
	const holdRecords = (taken: ReadonlySet<LogRecord>) => {
		if (taken.size > 0) for (const i of freeAt) if (taken.has(records[i])) held[i] = 1;
	};
	const hold = (list: readonly AnyDraft[]) => holdRecords(new Set(list.flatMap((d) => [...d.records, ...d.joined])));
	const followers = new Set<LogRecord>();
	for (const [r, { d, call }] of requesterFollowers(hosts, free())) {
		d.joined.push(r);
		why.set(r, { by: 'requester', line: call.source.line });
		followers.add(r);
	}
	holdRecords(followers);
	const requesters = requesterDrafts(
		free(),
		records.filter((r) => r.kind === 'product-option'),
	);
	const timedRequesters = requesters.filter((d): d is Draft => d.startMs !== null);
	hold(requesters);
	assignEvidence(timedRequesters, index, held, why);
	const clusters = eventDrafts(free());
	hold(clusters);
	const timed: Draft[] = [...hosts, ...timedRequesters, ...clusters].sort((a, b) => a.startMs - b.startMs);
	const untimedRequesters = requesters.filter((d) => d.startMs === null);
	// An untimed report may be a requester's own try told by the client (a Tools log without a year under
	// vSphere's error): those tries are homes too.
	const untimed = untimedDrafts(free(), [...timed, ...untimedRequesters], requesterOfDraft);
	return [...timed, ...untimedHosts, ...untimedRequesters, ...untimed];
}

/**
 * Who asked for an attempt's copy: the draft's own (in-guest steps), else the backup product whose lines
 * the attempt holds, else VMware Tools when the snapshot was quiesced (its flag, a quiesce fault or reason).
 */
function requesterOfDraft(d: AnyDraft): string | null {
	if (d.requester !== undefined) return d.requester;
	const own = [...d.records, ...d.joined];
	for (const r of own) if ('product' in r.fields && typeof r.fields.product === 'string' && r.fields.product !== 'vsphere') return requesterName(r.fields.product);
	const quiesce = d.quiesced === true || own.some((r) => ('fault' in r.fields && faultInfo(r.fields.fault ?? null)?.quiesce === true) || ('reason' in r.fields && typeof r.fields.reason === 'string'));
	return quiesce ? VMWARE_TOOLS : null;
}

/** Why a record joined its attempt, for the records a step joined by opID, task or time. */
type JoinReasons = Map<LogRecord, EventJoin>;

/**
 * What the steps look records up in, built in two passes (see indexRecords). Lists of positions name records
 * by their place in `records`: the steps mark what each attempt holds in an array by position, not in a Set
 * of records (a Set hashes each record object, 210,000 of them several times over at the vms bench bundle:
 * that was half of the join's time, and its tables megabytes of its peak).
 */
interface RecordIndex {
	records: readonly LogRecord[];
	/** The timed records in time order, their times (ms since the epoch) and their positions. */
	timed: LogRecord[];
	timedMs: number[];
	timedAt: number[];
	/** The positions of every record of each vmware.log, timed or not (its displayName setting may be either). */
	ofLog: Map<string, number[]>;
	/** The positions of the timed records of each vmware.log, in time order. */
	byLog: Map<string, number[]>;
	/** The positions of the records of each host or vCenter snapshot task, in time order, by task id. */
	tasks: Map<string, number[]>;
	/** The .vmx the first record of each opID names: looked up once per task instead of a scan each. */
	vmxByOpId: Map<string | null, string>;
	/** The settings the verdict reads (.vmx and tools.conf). */
	settings: LogRecord[];
}

/**
 * Indexes the records in one pass over them all and one over the timed ones in time order: each pass over
 * tens of thousands of records with a callback of its own runs cold (about 5 ms per 40,000). Each stamp is
 * parsed once (ms since the epoch), not once per comparison.
 */
function indexRecords(records: readonly LogRecord[], inputs: readonly InputFile[]): RecordIndex {
	// A pasted text cut into sections has an input per section, all with its path: only the lines of its vmware.log
	// sections are the log's (a client's error quoted in the prose above it is a report of its own, step 7).
	const vmxLogs = new Map<string, ({ firstLine: number; lastLine: number } | null)[]>();
	for (const i of inputs) if (i.format === 'vmware-log') pushTo(vmxLogs, i.path, i.section ?? null);
	const inVmxLog = (r: LogRecord) => vmxLogs.get(r.source.path)?.some((s) => s === null || (r.source.line >= s.firstLine && r.source.line <= s.lastLine)) === true;
	// The timed records' positions sorted by their instant (ms; a stable sort keeps input order within one):
	// positions and a typed array, not an object per record (210,000 of them at the vms bench bundle).
	const byTime: number[] = [];
	const timeMs = new Float64Array(records.length);
	const index: RecordIndex = { records, timed: [], timedMs: [], timedAt: byTime, ofLog: new Map(), byLog: new Map(), tasks: new Map(), vmxByOpId: new Map(), settings: [] };
	for (let i = 0; i < records.length; i++) {
		const r = records[i];
		if (r.time !== null) {
			byTime.push(i);
			timeMs[i] = ms(r.time);
		}
		if (inVmxLog(r)) pushTo(index.ofLog, r.source.path, i);
		if (r.kind === 'vmx-setting' || r.kind === 'tools-conf-setting') index.settings.push(r);
	}
	byTime.sort((a, b) => timeMs[a] - timeMs[b]);
	for (const i of byTime) {
		const r = records[i];
		const t = timeMs[i];
		index.timed.push(r);
		index.timedMs.push(t);
		const f = r.fields;
		// Only a real opID ties lines together: lines without one name no common task.
		if ('vmx' in f && f.vmx && f.opId !== null && !index.vmxByOpId.has(f.opId)) index.vmxByOpId.set(f.opId, f.vmx);
		if (inVmxLog(r)) pushTo(index.byLog, r.source.path, i);
		if (isSnapshotTask(r)) pushTo(index.tasks, r.fields.taskId ?? `${r.source.path}:${r.source.line}`, i);
	}
	return index;
}

/**
 * Whether a vmware.log line is a step of a snapshot under way, so that an excerpt cut after its
 * `SnapshotVMX_TakeSnapshot start` still shows its attempt: the quiesce's states, the snapshot's end, a line
 * stating why the quiesce failed (`Guest not privileged, dropping vmbackup event set request`: the guest's
 * events arrive only during one), and a Msg_Post quoting the guest's error or a quiesce reason (a stun or
 * another Msg_Post may be anything else).
 */
function isSnapshotStep(r: LogRecord): boolean {
	// An LWD error is the snapshot's data path failing: only a snapshot under way has one.
	if (r.kind === 'quiesce-state' || r.kind === 'snapshot-failed' || r.kind === 'snapshot-done' || r.kind === 'lwd-error' || r.kind === 'quiesce-note') return true;
	return r.kind === 'msg-post' && (r.fields.vmbackupStatus != null || r.fields.reason !== null);
}

/**
 * Step 1, the VMX's own view: one attempt per snapshot start, ended by its done/failed line; a log whose
 * first snapshot step comes before any start (an excerpt cut after it) has an attempt from that step on.
 */
function vmxDrafts({ records, byLog, ofLog }: RecordIndex, held: Uint8Array): Draft[] {
	const drafts: Draft[] = [];
	for (const [path, list] of byLog) appendAll(drafts, vmxRuns(path, vmOfLog(path, ofLog.get(path)!, records), list, records, held, true) as Draft[]);
	return drafts;
}

/**
 * The same for the lines of a vmware.log that have no UTC time (ESX 4's `Mar 12 03:01:14.512: vmx|` names
 * no year nor zone): its attempts in file order, untimed, each with its own steps.
 */
function untimedVmxDrafts({ records, ofLog }: RecordIndex, held: Uint8Array): AnyDraft[] {
	const drafts: AnyDraft[] = [];
	for (const [path, all] of ofLog) {
		const untimed = all.filter((i) => records[i].time === null);
		if (untimed.length > 0) appendAll(drafts, vmxRuns(path, vmOfLog(path, all, records), untimed, records, held, false));
	}
	return drafts;
}

/**
 * The attempts of one vmware.log's records in order (see vmxDrafts), with their times when `timed`; `list`
 * holds their positions in `records`, and each record an attempt takes is marked in `held`.
 */
function vmxRuns(path: string, vm: string | null, list: readonly number[], records: readonly LogRecord[], held: Uint8Array, timed: boolean): AnyDraft[] {
	const drafts: AnyDraft[] = [];
	const at = (r: LogRecord) => (timed ? ms(r.time!) : null);
	let current: AnyDraft | null = null;
	let started = false;
	for (const i of list) {
		const r = records[i];
		// The VM's file names the log's VM (vmOfLog); it is no step of any attempt.
		if (r.kind === 'vm-file') continue;
		const cut = !started && r.kind !== 'snapshot-start' && isSnapshotStep(r);
		if (r.kind === 'snapshot-start' || cut) {
			const start = r.kind === 'snapshot-start' ? r.fields : { name: null, quiesced: null, opId: null };
			current = { vm, name: start.name, quiesced: start.quiesced, startMs: at(r), endMs: null, vmxLog: path, opId: start.opId, task: null, hostTask: null, records: [], joined: [], snapshotUid: null, failed: false, succeeded: false };
			drafts.push(current);
			started = true;
		}
		if (!current) continue;
		// Only a quiesced snapshot has quiesce states: an excerpt without its start says so by them.
		if (r.kind === 'quiesce-state') current.quiesced ??= true;
		current.records.push(r);
		held[i] = 1;
		if (r.kind === 'snapshot-done') {
			current.endMs = at(r);
			current.snapshotUid = r.fields.uid;
			if ((current.snapshotUid ?? 0) > 0) current.succeeded = true;
		}
		// An LWD error fails the snapshot (its data path could not read or write the snapshot's data); its lines
		// that cancel the snapshot or panic the VM end it, as the VMX's failure line does.
		if (r.kind === 'lwd-error') current.failed = true;
		if (r.kind === 'snapshot-failed' || (r.kind === 'lwd-error' && (r.fields.canceled || r.fields.quiesceFailed))) {
			current.endMs = at(r);
			current.failed = true;
			current = null;
		} else if (r.kind === 'snapshot-done' && current.succeeded) {
			current = null;
		}
		if (current && r.kind === 'vigor-request' && current.opId === null) current.opId = r.fields.opId;
	}
	return drafts;
}

/** Step 2, host and vCenter tasks: each joins its VMX attempt (opID, else time) or stands as an attempt of its own (added to the index, and so to the drafts). */
function joinTasks({ records, tasks, vmxByOpId }: RecordIndex, index: DraftIndex, held: Uint8Array, why: JoinReasons): void {
	// Host tasks first: their stamps have ms precision, an export's only seconds and a guessed zone.
	const isVcenter = (positions: readonly number[]) => Number(records[positions[0]].kind === 'vcenter-task');
	const ordered = [...tasks].sort(([, a], [, b]) => isVcenter(a) - isVcenter(b));

	for (const [taskId, positions] of ordered) {
		const list = positions.map((i) => records[i] as TaskRecord);
		const created = list[0];
		const completed = list.find((r) => r.kind === 'task-completed') ?? (created.kind === 'vcenter-task' ? created : undefined);
		const opId = created.fields.opId;
		const startMs = ms(created.time!);
		const endMs = completed ? ms(completed.time!) : startMs;
		// vCenter's task (task-N, or a row of an export) and the host's haTask are two views of one attempt.
		const slot: 'task' | 'hostTask' = created.kind === 'vcenter-task' || /^task-\d+$/.test(taskId) ? 'task' : 'hostTask';
		const vm = (created.kind === 'vcenter-task' ? created.fields.target : null) ?? (opId === null ? null : vmOfVmx(vmxByOpId.get(opId) ?? null));
		// By time only an attempt of the task's own VM (when both are known): another VM's snapshot may start
		// within a task's span on a busy host.
		const byOpId = index.byOpId(opId);
		const match = byOpId ?? index.startingWithin(startMs - TASK_JOIN, endMs + TASK_JOIN, startMs, (d) => d[slot] === null && (vm === null || d.vm === null || d.vm === vm));
		const failedTask = completed !== undefined && (completed.fields.status === 'error' || (completed.kind === 'vcenter-task' && completed.fields.state === 'error'));
		const target: Draft = match ?? { vm, name: null, quiesced: null, startMs, endMs: null, vmxLog: null, opId, task: null, hostTask: null, records: [], joined: [], snapshotUid: null, failed: false, succeeded: false };
		if (!match) index.add(target);
		appendAll(target.records, list);
		for (const i of positions) held[i] = 1;
		const join: EventJoin = byOpId
			? { by: 'opid', opId: opId! }
			: match
				? { by: 'window', from: isoOfMs(startMs - TASK_JOIN), to: isoOfMs(endMs + TASK_JOIN) }
				: { by: 'task', task: created.kind !== 'vcenter-task' || /^task-\d+$/.test(taskId) ? taskId : null };
		for (const r of list) why.set(r, join);
		target.vm ??= vm;
		if (target.opId === null && opId !== null) index.setOpId(target, opId);
		// An export row without a task id still joins its attempt, but names no task.
		if (created.kind !== 'vcenter-task' || /^task-\d+$/.test(taskId)) target[slot] ??= taskId;
		if (completed && target.endMs === null) target.endMs = ms(completed.time!);
		if (failedTask) target.failed = true;
		else if (completed && !match && completed.fields.status === 'success') target.succeeded = true;
	}
}

/** Whether a hostd VM state is the one a VM is in while a snapshot is taken (`VM_STATE_CREATE_SNAPSHOT`). */
const isSnapshotState = (state: string) => state.includes('CREATE_SNAPSHOT');

/**
 * Step 3, hostd's own view without its task: a VM's state going into `VM_STATE_CREATE_SNAPSHOT` and out of it
 * (the Vmsvc lines people paste, the task lines cut off) is a snapshot try of that VM when no attempt starts
 * near it (by opID, else within TASK_JOIN for the same VM); the quiesce note of its time then joins it as
 * evidence. A transition an attempt already holds, or one near it, stays evidence of that attempt.
 */
function joinStates({ timed, timedAt }: RecordIndex, index: DraftIndex, held: Uint8Array): void {
	/** The tries this step started, by .vmx, until their state leaves the snapshot. */
	const open = new Map<string, Draft>();
	for (let k = 0; k < timed.length; k++) {
		const r = timed[k];
		if (r.kind !== 'vm-state' || r.fields.vmx === null) continue;
		const { vmx, from, to, opId } = r.fields;
		const t = ms(r.time!);
		if (isSnapshotState(to) && !isSnapshotState(from)) {
			open.delete(vmx);
			const vm = vmOfVmx(vmx);
			if (index.byOpId(opId) ?? index.startingWithin(t - TASK_JOIN, t + TASK_JOIN, t, (d) => d.vm === null || d.vm === vm)) continue;
			const d: Draft = { vm, name: null, quiesced: null, startMs: t, endMs: null, vmxLog: null, opId, task: null, hostTask: null, records: [r], joined: [], snapshotUid: null, failed: false, succeeded: false };
			index.add(d);
			held[timedAt[k]] = 1;
			open.set(vmx, d);
		} else if (isSnapshotState(from) && !isSnapshotState(to)) {
			const d = open.get(vmx);
			if (!d) continue;
			d.records.push(r);
			held[timedAt[k]] = 1;
			d.endMs = t;
			open.delete(vmx);
		}
	}
}

/** The KVM tool that asked the guest agent to freeze the guest for this try, unless the freeze failed or was skipped. */
function agentFroze(d: AnyDraft): string | null {
	let product: string | null = null;
	for (const list of [d.records, d.joined]) {
		for (const r of list) {
			if (r.kind !== 'guest-agent-freeze' || r.fields.action !== 'freeze') continue;
			if (r.fields.outcome !== 'issued') return null;
			product ??= r.fields.product;
		}
	}
	return product;
}

/** The last step: each attempt's consistency verdict and its evidence, from its draft and the settings. */
function judgeAttempts(attempts: readonly Attempt[], drafts: readonly AnyDraft[], inputs: readonly InputFile[], settings: readonly LogRecord[], t: Translate): void {
	// The verdict reads the manifest zips and the documents inside archives only: filtered once, not per
	// attempt (10,000 attempts × 1,500 files), in the same order.
	const manifests = inputs.filter((i) => i.format === 'vss-manifests');
	const read = manifests.length === 0 ? manifests : inputs.filter((i) => i.format === 'vss-manifests' || i.path.includes('!/'));
	attempts.forEach((a, i) => {
		const d = drafts[i];
		const fallback = productFallbackOf(d);
		const verdict = judgeConsistency(a, { snapshotUid: d.snapshotUid, vmFolder: d.vmxLog ? d.vmxLog.slice(0, d.vmxLog.lastIndexOf('/')) : null, productFallback: fallback, agentFroze: agentFroze(d) }, read, settings, t);
		a.consistency = verdict.consistency;
		a.consistencyEvidence = verdict.evidence;
	});
}

/** The product verdict of a draft that says its backup went on crash-consistent (Altaro's RCTCONTROLLER_011), or null. */
function productFallbackOf(d: AnyDraft): { product: string; code: string | null } | null {
	for (const list of [d.records, d.joined]) for (const r of list) if (isCrashVerdict(r)) return { product: r.fields.product, code: r.fields.productCode ?? null };
	return null;
}

/** Characters of an opID the index files it under: opIDs that are prefixes of one another share them. */
const OPID_KEY = 8;

/**
 * The drafts in the order they were made, found without a scan of them all per task (a bundle holds
 * thousands of attempts): by opID, where one opID may be a prefix of the other (the VMX adds its own
 * suffix to hostd's), and by start time. Both return the first draft in that order that fits, as a scan
 * would.
 */
class DraftIndex {
	/** Drafts by the first OPID_KEY characters of their opID; drafts with a shorter opID in `short`. */
	private readonly opIds = new Map<string, Draft[]>();
	private readonly short: Draft[] = [];
	/** Drafts by start time, ascending, and their start times (ms). */
	private readonly starts: Draft[];
	private readonly startMs: number[];
	private readonly order = new Map<Draft, number>();

	constructor(private readonly drafts: Draft[]) {
		drafts.forEach((d, i) => {
			this.order.set(d, i);
			if (d.opId !== null) this.fileOpId(d, d.opId);
		});
		this.starts = [...drafts].sort((a, b) => a.startMs - b.startMs);
		this.startMs = this.starts.map((d) => d.startMs);
	}

	add(d: Draft): void {
		this.order.set(d, this.drafts.length);
		this.drafts.push(d);
		if (d.opId !== null) this.fileOpId(d, d.opId);
		const at = firstAtOrAfter(this.startMs, d.startMs + 1);
		this.starts.splice(at, 0, d);
		this.startMs.splice(at, 0, d.startMs);
	}

	setOpId(d: Draft, opId: string): void {
		d.opId = opId;
		this.fileOpId(d, opId);
	}

	/** The first draft whose opID is a prefix of `opId` or has it as a prefix. */
	byOpId(opId: string | null): Draft | undefined {
		if (opId === null) return undefined;
		const related = (d: Draft) => d.opId !== null && (d.opId.startsWith(opId) || opId.startsWith(d.opId));
		// A shorter opID may be a prefix of any longer one: those drafts are always candidates.
		const candidates = opId.length >= OPID_KEY ? [...(this.opIds.get(opId.slice(0, OPID_KEY)) ?? []), ...this.short] : this.drafts;
		return this.first(candidates.filter(related));
	}

	/**
	 * The draft starting within [fromMs, toMs] that `fits` and starts nearest `nearMs` (the first made of
	 * equally near ones): on a busy host several VMs' snapshots start within one task's span.
	 */
	startingWithin(fromMs: number, toMs: number, nearMs: number, fits: (d: Draft) => boolean): Draft | undefined {
		let best: Draft[] = [];
		let bestDistance = Infinity;
		for (let i = firstAtOrAfter(this.startMs, fromMs); i < this.starts.length && this.startMs[i] <= toMs; i++) {
			if (!fits(this.starts[i])) continue;
			const distance = Math.abs(this.startMs[i] - nearMs);
			if (distance < bestDistance) {
				best = [this.starts[i]];
				bestDistance = distance;
			} else if (distance === bestDistance) best.push(this.starts[i]);
		}
		return this.first(best);
	}

	private fileOpId(d: Draft, opId: string): void {
		if (opId.length < OPID_KEY) this.short.push(d);
		else pushTo(this.opIds, opId.slice(0, OPID_KEY), d);
	}

	private first(list: readonly Draft[]): Draft | undefined {
		return list.reduce<Draft | undefined>((best, d) => (best === undefined || this.order.get(d)! < this.order.get(best)! ? d : best), undefined);
	}
}

/**
 * Step 4, each timed event of another file (guest logs, Windows events, other hosts' lines) goes to one
 * attempt at most: a retry seconds after a failure must not inherit its error. Each VM's attempts have
 * windows from EVENT_MARGIN before their start to EVENT_MARGIN after their end, cut where the VM's previous
 * attempt ends and its next one begins. A record lies in the windows of its own VM's attempts only when its
 * file names one VM (its vmware.log, or a folder named after the VM); of the windows holding it, the attempt
 * whose span holds it wins, else the one whose span is nearest. Only records no attempt holds join (the
 * drafts' own are held already); each record that joins is held from then on.
 */
function assignEvidence(drafts: readonly Draft[], { timed, timedMs, timedAt }: RecordIndex, held: Uint8Array, why: JoinReasons): void {
	const windows = evidenceWindows(drafts);
	const vmOf = vmOfPath(drafts.map((d) => d.vm).filter((v): v is string => v !== null));
	// The records that may join (settings, headers and listings are what a file states, not events of an
	// attempt: the kinds' roles), as positions in `timed`, and in lanes by the VM their file names: a named
	// VM's attempt visits its own VM's lane and the lane of files naming none, not every VM's records of its
	// window (on a host of 500 VMs, most of them another VM's).
	const free: number[] = [];
	const lanes = new Map<string | null, number[]>();
	for (let k = 0; k < timed.length; k++) {
		const r = timed[k];
		if (held[timedAt[k]] === 1 || KINDS[r.kind].role !== 'event') continue;
		free.push(k);
		pushTo(lanes, vmOf(r.source.path), k);
	}
	// The nearest attempt of each record of `timed` (by its position) and its distance (ms), and the positions in
	// the order first visited (the order the records join in). Arrays by position, not a Map of records to
	// {attempt, distance}: at 210,000 records the map and its objects were about 15 MB of the join's peak.
	const bestDraft: (Draft | undefined)[] = new Array<Draft | undefined>(timed.length);
	const bestDistance = new Float64Array(timed.length);
	const visited: number[] = [];
	const visit = (d: Draft, k: number, endMs: number) => {
		const r = timed[k];
		if (r.source.path !== d.vmxLog && isOtherVmxLog(r, d)) return;
		const t = timedMs[k];
		const distance = t < d.startMs ? d.startMs - t : t > endMs ? t - endMs : 0;
		if (bestDraft[k] === undefined) visited.push(k);
		else if (distance >= bestDistance[k]) return;
		bestDraft[k] = d;
		bestDistance[k] = distance;
	};
	for (const d of drafts) {
		const [from, to] = windows.get(d)!;
		const endMs = d.endMs ?? d.startMs;
		// An attempt of no known VM may take any VM's records; a named VM's, those of its VM and of files naming
		// none, visited in `timed` order as one scan of both lanes would (the order decides ties downstream).
		const own = d.vm === null ? free : (lanes.get(d.vm) ?? []);
		const shared = d.vm === null ? [] : (lanes.get(null) ?? []);
		// Positions ascend in `timed`, which is sorted by time (`timedMs`, ms): only the window is visited.
		let i = firstAtOrAfter(own, from, timedMs);
		let j = firstAtOrAfter(shared, from, timedMs);
		for (;;) {
			const a = i < own.length && timedMs[own[i]] <= to ? own[i] : -1;
			const b = j < shared.length && timedMs[shared[j]] <= to ? shared[j] : -1;
			if (a < 0 && b < 0) break;
			if (b < 0 || (a >= 0 && a < b)) {
				visit(d, a, endMs);
				i++;
			} else {
				visit(d, b, endMs);
				j++;
			}
		}
	}
	// One reason per attempt, shared by its records: its window's stamps are formatted once.
	const reasons = new Map<Draft, EventJoin>();
	for (const k of visited) {
		const r = timed[k];
		const d = bestDraft[k]!;
		d.joined.push(r);
		let reason = reasons.get(d);
		if (!reason) {
			const [from, to] = windows.get(d)!;
			reason = { by: 'window', from: isoOfMs(from), to: isoOfMs(to) };
			reasons.set(d, reason);
		}
		held[timedAt[k]] = 1;
		why.set(r, reason);
	}
}

/** Each attempt's evidence window (ms): its span widened by EVENT_MARGIN, cut at its VM's neighbours. */
function evidenceWindows(drafts: readonly Draft[]): Map<Draft, [number, number]> {
	const byVm = new Map<string, Draft[]>();
	for (const d of drafts) pushTo(byVm, d.vm ?? '', d);
	const windows = new Map<Draft, [number, number]>();
	for (const [vm, list] of byVm) {
		list.forEach((d, i) => {
			let from = d.startMs - EVENT_MARGIN;
			let to = (d.endMs ?? d.startMs) + EVENT_MARGIN;
			// Drafts with no VM may be of any VM: only a named VM's attempts bound each other.
			if (vm !== '') {
				const prev = list[i - 1];
				const next = list[i + 1];
				if (prev) from = Math.max(from, (prev.endMs ?? prev.startMs) + 1);
				if (next) to = Math.min(to, next.startMs - 1);
			}
			windows.set(d, [from, Math.max(from, to)]);
		});
	}
	return windows;
}

/** The records of the attempt's own vmware.log, from its snapshot start to its end, are its by construction. */
const VMX_LOG_JOIN: EventJoin = { by: 'vmx-log' };

/**
 * The timed records of `first`, then `second`, sorted by time (stable), each stamp parsed once (a comparator
 * would parse both stamps at every comparison); the untimed ones are added to `untimed`, in order. Each list
 * is most often in time order already (a log's own lines, the records joined in time order): the two are
 * then merged, with no object per record nor a comparator call per pair (210,000 records at the vms bench
 * bundle's 10,000 attempts).
 */
function inTimeOrder(first: readonly LogRecord[], second: readonly LogRecord[], untimed: LogRecord[]): LogRecord[] {
	const timed: LogRecord[] = [];
	const times: number[] = [];
	let sorted = true;
	let split = 0;
	for (const list of [first, second]) {
		let last = -Infinity;
		for (const r of list) {
			if (r.time === null) {
				untimed.push(r);
				continue;
			}
			const t = ms(r.time);
			// NaN (a stamp Date cannot read) is out of order: the comparator decides, as for any list.
			if (!(t >= last)) sorted = false;
			last = t;
			timed.push(r);
			times.push(t);
		}
		if (list === first) split = timed.length;
	}
	if (!sorted) {
		const order = timed.map((_, k) => k).sort((a, b) => times[a] - times[b]);
		return order.map((k) => timed[k]);
	}
	const merged: LogRecord[] = [];
	let i = 0;
	let j = split;
	while (i < split && j < timed.length) merged.push(times[i] <= times[j] ? timed[i++] : timed[j++]);
	while (i < split) merged.push(timed[i++]);
	while (j < timed.length) merged.push(timed[j++]);
	return merged;
}

/** Fills an attempt from its own records and the guest/Windows records inside its time window. */
function finish(d: AnyDraft, id: string, why: JoinReasons): Attempt {
	// Untimed records (pasted text) follow the timed ones in the order they were read.
	const untimed: LogRecord[] = [];
	const timedOwn = inTimeOrder(d.records, d.joined, untimed);
	const own = timedOwn.concat(untimed);
	const states = own.filter((r): r is KindRecord<'quiesce-state'> => r.kind === 'quiesce-state' && r.source.path === d.vmxLog);
	const quiesceStates = states.length > 0 ? [states[0].fields.from, ...states.map((r) => r.fields.to)] : [];
	// The guest's error, as the VMX saw it or as the guest logged it.
	const guest = guestReport(own);
	const reason = firstReason(own);
	// A writer host's own code (SQLWRITER's OLE DB result) is another layer's: the requester's or VSS's code comes first.
	const layered = [...own.filter((r) => !isWriterHostEvent(r)), ...own.filter(isWriterHostEvent)];
	const hresult = guest?.hresult ?? decisiveOf(layered.map(hresultOf).filter((h): h is string => h !== null));
	const fault = firstFault(own);
	const stun = own.filter((r): r is KindRecord<'stun'> => r.kind === 'stun' && r.source.path === d.vmxLog).map((r) => r.fields.stunUs);
	// A quiesce fault exists only for a quiesced snapshot (knowledge/faults.ts).
	const quiesced = d.quiesced ?? ((reason !== null && /quiesce|tools-not-available|not-privileged|already-in-progress|timeout|io-holdoff/.test(reason)) || faultInfo(fault)?.quiesce === true ? true : null);
	// VMware Tools that stops answering the VMX during a quiesced snapshot (its RPC to the service timed out,
	// its heartbeat lapsed) leaves the quiesce nobody to run it: the snapshot fails unless the log shows it done.
	const toolsLost = quiesced === true && !d.succeeded && own.some((r) => r.kind === 'tools-unresponsive' && r.source.path === d.vmxLog);
	const failed = d.failed || guest !== null || toolsLost || (reason !== null && (d.vmxLog === null || !d.succeeded));
	const { phases, windows } = measurePhases({ own: timedOwn, states: states.filter((r) => r.time !== null), vmxLog: d.vmxLog });
	const measured = (name: PhaseName) => {
		const p = phases.find((q) => q.name === name);
		return p ? ms(p.end) - ms(p.start) : null;
	};
	const result = failed ? 'failed' : d.succeeded ? 'success' : 'unknown';
	const requester = requesterOfDraft({ ...d, quiesced });
	const point = failurePoint(own, result, requester);
	const kind = d.kind ?? 'host-snapshot';
	const events: AttemptEvent[] = own.map((r) => {
		const join = why.get(r) ?? (r.source.path === d.vmxLog ? VMX_LOG_JOIN : undefined);
		// Only an in-guest attempt's lines get their VSS role: a host snapshot's timeline keeps one lane per file.
		const vssRole = kind === 'host-snapshot' ? null : vssRoleOf(r);
		// Not spread in: a spread copies through a temporary object per event (210,000 of them at 10,000 attempts).
		// The join is in the literal, not set after: an object literal holds its properties in the object, and one
		// set later goes to a property array of its own (40 bytes per event, 8 MB at 10,000 attempts).
		const severity = eventSeverity(r);
		const event: AttemptEvent = join ? { time: r.time, source: r.source.path, line: r.source.line, kind: r.kind, severity, text: r.text, join } : { time: r.time, source: r.source.path, line: r.source.line, kind: r.kind, severity, text: r.text };
		if (vssRole) event.vssRole = vssRole;
		// A record that stands for folded repeats (formats/lib/fold.ts) gives its event their count and the last
		// repeat, so that every timeline shows "×N" and the span; the event is the first repeat's line.
		const fold = r.fold;
		if (fold) {
			event.count = fold.count;
			event.lastTime = r.time !== null && fold.spanMs !== null ? isoOfMs(ms(r.time) + fold.spanMs) : null;
			event.lastLine = fold.lastLine;
			event.lastText = fold.lastText;
		}
		return event;
	});
	return {
		id,
		vm: d.vm,
		snapshotName: d.name,
		opId: d.opId,
		task: d.task ?? d.hostTask,
		quiesced,
		start: d.startMs === null ? null : isoOfMs(d.startMs),
		end: d.endMs === null ? null : isoOfMs(d.endMs),
		result,
		consistency: 'unknown',
		consistencyEvidence: [],
		fallbackOf: null,
		vmbackupStatus: guest?.status ?? null,
		guestOperation: guest?.op ?? null,
		guestMessage: guest?.message ?? null,
		hresult,
		hresultName: hresult ? (HRESULTS[hresult]?.name ?? null) : null,
		fault,
		quiesceStates,
		quiesceMs: measured('quiesce'),
		freezeMs: measured('freeze'),
		windows,
		phases,
		stunUs: stun.length > 0 ? stun.reduce((m, us) => Math.max(m, us), 0) : null,
		writers: [...new Set(own.map((r) => (r.kind === 'windows-event' ? r.fields.writerName : null)).filter((n): n is string => n !== null))],
		events,
		requester,
		kind,
		failedPhase: point.phase,
		failedComponent: point.component,
	};
}

/** The guest's error report as one line of the attempt states it: its VmBackupStatus, failed op, message and HRESULT. */
interface GuestReport {
	status: number | null;
	op: string | null;
	message: string | null;
	hresult: string | null;
}

/**
 * The guest's error: the first host line quoting its VmBackupStatus (a Msg_Post, a hostd note, a failed
 * task), else the first `req.error` event of its own Tools log, else a pasted message quoting the guest's
 * words; null when the attempt has none of them.
 */
function guestReport(own: readonly LogRecord[]): GuestReport | null {
	for (const r of own) {
		if (r.kind !== 'msg-post' && r.kind !== 'quiesce-note' && r.kind !== 'task-completed') continue;
		const f = r.fields;
		if (!('vmbackupStatus' in f) || f.vmbackupStatus == null) continue;
		return { status: f.vmbackupStatus, op: 'op' in f ? f.op : null, message: f.errorMessage ?? ('message' in f ? f.message : null), hresult: f.hresult };
	}
	for (const r of own) {
		if (r.kind === 'vmbackup-event' && r.fields.event === 'req.error') return { status: r.fields.code, op: r.fields.op, message: r.fields.message, hresult: r.fields.hresult };
	}
	// A pasted vSphere message quoting the guest's failed step without its status code.
	for (const r of own) {
		if (r.kind !== 'quiesce-note' || !('errorMessage' in r.fields) || r.fields.errorMessage === null) continue;
		const { op, hresult } = errorFields(r.fields.errorMessage);
		return { status: null, op, message: r.fields.errorMessage, hresult: hresult ?? r.fields.hresult };
	}
	return null;
}

/** The first quiesce reason a line of the attempt states (hostd and the VMX decode it), or null. */
function firstReason(own: readonly LogRecord[]): string | null {
	for (const r of own) if ('reason' in r.fields && typeof r.fields.reason === 'string') return r.fields.reason;
	return null;
}

/** The first vSphere fault (`vim.fault.…`) a line of the attempt names, or null. */
function firstFault(own: readonly LogRecord[]): string | null {
	for (const r of own) if ('fault' in r.fields && r.fields.fault?.startsWith('vim.fault.')) return r.fields.fault;
	return null;
}

/**
 * Index of the first value >= `min` in an ascending array (its length when there is none); with `at`, the
 * array holds ascending positions in `at` and the values compared are `at[position]`.
 */
function firstAtOrAfter(sorted: readonly number[], min: number, at?: readonly number[]): number {
	let lo = 0,
		hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if ((at ? at[sorted[mid]] : sorted[mid]) < min) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Records of a vmware.log of another VM never belong to this attempt. */
function isOtherVmxLog(r: LogRecord, d: Draft): boolean {
	return d.vmxLog !== null && r.source.path !== d.vmxLog && (r.kind === 'snapshot-start' || r.kind === 'quiesce-state' || r.kind === 'stun' || r.kind === 'msg-post' || r.kind === 'snapshot-done' || r.kind === 'snapshot-failed');
}

/**
 * A non-quiesced snapshot right after a failed quiesced attempt of the same VM is the silent fallback,
 * whatever the gap and whichever product retried: the VM's previous attempt decides.
 */
function markFallbacks(attempts: Attempt[]): void {
	const previous = new Map<string, Attempt>();
	for (const a of attempts) {
		const key = a.vm ?? '';
		const p = previous.get(key);
		if (a.quiesced === false && p && p.quiesced === true && p.result === 'failed') a.fallbackOf = p.id;
		previous.set(key, a);
	}
}
