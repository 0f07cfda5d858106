import type { ProductCode } from './productCodes';

/**
 * Azure Backup's error codes for a VM's snapshot, as the portal, the job's details and its alerts print them
 * (`Error Code: ExtensionFailedVssWriterInBadState`): constant names, never translated (a Japanese portal
 * keeps them), of the snapshot extension that is the VSS requester inside a Windows VM (and freezes the file
 * systems of a Linux VM). Only the codes of the in-guest snapshot are listed; a code not listed is no code of
 * this table.
 */

const TROUBLESHOOT = 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot';

export const AZURE_BACKUP_CODES: Readonly<Record<string, ProductCode>> = {
	ExtensionFailedVssWriterInBadState: { name: null, meaning: 'Azure VM Backup: the snapshot failed because VSS writers in the VM were in a bad state (`vssadmin list writers` shows which are not [1] Stable)', source: TROUBLESHOOT },
	ExtensionFailedVssServiceInBadState: { name: null, meaning: 'Azure VM Backup: the snapshot failed because the Volume Shadow Copy service (VSS) in the VM was in a bad state', source: TROUBLESHOOT },
	ExtensionSnapshotFailedCOM: { name: null, meaning: 'Azure VM Backup: the snapshot failed because of a COM+ error in the VM (the COM+ System Application or the Distributed Transaction Coordinator service VSS needs)', source: TROUBLESHOOT },
	ExtensionInstallationFailedCOM: {
		name: null,
		meaning: 'Azure VM Backup: the backup extension could not be installed or run because of a COM+ error in the VM (the COM+ System Application or the Distributed Transaction Coordinator service)',
		source: TROUBLESHOOT,
	},
	ExtensionInstallationFailedMDTC: { name: null, meaning: 'Azure VM Backup: the backup extension could not be installed because the Distributed Transaction Coordinator (MSDTC) service in the VM failed', source: TROUBLESHOOT },
	ExtensionSnapshotBitlockerError: {
		name: null,
		meaning: 'Azure VM Backup: VSS could not take the shadow copy because a drive in the VM is locked by BitLocker Drive Encryption (a locked volume cannot be snapshotted)',
		source: TROUBLESHOOT,
	},
	ExtensionFailedTimeoutVMNetworkUnresponsive: {
		name: null,
		meaning: "Azure VM Backup: the snapshot timed out because the VM's network calls were delayed while it was taken (the VM short of CPU, memory or I/O at that time)",
		source: TROUBLESHOOT,
	},
	UserErrorFsFreezeFailed: {
		name: null,
		meaning: 'Azure VM Backup (Linux): the file systems of one or more mount points could not be frozen for a file-system consistent snapshot (often a file system left unclean)',
		source: TROUBLESHOOT,
	},
};

/** One of the codes above, as a whole word. */
export const AZURE_BACKUP_CODE = new RegExp(`\\b(${Object.keys(AZURE_BACKUP_CODES).join('|')})\\b`);
