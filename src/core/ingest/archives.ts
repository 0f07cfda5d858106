import { Gunzip } from 'fflate';
import * as fs from 'fs';
import * as iconv from 'iconv-lite';
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

/**
 * Most a member may expand relative to its compressed size (uncompressed : compressed), once it is
 * over RATIO_FLOOR_BYTES. Text logs deflate 5–30:1; deflate's own ceiling is about 1032:1, reached only
 * by runs of one byte — the stuff of zip bombs.
 */
export const MAX_RATIO = 200;
/** Below this (uncompressed), any ratio is harmless and not checked (1 MiB). */
export const RATIO_FLOOR_BYTES = 1024 * 1024;
/**
 * Longest member name read (characters): far beyond any real path (Linux PATH_MAX is 4096 bytes), and it
 * keeps report paths — which exclusion globs are matched against — short.
 */
export const MAX_NAME_CHARS = 1024;
/** Per-member problems kept per archive; the rest are counted in one line (a bomb of a million entries gives one problem, not a million). */
const MAX_SKIPPED_LINES = 100;

export class ArchiveError extends Error {}

/** What container the bytes are, from their first bytes. */
export function sniffArchive(bytes: Uint8Array): ArchiveKind | null {
	if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06)) return 'zip';
	if (bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08) return 'gzip';
	// POSIX/GNU tar: "ustar" at offset 257 of the first 512-byte header.
	if (bytes.length >= 512 && USTAR.every((b, i) => bytes[257 + i] === b)) return 'tar';
	return null;
}

/** A tar header's magic, as bytes: compared in place (a Buffer and a string made for every file read took 95 ms of the 50 MB `files` bundle's 7,490). */
const USTAR = [...Buffer.from('ustar', 'latin1')];

/**
 * Normalises a member path for the report (`a/b/c`); null for entries that are not regular files we
 * may read: folders, absolute or `..` paths (never resolved against the disk — nothing is extracted).
 */
export function safeMemberName(raw: string): string | null {
	const parts = raw
		.replace(/\\/g, '/')
		.split('/')
		.filter((p) => p !== '' && p !== '.');
	if (parts.length === 0 || raw.endsWith('/') || parts.includes('..') || /^[A-Za-z]:$/.test(parts[0])) return null;
	return parts.join('/');
}

/** A member name as a problem line shows it: control characters escaped, at most 200 characters. */
function shown(name: string): string {
	// eslint-disable-next-line no-control-regex
	const clean = name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
	return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

/** Collects per-member problems, keeping the first MAX_SKIPPED_LINES and counting the rest. */
class Skipped {
	readonly lines: string[] = [];
	private more = 0;
	add(name: string, why: string): void {
		if (this.lines.length < MAX_SKIPPED_LINES) this.lines.push(`'${shown(name)}' (${why})`);
		else this.more++;
	}
	done(): string[] {
		return this.more > 0 ? [...this.lines, `${this.more} more member(s) with problems`] : this.lines;
	}
}

/** Whether a member may be inflated: the limits, checked on the sizes its headers declare. */
function refusal(size: number, compressed: number, total: number, limits: ArchiveLimits): string | null {
	if (size > limits.maxMemberBytes) return `${size} bytes, over the per-file limit`;
	if (total + size > limits.maxTotalBytes) return "the archive's total limit is reached";
	if (size > RATIO_FLOOR_BYTES && size > compressed * MAX_RATIO) return `expands ${Math.round(size / Math.max(1, compressed))} times, over the ratio limit of ${MAX_RATIO}:1 (a zip bomb?)`;
	return null;
}

const u16 = (b: Buffer, at: number) => b.readUInt16LE(at);
const u32 = (b: Buffer, at: number) => b.readUInt32LE(at);
const u64 = (b: Buffer, at: number) => Number(b.readBigUInt64LE(at));

/** Where the central directory is and how many entries it lists (ZIP64 included). */
function centralDirectory(b: Buffer): { offset: number; entries: number } {
	// The end record is in the last 64 KiB + 22 bytes (its comment is at most 65535 bytes).
	let eocd = -1;
	for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
		if (u32(b, i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw new ArchiveError('The zip archive cannot be read (no end of central directory): it may be truncated or corrupt.');
	let entries = u16(b, eocd + 10);
	let offset = u32(b, eocd + 16);
	if ((entries === 0xffff || offset === 0xffffffff) && eocd >= 20 && u32(b, eocd - 20) === 0x07064b50) {
		const z = u64(b, eocd - 20 + 8);
		if (z + 56 > b.length || u32(b, z) !== 0x06064b50) throw new ArchiveError('The zip archive cannot be read (bad ZIP64 record): it may be truncated or corrupt.');
		entries = u64(b, z + 32);
		offset = u64(b, z + 48);
	}
	if (offset > b.length) throw new ArchiveError('The zip archive cannot be read (its directory is past its end): it may be truncated or corrupt.');
	return { offset, entries };
}

/**
 * The members of a zip file, inflated in memory within the limits, read from the central directory.
 * Sizes are checked before inflating and enforced while inflating (a header may lie). An encrypted,
 * unsupported or corrupt member is a per-member problem; the other members are still read. Throws
 * ArchiveError only when the archive has no readable directory at all.
 */
export function readZip(bytes: Uint8Array, limits: ArchiveLimits): { members: Member[]; skipped: string[] } {
	const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const { offset, entries } = centralDirectory(b);
	const members: Member[] = [];
	const skipped = new Skipped();
	let total = 0,
		files = 0;
	let at = offset;
	for (let n = 0; n < entries; n++) {
		if (at + 46 > b.length || u32(b, at) !== 0x02014b50) {
			skipped.add('(directory)', `the zip directory is damaged after ${n} of ${entries} entries; the rest is not read`);
			break;
		}
		const flags = u16(b, at + 8),
			method = u16(b, at + 10),
			crc = u32(b, at + 16);
		let compressed = u32(b, at + 20),
			size = u32(b, at + 24),
			local = u32(b, at + 42);
		const nameLen = u16(b, at + 28),
			extraLen = u16(b, at + 30),
			commentLen = u16(b, at + 32);
		const rawName = b.subarray(at + 46, at + 46 + nameLen);
		// Bit 11: the name is UTF-8; otherwise it is in the DOS code page.
		const raw = flags & 0x800 ? rawName.toString('utf8') : iconv.decode(rawName, 'cp437');
		({ size, compressed, local } = zip64Sizes(b.subarray(at + 46 + nameLen, at + 46 + nameLen + extraLen), size, compressed, local));
		at += 46 + nameLen + extraLen + commentLen;
		if (raw.length > MAX_NAME_CHARS) {
			skipped.add(raw, `a name over ${MAX_NAME_CHARS} characters`);
			continue;
		}
		const name = safeMemberName(raw);
		if (name === null) {
			if (!raw.endsWith('/')) skipped.add(raw, 'unsafe path');
			continue;
		}
		if (++files > limits.maxEntries) {
			skipped.add(raw, `over ${limits.maxEntries} entries`);
			continue;
		}
		if (flags & 0x1 || method === 99) {
			skipped.add(raw, 'encrypted: not read');
			continue;
		}
		if (method !== 0 && method !== 8) {
			skipped.add(raw, `compression method ${method} is not supported`);
			continue;
		}
		const refused = refusal(size, compressed, total, limits);
		if (refused) {
			skipped.add(raw, refused);
			continue;
		}
		if (local + 30 > b.length || u32(b, local) !== 0x04034b50) {
			skipped.add(raw, 'corrupt: its local header is missing');
			continue;
		}
		const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
		if (start + compressed > b.length) {
			skipped.add(raw, 'truncated: its data runs past the end of the archive');
			continue;
		}
		const packed = b.subarray(start, start + compressed);
		let data: Uint8Array;
		try {
			// maxOutputLength: a member that inflates past the size its header declared is cut off, not trusted.
			data = method === 0 ? packed : zlib.inflateRawSync(packed, { maxOutputLength: Math.max(1, size) });
		} catch (e) {
			skipped.add(raw, `corrupt: ${(e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'it inflates past its declared size' : 'its data cannot be inflated'}`);
			continue;
		}
		if (data.length !== size || zlib.crc32(data) !== crc) {
			skipped.add(raw, 'corrupt: its size or checksum does not match');
			continue;
		}
		total += size;
		members.push({ name, bytes: data });
	}
	return { members, skipped: skipped.done() };
}

/** Sizes and offset from a ZIP64 extra field, for the fields the directory entry set to 0xFFFFFFFF. */
function zip64Sizes(extra: Buffer, size: number, compressed: number, local: number): { size: number; compressed: number; local: number } {
	for (let i = 0; i + 4 <= extra.length;) {
		const id = u16(extra, i),
			len = u16(extra, i + 2);
		if (id === 0x0001) {
			let k = i + 4;
			const next = () => {
				const v = k + 8 <= i + 4 + len && k + 8 <= extra.length ? u64(extra, k) : NaN;
				k += 8;
				return v;
			};
			if (size === 0xffffffff) size = next();
			if (compressed === 0xffffffff) compressed = next();
			if (local === 0xffffffff) local = next();
			break;
		}
		i += 4 + len;
	}
	// NaN (a field announced but missing) fails every limit comparison below as "corrupt".
	return { size: Number.isFinite(size) ? size : Infinity, compressed: Number.isFinite(compressed) ? compressed : 0, local: Number.isFinite(local) ? local : Infinity };
}

/**
 * Decompresses a gzip stream, refusing to produce more than `maxBytes`, or more than MAX_RATIO times
 * its own size once past RATIO_FLOOR_BYTES.
 */
export function gunzip(bytes: Uint8Array, maxBytes: number): Uint8Array {
	const byRatio = Math.max(RATIO_FLOOR_BYTES, bytes.length * MAX_RATIO);
	const maxOutputLength = Math.max(1, Math.min(maxBytes, byRatio));
	try {
		const out = zlib.gunzipSync(bytes, { maxOutputLength, chunkSize: gunzipChunkBytes(bytes, maxOutputLength) });
		// The result is a view of its output chunk: one that the trailer oversized is not kept alive for it.
		return out.byteLength < out.buffer.byteLength / 2 ? Buffer.from(out) : out;
	} catch (e) {
		const err = e as NodeJS.ErrnoException;
		if (err.code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|maxOutputLength/i.test(err.message)) {
			throw new ArchiveError(byRatio < maxBytes ? `The gzip data expands more than ${MAX_RATIO} times its size (a zip bomb?): not read.` : `The gzip data expands to more than the per-file limit of ${maxBytes} bytes.`);
		}
		throw new ArchiveError(`The gzip data cannot be read (${err.message}): it may be truncated or corrupt.`);
	}
}

/**
 * zlib's output chunk for a whole gzip stream (bytes): the size its trailer declares, plus one byte, so
 * that a single-member stream inflates into one chunk. With zlib's 16 KiB default, a 10 MiB rotated log
 * came out as 640 chunks, each allocated and then copied into one buffer: gunzip took about a third less
 * CPU time in one chunk (the `gz` bench bundle's 104 rotations, 250 MB out). The trailer is a hint (the
 * last member's size, modulo 2^32): at most `maxOutputLength` + 1 (the output past it is refused anyway),
 * at least zlib's minimum of 64 bytes; a stream it misjudges only comes out in more chunks.
 */
function gunzipChunkBytes(bytes: Uint8Array, maxOutputLength: number): number {
	if (bytes.length < 18) return 64;
	const declared = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(bytes.length - 4);
	return Math.max(64, Math.min(declared, maxOutputLength) + 1);
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
	const skipped = new Skipped();
	let total = 0,
		entries = 0;
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
			throw new ArchiveError(`The tar archive is truncated or corrupt at byte ${off} ('${shown(name)}').`);
		}
		const data = bytes.subarray(dataStart, dataStart + size);
		off = dataStart + Math.ceil(size / BLOCK) * BLOCK;
		if (type === 'L') {
			longName = text(data, 0, data.length);
			continue;
		}
		if (type === 'x') {
			longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(Buffer.from(data).toString('utf8'))?.[1] ?? null;
			continue;
		}
		if (type === '1' || type === '2') {
			skipped.add(name, 'a link: not followed');
			continue;
		}
		if (type !== '0' && type !== '\0' && type !== '7') continue; // folders, devices, FIFOs
		entries++;
		if (name.length > MAX_NAME_CHARS) {
			skipped.add(name, `a name over ${MAX_NAME_CHARS} characters`);
			continue;
		}
		const safe = safeMemberName(name);
		if (safe === null) {
			skipped.add(name, 'unsafe path');
			continue;
		}
		if (entries > limits.maxEntries) {
			skipped.add(name, `over ${limits.maxEntries} entries`);
			continue;
		}
		// A tar member is stored, not compressed: only the size limits apply (the gzip around it has the ratio limit).
		const refused = refusal(size, size, total, limits);
		if (refused) {
			skipped.add(name, refused);
			continue;
		}
		total += size;
		members.push({ name: safe, bytes: data });
	}
	return { members, skipped: skipped.done() };
}

/**
 * The uncompressed size a gzip file's trailer declares (of its last member, modulo 2^32: a hint, never a
 * limit); null for a file too short to have one.
 */
export function gzipDeclaredSize(abs: string): number | null {
	const fd = fs.openSync(abs, 'r');
	try {
		const size = fs.fstatSync(fd).size;
		if (size < 18) return null;
		const trailer = Buffer.alloc(4);
		fs.readSync(fd, trailer, 0, 4, size - 4);
		return trailer.readUInt32LE(0);
	} finally {
		fs.closeSync(fd);
	}
}

/** Compressed bytes read per step when a gzip file is streamed (64 KiB: at MAX_RATIO, at most about 13 MiB out). */
const GZIP_IN_CHUNK = 64 * 1024;

/**
 * A gzip file on disk (a rotated `hostd.0.gz`), inflated as it is read, so that it costs memory for its
 * current chunk only, not for the whole file twice. The limits are gunzip's: at most `maxBytes`, and at
 * most MAX_RATIO times the file's size once past RATIO_FLOOR_BYTES; over them, or on damaged data, read()
 * throws ArchiveError. `produced()` is the number of uncompressed bytes so far.
 */
export function gzipFileSource(abs: string, maxBytes: number): { read(buf: Buffer): number; close(): void; produced(): number } {
	const fd = fs.openSync(abs, 'r');
	const size = fs.fstatSync(fd).size;
	const byRatio = Math.max(RATIO_FLOOR_BYTES, size * MAX_RATIO);
	const limit = Math.max(1, Math.min(maxBytes, byRatio));
	const out: Uint8Array[] = [];
	let at = 0,
		produced = 0,
		ended = false,
		crc = 0,
		members = 1;
	const inflater = new Gunzip((data) => {
		produced += data.length;
		crc = zlib.crc32(data, crc);
		if (produced > limit) {
			throw new ArchiveError(byRatio < maxBytes ? `The gzip data expands more than ${MAX_RATIO} times its size (a zip bomb?): not read.` : `The gzip data expands to more than the per-file limit of ${maxBytes} bytes.`);
		}
		out.push(data);
	});
	inflater.onmember = () => {
		members++;
	};
	const input = Buffer.allocUnsafe(GZIP_IN_CHUNK);
	/** The inflater does not check the trailer: a cut file would end quietly. A single member's CRC-32 and size must match it. */
	const checkTrailer = () => {
		const trailer = Buffer.alloc(8);
		if (members > 1 || size < 18) return;
		fs.readSync(fd, trailer, 0, 8, size - 8);
		if (trailer.readUInt32LE(0) !== crc || trailer.readUInt32LE(4) !== produced % 2 ** 32) {
			throw new ArchiveError('The gzip data cannot be read (its checksum or size does not match): it may be truncated or corrupt.');
		}
	};
	const fill = () => {
		while (out.length === 0 && !ended) {
			const n = fs.readSync(fd, input, 0, input.length, null);
			ended = n === 0;
			try {
				// A copy: the inflater may keep unconsumed input until the next push.
				inflater.push(input.slice(0, n), ended);
			} catch (e) {
				if (e instanceof ArchiveError) throw e;
				throw new ArchiveError(`The gzip data cannot be read (${(e as Error).message}): it may be truncated or corrupt.`);
			}
			if (ended) checkTrailer();
		}
	};
	return {
		read(buf) {
			let written = 0;
			while (written < buf.length) {
				fill();
				const chunk = out[0];
				if (!chunk) break;
				const k = Math.min(buf.length - written, chunk.length - at);
				buf.set(chunk.subarray(at, at + k), written);
				written += k;
				at += k;
				if (at === chunk.length) {
					out.shift();
					at = 0;
				}
			}
			return written;
		},
		close: () => fs.closeSync(fd),
		produced: () => produced,
	};
}
