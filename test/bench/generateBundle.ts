// Writes a deterministic synthetic support bundle for the benchmark and the scale tests: one ESXi host
// (hostd.log) running several VMs (a vmware.log each) with many quiesce attempts, and per VM the guest's
// VMware Tools log and Application events as XML. Every line has the shape of a real one (the shapes
// come from test/fixtures/bundles and the formats' samples), so the readers parse the bundle as they would
// a real one; most lines are the chatter that surrounds the few lines that matter.
import * as fs from 'fs';
import * as path from 'path';

/** What was generated: the count the report must find, and the files (absolute paths). */
export interface GeneratedBundle {
	dir: string;
	attempts: number;
	failedAttempts: number;
	files: string[];
	/** Bytes written, all files. */
	bytes: number;
}

export interface GenerateOptions {
	/** PRNG seed: the same seed and size give byte-identical files. */
	seed?: number;
	vms?: number;
	/** Attempts to write (default: one per BYTES_PER_ATTEMPT of the bundle). */
	attempts?: number;
	/** Share of the bundle each kind of file gets (default SHARE). */
	share?: typeof SHARE;
	/**
	 * What the logs say between attempts: `idle` (default), lines that make no record; `records`, the
	 * lines of a debug-level guest and a host with warnings, each of which makes a record.
	 */
	chatter?: 'idle' | 'records';
	/** Share (0–1) of the vmware.log and event chatter written as lines of LONG_LINE_CHARS instead. */
	longLines?: number;
	/** Where each file's lines go (default: one file each); `rel` is its path under the bundle. */
	out?: (rel: string, wrap?: Wrap) => Sink;
}

/** Lines a file starts and ends with (an XML document's root element), in every piece of a rotated file. */
export interface Wrap {
	head: string[];
	tail: string[];
}

/** What the generator writes a file's lines to: one file (Out) or rotated pieces (test/bench/shapes.ts). */
export interface Sink {
	line(text: string): void;
	/** Called between two attempt slots: the only place a rotated file may start its next piece. */
	slotDone(): void;
	close(): void;
	/** Characters and chatter entries written so far (their ratio sizes the next slot). */
	chars: number;
	entries: number;
	/** Every file written, and their bytes (known once closed). */
	files(): string[];
	bytes: number;
}

/**
 * The length of a long line (characters): 1 MB, far past what a line of a real log usually holds, and
 * with its event's markup still under the 1 MiB a Windows event may take (larger ones are skipped).
 */
export const LONG_LINE_CHARS = 1_000_000;

/** One attempt per this many bytes of bundle (about 2,000 attempts per GiB). */
const BYTES_PER_ATTEMPT = 512 * 1024;
/** Simulated time between the starts of two attempts (ms): far apart enough that their windows never overlap. */
const SLOT_MS = 20 * 60 * 1000;
/** Share of the bundle each kind of file gets. */
const SHARE = { vmx: 0.42, hostd: 0.36, tools: 0.12, events: 0.1 };
const BASE_MS = Date.UTC(2024, 4, 1, 0, 0, 0);
/** Strings are flushed to disk in pieces of about this many characters, so memory stays flat. */
const FLUSH_CHARS = 1 << 20;

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Appends lines to a file through a string buffer. */
export class Out implements Sink {
	private buf = '';
	private readonly fd: number;
	bytes = 0;
	/** Characters written so far, and chatter entries (one or more lines each): their ratio sizes the next slot. */
	chars = 0;
	entries = 0;

	constructor(
		readonly file: string,
		private readonly wrap?: Wrap,
	) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		this.fd = fs.openSync(file, 'w');
		for (const l of wrap?.head ?? []) this.line(l);
	}

	slotDone(): void {}

	files(): string[] {
		return [this.file];
	}

	line(text: string): void {
		this.buf += text + '\n';
		this.chars += text.length + 1;
		if (this.buf.length >= FLUSH_CHARS) this.flush();
	}

	flush(): void {
		if (this.buf === '') return;
		this.bytes += fs.writeSync(this.fd, this.buf);
		this.buf = '';
	}

	close(): void {
		for (const l of this.wrap?.tail ?? []) this.line(l);
		this.flush();
		fs.closeSync(this.fd);
	}
}

const iso = (ms: number) => new Date(ms).toISOString();
const hex = (rnd: () => number, digits: number) => {
	let s = '';
	for (let i = 0; i < digits; i++) s += '0123456789abcdef'[Math.floor(rnd() * 16)];
	return s;
};
const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
const int = (rnd: () => number, max: number) => Math.floor(rnd() * max);

/** vmware.log lines of a running VM (ESXi 6.7, `I125`): none of them is about snapshots or quiescing. */
const VMX_CHATTER: readonly ((r: () => number) => string)[] = [
	(r) => `vcpu-${int(r, 4)}| I125: VMMouse: CMD Read ID`,
	(r) => `mks| I125: SVGA: Unregistering IOSpace at 0x${hex(r, 4)}`,
	(r) => `vmx| I125: GuestRpc: Got RPCI vsocket connection ${int(r, 90)}, assigned to channel ${int(r, 8)}.`,
	(r) => `vmx| I125: GuestRpc: Channel ${int(r, 8)}, conn ${int(r, 90)}, guest application toolbox.`,
	(r) => `vmx| I125: VigorTransportProcessClientPayload: opID=${hex(r, 8)}-${hex(r, 2)} seq=${int(r, 99999)}: Receiving GuestStats.Get request.`,
	(r) => `vmx| I125: VigorTransport_ServerSendResponse opID=${hex(r, 8)}-${hex(r, 2)} seq=${int(r, 99999)}: Completed GuestStats request.`,
	(r) => `vcpu-${int(r, 4)}| I125: HBACommon: First write on scsi0:${int(r, 4)}.fileName='/vmfs/volumes/5b2cf72d-c314ef74-0f37-8cdf9d51786c/VM/VM-00000${int(r, 9)}.vmdk'`,
	(r) => `vmx| I125: DISKLIB-CBT   : Initializing ESX kernel change tracking for fid ${int(r, 99999999)}.`,
	(r) => `vmx| I125: Tools: Changing running status: ${pick(r, ['1', '0'])} => ${pick(r, ['1', '0'])}.`,
	() => `vmx| I125: TOOLS call to unity.window.contents.start failed.`,
	(r) => `vcpu-${int(r, 4)}| I125: Guest: toolbox: Version: build-${int(r, 9999999)}`,
	() => `vmx| I125: VMXVmdb_SetToolsVersionStatus: status value set to 'ok', 'current', install possible`,
];

/** hostd.log lines of a busy host (ESXi 6.7 shape): property updates, logins, vprob posts with continuations. */
const HOSTD_CHATTER: readonly ((r: () => number, op: string) => string[])[] = [
	(r, op) => [`verbose hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=PropertyProvider opID=${op} user=vpxuser] RecordOp ASSIGN: guest, ${int(r, 64)}. Sent notification immediately.`],
	(r) => [`info hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=Vimsvc.ha-eventmgr] Event ${int(r, 99999)} : User root@127.0.0.1 logged in as pyvmomi Python/3.7.9 (Linux; 4.4.0-116-generic; x86_64)`],
	(r, op) => [
		`info hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=Solo.Vmomi opID=${op} user=root] Activation finished; <<52${hex(r, 6)}-${hex(r, 4)}, <TCP '127.0.0.1 : 8307'>, <TCP '127.0.0.1 : ${40000 + int(r, 20000)}'>>, ha-guest-operations-manager, vim.vm.guest.GuestOperationsManager.getProcessManager>`,
	],
	(r) => [
		`verbose hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=Hostsvc.VmkVprobSource] VmkVprobSource::Post event: (vim.event.EventEx) {`,
		`-->    key = ${int(r, 9999)},`,
		`-->    chainId = ${int(r, 9999)},`,
		`-->    eventTypeId = "esx.audit.net.firewall.config.changed",`,
		'--> }',
	],
	(r, op) => [`verbose hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=Vimsvc.ha-eventmgr opID=${op} user=vpxuser] Event ${int(r, 99999)} : Alarm 'Host memory usage' on esx-prd-03.corp.example changed from Gray to Green`],
	(r) => [`verbose hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=Default] CloseSession called for session id=52${hex(r, 6)}-${hex(r, 4)}-${hex(r, 4)}`],
];

/** Tools log lines of an idle guest (Tools 11.3, UTC, thread id): debug and message levels only. */
const TOOLS_CHATTER: readonly ((r: () => number) => string)[] = [
	(r) => `[   debug] [vmsvc] [${1000 + int(r, 9000)}] RpcIn: received ${10 + int(r, 60)} bytes, content:"Set_Option broadcastIP 1"`,
	(r) => `[ message] [guestinfo] [${1000 + int(r, 9000)}] GuestInfoGetNicInfo: NIC ${int(r, 4)} link state up`,
	(r) => `[   debug] [vmsvc] [${1000 + int(r, 9000)}] ToolsDaemonTcloReceiveVixCommand: command ${int(r, 200)}, additionalError = 0`,
	(r) => `[    info] [vmsvc] [${1000 + int(r, 9000)}] Core dump limit set to -1`,
	(r) => `[   debug] [timeSync] [${1000 + int(r, 9000)}] TimeSyncGetTimeAndFlags: no sync needed, drift ${int(r, 900)} us`,
];

/**
 * Record-dense chatter (`chatter: 'records'`): a busy host's hostd at warning and verbose level, most lines
 * of which make a record: faults of several components (a few under a request's opID), the Tools status of
 * the VMs, next to verbose lines that make none.
 */
const HOSTD_RECORDS: readonly ((r: () => number, op: string, vmx: string) => string[])[] = [
	(r) => [`warning hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=Default] AdapterServer caught exception: vmodl.fault.ManagedObjectNotFound`],
	(r) => [`warning hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=Hostsvc.DatastoreSystem] Failed to refresh datastore ds-ssd-0${int(r, 4)}: vim.fault.NotFound (${int(r, 9000)} ms)`],
	(r, _op, vmx) => [`info hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=Vmsvc.vm:${vmx}] Tools running status changed to: running`],
	(r) => [
		`warning hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=Solo.Vmomi] Result:`,
		`--> (vim.fault.InvalidState) {`,
		`-->    faultCause = (vmodl.MethodFault) null,`,
		`-->    msg = "The operation is not allowed in the current state (${int(r, 99)})."`,
		'--> }',
	],
	(r) => [`verbose hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=PropertyProvider] RecordOp ASSIGN: summary.quickStats, ${int(r, 64)}. Sent notification immediately.`],
	(r) => [`warning hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=Libs] SSLVerifyCertAgainstSystemStore: The remote host certificate has these problems: ${int(r, 3)}`],
];
/** One line in this many of HOSTD_RECORDS' kind is a fault under a request's own opID (a record that never folds). */
const OPID_FAULT_EVERY = 50;

/** Record-dense Tools chatter: a guest logging at debug level, most lines warnings or settings read. */
const TOOLS_RECORDS: readonly ((r: () => number, thread: number) => string)[] = [
	(r, t) => `[ warning] [guestinfo] [${t}] *** WARNING: GuestInfo collection interval longer than expected; actual=${31 + int(r, 60)} sec, expected=30 sec. ***`,
	(r, t) => {
		const [section, key, value] = pick(r, TOOLS_CONFIG_READS);
		return `[ message] [vmsvc] [${t}] VMTools_ConfigGetBoolean: Returning default value for '[${section}] ${key}'=${value} (Not Found)`;
	},
	(r, t) => `[ warning] [vmsvc] [${t}] GuestInfoGetDiskInfo: could not read volume ${pick(r, ['C:', 'D:', 'E:'])}, retry ${int(r, 200)}`,
	(r, t) => `[   debug] [vmsvc] [${t}] RpcIn: received ${10 + int(r, 60)} bytes, content:"Set_Option broadcastIP 1"`,
];
/** Settings a Tools service reads again at every poll (section, key, the value it uses). */
const TOOLS_CONFIG_READS: readonly (readonly [string, string, string])[] = [
	['vmbackup', 'enableVSS', 'TRUE'],
	['vmbackup', 'enableSyncDriver', 'TRUE'],
	['guestinfo', 'disable-perf-mon', 'FALSE'],
	['guestinfo', 'disable-query-diskinfo', 'FALSE'],
	['logging', 'log', 'TRUE'],
	['vmsvc', 'disable-tools-version', 'FALSE'],
	['powerops', 'poweron-script', 'poweron-vm-default.bat'],
	['timeSync', 'period', '60'],
];

/** A vmware.log line of LONG_LINE_CHARS: a guest's statistics blob dumped on one line. */
const longVmxLine = (r: () => number) => `vmx| I125: GuestRpc: Got stats blob ${int(r, 999)}: ${'A'.repeat(LONG_LINE_CHARS)}`;

/** An Application-log event no quiesce diagnosis needs (information level, an unrelated provider). */
function chatterEvent(r: () => number, ms: number, computer: string, long = false): string {
	const provider = pick(r, ['Microsoft-Windows-Security-SPP', 'Microsoft-Windows-RestartManager', 'Microsoft-Windows-Winlogon', 'Microsoft-Windows-User Profiles Service']);
	return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='${provider}'/><EventID Qualifiers='16384'>${int(r, 20000)}</EventID><Version>0</Version><Level>4</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='${iso(ms).replace('Z', '0000Z')}'/><EventRecordID>${int(r, 999999)}</EventRecordID><Correlation/><Execution ProcessID='0' ThreadID='0'/><Channel>Application</Channel><Computer>${computer}</Computer><Security/></System><EventData><Data>${long ? 'B'.repeat(LONG_LINE_CHARS) : hex(r, 16)}</Data><Data>Successfully scheduled Software Protection service for re-start at ${iso(ms + 86400000)}. Reason: RulesEngine.</Data></EventData></Event>`;
}

/** VSS 8229 (a writer vetoed), as the guest logs it when an attempt fails. */
function vetoEvent(ms: number, computer: string, recordId: number): string {
	return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='VSS'/><EventID Qualifiers='0'>8229</EventID><Version>0</Version><Level>3</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='${iso(ms).replace('Z', '0000Z')}'/><EventRecordID>${recordId}</EventRecordID><Correlation/><Execution ProcessID='0' ThreadID='0'/><Channel>Application</Channel><Computer>${computer}</Computer><Security/></System><EventData><Data>0x800423f3, The writer experienced a transient error.  If the backup process is retried,
the error may not reoccur.
</Data><Data>

Operation:
   PrepareForSnapshot Event

Context:
   Execution Context: Writer
   Writer Class Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}
   Writer Name: SqlServerWriter
   Writer Instance ID: {88352925-65e1-50ed-a0c0-d65543ae0cab}
</Data></EventData></Event>`;
}

/** A timed line of one file within one slot; `lines` share the stamp (continuations, Msg_Post blocks). */
interface Timed {
	ms: number;
	lines: string[];
}

/**
 * Writes one slot of a file: about `bytes` of chatter spread over the slot, merged in time with the slot's
 * attempt lines. `firstGuess` is the bytes per chatter entry assumed until the file has 1,000 entries.
 */
function fillSlot(out: Sink, slotStart: number, bytes: number, firstGuess: number, chatter: (ms: number) => Timed, events: Timed[], r: () => number): void {
	// Lines are ASCII, so characters are bytes; the file's own average entry length so far sizes the slot.
	const avgEntry = out.entries >= 1000 ? out.chars / out.entries : firstGuess;
	const x = bytes / avgEntry;
	// Less than one entry per slot (hundreds of VMs): one entry in some slots, so the bytes still add up.
	const n = x >= 1 ? Math.round(x) : r() < x ? 1 : 0;
	out.entries += n;
	const step = SLOT_MS / n;
	let e = 0;
	let t = slotStart;
	for (let i = 0; i < n; i++) {
		t += step * (0.5 + r());
		if (t >= slotStart + SLOT_MS) t = slotStart + SLOT_MS - 1;
		while (e < events.length && events[e].ms <= t) for (const l of events[e++].lines) out.line(l);
		for (const l of chatter(Math.floor(t)).lines) out.line(l);
	}
	while (e < events.length) for (const l of events[e++].lines) out.line(l);
	out.slotDone();
}

/** The lines one attempt leaves in each file. `failed`: the guest's VSS writer vetoes and the snapshot fails. */
function attemptLines(at: number, vm: string, vmx: string, n: number, failed: boolean, r: () => number) {
	const opId = `${hex(r, 8)}-${hex(r, 2)}-01-${hex(r, 2)}`;
	const task = `haTask-${12 + int(r, 80)}-vim.VirtualMachine.createSnapshot-${100000000 + n}`;
	const name = `VEEAM BACKUP TEMPORARY SNAPSHOT ${n}`;
	const user = 'vpxuser:VSPHERE.LOCAL\\svc-veeam';
	const thread = `${1000 + int(r, 9000)}`;
	const vmxLine = (ms: number, who: string, text: string): Timed => ({ ms, lines: [`${iso(ms)}| ${who}| I125: ${text}`] });
	const hostd = (ms: number, sub: string, text: string, op = true): Timed => ({ ms, lines: [`${iso(ms)} info hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=${sub}${op ? ` opID=${opId} user=${user}` : ''}] ${text}`] });
	const tools = (ms: number, level: string, domain: string, text: string): Timed => ({ ms, lines: [`[${iso(ms)}] [${level.padStart(8)}] [${domain}] [${thread}] ${text}`] });
	const end = at + (failed ? 48_300 : 10_960);
	const vmxLines: Timed[] = [
		vmxLine(at, 'vmx', `SnapshotVMX_TakeSnapshot start: '${name}', deviceState=0, lazy=0, logging=0, quiesced=1, forceNative=0, tryNative=1, sibling=0 saveAllocMaps=0 cb=8A0E9B0, cbData=32424BF0`),
		vmxLine(at + 5, 'vcpu-0', 'ToolsBackup: changing quiesce state: IDLE -> STARTED'),
		vmxLine(at + 1205, 'vcpu-1', 'Guest: [   debug] [vmsvc:vmbackup] *** VmBackupStart'),
		vmxLine(at + 1208, 'vcpu-1', 'Guest: [   debug] [vmsvc:vmbackup] Using quiesceApps = 1, quiesceFS = 1, allowHWProvider = 1, execScripts = 1, scriptArg = , timeout = 0, enableNullDriver = 1, forceQuiesce = 0'),
	];
	const hostdLines: Timed[] = [hostd(at - 29, 'Vimsvc.TaskManager', `Task Created : ${task}`), hostd(at - 9, `Vmsvc.vm:${vmx}`, 'State Transition (VM_STATE_ON -> VM_STATE_CREATE_SNAPSHOT)')];
	const toolsLines: Timed[] = [
		tools(at + 1100, 'debug', 'vmsvc', 'RpcIn: received 16 bytes, content:"vmbackup.start 1"'),
		tools(at + 1200, 'debug', 'vmbackup', '*** VmBackupStart'),
		tools(at + 1202, 'debug', 'vmbackup', 'Using quiesceApps = 1, quiesceFS = 1, allowHWProvider = 1, execScripts = 1, scriptArg = , timeout = 0, enableNullDriver = 1, forceQuiesce = 0'),
		tools(at + 1203, 'debug', 'vmbackup', '*** VmBackupStartScripts'),
	];
	const eventLines: Timed[] = [];
	if (failed) {
		vmxLines.push(
			{
				ms: at + 48_120,
				lines: [
					`${iso(at + 48_120)}| vmx| I125: Msg_Post: Warning`,
					`${iso(at + 48_120)}| vmx| I125: [msg.snapshot.quiesce.vmerr] The guest OS has reported an error during quiescing.`,
					`${iso(at + 48_120)}| vmx| I125+ The error code was: 5`,
					`${iso(at + 48_120)}| vmx| I125+ The error message was: 'VssSyncStart' operation failed: IDispatch error #8691 (0x800423F3)`,
				],
			},
			vmxLine(at + 48_122, 'vcpu-0', 'ToolsBackup: changing quiesce state: STARTED -> ERROR_WAIT'),
			vmxLine(at + 48_290, 'vcpu-0', 'ToolsBackup: changing quiesce state: ERROR_WAIT -> IDLE'),
			vmxLine(at + 48_291, 'vcpu-0', 'ToolsBackup: changing quiesce state: IDLE -> DONE'),
			vmxLine(end - 1, 'vmx', `SnapshotVMXTakeSnapshotComplete: Done with snapshot '${name}': 0`),
			vmxLine(end, 'vmx', 'SnapshotVMXTakeSnapshotComplete: Snapshot 0 failed: Failed to quiesce the virtual machine (31).'),
		);
		toolsLines.push(tools(at + 48_000, 'debug', 'vmbackup', "Sending vmbackup event: vmbackup.eventSet req.error 5 'VssSyncStart' operation failed: IDispatch error #8691 (0x800423F3)"));
		eventLines.push({ ms: at + 47_700, lines: vetoEvent(at + 47_700, `${vm}.corp.example`, 200000 + n).split('\n') });
		hostdLines.push({
			ms: at + 48_130,
			lines: [
				`${iso(at + 48_130)} info hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=Vimsvc.ha-eventmgr] Event ${50000 + n} : Warning message from esx-prd-03.corp.example: The guest OS has reported an error during quiescing.`,
				'--> The error code was: 5',
				"--> The error message was: 'VssSyncStart' operation failed: IDispatch error #8691 (0x800423F3)",
			],
		});
	} else {
		vmxLines.push(
			vmxLine(at + 7620, 'vcpu-0', 'ToolsBackup: changing quiesce state: STARTED -> COMMITTED'),
			vmxLine(at + 7930, 'vcpu-0', `Checkpoint_Unstun: vm stopped for ${200000 + int(r, 200000)} us`),
			vmxLine(at + 8830, 'vcpu-0', 'ToolsBackup: changing quiesce state: COMMITTED -> FINISHING'),
			vmxLine(at + 10_944, 'vcpu-0', 'ToolsBackup: changing quiesce state: FINISHING -> DONE'),
			vmxLine(at + 10_946, 'vcpu-0', 'ToolsBackup: changing quiesce state: DONE -> IDLE'),
			vmxLine(end, 'vmx', `SnapshotVMXTakeSnapshotComplete: Done with snapshot '${name}': ${n + 1}`),
		);
		toolsLines.push(
			tools(at + 7600, 'debug', 'vmbackup', 'Sending vmbackup event: vmbackup.eventSet req.keepAlive 0 '),
			tools(at + 8840, 'debug', 'vmsvc', 'RpcIn: received 20 bytes, content:"vmbackup.snapshotDone"'),
			tools(at + 10_900, 'debug', 'vmbackup', 'Sending vmbackup event: vmbackup.eventSet req.done 0 '),
		);
	}
	hostdLines.push(hostd(end + 70, `Vmsvc.vm:${vmx}`, 'State Transition (VM_STATE_CREATE_SNAPSHOT -> VM_STATE_ON)', false), hostd(end + 73, 'Vimsvc.TaskManager', `Task Completed : ${task} Status ${failed ? 'error' : 'success'}`));
	const byTime = (a: Timed, b: Timed) => a.ms - b.ms;
	return { vmx: vmxLines.sort(byTime), hostd: hostdLines.sort(byTime), tools: toolsLines.sort(byTime), events: eventLines };
}

/**
 * Writes a bundle of about `targetBytes` into `dir` (created; existing generated files are overwritten).
 * Attempts rotate over the VMs, one per 20-minute slot, every fourth one failing.
 */
export function generateBundle(dir: string, targetBytes: number, options: GenerateOptions = {}): GeneratedBundle {
	const r = prng(options.seed ?? 20240501);
	const vmCount = options.vms ?? 4;
	const attempts = options.attempts ?? Math.max(vmCount, Math.round(targetBytes / BYTES_PER_ATTEMPT));
	const share = options.share ?? SHARE;
	const long = options.longLines ?? 0;
	const vms = Array.from({ length: vmCount }, (_, i) => `SQL-PRD-${String(i + 1).padStart(2, '0')}`);
	const vmxPath = (vm: string) => `/vmfs/volumes/5b2cf72d-c314ef74-0f37-8cdf9d51786c/${vm}/${vm}.vmx`;
	const open = options.out ?? ((rel: string, wrap?: Wrap) => new Out(path.join(dir, rel), wrap));
	const eventsWrap: Wrap = { head: ['<?xml version="1.0" encoding="utf-8"?>', '<Events>'], tail: ['</Events>'] };
	const vmxOut = vms.map((vm) => open(path.join('esxi', 'vmfs', 'volumes', 'ds-ssd-01', vm, 'vmware.log')));
	const toolsOut = vms.map((vm) => open(path.join(`guest-${vm}`, 'vmware-vmsvc.log')));
	const eventsOut = vms.map((vm) => open(path.join(`guest-${vm}`, 'events-application.xml'), eventsWrap));
	const hostdOut = open(path.join('esxi', 'var', 'run', 'log', 'hostd.log'));
	const perSlot = targetBytes / attempts;
	// A long line is one entry in this many (about `long` of the bytes, at LONG_LINE_CHARS against ~150-900).
	const longEvery = (entryChars: number) => (long > 0 ? Math.max(1, Math.round(LONG_LINE_CHARS / entryChars / long)) : 0);
	const vmxLong = longEvery(150);
	const eventsLong = longEvery(900);
	const chatterVmx = (ms: number): Timed => ({ ms, lines: [`${iso(ms)}| ${vmxLong > 0 && int(r, vmxLong) === 0 ? longVmxLine(r) : pick(r, VMX_CHATTER)(r)}`] });
	const stamped = (ms: number, lines: string[]): Timed => ({ ms, lines: lines.map((l, i) => (i === 0 ? `${iso(ms)} ${l}` : l)) });
	const records = options.chatter === 'records';
	// One thread id per guest's Tools service (drawn only for this chatter: the default bundle stays as it was).
	const threads = records ? vms.map(() => 1000 + int(r, 9000)) : [];
	const chatterHostd = (ms: number): Timed => {
		if (!records) return stamped(ms, pick(r, HOSTD_CHATTER)(r, `${hex(r, 8)}-${hex(r, 2)}`));
		if (int(r, OPID_FAULT_EVERY) === 0) return stamped(ms, [`warning hostd[${hex(r, 7).toUpperCase()}] [Originator@6876 sub=Vimsvc.ha-eventmgr opID=${hex(r, 8)}-${hex(r, 2)} user=vpxuser] Permission check failed: vim.fault.NoPermission`]);
		return stamped(ms, pick(r, HOSTD_RECORDS)(r, '', vmxPath(pick(r, vms))));
	};
	const chatterTools =
		(k: number) =>
		(ms: number): Timed => ({ ms, lines: [`[${iso(ms)}] ${records ? pick(r, TOOLS_RECORDS)(r, threads[k]) : pick(r, TOOLS_CHATTER)(r)}`] });
	let failedAttempts = 0;
	for (let n = 0; n < attempts; n++) {
		const slot = BASE_MS + n * SLOT_MS;
		const v = n % vmCount;
		const failed = n % 4 === 3;
		if (failed) failedAttempts++;
		const at = slot + SLOT_MS / 2 + int(r, 60_000);
		const lines = attemptLines(at, vms[v], vmxPath(vms[v]), n, failed, r);
		// Each VM's files log all the time; only the VM whose turn it is has an attempt in this slot.
		for (let k = 0; k < vmCount; k++) {
			fillSlot(vmxOut[k], slot, (perSlot * share.vmx) / vmCount, 150, chatterVmx, k === v ? lines.vmx : [], r);
			fillSlot(toolsOut[k], slot, (perSlot * share.tools) / vmCount, 105, chatterTools(k), k === v ? lines.tools : [], r);
			const computer = `${vms[k]}.corp.example`;
			fillSlot(eventsOut[k], slot, (perSlot * share.events) / vmCount, 900, (ms) => ({ ms, lines: [chatterEvent(r, ms, computer, eventsLong > 0 && int(r, eventsLong) === 0)] }), k === v ? lines.events : [], r);
		}
		fillSlot(hostdOut, slot, perSlot * share.hostd, 300, chatterHostd, lines.hostd, r);
	}
	const all = [...vmxOut, hostdOut, ...toolsOut, ...eventsOut];
	for (const out of all) out.close();
	return { dir, attempts, failedAttempts, files: all.flatMap((o) => o.files()), bytes: all.reduce((s, o) => s + o.bytes, 0) };
}

/** `1GiB`, `200MB`, `50M`, `1g`, or a plain byte count → bytes (binary multiples). */
export function parseSize(text: string): number {
	const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
	if (!m) throw new Error(`'${text}' is no size (examples: 1GiB, 200MB, 50M).`);
	const power = ' kmgt'.indexOf(m[2].toLowerCase() || ' ');
	return Math.round(Number(m[1]) * 1024 ** power);
}
