/**
 * Linux errno values a file-system freeze can fail with, as the VMware Tools sync driver prints them
 * (open-vm-tools `lib/syncDriver/syncDriverLinux.c`: `failed to freeze '<path>': <n> (<strerror>)`). The
 * texts are glibc's `strerror()` in the C locale: vmtoolsd runs as a service without a user locale, so they
 * are the same English words on every guest; a line that prints the number is read by the number.
 */

/** Why a freeze of one mount fails, by errno (see the rule QL104 for the advice each leads to). */
export type FreezeCause = 'busy' | 'unsupported' | 'no-ioctl' | 'invalid' | 'access' | 'io';

interface ErrnoInfo {
	errno: number;
	name: string;
	/** glibc's strerror text (older glibc variants too). */
	texts: readonly string[];
	cause: FreezeCause | null;
}

const ERRNOS: readonly ErrnoInfo[] = [
	{ errno: 1, name: 'EPERM', texts: ['Operation not permitted'], cause: 'access' },
	{ errno: 2, name: 'ENOENT', texts: ['No such file or directory'], cause: null },
	{ errno: 5, name: 'EIO', texts: ['Input/output error'], cause: 'io' },
	{ errno: 6, name: 'ENXIO', texts: ['No such device or address'], cause: null },
	{ errno: 13, name: 'EACCES', texts: ['Permission denied'], cause: 'access' },
	// FIFREEZE on a superblock already frozen (fsfreeze, another backup agent, a bind mount of a frozen fs).
	{ errno: 16, name: 'EBUSY', texts: ['Device or resource busy'], cause: 'busy' },
	{ errno: 19, name: 'ENODEV', texts: ['No such device'], cause: null },
	{ errno: 20, name: 'ENOTDIR', texts: ['Not a directory'], cause: null },
	// FIFREEZE on a file system without a block device to freeze (e.g. a loop or pseudo file system).
	{ errno: 22, name: 'EINVAL', texts: ['Invalid argument'], cause: 'invalid' },
	// The kernel or the file system has no FIFREEZE ioctl at all.
	{ errno: 25, name: 'ENOTTY', texts: ['Inappropriate ioctl for device'], cause: 'no-ioctl' },
	{ errno: 30, name: 'EROFS', texts: ['Read-only file system'], cause: null },
	{ errno: 38, name: 'ENOSYS', texts: ['Function not implemented'], cause: 'no-ioctl' },
	// The file system type cannot be frozen (NFS, CIFS, FUSE …).
	{ errno: 95, name: 'EOPNOTSUPP', texts: ['Operation not supported'], cause: 'unsupported' },
	{ errno: 110, name: 'ETIMEDOUT', texts: ['Connection timed out'], cause: 'io' },
	{ errno: 116, name: 'ESTALE', texts: ['Stale file handle', 'Stale NFS file handle'], cause: 'unsupported' },
];

const BY_NUMBER = new Map(ERRNOS.map((e) => [e.errno, e]));
const BY_TEXT = new Map(ERRNOS.flatMap((e) => e.texts.map((t) => [t.toLowerCase(), e] as const)));

/** An errno as a sync-driver line gives it: number, name and strerror text (null when not known). */
export interface Errno {
	errno: number | null;
	errnoName: string | null;
	errorText: string | null;
	cause: FreezeCause | null;
}

/** Reads `16 (Device or resource busy)`, `16` or `Device or resource busy.`; null when it is neither. */
export function readErrno(text: string): Errno | null {
	const t = text.trim().replace(/\.$/, '');
	const m = /^(\d{1,4})(?: \((.{1,80})\))?$/.exec(t);
	if (m) {
		const info = BY_NUMBER.get(Number(m[1]));
		return { errno: Number(m[1]), errnoName: info?.name ?? null, errorText: m[2] ?? info?.texts[0] ?? null, cause: info?.cause ?? null };
	}
	const info = BY_TEXT.get(t.toLowerCase());
	return info ? { errno: info.errno, errnoName: info.name, errorText: t, cause: info.cause } : null;
}

/** Why a freeze failed with this errno, or null when the number says nothing about freezing. */
export const errnoCause = (errno: number | null): FreezeCause | null => (errno === null ? null : (BY_NUMBER.get(errno)?.cause ?? null));
