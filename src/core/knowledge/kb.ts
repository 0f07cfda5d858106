import type { KbRef } from '../model/report';
import { FAULTS } from './faults';
import { VMBACKUP_STATUS_SOURCE } from './vmbackup';

const MS_TROUBLESHOOT = 'https://learn.microsoft.com/troubleshoot/windows-server/backup-and-storage';
const BROADCOM = 'https://knowledge.broadcom.com/external/article';
const OPEN_VM_TOOLS = 'https://github.com/vmware/open-vm-tools';

/** A `vim.fault.*` page as a reference. */
export const faultRef = (fault: string, url: string): KbRef => ({ id: `vSphere API: ${fault.replace(/^vim\.fault\./, '')}`, title: fault, url });

/** The page of a fault the faults table knows, as a reference. */
const fault = (name: string): KbRef => faultRef(name, FAULTS[name].url);

/**
 * Public references the findings cite. One place, so a moved page is fixed once. Every URL was checked to
 * exist (Microsoft Learn and support articles, Broadcom KBs, open-vm-tools, vendor documentation).
 */
export const KB = {
	writerStates: { id: 'Microsoft Learn: VSS_WRITER_STATE', title: 'VSS_WRITER_STATE enumeration (vss.h)', url: 'https://learn.microsoft.com/windows/win32/api/vss/ne-vss-vss_writer_state' },
	writerTimeout: {
		id: 'Microsoft Learn: CVssWriter::SetWriterFailure',
		title: "VSS_E_WRITERERROR_TIMEOUT (0x800423F2): the time between Freeze and Thaw exceeded the writer's freeze time-out (dwTimeoutFreeze, 60 s by default)",
		url: 'https://learn.microsoft.com/windows/win32/api/vswriter/nf-vswriter-cvsswriter-setwriterfailure',
	},
	writerVetoes: { id: 'Microsoft Learn: Writer Errors and Vetoes', title: 'Writer errors and vetoes', url: 'https://learn.microsoft.com/windows/win32/vss/writer-errors-and-vetoes' },
	inBoxWriters: { id: 'Microsoft Learn: In-Box VSS Writers', title: 'In-box VSS writers and the services that host them', url: 'https://learn.microsoft.com/windows/win32/vss/in-box-vss-writers' },
	writersMissing: { id: 'Microsoft Japan Windows support blog (2017-05-20)', title: 'VSS Writer が全て消失する事象について (all VSS writers missing)', url: 'https://jpwinsup.github.io/blog/2017/05/20/Storage/Backup/VSSSystemWriterDeleted/' },
	vssEventClass: { id: 'Microsoft KB 2009550', title: 'No VSS writers are listed when you run vssadmin list writers (VSS 22 / 8193, VSSEvent 0x80040154: Eventcls.dll path)', url: `${MS_TROUBLESHOOT}/no-vss-writers-listed-run-vssadmin-list-writers` },
	vssEventClassType: { id: 'Microsoft KB 2009533', title: 'No VSS writers are listed (VSS 34 / 13: VSS event class not registered, TypeLib value type)', url: `${MS_TROUBLESHOOT}/no-vss-writers-listed-run-vssadmin-list` },
	systemWriterMissing: { id: 'Microsoft KB 2009272', title: 'System state backup fails: System writer is not found in the backup', url: `${MS_TROUBLESHOOT}/system-writer-not-found-in-backup` },
	hypervCheckpointType: {
		id: 'Microsoft Learn: standard or production checkpoints',
		title: 'Choose between standard or production checkpoints in Hyper-V (Set-VM -CheckpointType)',
		url: 'https://learn.microsoft.com/windows-server/virtualization/hyper-v/manage/choose-between-standard-or-production-checkpoints-in-hyper-v',
	},
	guestClusterBackup: {
		id: 'Microsoft KB 4230569',
		title: "Errors when you back up VMs that belong to a guest cluster (VMMS 19100 merge failed 0x80070005: the VMs' rights on the VHD Set's folder)",
		url: 'https://learn.microsoft.com/troubleshoot/windows-server/virtualization/error-back-up-vms-in-guest-cluster',
	},
	legacyDriverImage: {
		id: 'Microsoft KB 3209092',
		title: "Event ID 513 when running VSS: the System Writer cannot back up a legacy driver's image (safe to ignore)",
		url: `${MS_TROUBLESHOOT}/event-id-513-vss-windows-server`,
	},
	writerSessionState: {
		id: 'Microsoft KB 978773',
		title: 'Error 0x80042409 (VSS 12289) when a writer session state older than two days is removed',
		url: `${MS_TROUBLESHOOT}/event-12289-vss-backup-restore`,
	},
	sqlWriterBackup: { id: 'Microsoft KB 2615182', title: 'Windows Server backup may fail because of the SQL Server VSS writer', url: `${MS_TROUBLESHOOT}/backup-fails-vss-writer` },
	providerClass: { id: 'Microsoft KB 2009513', title: 'Backup fails with VSS event ID 12292 and 11 (provider COM class, 0x8004230F)', url: `${MS_TROUBLESHOOT}/backup-fails-event-12292-11` },
	vssService: {
		id: 'Microsoft Learn: Volume Shadow Copy Service',
		title: 'Volume Shadow Copy Service: how the requester, the VSS service, the writers and the providers work together',
		url: 'https://learn.microsoft.com/windows-server/storage/file-server/volume-shadow-copy-service',
	},
	providerErrors: { id: 'Microsoft Learn: Error Handling in Shadow Copy Providers', title: 'Error handling in shadow copy providers', url: 'https://learn.microsoft.com/windows/win32/vss/error-handling-in-shadow-copy-providers' },
	backupType: { id: 'Microsoft Learn: VSS_BACKUP_TYPE', title: 'VSS_BACKUP_TYPE enumeration: VSS_BT_COPY does not update the backup history', url: 'https://learn.microsoft.com/windows/win32/api/vss/ne-vss-vss_backup_type' },
	sqlWriterLogging: { id: 'Microsoft Learn: SQL Server VSS Writer logging', title: 'SQL Server VSS Writer logging (SqlWriterLogger.txt)', url: 'https://learn.microsoft.com/sql/relational-databases/backup-restore/sql-server-vss-writer-logging' },
	wsbAccessDenied: {
		id: 'Microsoft Learn: KB 2747459',
		title: 'Cannot back up a server: error 0x80070005 on $Extend\\$RmMetadata (Windows Server Backup)',
		url: 'https://learn.microsoft.com/troubleshoot/windows-server/backup-and-storage/cannot-back-up-server-error-0x80070005',
	},
	resizeShadowStorage: { id: 'Microsoft Learn: vssadmin resize shadowstorage', title: 'vssadmin resize shadowstorage', url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/vssadmin-resize-shadowstorage' },
	ioHoldOff: { id: 'VMware KB 1018194', title: 'Cannot create a quiesced snapshot because the snapshot operation exceeded the time limit for holding off I/O in the frozen virtual machine', url: `${BROADCOM}/301541/io.html` },
	lwdSnapshotIo: {
		id: 'Broadcom KB 426030',
		title: 'Virtual machine restart by vSphere High Availability (HA) during backup: LWD failures writing or reading snapshot data',
		url: `${BROADCOM}/426030/virtual-machine-restart-by-vsphere-high.html`,
	},
	freezeUnderLoad: { id: 'VMware KB 5962168', title: 'A virtual machine can freeze under load when you take quiesced snapshots or use custom quiescing scripts', url: `${BROADCOM}/343375/a-virtual-machine-can-freeze-under-load.html` },
	hypervIntegrationServices: {
		id: 'Microsoft Learn: Hyper-V integration services',
		title: 'Hyper-V integration services: the Volume Shadow Copy Requestor (vmicvss) lets the Hyper-V host back up the VM',
		url: 'https://learn.microsoft.com/virtualization/hyper-v-on-windows/reference/integration-services',
	},
	cbtNoMemory: { id: 'VMware KB 2114076', title: 'Backing up a virtual machine with Changed Block Tracking enabled fails after upgrading to or installing VMware ESXi 6.0', url: 'https://kb.vmware.com/kb/2114076' },
	cbtReset: { id: 'VMware KB 2139574', title: 'Resetting Changed Block Tracking for VMware vSphere virtual machines', url: 'https://kb.vmware.com/kb/2139574' },
	cbtEsxi60: { id: 'VMware KB 2136854', title: 'Backing up a Changed Block Tracking enabled virtual machine in ESXi 6.0.x returns incorrect changed sectors', url: `${BROADCOM}/317933/backing-up-a-changed-block-tracking-enab.html` },
	vssFreezeTimeout: { id: 'Veeam KB1377', title: 'VSS freeze wait timeout: writers hold a freeze for 60 seconds at most (20 for Exchange)', url: 'https://www.veeam.com/kb1377' },
	quiesceFallback: {
		id: 'Acronis: VSS for virtual machines',
		title: 'Backup products take a non-quiesced (crash-consistent) snapshot when quiescing fails unless told to fail',
		url: 'https://www.acronis.com/en-us/support/documentation/CyberProtectionService/volume-shadow-copy-service-for-virtual-machines.html',
	},
	vddkVss: {
		id: 'VMware VDDK: Backing up virtual machines (VSS)',
		title: 'VMware Tools quiescing uses VSS with VSS_BT_COPY and writes the vss-manifest zip',
		url: 'https://vdc-download.vmware.com/vmwb-repository/dcr-public/ae1a858c-2f59-4a75-b333-f2ddfa631fbd/4ae542fa-c7ec-4713-a3a0-6fef938b03d1/doc/vddkBkupVadp.9.6.html',
	},
	toolsNotAvailable: { id: 'open-vm-tools #297', title: 'Cannot quiesce this virtual machine because VMware Tools is not currently available', url: `${OPEN_VM_TOOLS}/issues/297` },
	syncProvider: { id: 'open-vm-tools #127', title: 'Quiesce fails: Error when enabling the sync provider (VmBackupStatus 3)', url: `${OPEN_VM_TOOLS}/issues/127` },
	quiesceTimeout: { id: 'open-vm-tools #16', title: 'Timed out while quiescing the virtual machine', url: `${OPEN_VM_TOOLS}/issues/16` },
	vmbackupStatus: { id: 'open-vm-tools vmbackup.h', title: 'VmBackupStatus codes the guest reports', url: VMBACKUP_STATUS_SOURCE },
	quiesceScripts: { id: 'open-vm-tools scriptOps.c', title: 'How VMware Tools runs custom quiesce scripts (freeze / freezeFail / thaw)', url: `${OPEN_VM_TOOLS}/blob/master/open-vm-tools/services/plugins/vmbackup/scriptOps.c` },
	syncDriverOff: {
		id: 'open-vm-tools #7',
		title: 'enableSyncDriver=false in tools.conf: the guest no longer freezes file systems, yet snapshots are still reported quiesced',
		url: `${OPEN_VM_TOOLS}/issues/7`,
	},
	syncDriver: { id: 'open-vm-tools syncDriverOps.c', title: 'How VMware Tools freezes Linux file systems for a quiesced snapshot', url: `${OPEN_VM_TOOLS}/blob/master/open-vm-tools/services/plugins/vmbackup/syncDriverOps.c` },
	hostdStatsFull: { id: 'VMware KB 1005884', title: 'The hostdstats ramdisk is full: clear /var/lib/vmware/hostd/stats and restart the management agents', url: 'https://kb.vmware.com/kb/1005884' },
	managementAgents: { id: 'VMware KB 1003490', title: 'Restarting the management agents in ESXi', url: 'https://kb.vmware.com/kb/1003490' },
	applicationQuiesceFault: fault('vim.fault.ApplicationQuiesceFault'),
	filesystemQuiesceFault: fault('vim.fault.FilesystemQuiesceFault'),
	toolsUnavailableFault: fault('vim.fault.ToolsUnavailable'),
	veeamSnapshotKeepAlive: {
		id: 'Veeam KB2825',
		title: "Failed to call RPC function 'Vss.KeepSnapshot' / 'Vss.FinishSnapshot' (0x800401fd): VeeamVssSupport closed the snapshot when no KeepSnapshotEx arrived within VSSGuestSnapshotTimeout",
		url: 'https://www.veeam.com/kb2825',
	},
	veeamGuestCredentials: {
		id: 'Veeam Help Center: Guest Processing Settings',
		title: 'Guest OS credentials for application-aware processing (a local administrator of the guest)',
		url: 'https://helpcenter.veeam.com/docs/backup/vsphere/backup_job_vss_vm.html',
	},
	veeamGuestInteractionProxy: {
		id: 'Veeam Help Center: Guest Interaction Proxies',
		title: 'The guest interaction proxy deploys the runtime components in the guest over the network (or VIX)',
		url: 'https://helpcenter.veeam.com/docs/vbr/userguide/guest_interaction_proxy.html',
	},
	proxmoxBackupConsistency: {
		id: 'Proxmox VE wiki: VM Backup Consistency',
		title: "How a Proxmox VE backup has the QEMU guest agent freeze the guest ('fs-freeze' / 'fs-thaw'), and the Windows agent's VSS backup type",
		url: 'https://pve.proxmox.com/wiki/VM_Backup_Consistency',
	},
	libvirtFsfreeze: { id: 'virsh(1): domfsfreeze / domfsthaw', title: "Freezing and thawing a guest's file systems through the QEMU guest agent with libvirt", url: 'https://libvirt.org/manpages/virsh.html#domfsfreeze' },
	qemuGuestAgent: { id: 'Proxmox VE wiki: Qemu-guest-agent', title: 'Installing and enabling the QEMU guest agent, and testing it from the host (`qm agent <vmid> ping`)', url: 'https://pve.proxmox.com/wiki/Qemu-guest-agent' },
	win32Errors: { id: 'Microsoft Learn: System Error Codes', title: 'Win32 system error codes (ERROR_LOGON_FAILURE 1326, ERROR_ACCOUNT_LOCKED_OUT 1909 …)', url: 'https://learn.microsoft.com/windows/win32/debug/system-error-codes' },
} satisfies Record<string, KbRef>;

/** The name of a reference of the table above. */
export type KbName = keyof typeof KB;
