/**
 * English messages of the knowledge base (the default locale). Each entry is a function of its typed
 * parameters; `ja.ts` must have the same keys and parameters. Durations are given in ms and worded by
 * formatDuration.
 */
import type { AttemptKind, ClockConfidence, Consistency, EventJoin, FailedComponent, PhaseName, VssPhase, VssRole } from '../../model/report';
import { formatDuration } from './duration';
import type { ServiceRole, ServiceStop } from '../services';
import type { CheckpointRefusal } from '../../formats/windows/eventMessages';

/** `61 s`, `15 min 31 s` (formatDuration's rule). */
const dur = (ms: number): string => formatDuration(ms, 'en');

/** What an SCM event says happened to a service (QL307). */
const SERVICE_STOP_EN: Readonly<Record<ServiceStop, string>> = {
	crashed: 'terminated unexpectedly',
	error: 'terminated with an error',
	start: 'failed to start',
	hung: 'stopped responding',
	shutdown: 'did not shut down properly',
};

/** What losing a service does to a snapshot, by the service's part in it (QL307). */
const SERVICE_ROLE_EN: Readonly<Record<ServiceRole, string>> = {
	vss: "VSS coordinates every shadow copy: while its service is down the requester's calls fail (0x8004230F, 0x80042302) and the writers time out",
	provider: 'The provider creates the shadow copy itself: without its service VSS reports an unexpected provider error (0x8004230F) and no snapshot is taken',
	writer: "The writer's service answers VSS for its application: without it the application's data is not quiesced, or the writer times out",
	agent: 'The agent that asked for the snapshot stopped: the snapshot it was taking is abandoned',
	com: 'VSS reaches its writers through COM+: without this service the writers cannot be called',
};

const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');
/** `, last error "Timed out" with VSS_E_… (0x…)`, or nothing when the listing shows no last error. */
const lastErr = (p: { lastError: string | null; hrLabel: string | null }) => (p.lastError !== null ? `, last error "${p.lastError}"${p.hrLabel ? ` with ${p.hrLabel}` : ''}` : '');
/** `SQL Server and Exchange` from which of them took part (both when neither is shown). */
const apps = (sql: boolean, exchange: boolean) => [sql ? 'SQL Server' : null, exchange ? 'Exchange' : null].filter(Boolean).join(' and ') || 'SQL Server and Exchange';

/** VSS_WRITER_STATE by number, as a short phrase. */
const WRITER_STATES: readonly string[] = [
	'unknown state',
	'stable',
	'waiting for freeze',
	'frozen, waiting for thaw',
	'waiting for post-snapshot',
	'waiting for backup complete',
	'failed at identify',
	'failed at prepare backup',
	'failed at prepare snapshot',
	'failed at freeze',
	'failed at thaw',
	'failed at post-snapshot',
	'failed at backup complete',
	'failed at pre-restore',
	'failed at post-restore',
	'failed at backup shutdown',
];
const CONSISTENCIES: Readonly<Record<Consistency, string>> = {
	application: 'application-consistent',
	filesystem: 'file-system-consistent',
	crash: 'crash-consistent',
	none: 'no restore point',
	unknown: 'consistency unknown',
};
const PHASES: Readonly<Record<PhaseName, string>> = {
	task: 'host task',
	snapshot: 'snapshot',
	quiesce: 'quiesce',
	'flush-hold': 'flush and hold',
	thaw: 'thaw',
	freeze: 'writer freeze',
	stun: 'stun',
};
const VSS_PHASES: Readonly<Record<VssPhase, string>> = {
	'gather-metadata': 'gather writer metadata',
	prepare: 'prepare',
	freeze: 'freeze',
	commit: 'commit (flush and hold)',
	thaw: 'thaw',
	'post-snapshot': 'post-snapshot',
	'backup-complete': 'backup complete',
};
/** The timeline's lane names of an in-guest attempt (report events[].vssRole). */
const VSS_ROLES: Readonly<Record<VssRole, string>> = {
	requester: 'requester',
	vss: 'VSS',
	writers: 'writers',
	provider: 'provider',
	volsnap: 'volsnap',
};
const COMPONENTS: Readonly<Record<FailedComponent['type'], string>> = {
	requester: 'requester',
	writer: 'writer',
	provider: 'provider',
	'shadow-storage': 'shadow copy storage (volsnap)',
	host: 'host',
	'guest-tools': 'VMware Tools quiescing',
};
const ATTEMPT_KINDS: Readonly<Record<AttemptKind, string>> = {
	'host-snapshot': 'host snapshot',
	'guest-shadow-copy': 'in-guest shadow copy',
	'hyperv-checkpoint': 'Hyper-V checkpoint',
};

/** QL317: the usual cause of the call VSS failed, by what it called (its routine and device). */
const QL317_CAUSES: Readonly<Record<'volume' | 'floppy' | 'account' | 'com' | 'registry' | 'provider', string>> = {
	provider: " The routine failed inside that provider, not in Windows' own: VSS chose it to take the shadow copy (a hardware provider is preferred over the system provider), so its error failed the snapshot whatever device the routine was asked about.",
	volume: ' A volume or disk driver refused a request VSS needs: usually a volume VSS cannot snapshot (a removable or USB disk, a FAT volume, a disk a backup proxy has hot-added, a virtual or encrypted disk driver) or a filter driver in the way.',
	floppy: " The device is the machine's floppy drive (its path names the floppy controller): VSS asked it for its volumes and the driver refused, which fails quiesced snapshots of virtual machines that still have a virtual floppy drive.",
	account: ' VSS could not convert or resolve a security identifier (SID) it reads from the user profiles: a profile left half-deleted (a malformed key, or one ending in .bak, under ProfileList) is the usual cause.',
	com: ' VSS could not create or call a COM object it needs: its registration or its DCOM permissions are broken.',
	registry: ' VSS could not read a registry key it needs: the key is missing or its permissions were changed.',
};

/** QL318: what the virtual device's failure means, by its error. */
const QL318_CAUSES: Readonly<Record<'aborted' | 'denied' | 'resources' | 'other', string>> = {
	aborted: 'That is an abort the client asked for: the requester or the writer gave up on the backup because of another failure, which is the cause — look for the first VSS, SQLWRITER or backup error at that time.',
	denied: "The writer's account may not use this SQL Server instance, so its databases were left out of the snapshot or the backup failed.",
	resources: 'Windows ran out of memory or system resources for the shared memory of the virtual device.',
	other: 'SQL Server could not complete its part of the snapshot backup.',
};

/** QL304/QL403 on VSS 22/12292 logged while VSS listed every provider for a query (snapshot context -1). */
const QUERY_NOTE =
	'VSS logged it while it listed every provider for a query (snapshot context -1, as `vssadmin list shadows` or a requester asking for existing shadow copies does): it skips that provider and the query goes on, so no backup failed because of it unless the backup needs that very provider. It is logged again at every such query until the registration is repaired or removed.';

export const en = {
	// Shared phrases
	'common.attempt': (p: { id: string; snapshot: string | null; vm: string | null }) => {
		const detail = [p.snapshot ? `snapshot '${p.snapshot}'` : null, p.vm ? `VM ${p.vm}` : null].filter(Boolean).join(', ');
		return `attempt ${p.id}${detail ? ` (${detail})` : ''}`;
	},
	'common.theSnapshot': () => 'the snapshot',
	'common.toolsRestart': (p: { family: 'windows' | 'other' | 'unknown' }) => {
		const windows = '`Restart-Service -Name VMTools` (Windows)';
		const linux = '`sudo systemctl restart vmtoolsd` (Linux with open-vm-tools; the unit is `open-vm-tools` on Debian and Ubuntu)';
		return p.family === 'windows' ? windows : p.family === 'other' ? linux : `${windows} or ${linux}`;
	},
	'common.eventName': (p: { provider: string; id: number | null; meaning: string | null; status: string | null }) => {
		const about = [p.meaning, p.status && `final status ${p.status}`].filter(Boolean).join('; ');
		return `${p.provider} event${p.id === null ? '' : ` ${p.id}`}${about ? ` (${about})` : ''}`;
	},
	'common.retrySnapshot': () => 'Retry the snapshot.',
	'common.retryQuiesced': () => 'Retry the quiesced snapshot.',
	'common.retryBackup': () => 'Retry the backup.',
	'common.echoOf': (p: { label: string }) => `This code only says that the shadow copy failed; ${p.label}, reported for the same attempt, says why (see its finding).`,
	'common.echoAlone': () => "This code only says that the shadow copy failed: the writer or VSS error logged at that time (VSS 8193, 8229, 12289, 12293, or the writer's own event) says why.",

	// QL101–QL105: the VmBackupStatus the guest reported
	'status.reported': (p: { label: string; message: string | null; attempt: string }) => `The guest reported ${p.label}${p.message ? ` ("${p.message}")` : ''} in ${p.attempt}`,
	'status.reportedWords': (p: { message: string | null; attempt: string }) => `The guest reported that its own quiesce operation failed${p.message ? ` ("${p.message}")` : ''} in ${p.attempt}`,
	'QL102.title': () => 'The guest was still busy with an earlier quiesce',
	'QL102.message': (p: { reported: string; meaning: string }) => `${p.reported}: ${p.meaning}. Two snapshot requests overlapped (two backup jobs on one VM, or a retry while the first quiesce was still running), or an earlier quiesce is stuck in the guest.`,
	'QL102.fix.oneJob': () => 'Make sure only one backup or snapshot job runs against this VM at a time.',
	'QL102.fix.resetTools': (p: { restart: string }) => `If no other job was running, reset the guest's VMware Tools: ${p.restart}.`,
	'QL103.title': (p: { script: string | null }) => `A custom quiesce script failed${p.script ? `: ${p.script}` : ''}`,
	'QL103.message': (p: { exited: boolean; script: string | null; phase: string | null; exitCode: number | string | null; reported: string; failed: boolean }) =>
		`${p.exited ? `The custom quiesce script ${p.script ?? ''}${p.phase ? ` (run with '${p.phase}')` : ''} exited with code ${p.exitCode}` : p.reported}. VMware Tools runs the scripts in backupScripts.d (and the legacy pre-freeze/post-thaw scripts) around the freeze; a script that exits non-zero ${p.failed ? 'fails the quiesced snapshot' : 'is reported but did not fail this snapshot'}.`,
	'QL103.fix.runByHand': (p: { script: string | null; phase: string | null; windows: boolean }) =>
		`Run the script by hand with the same argument, as the account VMware Tools uses, and check its exit code: ${p.script ? `\`"${p.script}" ${p.phase ?? 'freeze'}\`` : 'the script with `freeze`'} then ${p.windows ? '`echo %ERRORLEVEL%`' : '`echo $?`'}.`,
	'QL103.fix.exitZero': () => 'Fix it so it exits 0 on success and finishes quickly: it runs while the guest is being quiesced.',
	'QL103.fix.remove': (p: { windows: boolean }) =>
		`If the script is no longer needed, move it out of ${p.windows ? '`C:\\Program Files\\VMware\\VMware Tools\\backupScripts.d`' : '`/etc/vmware-tools/backupScripts.d`'} (and remove a legacy ${p.windows ? '`C:\\Windows\\pre-freeze-script.bat`' : '`/usr/sbin/pre-freeze-script`'}), or set \`execScripts = false\` under \`[vmbackup]\` in tools.conf.`,
	'QL104.title': (p: { path: string | null }) => `The guest could not freeze its file systems${p.path ? ` (${p.path})` : ''}`,
	'QL104.message': (p: { reported: string; meaning: string; windows: boolean; mount: string | null; cause: string | null }) =>
		`${p.reported}: ${p.meaning}.${p.mount ? ` ${p.mount}${p.cause ? `: ${p.cause}` : ''}.` : ''}${p.windows ? ' A Windows guest quiesces through VSS; the sync driver is only used when the VMware Tools VSS component is missing.' : ' The Linux sync driver freezes every mounted file system with FIFREEZE; one that cannot be frozen (a network, FUSE or loop-device file system, a bind mount of a file system frozen already, or one frozen by another tool or an earlier attempt) fails the whole quiesce.'}`,
	'QL104.seen': (p: { attempt: string }) => `The guest's VMware Tools logged a failed file-system freeze in ${p.attempt}`,
	'QL104.mount': (p: { path: string; call: string | null; errno: number | null; errnoName: string | null; errorText: string | null }) =>
		`The sync driver's ${p.call ?? 'freeze'} of ${p.path} failed${p.errno !== null ? ` with ${p.errnoName ?? 'errno'} (${p.errno}${p.errorText ? `, ${p.errorText}` : ''})` : ''}`,
	'QL104.cause.busy': () => 'the file system was frozen already, by another tool (fsfreeze, a backup agent), by an earlier attempt that never thawed it, or through another mount of the same file system (a bind mount)',
	'QL104.cause.unsupported': () => 'this file system type cannot be frozen (NFS, CIFS, FUSE and other network or user-space file systems)',
	'QL104.cause.no-ioctl': () => 'the kernel or this file system has no freeze operation (FIFREEZE) at all',
	'QL104.cause.invalid': () => 'the kernel refused to freeze this mount: it is not a file system on a block device that can be frozen (a loop device, a pseudo file system, or a bind mount)',
	'QL104.cause.access': () => 'the VMware Tools service was not allowed to open or freeze the mount',
	'QL104.cause.io': () => 'the device behind the mount failed or timed out while it was being frozen',
	'QL104.fix.repairTools': () => 'Repair VMware Tools with its VSS component (Programs and Features → VMware Tools → Change → Repair), so quiescing uses VSS.',
	'QL104.fix.restartTools': (p: { restart: string }) => `Restart VMware Tools: ${p.restart}.`,
	'QL104.fix.findFs': () => 'Find the file system that failed: the VMware Tools log line just before the error names it (e.g. `fsfreeze: /srv/data: …`).',
	'QL104.fix.exclude': (p: { path: string | null }) =>
		`Exclude file systems that cannot be frozen in \`/etc/vmware-tools/tools.conf\`: under \`[vmbackup]\` set \`excludedFileSystems=${p.path ?? '/mnt/nfs*,/var/lib/docker/*'}\` (comma-separated mount points, wildcards allowed), then restart VMware Tools.`,
	'QL104.fix.crashConsistent': () => "If that file system must stay in the snapshot as it is, take this VM's snapshots without quiescing (crash-consistent) instead.",
	'QL104.fix.thaw': (p: { path: string | null }) => `If a file system is still frozen from an earlier attempt or by another tool, thaw it: \`sudo fsfreeze -u ${p.path ?? '<mountpoint>'}\`.`,
	'QL104.fix.update': (p: { restart: string }) => `Update open-vm-tools, then restart it: ${p.restart}.`,
	'QL105.title': () => 'The host aborted the quiesce',
	'QL105.message': (p: { reported: string; meaning: string }) => `${p.reported}: ${p.meaning}. The guest was still quiescing when the host gave up.`,
	'QL105.fix.cancel': () => 'Check the backup job log and the vCenter tasks for a cancel at that time.',
	'QL105.fix.slow': () => 'If nothing cancelled it, the guest took too long: look at the writers (`vssadmin list writers`) and custom scripts that run during the freeze, and reduce load in the guest during the backup window.',
	'QL101.title': (p: { op: string | null; hr: string | null }) => `The guest's quiesce failed${p.op ? ` in ${p.op}` : ''}${p.hr ? ` with ${p.hr}` : ''}`,
	'QL101.message': (p: { reported: string; meaning: string; op: string | null; hrLabel: string | null; hrMeaning: string | null; measuredMs: number | null; limitMs: number | null }) =>
		`${p.reported}: ${p.meaning}${p.op ? `. The operation '${p.op}' failed` : ''}${p.hrLabel ? ` with ${p.hrLabel}${p.hrMeaning ? `: ${p.hrMeaning}` : ''}` : ''}.${p.measuredMs !== null && p.limitMs !== null ? ` The guest worked on it for ${dur(p.measuredMs)}, as long as the VMware Tools quiesce timeout (${dur(p.limitMs)}).` : ''} The bundle holds no writer, provider or VSS event that explains it further.`,
	'QL101.fix.collect': () => "Collect the guest's Application and System event logs for that time (VSS 8193, 8229, 12289, 12293) and `vssadmin list writers`, `vssadmin list providers`: they name the writer or provider that failed.",
	'QL101.fix.badState': () => 'VMware KB 1018194 describes this VssSyncStart error when the snapshot exceeds the time the guest may hold I/O frozen: reduce I/O during the backup window and update VMware Tools.',

	// QL106–QL109: why the host ended a quiesce
	'QL108.title': (p: { refused: boolean }) => (p.refused ? 'VMware Tools was not available: the guest was never asked to quiesce' : 'VMware Tools stopped answering the host during the quiesced snapshot'),
	'QL108.message': (p: { attempt: string; starved: boolean; refused: boolean; rpc: boolean; heartbeat: boolean }) =>
		!p.refused
			? `In ${p.attempt} VMware Tools in the guest stopped answering the host after the snapshot began: ${[p.rpc && 'the VMX\'s message to its service ("toolbox", the instance that runs the quiesce) timed out (GuestRpcSendTimedOut)', p.heartbeat && 'its heartbeat timed out'].filter(Boolean).join(' and ')}. Without Tools nothing in the guest runs or reports the quiesce, so the quiesced snapshot fails (vSphere then says "Cannot quiesce this virtual machine because VMware Tools is not currently available" or that the quiesce timed out). A hung or starved guest, or a faulty Tools build, stops it answering.${p.starved ? " The guest's Tools log warns that GuestInfo collection ran late, a sign of a starved or hung guest." : ''}`
			: `The host refused to quiesce in ${p.attempt} because VMware Tools in the guest did not answer ("Cannot quiesce this virtual machine because VMware Tools is not currently available"). No freeze happened in the guest; the snapshot failed before it started.${p.starved ? " The guest's Tools log warns that GuestInfo collection ran late, a sign of a starved or hung guest." : ''}`,
	'QL108.fix.restart': (p: { restart: string }) => `In the guest, restart VMware Tools: ${p.restart}; check that the service stays running.`,
	'QL108.fix.check': () => 'Check in the vSphere Client that the VM shows VMware Tools as running and current; upgrade VMware Tools (or open-vm-tools) if it is old.',
	'QL108.fix.contention': () => 'Check the VM for CPU contention (high CPU ready time) or guest hangs at that time.',
	'QL115.title': () => 'VMware Tools refused the quiesce: a quiesce was already in progress in the guest',
	'QL115.message': (p: { attempt: string; count: number }) =>
		`VMware Tools answered the host's quiesce request in ${p.attempt} with "Quiesce operation already in progress"${p.count > 1 ? ` (${p.count} times: each retry was refused the same way)` : ''}: its previous quiesce had not ended, so this one never started. Either another backup quiesced the VM at the same time, or an earlier quiesce hangs in the guest (a writer or a script that never returned, Tools stuck after a timeout).`,
	'QL115.fix.concurrent': () => 'Make sure one requester at a time quiesces this VM: no two backup jobs (or a host-level backup and a replication or snapshot schedule) of it may overlap.',
	'QL115.fix.restart': (p: { restart: string }) => `If nothing else is quiescing it, clear the stuck quiesce by restarting VMware Tools in the guest: ${p.restart}.`,
	'QL109.title': (p: { guest: boolean }) => (p.guest ? 'The guest\'s quiesce events did not reach the host ("Failed to send event to the VMX")' : 'The host dropped the guest\'s quiesce events ("Guest not privileged")'),
	'QL109.message': (p: { attempt: string; guest: boolean; reply: string | null }) =>
		p.guest
			? `In ${p.attempt} VMware Tools in the guest could not send its quiesce events to the VMX ("Failed to send event to the VMX${p.reply ? `: ${p.reply}` : ''}"): the host never learned how the quiesce went, so it could never complete; the host waits for its quiesce timeout while the guest's file systems stay frozen (the VM seems hung). The VMX refuses these events, logging "Guest not privileged, dropping vmbackup event set request" in vmware.log, after VMware Tools was downgraded or left half-installed (for example an older Tools on ESXi 5.5).`
			: `In ${p.attempt} the VMX logged "Guest not privileged, dropping vmbackup event set request": the host ignored what VMware Tools in the guest reported, so the quiesce could never complete. This is seen after VMware Tools was downgraded or left half-installed (for example an older Tools on ESXi 5.5).`,
	'QL109.fix.reinstall': () => 'Reinstall the VMware Tools version that matches the host (uninstall, reboot, install), then reboot the guest.',
	'QL109.fix.service': (p: { restart: string }) => `Check that the VMware Tools service runs: ${p.restart}.`,
	'QL107.title': () => 'The snapshot exceeded the time the frozen guest may hold off I/O',
	'QL107.message': (p: { attempt: string; stunMs: number | null; guest: string | null }) =>
		`In ${p.attempt} the guest was quiesced, but creating the snapshot took longer than the host lets a frozen guest hold its I/O, so the host rolled the snapshot back ("exceeded the time limit for holding off I/O in the frozen virtual machine").${p.stunMs ? ` The VM was stunned for ${dur(p.stunMs)}.` : ''}${p.guest ? ` The guest's VSS requester reported: ${p.guest}` : ''}`,
	'QL107.fix.reduceIo': () => 'Reduce I/O in the guest during the backup window (database maintenance, antivirus scans, other backups).',
	'QL107.fix.datastore': () => 'Check the datastore latency at that time and delete or consolidate old snapshots of the VM: every delta disk slows snapshot creation.',
	'QL107.fix.noMemory': () => 'Do not include the VM memory in backup snapshots.',
	'QL116.title': (p: { status: string; noMemory: boolean }) => `Changed block tracking failed on the host: ${p.noMemory ? 'VMkernel had no memory for it' : `VMkernel status ${p.status}`}`,
	'QL116.message': (p: { attempt: string; status: string; statusText: string | null; noMemory: boolean }) =>
		`The VMX could not create or open a disk's changed block tracking (CBT) for ${p.attempt}: VMkernel answered ${p.status}${p.statusText ? ` (${p.statusText})` : ''}. A snapshot of a disk whose tracking fails is refused, so the quiesced snapshot and the backup that needs it fail; the vSphere Client may show only \`msg.snapshot.error-QUIESCINGERROR\`, which is no fault of the guest's VSS.${p.noMemory ? ' On ESXi 6.0 before patch ESXi600-201505001 this is a known defect: CBT runs out of its memory pool on the host (vmkernel.log: `CBT: … No memory available!`), and powering on the VM or extending its disks fails too (VMware KB 2114076).' : ''}`,
	'QL116.fix.patch': () => 'Patch the host to ESXi600-201505001 or any later ESXi 6.0 update (VMware KB 2114076); until then, disable CBT on the VM (`ctkEnabled` = FALSE) to back it up without it.',
	'QL116.fix.reset': () => "Reset the VM's CBT: with no snapshot present, set `ctkEnabled` and each disk's `scsiX:Y.ctkEnabled` to FALSE, take and delete a snapshot (or power-cycle the VM), then set them back to TRUE; the next backup reads the disks whole.",
	'QL116.fix.hostMemory': () => "Look at the host's vmkernel.log at the time for the CBT module's and the datastore's errors (a -ctk.vmdk that cannot be opened, locked or on a full datastore).",
	'QL114.title': (p: { ioError: number | null }) => `The snapshot's data could not be written to or read from its datastore${p.ioError === 15 ? ' (IO was aborted)' : p.ioError !== null ? ` (I/O error ${p.ioError})` : ''}`,
	'QL114.message': (p: { attempt: string; disks: string[]; ioError: number | null; canceled: boolean; quiesceFailed: boolean }) =>
		`In ${p.attempt} the host's lightweight-delta (LWD) snapshot data path failed on ${p.disks.length > 0 ? `disk ${p.disks.join(', ')}` : 'a disk'}${p.ioError !== null ? ` with I/O status ${p.ioError}${p.ioError === 15 ? ' (IO was aborted: the storage did not complete the I/O in time)' : ''}` : ''}.${p.canceled ? ' LWD cancelled the snapshot.' : ''} When LWD then cannot quiesce the disk's I/O ("Failure to quiesce IOs on disk"${p.quiesceFailed ? ', logged here' : ''}), the VMX panics to protect the disk, and vSphere HA restarts the VM. The cause is storage latency under the backup's load, not the guest.`,
	'QL114.fix.latency': () => 'Check the datastore\'s latency and path errors at that time (vmkernel.log: SCSI aborts, path failovers, "performance has deteriorated" warnings) and the array\'s health.',
	'QL114.fix.load': () => 'Spread the backup jobs so that fewer snapshots hit the same datastore at once, and move busy VMs to faster storage.',
	'QL114.fix.update': () => 'Update ESXi and the backup product to their current releases (the LWD data path is part of both).',
	'QL106.title': () => 'The quiesce timed out',
	'QL106.message': (p: { attempt: string; quiesceMs: number | null; limitMs: number }) =>
		`The host gave up waiting for the guest to quiesce in ${p.attempt}${p.quiesceMs ? ` after ${dur(p.quiesceMs)}` : ''} ("Timed out while quiescing the virtual machine"): the guest never reported that its file systems and applications were frozen. VMware Tools allows ${dur(p.limitMs)} by default.`,
	'QL106.fix.where': () => 'See where the guest got stuck: the VMware Tools (vmbackup) log of the guest at that time, and `vssadmin list writers` for writers that are not [1].',
	'QL106.fix.reset': () => "Reset writers or custom quiesce scripts that hang (restart the writer's service; fix or remove the script).",
	'QL106.fix.restartTools': (p: { restart: string }) => `Restart VMware Tools in the guest: ${p.restart}.`,
	'QL106.fix.slow': () => "If the guest is only slow (large and busy), run the backup in a quieter window or raise the backup product's quiesce timeout.",

	// QL110, QL111, QL113: what the backup really is
	'QL110.title': (p: { id: string; fallbackOf: string }) => `${p.id} is crash-consistent: it replaced the failed quiesced attempt ${p.fallbackOf}`,
	'QL110.message': (p: { failed: string; attempt: string; afterMs: number | null }) =>
		`After the quiesced snapshot ${p.failed} failed, ${p.attempt} was taken without quiescing (quiesced=0)${p.afterMs !== null && p.afterMs >= 0 ? ` ${dur(p.afterMs)} later` : ''}. A backup made from it is crash-consistent: applications were not quiesced, databases need crash recovery after a restore, and the backup job may still report success.`,
	'QL110.fix.cause': (p: { fallbackOf: string }) => `Fix why ${p.fallbackOf} failed (see the findings for ${p.fallbackOf}).`,
	'QL110.fix.failJob': () => 'Configure the backup job to fail instead of falling back to a crash-consistent snapshot when quiescing fails, so the failure is visible.',
	'QL110.fix.check': () => 'Run the backup again and check that its snapshot is quiesced (and, on Windows, application-consistent).',
	'QL110.product.title': (p: { id: string; product: string; code: string | null }) => `${p.id} is crash-consistent: ${p.product} could not make it application-consistent${p.code ? ` (${p.code})` : ''}`,
	'QL110.product.message': (p: { product: string; attempt: string; code: string | null; meaning: string | null }) =>
		`${p.product} reports${p.code ? ` ${p.code}` : ' a warning'}${p.meaning ? `: ${p.meaning}` : ''}. The backup of ${p.attempt} went on and completed with a warning, not a failure, but its restore point is crash-consistent: applications were not quiesced, databases need crash recovery after a restore, and their logs were not truncated.`,
	'QL110.product.fix.checkpoint': () =>
		'On the Hyper-V host, take a production checkpoint of the VM by hand with the fallback turned off (the VM\'s Settings > Checkpoints: Production, untick "Create standard checkpoints if it\'s not possible to create a production checkpoint"; or `Set-VM -Name <vm> -CheckpointType ProductionOnly` then `Checkpoint-VM -Name <vm>`): it fails the same way, and its error and the Hyper-V-VMMS Admin log say why VSS in the guest could not run. Set the checkpoint type back afterwards.',
	'QL110.product.fix.guest': () =>
		"In the guest, check that Hyper-V's backup integration runs: the VM's Backup (volume shadow copy) integration service enabled (`Get-VMIntegrationService -VMName <vm>` on the host), the Hyper-V Volume Shadow Copy Requestor service (vmicvss) running in a Windows guest, hv_vss_daemon in a Linux guest; then `vssadmin list writers` and the Application log's VSS events at the backup's time name the writer or service to fix.",
	'QL111.title': (p: { id: string }) => `${p.id} is only file-system-consistent`,
	'QL111.message': (p: { attempt: string; evidence: readonly string[] }) =>
		`The quiesced snapshot of ${p.attempt} succeeded, but no VSS writer took part: applications (SQL Server, Exchange, Active Directory …) were not quiesced, only the file systems. ${p.evidence.join(' ')}`,
	'QL111.fix.diskUuid': () => "Set `disk.EnableUUID = TRUE` in the VM's advanced configuration (power the VM off first) and attach the data disks to SCSI controllers, not IDE.",
	'QL111.fix.appQuiescing': () => 'Remove `vss.disableAppQuiescing = true` from the `[vmbackup]` section of tools.conf if it is set, then restart VMware Tools.',
	'QL111.fix.writers': () => 'Check that every writer shows [1] in `vssadmin list writers`.',
	'QL111.fix.retake': () => 'Take a new quiesced snapshot and check that it is application-consistent.',
	'QL113.title': (p: { sql: boolean; exchange: boolean }) => `Quiesced snapshots are VSS copy backups: ${apps(p.sql, p.exchange)} logs are not truncated`,
	'QL113.message': (p: { sql: boolean; exchange: boolean; count: number; attempt: string | null }) => {
		const both = p.sql && p.exchange;
		return `VMware Tools asks VSS for a copy backup (VSS_BT_COPY): writers do not record it as a backup, so ${apps(p.sql, p.exchange)} ${both ? 'do' : 'does'} not truncate ${both ? 'their' : 'its'} transaction logs after ${p.count === 1 ? `the snapshot of ${p.attempt}` : `these ${p.count} snapshots`}. Unless something else backs up or truncates the logs, they keep growing${p.exchange ? ' until the log volume is full' : ''}.`;
	},
	'QL113.fix.truncate': () => 'Let the backup product truncate the logs after a successful backup (its application-aware processing / log truncation option), or run regular log backups in the application.',
	'QL113.fix.sql': () => 'SQL Server: schedule transaction log backups (`BACKUP LOG [db] TO …`) for databases in the FULL recovery model.',
	'QL113.fix.exchange': () => 'Exchange: use a backup that runs a VSS full backup of the mailbox databases, or enable circular logging only where log-based recovery is not needed.',

	// QL2xx: VSS writers
	'QL201.title': (p: { name: string; phase: string; state: number }) => `${p.name} failed at ${p.phase} (state [${p.state}])`,
	'QL201.message': (p: { name: string; stateName: string; lastError: string | null; hrLabel: string | null; phaseMeaning: string; stoppedWith: number; stableAt: number | null }) =>
		`The VSS writer '${p.name}' is in ${p.stateName}${lastErr(p)}: ${p.phaseMeaning}. Until it is reset, application-consistent backups of this machine fail or silently leave its data out.${
			p.stoppedWith > 0
				? ` ${p.stoppedWith} writers of this listing failed at this same step with no error of their own: the step was stopped for all of them (the requester aborted the backup there, or another participant failed or timed out), so that cause — the requester's error, the VSS events at that time — comes before resetting each writer.`
				: ''
		}${p.stableAt !== null ? ` A later listing of the same file shows it stable ([1], line ${p.stableAt}): it has been reset since, and this is the state before.` : ''}`,
	'QL202.title': (p: { name: string }) => `${p.name} is still waiting for BackupComplete (state [5])`,
	// `vmware`: the guest may run on VMware (not a Hyper-V bundle), so VMware's example may be given.
	'QL202.message': (p: { name: string; lastError: string | null; hrLabel: string | null; vmware: boolean }) =>
		`The VSS writer '${p.name}' took part in a snapshot but the requester never sent BackupComplete${lastErr(p)}. If no backup was running when the listing was taken, the requester crashed or was aborted${p.vmware ? ' (for example a VMware Tools quiesce cancelled by the host)' : ''}, and post-backup clean-up such as log truncation did not run.`,
	'QL203.title': (p: { name: string; state: number }) => `${p.name} was in the middle of a backup (state [${p.state}])`,
	'QL203.message': (p: { name: string; short: string; lastError: string | null; hrLabel: string | null }) =>
		`The VSS writer '${p.name}' was ${p.short} when the listing was taken${lastErr(p)}: a snapshot was in progress. Take the listing again when no backup runs to see the writer's resting state.`,
	'QL203.fix': () => 'Run `vssadmin list writers` again once the backup has finished; if the writer stays in this state, restart the service that hosts it.',
	'QL204.title': (p: { name: string }) => `${p.name} reports an unknown state (state [0])`,
	'QL204.message': (p: { name: string; lastError: string | null; hrLabel: string | null }) => `The VSS writer '${p.name}' is in VSS_WS_UNKNOWN${lastErr(p)}, which VSS uses when the writer itself is in error.`,
	'QL209.title': (p: { name: string; hr: string | null }) => `${p.name} is stable again, but its last error shows it failed a backup${p.hr ? ` (${p.hr})` : ''}`,
	'QL209.message': (p: { name: string; lastError: string; hrLabel: string | null; hrMeaning: string | null; retryable: boolean }) =>
		`The VSS writer '${p.name}' is [1] Stable, but its last error is "${p.lastError}"${p.hrLabel ? ` (${p.hrLabel}${p.hrMeaning ? `: ${p.hrMeaning}` : ''})` : ''}: it failed during an earlier backup or shadow copy, and VSS made it ready for the next one. ${p.retryable ? 'The writer asked to be retried: the next backup may go through, and fails the same way while the cause (I/O load, a timeout, a connection its application lost) lasts.' : 'The next backup that includes it is likely to fail the same way until the cause is fixed.'}`,
	'QL209.fix.retry': () => 'Run the backup (or the quiesced snapshot) again, then `vssadmin list writers` right after it: the writer should show its no-error text.',
	'QL209.fix.events': (p: { name: string }) => `If it fails again, read the Application log at the time of the failure: VSS 8229/12289 and the events of the application that hosts '${p.name}' say what went wrong.`,
	'writer.restart.known': (p: { name: string; service: string; impact: string }) => `Restart the service that hosts '${p.name}': \`Restart-Service -Name ${p.service} -Force\` (or \`net stop ${p.service}\` then \`net start ${p.service}\`). ${p.impact}`,
	'writer.restart.unknown': (p: { name: string }) => `Restart the application or service that hosts '${p.name}' (see Microsoft's list of in-box writers and their services); reboot the guest if none can be identified.`,
	'writer.checkStable': (p: { name: string }) => `Run \`vssadmin list writers\` again and check that '${p.name}' shows [1].`,
	'writer.retry': () => 'Retry the backup (or quiesced snapshot).',
	'QL205.title': (p: { writer: string | null; attemptId: string | null }) => `${p.writer ?? 'A VSS writer'} timed out between Freeze and Thaw${p.attemptId ? ` in ${p.attemptId}` : ''}`,
	'QL205.message': (p: { writers: readonly string[]; timedOut: boolean; hrLabel: string; attempt: string; limitMs: number; exchange: boolean; exchangeLimitMs: number; measuredMs: number | null; stunMs: number | null; failed: boolean }) => {
		const who = p.writers.length > 0 ? `The VSS writer${p.writers.length > 1 ? 's' : ''} ${quoted(p.writers)}` : 'A VSS writer';
		return `${who} ${p.timedOut ? `gave up with ${p.hrLabel}` : 'was frozen longer than allowed'} in ${p.attempt}: VSS lets a writer hold its application frozen for ${dur(p.limitMs)} at most${p.exchange ? ` (the Exchange writer: ${dur(p.exchangeLimitMs)})` : ` (${dur(p.exchangeLimitMs)} for Exchange)`}, and the snapshot was not taken within that window.${p.measuredMs !== null ? ` The writers stayed frozen for ${dur(p.measuredMs)}.` : ''}${p.stunMs ? ` The VM was stunned for ${dur(p.stunMs)} to create the snapshot.` : ''} So the snapshot was not application-consistent${p.failed ? ' and the quiesced snapshot failed' : ''}.`;
	},
	'QL205.fix.fastSnapshot': () => 'Make the snapshot itself fast, since writers stay frozen while it is created: check datastore latency during the backup window, and delete or consolidate old snapshots of the VM (each delta disk slows snapshot creation).',
	'QL205.fix.noMemory': () => 'Do not include the VM memory in backup snapshots: a memory snapshot keeps the writers frozen far longer.',
	'QL205.fix.moveIo': () => 'Move I/O-heavy work (database maintenance, antivirus full scans, defragmentation, other backups) out of the backup window.',
	'QL205.fix.check': () => 'Run `vssadmin list writers` and check that every writer shows [1], then retry the backup.',
	'QL206.unknownWriter': () => 'unknown writer',
	'QL206.title': (p: { name: string; phase: string | null; hr: string | null }) => `${p.name} vetoed ${p.phase ?? 'the backup'}${p.hr ? ` with ${p.hr}` : ''}`,
	'QL206.message': (p: { name: string; phase: string | null; hrLabel: string | null; hrMeaning: string | null; attempt: string | null; failed: boolean }) =>
		`The VSS writer '${p.name}' refused ${p.phase ? `the ${p.phase} phase` : 'a backup phase'}${p.hrLabel ? ` with ${p.hrLabel}${p.hrMeaning ? `: ${p.hrMeaning}` : ''}` : ''} (VSS event 8229)${p.attempt ? `, during ${p.attempt}${p.failed ? ', which therefore failed' : ''}` : ''}. Without that writer the snapshot cannot be application-consistent.`,
	'QL208.title': (p: { writer: string; event: string; hr: string | null }) => `${p.writer} reported its failure: ${p.event}${p.hr ? ` with ${p.hr}` : ''}`,
	'QL208.message': (p: { writer: string; event: string; hrLabel: string | null; text: string | null; attempt: string | null; native: { code: number; text: string | null } | null; impact: string | null }) =>
		`${p.event}, logged by the service that hosts ${p.writer}, reports the writer failed${p.hrLabel ? ` with ${p.hrLabel}` : ''}${p.attempt ? ` during ${p.attempt}` : ''}${p.text ? `: "${p.text}"` : ''}.${p.native ? ` SQL Server refused the backup with its own error ${p.native.code}${p.native.text ? `: "${p.native.text}"` : ''}.` : ''}${p.impact ? ` For a backup this means: ${p.impact}.` : ''} The shadow copy cannot include that writer's data, so a backup that needs it fails or leaves it out (and, after a failed backup-complete, the application's logs are not truncated).`,
	'QL208.fix.sqlError': (p: { code: number; text: string | null }) =>
		`Fix what SQL Server error ${p.code} names${p.text ? ` ("${p.text}")` : ''}: the database's state or files (\`SELECT name, state_desc FROM sys.databases\`, and the SQL Server error log at that time). Restarting the SQL Writer service alone does not clear it.`,
	'QL207.title': (p: { writer: string | null }) => `The shadow copy set lacked a volume ${p.writer ?? 'a writer'} needs`,
	'QL207.message': (p: { writers: readonly string[]; hrLabel: string; attempt: string; disks: readonly string[] }) =>
		`${p.writers.length > 0 ? quoted(p.writers) : 'A VSS writer'} reported ${p.hrLabel} in ${p.attempt}: some of its data (a database spread over several volumes, for example) is on a volume that was not part of the snapshot, so it refused to take part.${p.disks.length > 0 ? ` The VM has independent disks, which VMware snapshots leave out: ${p.disks.join(', ')}.` : ''}`,
	'QL207.fix.sql': () => 'Find the database whose files span volumes: SQLWRITER event 24579 names it, or list the files with `SELECT DB_NAME(database_id), physical_name FROM sys.master_files`.',
	'QL207.fix.dependent': () => 'Set the disks that hold application data back to dependent mode (VM settings → disk → Mode), so snapshots include them.',
	'QL207.fix.include': () => "Include every volume that holds the application's data in the backup, or move the files onto volumes the backup covers.",

	// QL301–QL303: vssadmin list writers as a whole
	'QL301.title': () => 'vssadmin could not list the VSS writers',
	'QL301.message': (p: { errorText: string | null }) => `vssadmin printed an error instead of the writer list, so VSS cannot reach its writers and no application-consistent backup is possible until this is fixed. It said: "${p.errorText}"`,
	'QL301.fix.elevated': () => 'Run `vssadmin list writers` again from an elevated (Administrator) prompt.',
	'QL301.fix.events': () => 'Check the Application event log for VSS errors at that time (event ids 8193, 22, 12292, 12302) and follow their cause.',
	'QL301.fix.services': () => 'Make sure the Volume Shadow Copy (VSS) and COM+ Event System (EventSystem) services can start: `Start-Service -Name EventSystem, VSS`.',
	'QL302.title': () => 'vssadmin listed no VSS writers',
	'QL302.message': () => 'The listing has no writers at all. Every Windows system has in-box writers (System Writer, Registry Writer …), so they failed to register: backups can only be crash-consistent.',
	'QL302.fix.restart': () => 'Restart the Volume Shadow Copy service: `Restart-Service -Name VSS -Force`, then run `vssadmin list writers` again.',
	'QL302.fix.repair': () => 'If writers are still missing, check the Application event log for VSS and COM+ errors and repair the VSS/COM+ registration as the KB describes.',
	'QL303.title': (p: { names: readonly string[] }) => `VSS writer${p.names.length > 1 ? 's' : ''} missing from the listing: ${p.names.join(', ')}`,
	'QL303.message': (p: { path: string; count: number; whys: readonly string[] }) => `${p.path} lists ${p.count} writer(s), but ${p.whys.join('; and ')}.`,
	'QL303.why.system': () =>
		'the System Writer (hosted by Cryptographic Services) is missing: it disappears when Cryptographic Services cannot enumerate the system files or its account lacks rights in VssAccessControl (VSS event 8213, CAPI2 513); system-state and bare-metal backups then fail',
	'QL303.fix.system': () =>
		'System Writer: restart Cryptographic Services (`Restart-Service -Name CryptSvc -Force`); if it stays missing, look for VSS 8213 and CAPI2 513 events and repair the permissions under %windir%\\winsxs and the VssAccessControl key as KB 2009272 describes.',
	'QL303.why.sql': () =>
		'SQL Server runs in this guest (its logs or events are in the bundle) but SqlServerWriter is not listed: the SQL Server VSS Writer service is stopped or disabled, so snapshots do not quiesce the databases (crash-consistent for SQL Server)',
	'QL303.fix.sql': () => 'SqlServerWriter: `Set-Service -Name SQLWriter -StartupType Automatic; Start-Service -Name SQLWriter`.',
	'QL303.why.exchange': () => 'Exchange runs in this guest but the Microsoft Exchange Writer is not listed: snapshots do not quiesce the mailbox databases',
	'QL303.fix.exchange': () => 'Microsoft Exchange Writer: restart the Exchange Replication service (`Restart-Service -Name MSExchangeRepl`); it hosts the writer.',
	'QL303.fix.check': () => 'Run `vssadmin list writers` again and check that the writer is listed with [1].',

	// QL304–QL306: the VSS machinery
	'QL304.title': (p: { eventClass: boolean; component: string | null }) =>
		p.eventClass ? 'The VSS event class (VSSEvent) is not registered: writers cannot be reached' : p.component ? `A COM class VSS needs is not registered: ${p.component}` : 'VSS cannot reach its writers: COM+ registration is broken',
	'QL304.message': (p: { eventClass: boolean; component: string | null; clsid: string | null; hrLabel: string | null; events: string; attempt: string | null; failed: boolean; query?: boolean }) =>
		p.component
			? `VSS could not create the COM class ${p.component}${p.clsid ? ` {${p.clsid}}` : ''}${p.hrLabel ? `: ${p.hrLabel}` : ''}${p.events}. The class belongs to another program that takes part in the shadow copy (a writer's helper such as SQL Server's virtual device interface, or a provider): its registration is missing, or only the other bitness (32-bit on 64-bit Windows) is registered, so ${p.attempt ? `${p.attempt} ${p.failed ? 'failed' : 'could not be application-consistent'}` : 'that program cannot take part'}.${p.query ? ` ${QUERY_NOTE}` : ''}`
			: `VSS sends Identify, Freeze and Thaw to the writers through the COM+ Event System, and that registration is broken${p.eventClass ? ' (the VSSEvent class {faf53cc4-…} in Eventcls.dll)' : ''}${p.hrLabel ? `: ${p.hrLabel}` : ''}${p.events}. No writer takes part, so ${p.attempt ? `${p.attempt} ${p.failed ? 'failed' : 'could not be application-consistent'}` : 'no backup can be application-consistent'} and \`vssadmin list writers\` usually shows no writers or an error.`,
	'QL304.fix.services': () => 'Check that the COM+ Event System and COM+ System Application services run: `Get-Service EventSystem, COMSysApp`; start them if stopped (`Start-Service -Name EventSystem`).',
	'QL304.fix.typeLib': () =>
		'Repair the VSS event class registration: under `HKLM\\SOFTWARE\\Microsoft\\EventSystem\\{26c409cc-ae86-11d1-b616-00805fc79216}\\EventClasses\\{FAF53CC4-BD73-4E36-83F1-2B23F46E513E}-{00000000-0000-0000-0000-000000000000}-{00000000-0000-0000-0000-000000000000}` set `TypeLib` (type REG_EXPAND_SZ) to `%systemroot%\\system32\\EVENTCLS.DLL`.',
	'QL304.fix.restart': () => 'Restart the services: `Restart-Service -Name EventSystem -Force; Restart-Service -Name VSS`.',
	'QL304.fix.check': () => 'Run `vssadmin list writers` and check that the writers are listed again.',
	'QL304.fix.component': (p: { name: string; clsid: string }) =>
		`Find the program that registers ${p.name}: look up \`HKLM\\SOFTWARE\\Classes\\CLSID\\{${p.clsid}}\` (and under \`Wow6432Node\` for a 32-bit class) for its DLL. Repair or update that program (a 32-bit program's class on 64-bit Windows needs its 64-bit build or the update that registers one), or re-register the DLL with the \`regsvr32\` of its bitness.`,
	'QL304.fix.restartVss': () => 'Restart the Volume Shadow Copy service: `Restart-Service -Name VSS`.',
	'QL304.unanswered.title': (p: { writer: string }) => `The writer '${p.writer}' did not answer VSS`,
	'QL304.unanswered.message': (p: { writer: string; events: string; attempt: string | null; failed: boolean }) =>
		`VSS could not get '${p.writer}' to answer its query${p.events}: the state VSS keeps in memory to talk to that writer is inconsistent. The other writers were reached, so the COM+ registration is not at fault${p.attempt ? `; ${p.attempt} ${p.failed ? 'failed' : 'could not be application-consistent'}` : ''}.`,
	'QL304.fix.reboot': () => 'If it still does not answer, restart the server: that rebuilds the state VSS keeps of its writers.',
	'QL307.title': (p: { service: string; what: ServiceStop }) => `The ${p.service} service ${SERVICE_STOP_EN[p.what]}`,
	'QL307.message': (p: { service: string; what: ServiceStop; role: ServiceRole; module: string | null; attempt: string | null; failed: boolean; hrLabel: string | null; events: string }) =>
		`Windows logged that the ${p.service} service ${SERVICE_STOP_EN[p.what]}${p.attempt ? ` during ${p.attempt}` : ''}${p.events}${p.module ? `; the faulting module is ${p.module}` : ''}. ${SERVICE_ROLE_EN[p.role]}${p.attempt && p.failed ? `: that is why ${p.attempt} failed${p.hrLabel ? ` with ${p.hrLabel}` : ''}` : p.attempt ? `; ${p.attempt} still completed, so it did not fail this backup, but the next one may` : ''}.`,
	'QL307.fix.state': (p: { name: string; startType: string }) =>
		`Check the service and its start type: \`Get-Service -Name ${p.name}; sc.exe qc ${p.name}\`. If it was disabled, set it back (\`Set-Service -Name ${p.name} -StartupType ${p.startType}\`) and start it (\`Start-Service -Name ${p.name}\`).`,
	'QL307.fix.crash': () =>
		"Find why its process stopped: the Application log's Application Error (1000) and Windows Error Reporting (1001) events of the same minute name the faulting module (for VSS, often a third-party provider or filter DLL loaded into vssvc.exe); update or remove that component.",
	'QL307.fix.error': () =>
		'Read the error the event gives (a missing file points at the service registration, such as its ServiceDll value); the services it depends on (`sc.exe qc` lists them: RPC, COM+ Event System) must run; repair system files if the error names a missing file (`sfc /scannow`, then `DISM /Online /Cleanup-Image /RestoreHealth`).',
	'QL307.fix.provider': () => 'For the system provider, check that `HKLM\\SYSTEM\\CurrentControlSet\\Services\\swprv\\Parameters` has `ServiceDll` = `%Systemroot%\\System32\\swprv.dll` (REG_EXPAND_SZ), as KB 2009513 describes.',
	'QL305.title': () => "VSS could not flush or hold the volume's writes in time (heavy I/O)",
	'QL305.message': (p: { attempt: string; limitMs: number; hrLabel: string | null; events: string }) =>
		`While creating the shadow copy in ${p.attempt}, VSS could not flush the pending writes of a volume, or could not hold new writes, within its limit (VSS holds writes for ${dur(p.limitMs)} at most)${p.hrLabel ? `: ${p.hrLabel}` : ''}${p.events}. The volume was too busy at backup time, so the snapshot was abandoned.`,
	'QL305.fix.moveIo': () => 'Find what writes heavily at backup time (batch jobs, database maintenance, antivirus full scans, defragmentation, other backups) and move it out of the backup window.',
	'QL305.fix.storage': () => 'Check the storage under the guest for latency and errors at that time (System log: disk, volsnap and storage driver events).',
	'QL305.fix.datastore': () => 'Check the datastore latency of the VM during the backup window and keep its snapshots consolidated: a slow snapshot keeps writes held longer.',
	'QL305.fix.retry': () => 'Retry the backup in a quieter period.',
	'QL306.title': (p: { code: string | null }) => `Windows Server Backup failed${p.code ? ` with ${p.code}` : ''}`,
	'QL306.message': (p: { event: string; code: string | null; meaning: string | null; attempt: string | null; echo: string | null }) =>
		`${p.event}${p.code ? `: its error code is ${p.code}${p.meaning ? `, ${p.meaning}` : ''}` : ''}${p.attempt ? `, during ${p.attempt}` : ''}.${p.echo ? ` ${p.echo}` : ''}`,
	'QL306.fix.systemWriter': () => 'Bring the System Writer back: `Restart-Service -Name CryptSvc -Force`, then `vssadmin list writers`; if it stays missing, repair the permissions as KB 2009272 describes.',
	'QL306.fix.findWriter': () => 'Find the writer that failed: the first SQLVDI or SQLWRITER error, or VSS 8229, at the same time names it; run `vssadmin list writers`.',
	'QL306.fix.rerun': () => 'Rerun the backup once the cause is fixed (`wbadmin start backup …` or the Windows Server Backup console).',

	// QL311–QL315: what single Windows events and WSB's error log say
	'QL311.title': (p: { hrLabel: string | null }) => `Windows Server Backup could not back up some files${p.hrLabel ? `: ${p.hrLabel}` : ''}`,
	'QL311.message': (p: { paths: readonly string[]; more: number; hrLabel: string | null; errorText: string | null; events: string }) =>
		`${p.paths.length > 0 ? `Windows Server Backup logged errors for ${p.paths.map((x) => `\`${x}\``).join(', ')}${p.more > 0 ? ` and ${p.more} more` : ''}${p.hrLabel ? ` (${p.hrLabel}${p.errorText ? `, "${p.errorText}"` : ''})` : ''}` : 'Windows Server Backup reported volumes it could not back up completely'}${p.events}. The backup is incomplete or failed.`,
	'QL311.txf': () => 'The files are NTFS transaction (TxF) metadata under `$Extend\\$RmMetadata`: the file system holds them open, so a file-level backup is denied access to them.',
	'QL311.imagePath': () => 'The path is malformed (`\\SystemRoot\\` kept, or a doubled backslash): it comes from the ImagePath of a service or driver that the System Writer reports for a system-state backup, and the name cannot be resolved.',
	'QL311.fix.txf': () =>
		'Back up the whole volume (block level, `wbadmin start backup -include:F: …` of the volume) instead of selected files, or exclude `$Extend\\$RmMetadata` under `HKLM\\SYSTEM\\CurrentControlSet\\Control\\BackupRestore\\FilesNotToBackup` (KB 2747459).',
	'QL311.fix.imagePath': () =>
		"Find the service whose ImagePath has that form (`Get-ItemProperty HKLM:\\SYSTEM\\CurrentControlSet\\Services\\* | Where-Object ImagePath -match 'systemroot' | Select-Object PSChildName, ImagePath`), set it to a path relative to the Windows folder (`system32\\DRIVERS\\<name>.sys`) and restart.",
	'QL311.fix.open': () => 'Check that the files exist and that the backup (SYSTEM) can read them: antivirus exclusions, permissions, files held open by another program.',
	'QL312.title': (p: { hr: string }) => `Hyper-V could not create the backup checkpoint of a virtual machine (${p.hr})`,
	'QL312.message': (p: { hrLabel: string; fileMissing: boolean }) =>
		`Hyper-V-VMMS could not create the backup (recovery) checkpoint of the VM: ${p.hrLabel}. Without it the Hyper-V VSS writer skips the VM's component, so the VM is not in the backup (the job fails or completes with warnings).${p.fileMissing ? " A file or folder of the VM was not found: a virtual disk or configuration path that no longer exists, or the VM's checkpoint/storage location points to a missing folder." : ''}`,
	'QL312.fix.paths': () =>
		"Check the VM's disks and locations: `Get-VM <name> | Select-Object Path, CheckpointFileLocation, SnapshotFileLocation; Get-VMHardDiskDrive <name> | Select-Object Path` — every path must exist and be reachable by the VM's account.",
	'QL312.fix.integration': () => "Update the guest's integration services (Backup / Volume Shadow Copy); old guests (Windows Server 2008) need the current ones for online backups.",
	'QL312.fix.checkpoints': () => 'Remove leftover checkpoints (`Get-VMSnapshot <name>`) and make sure no .avhdx is waiting to merge.',
	'QL313.title': () => 'VSS could not resolve an account listed under VssAccessControl (harmless for backups)',
	'QL313.message': (p: { status: string | null; events: string }) =>
		`VSS reads \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS\\VssAccessControl\` to know which accounts may act as writers or requesters, and one account listed there cannot be resolved${p.status ? ` (status ${p.status})` : ''}${p.events}. Such an entry is usually left by uninstalled software; the event does not stop shadow copies or backups, so it is not the cause of a backup failure.`,
	'QL313.fix': () => 'Optional: delete the value of the account that no longer exists from the VssAccessControl key (by default only NT Authority\\NetworkService is listed), then restart the VSS service or the server.',
	'QL314.title': (p: { routine: string }) => `The shadow copy was created but VSS could not open it (${p.routine} on the shadow copy device)`,
	'QL314.message': (p: { routine: string; hrLabel: string; attempt: string | null }) =>
		`VSS called ${p.routine} on the new shadow copy's device (HarddiskVolumeShadowCopyN) and it failed: ${p.hrLabel}${p.attempt ? `, during ${p.attempt}` : ''}. The system provider cannot finish the shadow copy, so the requester sees the snapshot fail (often as a provider veto, 0x80042306).`,
	'QL314.fix.filters': () =>
		'List the file-system filter drivers (`fltmc filters`) and storage drivers: encryption, antivirus or a third-party file system (e.g. ZFS or Boot Camp drivers) that does not handle shadow copy devices is the usual cause; update or remove it.',
	'QL314.fix.providers': () => 'Check the providers (`vssadmin list providers`): with a third-party provider installed, check that its version supports this Windows build.',
	'QL314.fix.storage': () => 'Check the System log for disk or volsnap errors at that time.',
	// The phase is the event's Operation as printed, in the system's display language: quoted as such.
	'QL315.title': (p: { writer: string; hr: string; phase: string | null }) => `${p.writer} failed${p.phase ? ` in "${p.phase}"` : ''} with ${p.hr}`,
	'QL315.message': (p: { writer: string; hrLabel: string; phase: string | null; event: string; attempt: string | null; cause: 'volume' | 'floppy' | 'account' | 'com' | 'registry' | null }) =>
		`${p.event} names the writer ${p.writer}${p.phase ? ` in "${p.phase}"` : ''}: ${p.hrLabel}${p.attempt ? `, during ${p.attempt}` : ''}. The shadow copy cannot include that writer's data, so a requester that needs it (a system-state or bare-metal backup needs the ASR and System writers) fails; Windows Backup reports such a failure as 0x81000019 (a shadow copy could not be created).${p.cause ? QL317_CAUSES[p.cause] : ''}`,
	'QL315.fix.asrDisk': () =>
		'ASR Writer: a disk it must describe cannot be found. Check `diskpart` → `list disk` for disks that are offline, missing or booted from another OS (a second disk first in the boot order), disconnect or fix them, and boot from the Windows disk.',
	'QL315.fix.callback': () =>
		"The writer's process could not call the backup program back (IVssWriterCallback, access denied): in `dcomcnfg` → Computers → My Computer → Properties → COM Security → Access Permissions → Edit Default, allow NETWORK SERVICE (the account the System Writer's service runs as) Local Access, or run the backup program as an administrator or LocalSystem; then restart the VSS service. A file-level backup may still complete, but without that writer's data.",
	'QL315.fix.listWriters': () => "Run `vssadmin list writers` and restart the writer's service if it shows failed.",
	'QL317.title': (p: { routine: string | null; hr: string; event: string }) => (p.routine ? `VSS failed calling ${p.routine} with ${p.hr}` : `${p.event} with ${p.hr}`),
	'QL317.message': (p: {
		event: string;
		routine: string | null;
		hrLabel: string;
		operation: string | null;
		context: string | null;
		provider: string | null;
		attempt: string | null;
		cause: 'volume' | 'floppy' | 'account' | 'com' | 'registry' | 'provider' | null;
	}) =>
		`${p.event}: VSS${p.context ? ` (context: ${p.context}${p.provider ? `, ${p.provider}` : ''})` : ''} got ${p.hrLabel}${p.routine ? ` from ${p.routine}` : ''}${p.operation ? ` (operation: ${p.operation})` : ''}${p.attempt ? `, during ${p.attempt}` : ''}. No writer is named and nothing else in the bundle explains the failure, so this is where the shadow copy failed.${p.cause ? QL317_CAUSES[p.cause] : ''}`,
	'QL318.title': (p: { loc: string; desc: string; code: number }) => `SQL Server's virtual device failed: ${p.loc}, ${p.desc} (error ${p.code})`,
	'QL318.message': (p: { loc: string; desc: string; code: number; codeText: string | null; instance: string | null; cause: 'aborted' | 'denied' | 'resources' | 'other'; attempt: string | null }) =>
		`SQLVDI, the virtual device the SQL Server VSS Writer streams a snapshot backup through${p.instance ? ` (instance ${p.instance})` : ''}, failed in ${p.loc} (${p.desc}) with Win32 error ${p.code}${p.codeText ? ` (${p.codeText})` : ''}${p.attempt ? `, during ${p.attempt}` : ''}. ${QL318_CAUSES[p.cause]}`,
	'QL319.title': (p: { databases: readonly string[] }) => (p.databases.length > 0 ? `SQL Server could not back up ${p.databases.slice(0, 3).join(', ')}${p.databases.length > 3 ? ' …' : ''}` : "SQL Server's backup device failed"),
	'QL319.message': (p: { databases: readonly string[]; device: { virtual: boolean; code: number; codeText: string | null } | null; cause: 'aborted' | 'device' | 'consequence' | 'base'; instance: string; attempt: string | null }) =>
		`${p.instance} logged that its BACKUP ${p.databases.length > 0 ? `of ${p.databases.join(', ')} ` : ''}failed${p.attempt ? ` during ${p.attempt}` : ''}${
			p.device ? `: its ${p.device.virtual ? "snapshot backup's virtual device" : 'backup device'} failed with operating system error ${p.device.code}${p.device.codeText ? ` (${p.device.codeText})` : ''}` : ''
		}. ${
			p.cause === 'aborted'
				? 'That is the requester or VSS ending the backup because of another failure, which is the cause: look for the first VSS, SQLWRITER, SQLVDI or backup error at that time.'
				: p.cause === 'base'
					? 'It had no current full backup of the database to base the differential or log backup on (error 3035 or 4214): the backup chain is broken. Another product that also takes full backups of it (a VSS snapshot backup, whose entries show "I/O is frozen" and a virtual device) moves the base where these backups do not see it.'
					: p.cause === 'device'
						? 'SQL Server could not complete its part of the backup.'
						: 'SQL Server logs this for any backup of the database that fails: the failure that ended the backup is the cause — look for the first VSS, SQLWRITER, SQLVDI or backup error at that time.'
		}`,
	'QL323.title': (p: { refusal: CheckpointRefusal; vm: string | null }) =>
		p.refusal === 'disabled'
			? `Hyper-V refused the checkpoint: checkpoints are disabled for ${p.vm ? `VM '${p.vm}'` : 'the VM'}`
			: p.refusal === 'fell-back'
				? `Hyper-V took a standard checkpoint of ${p.vm ? `VM '${p.vm}'` : 'the VM'} instead of a production one`
				: `Hyper-V could not create a production checkpoint of ${p.vm ? `VM '${p.vm}'` : 'the VM'}`,
	'QL323.message': (p: { refusal: CheckpointRefusal; events: string }) =>
		p.refusal === 'disabled'
			? `The VM's checkpoint type is Disabled, so Hyper-V takes no checkpoint of it at all${p.events}. A tool that asks for one (a checkpoint, a snapshot, a backup through checkpoints) fails before anything reaches the guest.`
			: p.refusal === 'fell-back'
				? `The production checkpoint (VSS in a Windows guest, a file-system freeze in Linux) could not be taken and Hyper-V fell back to a standard checkpoint${p.events}. The checkpoint holds the VM's saved memory state and is not application-consistent; applications restored from it resume mid-transaction.`
				: `A production checkpoint needs the guest's help (VSS through the Backup integration service, or a file-system freeze in Linux) and it was not available — the guest OS not running, the Backup (volume shadow copy) integration service off or not answering — and the VM's checkpoint type allows no fallback to a standard checkpoint${p.events}.`,
	'QL323.fix.enable': () =>
		"Enable checkpoints for the VM: `Set-VM -Name <vm> -CheckpointType Production` (production, falling back to standard) or `Set-VM -Name <vm> -CheckpointType Standard`; Hyper-V Manager: the VM's Settings → Checkpoints → Enable checkpoints.",
	'QL323.fix.integration': () =>
		"Turn on the guest's Backup integration service and check it answers: `Enable-VMIntegrationService -VMName <vm> -Name 'Backup*'`, then `Get-VMIntegrationService -VMName <vm>` (PrimaryStatusDescription OK); in the guest check the Hyper-V Volume Shadow Copy Requestor service (Linux: hv_vss_daemon) runs and `vssadmin list writers` shows no failed writer.",
	'QL323.fix.type': () =>
		'If a standard (saved-state) checkpoint is acceptable, allow it: `Set-VM -Name <vm> -CheckpointType Production` falls back to one, `-CheckpointType Standard` always takes one; keep `ProductionOnly` where only an application-consistent checkpoint will do.',
	'QL323.fix.retry': () => 'Take the checkpoint again (`Checkpoint-VM -Name <vm>`) or rerun the backup.',
	'QL324.title': (p: { vm: string | null; hr: string | null }) => `Hyper-V could not merge the checkpoint disk of ${p.vm ? `VM '${p.vm}'` : 'a VM'} back into its parent${p.hr ? ` (${p.hr})` : ''}`,
	'QL324.message': (p: { hrLabel: string | null; accessDenied: boolean; events: string }) =>
		`Hyper-V-VMMS could not complete the background merge of a checkpoint's differencing disk (.avhdx) into its parent${p.hrLabel ? `: ${p.hrLabel}` : ''}${p.events}. A backup's checkpoint is merged away when the backup ends, so the checkpoint itself was created: what failed is the merge after it. Until it succeeds the VM keeps writing to the .avhdx, which grows, and the checkpoint left behind can make the next backup fail; Hyper-V retries the merge and logs this again.${p.accessDenied ? " Access was denied: the VM's account (NT VIRTUAL MACHINE\\<VM id>) has no rights on the folder of its disks or checkpoints — the shared files of a guest cluster's VHD Set do not give it them by default." : ''}`,
	'QL324.fix.permissions': () =>
		'Give the VM\'s account full control of the folder holding its disks and checkpoints: `icacls <folder> /grant "NT VIRTUAL MACHINE\\<VM id>:(OI)(CI)F"` (the id from `Get-VM <name> | Select-Object Id`); for a guest cluster\'s VHD Set, for each VM that shares it.',
	'QL324.fix.space': () => "Check that the volume has room for the merge and that no other job (Hyper-V Replica, another backup, an antivirus scan) holds the VM's disks while it runs.",
	'QL324.fix.check': () => 'Watch the merge finish: `Get-VMHardDiskDrive <name> | Select-Object Path` points at the .vhdx/.vhds again and no .avhdx is left (`Get-VMSnapshot <name>` shows no backup checkpoint); then rerun the backup.',
	'QL322.title': () => "The System Writer skipped a legacy driver's image it could not read (CAPI2 513, harmless)",
	'QL322.message': (p: { detail: string | null; events: string }) =>
		`Cryptographic Services, which hosts the System Writer, could not back up one legacy driver's binary while answering OnIdentify${p.detail ? ` ("${p.detail}")` : ''}${p.events}. The writer leaves that image out and goes on: the event does not make a shadow copy or a backup fail (KB 3209092), so it is not the cause of a failed backup.`,
	'QL322.fix': () => "Optional: let the writer read the driver's service — `sc sdshow <service>`, then `sc sdset <service> <that string>(A;;CCLCSWLOCRRC;;;SU)` (for the LLDP driver the service is mslldp). Look elsewhere for the cause of a failed backup.",
	'QL321.title': () => "VSS removed a writer's abandoned backup session state (0x80042409, harmless by itself)",
	'QL321.message': (p: { writers: readonly string[]; count: number; events: string }) =>
		`VSS_E_WRITER_STATUS_NOT_AVAILABLE (0x80042409)${p.writers.length > 0 ? ` for ${p.writers.join(', ')}` : ''}${p.count > 1 ? ` (${p.count} events)` : ''}${p.events}: VSS removes the session state a requester left behind (no BackupComplete, PostRestore or abort) once it is two days old. It is logged outside the backup or restore running at the time and does not make it fail; the operation, state and failure in its context are the old session's. Only when it recurs does it say that a backup product leaves its sessions unfinished.`,
	'QL321.fix': () =>
		"Ignore an occasional one. When it appears after every backup, ask the backup vendor to end each session as VSS requires (BackupComplete or PostRestore, then GatherWriterStatus), and look in the same log for the backup's own errors if a backup did fail.",
	'QL320.title': () => "A VSS writer's event handler failed with an unhandled exception (VSS 12366)",
	'QL320.message': (p: { attempt: string | null; events: string }) =>
		`A writer's handler of a VSS event (Identify, PrepareForSnapshot, Freeze, Thaw, BackupComplete …) raised an exception it did not catch${p.attempt ? ` during ${p.attempt}` : ''}${p.events}. VSS then treats the writer infrastructure of that process as unstable: the writer it hosts fails this backup and the ones after it until the process restarts. The event is logged by the writer's own process and names no writer.`,
	'QL320.fix.find': () => 'Find the writer: run `vssadmin list writers` (the one failed, or missing, is it) and read the Application log at the same time for an error of the application that hosts it (MSExchangeRepl for Exchange, SQLWRITER for SQL Server).',
	'QL320.fix.restart': () => "Restart that writer's service (or its application) so that it loads a clean writer, and install the application's and Windows' current updates: such exceptions are program defects fixed by updates.",
	'QL318.fix.aborted': () =>
		"Find the failure that came first: VSS 8229 / 12289, SQLWRITER events or the backup product's error at the same time (the findings above name it), and the SQL Server error log (ERRORLOG) for a BACKUP failure (event 3041) of the same moment.",
	'QL318.fix.denied': () =>
		"Give the writer's account the sysadmin role on the instance: in SQL Server, `CREATE LOGIN [NT SERVICE\\SQLWriter] FROM WINDOWS; ALTER SERVER ROLE sysadmin ADD MEMBER [NT SERVICE\\SQLWriter];` (or `NT AUTHORITY\\SYSTEM` on SQL Server 2008 R2 and older), then `Restart-Service SQLWriter`.",
	'QL318.fix.resources': () => 'Check memory pressure on the server at backup time (SQL Server max server memory leaves room for the OS), and back up fewer databases in one snapshot.',
	'QL319.fix.base': () =>
		"Take a full backup of the database now to restart the chain. Then find who else backs it up (`SELECT backup_finish_date, type, is_copy_only, device_type, user_name FROM msdb.dbo.backupset` — device type 7 is a virtual device, a VSS or agent backup): set that product's SQL backups to copy-only, or let one product own the full, differential and log backups.",
	'QL318.fix.errorLog': () => 'Read the SQL Server error log (ERRORLOG) and the SQLWRITER events at the same time for what SQL Server reported, and run `vssadmin list writers` to see the state of SqlServerWriter.',
	'QL317.fix.volume': () =>
		'Find the volume the error names (`mountvol`, or `Get-Volume | Format-Table DriveLetter,FileSystem,UniqueId` in PowerShell): exclude it from the backup if VSS cannot snapshot it (removable, FAT, hot-added); otherwise list the filter drivers (`fltmc filters`) and update or remove the one that owns it.',
	'QL317.fix.provider': (p: { provider: string }) =>
		`List the providers (\`vssadmin list providers\`) and check that ${p.provider} supports this backup (a hardware provider must support autorecovery for Hyper-V host backups, KB 2462424): update it, let the requester use the system provider instead (System Center DPM: the \`UseSystemSoftwareProvider\` registry value), or uninstall it.`,
	'QL317.fix.floppy': () =>
		"Remove the virtual machine's floppy drive (vSphere Client: Edit Settings, remove the floppy drive while the VM is powered off; or disable it in the guest's Device Manager and the VM's BIOS if it must stay), then retake the quiesced snapshot.",
	'QL317.fix.account': () => 'Open `HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList`, export it, delete the key of the SID in the event (or a duplicate ending in `.bak`) when its profile no longer exists, and restart the VSS service.',
	'QL317.fix.com': () => 'Check that the COM+ services run (`Get-Service EventSystem, COMSysApp, VSS`) and, in `dcomcnfg` → Computers → My Computer → COM Security, that the backup account may launch and access VSS.',
	'QL317.fix.registry': () => 'Compare the permissions of the key the event names with a healthy server (`HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS`), restore them, and restart the VSS service.',
	'QL317.fix.collect': () => 'Collect the Application and System logs around that time (`wevtutil epl Application app.evtx`, `wevtutil epl System sys.evtx`) with `vssadmin list writers` and `vssadmin list providers`, and analyse them together.',

	'QL316.title': (p: { name: string; state: number; word: string }) => `${p.name}: the listing says [${p.state}] but '${p.word}'`,
	'QL316.message': (p: { name: string; state: number; word: string; stateName: string | null }) =>
		`The state line of ${p.name} reads \`[${p.state}] ${p.word}\`, but this listing prints '${p.word}' with another number. VSS prints both from the same state, so the line was edited or garbled; the number is taken (${p.stateName ?? `state ${p.state}`}).`,
	'QL316.fix': () => 'Run `vssadmin list writers` again and read the unedited output.',

	// QL401–QL403: VSS providers
	'QL401.title': (p: { provider: string | null }) => (p.provider ? `The VSS provider ${p.provider} vetoed the snapshot` : 'The VSS provider vetoed the snapshot'),
	'QL401.message': (p: { providers: readonly string[]; attempt: string; hrLabel: string | null; events: string; others: readonly string[] }) =>
		`${p.providers.length > 0 ? `The shadow copy provider ${p.providers.join(' and ')}` : 'The shadow copy provider'} failed the shadow copy in ${p.attempt}${p.hrLabel ? ` with ${p.hrLabel}` : ''}${p.events}: the provider that creates the shadow copy had an error, so no snapshot of the volumes was taken.${p.others.length >= 2 ? ` ${p.others.length} third-party providers are registered (${p.others.join(', ')}); more than one non-Microsoft provider is a classic cause of this veto.` : ''}`,
	'QL401.fix.events': () => "Look in the Application event log at that time for the provider's own error (VSS 12293 names the routine that failed) and in the System log for volsnap and disk errors.",
	'QL401.fix.vmvss': () =>
		'Check the VMware Snapshot Provider service: `Get-Service -Name vmvss` must exist and not be disabled; if it is missing, repair VMware Tools with its VSS component (Programs and Features → VMware Tools → Change → Repair) and reboot.',
	'QL401.fix.lun': () =>
		"The hardware provider's shadow copy LUN never reached this host (VSS 12362): check that the storage maps the snapshot LUN to this host's initiators (igroup, host group), the zoning and the multipath (MPIO) setup, and the provider's own log; rescan the disks (`Update-HostStorageCache`) and retry.",
	'QL401.fix.swprv': () => 'Restart the Microsoft Software Shadow Copy Provider: `Restart-Service -Name swprv`, and check the shadow storage (`vssadmin list shadowstorage`).',
	'QL401.fix.kernelMemory': () =>
		"The volume snapshot driver ran out of kernel memory (non-paged pool, or insufficient resources as the driver's final status): see which driver holds the pool (`Get-Counter '\\Memory\\Pool Nonpaged Bytes'`, Poolmon), install the current Windows storage and VSS updates (on Windows Server 2003 the VSS update packages of KB 833167 and KB 887827), and restart the server to free the pool until then.",
	'QL401.fix.uninstall': () => 'Uninstall the software of third-party providers that are no longer used (its uninstaller removes the provider), so only the provider the backup needs stays registered; check with `vssadmin list providers`.',
	'QL402.title': (p: { count: number }) => `${p.count} third-party VSS providers are registered`,
	'QL402.message': (p: { providers: readonly string[] }) =>
		`Besides Microsoft's own providers, ${p.providers.join(', ')} are registered. Each backup product that installs a provider competes for the same shadow copy; more than one is a classic cause of provider vetoes (0x80042306) and unexpected provider errors (0x8004230F).`,
	'QL402.fix.keepOne': () => 'Keep only the provider of the backup product in use: uninstall the software of the others (its uninstaller removes the provider).',
	'QL402.fix.vmware': () => 'For VMware quiesced snapshots the VMware Snapshot Provider is the one needed; remove the others.',
	'QL402.fix.check': () => 'Run `vssadmin list providers` and check the list, then retry the backup.',
	'QL403.duplicate': (p: { labels: readonly string[]; path: string }) => `${p.labels.join(' and ')} in ${p.path}`,
	'QL403.fix.export': () => 'Back up the provider keys first: `reg export HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS\\Providers vss-providers.reg`.',
	'QL403.fix.deleteStale': (p: { guid: string }) => `Delete the stale registration: \`reg delete "HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS\\Providers\\{${p.guid}}" /f\`.`,
	'QL403.fix.classGone': (p: { provider: string }) =>
		`VSS still lists ${p.provider}, but its COM class is not registered: the software that installed it was removed or is damaged. Repair or reinstall that software if the backup needs this provider; otherwise remove its leftover registration (below).`,
	'QL403.fix.askVendor': () => "Delete the registrations the provider's vendor did not create (ask the vendor which GUID is current), keeping one per provider.",
	'QL403.fix.repairTools': () => 'Repair VMware Tools (Programs and Features → VMware Tools → Change → Repair) so it registers its VSS provider once.',
	'QL403.fix.swprv': () => 'The Microsoft Software Shadow Copy Provider cannot start: check that `HKLM\\SYSTEM\\CurrentControlSet\\Services\\swprv\\Parameters` has `ServiceDll` = `%Systemroot%\\System32\\swprv.dll` (REG_EXPAND_SZ).',
	'QL403.fix.restartVss': () => 'Restart the Volume Shadow Copy service: `Restart-Service -Name VSS`, then check `vssadmin list providers` lists each provider once.',
	'QL403.twice.title': () => 'A VSS provider is registered twice',
	'QL403.twice.message': (p: { duplicates: string; vmware: boolean }) =>
		`The provider list registers the same provider more than once: ${p.duplicates}. A stale registration makes VSS fail with VSS_E_PROVIDER_ALREADY_REGISTERED (0x80042303${p.vmware ? ', shown by VMware Tools as IDispatch error #8451' : ''}) the next time it loads the providers.`,
	'QL403.broken.title': () => 'A VSS provider registration is broken',
	'QL403.broken.message': (p: { attempt: string; hrLabel: string | null; events: string; duplicates: string | null; providers: readonly string[]; query?: boolean }) =>
		`VSS could not load ${p.providers.length > 0 ? `the shadow copy provider ${p.providers.join(' and ')}` : 'a shadow copy provider'} in ${p.attempt}${p.hrLabel ? `: ${p.hrLabel}` : ''}${p.events}.${p.duplicates ? ` The provider list registers the same provider more than once: ${p.duplicates}.` : ''} ${p.query ? QUERY_NOTE : 'Until the registration is repaired, every shadow copy fails.'}`,

	// QL404: shadow copy storage
	'QL404.exhausted.title': () => 'Shadow copy storage ran out',
	'QL404.exhausted.message': (p: { attempt: string; hrLabel: string | null; events: string }) =>
		`The shadow copy storage (diff area) could not hold the changes during ${p.attempt}${p.hrLabel ? `: ${p.hrLabel}` : ''}${p.events}. When it cannot grow, Windows deletes or aborts the shadow copy, so the snapshot is lost.`,
	'QL404.missing.title': () => 'The shadow copy storage volume was not present: the shadow copies were deleted',
	'QL404.missing.message': (p: { attempt: string | null; events: string }) =>
		`The shadow copies${p.attempt ? ` of ${p.attempt}` : ''} were aborted because the volume that holds their storage (the diff area, on another volume) was not present when volsnap needed it${p.events}: it was offline, removed, or came online too late after a restart (many phantom VolumeSnapshot device entries slow its start). The copies are lost.`,
	'QL404.fix.online': () => 'Check which volume holds the storage (`vssadmin list shadowstorage`) and that it is online at startup and stays online (not a removable, iSCSI or cluster disk that arrives late).',
	'QL404.fix.phantoms': () =>
		'If the storage volume comes online slowly after a restart, count the phantom entries under `HKLM\\SYSTEM\\CurrentControlSet\\Enum\\STORAGE\\VolumeSnapshot` (`devnodeclean /n`) and remove them with `devnodeclean`, then schedule it.',
	'QL404.count.title': () => 'The volume already has the maximum number of shadow copies',
	'QL404.count.message': (p: { attempt: string; hrLabel: string }) =>
		`VSS could not add the volume to the shadow copy set in ${p.attempt}: ${p.hrLabel}. The volume already holds as many shadow copies as allowed (64 per volume for the system provider, fewer where MaxShadowCopies is set), often left behind by earlier backups that were interrupted; no new one can be created until some are deleted.`,
	'QL404.fix.listShadows': (p: { volume: string }) =>
		`List the volume's shadow copies (\`vssadmin list shadows /for=${p.volume}\`) and delete those no backup needs (\`vssadmin delete shadows /for=${p.volume} /oldest\`, or \`diskshadow\` → \`delete shadows all\` for copies an interrupted backup left).`,
	'QL404.fix.interrupted': () => 'Check that the backup product deletes its shadow copies when a job is cancelled or fails; stop jobs from being killed mid-snapshot.',
	'QL404.fix.list': () => 'See the current limits: `vssadmin list shadowstorage`.',
	'QL404.fix.grow': (p: { volume: string; resize: string }) => `Give the volume more shadow copy storage, e.g. ${p.resize}, or move it to a volume with free space (\`vssadmin add shadowstorage /for=${p.volume} /on=D:\`).`,
	'QL404.fix.free': (p: { volume: string }) => `Free space on the volume and delete old shadow copies you do not need: \`vssadmin delete shadows /for=${p.volume} /oldest\`.`,
	'QL404.tight.title': (p: { full: boolean }) => (p.full ? 'Shadow copy storage is nearly full' : 'Shadow copy storage is small'),
	'QL404.tight.describe': (p: { volume: string; used: string | null; maximum: string | null }) => `${p.volume} (used ${p.used ?? '?'} of maximum ${p.maximum ?? '?'})`,
	'QL404.tight.full': (p: { volumes: readonly string[]; percent: number }) => `The shadow copy storage of ${p.volumes.join(', ')} is at least ${p.percent}% used.`,
	'QL404.tight.small': (p: { volumes: readonly string[] }) => `The shadow copy storage of ${p.volumes.join(', ')} is limited to less than 1 GB.`,
	'QL404.tight.join': () => ' ',
	'QL404.tight.why': () => 'While a snapshot exists every block written to the volume is first copied into that storage; when it cannot grow, Windows deletes the shadow copy (volsnap 25/36) and the backup fails.',
	'QL404.fix.raise': (p: { volume: string; resize: string }) => `Raise the limit for ${p.volume}: ${p.resize}.`,
	'QL404.fix.delete': (p: { volume: string }) => `Delete shadow copies you do not need (\`vssadmin delete shadows /for=${p.volume} /oldest\`), then check \`vssadmin list shadowstorage\` again.`,

	// QL405–QL407: guest and VM settings
	'QL405.title': () => 'disk.EnableUUID is FALSE: no application-consistent quiescing',
	'QL405.message': (p: { attempts: readonly string[] }) =>
		`The VM sets disk.EnableUUID = FALSE. Windows guests then get file-system quiescing only: VSS writers (SQL Server, Exchange …) do not take part in quiesced snapshots.${p.attempts.length > 0 ? ` Attempts ${p.attempts.join(', ')} ended file-system-consistent.` : ''}`,
	'QL405.fix.powerOff': () => 'Power the VM off.',
	'QL405.fix.set': () => 'In the vSphere Client: Edit Settings → VM Options → Advanced → Configuration Parameters, set `disk.EnableUUID` to `TRUE`.',
	'QL405.fix.retake': () => 'Power the VM on and take a new quiesced snapshot; check that it is application-consistent.',
	'QL406.title': () => 'VMware Tools is told not to quiesce applications',
	'QL406.message': (p: { settings: readonly string[]; attempts: readonly string[] }) =>
		`The guest's tools.conf turns VSS application quiescing off (${p.settings.join('; ')}): quiesced snapshots of this VM are file-system-consistent at best, never application-consistent.${p.attempts.length > 0 ? ` Attempts ${p.attempts.join(', ')} ended file-system-consistent.` : ''}`,
	'QL406.fix.edit': () => 'Edit `C:\\ProgramData\\VMware\\VMware Tools\\tools.conf` and remove the line from the `[vmbackup]` section (unless file-system consistency was chosen on purpose, e.g. to exclude a misbehaving writer).',
	'QL407.title': () => 'VMware Tools is told not to freeze file systems: "quiesced" snapshots are crash-consistent',
	'QL407.message': (p: { settings: readonly string[]; attempts: readonly string[] }) =>
		`The guest's tools.conf turns the sync driver off (${p.settings.join('; ')}). VMware Tools then freezes no file system for a quiesced snapshot: unless the host insists on quiescing, it only flushes buffers and tells the host the guest is quiesced, so vSphere records the snapshot as quiesced while its disks are crash-consistent; when the host insists (\`forceQuiesce = 1\` in Tools' log), the quiesce fails instead ("Requested quiescing cannot be initialized").${p.attempts.length > 0 ? ` Attempts ${p.attempts.join(', ')} are recorded as quiesced.` : ''}`,
	'QL407.fix.cause': () =>
		'If the line was added to get past freezes that hung or failed, fix that cause instead: leave the file systems that cannot be frozen out with `excludedFileSystems` in `[vmbackup]`, or stop what blocks the freeze with a pre-freeze script.',
	'QL407.noProvider.title': () => 'VMware Tools had no way to quiesce the guest: the sync driver is off or could not start',
	'QL407.noProvider.message': (p: { settings: readonly string[] }) =>
		`VMware Tools logged "Requested quiescing cannot be initialized": the host insisted on quiescing and Tools had no provider to freeze the guest's file systems with, so the quiesced snapshot failed. ${p.settings.length > 0 ? `The guest's tools.conf turns the sync driver off (${p.settings.join('; ')}).` : 'The sync driver is turned off in tools.conf (`[vmbackup] enableSyncDriver = false`) or could not start in this guest.'}`,
	'QL407.fix.check': () =>
		'Look in `/etc/vmware-tools/tools.conf` for `enableSyncDriver` in `[vmbackup]` (remove it or set it to `true`); if it is not there, read the VMware Tools log above the warning for why the sync driver could not start (the kernel must support freezing: FIFREEZE).',
	'QL407.fix.edit': () => 'Edit `/etc/vmware-tools/tools.conf` and remove `enableSyncDriver` from the `[vmbackup]` section (or set it to `true`), unless crash-consistent snapshots were chosen on purpose.',

	// QL501: the hypervisor
	'QL501.title': () => 'ESXi 6.0 before ESXi600-201511001 with CBT on: incremental backups may be inconsistent',
	'QL501.message': (p: { version: string; build: string; fixedBuild: number }) =>
		`The host runs ESXi ${p.version} ${p.build} and the VM has changed block tracking enabled. On ESXi 6.0 builds before patch ESXi600-201511001 (build ${p.fixedBuild}), CBT loses the changes written during snapshot consolidation, so QueryChangedDiskAreas misses blocks and every CBT-based incremental backup can be silently inconsistent.`,
	'QL501.fix.patch': () => 'Patch the host to ESXi600-201511001 or later (any later 6.0 update).',
	'QL501.fix.resetCbt': () => "Reset CBT on each VM after patching: set `ctkEnabled` and each disk's `scsiX:Y.ctkEnabled` to FALSE, take and delete a snapshot (or power-cycle the VM), then set them back to TRUE.",
	'QL501.fix.full': () => 'Take a new full backup; do not base incrementals on change ids from before the patch.',
	'QL503.title': (p: { ramdisk: string | null; full: boolean }) => (p.ramdisk !== null ? `The ESXi host's ${p.ramdisk} ramdisk is ${p.full ? 'full' : 'nearly full'}` : 'An ESXi management agent ran out of space'),
	'QL503.message': (p: { ramdisk: string | null; full: boolean; usage: { used: string; size: string; available: string; percent: number } | null; writes: readonly { agent: string; path: string | null }[]; stats: boolean }) =>
		[
			p.usage !== null ? `The ${p.ramdisk ?? ''} ramdisk of the host is ${p.full ? 'full' : 'nearly full'}: ${p.usage.used} of ${p.usage.size} used, ${p.usage.available} available (${p.usage.percent}%).` : '',
			...p.writes.map((w) => `${w.agent} could not write ${w.path ?? 'its file'}: "No space left"${w.path !== null && p.ramdisk !== null ? ` (${w.path} is on the ${p.ramdisk} ramdisk)` : ''}.`),
			p.stats
				? 'ESXi runs from memory and hostd keeps its performance statistics on this fixed-size ramdisk: full, it makes hostd fail adding statistics, dump core and restart, and while it does the host answers neither vCenter nor backup products, so snapshot and quiesce requests fail or hang.'
				: 'ESXi runs from memory and its ramdisks have fixed sizes: whatever writes to a full one fails, and the management agents may fail and stop answering vCenter and backup products.',
		]
			.filter(Boolean)
			.join(' '),
	'QL503.fix.vdf': () => "On the host (ESXi Shell or SSH) run `vdf -h` and look at each ramdisk's Use%.",
	'QL503.fix.clearStats': () => "Free the hostdstats ramdisk: delete hostd's statistics files (`rm -rf /var/lib/vmware/hostd/stats/*`; hostd writes them anew and the host's past performance charts start over).",
	'QL503.fix.other': (p: { ramdisk: string }) => `Find the files that fill the ${p.ramdisk} ramdisk (\`du -a\` on its mount point, largest last) and remove what is not needed there (old logs, core dumps, files copied there by hand).`,
	'QL503.fix.restart': () => 'Restart the management agents: `/etc/init.d/hostd restart` (or `services.sh restart` for all of them; the VMs keep running), then check that the host reconnects to vCenter.',
	'QL503.fix.update': () => 'If it fills again, update ESXi to a current build of its version and take the backup again.',

	// QL502: a Hyper-V provider left in a VMware guest
	'QL502.title': () => 'A Hyper-V integration services VSS provider is left in this VMware guest: harmless',
	'QL502.message': (p: { provider: string }) =>
		`The guest lists the provider ${p.provider}, but it runs on VMware. Hyper-V's integration services registered it when the VM ran on Hyper-V or Azure; it serves only backups that a Hyper-V host requests through its Volume Shadow Copy Requestor (vmicvss). A VMware quiesced snapshot goes through VMware Tools and the VMware or Microsoft provider, so this provider takes no part in it and is not the cause of a failure; no VSS event of the bundle names it.`,
	'QL502.fix.nothing': () => 'Nothing needs to change for the backup: look for the cause in the other findings.',
	'QL502.fix.cleanUp': () =>
		'To tidy the provider list of a VM that will not go back to Hyper-V or Azure: uninstall the Hyper-V Integration Services (Windows Server 2012 R2 and earlier), or on later Windows, where they are part of the system, disable the requestor: `Set-Service -Name vmicvss -StartupType Disabled`.',

	// QL112: a failure nothing explains
	'QL112.title': (p: { id: string; kind: AttemptKind; requester: string | null }) =>
		p.kind === 'guest-shadow-copy'
			? `${p.requester ?? 'A backup product'}'s shadow copy ${p.id} failed; the bundle does not show why`
			: p.kind === 'hyperv-checkpoint'
				? `The Hyper-V checkpoint ${p.id} failed; the bundle does not show why`
				: `The quiesced snapshot ${p.id} failed; the bundle does not show why`,
	'QL112.message': (p: { attempt: string; fault: string | null; faultMeaning: string | null; kind: AttemptKind; requester: string | null }) =>
		p.kind === 'guest-shadow-copy'
			? `${p.attempt} failed: ${p.requester ?? 'the backup product'} asked VSS inside Windows for a shadow copy and reports the failure, but the bundle holds no record that names the cause (no writer, provider, VSS or VolSnap event for that time).`
			: p.kind === 'hyperv-checkpoint'
				? `${p.attempt} failed: Hyper-V could not create the VM's checkpoint (a backup's, or one taken by hand or by a tool), but the bundle holds no record that names the cause (no VMMS event with a code or a reason, no writer, provider or VSS event in the guest for that time).`
				: `${p.attempt} failed${p.fault ? ` with ${p.fault}${p.faultMeaning ? ` (${p.faultMeaning})` : ''}` : ''}, but the bundle holds no guest-side record that names the cause (no VMware Tools error, writer, provider or VSS event for that time).`,
	'QL112.fix.debug': () => "Turn on VMware Tools debug logging for the quiesce in the guest's tools.conf (`[logging]` `vmbackup.level = debug`, `vmbackup.handler = vmx`), restart VMware Tools, and reproduce.",
	'QL112.fix.collect': () => "Collect the guest's Application and System event logs (`wevtutil epl Application app.evtx`, `wevtutil epl System sys.evtx`) and `vssadmin list writers` / `vssadmin list providers` right after the failure.",
	'QL112.fix.hostLogs': () => "Add the VM's vmware.log and the host's hostd.log for that time to the bundle.",
	'QL112.fix.analyse': () => 'Analyse the new bundle.',
	'QL112.fix.productLog': (p: { requester: string | null }) => `Add ${p.requester ? `${p.requester}'s` : "the backup product's"} own log of that job (the session or job log with its error text and code) to the bundle.`,
	'QL112.fix.hyperv': () => "Add the host's Hyper-V-VMMS Admin log (`wevtutil epl Microsoft-Windows-Hyper-V-VMMS-Admin vmms.evtx`) for that time, and check in the VM's settings that the Backup (volume shadow copy) integration service is on.",

	// QL550–QL554: the requester's own report (backup products)
	'QL550.title': (p: { product: string; label: string; writer: string | null }) => `${p.product} reported the backup failed: ${p.label}${p.writer ? ` (${p.writer})` : ''}`,
	'QL550.message': (p: {
		product: string;
		label: string;
		meaning: string | null;
		writer: string | null;
		printed: string | null;
		operation: string | null;
		volume: string | null;
		path: string | null;
		own: { code: string; meaning: string } | null;
		echo: string | null;
		/** The code is an HRESULT (a wrapper code of the product's may stand beside it); false for a product's own code. */
		hresult: boolean;
	}) =>
		`${p.product}, the VSS requester, reports ${p.label}${p.printed ? ` (printed as ${p.printed})` : ''}${p.meaning ? `: ${p.meaning}` : ''}.${p.own ? ` Its own error ${p.own.code}: ${p.own.meaning}.` : ''}${p.writer ? ` The writer it names is '${p.writer}'.` : ''}${p.operation ? ` Step: ${p.operation}.` : ''}${p.path ? ` Item: ${p.path}.` : p.volume ? ` Volume: ${p.volume}.` : ''}${p.echo ? ` ${p.echo}` : p.hresult ? ' A wrapper code such as VSSControl -2147467259 (E_FAIL) only says the request failed; the code above is the cause.' : ''}`,
	// A page (a KB, a vendor's documentation, a table of codes) that names the code reports no backup: it explains it.
	'QL550.page.title': (p: { label: string }) => `The text explains ${p.label}`,
	'QL550.page.message': (p: { label: string; meaning: string | null; own: { code: string; meaning: string } | null }) =>
		`${p.label}${p.meaning ? `: ${p.meaning}` : ''}.${p.own ? ` Its own error ${p.own.code}: ${p.own.meaning}.` : ''} The text explains the code; it is no record of a backup run.`,
	'QL550.fix.code': (p: { code: string; writer: string | null; exchange: boolean; service: string | null; path: string | null; hyperV: boolean; advice: string | null; setup: boolean }) => {
		switch (p.code) {
			case '0x80042306':
				return 'The shadow copy provider vetoed the snapshot. For the Microsoft Software Shadow Copy provider check the three usual causes: every volume in the backup must be NTFS (or ReFS), each disk needs an NTFS volume with at least 100 MB free (`Get-Volume` shows free space), and heavy I/O when the backup starts keeps the provider from finding a cut-off point (move the job away from I/O peaks). Check which provider was used with `vssadmin list providers` and remove stale third-party ones.';
			case '0x8004231F':
				return 'The shadow copy storage (diff area) has no room: free space on the volume (at least 10-20% free), then raise its limit, e.g. `vssadmin resize shadowstorage /for=C: /on=C: /maxsize=10%`, or put it on another volume (`vssadmin add shadowstorage /for=C: /on=D:`).';
			case '0x800423F2':
				return `${p.writer ?? 'The writer'} timed out between Freeze and Thaw: VSS writers hold a freeze for about 60 s${p.exchange ? ', and the Exchange writer tolerates only about 20 s' : ''}. Shorten the frozen window (fast snapshot storage, no VM memory in the snapshot, fewer old snapshots), move I/O-heavy jobs away from the backup${p.service ? `, and restart \`${p.service}\` to reset the writer` : ''}.`;
			case '0x800423F0':
				return `${p.writer ?? 'The writer'} keeps data on a volume that is not in the shadow copy set: include every volume that holds its databases and logs in the backup (for System State, also the volumes of the application databases), or move the files.`;
			case '0x800423F4':
			case '0x800423F3':
				return `Run \`vssadmin list writers\`, find ${p.writer ?? 'the failed writer'} and restart the service that hosts it${p.service ? ` (\`Restart-Service -Name ${p.service}\`)` : ''}; look in the Application log for its own errors at the time of the backup.`;
			case '0x81000019':
			case '0x807800A1':
				return 'The shadow copy failed: the writer or VSS error in the same report (or VSS 8229/12289 events at that time) is the cause; fix that writer first.';
			case '0x807800C5':
				return "Windows Server Backup could not prepare the backup image of one of the volumes. Check the target first (a disk WSB formats for itself with free space; a network share that accepts large files; a 4K-sector target with an older build), then each source volume's room for its shadow copy: a small System Reserved, EFI or recovery partition with a few MB free cannot hold one — give it shadow storage on a larger volume (`vssadmin add shadowstorage /for=<that volume> /on=E: /maxsize=1GB`, with a drive letter assigned to it for the command) — and rerun the backup.";
			case '0x80780049':
				return (
					'Nothing was backed up: open the Windows Server Backup error log (`C:\\Windows\\Logs\\WindowsServerBackup\\Backup_Error-*.log`). An enumeration error 0x8007007B on a path such as `C:\\windows\\\\systemroot\\` comes from a service or driver whose `ImagePath` under `HKLM\\SYSTEM\\CurrentControlSet\\Services\\<name>` is malformed' +
					(p.hyperV ? '' : " (e.g. VMware's vsock driver after a Tools upgrade)") +
					': correct the ImagePath or remove the stale service, then run the system state backup again.'
				);
			case '0x8007007B':
				return `The System Writer listed a file path with invalid syntax${p.path ? ` (${p.path})` : ''}: find the service whose \`ImagePath\` names it (\`Get-CimInstance Win32_SystemDriver | Select Name, PathName\`, or search HKLM\\SYSTEM\\CurrentControlSet\\Services) and fix or remove it.`;
			case '0x80070005':
				if (p.setup)
					return 'The requester\'s own setup call (CreateVssBackupComponents or InitializeForBackup) was denied, before any writer took part: its process lacks backup rights. Run the backup elevated ("Run as administrator" for a console run), or as a service under LocalSystem or an account in the Administrators or Backup Operators group; check that the Volume Shadow Copy service\'s start type is Manual.';
				return `Access was denied${p.path ? ` to ${p.path}` : ''}: check the account the backup runs under and exclude system metadata folders (such as \\$Extend\\$RmMetadata) from file-level selections; check antivirus exclusions.`;
			case '0x8000FFFF':
				return "The requester's VSS call failed unexpectedly: the writer status block that follows in the log names the writer that failed; reset that writer.";
			case '-1022':
			case '-1018':
				return 'ESE could not read the database or its logs: check the disk and controller (System log disk/ntfs errors), antivirus exclusions of the database and log folders, and run `eseutil /k` on the database.';
			case '-2403':
				return 'ESE refused the snapshot: another backup or a recovery was running, or log files were moved or deleted by hand. Make sure only one backup runs, then dismount/mount the store or restart the Information Store service.';
			case '0xE000FED1':
			case '0xA000FED1':
				return 'Run `vssadmin list writers` on the protected server and reset the failed writer (restart its service), then rerun the job.';
			case '0xE000FEDD':
				return "On the protected server, find the service or driver whose `ImagePath` under HKLM\\SYSTEM\\CurrentControlSet\\Services names a file or folder that does not exist (`Get-CimInstance Win32_Service | Select Name, PathName`, the same for Win32_SystemDriver; `vssadmin list writers` shows the System Writer's state): correct the path (an antivirus agent's service is a known case) or remove the stale service, then rerun the system state backup.";
			case '0xE00084AF':
			case '0xA00084AF':
				return 'Check the item the job log names on the protected server. When several volumes are snapped together, let Backup Exec snap one volume at a time (Advanced Open File Option: "Process logical volumes for backup one at a time") and check free space on each volume for the snapshot.';
			case '0xA000851C':
				return "Free space on the volume that holds the snapshot provider's cache files, or move them to a volume with room, then rerun the job.";
			case '<43426>':
				return "On the Hyper-V host, look in the VM's folder for .avhdx checkpoint files that no checkpoint in Hyper-V Manager accounts for (`Get-VMSnapshot <vm>`; `Get-VMHardDiskDrive <vm> | Get-VHD` shows the disk chain): merge or remove the orphaned one, then rerun the backup. winclustersvc.log and the Hyper-V-VMMS Admin log name the error.";
			case 'ANS4251W':
				return "Find the service or driver whose binary is the missing file (`Get-CimInstance Win32_SystemDriver | Where-Object PathName -like '*<file name>*'`, the same for Win32_Service, or search HKLM\\SYSTEM\\CurrentControlSet\\Services for an ImagePath naming it): delete that stale entry or reinstall the program it belongs to, then rerun the system state backup.";
			case '0xE000853E':
				return "Read the UMI code at the end of the job log (Job Completion Status): it names AOFO's real error. Check that the Advanced Open File Option and its vsp.sys driver are installed on the protected server and that it was rebooted after the install; Windows Server 2008 and later snapshot with VSS only.";
			case 'job error 32768':
			case 'job error 32770':
			case 'job error 32774':
			case 'job error 32775':
				return "Read the Hyper-V host's Hyper-V-VMMS Admin log (Applications and Services Logs > Microsoft > Windows > Hyper-V-VMMS > Admin) at that time: its error names the VM and why the checkpoint or backup job failed. Check that no other checkpoint, backup or replication of the VM, or of a VM that shares its disks, ran at the same time, and that the VM's configuration (shared VHDX, VHD Set, pass-through disks) supports production checkpoints.";
			case 'DPM ID 2033':
				return "The file DPM read through the shadow copy is damaged (a data error such as 0x80070017 is a failed checksum, not a VSS fault). For Exchange, find the transaction log the error names: on the protected server rename it and copy a good copy from another database copy (DAG member); when the path is in DPM's replica volume, replace it there. Then run a consistency check.";
			case 'DPM ID 30146':
			case '-528':
				return 'A transaction log file the Exchange database needs is missing (ESE -528). Check the antivirus on the Exchange server and on the DPM server for log files it deleted or quarantined and exclude the database, log and DPM replica folders from scanning; run `eseutil /ml` on the log set to find the gap, then run a consistency check.';
			case 'DPM ID 30216':
				return "The database's log chain broke since the last synchronisation: make sure no other backup program or manual cleanup truncates the Exchange logs, then run an express full backup, which starts a new chain (if it fails again, turn circular logging on and off for the database).";
			case 'DPM ID 30229':
				return "On the protected computer, read the Microsoft-Windows-Backup log at the time of the job (the WSB event and error code DPM's message quotes: events 5, 517 or 521): its code says why Windows Server Backup failed. Fix that, then rerun the job.";
			case 'DPM ID 30111':
			case 'DPM ID 30112':
				return "On the protected computer run `vssadmin list writers` and restart the service of any writer that is not [1] Stable. For a Hyper-V host backup also run `vssadmin list providers`: a VSS hardware provider without autorecovery fails every online VM backup — make DPM's agent use the system provider (registry key `UseSystemSoftwareProvider` under HKLM\\SOFTWARE\\Microsoft\\Microsoft Data Protection Manager\\Agent, KB 2462424) or back the VMs up in saved state.";
			case 'status 156':
				return 'Make room for the snapshot on the client: enlarge the shadow copy storage of the volumes backed up (`vssadmin list shadowstorage`, `vssadmin resize shadowstorage /for=C: /on=C: /maxsize=20%`) or the VSP cache, and read the bpfis and bpbkar logs of the job for the volume that failed; without open files to protect, turn Windows Open File Backup off for the client.';
			case '0xA000971E':
				return "If no other backup of the VM is running, remove the leftover recovery checkpoint on the Hyper-V host (Hyper-V Manager, or `Get-VMSnapshot -VMName <vm> -SnapshotType Recovery | Remove-VMSnapshot`) and let it merge, then rerun the job. Backup Exec 15 FP3 and later may keep one checkpoint between Hyper-V backups by design (Veritas 100031826): check the server's Hyper-V incremental method setting.";
			case '0xA0009723':
				return "Read the Hyper-V host's Hyper-V-VMMS Admin log at the time of the job: its error names why the VM's recovery checkpoint could not be created (a leftover checkpoint, the VM's storage, the guest's integration services). Fix that, then rerun the job.";
			case '0xE0008488':
				return 'Give the Backup Exec logon account of the job administrative rights on the protected server (and the agent its required user rights), then rerun the job.';
			case 'ExtensionFailedVssWriterInBadState':
				return 'In the VM, run `vssadmin list writers` as administrator and restart the service of every writer that is not [1] Stable (`net stop <service>` then `net start <service>`), or restart the VM; then run the backup again.';
			case 'ExtensionFailedVssServiceInBadState':
				return 'In the VM, restart the Volume Shadow Copy service (`net stop VSS` then `net start VSS`, or restart the VM), check that `vssadmin list writers` answers, then run the backup again.';
			case 'ExtensionSnapshotFailedCOM':
			case 'ExtensionInstallationFailedCOM':
			case 'ExtensionInstallationFailedMDTC':
				return 'In the VM, start the COM+ System Application and Distributed Transaction Coordinator services (`net start COMSysApp`, `net start MSDTC`; if MSDTC will not start, `msdtc -uninstall` then `msdtc -install`), then run the backup again.';
			case 'ExtensionSnapshotBitlockerError':
				return "In the VM, unlock the BitLocker-locked drive (`manage-bde -status` shows which; `manage-bde -unlock <drive>` and `manage-bde -autounlock -enable <drive>` keep a data drive unlocked), or turn BitLocker off on the VM's drives as Microsoft advises, then run the backup again.";
			case 'ExtensionFailedTimeoutVMNetworkUnresponsive':
				return 'The snapshot timed out: let the host take it (from an elevated prompt in the VM: `REG ADD "HKLM\\SOFTWARE\\Microsoft\\BcdrAgentPersistentKeys" /v SnapshotMethod /t REG_SZ /d firstHostThenGuest /f`), move the backup to a time of lower CPU and I/O load, or give the VM a larger size; then run the backup again.';
			case 'UserErrorFsFreezeFailed':
				return 'In the Linux VM, unmount the file systems the freeze failed on (`umount`), check them with `fsck`, mount them again, then run the backup again.';
			case 'VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED':
				return "Install the XenServer VSS provider in the Windows guest (the XenServer / Citrix VM Tools' VSS component) or take the VM's snapshot without quiesce; Citrix Hypervisor 8.1 and later have no quiesced snapshot at all (`MESSAGE_REMOVED`).";
			case 'VM_SNAPSHOT_WITH_QUIESCE_PLUGIN_DEOS_NOT_RESPOND':
				return "In the guest, check that the XenServer guest agent and the XenServer VSS provider's service are running (restart them, or the VM), then retry the quiesced snapshot.";
			case 'VM_SNAPSHOT_WITH_QUIESCE_TIMEOUT':
			case 'VM_SNAPSHOT_WITH_QUIESCE_FAILED':
				return "In the guest, read the Application log's VSS events at the snapshot's time and run `vssadmin list writers`: restart the service of any writer that is not [1] Stable, run the snapshot at a time of less disk activity, then retry; a tool that falls back to a snapshot without quiesce leaves it crash-consistent.";
			default:
				return p.advice ? `${p.advice}` : `Look up ${p.code} in the product's documentation and in the Application log (VSS, VolSnap, the writer's own source) at the time of the backup.`;
		}
	},
	'QL550.fix.events': () => "Check the guest's Application and System logs at that time (VSS 8193/8229/12289/12293, VolSnap 25/36) and `vssadmin list writers`: the VSS-side findings name the writer or provider to fix.",
	'QL550.fix.truncation': (p: { product: string; truncation: string }) => `After the fix, check log truncation for ${p.product}: ${p.truncation}.`,
	'QL552.title': (p: { product: string }) => `${p.product} could not quiesce the virtual machine`,
	'QL552.message': (p: { code: string | null; meaning: string | null }) =>
		`The backup product's quiesced snapshot failed${p.code ? ` with ${p.code}` : ''}${p.meaning ? ` (${p.meaning})` : ''}: VMware Tools asked VSS in the guest to freeze the applications, and a VSS writer or an application service did not freeze (or thaw) in time.`,
	'QL552.fix.guestLogs': () => "Look at the guest's Application log (VSS 8193/8229/12289) and the VMware Tools log at the time of the backup, and the VM's vmware.log for the quiesce error.",
	'QL552.fix.writers': () => 'Run `vssadmin list writers` in the guest and reset any writer that is not [1] Stable by restarting its service.',
	'QL552.fix.services': () => 'If one application always blocks the freeze, stop its service before the snapshot and start it after with VMware Tools pre-freeze/post-thaw scripts (backupScripts.d), or exclude its writer.',
	'QL553.title': (p: { user: string | null }) => `The job was stopped by an operator${p.user ? ` (${p.user})` : ''}`,
	'QL553.message': (p: { user: string | null; jobStatus: string | null; tasksOk: number; tasks: number; failedSteps: readonly string[] }) =>
		`Operation was canceled by user${p.user ? ` ${p.user}` : ''}: a stop request, not a VSS or quiesce failure.${p.tasks > 0 ? ` ${p.tasksOk} of ${p.tasks} task(s) had already completed with status Success: those VMs' backups succeeded.` : ''}${p.jobStatus ? ` The job's status '${p.jobStatus}' reflects the stop.` : ''}${p.failedSteps.length > 0 ? ` What the stop interrupted: ${p.failedSteps.map((s) => `"${s}"`).join('; ')}.` : ''}`,
	'QL553.fix.rerun': () => 'Nothing to repair: run the job again (or let the next scheduled run finish) so the interrupted steps, such as retention and the synthetic transform, complete.',
	'QL553.fix.who': () => 'If nobody meant to stop it, check who did (the user above) and whether a script or a second console stops jobs.',
	'QL555.title': (p: { product: string; failed: boolean; action: string; disabled: boolean }) =>
		p.failed
			? `${p.product}: the guest agent's ${p.action === 'thaw' ? 'thaw' : 'freeze'} of the guest's file systems failed`
			: `${p.product} backed up the VM without freezing its file systems: ${p.disabled ? "the freeze is turned off in the VM's options" : 'the guest agent did not answer'}`,
	'QL555.message': (p: { failed: boolean; action: string; detail: string | null; hook: boolean; vm: string | null; timedOut: string | null; noSnapshot: boolean; unreachable: boolean; disabled: boolean }) =>
		(p.unreachable
			? `The host${p.vm ? ` (VM ${p.vm})` : ''} asked for the guest agent's fs-${p.action}, and libvirt could not reach the QEMU guest agent (${p.detail}): nothing was sent to the guest.`
			: p.failed
				? `The host${p.vm ? ` (VM ${p.vm})` : ''} asked the QEMU guest agent to ${p.action === 'thaw' ? 'thaw' : 'freeze'} the guest's file systems (fs-${p.action}) and the agent's command ${p.detail || !p.timedOut ? `failed${p.detail ? `: ${p.detail}` : ''}` : 'did not return in time'}.` +
					(p.timedOut ? ` The freeze outlasted the host's timeout for it and the host gave the snapshot up (${p.timedOut}).` : '')
				: p.disabled
					? `The backup${p.vm ? ` of VM ${p.vm}` : ''} skipped the guest agent's fs-${p.action} (${p.detail}): the VM's guest agent option turns the freeze off for backups (\`freeze-fs-on-backup=0\`), so the agent was not asked.`
					: `The backup${p.vm ? ` of VM ${p.vm}` : ''} skipped the guest agent's fs-${p.action}${p.detail ? ` (${p.detail})` : ''}: the agent is enabled in the VM's options but did not answer (not installed or not running in the guest, or the VM started before the agent's channel was added).`) +
		(p.action === 'thaw' && p.failed
			? " The guest's file systems may still be frozen: its writes hang until they are thawed."
			: p.noSnapshot
				? ' With the freeze failed, the quiesced snapshot was not taken.'
				: ' The host went on without the freeze: the snapshot is crash-consistent, not application-consistent (no flush, no VSS writers on Windows).') +
		(p.hook ? " The agent's error is its fsfreeze hook's: a script run at freeze in the guest failed, and the agent failed the freeze with it." : ''),
	'QL555.fix.agent': (p: { ping: string }) =>
		`Install and start the QEMU guest agent in the guest (Linux: the \`qemu-guest-agent\` package, \`systemctl enable --now qemu-guest-agent\`; Windows: the VirtIO guest tools), enable it in the VM's options, then stop and start the VM from the host so that it gets the agent's channel; test it with \`${p.ping}\`.`,
	'QL555.fix.enable': () =>
		"If the freeze was not turned off on purpose (the usual reason is a backup inside a Windows guest that wants VSS to itself), turn it back on: `qm set <vm> --agent enabled=1,freeze-fs-on-backup=1` (the VM's Options, QEMU Guest Agent); otherwise its backups stay crash-consistent.",
	'QL555.fix.hook': () =>
		'Run the hook by hand in the guest (`/etc/qemu/fsfreeze-hook freeze`, then `/etc/qemu/fsfreeze-hook thaw`), fix the script of `/etc/qemu/fsfreeze-hook.d/` (or the hook itself) that fails, and read its log (`/var/log/qga-fsfreeze-hook.log`).',
	'QL555.fix.test': (p: { freeze: string; thaw: string }) =>
		`Read the agent's log in the guest at the time of the failure (\`journalctl -u qemu-guest-agent\`; Windows: the Application log's VSS events), and try a freeze from the host: \`${p.freeze}\`, then \`${p.thaw}\`.`,
	'QL555.fix.thaw': (p: { thaw: string }) => `Thaw the guest now from the host: \`${p.thaw}\`.`,
	'QL554.title': (p: { product: string; said: boolean }) => (p.said ? `The ${p.product} job failed; its log gives no code or snapshot cause` : `The ${p.product} job failed; this log does not say why`),
	'QL554.message': (p: { details: string | null }) => `The job session ended with status Failed${p.details ? ` (details: ${p.details})` : ''}, but no error with a code is in this file.`,
	'QL554.fix.taskLog': () => "Add the per-VM task log (Veeam: `C:\\ProgramData\\Veeam\\Backup\\<job>\\Task.<vm>.log`) or the job's error text from the console to the bundle and analyse again.",
	'QL554.fix.hostLogs': () =>
		"Add the VM's vmware.log and the host's hostd.log and vmkernel.log from the job's time: a product that asks the host for the snapshot often logs only that it failed, and the host logs why (the snapshot's or the quiesce's error, a datastore's I/O errors).",
	'QL554.fix.byHand': (p: { product: string; command: string }) =>
		`${p.product} does not log the host's answer to its snapshot request: in the host's shell, take the same snapshot by hand and read the error it prints (\`${p.command}\`; the last two arguments are memory and quiesce, delete the test snapshot afterwards). If it fails only with quiesce 1, the guest's quiescing is the cause.`,
	'QL554.fix.virsh': (p: { ping: string; freeze: string; thaw: string }) =>
		`Read the error virsh printed after its command (\`error: …\`); when the tool logged only that the command failed, run the same command by hand on the host and read virsh's error. If it fails only with \`--quiesce\`, the guest agent's freeze is the cause: test the agent with \`${p.ping}\`, then a freeze with \`${p.freeze}\` and \`${p.thaw}\`.`,
	'QL554.fix.kvm': () =>
		"This task log is the job's only record: the text after `failed -` is its reason. When the guest agent's freeze and thaw did not fail (or none was asked), the cause is not the guest's quiescing: check the backup storage and the host's connection to it, and the host's journal (`journalctl`) at the job's time.",
	'QL554.fix.guest': () => "Add the guest's Application and System event logs and `vssadmin list writers` output from the time of the job.",
	// QL560–QL563: Veeam's guest processing, by the step its error names (diagnosis/rules/veeamGuest.ts)
	'QL560.title': (p: { product: string; code: number | null; name: string | null }) => `${p.product} could not reach or log on to the guest${p.code !== null ? ` (Win32 ${p.code}${p.name ? ` ${p.name}` : ''})` : ''}`,
	'QL560.message': (p: { product: string; code: number | null; name: string | null; meaning: string | null; vmware: boolean }) =>
		`Guest processing failed before any VSS call: ${p.product} could not connect to the guest (its admin share, RPC${p.vmware ? ' or VMware VIX' : ''}) to run its in-guest components${p.code !== null ? `; Windows answered Win32 error ${p.code}${p.name ? ` ${p.name}` : ''}${p.meaning ? ` (${p.meaning})` : ''}` : ''}. This is no VSS${p.vmware ? ' or VMware Tools quiescing' : ''} failure: no shadow copy was asked for, so no writer or provider is to blame.`,
	'QL560.fix.credentials': () => 'Check the guest OS credentials of the job (Guest Processing → Credentials, then Test Now): an account with local administrator rights in the guest, written `DOMAIN\\user` or `HOST\\user`, with its current password.',
	'QL560.fix.account': () =>
		'The account exists but may not log on now: unlock, enable or renew it (Active Directory Users and Computers, or `net user <name> /domain`), then find what keeps locking it out (an old password saved in another job, service, scheduled task or mapped drive).',
	'QL560.fix.rights': (p: { code: number | null }) =>
		`Give the account the rights guest processing needs: membership of the guest's local Administrators group (a local account other than the built-in Administrator is filtered by UAC remote restrictions: use a domain account or the built-in Administrator)${p.code === 1385 ? ', and the "Log on as a batch job" right, or let Veeam fall back to interactive logon' : ''}.`,
	'QL560.fix.network': (p: { vmware: boolean }) =>
		`Make the guest reachable from the guest interaction proxy: File and Printer Sharing and RPC allowed in the guest's firewall (TCP 445, 135 and the dynamic RPC ports), the ADMIN$ share present, the guest's name resolving in DNS; or pick a guest interaction proxy in the guest's network.${p.vmware ? ' Without a network path Veeam goes through VMware VIX, which needs VMware Tools running in the guest and the same credentials.' : ''}`,
	'QL560.fix.session': () =>
		'The proxy already holds a connection to the guest under another user name: remove it on the guest interaction proxy (`net use` lists it; `net use \\\\<guest>\\ADMIN$ /delete`), or use the same account for every job that processes this guest.',
	'QL560.fix.retry': () => 'Retry the job and check that the guest processing step of the VM now succeeds.',
	'QL561.title': (p: { product: string }) => `VSS preparation in the guest outlasted the wait of ${p.product}`,
	'QL561.message': (p: { product: string }) =>
		`${p.product} stopped waiting for the guest to prepare for the freeze: VSS preparation (the writers enumerating their components, files and volumes) did not finish within its limit (900 s by default). Usually the guest is short of CPU or disk performance, one writer enumerates a very large number of files, or security software slows VSS down.`,
	'QL561.fix.writers': () => 'Right after a failed run, run `vssadmin list writers` in the guest and look in its Application log for VSS errors (8193, 12289, 8229) at that time: a writer that is slow or stuck is the one to fix or restart.',
	'QL561.fix.antivirus': () => 'Exclude the backup and VSS processes from anti-virus scanning; as an isolation step, uninstall the anti-virus (disabling it may leave its filter drivers active), reboot and run the job again.',
	'QL561.fix.performance': () => "Check the guest's CPU, memory and disk latency during the job and move heavy work (scans, database maintenance) out of the backup window.",
	'QL561.fix.timeout': () => 'If the preparation is long by nature (a writer with millions of files), raise the VSS preparation timeout on the backup server as Veeam KB1377 describes.',
	'QL562.title': (p: { product: string }) => `The guest's VSS freeze window closed before ${p.product} finished the VM snapshot`,
	'QL562.message': (p: { product: string; vmware: boolean }) =>
		`${p.product} froze the guest's writers and then had to confirm the freeze, have the hypervisor create the VM snapshot and send the thaw, all within the writers' freeze window (60 s at most, 20 s for Exchange); the window closed first. The usual causes are a slow snapshot creation (${p.vmware ? 'old or large snapshots, datastore latency, a busy vCenter or host) and a guest reached through VMware VIX instead of the network, which adds latency to every step' : 'storage latency, a busy host)'}. This limit is VSS's own and cannot be raised.`,
	'QL562.fix.snapshot': () => 'Make the VM snapshot fast: delete or consolidate old snapshots of the VM, check datastore latency and the load of vCenter and the host at the time of the job.',
	'QL562.fix.network': () => 'Give the guest interaction proxy a network path to the guest (firewall, DNS) so Veeam does not fall back to VMware VIX for the freeze and thaw calls.',
	'QL562.fix.load': () => 'Move I/O-heavy work (database maintenance, anti-virus scans, other backups) out of the backup window, and exclude the backup and VSS processes from anti-virus scanning.',
	'QL563.title': (p: { product: string; ttl: number | null }) => `The in-guest helper of ${p.product} closed the shadow copy: no keep-alive arrived within its TTL${p.ttl !== null ? ` (${p.ttl} s)` : ''}`,
	'QL563.message': (p: { ttl: number; stated: boolean; label: string | null; renewedAt: string | null }) =>
		`During application-aware processing, the VeeamVssSupport service in the guest keeps the shadow copy only while the backup server renews it (KeepSnapshotEx calls, every tenth of the TTL); after ${p.ttl} s${p.stated ? '' : ' (the default)'} without a renewal${p.renewedAt ? ` (the last at ${p.renewedAt}, guest time)` : ''} it closes the snapshot ("Snapshot timeout occurred")${p.label ? `, and the backup server's next call failed with ${p.label}` : ''}. The renewals did not arrive: the network between the backup server (or guest interaction proxy) and the guest dropped, or the guest, its host or its storage was too slow to serve them while the VM's disks were read.`,
	'QL563.fix.network': () => 'Check the network path between the backup server or guest interaction proxy and the guest at that time: drops, firewall or VPN idle timeouts, a guest that changed its address.',
	'QL563.fix.performance': () => "Check the guest's CPU, memory and disk latency and its storage's latency during the job; a guest too busy to answer RPC calls misses its renewals.",
	'QL563.fix.timeout': (p: { ttl: number }) => `If it recurs, widen the keep-alive window on the backup server: the \`VSSGuestSnapshotTimeout\` registry value (default ${p.ttl} s) described in Veeam KB2825.`,
	// QL570–QL571: a writer a product found failed without a code; an ESE streaming backup
	'QL570.title': (p: { product: string; writers: readonly string[] }) => `${p.product} found ${p.writers.length === 1 ? `the VSS writer ${p.writers[0]}` : `the VSS writers ${p.writers.join(', ')}`} in a failed state`,
	'QL570.message': (p: { product: string; writers: readonly { name: string; state: string | null; meaning: string | null; service: string | null }[] }) =>
		`${p.product}, the VSS requester, reports ${p.writers.length === 1 ? 'a writer' : 'writers'} not in a stable state when it asked for the shadow copy: ${p.writers
			.map((w) => `'${w.name}'${w.state ? ` (${w.state}${w.meaning ? `: ${w.meaning}` : ''})` : ' (state not printed)'}${w.service ? `, hosted by the service ${w.service}` : ''}`)
			.join('; ')}. A writer in that state leaves its data out of the backup or fails it; any success code the product prints next to it (0x00000000) is not the cause.`,
	'QL570.fix.list': () => 'Run `vssadmin list writers` on the machine and note the state and last error of each writer named above.',
	'QL570.fix.restart': (p: { writer: string; service: string | null }) =>
		p.service ? `Reset ${p.writer} by restarting its service (\`Restart-Service -Name ${p.service}\`), then check it is [1] Stable.` : `Reset ${p.writer} by restarting the service or application that hosts it, then check it is [1] Stable.`,
	'QL570.fix.events': () => "Look in the Application log at the time of the backup for the writer's own errors and VSS 8193/8229/12289/12298 events: they say why it failed.",
	'QL571.title': (p: { product: string; store: string | null }) => `${p.product}'s Exchange streaming backup${p.store ? ` of '${p.store}'` : ''} failed in the ESE backup API`,
	'QL571.message': (p: { store: string | null; calls: readonly string[]; error: string; code: string | null; meaning: string | null }) =>
		`${p.store ? `'${p.store}'` : 'The store'} returned '${p.error}' from ${p.calls.join(', ')}${p.code ? ` (${p.code}${p.meaning ? `: ${p.meaning}` : ''})` : ''}. This is a legacy online (streaming) backup through the ESE backup API of Exchange, neither a VSS shadow copy nor a snapshot of the machine: no writer, provider or snapshot setting is involved.`,
	'QL571.fix.store': () => 'Check that the Microsoft Exchange Information Store service is running and the databases of that storage group are mounted, then retry.',
	'QL571.fix.events': () => 'Look in the Application log of the Exchange server at the time of the backup for ESE, ESE BACKUP and MSExchangeIS events: they give the database, the ESE error number and its reason.',
	'QL571.fix.oneBackup': () => 'Only one online backup of a storage group can run at a time: make sure no other backup (a second job, another product) was running against it, and that the last one ended.',

	// The consistency verdict's evidence (analysis/consistency.ts)
	'consistency.failed': () => 'The snapshot attempt failed: it left no restore point.',
	'consistency.crash': () => 'The snapshot was taken with quiesced=0: the guest was not quiesced, so the restore point is crash-consistent.',
	'consistency.productCrash': (p: { product: string; code: string | null }) =>
		`${p.product} reported that the snapshot was not application-consistent${p.code ? ` (${p.code})` : ''} and backed the VM up crash-consistent: the guest was not quiesced, so the restore point is crash-consistent.`,
	'consistency.fallback': (p: { id: string }) => `It replaced the failed quiesced attempt ${p.id}: the backup silently fell back to crash-consistent.`,
	'consistency.notKnown': () => 'Whether the guest was quiesced, or whether the snapshot succeeded, is not in the bundle.',
	'consistency.application': (p: { path: string; writers: number }) => `${p.path} holds backup.xml and ${p.writers} writer metadata document(s): VSS writers took part (application-consistent).`,
	'consistency.manifestOnly': (p: { path: string }) => `${p.path} holds only backup.xml: no VSS writer took part (file-system-consistent).`,
	'consistency.disableApp': (p: { value: string; where: string }) => `tools.conf sets vss.disableAppQuiescing = ${p.value} (${p.where}): application quiescing is off.`,
	'consistency.guestOs': (p: { os: string }) => `The guest OS is ${p.os}: non-Windows guests are quiesced by freezing file systems (file-system-consistent).`,
	'consistency.ide': (p: { device: string; where: string }) => `The VM has an IDE disk (${p.device}, ${p.where}): VMware quiesces applications only on SCSI disks, so this is file-system-consistent.`,
	'consistency.noUuid': () => 'The VM does not set disk.EnableUUID = TRUE: Windows guests then get file-system quiescing only.',
	'consistency.agentFreeze': (p: { product: string }) =>
		`${p.product} took the snapshot with the guest's file systems frozen by the QEMU guest agent (guest-fsfreeze-freeze): file-system-consistent. Applications took part only if the agent's freeze asked them (VSS writers in a Windows guest, fsfreeze-hook scripts in Linux), which the bundle does not show.`,
	'consistency.undecided': () => 'The quiesced snapshot succeeded, but no manifest or guest setting in the bundle tells application- from file-system-consistent.',

	// Hover explanations of tokens in any file (explain.ts)
	'explain.source': (p: { source: string }) => `Source: ${p.source}`,
	'explain.unknownHresult': () => 'Not a VSS HRESULT this tool knows.',
	'explain.idispatch': (p: { n: number }) => `VMware Tools prints it as IDispatch error #${p.n}.`,
	'explain.writerState': (p: { short: string; phase: string | null }) => `The writer is ${p.short}${p.phase ? ` (VSS phase: ${p.phase})` : ''}.`,
	'explain.success': () => 'success',
	'explain.eventTitle': (p: { id: number }) => `Event ${p.id}`,
	'explain.event': (p: { provider: string; meaning: string; impact: string }) => `${p.provider}: ${p.meaning}. ${p.impact}.`,

	// The domain words every surface shows (reports, trees, timeline, hovers). A value this version does not
	// know (from a newer report) prints as itself.
	'word.writerState': (p: { code: number | null }) => (p.code === null ? 'state not read (listing truncated)' : (WRITER_STATES[p.code] ?? `undefined state [${p.code}]`)),
	'word.consistency': (p: { consistency: Consistency; fallback: boolean }) => (p.fallback && p.consistency === 'crash' ? 'crash-consistent fallback' : (CONSISTENCIES[p.consistency] ?? `${p.consistency}`)),
	'word.phase': (p: { phase: PhaseName }) => PHASES[p.phase] ?? `${p.phase}`,
	// The window checks' English names are their ids too (limits.ts WINDOW_NAMES).
	'word.window': (p: { name: string }) => `${p.name}`,
	'word.vssPhase': (p: { phase: VssPhase }) => VSS_PHASES[p.phase] ?? `${p.phase}`,
	/** The part of a VSS backup that wrote a line: a timeline lane's name after its file's. */
	'word.vssRole': (p: { role: VssRole }) => VSS_ROLES[p.role] ?? `${p.role}`,
	/** `writer SqlServerWriter`, `provider VMware Snapshot Provider`, `host`. */
	// A requester the text does not name (an error code alone) says so: the bare word reads as an empty label.
	'word.component': (p: FailedComponent) => `${COMPONENTS[p.type] ?? p.type}${p.name ? ` ${p.name}` : p.type === 'requester' ? ' (product not named)' : ''}`,
	'word.attemptKind': (p: { kind: AttemptKind }) => ATTEMPT_KINDS[p.kind] ?? `${p.kind}`,
	/** What an attempt known only from untimed text shows instead of its start. */
	'word.timeUnknown': () => 'time unknown',
	// How sure a source's clock is (report inputs[].clock.confidence): the pairs it rests on and their spread, as displayed.
	'word.clockConfidence': (p: { confidence: ClockConfidence; anchors: string; spread: string }) =>
		p.confidence === 'exact' ? 'exact' : p.confidence === 'inferred' ? `inferred from ${p.anchors} pair(s), spread ${p.spread}` : p.confidence === 'none' ? 'no pair of its own' : `${p.confidence}`,
	// Why an event joined its attempt (report events[].join): its id (opID, task) or its window's bounds as displayed.
	'word.join': (p: { by: EventJoin['by']; id: string | null; from: string; to: string }) =>
		p.by === 'vmx-log'
			? 'its own vmware.log'
			: p.by === 'opid'
				? `opID ${p.id}`
				: p.by === 'task'
					? `task ${p.id ?? 'without an id'}`
					: p.by === 'window'
						? `time window ${p.from} – ${p.to}`
						: p.by === 'requester'
							? `after its snapshot's create call (line ${p.id})`
							: `${p.by}`,

	// The rule catalogue's one line per finding code (diagnosis/ruleCatalogue.ts: the README table, SARIF rules).
	'QL101.short': () => "The guest's quiesce failed with its own error (VmBackupStatus 5) and nothing more specific explains it",
	'QL102.short': () => 'The guest was still busy with an earlier quiesce (VmBackupStatus 1)',
	'QL103.short': () => 'A custom freeze or thaw script failed (VmBackupStatus 2, or a script exited non-zero)',
	'QL104.short': () => 'The guest could not freeze its file systems (VmBackupStatus 3: sync driver or Linux fsfreeze)',
	'QL105.short': () => 'The host aborted the quiesce (VmBackupStatus 4)',
	'QL106.short': () => 'The host timed out waiting for the guest to quiesce',
	'QL107.short': () => 'The snapshot exceeded the time a frozen guest may hold off I/O',
	'QL108.short': () => 'VMware Tools was not available, so the guest was never asked to quiesce',
	'QL115.short': () => 'VMware Tools refused the quiesce: another was already in progress in the guest',
	'QL116.short': () => 'Changed block tracking failed on the host (DiskLib CBT/CTK with a VMkernel status), failing the snapshot',
	'QL109.short': () => 'The guest\'s quiesce events did not reach the host (dropped as "Guest not privileged", or not sent)',
	'QL114.short': () => "The host's LWD snapshot data path failed on the datastore: the snapshot was cancelled",
	'QL110.short': () => 'A crash-consistent snapshot (quiesced=0) silently replaced a failed quiesced one, or a product reports its backup went on crash-consistent',
	'QL111.short': () => 'A Windows guest got only a file-system-consistent snapshot',
	'QL112.short': () => 'A quiesced snapshot failed and nothing in the bundle explains it (what to collect next)',
	'QL113.short': () => 'Quiesced snapshots are VSS copy backups: SQL Server and Exchange logs are not truncated',
	'QL201.short': () => 'A VSS writer is in a failed state ([6]–[15])',
	'QL202.short': () => 'A VSS writer is still waiting for BackupComplete ([5])',
	'QL203.short': () => 'A VSS writer was in the middle of a backup ([2]–[4])',
	'QL204.short': () => 'A VSS writer reports an unknown state ([0])',
	'QL205.short': () => "A writer's freeze–thaw window ran out (0x800423F2, or a measured freeze over 60 s, 20 s for Exchange)",
	'QL206.short': () => 'A VSS writer vetoed a phase (VSS 8229)',
	'QL208.short': () => "The service hosting a writer logged the writer's failure (MSExchangeRepl, MSExchangeIS, SQLWRITER)",
	'QL209.short': () => 'A stable VSS writer whose last error shows it failed an earlier backup ([1] with an error)',
	'QL207.short': () => 'The shadow copy set lacks a volume a writer needs (0x800423F0, SQLWRITER 24579)',
	'QL301.short': () => 'vssadmin printed an error instead of the writers',
	'QL302.short': () => 'vssadmin listed no writer at all',
	'QL303.short': () => 'In-box or application writers are missing from a listing',
	'QL304.short': () => 'The COM+ event registration VSS reaches its writers through is broken (VSS 22, 34, 12302, 0x80040154)',
	'QL307.short': () => 'A service the snapshot runs through (VSS, swprv, SQLWriter, VMTools…) stopped or could not start (SCM 7000/7009/7023/7031/7034…)',
	'QL305.short': () => 'VSS could not flush or hold writes in time (0x80042313/14, VSS 12297/12298, volsnap 8/9)',
	'QL306.short': () => 'Windows Server Backup failed (its decimal error code decoded)',
	'QL311.short': () => 'Windows Server Backup could not back up some files (Backup_Error log, events 546/547)',
	'QL312.short': () => "Hyper-V could not create a virtual machine's backup checkpoint, so its writer left the VM out",
	'QL313.short': () => 'VSS could not resolve an account listed under VssAccessControl (VSS 8230): harmless for backups',
	'QL314.short': () => 'The shadow copy was created but VSS could not open its device (HarddiskVolumeShadowCopyN)',
	'QL315.short': () => 'A writer failed in a VSS error or warning other than an 8229 veto (VSS 8193, 8194, 12289, 12290)',
	'QL318.short': () => "SQL Server's virtual device (SQLVDI) failed or aborted a snapshot backup",
	'QL319.short': () => 'SQL Server logged that its BACKUP of a database failed (event 3041, its device 18210)',
	'QL323.short': () => 'Hyper-V refused a checkpoint or changed its type: checkpoints disabled, production not possible, or a fallback to a standard checkpoint',
	'QL324.short': () => "Hyper-V could not merge a checkpoint's differencing disk back after a backup (VMMS 19100)",
	'QL322.short': () => "The System Writer skipped a legacy driver's image (CAPI2 513, AddLegacyDriverFiles): harmless",
	'QL321.short': () => "VSS removed a writer's abandoned session state (VSS 12289, 0x80042409): harmless unless it recurs",
	'QL320.short': () => "A VSS writer's event handler failed with an unhandled exception (VSS 12366)",
	'QL317.short': () => 'VSS failed calling a routine and nothing else explains the failure (VSS 8193, 8194, 12289, 12292)',
	'QL316.short': () => "A writer's state word contradicts its [n] number (a listing edited by hand)",
	'QL401.short': () => 'A VSS provider vetoed or aborted the snapshot (0x80042306, VSS 12293, volsnap 5/14/20/28)',
	'QL402.short': () => 'Several third-party VSS providers compete for the snapshot',
	'QL403.short': () => 'A VSS provider is registered twice, left stale or not registered',
	'QL404.short': () => 'Shadow copy storage ran out, or is too small or nearly full (volsnap 24/25/36, 0x8004231F)',
	'QL405.short': () => 'disk.EnableUUID is FALSE on a Windows VM',
	'QL406.short': () => 'tools.conf turns application quiescing off',
	'QL407.short': () => 'tools.conf turns the sync driver off: snapshots reported quiesced are crash-consistent, or quiescing fails',
	'QL501.short': () => 'ESXi 6.0 before the CBT fix with changed block tracking on',
	'QL502.short': () => 'A Hyper-V integration services VSS provider left in a VMware guest: harmless',
	'QL503.short': () => 'An ESXi ramdisk is full: the management agent cannot write (hostdstats, "No space left")',
	'QL550.short': () => 'The backup product reported the failure with a decisive code (an HRESULT or its own)',
	'QL552.short': () => 'A VMware-based backup product could not quiesce the virtual machine',
	'QL553.short': () => "An operator stopped the backup job (with each task's real outcome)",
	'QL555.short': () => "A KVM host's backup without the guest agent's freeze (skipped or failed): crash-consistent",
	'QL554.short': () => 'A backup job failed and its log states no reason',
	'QL560.short': () => 'Veeam guest processing could not reach or log on to the guest (a Win32 error, not a VSS failure)',
	'QL561.short': () => "VSS preparation in the guest outlasted Veeam's wait (KB1377)",
	'QL562.short': () => "The guest's VSS freeze window closed before Veeam finished the VM snapshot (KB1377)",
	'QL563.short': () => "Veeam's in-guest helper closed the shadow copy for want of a keep-alive (KB2825)",
	'QL570.short': () => 'The backup product found a VSS writer in a failed state (no code printed)',
	'QL571.short': () => 'An Exchange streaming (ESE API) backup failed: not VSS, not a snapshot',
};
