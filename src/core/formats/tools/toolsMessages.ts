import { normalizeHresult } from '../../knowledge/hresults';
import { readErrno } from '../../knowledge/errno';
import { hresultFromIDispatchError, namesGenericManifest, vmbackupStatusName, type VmbackupState } from '../../knowledge/vmbackup';
import type { FieldValue } from '../../model/records';
import type { ForwardedToolsFields } from '../esxi/vmwareLog';
import type { Classified } from '../lib/format';
import { HEADER_KIND, PHASE_EVENT, SETTING_KIND, type KindDeclarations } from '../lib/kinds';
import type { ToolsLogFields } from './toolsLog';

/**
 * What a VMware Tools log payload (`[level] [domain] message`, formats.md §6) means for quiesce diagnosis.
 * Shared by every reader that sees Tools payloads: the guest's own log files and syslog, and the
 * `Guest: [   debug] [vmsvc:vmbackup] …` lines the `vmx` handler writes into vmware.log.
 *
 * Record kinds (fields in addition to the reader's own `domain`, `level`, `thread`, `app`):
 * - `tools-version` — `Tools Version: 11.3.5 (build-18557794)`: `version`, `build` (or null).
 * - `tools-config-read` — what Tools read from tools.conf, e.g. `'[vmbackup] enableVSS'=TRUE`:
 *   `section`, `key`, `value`, `isDefault` (true when the key was absent and Tools used its default).
 * - `vmbackup-rpc` — a `vmbackup.*` command the host sent (`RpcIn: … content:"vmbackup.start 1"`):
 *   `command` (`vmbackup.start`, `vmbackup.startWithOpts`, `vmbackup.snapshotDone`, `vmbackup.abort` …),
 *   `args` (text after the command, or null), `run`.
 * - `vmbackup-step` — a state-machine function trace `*** VmBackupXxx`: `step` (function name) and `state`,
 *   the machine state that function moves to per stateMachine.c (`SCRIPT_FREEZE`, `SYNC_FREEZE_WAIT`,
 *   `SYNC_FREEZE`, `SYNC_THAW`, `SCRIPT_THAW`, `SCRIPT_ERROR`, `COMPLETE_WAIT`, `IDLE`), or null when the
 *   function does not decide it (or it depends on a platform not yet known); `run`. The once-a-second traces (`VmBackupAsyncCallback`,
 *   `VmBackup_SendEvent`, `VmBackupKeepAliveCallback`) are parsed but give no record: the events they
 *   send are recorded as `vmbackup-event`.
 * - `vmbackup-options` — `Using quiesceApps = 1, quiesceFS = 1, …`: one field per printed option, numbers
 *   as numbers, empty values as null (`quiesceApps`, `quiesceFS`, `allowHWProvider`, `execScripts`,
 *   `scriptArg`, `timeout` in seconds (0 = Tools' default), `enableNullDriver`, `forceQuiesce`); `run`.
 * - `vmbackup-event` — `Sending vmbackup event: vmbackup.eventSet <event> <code> <text>`: `event`
 *   (`reset`, `req.keepAlive`, `req.error`, `req.aborted`, `req.done`, `prov.snapshotCommit` …), `code`
 *   (VmBackupStatus number), `status` (its name, e.g. `VMBACKUP_UNEXPECTED_ERROR`), `message` (the text, or
 *   null), plus the error fields below; `run`.
 * - `vmbackup-op` — `Async request 'VmBackupOnFreeze' completed`: `op`; `run`.
 * - `vmbackup-script` — custom quiesce scripts: `action` (`search`: `Trying to run scripts from <dir>`;
 *   `run`: `Running script: "<path>" freeze|freezeFail|thaw ["<arg>"]`; `exit`: an exit code printed in the
 *   vmbackup domain), `dir`, `script`, `phase` (`freeze`, `freezeFail`, `thaw`), `arg`, `exitCode`; `run`.
 * - `vmvss-event` — a line of the Windows VSS provider (`vmvss` domain) at warning level or worse, or naming
 *   a VSS provider call or an HRESULT: `method` (e.g. `CommitSnapshots`, or null), `message`, error fields.
 * - `sync-driver` — a Linux sync driver line (`SyncDriver: failed to freeze '<path>': 16 (Device or resource
 *   busy)`, in any domain and at any level: Tools before 11 log the failure at debug level) that names a
 *   failure or an errno: `call` (`freeze`, `thaw`, `open`, `stat`, or null), `path` (the mount point),
 *   `errno`, `errnoName` (`EBUSY`), `errorText` (strerror's words, or null), `failed` (the line states the
 *   call failed; `freeze on '<path>' returned: …` is the trace before Tools decides, no failure by itself); `run`.
 * - `tools-warning` — any other line at `warning`, `critical` or `error` level (e.g. `Error freezing
 *   filesystems.`, GuestInfo interval warnings of a starved guest): `message`, `state` (a machine state
 *   the message names or is logged in, or null), `syncCall` (`freeze` / `thaw` when it is the sync driver's
 *   failure, else null), error fields.
 *
 * Error fields: `op` (from `'<op>' operation failed`), `detail` (the text after `operation failed:`),
 * `hresult` (`0x` + 8 upper-case hex digits; decoded from `IDispatch error #N` when only that is printed)
 * and `idispatchError` (N as printed, or null). `run` is the 1-based number of the quiesce request in this
 * file (counted at each `vmbackup.start*` RPC, or at `*** VmBackupStart` when the RPC line was not
 * logged), null before the first one; `vmvss-event` and `tools-warning` have it only in the vmbackup and
 * vmvss domains.
 */

/** Log levels the Tools logger prints (padded to 8 characters in the line). */
const LEVELS: ReadonlySet<string> = new Set(['error', 'critical', 'warning', 'message', 'info', 'debug']);
const PROBLEM_LEVELS: ReadonlySet<string> = new Set(['error', 'critical', 'warning']);

/** `[level] [domain] [tid] message`: the payload every Tools log handler writes (thread id since Tools 11.3). */
const PAYLOAD = /^\[ {0,8}([a-z]{4,8})\] \[([^\]\s]{1,128})\] ?(?:\[(\d{1,10})\] )?(.*)$/;

/** One Tools payload split into its parts; `app` is the `vmsvc` of a shared `[vmsvc:vmbackup]` domain. */
export interface ToolsPayload {
	level: string;
	domain: string;
	app: string | null;
	thread: number | null;
	message: string;
}

/** Splits `[   debug] [vmbackup] [3260] *** VmBackupStart`; null when the text is not a Tools payload. */
export function parseToolsPayload(text: string): ToolsPayload | null {
	if (text[0] !== '[') return null;
	const m = PAYLOAD.exec(text);
	if (!m || !LEVELS.has(m[1])) return null;
	const colon = m[2].lastIndexOf(':');
	return {
		level: m[1],
		domain: colon < 0 ? m[2] : m[2].slice(colon + 1),
		app: colon < 0 ? null : m[2].slice(0, colon),
		thread: m[3] === undefined ? null : Number(m[3]),
		message: m[4],
	};
}

/** The error fields of a message (see the module comment). */
export interface ErrorFields {
	op: string | null;
	detail: string | null;
	hresult: string | null;
	idispatchError: number | null;
}

/** The number of the quiesce request in the file, null before the first one (see the module comment). */
interface Run {
	run: number | null;
}

/** The fields of each kind a Tools message gives (see the module comment), before the reader adds its own. */
export interface ToolsMessageFields {
	'tools-version': { version: string; build: string | null };
	'tools-config-read': { section: string; key: string; value: string; isDefault: boolean };
	'vmbackup-rpc': { command: string; args: string | null } & Run;
	'vmbackup-step': { step: string; state: VmbackupState | null } & Run;
	/** One field per option the line prints, as printed (`timeout` in seconds); Tools prints those below. */
	'vmbackup-options': {
		quiesceApps?: FieldValue;
		quiesceFS?: FieldValue;
		allowHWProvider?: FieldValue;
		execScripts?: FieldValue;
		scriptArg?: FieldValue;
		timeout?: FieldValue;
		enableNullDriver?: FieldValue;
		forceQuiesce?: FieldValue;
	} & Run;
	'vmbackup-event': { event: string; code: number; status: string | null; message: string | null } & ErrorFields & Run;
	'vmbackup-op': { op: string } & Run;
	'vmbackup-script': { action: 'search' | 'run' | 'exit'; dir: string | null; script: string | null; phase: string | null; arg: string | null; exitCode: number | null } & Run;
	'vmvss-event': { method: string | null; message: string } & ErrorFields & Run;
	'sync-driver': { call: string | null; path: string; errno: number | null; errnoName: string | null; errorText: string | null; failed: boolean } & Run;
	/**
	 * `run` only in the vmbackup and vmvss domains; `syncCall` is the sync driver call the line says failed
	 * (its `Error freezing filesystems.` / `Error thawing filesystems.`), else null. `reason` is `not-privileged`
	 * where vmbackup could not send an event to the VMX (the host refused or never took it: see EVENT_NOT_SENT).
	 */
	'tools-warning': { message: string; state: string | null; syncCall: 'freeze' | 'thaw' | null; reason?: 'not-privileged' } & ErrorFields & Partial<Run>;
}

/** What the reader of a Tools message adds to its fields: the guest's own log file, or vmware.log forwarding the line. */
type ToolsEnvelope = ToolsLogFields | ForwardedToolsFields;

declare module '../../model/records' {
	interface RecordFields {
		'tools-version': ToolsEnvelope & ToolsMessageFields['tools-version'];
		'tools-config-read': ToolsEnvelope & ToolsMessageFields['tools-config-read'];
		'vmbackup-rpc': ToolsEnvelope & ToolsMessageFields['vmbackup-rpc'];
		'vmbackup-step': ToolsEnvelope & ToolsMessageFields['vmbackup-step'];
		'vmbackup-options': ToolsEnvelope & ToolsMessageFields['vmbackup-options'];
		'vmbackup-event': ToolsEnvelope & ToolsMessageFields['vmbackup-event'];
		'vmbackup-op': ToolsEnvelope & ToolsMessageFields['vmbackup-op'];
		'vmbackup-script': ToolsEnvelope & ToolsMessageFields['vmbackup-script'];
		'vmvss-event': ToolsEnvelope & ToolsMessageFields['vmvss-event'];
		'sync-driver': ToolsEnvelope & ToolsMessageFields['sync-driver'];
		'tools-warning': ToolsEnvelope & ToolsMessageFields['tools-warning'];
	}
}

/** What each kind of a Tools message means, for every format that reads Tools messages. */
export const TOOLS_MESSAGE_KINDS = {
	'tools-version': HEADER_KIND,
	'tools-config-read': SETTING_KIND,
	// The host's `vmbackup.start` is the guest's view of the snapshot start the VMX and hostd log.
	'vmbackup-rpc': { role: 'event', severity: 'info', failure: false, anchor: (f) => (f.command === 'vmbackup.start' ? 'start' : null) },
	'vmbackup-step': PHASE_EVENT,
	'vmbackup-options': { role: 'event', severity: 'info', failure: false, anchor: null },
	// A non-zero VmBackupStatus is the guest reporting its failure; req.error/aborted is the error the host logs too.
	'vmbackup-event': {
		role: 'event',
		severity: (f) => (f.code > 0 ? 'error' : 'info'),
		failure: (f) => f.code !== 0,
		anchor: (f) => (f.event === 'req.error' || f.event === 'req.aborted' ? 'error' : null),
	},
	'vmbackup-op': { role: 'event', severity: 'info', failure: false, anchor: null },
	'vmbackup-script': { role: 'event', severity: 'info', failure: (f) => typeof f.exitCode === 'number' && f.exitCode !== 0, anchor: null },
	// The VSS provider logs at warning level or worse only about a problem of the snapshot.
	'vmvss-event': { role: 'event', severity: 'warning', failure: true, anchor: null },
	// One mount the sync driver could not freeze fails the whole freeze (VmBackupStatus 3).
	'sync-driver': { role: 'event', severity: (f) => (f.failed ? 'error' : 'info'), failure: (f) => f.failed, anchor: null },
	// A warning of the vmbackup or VSS domains states the quiesce's failure, except a failed send of the optional
	// generic manifest, which Tools logs and goes on from (knowledge/vmbackup.ts).
	'tools-warning': { role: 'event', severity: 'warning', failure: (f) => (f.domain === 'vmbackup' || f.domain === 'vmvss') && !namesGenericManifest(f.message), anchor: null },
} satisfies KindDeclarations;

/** A record kind and its fields, before the reader adds its own fields, time and source. */
export type ClassifiedMessage = Classified<ToolsMessageFields>;

/** State-machine traces that repeat every second or only announce a `vmbackup-event`. */
const NOISE_STEPS: ReadonlySet<string> = new Set(['VmBackupAsyncCallback', 'VmBackup_SendEvent', 'VmBackupKeepAliveCallback', 'VmBackupPrivSendMsg']);
/** Machine state a function moves to, where stateMachine.c decides it regardless of history. */
const STEP_STATES: Readonly<Record<string, VmbackupState>> = {
	VmBackupEnableSync: 'SYNC_FREEZE',
	VmBackupSnapshotDone: 'SYNC_THAW',
	VmBackupFinalize: 'IDLE',
};
/** VSS provider interface calls (IVssProviderCreateSnapshotSet, IVssSoftwareSnapshotProvider, IVssProviderNotifications). */
const PROVIDER_METHOD = /\b(BeginPrepareSnapshot|EndPrepareSnapshots|PreCommitSnapshots|CommitSnapshots|PostCommitSnapshots|PreFinalCommitSnapshots|PostFinalCommitSnapshots|AbortSnapshots|IsVolumeSupported|SetContext|OnLoad|OnUnload)\b/;
/**
 * The sync driver operation's own words when its freeze or thaw call fails (open-vm-tools
 * `syncDriverOps.c`): at the default log level the only line that says so, with no mount named; Tools logs
 * are not translated.
 */
const SYNC_CALL_FAILED = /^Error (freezing|thawing) filesystems\b/;
/**
 * vmbackup's words when the VMX does not take one of its events (`VmBackup_SendEvent`, vmBackupMain.c:
 * `Failed to send event to the VMX: <the VMX's reply>.`): the host never hears how the quiesce goes, so it waits
 * for its own timeout with the guest frozen. The VMX logs the same refusal as `Guest not privileged, dropping
 * vmbackup event set request` (open-vm-tools #16). A paste cut inside the sentence keeps its start.
 */
const EVENT_NOT_SENT = /^Failed to send event\b/;
const STATE_NAME = /\b(IDLE|SCRIPT_FREEZE|SYNC_FREEZE_WAIT|SYNC_FREEZE|SYNC_THAW|SCRIPT_THAW|COMPLETE_WAIT|SCRIPT_ERROR|SYNC_ERROR)\b/;
const HRESULT = /\b0x([0-9A-Fa-f]{8})\b/;
/** `IDispatch error #8451` (a sentence's full stop may follow); not a number a table cut (`#8...`, `#84…`): its digits are not all there. */
const IDISPATCH = /IDispatch error #(\d{1,5})(?!\d|\.\.|…)/;
// `[\s\S]`: the text of a multi-line message runs on over its continuation lines.
const OP_FAILED = /'([^']{1,128})' operation failed(?:[:.] ?([\s\S]*))?/;

const STEP = /^\*\*\* (VmBackup\w{0,80})$/;
const EVENT = /^Sending vmbackup event: vmbackup\.eventSet (\S{1,64}) (\d{1,10}) ?([\s\S]*)$/;
const RPC = /content:"(vmbackup\.\w{1,40}) ?([^"]*)"?/;
const OPTION = /^(\w{1,40}) = (.*)$/;
const ASYNC_DONE = /^Async request '([^']{1,128})' completed/;
const SCRIPT_RUN = /^Running script: "([^"]{1,1024})" (\w{1,16})(?: "(.*)")?$/s;
const EXIT_CODE = /\bexit (?:code|status)[:=]? ?(-?\d{1,10})/i;
/** `SyncDriver: <what> '<path>'<rest>` (syncDriverLinux.c prints every path in single quotes). */
const SYNC_DRIVER = /^SyncDriver: ([^']{0,80})'([^'\n]{1,4096})'(.{0,400})$/s;
const FAILED_TO = /^failed to (\w{1,16}) $/i;
/** `freeze on '<path>' returned: <errno>`: the ioctl's result, traced before Tools decides whether it matters. */
const RETURNED = /^(\w{1,16}) on $/;
/** Printed only where FIFREEZE returned EBUSY and the superblock is frozen already (syncDriverLinux.c). */
const FROZEN_BY_OTHER = /^ appears locked or frozen by another process/;
const EBUSY = 16;
const TOOLS_VERSION = /^Tools Version: (\S{1,40})(?: \((build-\d{1,12})\))?/;
const CONFIG_READ = /^VMTools_ConfigGet\w{0,20}: Returning (default )?value for '\[([^\]]{1,64})\] ([^']{1,128})'=(\S{0,256})/;

/** The error fields of a message: failed op and its detail, HRESULT (also decoded from `IDispatch error #N`). */
export function errorFields(text: string): ErrorFields {
	const op = OP_FAILED.exec(text);
	const idispatch = IDISPATCH.exec(text);
	const hr = HRESULT.exec(text);
	const idispatchError = idispatch ? Number(idispatch[1]) : null;
	const hresult = hr ? normalizeHresult(hr[1]) : idispatchError !== null ? hresultFromIDispatchError(idispatchError) : null;
	return { op: op?.[1] ?? null, detail: op?.[2] || null, hresult, idispatchError };
}

const numberOrText = (v: string): FieldValue => (v === '' ? null : /^-?\d{1,15}$/.test(v) ? Number(v) : v);

/**
 * Classifies Tools payloads, one message at a time in file order. Stateful: it numbers quiesce requests
 * (`run`) and follows where the state machine is, to name the state `VmBackupStartScripts` enters
 * (freeze, error or thaw scripts), and on which platform it runs (learnt from script paths and Windows-only op
 * names), for the states that differ: `VmBackupEnableSyncWait` enters SYNC_FREEZE on Windows and SYNC_FREEZE_WAIT
 * on Linux; `VmBackupEnableCompleteWait` enters COMPLETE_WAIT on Windows and IDLE on Linux.
 */
export class ToolsMessageClassifier {
	private run = 0;
	/** The `vmbackup.start` RPC of the current run was logged, so its `*** VmBackupStart` is not a new run. */
	private startRpcSeen = false;
	/** What happened last in the run: decides which scripts `VmBackupStartScripts` runs. */
	private after: 'start' | 'error' | 'snapshot' = 'start';
	/** Learnt from script paths and Windows-only op names; null until known. */
	private windows: boolean | null = null;

	/** The record a message gives, or null when it matters to no diagnosis (it still counts as parsed). */
	classify(domain: string, level: string, message: string): ClassifiedMessage | null {
		const text = message.trim();
		return this.vmbackup(text, domain) ?? toolsWide(text) ?? this.syncDriver(text) ?? this.problem(text, domain, level);
	}

	/**
	 * The number of the current quiesce request. Only the quiesce machinery asks (vmbackup, vmvss, the sync
	 * driver): before any start, the text is an excerpt cut after its request's start, and its lines are that
	 * request's (run 1; a start that follows opens run 2).
	 */
	private get currentRun(): number {
		if (this.run === 0) this.run = 1;
		return this.run;
	}

	/** A sync driver line naming a failure or an errno; the driver's other traces fall through to problem(). */
	private syncDriver(text: string): ClassifiedMessage | null {
		if (!text.startsWith('SyncDriver: ')) return null;
		const m = SYNC_DRIVER.exec(text);
		if (!m) return null;
		const failedTo = FAILED_TO.exec(m[1]);
		const returned = RETURNED.exec(m[1]);
		const byOther = m[1] === '' && FROZEN_BY_OTHER.test(m[3]);
		// After the path: `: 16 (Device or resource busy)`, `: Device or resource busy`, ` returned: 16 (…)`.
		const errno = byOther ? readErrno(String(EBUSY)) : readErrno(m[3].replace(/^(?: returned)?: ?/, ''));
		const failed = failedTo !== null || byOther;
		if (!failed && errno === null) return null;
		const call = failedTo?.[1].toLowerCase() ?? returned?.[1] ?? (byOther ? 'freeze' : null);
		return { kind: 'sync-driver', fields: { call, path: m[2], errno: errno?.errno ?? null, errnoName: errno?.errnoName ?? null, errorText: errno?.errorText ?? null, failed, run: this.currentRun } };
	}

	private problem(text: string, domain: string, level: string): ClassifiedMessage | null {
		if (domain === 'vmvss') {
			const method = PROVIDER_METHOD.exec(text);
			const errors = errorFields(text);
			if (PROBLEM_LEVELS.has(level) || method || errors.hresult) return { kind: 'vmvss-event', fields: { method: method?.[1] ?? null, message: text, ...errors, run: this.currentRun } };
		}
		if (!PROBLEM_LEVELS.has(level)) return null;
		const sync = SYNC_CALL_FAILED.exec(text)?.[1];
		const syncCall = sync === undefined ? null : sync === 'freezing' ? 'freeze' : 'thaw';
		// The driver's call runs in the machine's SYNC_FREEZE (or SYNC_THAW) state: the line says which it was in.
		const state = STATE_NAME.exec(text)?.[1] ?? (syncCall === null ? null : syncCall === 'freeze' ? 'SYNC_FREEZE' : 'SYNC_THAW');
		const fields: ToolsMessageFields['tools-warning'] = { message: text, state, syncCall, ...errorFields(text) };
		if (domain === 'vmbackup' || domain === 'vmvss') fields.run = this.currentRun;
		if (domain === 'vmbackup' && EVENT_NOT_SENT.test(text)) fields.reason = 'not-privileged';
		return { kind: 'tools-warning', fields };
	}

	private vmbackup(text: string, domain: string): ClassifiedMessage | null {
		return this.step(text) ?? this.event(text) ?? this.rpc(text) ?? (domain === 'vmbackup' ? this.plugin(text) : null);
	}

	private step(text: string): ClassifiedMessage | null {
		if (!text.startsWith('*** ')) return null;
		const m = STEP.exec(text);
		if (!m) return null;
		const step = m[1];
		if (NOISE_STEPS.has(step)) return null;
		let state: VmbackupState | null = STEP_STATES[step] ?? null;
		if (step === 'VmBackupStart' || step === 'VmBackupStartWithOpts') {
			if (!this.startRpcSeen) this.run++;
			this.startRpcSeen = false;
			this.after = 'start';
		} else if (step === 'VmBackupStartScripts') {
			state = this.after === 'start' ? 'SCRIPT_FREEZE' : this.after === 'error' ? 'SCRIPT_ERROR' : 'SCRIPT_THAW';
		} else if (step === 'VmBackupEnableSyncWait') {
			state = this.onPlatform('SYNC_FREEZE', 'SYNC_FREEZE_WAIT');
		} else if (step === 'VmBackupEnableCompleteWait') {
			// Only Windows has a completer (VSS); without one the machine goes straight back to IDLE.
			state = this.onPlatform('COMPLETE_WAIT', 'IDLE');
		} else if (step === 'VmBackupSnapshotDone') {
			this.after = 'snapshot';
		} else if (step === 'VmBackupAbort' || step === 'VmBackupDoAbort') {
			this.after = 'error';
		}
		return { kind: 'vmbackup-step', fields: { step, state, run: this.currentRun } };
	}

	private onPlatform(windows: VmbackupState, linux: VmbackupState): VmbackupState | null {
		return this.windows === null ? null : this.windows ? windows : linux;
	}

	private event(text: string): ClassifiedMessage | null {
		if (!text.startsWith('Sending vmbackup event: ')) return null;
		const m = EVENT.exec(text);
		if (!m) return null;
		const code = Number(m[2]);
		if (m[1] === 'req.error' || m[1] === 'req.aborted') this.after = 'error';
		const errors = errorFields(m[3]);
		if (errors.op === 'VssSyncStart') this.windows = true;
		return { kind: 'vmbackup-event', fields: { event: m[1], code, status: vmbackupStatusName(code), message: m[3].trim() || null, ...errors, run: this.currentRun } };
	}

	private rpc(text: string): ClassifiedMessage | null {
		if (!text.startsWith('RpcIn: received ')) return null;
		const m = RPC.exec(text);
		if (!m) return null;
		const command = m[1];
		if (command === 'vmbackup.start' || command === 'vmbackup.startWithOpts') {
			this.run++;
			this.startRpcSeen = true;
			this.after = 'start';
		} else if (command === 'vmbackup.snapshotDone') {
			this.after = 'snapshot';
		} else if (command === 'vmbackup.abort') {
			this.after = 'error';
		}
		// startWithOpts carries XDR-encoded binary options: keep printable arguments only.
		const args = /^[\x20-\x7e]*$/.test(m[2]) ? m[2].trim() || null : null;
		return { kind: 'vmbackup-rpc', fields: { command, args, run: this.currentRun } };
	}

	/** Lines only the vmbackup plugin itself prints. */
	private plugin(text: string): ClassifiedMessage | null {
		if (text.startsWith('Using ')) {
			const pairs = text
				.slice('Using '.length)
				.split(', ')
				.map((p) => OPTION.exec(p));
			if (pairs.every((p) => p !== null)) return { kind: 'vmbackup-options', fields: Object.assign(Object.fromEntries(pairs.map((p) => [p![1], numberOrText(p![2].trim())])), { run: this.currentRun }) };
		}
		const done = ASYNC_DONE.exec(text);
		if (done) return { kind: 'vmbackup-op', fields: { op: done[1], run: this.currentRun } };
		return this.script(text);
	}

	private script(text: string): ClassifiedMessage | null {
		const none = { dir: null, script: null, phase: null, arg: null, exitCode: null };
		if (text.startsWith('Trying to run scripts from ')) {
			const dir = text.slice('Trying to run scripts from '.length).trim();
			this.windows = dir.includes('\\');
			return { kind: 'vmbackup-script', fields: { action: 'search', ...none, dir, run: this.currentRun } };
		}
		const run = SCRIPT_RUN.exec(text);
		if (run) return { kind: 'vmbackup-script', fields: { action: 'run', ...none, script: run[1], phase: run[2], arg: run[3] ?? null, run: this.currentRun } };
		const exit = EXIT_CODE.exec(text);
		if (exit) return { kind: 'vmbackup-script', fields: { action: 'exit', ...none, exitCode: Number(exit[1]), run: this.currentRun } };
		return null;
	}
}

/** Lines any Tools service prints that matter to every diagnosis. */
function toolsWide(text: string): ClassifiedMessage | null {
	if (text.startsWith('Tools Version: ')) {
		const m = TOOLS_VERSION.exec(text);
		if (m) return { kind: 'tools-version', fields: { version: m[1], build: m[2] ?? null } };
	}
	if (text.startsWith('VMTools_ConfigGet')) {
		const m = CONFIG_READ.exec(text);
		// Tools ends the message with a full stop (`'=TRUE.`): no part of the value.
		if (m) return { kind: 'tools-config-read', fields: { section: m[2], key: m[3], value: m[4].replace(/\.$/, ''), isDefault: m[1] !== undefined } };
	}
	return null;
}
