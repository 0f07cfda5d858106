import { AZURE_BACKUP_CODES } from './azureBackupCodes';
import { XAPI_QUIESCE_CODES } from './xapiCodes';
import { BACKUP_EXEC_CODES } from './backupExecCodes';

/**
 * The requester side of a backup: the products that ask VSS (or VMware Tools) for a snapshot, the codes they
 * print that are not VSS HRESULTs (Windows Server Backup's 0x8078…/0x8100…, Backup Exec's 0xA000…/0xE000…,
 * ESE's negative numbers, vSphere Data Recovery's -3960), and what each requester does to SQL Server and
 * Exchange logs afterwards. Product names, codes and commands are data and never translated; the prose lives
 * in the message catalogues (`product.*` keys).
 */

/** Which backup type a product asks VSS for, which decides whether SQL Server and Exchange truncate their logs. */
export type RequesterBackupType = 'full' | 'copy' | 'configurable';

export interface ProductInfo {
	/** The product as users name it. */
	name: string;
	/**
	 * Where the snapshot is requested: `guest` = the product is the VSS requester inside Windows, `vmware` = it
	 * asks vSphere for a quiesced snapshot (VMware Tools is the requester), `hyper-v` = the Hyper-V host's VMMS,
	 * `kvm` = a KVM host asks the QEMU guest agent to freeze the guest (qemu-ga; VSS's requester on Windows).
	 */
	requester: 'guest' | 'vmware' | 'hyper-v' | 'kvm';
	/** The VSS backup type it asks for by default (COPY leaves application logs untruncated). */
	backupType: RequesterBackupType;
	/** Where the backup type is set or the logs are truncated instead, one phrase (commands in backticks). */
	truncation: string;
	/** Where the product documents its errors. */
	url: string;
	/**
	 * For a KVM host's tool: its commands that test the QEMU guest agent (`ping`) and freeze and thaw the guest
	 * by hand (`<vm>` stands for the VM's id or name).
	 */
	agentCommands?: { ping: string; freeze: string; thaw: string };
	/** What the tool does when the agent fails the freeze: goes on and takes the snapshot unfrozen, or takes none. */
	agentFreezeFailure?: 'goes-on' | 'no-snapshot';
	/**
	 * For a tool that takes the host's snapshot with a command whose answer it does not log: that command, to run
	 * by hand in the host's shell and see the host's error (`<vmid>` stands for the VM's id).
	 */
	snapshotCommand?: string;
}

const VMWARE_COPY = "VMware Tools quiescing always asks for VSS_BT_COPY: truncate the logs with the application's own log backups (SQL Server `BACKUP LOG`, Exchange database backups in the guest) or enable the product's in-guest application processing";

/** What the QEMU guest agent's VSS requester on Windows does to application logs (every KVM host's tool asks it). */
const QEMU_GA_TRUNCATION =
	'the QEMU guest agent on Windows asks VSS for VSS_BT_FULL by default, which truncates SQL Server and Exchange logs; when another product backs up those applications, set the agent to copy backups (since qemu-ga 0.1.262: `HKLM\\SYSTEM\\CurrentControlSet\\Services\\QEMU Guest Agent VSS Provider`, DWORD `VssOption` = 5, VSS_BT_COPY)';

/** The products the readers recognise, by the `product` field of their records. */
export const PRODUCTS = {
	'veeam': {
		name: 'Veeam Backup & Replication',
		requester: 'guest',
		backupType: 'configurable',
		truncation: 'application-aware processing truncates SQL Server and Exchange logs only when the job\'s guest processing sets "Truncate logs"; "Perform copy only" and crash-consistent runs leave them',
		url: 'https://helpcenter.veeam.com/docs/backup/vsphere/transaction_logs.html',
	},
	'windows-server-backup': {
		name: 'Windows Server Backup',
		requester: 'guest',
		backupType: 'copy',
		truncation: 'Windows Server Backup takes a VSS copy backup unless "VSS full backup" is chosen (`wbadmin start backup -vssFull`, or Configure Performance/Advanced settings → VSS settings)',
		url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/wbadmin-start-backup',
	},
	'ntbackup': {
		name: 'NTBackup',
		requester: 'guest',
		backupType: 'configurable',
		truncation: "NTBackup's Normal and Incremental types truncate Exchange logs; its Copy type does not",
		url: 'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2003/cc784306(v=ws.10)',
	},
	'diskshadow': {
		name: 'DiskShadow',
		requester: 'guest',
		backupType: 'full',
		truncation: 'its `begin backup` … `end backup` session is a full backup: the writers mark it complete at `end backup` (Exchange truncates its logs then); a `create` outside such a session makes a shadow copy and no backup',
		url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/diskshadow',
	},
	'hyper-v-vmms': {
		name: 'Hyper-V (VMMS)',
		requester: 'hyper-v',
		backupType: 'configurable',
		truncation: 'a host-level backup of a VM asks the guest for the backup type the host requester chose; with "Production checkpoints" and a COPY request the guest\'s logs stay untruncated',
		url: 'https://learn.microsoft.com/windows-server/virtualization/hyper-v/manage/choose-between-standard-or-production-checkpoints-in-hyper-v',
	},
	'vmware-data-recovery': { name: 'vSphere Data Recovery / VDP', requester: 'vmware', backupType: 'copy', truncation: VMWARE_COPY, url: 'https://knowledge.broadcom.com/external/article/301541/io.html' },
	'vsphere': { name: 'a vSphere-based backup (VMware Tools quiescing)', requester: 'vmware', backupType: 'copy', truncation: VMWARE_COPY, url: 'https://knowledge.broadcom.com/external/article/301541/io.html' },
	// Its snapshots are quiesced only when VM_SNAPSHOT_QUIESCE = 1 (the default is 0: crash-consistent).
	'ghettovcb': {
		name: 'ghettoVCB',
		requester: 'vmware',
		backupType: 'copy',
		truncation: VMWARE_COPY,
		url: 'https://github.com/lamw/ghettoVCB',
		// ghettoVCB.sh's own call (name, description, memory, quiesce), whose output it sends to /dev/null.
		snapshotCommand: 'vim-cmd vmsvc/snapshot.create <vmid> test test 0 1',
	},
	'bacula': {
		name: 'Bacula / Bareos',
		requester: 'guest',
		backupType: 'configurable',
		truncation: 'the Windows file daemon asks for a full VSS backup only for its application plugins; plain file jobs and the vSphere plugin (VMware Tools quiescing, VSS_BT_COPY) leave the logs',
		url: 'https://docs.bareos.org/TasksAndConcepts/TheWindowsVersionOfBareos.html',
	},
	'burp': {
		name: 'Burp',
		requester: 'guest',
		backupType: 'configurable',
		truncation: "the Windows client takes a shadow copy of the volumes for their open files only (Bacula's VSS code); it backs up no SQL Server or Exchange component, so keep the applications' own log backups",
		url: 'https://burp.grke.org/docs/windows.html',
	},
	'activeimage': { name: 'ActiveImage Protector', requester: 'guest', backupType: 'copy', truncation: "image backups use a VSS copy backup: keep the application's own log backups", url: 'https://www.actiphy.com/en-us/' },
	'macrium': {
		name: 'Macrium Reflect',
		requester: 'guest',
		backupType: 'configurable',
		truncation: "image and file backups ask for a VSS copy backup unless the definition's advanced properties enable 'VSS Full backup'",
		url: 'https://knowledge.macrium.com/',
	},
	// Its Windows snapshots (AlphaVSS) set `SetBackupState(false, true, VssBackupType.Full, false)`: a full backup, no component selected.
	'duplicati': {
		name: 'Duplicati',
		requester: 'guest',
		backupType: 'full',
		truncation: "Duplicati's Windows snapshots ask VSS for VSS_BT_FULL without selecting any writer's components; it backs up files, no SQL Server or Exchange component, so keep the applications' own log backups",
		url: 'https://github.com/duplicati/duplicati/blob/master/Duplicati/Library/Snapshots/Windows/AlphaVssBackup.cs',
	},
	'axcient': { name: 'Axcient / eFolder Backup for Files', requester: 'guest', backupType: 'copy', truncation: "open-file backups only need a consistent snapshot; keep the application's own log backups", url: 'https://help.axcient.com/' },
	'backup-exec': {
		name: 'Veritas Backup Exec',
		requester: 'guest',
		backupType: 'configurable',
		truncation: 'the Agent for SQL Server / Exchange truncates logs in Full and Log backup methods; "Copy" methods and VM-level jobs without Granular Recovery do not',
		url: 'https://www.veritas.com/support/en_US/doc/backup-exec',
	},
	'netbackup': {
		name: 'Veritas NetBackup',
		requester: 'guest',
		backupType: 'configurable',
		truncation: "Windows Open File Backup snapshots the files only: SQL Server and Exchange logs are truncated by the NetBackup for SQL Server / Exchange agents' own full and log backups",
		url: 'https://www.veritas.com/support/en_US/doc/netbackup',
	},
	'tsm': {
		name: 'IBM Spectrum Protect (TSM)',
		requester: 'vmware',
		backupType: 'configurable',
		truncation: 'Data Protection for VMware asks for VSS_BT_COPY unless in-guest application protection (INCLUDE.VMTSMVSS) truncates the logs',
		url: 'https://www.ibm.com/docs/en/spectrum-protect',
	},
	'avamar': {
		name: 'Dell Avamar',
		requester: 'guest',
		backupType: 'configurable',
		truncation: "image-level Hyper-V backups ask the guests for a VSS copy backup (the log's 'Copy' guest backup type), which leaves SQL Server and Exchange logs untruncated: truncate them with the application plug-ins' own backups",
		url: 'https://www.dell.com/support/kbdoc/en-us/000044579',
	},
	'azure-backup': {
		name: 'Azure VM Backup',
		requester: 'guest',
		backupType: 'configurable',
		truncation:
			'Azure Backup takes a VSS full backup of a Windows VM unless the VM is set to copy backups (`HKLM\\SOFTWARE\\Microsoft\\BCDRAGENT`, value `USEVSSCOPYBACKUP` = `TRUE`); SQL Server and Exchange logs are truncated by the full backup, or by their own log backups when copy backups are set',
		url: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot',
	},
	'dpm': {
		name: 'System Center DPM',
		requester: 'guest',
		backupType: 'configurable',
		truncation: "DPM's agent truncates SQL Server logs with its synchronisations of databases in the full or bulk-logged recovery model, and Exchange logs after an express full backup; a copy-only or saved-state Hyper-V backup leaves the guest's logs",
		url: 'https://learn.microsoft.com/system-center/dpm/troubleshoot-dpm',
	},
	'proxmox': {
		name: 'Proxmox VE (vzdump)',
		requester: 'kvm',
		backupType: 'configurable',
		truncation: QEMU_GA_TRUNCATION,
		url: 'https://pve.proxmox.com/wiki/VM_Backup_Consistency',
		agentCommands: { ping: 'qm agent <vm> ping', freeze: 'qm guest cmd <vm> fsfreeze-freeze', thaw: 'qm guest cmd <vm> fsfreeze-thaw' },
		agentFreezeFailure: 'goes-on',
	},
	'libvirt': {
		name: 'libvirt (QEMU guest agent)',
		requester: 'kvm',
		backupType: 'configurable',
		truncation: QEMU_GA_TRUNCATION,
		url: 'https://libvirt.org/manpages/virsh.html#domfsfreeze',
		agentCommands: { ping: `virsh qemu-agent-command <vm> '{"execute":"guest-ping"}'`, freeze: 'virsh domfsfreeze <vm>', thaw: 'virsh domfsthaw <vm>' },
		// `virsh snapshot-create --quiesce` fails when the freeze does.
		agentFreezeFailure: 'no-snapshot',
	},
	'ovirt': {
		name: 'oVirt / RHV (vdsm)',
		requester: 'kvm',
		backupType: 'configurable',
		truncation: QEMU_GA_TRUNCATION,
		url: 'https://www.ovirt.org/documentation/',
		agentCommands: { ping: `virsh -r qemu-agent-command <vm> '{"execute":"guest-ping"}'`, freeze: 'virsh domfsfreeze <vm>', thaw: 'virsh domfsthaw <vm>' },
		// vdsm logs the failed freeze as a warning and takes the snapshot without it.
		agentFreezeFailure: 'goes-on',
	},
	'virtnbdbackup': {
		name: 'virtnbdbackup (libvirt)',
		requester: 'kvm',
		backupType: 'configurable',
		truncation: QEMU_GA_TRUNCATION,
		url: 'https://github.com/abbbi/virtnbdbackup',
		agentCommands: { ping: `virsh qemu-agent-command <vm> '{"execute":"guest-ping"}'`, freeze: 'virsh domfsfreeze <vm>', thaw: 'virsh domfsthaw <vm>' },
		// Its freeze helper logs libvirt's error as a warning and returns; the backup goes on unfrozen.
		agentFreezeFailure: 'goes-on',
	},
	'acronis': {
		name: 'Acronis',
		requester: 'guest',
		backupType: 'configurable',
		truncation: 'Acronis truncates SQL Server logs only with its "Log truncation" option (application backup), and Exchange and other writers\' logs only when its VSS option "Enable VSS full backup" is on; otherwise the logs stay',
		url: 'https://www.acronis.com/en-us/support/documentation/CyberProtectionService/volume-shadow-copy-service-for-virtual-machines.html',
	},
	// Altaro VM Backup, renamed Hornetsecurity VM Backup (2023): a Hyper-V host's backup through production checkpoints (RCT).
	'altaro': {
		name: 'Altaro VM Backup (Hornetsecurity)',
		requester: 'hyper-v',
		backupType: 'configurable',
		truncation:
			"an application-consistent Hyper-V backup runs VSS in the guest through the VM's production checkpoint; Exchange logs are truncated only when the product's log truncation option is on, and a crash-consistent backup quiesces and truncates nothing: keep the applications' own log backups",
		url: 'https://www.hornetsecurity.com/en/services/vm-backup/',
	},
	'xenserver': {
		name: 'XenServer (quiesced snapshot)',
		requester: 'guest',
		backupType: 'configurable',
		truncation: "the XenServer VSS provider's shadow copy is a copy of the volumes: truncate SQL Server and Exchange logs with the applications' own log backups",
		url: 'https://xapi-project.github.io/xen-api/',
	},
	'agent': {
		name: 'a backup agent',
		requester: 'guest',
		backupType: 'configurable',
		truncation: 'check whether the product asks for a full or a copy VSS backup: only a full backup lets SQL Server and Exchange truncate their logs',
		url: 'https://learn.microsoft.com/windows/win32/api/vss/ne-vss-vss_backup_type',
	},
} satisfies Record<string, ProductInfo>;

/** A product the readers name. */
export type ProductId = keyof typeof PRODUCTS;

/** The product record of an id a record carries (the generic agent when unknown). */
export const productInfo = (id: string | null): ProductInfo => PRODUCTS[(id ?? 'agent') as ProductId] ?? PRODUCTS.agent;

/**
 * The name an attempt's `requester` gives a product: its own name, except where the record's product is no
 * product by name. A vSphere message is a host quiesced snapshot, whose requester inside the guest is VMware
 * Tools; the generic agent reader does not know which product it read.
 */
export function requesterName(id: string | null): string | null {
	if (id === 'vsphere') return VMWARE_TOOLS;
	if (id === null || id === 'agent' || !(id in PRODUCTS)) return null;
	return PRODUCTS[id as ProductId].name;
}

/** The requester of a host quiesced snapshot. */
export const VMWARE_TOOLS = 'VMware Tools';

/** Windows event providers that are a requester of their own (lower case), by the product id they stand for. */
export const REQUESTER_PROVIDERS: Readonly<Record<string, ProductId>> = {
	'microsoft-windows-backup': 'windows-server-backup',
	'microsoft-windows-hyper-v-vmms': 'hyper-v-vmms',
};

/**
 * Whether a code is one of Windows Server Backup's (wbengine, `0x8078…`, facility 0x078) or Windows Backup's
 * (sdclt, `0x8100…`): their own codes, which no other requester prints, so a line with one is theirs.
 */
export const isWindowsBackupCode = (code: string): boolean => /^0x(?:8078|8100)[0-9A-F]{4}$/i.test(code);

/** A code a backup product prints that is not a VSS HRESULT, or whose requester-side reading matters. */
export interface ProductCode {
	/** Symbolic name where one exists. */
	name: string | null;
	/** What it means, in one line. */
	meaning: string;
	/** Where the code and its meaning come from. */
	source: string;
	/**
	 * The product (a PRODUCTS id) the code says ran the backup for the one that prints it: DPM's 30229 reports
	 * that Windows Server Backup on the protected computer failed, so that requester's own reports are the same try.
	 */
	delegate?: string;
	/**
	 * The product's own code says more than the Windows code printed beside it (DPM's 2033 around a CRC data
	 * error, 30216 around E_FAIL): its advice comes first. A VSS code beside it keeps its own advice.
	 */
	adviceFirst?: boolean;
	/**
	 * The code reports a backup that went on without quiescing: the product could not make the snapshot
	 * application-consistent and backed the VM up crash-consistent (a warning, not a failure: its try succeeded,
	 * unquiesced). Its value is the product (a PRODUCTS id) that prints it: Altaro's RCTCONTROLLER_011.
	 */
	crashFallback?: string;
}

const WSB = 'https://learn.microsoft.com/troubleshoot/windows-server/backup-and-storage';
const JAPAN = 'https://jpwinsup.github.io/blog/2018/08/07/Storage/Backup/SystemStateBackupFailed/';

/**
 * The return codes of Hyper-V's WMI methods and jobs (Msvm_VirtualSystemSnapshotService.CreateSnapshot and the
 * other Msvm_* services document the same list): what a requester on a Hyper-V host prints when the host's
 * checkpoint or backup job fails. The VMMS event logged at the same time (Hyper-V-VMMS Admin) says why.
 */
function hyperVJobCodes(): Record<string, ProductCode> {
	const source = 'https://learn.microsoft.com/windows/win32/hyperv_v2/createsnapshot-msvm-virtualsystemsnapshotservice';
	const meanings: Readonly<Record<number, string>> = {
		32768: 'Hyper-V: the WMI job failed (a generic failure: the Hyper-V-VMMS Admin event at that time names the cause)',
		32769: 'Hyper-V: access denied to the WMI job (the account, or the VM files’ permissions)',
		32770: "Hyper-V: the operation is not supported for this virtual machine's configuration (its disks, its group or its state)",
		32771: 'Hyper-V: the status of the WMI job is unknown',
		32772: 'Hyper-V: the WMI job timed out',
		32773: 'Hyper-V: an invalid parameter was passed to the WMI job',
		32774: 'Hyper-V: the system is in use (another operation on the virtual machine is under way)',
		32775: 'Hyper-V: invalid state for this operation (the virtual machine, or another one sharing its disks, is in a state that does not allow it)',
		32776: 'Hyper-V: incorrect data type passed to the WMI job',
		32777: 'Hyper-V: the system is not available',
		32778: 'Hyper-V: out of memory',
		32779: 'Hyper-V: a file was not found',
	};
	return Object.fromEntries(Object.entries(meanings).map(([code, meaning]) => [`${HYPERV_JOB_PREFIX}${code}`, { name: null, meaning, source }]));
}

/** The report form of a Hyper-V WMI job code (`job error 32768`): the prefix before its number. */
export const HYPERV_JOB_PREFIX = 'job error ';

/** The report form of a System Center DPM error id (`DPM ID 30111`): the prefix before its number. */
export const DPM_ID_PREFIX = 'DPM ID ';

/**
 * Codes by their report form: `0x` + 8 upper-case hex for 32-bit codes, the signed decimal (`-1022`) for ESE
 * and vSphere Data Recovery errors. Appended per product; keys are unique across products.
 */
export const PRODUCT_CODES: Readonly<Record<string, ProductCode>> = {
	// Windows Server Backup / Windows Backup (wbadmin, events 517/521/546/547)
	'0x80780049': { name: null, meaning: 'none of the items included in the backup were backed up (Windows Server Backup); its error log Backup_Error-*.log names the item that failed', source: JAPAN },
	'0x81000019': {
		name: null,
		meaning: 'a shadow copy could not be created (Windows Backup); the writer or VSS error in the same report is the cause',
		source: 'Windows Backup error details (Windows 7 / Server 2008 R2): "Shadow copy creation failed because of error reported by <writer>"',
	},
	'0x80780034': {
		name: null,
		meaning: 'Windows Backup could not create the shadow copy on the backup storage location (Windows Server Backup); the VSS or VolSnap error logged at the same time says why',
		source: "Windows Server Backup's message for the code, as its events print it (Japanese build: 'Windows バックアップで保存場所にシャドウ コピーを作成できませんでした')",
	},
	'0x8078011E': {
		name: null,
		meaning:
			'Windows Backup could not get an exclusive lock on the EFI System Partition (ESP) for a bare-metal or system-state backup: another process held the partition at that moment (security or other backup software, or a random clash of scheduled runs); the volumes themselves were not the problem',
		source: "Windows Server Backup's event 517/518 text for the code, 'Windows Backup failed to get an exclusive lock on the EFI System Partition (ESP)' (quoted, with the code, in a French troubleshooting article: https://fr.ittrip.xyz/windows/windows-server/wsb-0x8078011e-fix)",
	},
	'0x81000037': {
		name: null,
		meaning:
			'Windows Backup failed while reading from the shadow copy of one of the volumes it backs up (Windows 7 Backup and Restore); a library folder that is a reparse point to another location, or one under it, is one documented cause (remove it from the library)',
		source: 'Microsoft support, "How to troubleshoot Windows Backup and Restore issues when a reparse point folder or its subfolder is added to a user library in Windows 7" (https://support.microsoft.com/topic/e63576a2-22c9-8e90-bdde-e51a9e8e1893)',
	},
	'0x8078002A': { name: null, meaning: 'the backup storage location is not available or not accessible (Windows Server Backup)', source: WSB },
	'0x80780021': {
		name: null,
		meaning: "creation of the shared protection point (the backup's shadow copy) timed out (Windows Server Backup): VSS did not finish the shadow copy in time; the writers and the VSS and VolSnap events of that time say which part stalled",
		source: WSB,
	},
	'0x807800C5': {
		name: null,
		meaning: 'a failure occurred while preparing the backup image of a volume (Windows Server Backup); often the target disk or a VHD in use, or a small source partition (System Reserved) with no room for its shadow copy',
		source: `${WSB}; a Spanish lab write-up of a domain controller's system state backup (the System Reserved partition, 549 MB with little free, given shadow storage on the target volume: the backup then completed)`,
	},
	'0x8078014B': { name: null, meaning: 'Windows Server Backup found no volume to back up on the system (the selection resolved to nothing)', source: WSB },
	'0x8078012D': {
		name: null,
		meaning:
			'the operation failed because of a device error on the backup\'s source or target (Windows Server Backup / Windows Backup): run `CHKDSK /R` on the volumes involved and check the disk and its connection (an external disk), then retry; the code under the message\'s "Additional information" is the underlying error',
		source: "Windows Backup's message for the code: 'The operation failed due to a device error encountered with either the source or the destination. If the source or destination volume is on a disk, run CHKDSK /R on the volume, and then try the operation again.' (quoted in Japanese, with the code, by https://freesoft.tvbok.com/tips/pc/0x8078012d0x-80070450.html)",
	},
	// Backup Exec (UMI V-79-…)
	...BACKUP_EXEC_CODES,
	// Azure VM Backup, by its error code's constant name
	...AZURE_BACKUP_CODES,
	// XenServer's quiesced snapshot, by XAPI's constant name
	...XAPI_QUIESCE_CODES,
	// Altaro / Hornetsecurity VM Backup, by its own code (`(Error code 'RCTCONTROLLER_011')`)
	'RCTCONTROLLER_011': {
		name: null,
		crashFallback: 'altaro',
		meaning: "Altaro VM Backup: the VM's backup checkpoint is not application-consistent (Hyper-V could not run VSS inside the guest, so no production checkpoint), and the backup went on crash-consistent",
		source: 'Altaro support, "The backup snapshot for this VM is not application consistent. The backup will proceed in crash-consistent mode. (Error code \'RCTCONTROLLER_011\')" (Windows Server 2016 hosts or newer; copied at https://www.appuntidallarete.com/altaro-the-backup-snapshot-for-this-vm-is-not-application-consistent-the-backup-will-proceed-in-crash-consistent-mode-error-code-rctcontroller_011/)',
	},
	// ESE (Exchange, Active Directory, Windows Search) as backup reports print them
	'-1018': {
		name: 'JET_errReadVerifyFailure',
		meaning: 'ESE: a page checksum did not match while the database was read for backup (database damage or storage fault)',
		source: 'https://learn.microsoft.com/windows/win32/extensible-storage-engine/extensible-storage-engine-error-codes',
	},
	'-1022': {
		name: 'JET_errDiskIO',
		meaning: 'ESE: a disk I/O error while the database or its logs were read (storage, driver or antivirus locking the files)',
		source: 'https://learn.microsoft.com/windows/win32/extensible-storage-engine/extensible-storage-engine-error-codes',
	},
	'-528': {
		name: 'JET_errMissingLogFile',
		meaning: 'ESE: a transaction log file the database or its backup needs is missing (deleted or moved outside the application, often by an antivirus that flagged it); the log chain is broken',
		source: 'https://learn.microsoft.com/windows/win32/extensible-storage-engine/extensible-storage-engine-error-codes',
	},
	'-614': {
		name: 'JET_errCheckpointDepthTooDeep',
		meaning:
			'ESE: too many log generations are outstanding between the checkpoint and the current log (the limit of uncommitted logs): the database is dismounted; a backup that holds the logs for hours (a long streaming backup overlapping online maintenance) is a known cause',
		source: 'https://learn.microsoft.com/windows/win32/extensible-storage-engine/extensible-storage-engine-error-codes; https://github.com/pingfu/pingfu.github.io/blob/022f402e64be12e4bf37f91b025337ebb73f88dd/_posts/2011-07-20-exchange-2003-and-0xFFFFFD9A.markdown',
	},
	'-2403': { name: 'JET_errOSSnapshotNotAllowed', meaning: 'ESE: a snapshot is not allowed now (another backup or a recovery is in progress, or log files were moved or deleted by hand)', source: 'https://mskb.pkisolutions.com/kb/933779' },
	// vSphere Data Recovery / VDP
	// NetBackup's job status, as bpbkar's `EXIT STATUS n` prints it (the key is the report's `status n`).
	'status 156': {
		name: null,
		meaning: "NetBackup: snapshot error encountered — the snapshot of the client's volumes (Windows Open File Backup with VSS or VSP) failed; most often its cache (the VSS shadow copy storage, or VSP's cache file) ran out of space",
		source: 'http://seer.entsupport.symantec.com/docs/276739.htm',
	},
	// Acronis' own codes (module and code in one number, as its console's CODE line prints them; formats/backup/acronis.ts)
	'0x015D070A': {
		name: null,
		meaning: "Acronis: the shadow copy of a volume could not be created for the application backup (its VSS snapshot for SQL Server or Exchange failed): the VSS errors in the Application log, the writers' states and the shadow storage say why",
		source: 'https://forum.acronis.com/forum/acronis-cyber-protect-cloud-forum/ms-sql-backup-failed (Acronis product manager: VSS failed to make the snapshot; check the VSS events, the SQL writer and DiskShadow)',
	},
	'0x015D06B1': {
		name: null,
		meaning: "Acronis: the application backup's shadow copy operation failed (CreateVssSnapshot); the records under it name the cause, often a Windows code from the agent's own snapshot components",
		source: 'https://forum.acronis.com/forum/acronis-backup-cloud-forum/class-not-registered (error 1713, module 349, above `Class not registered`; repairing or updating the agent fixed it)',
	},
	// Dell Avamar plug-in log codes, as the log prints them (`avhypervvss Error <43426>: …`)
	'<43426>': {
		name: null,
		meaning: "Dell Avamar Hyper-V plug-in: the VM's backup checkpoint could not be created, so the VM is skipped (winclustersvc.log and the host's Hyper-V-VMMS log say why; an orphaned .avhdx an earlier backup left is a known cause)",
		source: 'https://www.dell.com/support/kbdoc/en-us/000044579',
	},
	// IBM Spectrum Protect (TSM) client messages, by their ANS id (a server log's ANE copy has the same number)
	'ANS4251W': {
		name: null,
		meaning: "IBM Spectrum Protect: a file a VSS writer (named first, most often the System Writer) lists for the backup does not exist — for the System Writer the binary a service's or driver's ImagePath names, left behind when its program was removed",
		source: 'https://github.com/openhardwaremonitor/openhardwaremonitor/issues/1048; http://www-01.ibm.com/support/docview.wss?uid=swg1IC67043 (APAR IC65828: files the System Writer reports that do not exist)',
	},
	// System Center DPM (and Azure Backup Server) alerts and job errors, by the id DPM prints (`(ID 30112 Details: …)`);
	// the key is the report's `DPM ID n`.
	[`${DPM_ID_PREFIX}30111`]: {
		name: null,
		meaning: 'DPM: the VSS writer of the application or the VSS provider on the protected computer is in a bad state (it was already, or entered it during the job); the code in the details names the failure',
		source: 'System Center DPM alert ID 30111 (https://wiki.eidolf.de/index.php?title=DPM_Fehlermeldungen)',
	},
	[`${DPM_ID_PREFIX}30112`]: {
		name: null,
		meaning: "DPM: a retryable VSS error on the protected computer (a writer's transient failure); for Hyper-V host backups also a VSS hardware provider that does not support autorecovery",
		source: 'Microsoft KB 2462424, "A DPM 2010 initiated Hyper-V backup using a child partition for a guest fails with error 30112" (MicrosoftDocs/SupportArticles-docs)',
	},
	[`${DPM_ID_PREFIX}30229`]: {
		name: null,
		meaning: "DPM: Windows Server Backup on the protected computer failed the system state or bare-metal backup DPM asked it for; DPM's message names WSB's event and error code",
		source: 'System Center DPM alert ID 30229 (https://wiki.eidolf.de/index.php?title=DPM_Fehlermeldungen)',
		delegate: 'windows-server-backup',
	},
	[`${DPM_ID_PREFIX}2033`]: {
		name: null,
		adviceFirst: true,
		meaning:
			"DPM: reading a file of the protected data (through its shadow copy) failed with the Windows error in the details; a data error (CRC, 0x80070017) means the file itself is corrupt — for Exchange a transaction log, on the protected server or in DPM's replica",
		source: 'Microsoft support article 10061, "Troubleshoot Exchange protection and recovery issues in Data Protection Manager" (MicrosoftDocs/SupportArticles-docs)',
	},
	[`${DPM_ID_PREFIX}30146`]: {
		name: null,
		adviceFirst: true,
		meaning: "DPM: the consistency check of an Exchange database's logs failed (the replica is inconsistent); the ESE error in the details says why — -528 is a missing log file, often one an antivirus deleted",
		source: 'Microsoft support article 10061, "Troubleshoot Exchange protection and recovery issues in Data Protection Manager" (MicrosoftDocs/SupportArticles-docs)',
	},
	[`${DPM_ID_PREFIX}30216`]: {
		name: null,
		adviceFirst: true,
		meaning: "DPM: a gap in an Exchange database's transaction log chain since the last synchronisation (logs truncated or removed outside DPM); an express full backup starts a new chain",
		source: 'Microsoft support article 10061, "Troubleshoot Exchange protection and recovery issues in Data Protection Manager" (MicrosoftDocs/SupportArticles-docs)',
	},
	[`${DPM_ID_PREFIX}32612`]: {
		name: null,
		meaning: 'DPM: the Cluster Shared Volume could not be prepared for backup because another backup using the same CSV is in progress (host-level backups of VMs on one CSV, not serialised)',
		source: 'Microsoft KB 2549533, "A host level backup fails with error 0x8007173D in System Center Data Protection Manager 2010" (MicrosoftDocs/SupportArticles-docs)',
	},
	// Hyper-V's WMI job results (Msvm_* methods: checkpoints, backups), as Hyper-V hosts' requesters print them
	// (`Error code: '32768'`); the key is the report's `job error n`.
	...hyperVJobCodes(),
	'-3960': { name: null, meaning: 'vSphere Data Recovery: the quiesced snapshot of the VM failed (cannot quiesce virtual machine)', source: 'https://knowledge.broadcom.com/external/article/301541/io.html' },
};

/** A code the product table knows, by report form. */
export const productCode = (code: string | null): ProductCode | undefined => (code === null ? undefined : PRODUCT_CODES[code]);

/**
 * The system message texts (FormatMessage, English) of the VSS writer-error HRESULTs, as requesters print
 * them instead of the code ("Error: The writer experienced a non-transient error."). A lookup of known output:
 * a text not listed leaves the HRESULT unknown. Longer texts first, so "non-transient" is not read as "transient".
 */
export const WRITER_FAILURE_TEXTS: readonly (readonly [string, string])[] = [
	['writer experienced a non-transient error', '0x800423F4'],
	['writer experienced a transient error', '0x800423F3'],
	['time-out between the Freeze and Thaw events', '0x800423F2'],
	['writer ran out of memory or other system resources', '0x800423F1'],
	['contains only a subset of the volumes needed by the writer', '0x800423F0'],
];

/** The writer-error HRESULT a requester's text spells out in words, or null. */
export const writerFailureOfText = (text: string): string | null => WRITER_FAILURE_TEXTS.find(([t]) => text.includes(t))?.[1] ?? null;
