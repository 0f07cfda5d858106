// Generates random but realistic VMware bundles with their ground truth, to test the join (attempts,
// evidence windows, verdicts, the silent fallback, clock alignment) on bundles no fixture holds. Each
// bundle: 1–N VMs, each with quiesced snapshot attempts at random gaps (a retry may come seconds after a
// failure), random outcomes (success, a writer's veto, a veto and the crash-consistent retry, a guest that
// hangs in the freeze until the host's 15-minute quiesce timeout), a random Tools era and guest time zone,
// opIDs present or not, and a random subset of the files (host only, guest only, both, plus a vCenter task
// export — PowerCLI's on UTC, or the vSphere Client's in the client's zone — and a Veeam job log of the
// snapshot calls in the backup server's zone, with its banner, with a banner wrong by an hour, or cut
// without it). The line shapes are those of the formats' samples and test/bench/generateBundle.ts.
import { prng } from '../bench/generateBundle';

/** What one generated attempt is, as the report must find it. */
export interface TrueAttempt {
	vm: string;
	/** `SnapshotVMX_TakeSnapshot start` instant (ms since the epoch, UTC). */
	startMs: number;
	quiesced: boolean;
	result: 'success' | 'failed';
	outcome: Outcome;
	/** Index (in `attempts`) of the failed quiesced attempt this crash-consistent retry falls back from. */
	fallbackOf: number | null;
}

export type Outcome = 'success' | 'writer-veto' | 'fallback-retry' | 'hang';
export type ToolsEra = 'tools-11.3' | 'tools-pre10.3';
export type FileSubset = 'host' | 'guest' | 'both';
/** A requester log's banner: right, wrong by a DST hour, or cut off. */
export type BannerCase = 'right' | 'wrong' | 'none';

/** A file in a local zone that an anchor aligns: where it is, its true zone, and how it says it. */
export interface LocalSource {
	path: string;
	/** Minutes east of UTC the file's wall clock runs at. */
	zoneMinutes: number;
	banner: BannerCase | null;
	/** Each line's report time must be this UTC instant (ms) within a second: the create calls, the task starts. */
	instants: number[];
}

export interface SimulatedBundle {
	/** Report path → file content. */
	files: Map<string, string>;
	attempts: TrueAttempt[];
	/** Per VM: the guest's UTC offset (minutes east), its Tools era and the UTC instants of its `vmbackup.start` lines. */
	guests: Map<string, { zoneMinutes: number; era: ToolsEra; starts: number[] }>;
	subset: FileSubset;
	opIds: boolean;
	vcenter: boolean;
	/** The vSphere Client's task export (client zone) and the backup product's job log, when generated. */
	locals: LocalSource[];
}

export interface SimulateOptions {
	maxVms?: number;
	maxAttemptsPerVm?: number;
	/** The file subsets to draw from (default all three). */
	subsets?: readonly FileSubset[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Zones guests run in (minutes east of UTC), half-hour and quarter-hour ones included. */
const ZONES = [-480, -300, -240, 0, 60, 120, 330, 345, 540, 600];
/** The host gives up on a guest's quiesce after 15 minutes (VMware Tools' default vmbackup timeout, ms). */
const QUIESCE_TIMEOUT = 15 * MINUTE;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const iso = (ms: number) => new Date(ms).toISOString();
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** The wall clock of a zone as a Date whose UTC fields are it. */
const wall = (utcMs: number, zoneMinutes: number) => new Date(utcMs + zoneMinutes * MINUTE);
/** Veeam's `[dd.MM.yyyy HH:mm:ss]` at a zone's wall clock. */
function veeamStamp(utcMs: number, zoneMinutes: number): string {
	const d = wall(utcMs, zoneMinutes);
	return `[${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}]`;
}
/** The vSphere Client's `10/09/2018, 6:20:04 PM` at a zone's wall clock. */
function clientStamp(utcMs: number, zoneMinutes: number): string {
	const d = wall(utcMs, zoneMinutes);
	const h = d.getUTCHours();
	return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}, ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}
/** Veeam's name for every snapshot it takes. */
const VEEAM_NAME = 'VEEAM BACKUP TEMPORARY SNAPSHOT';
/** `Jul 16 21:00:36.153`: the pre-10.3 Tools stamp, local wall clock without a year. */
function oldToolsStamp(utcMs: number, zoneMinutes: number): string {
	const d = new Date(utcMs + zoneMinutes * MINUTE);
	return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

interface Timed {
	ms: number;
	lines: string[];
}

/** Lines of one file, merged in time order at the end. */
class FileLines {
	readonly entries: Timed[] = [];
	add(ms: number, ...lines: string[]): void {
		this.entries.push({ ms, lines });
	}
	text(): string {
		return (
			this.entries
				.sort((a, b) => a.ms - b.ms)
				.flatMap((e) => e.lines)
				.join('\n') + '\n'
		);
	}
}

/**
 * One random bundle for a seed. Attempts of one VM follow each other with gaps from a few seconds (a
 * product's immediate retry) to hours; every attempt ends before the VM's next one starts.
 */
export function simulateBundle(seed: number, options: SimulateOptions = {}): SimulatedBundle {
	const r = prng(seed);
	const int = (max: number) => Math.floor(r() * max);
	const pick = <T>(list: readonly T[]): T => list[int(list.length)];
	const hex = (digits: number) => Array.from({ length: digits }, () => '0123456789abcdef'[int(16)]).join('');
	const vmCount = 1 + int(options.maxVms ?? 50);
	const perVm = options.maxAttemptsPerVm ?? 4;
	const subset: FileSubset = pick(options.subsets ?? ['host', 'guest', 'both', 'both']);
	const opIds = r() < 0.6;
	const vcenter = subset !== 'guest' && r() < 0.3;
	// The vCenter export is PowerCLI's (UTC) or the vSphere Client's, in the zone of the client that exported it.
	const clientExport = vcenter && r() < 0.5 ? { zoneMinutes: pick(ZONES), rows: [] as string[], instants: [] as number[] } : null;
	// A job log of the backup product's snapshot calls, in its server's zone. Veeam names every snapshot
	// alike: in a one-VM bundle the name is its, elsewhere the generator's names tell the VMs apart.
	const product = subset !== 'guest' && r() < 0.4 ? { zoneMinutes: pick(ZONES), banner: pick<BannerCase>(['right', 'wrong', 'none']), lines: new FileLines(), instants: [] as number[] } : null;
	const base = Date.UTC(2024, int(12), 1 + int(27), int(24), int(60), int(60)) + int(1000);
	const hostd = new FileLines();
	const tasks: string[] = [];
	const files = new Map<string, string>();
	const attempts: TrueAttempt[] = [];
	const guests = new Map<string, { zoneMinutes: number; era: ToolsEra; starts: number[] }>();
	let taskNo = 1000 + int(9000);
	for (let v = 0; v < vmCount; v++) {
		const vm = `VM-${pad(v + 1, 3)}`;
		const guest = { zoneMinutes: pick(ZONES), era: pick<ToolsEra>(['tools-11.3', 'tools-pre10.3']), starts: [] as number[] };
		guests.set(vm, guest);
		const vmx = new FileLines();
		const tools = new FileLines();
		const thread = 1000 + int(9000);
		const vmxLine = (ms: number, who: string, text: string) => vmx.add(ms, `${iso(ms)}| ${who}| I125: ${text}`);
		const toolsLine = (ms: number, level: string, domain: string, text: string) =>
			tools.add(ms, guest.era === 'tools-11.3' ? `[${iso(ms)}] [${level.padStart(8)}] [${domain}] [${thread}] ${text}` : `[${oldToolsStamp(ms, guest.zoneMinutes)}] [${level.padStart(8)}] [${domain}] ${text}`);
		// Chatter so that no file is only what matters.
		const toolsChatter = (ms: number) => toolsLine(ms, 'message', 'guestinfo', `GuestInfoGetNicInfo: NIC ${int(4)} link state up`);
		const vmxChatter = (ms: number) => vmxLine(ms, 'vmx', `GuestRpc: Got RPCI vsocket connection ${int(90)}, assigned to channel ${int(8)}.`);
		let at = base + int(30 * MINUTE);
		const n = 1 + int(perVm);
		for (let k = 0; k < n; k++) {
			const outcome: Outcome = pick(['success', 'writer-veto', 'fallback-retry', 'hang']);
			const tries: { quiesced: boolean; failed: boolean }[] =
				outcome === 'success'
					? [{ quiesced: true, failed: false }]
					: outcome === 'writer-veto' || outcome === 'hang'
						? [{ quiesced: true, failed: true }]
						: [
								{ quiesced: true, failed: true },
								{ quiesced: false, failed: false },
							];
			const hang = outcome === 'hang';
			let failedIndex: number | null = null;
			for (const t of tries) {
				const opId = `${hex(8)}-${hex(2)}-01-${hex(2)}`;
				const name = product && vmCount === 1 ? VEEAM_NAME : `BACKUP ${vm} ${k + 1}`;
				const task = `haTask-${12 + int(80)}-vim.VirtualMachine.createSnapshot-${taskNo++}`;
				const user = 'vpxuser:VSPHERE.LOCAL\\svc-backup';
				const hostdLine = (ms: number, sub: string, text: string) => hostd.add(ms, `${iso(ms)} info hostd[${hex(7).toUpperCase()}] [Originator@6876 sub=${sub}${opIds ? ` opID=${opId} user=${user}` : ''}] ${text}`);
				const end = at + (!t.quiesced ? 2100 + int(1000) : hang ? QUIESCE_TIMEOUT + 2000 + int(1000) : t.failed ? 40_000 + int(20_000) : 8000 + int(6000));
				vmxLine(at, 'vmx', `SnapshotVMX_TakeSnapshot start: '${name}', deviceState=0, lazy=0, logging=0, quiesced=${t.quiesced ? 1 : 0}, forceNative=0, tryNative=1, sibling=0 saveAllocMaps=0 cb=8A0E9B0, cbData=32424BF0`);
				hostdLine(at - 29, 'Vimsvc.TaskManager', `Task Created : ${task}`);
				hostdLine(at - 9, `Vmsvc.vm:/vmfs/volumes/ds1/${vm}/${vm}.vmx`, 'State Transition (VM_STATE_ON -> VM_STATE_CREATE_SNAPSHOT)');
				if (t.quiesced) {
					vmxLine(at + 5, 'vcpu-0', 'ToolsBackup: changing quiesce state: IDLE -> STARTED');
					toolsLine(at + 1100, 'debug', 'vmsvc', 'RpcIn: received 16 bytes, content:"vmbackup.start 1"');
					guest.starts.push(at + 1100);
					toolsLine(at + 1200, 'debug', 'vmbackup', '*** VmBackupStart');
				}
				if (hang) {
					// The guest began the freeze and went silent: only the host's timeout ends the attempt.
					const failAt = at + 5 + QUIESCE_TIMEOUT;
					vmx.add(
						failAt,
						`${iso(failAt)}| vmx| I125: Msg_Post: Warning`,
						`${iso(failAt)}| vmx| I125: [msg.snapshot.quiesce.timeout] Timed out while quiescing the virtual machine.`,
						`${iso(failAt)}| vmx| I125: ----------------------------------------`,
					);
					vmxLine(failAt + 3, 'vcpu-0', 'ToolsBackup: changing quiesce state: STARTED -> ERROR_WAIT');
					vmxLine(failAt + 2005, 'vcpu-0', 'ToolsBackup: changing quiesce state: ERROR_WAIT -> IDLE');
					vmxLine(end, 'vmx', 'SnapshotVMXTakeSnapshotComplete: Snapshot 0 failed: Failed to quiesce the virtual machine (31).');
				} else if (t.failed) {
					const failAt = end - 200;
					toolsLine(failAt - 150, 'debug', 'vmbackup', "Sending vmbackup event: vmbackup.eventSet req.error 5 'VssSyncStart' operation failed: IDispatch error #8691 (0x800423F3)");
					vmx.add(
						failAt,
						`${iso(failAt)}| vmx| I125: Msg_Post: Warning`,
						`${iso(failAt)}| vmx| I125: [msg.snapshot.quiesce.vmerr] The guest OS has reported an error during quiescing.`,
						`${iso(failAt)}| vmx| I125+ The error code was: 5`,
						`${iso(failAt)}| vmx| I125+ The error message was: 'VssSyncStart' operation failed: IDispatch error #8691 (0x800423F3)`,
					);
					vmxLine(failAt + 2, 'vcpu-0', 'ToolsBackup: changing quiesce state: STARTED -> ERROR_WAIT');
					vmxLine(failAt + 150, 'vcpu-0', 'ToolsBackup: changing quiesce state: ERROR_WAIT -> IDLE');
					vmxLine(end, 'vmx', 'SnapshotVMXTakeSnapshotComplete: Snapshot 0 failed: Failed to quiesce the virtual machine (31).');
				} else {
					if (t.quiesced) {
						vmxLine(at + 4000, 'vcpu-0', 'ToolsBackup: changing quiesce state: STARTED -> COMMITTED');
						toolsLine(at + 3990, 'debug', 'vmbackup', 'Sending vmbackup event: vmbackup.eventSet req.keepAlive 0 ');
						vmxLine(at + 4300, 'vcpu-0', `Checkpoint_Unstun: vm stopped for ${200000 + int(200000)} us`);
						vmxLine(at + 5000, 'vcpu-0', 'ToolsBackup: changing quiesce state: COMMITTED -> FINISHING');
						vmxLine(end - 20, 'vcpu-0', 'ToolsBackup: changing quiesce state: FINISHING -> DONE');
						vmxLine(end - 18, 'vcpu-0', 'ToolsBackup: changing quiesce state: DONE -> IDLE');
						toolsLine(end - 60, 'debug', 'vmbackup', 'Sending vmbackup event: vmbackup.eventSet req.done 0 ');
					}
					vmxLine(end, 'vmx', `SnapshotVMXTakeSnapshotComplete: Done with snapshot '${name}': ${1 + int(90)}`);
				}
				hostdLine(end + 70, `Vmsvc.vm:/vmfs/volumes/ds1/${vm}/${vm}.vmx`, 'State Transition (VM_STATE_CREATE_SNAPSHOT -> VM_STATE_ON)');
				hostdLine(end + 73, 'Vimsvc.TaskManager', `Task Completed : ${task} Status ${t.failed ? 'error' : 'success'}`);
				if (product) {
					// The requester's call comes 1.5 to 3.5 s before the VMX starts the snapshot; once its data is
					// read (half a minute to minutes later) it removes the snapshot it made and closes the VM's task.
					const call = at - 1500 - int(2000);
					const line = (ms: number, text: string) => {
						product.instants.push(Math.floor(ms / SECOND) * SECOND);
						product.lines.add(ms, `${veeamStamp(ms, product.zoneMinutes)} <${pad(10 + v, 2)}> Info         ${text}`);
					};
					line(call, `[VimApi] Create snapshot, ref "vm-${2000 + v}", name "${name}", description "Please do not delete this snapshot. It is being used by Veeam Backup.", memory "False", quiesce "${t.quiesced ? 'True' : 'False'}"`);
					if (!t.failed) {
						const removeAt = end + 30 * SECOND + int(4 * MINUTE);
						line(removeAt, `[VimApi] RemoveSnapshot, type "VirtualMachineSnapshot", ref "snapshot-${taskNo}", removeChildren "False"`);
						line(removeAt + 4000, `Task session '${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}' has been completed, status: 'Success', '40 GB' of '40 GB' bytes, '2' of '2' objects, details: ''`);
					}
				}
				if (clientExport) {
					const startAt = at - 35;
					clientExport.instants.push(Math.floor(startAt / SECOND) * SECOND);
					clientExport.rows.push(
						`"Create virtual machine snapshot","${vm}","${t.failed ? 'An error occurred while quiescing the virtual machine.' : 'Completed'}","","VSPHERE.LOCAL\\svc-backup","3 ms","${clientStamp(startAt, clientExport.zoneMinutes)}","${clientStamp(end + 80, clientExport.zoneMinutes)}","vcsa-01.corp.example"`,
					);
				}
				const vcTask = `task-${taskNo}`;
				tasks.push(
					`"${vcTask}","VMware.Vim.ManagedObjectReference","VMware.Vim.LocalizableMessage","CreateSnapshot_Task","VirtualMachine.createSnapshot","VMware.Vim.ManagedObjectReference","${vm}",,"${t.failed ? 'error' : 'success'}","False","False",${t.failed ? '"VMware.Vim.LocalizedMethodFault"' : ''},,,"VMware.Vim.TaskReasonUser","${iso(at - 40)}","${iso(at - 35)}","${iso(end + 80)}","${taskNo}",,,,,,,`,
				);
				attempts.push({ vm, startMs: at, quiesced: t.quiesced, result: t.failed ? 'failed' : 'success', outcome, fallbackOf: t.quiesced ? null : failedIndex });
				if (t.failed) failedIndex = attempts.length - 1;
				// The next try: a product's retry comes seconds later, a next backup minutes to hours later.
				at = end + (t.failed && outcome === 'fallback-retry' ? 3 * SECOND + int(120 * SECOND) : 5 * SECOND + int(r() < 0.5 ? 2 * MINUTE : 6 * 60 * MINUTE));
			}
		}
		for (let ms = base; ms < at; ms += 20 * SECOND + int(10 * MINUTE)) {
			toolsChatter(ms);
			vmxChatter(ms + 7);
		}
		if (subset !== 'guest') files.set(`esxi/vmfs/volumes/ds1/${vm}/vmware.log`, vmx.text());
		if (subset !== 'host') files.set(`guest-${vm}/vmware-vmsvc.log`, tools.text());
	}
	if (subset !== 'guest') files.set('esxi/var/run/log/hostd.log', hostd.text());
	const locals: LocalSource[] = [];
	if (clientExport) {
		const header = '"Task Name","Target","Status","Details","Initiator","Queued For","Start Time","Completion Time","Server"';
		files.set('vcenter/tasks-export.csv', [header, ...clientExport.rows].join('\n') + '\n');
		locals.push({ path: 'vcenter/tasks-export.csv', zoneMinutes: clientExport.zoneMinutes, banner: null, instants: clientExport.instants });
	} else if (vcenter) {
		const header =
			'"Key","Task","Description","Name","DescriptionId","Entity","EntityName","Locked","State","Cancelled","Cancelable","Error","Result","Progress","Reason","QueueTime","StartTime","CompleteTime","EventChainId","ChangeTag","ParentTaskKey","RootTaskKey","ActivationId","LinkedView","DynamicType","DynamicProperty"';
		files.set('vcenter/tasks.csv', ['#TYPE VMware.Vim.TaskInfo', header, ...tasks].join('\n') + '\n');
	}
	if (product) {
		// Veeam's banner states the offset in decimal hours; a wrong one is an hour off (a DST change it missed).
		const stated = product.zoneMinutes + (product.banner === 'wrong' ? 60 : 0);
		const first = Math.min(...product.instants);
		const banner =
			product.banner === 'none'
				? ''
				: ['===================================================================', 'Starting new log', `UTC Time: [${iso(first - 5000)}], DaylightSavingTime: [False]`, `UTC offset: ${(stated / 60).toFixed(2)} hours`, ''].join('\n') + '\n';
		files.set('veeam/Job.Nightly.Backup.log', banner + product.lines.text());
		locals.push({ path: 'veeam/Job.Nightly.Backup.log', zoneMinutes: product.zoneMinutes, banner: product.banner, instants: product.instants });
	}
	return { files, attempts, guests, subset, opIds, vcenter, locals };
}
