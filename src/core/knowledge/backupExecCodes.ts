import type { ProductCode } from './productCodes';

/**
 * Backup Exec's own codes around snapshots (VSS and its Advanced Open File Option), as its job log prints
 * them: `Final error: 0xe000fed1 - <text>` / `Error Code: 0xA000971E - <text>`, each with its UMI code
 * `V-79-<high 16 bits>-<low 16 bits>` in decimal (V-79-57344-65233 is 0xE000FED1). One condition comes with a
 * high nibble of E or A (Backup Exec's severity classes), so both spellings are listed. A code not listed is
 * read by the text the product printed after it.
 */

const VERITAS = 'https://www.veritas.com/support/en_US/article.';

export const BACKUP_EXEC_CODES: Readonly<Record<string, ProductCode>> = {
	'0xE000FED1': { name: null, meaning: 'Backup Exec: a failure occurred querying the writer status (a VSS writer is failed; `vssadmin list writers` shows which)', source: 'Backup Exec job log (UMI V-79-57344-65233)' },
	'0xA000FED1': { name: null, meaning: 'Backup Exec: a failure occurred querying the writer status (a VSS writer is failed; `vssadmin list writers` shows which)', source: 'Backup Exec job log (UMI V-79-40960-65233)' },
	'0xE00084AF': { name: null, meaning: 'Backup Exec: the directory or file was not found, or could not be accessed (often the snapshot of one of several volumes snapped together)', source: `${VERITAS}TECH29418` },
	'0xA00084AF': { name: null, meaning: 'Backup Exec: the directory or file was not found, or could not be accessed (often the snapshot of one of several volumes snapped together)', source: `${VERITAS}TECH29418` },
	'0xA000851C': { name: null, meaning: 'Backup Exec Advanced Open File Option: the snapshot provider could not allocate its cache files (disk space on the cache volume)', source: `${VERITAS}TECH29418` },
	'0xE000853E': {
		name: null,
		meaning: "Backup Exec Advanced Open File Option: initialization failure, AOFO's generic error (the UMI code at the end of the job log names the cause)",
		source: 'http://seer.entsupport.symantec.com/docs/326302.htm (UMI V-79-57344-34110)',
	},
	'0xA000971E': {
		name: null,
		meaning: 'Backup Exec: a recovery checkpoint of the Hyper-V VM cannot be created because another recovery checkpoint exists on it (one an earlier job left, or the one Backup Exec 15 FP3 and later keeps between backups)',
		source: `${VERITAS}100031826 (UMI V-79-40960-38686)`,
	},
	'0xA0009723': { name: null, meaning: "Backup Exec: a recovery checkpoint of the Hyper-V VM could not be created (the Hyper-V host's Hyper-V-VMMS log says why)", source: `${VERITAS}100031826 (UMI V-79-40960-38691)` },
	'0xE000FEDD': {
		name: null,
		meaning: "Backup Exec: a failure occurred accessing the object list (the system state's file list the VSS System Writer reports: a service or driver whose ImagePath names a path that does not exist, often one another product installed, breaks it)",
		source: 'https://mikefrobbins.com/2009/12/17/windows-server-2008-system-state-backup-failure/ (UMI V-79-57344-65245)',
	},
	'0xE0008488': { name: null, meaning: 'Backup Exec: access is denied (the logon account lacks the rights the agent needs on the protected server)', source: 'Backup Exec job log (UMI V-79-57344-33928)' },
};

/** Decimal UMI parts `V-79-<high>-<low>`: the Backup Exec code they encode, `0x` + 8 upper-case hex, or null. */
const UMI = /\bV-79-(\d{5})-(\d{1,5})\b/;

/** The code a Backup Exec UMI (`V-79-40960-38686`) stands for (`0xA000971E`), or null for none or an impossible one. */
export function umiCode(text: string): string | null {
	const m = UMI.exec(text);
	if (!m) return null;
	const [high, low] = [Number(m[1]), Number(m[2])];
	if (high > 0xffff || low > 0xffff) return null;
	return `0x${high.toString(16).padStart(4, '0')}${low.toString(16).padStart(4, '0')}`.toUpperCase().replace('0X', '0x');
}
