import { appendAll, pushTo } from '../collections';
import { WRITER_EVENT_SOURCES, writerOfEvent } from '../knowledge/writerServices';
import { APPLICATION_ERROR_PROVIDER, eventInfo, isBenignEvent, SCM_PROVIDER } from '../knowledge/events';
import { ECHO_CODES, echoesBeside, SEQUENCE_ERRORS } from '../knowledge/hresults';
import { isWindowsBackupCode, productCode, PRODUCTS, REQUESTER_PROVIDERS, requesterName, VMWARE_TOOLS, type ProductId } from '../knowledge/productCodes';
import { KINDS, kindStatesFailure } from '../formats';
import { eventService } from '../formats/windows/windowsEvents';
import { hyperVVm, isVmmsEvent } from '../formats/windows/eventMessages';
import { freezeWentOn } from '../formats/backup/guestAgent';
import { isCrashVerdict } from '../formats/backup/generic';
import { instantMs } from '../formats/lib/stamps';
import { codeOf, type KindRecord, type LogRecord, type RecordOf } from '../model/records';
import type { AttemptKind } from '../model/report';
import type { AnyDraft, Draft } from './attempts';
import { failurePoint } from './verdict';
import { vmOfVmx } from './vmPaths';

/**
 * The attempts no host log shows (issue 17): the guest's own view of a try, from the requester's lines
 * (VMware Tools' vmbackup runs, a backup product's sessions), else from VSS and volsnap failure events close
 * in time (a VSS error always means some requester tried a shadow copy), and attempts known only from
 * untimed text (a pasted vSphere or product error). Called by buildAttempts after the host attempts took
 * their evidence, on what no host attempt holds.
 */

const MINUTE = 60 * 1000;
/** A product's lines more than this apart (ms) belong to two sessions, even without a verdict between them. */
const SESSION_GAP = 60 * MINUTE;
/** VSS and volsnap events of one try follow each other within this (ms); a retry comes later. */
const CLUSTER_GAP = 5 * MINUTE;

const ms = instantMs;

/** Records of the kinds a requester writes about its own try. */
type ToolsRecord = RecordOf<'vmbackup-rpc' | 'vmbackup-step' | 'vmbackup-options' | 'vmbackup-event' | 'vmbackup-op' | 'vmbackup-script' | 'vmvss-event' | 'sync-driver' | 'tools-warning'>;
type ProductRecord = RecordOf<'product-job' | 'product-error' | 'product-cancel' | 'product-attempt' | 'product-snapshot' | 'guest-agent-freeze'>;

const TOOLS_KINDS: ReadonlySet<string> = new Set(['vmbackup-rpc', 'vmbackup-step', 'vmbackup-options', 'vmbackup-event', 'vmbackup-op', 'vmbackup-script', 'vmvss-event', 'sync-driver', 'tools-warning']);
const PRODUCT_KINDS: ReadonlySet<string> = new Set(['product-job', 'product-error', 'product-cancel', 'product-attempt', 'product-snapshot', 'guest-agent-freeze']);

/** A Tools record of one quiesce request (its `run`) of the guest's own log (not vmware.log forwarding it). */
const isToolsRun = (r: LogRecord): r is ToolsRecord => TOOLS_KINDS.has(r.kind) && 'run' in r.fields && typeof r.fields.run === 'number' && !('vmx' in r.fields);
const isProduct = (r: LogRecord): r is ProductRecord => PRODUCT_KINDS.has(r.kind);

/** A new draft of an in-guest or untimed attempt. */
function draft(records: LogRecord[], requester: string | null, kind: AttemptKind, quiesced: boolean | null): AnyDraft {
	let first: number | null = null,
		last: number | null = null;
	for (const r of records) {
		if (r.time === null) continue;
		const t = ms(r.time);
		if (first === null || t < first) first = t;
		if (last === null || t > last) last = t;
	}
	return {
		vm: null,
		name: null,
		quiesced,
		startMs: first,
		endMs: last !== first ? last : null,
		vmxLog: null,
		opId: null,
		task: null,
		hostTask: null,
		records,
		joined: [],
		snapshotUid: null,
		failed: false,
		succeeded: false,
		requester,
		kind,
	};
}

/**
 * Step 5, the requesters' own tries: each quiesce request of a Tools log (its `run`), and each session of a
 * backup product's log (cut at a new try, after a job verdict, or at a long silence). Timed or not: a Tools
 * log without a year stays untimed until a host file aligns it, and is never dropped.
 */
export function requesterDrafts(free: readonly LogRecord[], options: readonly LogRecord[]): AnyDraft[] {
	const runs = new Map<string, ToolsRecord[]>();
	const products = new Map<string, ProductRecord[]>();
	for (const r of free) {
		if (isToolsRun(r)) pushTo(runs, `${r.source.path}\n${r.fields.run}`, r);
		else if (isProduct(r) && r.time !== null) pushTo(products, r.source.path, r);
	}
	const out: AnyDraft[] = [];
	const byFile = new Map<string, AnyDraft[]>();
	for (const list of runs.values()) {
		const d = toolsDraft(list);
		out.push(d);
		pushTo(byFile, list[0].source.path, d);
	}
	// A request with no verdict is a hang when the same log shows a later request: the guest never answered.
	for (const list of byFile.values())
		list.slice(0, -1).forEach((d) => {
			if (!d.failed && !d.succeeded) d.failed = true;
		});
	for (const [path, list] of products)
		for (const session of sessions(list))
			out.push(
				productDraft(
					session,
					options.filter((o) => o.source.path === path),
				),
			);
	return out;
}

/**
 * A Tools run: its verdict is the event it sent (`req.done 0`, `req.error N`, `req.aborted`), a script's
 * non-zero exit, a vmbackup warning (`Error freezing filesystems.`) or a provider line with an HRESULT; the
 * provider's debug trace of its calls is no failure.
 */
function toolsDraft(list: ToolsRecord[]): AnyDraft {
	const d = draft(list, VMWARE_TOOLS, 'host-snapshot', true);
	for (const r of list) {
		if (r.kind === 'vmbackup-event' && (r.fields.event === 'req.error' || r.fields.event === 'req.aborted' || r.fields.code > 0)) d.failed = true;
		else if (r.kind === 'vmbackup-event' && r.fields.event === 'req.done' && r.fields.code === 0) d.succeeded = true;
		else if (r.kind === 'vmvss-event' ? r.fields.hresult !== null : r.kind !== 'vmbackup-event' && kindStatesFailure(r)) d.failed = true;
	}
	if (d.failed) d.succeeded = false;
	return d;
}

/**
 * A requester's lines after its create call of an attempt's snapshot — the remove once the data is read,
 * the VM's task verdict, an error — are that attempt's, minutes after the host's window closed: each free
 * product record of a file goes with the attempt holding the file's latest create call before it, until a
 * create call no attempt holds. A job's verdict is of every VM it processed, so of no one attempt.
 */
export function requesterFollowers(attempts: readonly AnyDraft[], free: readonly LogRecord[]): Map<LogRecord, { d: AnyDraft; call: LogRecord }> {
	const callOf = new Map<LogRecord, AnyDraft>();
	for (const d of attempts) for (const r of [...d.records, ...d.joined]) if (isCreateCall(r) && r.time !== null) callOf.set(r, d);
	const out = new Map<LogRecord, { d: AnyDraft; call: LogRecord }>();
	if (callOf.size === 0) return out;
	// Per file, its calls (held or not) and its free product lines in time order: each line follows the latest call before it.
	const byFile = new Map<string, LogRecord[]>();
	for (const r of callOf.keys()) pushTo(byFile, r.source.path, r);
	for (const r of free) if (byFile.has(r.source.path) && r.time !== null && isProduct(r) && !(r.kind === 'product-job' && r.fields.scope === 'job')) pushTo(byFile, r.source.path, r);
	for (const list of byFile.values()) {
		list.sort((a, b) => ms(a.time!) - ms(b.time!) || a.source.line - b.source.line);
		let call: LogRecord | null = null;
		for (const r of list) {
			if (isCreateCall(r)) call = callOf.has(r) ? r : null;
			else if (call !== null) out.set(r, { d: callOf.get(call)!, call });
		}
	}
	return out;
}

/** A requester's call to create a snapshot. */
const isCreateCall = (r: LogRecord): boolean => r.kind === 'product-snapshot' && r.fields.action === 'create';

/** A product's records of one file, cut into sessions (see requesterDrafts). */
function sessions(list: readonly ProductRecord[]): ProductRecord[][] {
	const out: ProductRecord[][] = [];
	let current: ProductRecord[] = [];
	let lastMs = -Infinity;
	for (const r of list) {
		const t = ms(r.time!);
		const closed = current.some((c) => c.kind === 'product-job' && c.fields.scope === 'job');
		if (current.length > 0 && (r.kind === 'product-attempt' || closed || t - lastMs > SESSION_GAP)) {
			out.push(current);
			current = [];
		}
		current.push(r);
		lastMs = t;
	}
	if (current.length > 0) out.push(current);
	return out;
}

/**
 * A product session's verdict: a task's (the VM's own try) before the job's, else a product error. An
 * operator's stop ends the try: what fails after it (retention, a transform) is the stop's doing, not a
 * snapshot failure.
 */
function productDraft(session: ProductRecord[], options: readonly LogRecord[]): AnyDraft {
	const product = session[0].fields.product;
	const option = options.find((o): o is RecordOf<'product-option'> => o.kind === 'product-option' && o.fields.option === 'vmware-tools-quiesce');
	// The snapshot calls the session made say what was asked of vSphere better than the job's setting.
	const creates = session.filter((r): r is RecordOf<'product-snapshot'> => r.kind === 'product-snapshot' && r.fields.action === 'create');
	const flags = new Set(creates.map((r) => r.fields.quiesce));
	const asked = flags.size === 1 ? [...flags][0] : (agentFreeze(session) ?? wentOnUnquiesced(session));
	const kind: AttemptKind = option || creates.length > 0 ? 'host-snapshot' : kindOfProduct(product);
	const d = draft(session, requesterName(product), kind, asked ?? (option ? option.fields.enabled : null));
	const names = new Set(creates.map((r) => r.fields.name));
	if (names.size === 1) d.name = [...names][0];
	d.name ??= createdSnapshot(session);
	// The VM a host-side product's lines name (an error's, a guest agent freeze's).
	d.vm ??= session.map(namedVm).find((vm) => vm !== null) ?? null;
	const stopAt = session.findIndex((r) => r.kind === 'product-cancel');
	const beforeStop = stopAt < 0 ? session : session.slice(0, stopAt);
	const tasks = session.filter((r): r is RecordOf<'product-job'> => r.kind === 'product-job' && r.fields.scope === 'task');
	const verdicts = tasks.length > 0 ? tasks : session.filter((r): r is RecordOf<'product-job'> => r.kind === 'product-job');
	const failedVerdict = verdicts.some((r) => !SUCCESS.test(r.fields.status) && !WARNING.test(r.fields.status));
	d.failed = (failedVerdict && (stopAt < 0 || tasks.length > 0)) || beforeStop.some((r) => r.kind === 'product-error' || (r.kind === 'guest-agent-freeze' && kindStatesFailure(r)));
	d.succeeded = !d.failed && verdicts.length > 0 && verdicts.every((r) => SUCCESS.test(r.fields.status) || WARNING.test(r.fields.status));
	return d;
}

/**
 * Whether a KVM host's backup was quiesced, from its requests to the guest agent: a freeze sent is a quiesced
 * try (a failed one too, for a tool that takes no snapshot without it: the try failed); a freeze skipped (the
 * agent not answering) or failed where the tool goes on without it (freezeWentOn) leaves a crash-consistent
 * one; null without either.
 */
function agentFreeze(records: readonly LogRecord[]): boolean | null {
	const freezes = records.filter((r): r is RecordOf<'guest-agent-freeze'> => r.kind === 'guest-agent-freeze' && r.fields.action === 'freeze');
	if (freezes.length === 0) return null;
	// A tool that gave the snapshot up when the freeze outlasted its limit took no unfrozen one: its try was quiesced.
	if (freezes.some((r) => r.fields.outcome === 'timed-out')) return true;
	if (freezes.some((r) => freezeWentOn(r.fields))) return false;
	return freezes.some((r) => r.fields.outcome !== 'skipped');
}

/**
 * False when a product's verdict says its backup went on crash-consistent (a warning code of that meaning:
 * Altaro's RCTCONTROLLER_011), so its try was not quiesced; null otherwise.
 */
const wentOnUnquiesced = (records: readonly LogRecord[]): false | null => (records.some(isCrashVerdict) ? false : null);

/**
 * Whether a product's verdicts say its try failed: a task's (the VM's own) before the job's, as productDraft
 * reads them; an operator's stop fails no try whose task verdicts are not printed.
 */
function failedVerdict(records: readonly LogRecord[]): boolean {
	const jobs = records.filter((r): r is RecordOf<'product-job'> => r.kind === 'product-job');
	const tasks = jobs.filter((r) => r.fields.scope === 'task');
	const verdicts = tasks.length > 0 ? tasks : jobs;
	const failed = verdicts.some((r) => !SUCCESS.test(r.fields.status) && !WARNING.test(r.fields.status));
	return failed && (tasks.length > 0 || !records.some((r) => r.kind === 'product-cancel'));
}

const SUCCESS = /^(?:success|succeeded|ok|completed)$/;
const WARNING = /^warn/;

/** What a product's try is, from where it asks for the snapshot (knowledge/productCodes.ts). */
function kindOfProduct(product: string): AttemptKind {
	const info = PRODUCTS[product as ProductId];
	return info?.requester === 'vmware' || info?.requester === 'kvm' ? 'host-snapshot' : info?.requester === 'hyper-v' ? 'hyperv-checkpoint' : 'guest-shadow-copy';
}

/** The requester a Windows event names by its provider (Windows Server Backup, Hyper-V), or null for VSS's own. */
function eventRequester(r: LogRecord): ProductId | null {
	if (r.kind !== 'windows-event') return null;
	const named = REQUESTER_PROVIDERS[r.fields.provider.toLowerCase()];
	if (named !== undefined) return named;
	// Hyper-V's worker process reports its VM's checkpoint as VMMS does (a template match: once per record).
	let vmms = workerCheckpoints.get(r);
	if (vmms === undefined) workerCheckpoints.set(r, (vmms = isVmmsEvent(r.fields.provider, r.fields.message)));
	return vmms ? HYPERV_VMMS : null;
}

/** Whether a Hyper-V-Worker event is a checkpoint's (isVmmsEvent), by record. */
const workerCheckpoints = new WeakMap<LogRecord, boolean>();
const HYPERV_VMMS: ProductId = 'hyper-v-vmms';

/** Providers that log every service's or process's stops: only those of the snapshot's services count. */
const SERVICE_PROVIDERS = new Set([SCM_PROVIDER, APPLICATION_ERROR_PROVIDER]);

/**
 * A Windows Implementation Library failure trace (`vm\service\fr\frutilities.cpp(11526)\vmms.exe!00007FF732A5BABA:
 * (caller: …) LogHr(1807) tid(163c) 80070002 …`): a source file and line, then module!address. An event whose
 * message opens with one is a component's diagnostic record of a failure it may well have handled (VMMS 1106 logs
 * every exception of a live migration), not the outcome of an operation. Looked for near the start of the message
 * and of the event's line (a paste that joined an Event Viewer list row and its message leaves it there).
 */
const WIL_TRACE = /\.(?:cpp|cxx|c|h|hpp)\(\d{1,6}\)\\[\w.-]{1,80}![0-9a-f]{8,16}:/i;
/** How far into a message or line the trace may start (characters): past a list row's level, source and id. */
const TRACE_WITHIN = 300;
const isTrace = (r: KindRecord<'windows-event'>) => WIL_TRACE.test((r.fields.message ?? '').slice(0, TRACE_WITHIN)) || WIL_TRACE.test(r.text.slice(0, TRACE_WITHIN));

/**
 * Whether an event starts an attempt of its own: a failure line of the shadow copy machinery (VSS, volsnap,
 * the writers' hosts' VSS and backup events, Windows Server Backup, Hyper-V) that is not one of the benign ones
 * (knowledge/events.ts) nor a code trace (isTrace).
 */
function seeds(r: LogRecord): boolean {
	if (r.kind !== 'windows-event' || !kindStatesFailure(r)) return false;
	const { provider, eventId, hresult, message } = r.fields;
	if (isBenignEvent(provider, eventId, hresult, message) || isTrace(r)) return false;
	// The SCM logs every service's stops: only those of a service the snapshot runs through are a try's.
	if (SERVICE_PROVIDERS.has(provider.toLowerCase())) return eventService(r.fields) !== null && eventId !== null && eventInfo(provider, eventId) !== undefined;
	return eventRequester(r) !== null || writerOfEvent(provider, eventId, message) !== undefined || (eventId !== null && eventInfo(provider, eventId) !== undefined);
}

/**
 * Step 6, VSS and volsnap failure events and host quiesce notes no attempt holds (a pasted hostd or vpxa
 * line without its task): each run of them (at most CLUSTER_GAP apart, informational events joining a run
 * but never starting one) is one try by some requester; Windows Server Backup's and Hyper-V's events name
 * theirs, a quiesce note makes it VMware Tools' quiesced snapshot.
 */
export function eventDrafts(free: readonly LogRecord[]): Draft[] {
	const events = free
		.filter((r) => r.time !== null && ((r.kind === 'windows-event' && KINDS[r.kind].role === 'event') || r.kind === 'quiesce-note'))
		.map((r) => ({ r, t: ms(r.time!) }))
		.sort((a, b) => a.t - b.t);
	const out: Draft[] = [];
	let run: { r: LogRecord; t: number }[] = [];
	const close = () => {
		const seedAt = run.findIndex((e) => seeds(e.r) || e.r.kind === 'quiesce-note');
		if (seedAt >= 0) {
			// Informational events before the first failure are the try's start when they are close to it.
			const records = run.map((e) => e.r);
			const requester = records.map(reportRequester).find((p) => p !== null) ?? null;
			const d = reportDraft(records, requester) as Draft;
			d.failed = true;
			out.push(d);
		}
		run = [];
	};
	for (const e of events) {
		if (run.length > 0 && e.t - run[run.length - 1].t > CLUSTER_GAP) close();
		run.push(e);
	}
	close();
	return out;
}

/**
 * Step 7, untimed reports (a pasted vSphere error, a product's error text, an event copied without its
 * date): they cannot be placed on the time axis. Reports of one requester that do not contradict each other
 * (VM, VmBackupStatus, HRESULT) are one try seen several ways. `homes` are the attempts they may join: the
 * timed ones and the requesters' own untimed tries (a Tools log without a year). When exactly one home of the
 * same requester failed, and the reports do not contradict it, they are its own words and join it; when none
 * failed, reports of a failure join its one try whose outcome the bundle does not show; otherwise they form an
 * untimed attempt of their own.
 */
export function untimedDrafts(free: readonly LogRecord[], homes: readonly AnyDraft[], requesterOf: (d: AnyDraft) => string | null): AnyDraft[] {
	const groups = new Map<string, LogRecord[][]>();
	// Grouped in the order of the files and their lines, whatever order they were read in (on several threads).
	const listed = codeLists(free, homes);
	const reports = free.filter((r) => r.time === null && isReport(r) && !listed.has(r.source.path)).sort((a, b) => (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : a.source.line - b.source.line));
	// The group of the try a requester last announced in a file (`product-attempt`: DiskShadow's `create`, the
	// Bacula family's `Generate VSS snapshots.`): the lines after it are that try's, and its next announcement
	// opens another try (a failed `create`, then one that worked). The first announcement joins what came before it
	// (a sentence quoting the code above the log).
	const announced = new Map<string, LogRecord[]>();
	// A person's sentences of one file that quote codes (isProse): one failure told, one try, whatever codes they name.
	const told = new Map<string, LogRecord[]>();
	// A writer's partial failure (VSS_E_WRITERERROR_PARTIAL_FAILURE) and the lines just under it: its failed
	// components' own codes (the writer's and the application's, IVssComponentEx2::GetFailure), one failure.
	const partial = new Map<string, LogRecord[]>();
	for (const r of reports) {
		const key = reportRequester(r) ?? '';
		const list = groups.get(key) ?? [];
		const at = `${key}\0${r.source.path}`;
		const current = announced.get(at);
		const another = r.kind === 'product-attempt' && current !== undefined;
		const prose = key === '' && isProse(r);
		const block = partial.get(at);
		const under = block !== undefined && r.source.line - block[block.length - 1].source.line <= COMPONENT_LINES && !contradicts(block, [r], ['vm', 'status']) ? block : undefined;
		const fits = under ?? (prose ? told.get(r.source.path) : undefined) ?? (another ? undefined : current !== undefined && !contradicts(current, [r]) ? current : list.find((g) => !contradicts(g, [r])));
		const into = fits ?? [];
		if (fits === undefined) list.push(into);
		into.push(r);
		if (r.kind === 'product-attempt') announced.set(at, into);
		if (prose) told.set(r.source.path, into);
		if (codeOf(r) === PARTIAL_FAILURE) partial.set(at, into);
		else if (under === undefined) partial.delete(at);
		groups.set(key, list);
	}
	joinCheckpointReports(groups);
	joinDelegatedReports(groups);
	joinUnnamedReports(groups);
	const out: AnyDraft[] = [];
	for (const [key, list] of groups) {
		const requester = key === '' ? null : key;
		const ofRequester = homes.filter((d) => requesterOf(d) === requester);
		const failedTimed = ofRequester.filter((d) => d.failed);
		// With no failed try of the requester, a report of a failure is the outcome of its one try whose end the
		// bundle does not show: a vmware.log cut after `SnapshotVMX_TakeSnapshot start` under the client's error.
		const openTimed = failedTimed.length === 0 ? ofRequester.filter((d) => !d.succeeded) : [];
		for (const g of list) {
			const candidates = failedTimed.length > 0 || !g.some((r) => kindStatesFailure(r) && !isBenign(r)) ? failedTimed : openTimed;
			const home = (candidates.length === 1 && !contradicts([...candidates[0].records, ...candidates[0].joined], g) ? candidates[0] : null) ?? (requester === null ? sameCodeHome(homes, g) : null);
			if (home) {
				appendAll(home.joined, g);
				continue;
			}
			const d = reportDraft(g, requester);
			d.name ??= createdSnapshot(g);
			// A product that says it went on crash-consistent took its backup: the VMMS refusal beside it (no production
			// checkpoint) is why, not a failure of the try. A product's own error still fails it.
			const wentOn = wentOnUnquiesced(g) === false && !g.some((r) => r.kind === 'product-error');
			d.failed = !wentOn && (g.some((r) => kindStatesFailure(r) && !isBenign(r)) || failedVerdict(g));
			// The requester's remove of the snapshot it created says the snapshot was taken.
			const removed = g.some(isCreateCall) && g.some((r) => r.kind === 'product-snapshot' && r.fields.action === 'remove');
			// A verdict with warnings (files skipped) is a try that made its snapshot, as in a timed session (productDraft).
			d.succeeded = !d.failed && (removed || g.some((r) => r.kind === 'product-job' && (SUCCESS.test(r.fields.status) || WARNING.test(r.fields.status))));
			out.push(d);
		}
	}
	return out;
}

/** The snapshot virsh said its quiesced command created (`Domain snapshot <name> created`), or null. */
function createdSnapshot(records: readonly LogRecord[]): string | null {
	for (const r of records) if (r.kind === 'guest-agent-freeze' && typeof r.fields.snapshot === 'string') return r.fields.snapshot;
	return null;
}

/** VSS_E_WRITERERROR_PARTIAL_FAILURE: some of a writer's components failed; their codes follow it. */
const PARTIAL_FAILURE = '0x80042336';
/** Lines a failed component's codes may be from the line before them (the component's name, its labels: a few). */
const COMPONENT_LINES = 8;

/**
 * A row of a page's list of codes: the code leads its line (`(0x80042301)` alone in a cell, `**0x800700EA** | …`,
 * `- 0x8004230f: …`, `| 0x80042306 | …`, a C header's `0x8004230DL`), after list marks, numbering, emphasis, brackets,
 * quoting only; or its constant name leads (`| VSS_E_PROVIDER_VETO (0x80042306) | …`, `    E_ACCESSDENIED` over its
 * meaning: an error constant's shape, `E_`, `<FACILITY>_E_` or `ERROR_`). A log's
 * line puts its words first and the code after them (`ERROR: snapshot of C: failed with 0x8004231f`).
 */
const CODE_LED_ROW = /^[^\p{L}\p{N}]*(?:\d{1,3}[.)、．][^\p{L}\p{N}]*)?(?:(?:(?:[A-Z][A-Z0-9]*_)?E_|ERROR_)[A-Z0-9_]+\b(?:[^\p{L}\p{N}]*0[xX][0-9a-fA-F]{8}L?\b)?|0[xX][0-9a-fA-F]{8}L?\b|-?2147\d{6}\b)/u;
/** Distinct codes a list has at least: one code-led line is one failure told (a user's `0x8004230f - …?`). */
const LIST_CODES = 2;

/**
 * Files that are a page's list of possible codes, each row pairing one code with its meaning (a protocol's error
 * table, a KB's table of HRESULTs, a guide's list of errors): every untimed report of the file is a code-led row,
 * the rows name at least LIST_CODES codes or are all a table's rows (what a cut leaves of a table), and nothing of a run is in the file (no stamped line, no line an attempt
 * holds, no event copy, no job or snapshot line). Such rows are alternatives documented, no try each: they make no
 * attempt, and the rules still explain each code. So is a page laid out with headings over paragraphs whose every
 * code is in a sentence or a heading (`documented`: a KB's `Cause` that names 0x80042301 in a sentence), or a
 * row. A page quoting one failure's log or event keeps its try.
 */
function codeLists(free: readonly LogRecord[], homes: readonly AnyDraft[]): Set<string> {
	const held = new Set<string>();
	for (const d of homes) for (const r of [...d.records, ...d.joined]) held.add(r.source.path);
	return documentFiles(free, held);
}

/**
 * The files of `records` that are pages explaining codes (see codeLists), `held` the files an attempt holds a
 * line of. The diagnosis reads the same (its findings from such a page explain, they report no failure).
 */
export function documentFiles(records: readonly LogRecord[], held: ReadonlySet<string>): Set<string> {
	const ran = new Set(held);
	const codes = new Map<string, Set<string>>();
	// Files with a code-led row outside a table's cells: those need LIST_CODES codes; a table's row is a list's by layout.
	const loose = new Set<string>();
	// Files laid out as a page (headings over paragraphs) that explain a code in a sentence or a heading: a page by layout.
	const paged = new Set<string>();
	for (const r of records) {
		const path = r.source.path;
		if (ran.has(path)) continue;
		const report = isReport(r);
		const code = report ? codeOf(r) : null;
		const explained = r.kind === 'product-error' && r.fields.documented === true;
		if (r.time !== null || (report && (r.kind !== 'product-error' || code === null || !(explained || CODE_LED_ROW.test(r.text))))) ran.add(path);
		else if (code !== null) {
			codes.set(path, (codes.get(path) ?? new Set<string>()).add(code));
			if (explained) paged.add(path);
			else if (!TABLE_ROW.test(r.text)) loose.add(path);
		}
	}
	return new Set([...codes].filter(([path, set]) => !ran.has(path) && (set.size >= LIST_CODES || !loose.has(path) || paged.has(path))).map(([path]) => path));
}

/** A letter of the CJK scripts (Korean parts its words with spaces, Chinese and Japanese do not: letters are counted, not runs). */
const CJK_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/** Letters of those scripts a sentence has at least (a heading such as `問題 1: エラー コード 0x…` has fewer). */
const CJK_SENTENCE_LETTERS = 8;
/** A table's row (`**0x800700EA** | "…" | …`): its rows are alternatives a page lists, each its own failure. */
const TABLE_ROW = /\|[^|]*\|/;

/**
 * Whether a report naming no product is a person's sentence in a CJK script that quotes a code (a forum post's or a
 * guide's list item, `1. 存储空间不足。… **0x8004231f** 的错误码`): the codes such sentences name tell of the failure the
 * text is about, not of a try each. A table's rows are no sentences.
 */
const isProse = (r: LogRecord): boolean => r.kind === 'product-error' && !TABLE_ROW.test(r.text) && (r.text.match(CJK_LETTER)?.length ?? 0) >= CJK_SENTENCE_LETTERS;

/**
 * A report naming no product (a code quoted in prose above a product's log) is the one failed attempt (of
 * `homes`) whose records print the same code, when exactly one does and nothing else contradicts it; else null.
 */
function sameCodeHome(homes: readonly AnyDraft[], g: readonly LogRecord[]): AnyDraft | null {
	const failed = homes.filter((d) => d.failed);
	const at = sameCode(
		failed.map((d) => [...d.records, ...d.joined]),
		g,
	);
	return at < 0 ? null : failed[at];
}

/**
 * An untimed report naming no product joins the one untimed group of a named product that prints the same
 * code and contradicts it in nothing else (the same code quoted above the product's own lines). A provider's
 * own event (its error in the provider's execution context) joins the one requester's report of a provider
 * failure (VSS_E_PROVIDER_VETO: "the provider logged the error in the event log"), named or not: the two
 * layers of one try, as a post pastes the event under the product's error.
 */
function joinUnnamedReports(groups: Map<string, LogRecord[][]>): void {
	const unnamed = groups.get('');
	if (unnamed === undefined) return;
	const named = [...groups].filter(([k]) => k !== '').flatMap(([, list]) => list);
	const apart = unnamed.filter((g) => {
		const layer = eventLayer(g);
		let at = sameCode(named, g);
		if (at < 0) at = sameMessage(named, g);
		if (at < 0) at = sequenceEcho(named, g);
		// Before a code that only says a try failed (sameOutcome: Windows Backup's 0x81000019 in the same paste): the
		// provider failure is what VSS's own error explains.
		if (at < 0 && layer === null) at = vetoedBy(named, g);
		if (at < 0) at = sameOutcome(named, g);
		const home = at >= 0 ? named[at] : null;
		const requesters = [...named, ...unnamed.filter((o) => o !== g)];
		at = home === null && layer !== null ? sameLayer(requesters, g, layer) : -1;
		// A provider's own error pasted beside one product's report is the layer under it, whatever code the product printed.
		if (home === null && at < 0 && layer === 'provider') at = oneTryOfFile(named, g, ['vm']);
		const into = home ?? (at >= 0 ? requesters[at] : null);
		if (into === null) return true;
		appendAll(into, g);
		return false;
	});
	if (apart.length > 0) groups.set('', apart);
	else groups.delete('');
}

/**
 * The index of the one named group of `g`'s file that reports a provider failure (VSS_E_PROVIDER_VETO) when `g` is
 * VSS's own errors naming no component (CreateFileW on the new shadow copy's device: the system provider cannot
 * finish it), contradicting it in no VM: they say why that provider failed. -1 when none or several.
 */
function vetoedBy(named: readonly (readonly LogRecord[])[], g: readonly LogRecord[]): number {
	if (!g.every(isVssOwnError)) return -1;
	const vetoed = named.flatMap((own, i) => (own.some((r) => r.kind === 'product-error') && failurePoint(own, 'failed', null).component?.type === 'provider' ? [i] : []));
	const one = oneTryOfFile(
		vetoed.map((i) => named[i]),
		g,
		['vm'],
	);
	return one >= 0 ? vetoed[one] : -1;
}

/**
 * The index of the one named group whose codes only say that the try failed (ECHO_CODES: Windows Server Backup's
 * 521 with 0x807800A1; with DPM's 30229 beside it, which says only that Windows Server Backup failed),
 * contradicting `g` in no VM, when `g` states a code: that code says why (the writer's
 * 0x800423F4 the console printed). -1 when none or several.
 */
function sameOutcome(candidates: readonly (readonly LogRecord[])[], g: readonly LogRecord[]): number {
	if (!g.some((r) => codeOf(r) !== null)) return -1;
	const echoes = (own: readonly LogRecord[]) => {
		// A code that says another requester ran the backup (DPM's 30229: its delegate's codes say why) decides nothing either.
		const codes = own.map(codeOf).filter((c): c is string => c !== null && productCode(c)?.delegate === undefined);
		return codes.length > 0 && codes.every((c) => ECHO_CODES.has(c));
	};
	const fits = candidates.flatMap((own, i) => (echoes(own) && !contradicts(own, g, ['vm']) ? [i] : []));
	return fits.length === 1 ? fits[0] : -1;
}

/** Lines apart that one product message a console or a page wrapped still spans (its id on one, its code on the next). */
const MESSAGE_LINES = 2;

/**
 * The index of the one named group with a record at most MESSAGE_LINES lines from one of `g`'s in the same file
 * (one message wrapped, the product's mark on another line than the code: DPM's `(WSB … Error Code: 0x…)` above
 * its `(ID 30229 Details: Internal error code: …)`), contradicting `g` in nothing, or -1. A named group that
 * states no HRESULT of its own takes the code of the line beside it; one with another HRESULT is another try's,
 * except Windows Backup's own code above the underlying error it adds to its message.
 */
function sameMessage(candidates: readonly (readonly LogRecord[])[], g: readonly LogRecord[]): number {
	const near = (a: LogRecord, b: LogRecord) => a.source.path === b.source.path && Math.abs(a.source.line - b.source.line) <= MESSAGE_LINES;
	const fits = candidates.flatMap((own, i) => {
		const beside = own.filter((r) => g.some((o) => near(r, o)));
		if (beside.length === 0) return [];
		// Windows Backup prints its own code, then under its "Additional information" label (translated) the
		// underlying error with that error's code (`…(0x8078012D)` / `…I/O device error (0x8007045D)`): one message
		// with two codes of two layers, not two tries. Only below its code: a code above it is another message.
		const additional = beside.every((r) => isWindowsBackupCode(codeOf(r) ?? '')) && g.every((o) => !isWindowsBackupCode(codeOf(o) ?? '') && beside.some((r) => near(r, o) && o.source.line > r.source.line));
		return contradicts(own, g, additional ? ['vm', 'status'] : undefined) ? [] : [i];
	});
	return fits.length === 1 ? fits[0] : -1;
}

/**
 * The index of the one named group of the same file that `g` is the echo of, or -1: `g` states only sequence
 * errors (VSS_E_BAD_STATE: the requester's next call after a failure, SEQUENCE_ERRORS), which are never a try's
 * cause, and that group contradicts it in nothing (a product's log prints the BackupComplete echo before the
 * line that names the product and its verdict).
 */
function sequenceEcho(candidates: readonly (readonly LogRecord[])[], g: readonly LogRecord[]): number {
	const codes = g.map(codeOf);
	return codes.length > 0 && codes.every((c) => c !== null && SEQUENCE_ERRORS.has(c)) ? oneTryOfFile(candidates, g) : -1;
}

/** The index of the one group among `candidates` with a record in a file of `g`'s that contradicts `g` in none of `keys`, or -1. */
function oneTryOfFile(candidates: readonly (readonly LogRecord[])[], g: readonly LogRecord[], keys?: readonly ('vm' | 'status' | 'hresult')[]): number {
	const paths = new Set(g.map((r) => r.source.path));
	const fits = candidates.flatMap((own, i) => (own.some((r) => paths.has(r.source.path)) && !contradicts(own, g, keys) ? [i] : []));
	return fits.length === 1 ? fits[0] : -1;
}

/**
 * The layer under the requester that a group of Windows events blames (verdict.ts reads it): the shadow copy
 * provider, or the shadow copy storage (volsnap's diff-area events: the storage had no room), else null.
 */
function eventLayer(g: readonly LogRecord[]): 'provider' | 'shadow-storage' | null {
	if (!g.every((r) => r.kind === 'windows-event')) return null;
	const type = failurePoint(g, 'failed', null).component?.type;
	return type === 'provider' || type === 'shadow-storage' ? type : null;
}

/** A failure VSS logged of its own (12289, 8193: the provider `VSS`), naming no writer or other component. */
const isVssOwnError = (r: LogRecord): boolean => r.kind === 'windows-event' && r.fields.provider.toLowerCase() === 'vss' && kindStatesFailure(r) && failurePoint([r], 'failed', null).component === null;

/**
 * The index of the one requester's report among `candidates` whose failure is in `layer` (the provider's, or
 * the shadow copy storage's: VSS_E_INSUFFICIENT_STORAGE beside volsnap's event saying why the diff area had no
 * room), contradicting `g` in no VM, or -1.
 */
function sameLayer(candidates: readonly (readonly LogRecord[])[], g: readonly LogRecord[], layer: 'provider' | 'shadow-storage'): number {
	const fits = candidates.flatMap((own, i) => (own.some((r) => r.kind === 'product-error') && failurePoint(own, 'failed', null).component?.type === layer && !contradicts(own, g, ['vm']) ? [i] : []));
	return fits.length === 1 ? fits[0] : -1;
}

/** The index of the one group in `candidates` that prints a code of `g` and contradicts it in nothing else, or -1. */
function sameCode(candidates: readonly (readonly LogRecord[])[], g: readonly LogRecord[]): number {
	const codes = new Set(g.map(codeOf).filter((h): h is string => h !== null));
	if (codes.size === 0) return -1;
	const fits = candidates.flatMap((own, i) => (own.some((r) => codes.has(codeOf(r) ?? '')) && !contradicts(own, g, ['vm', 'status']) ? [i] : []));
	return fits.length === 1 ? fits[0] : -1;
}

/**
 * Hyper-V makes a VM's backup checkpoint for a host requester's backup (the Hyper-V VSS writer asks VMMS for
 * it), so VMMS's untimed reports and that requester's are one try seen from two sides: each VMMS group joins the
 * one group of a Windows requester that names no other VM (their codes differ by layer: the requester sums up
 * the writer's failure, 0x800423F4, VMMS says why, 0x80070002). VMMS's records go first, so the attempt's code
 * is the cause. With two such groups, or none, nothing tells which try it was: it stays apart.
 */
function joinCheckpointReports(groups: Map<string, LogRecord[][]>): void {
	const key = requesterName('hyper-v-vmms');
	const checkpoints = key === null ? undefined : groups.get(key);
	if (checkpoints === undefined) return;
	const hosts = [...groups].filter(([k]) => k !== key).flatMap(([, list]) => list.filter(isWindowsRequester));
	const apart = checkpoints.filter((c) => {
		const fits = hosts.filter((h) => !contradicts(h, c, ['vm']));
		if (fits.length !== 1) return true;
		// VMMS's records first: the attempt's code is the first one its records print.
		const host = fits[0].splice(0);
		appendAll(fits[0], c);
		appendAll(fits[0], host);
		return false;
	});
	if (apart.length > 0) groups.set(key!, apart);
	else groups.delete(key!);
}

/**
 * A requester whose own code says another requester ran the backup for it (knowledge/productCodes.ts `delegate`:
 * DPM's 30229, Windows Server Backup on the protected computer failed) and that requester's reports are one try
 * seen from two machines: the delegate's one group joins it, its records first (their code says why). With two
 * such groups, or none, or a VM between them that differs, nothing tells which try it was: they stay apart.
 */
function joinDelegatedReports(groups: Map<string, LogRecord[][]>): void {
	for (const list of [...groups.values()])
		for (const g of list) {
			const delegate = g.map((r) => (r.kind === 'product-error' ? productCode(r.fields.productCode)?.delegate : undefined)).find((d) => d !== undefined);
			const key = delegate === undefined ? null : requesterName(delegate);
			const theirs = key === null ? undefined : groups.get(key);
			if (theirs === undefined || theirs.length !== 1 || theirs[0] === g || contradicts(g, theirs[0], ['vm'])) continue;
			const own = g.splice(0);
			appendAll(g, theirs[0]);
			appendAll(g, own);
			groups.delete(key!);
		}
}

/** The VM a Hyper-V event's message names (hyperVVm), once per record: reports are compared many times over. */
const eventVms = new WeakMap<LogRecord, string | null>();

/**
 * The VM a record names: its `vm` field (a product's line, a guest agent's freeze), else the VM a Hyper-V event
 * names in its message (`'name' … (Virtual machine ID …)`, VMMS and Worker alike), else null.
 */
function namedVm(r: LogRecord): string | null {
	if ('vm' in r.fields && typeof r.fields.vm === 'string') return r.fields.vm;
	if (r.kind !== 'windows-event' || typeof r.fields.message !== 'string') return null;
	let vm = eventVms.get(r);
	if (vm === undefined) eventVms.set(r, (vm = hyperVVm(r.fields.message)));
	return vm;
}

/**
 * Whether a group's reports name a product that is the VSS requester on Windows, or a Hyper-V host's backup
 * product that asks VMMS for the VM's checkpoint itself (Altaro): not vSphere's, not VMMS.
 */
function isWindowsRequester(g: readonly LogRecord[]): boolean {
	const product = g.map(productOf).find((p) => p !== null);
	if (product === undefined || product === null || product === HYPERV_VMMS) return false;
	const requester = PRODUCTS[product as ProductId]?.requester;
	return requester === 'guest' || requester === 'hyper-v';
}

/**
 * A try known from its reports (steps 6 and 7): a host's quiesce note makes it a quiesced host snapshot, else
 * the product a report names decides its kind; the VM is the one the reports name (a note's .vmx).
 */
function reportDraft(g: LogRecord[], requester: string | null): AnyDraft {
	const product = g.map(productOf).find((p) => p !== null) ?? null;
	const note = g.some((r) => r.kind === 'quiesce-note');
	const creates = g.filter((r): r is RecordOf<'product-snapshot'> => isCreateCall(r));
	const flags = new Set(creates.map((r) => r.fields.quiesce));
	const asked = note ? true : flags.size === 1 ? [...flags][0] : (agentFreeze(g) ?? wentOnUnquiesced(g));
	const d = draft(g, requester, note || creates.length > 0 ? 'host-snapshot' : product !== null ? kindOfProduct(product) : 'guest-shadow-copy', asked);
	for (const r of g) {
		const f = r.fields;
		d.vm ??= namedVm(r) ?? ('vmx' in f && typeof f.vmx === 'string' ? vmOfVmx(f.vmx) : null);
	}
	return d;
}

/**
 * Untimed lines that report a try: quiesce failures, a product's start of a shadow copy, its errors and
 * verdicts, its calls to create and remove the VM's snapshot (a KB's log lines without their stamps), a guest
 * agent's freeze, failure events. A start alone is a try whose outcome the excerpt does not show.
 */
function isReport(r: LogRecord): boolean {
	if (r.kind === 'quiesce-note' || r.kind === 'product-attempt' || r.kind === 'product-error' || r.kind === 'product-job' || r.kind === 'product-snapshot' || r.kind === 'guest-agent-freeze') return true;
	return r.kind === 'windows-event' && seeds(r);
}

const isBenign = (r: LogRecord): boolean => r.kind === 'windows-event' && !seeds(r);

/** The product id a record names, or null. */
function productOf(r: LogRecord): string | null {
	if ('product' in r.fields && typeof r.fields.product === 'string') return r.fields.product;
	return eventRequester(r);
}

/** The requester a report names by its product (VMware Tools for a vSphere message), or null. */
function reportRequester(r: LogRecord): string | null {
	const product = productOf(r);
	// A host's own quiesce note (hostd, vmware.log) has no product: it is a host quiesced snapshot.
	if (product === null && r.kind === 'quiesce-note') return VMWARE_TOOLS;
	return product === null ? null : requesterName(product);
}

/**
 * An event of the service that hosts an application's writer (SQLWRITER 24583 `hr = 0x80040e14`): its code is the
 * application's own call (an OLE DB command), another layer than the requester's VSS code, so it contradicts none.
 */
export const isWriterHostEvent = (r: LogRecord): boolean => r.kind === 'windows-event' && WRITER_EVENT_SOURCES.has(r.fields.provider.toLowerCase());

/** The facts two reports of one try must share (by default the VM, the guest's status code and the HRESULT). */
function contradicts(group: readonly LogRecord[], others: readonly LogRecord[], keys: readonly ('vm' | 'status' | 'hresult')[] = ['vm', 'status', 'hresult']): boolean {
	const facts = (r: LogRecord) => ({
		vm: namedVm(r),
		status: 'vmbackupStatus' in r.fields && typeof r.fields.vmbackupStatus === 'number' ? r.fields.vmbackupStatus : null,
		hresult: 'hresult' in r.fields && typeof r.fields.hresult === 'string' && !isWriterHostEvent(r) ? r.fields.hresult : null,
	});
	const mine = group.map((r) => ({ r, f: facts(r) }));
	// An echo (VSS_E_BAD_STATE, a summary code, a COM wrapper's E_FAIL beside a VSS code) is that failure's echo, not
	// another try's code; so are the two layers of one call into a provider (oneProviderCall).
	const differ = (k: 'vm' | 'status' | 'hresult', m: { r: LogRecord; f: ReturnType<typeof facts> }, o: { r: LogRecord; f: ReturnType<typeof facts> }) =>
		m.f[k] !== null &&
		o.f[k] !== null &&
		m.f[k] !== o.f[k] &&
		!(k === 'hresult' && (echoesBeside(m.f.hresult!, o.f.hresult!) || echoesBeside(o.f.hresult!, m.f.hresult!) || oneProviderCall(m.r, o.r) || unexpectedEcho(m.r, o.r) || unexpectedEcho(o.r, m.r)));
	return others.map((r) => ({ r, f: facts(r) })).some((o) => mine.some((m) => keys.some((k) => differ(k, m, o))));
}

/** VSS_E_UNEXPECTED: a VSS routine failed on an error it logged elsewhere ("Check the Application event log"). */
const VSS_UNEXPECTED = '0x80042302';
/** How many lines apart two events of one file may be and still be one failure logged at two layers (a page quoting one under the other). */
const ECHO_LINES = 20;

/**
 * Whether VSS event `a` is VSS's generic report (VSS_E_UNEXPECTED) of the failure VSS event `b` of the same file,
 * a few lines away, logs with its own code: the System Writer's metadata too long (8193, 0x80070018), then the
 * requester's CreateVssExamineWriterMetadata failing with 0x80042302. One failure, not two tries.
 */
function unexpectedEcho(a: LogRecord, b: LogRecord): boolean {
	if (a.kind !== 'windows-event' || b.kind !== 'windows-event' || a.source.path !== b.source.path) return false;
	if (a.fields.provider.toLowerCase() !== 'vss' || b.fields.provider.toLowerCase() !== 'vss') return false;
	// A provider's routine (12293) is oneProviderCall's; two operations VSS printed and that differ are two calls.
	if (a.fields.eventId === 12293 || b.fields.eventId === 12293) return false;
	const [opA, opB] = [a.fields.operation?.trim() ?? '', b.fields.operation?.trim() ?? ''];
	if (opA !== '' && opB !== '' && opA !== opB) return false;
	return a.fields.hresult === VSS_UNEXPECTED && b.fields.hresult !== null && b.fields.hresult !== VSS_UNEXPECTED && Math.abs(a.source.line - b.source.line) <= ECHO_LINES;
}

/**
 * Whether two VSS events of one file are one call into a shadow copy provider seen at two layers: 12293 (the
 * coordinator: the provider's routine returned this code) and another VSS error logged during the same operation
 * (its `Operation:` block, in whatever language, the same text: 8193's routine that failed inside the provider).
 * Their codes differ by layer, not by try.
 */
function oneProviderCall(a: LogRecord, b: LogRecord): boolean {
	if (a.kind !== 'windows-event' || b.kind !== 'windows-event' || a.source.path !== b.source.path) return false;
	if (a.fields.provider.toLowerCase() !== 'vss' || b.fields.provider.toLowerCase() !== 'vss') return false;
	if ((a.fields.eventId === 12293) === (b.fields.eventId === 12293)) return false;
	const op = a.fields.operation?.trim() ?? '';
	return op !== '' && op === (b.fields.operation?.trim() ?? '');
}
