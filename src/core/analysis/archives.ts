import { unzipSync } from 'fflate';
import * as zlib from 'zlib';

/** An archive container recognised by its magic bytes (never by the file name). */
export type ArchiveKind = 'zip' | 'gzip' | 'tar';

/** A member of an archive, already in memory. */
export interface Member {
	/** Path inside the archive, `/` separators, no leading `/` or `..` segments. */
	name: string;
	bytes: Uint8Array;
}

/** Limits that keep a hostile or huge archive from exhausting memory (bytes and counts). */
export interface ArchiveLimits {
	/** Largest member, uncompressed. */
	maxMemberBytes: number;
	/** Most bytes one archive may expand to. */
	maxTotalBytes: number;
	maxEntries: number;
}

export class ArchiveError extends Error {}

/** What container the bytes are, from their first bytes. */
export function sniffArchive(bytes: Uint8Array): ArchiveKind | null {
	if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06)) return 'zip';
	if (bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08) return 'gzip';
	// POSIX/GNU tar: "ustar" at offset 257 of the first 512-byte header.
	if (bytes.length >= 512 && String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar') return 'tar';
	return null;
}

/**
 * Normalises a member path for the report (`a/b/c`); null for entries that are not regular files we
 * may read: folders, absolute or `..` paths (never resolved against the disk — nothing is extracted).
 */
export function safeMemberName(raw: string): string | null {
	const parts = raw.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
	if (parts.length === 0 || raw.endsWith('/') || parts.includes('..') || /^[A-Za-z]:$/.test(parts[0])) return null;
	return parts.join('/');
}

/** The members of a zip file, inflated in memory within the limits. */
export function readZip(bytes: Uint8Array, limits: ArchiveLimits): { members: Member[]; skipped: string[] } {
	const skipped: string[] = [];
	let entries = 0, total = 0;
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes, {
			filter: (f) => {
				entries++;
				const name = safeMemberName(f.name);
				if (name === null) {
					if (!f.name.endsWith('/')) skipped.push(`'${f.name}' (unsafe path)`);
					return false;
				}
				if (entries > limits.maxEntries) { skipped.push(`'${f.name}' (over ${limits.maxEntries} entries)`); return false; }
				if (f.originalSize > limits.maxMemberBytes) { skipped.push(`'${f.name}' (${f.originalSize} bytes, over the per-file limit)`); return false; }
				if (total + f.originalSize > limits.maxTotalBytes) { skipped.push(`'${f.name}' (the archive's total limit is reached)`); return false; }
				total += f.originalSize;
				return true;
			},
		});
	} catch (e) {
		throw new ArchiveError(`The zip archive cannot be read (${(e as Error).message}): it may be corrupt or encrypted.`);
	}
	const members = Object.entries(files).map(([raw, data]) => ({ name: safeMemberName(raw)!, bytes: data }));
	return { members, skipped };
}

/** Decompresses a gzip stream, refusing to produce more than `maxBytes`. */
export function gunzip(bytes: Uint8Array, maxBytes: number): Uint8Array {
	try {
		return zlib.gunzipSync(bytes, { maxOutputLength: maxBytes });
	} catch (e) {
		const err = e as NodeJS.ErrnoException;
		if (err.code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|maxOutputLength/i.test(err.message)) {
			throw new ArchiveError(`The gzip data expands to more than the per-file limit of ${maxBytes} bytes.`);
		}
		throw new ArchiveError(`The gzip data cannot be read (${err.message}): it may be truncated or corrupt.`);
	}
}

const BLOCK = 512;
const text = (b: Uint8Array, from: number, len: number) => {
	const slice = b.subarray(from, from + len);
	const end = slice.indexOf(0);
	return Buffer.from(end < 0 ? slice : slice.subarray(0, end)).toString('utf8');
};
const octal = (b: Uint8Array, from: number, len: number) => parseInt(text(b, from, len).trim() || '0', 8);

/**
 * The regular files of a tar archive (ustar, GNU long names `L`, pax `x` path records). Links, devices
 * and folders are ignored: nothing is ever created on disk.
 */
export function readTar(bytes: Uint8Array, limits: ArchiveLimits): { members: Member[]; skipped: string[] } {
	const members: Member[] = [];
	const skipped: string[] = [];
	let total = 0, entries = 0;
	let longName: string | null = null;
	for (let off = 0; off + BLOCK <= bytes.length;) {
		const header = bytes.subarray(off, off + BLOCK);
		if (header.every((x) => x === 0)) break; // end-of-archive marker
		const size = octal(header, 124, 12);
		const type = String.fromCharCode(header[156] || 0x30);
		const prefix = text(header, 345, 155);
		const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
		longName = null;
		const dataStart = off + BLOCK;
		if (!Number.isFinite(size) || size < 0 || dataStart + size > bytes.length) {
			throw new ArchiveError(`The tar archive is truncated or corrupt at byte ${off} ('${name}').`);
		}
		const data = bytes.subarray(dataStart, dataStart + size);
		off = dataStart + Math.ceil(size / BLOCK) * BLOCK;
		if (type === 'L') { longName = text(data, 0, data.length); continue; }
		if (type === 'x') { longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(Buffer.from(data).toString('utf8'))?.[1] ?? null; continue; }
		if (type === '1' || type === '2') { skipped.push(`'${name}' (a link: not followed)`); continue; }
		if (type !== '0' && type !== '\0' && type !== '7') continue; // folders, devices, FIFOs
		entries++;
		const safe = safeMemberName(name);
		if (safe === null) { skipped.push(`'${name}' (unsafe path)`); continue; }
		if (entries > limits.maxEntries) { skipped.push(`'${name}' (over ${limits.maxEntries} entries)`); continue; }
		if (size > limits.maxMemberBytes) { skipped.push(`'${name}' (${size} bytes, over the per-file limit)`); continue; }
		if (total + size > limits.maxTotalBytes) { skipped.push(`'${name}' (the archive's total limit is reached)`); continue; }
		total += size;
		members.push({ name: safe, bytes: data });
	}
	return { members, skipped };
}
