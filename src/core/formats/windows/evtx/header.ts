import { crc32 } from 'zlib';

/** Size of the file header block in bytes (chunk 0 starts here). */
export const FILE_HEADER_SIZE = 4096;
/** Size of a chunk in bytes. */
export const CHUNK_SIZE = 65_536;

/** File header flags (evtx-format.md §2). */
export const FILE_DIRTY = 0x1,
	FILE_FULL = 0x2,
	FILE_NO_CRC = 0x4;

/** The file header (first 128 bytes of the 4 KiB block); counts are as stored, which dirty files leave stale. */
export interface EvtxFileHeader {
	firstChunk: number;
	lastChunk: number;
	nextRecordId: number;
	majorVersion: number;
	minorVersion: number;
	/** u16 chunk count as stored: not used to find chunks (they are counted from the file size). */
	chunkCount: number;
	flags: number;
	dirty: boolean;
	full: boolean;
	/** Checksums are not maintained (flag 0x4): none is verified. */
	noCrc: boolean;
	/** Stored CRC32 of bytes 0–119 matches (null when the no-CRC flag is set). */
	checksumOk: boolean | null;
}

/** A u64 as a Number (exact below 2^53; record ids and counters never come near). */
export const u64 = (buf: Buffer, off: number): number => buf.readUInt32LE(off + 4) * 4_294_967_296 + buf.readUInt32LE(off);

/** Magic `ElfFile\0` as two little-endian u32. */
const FILE_MAGIC_LO = 0x46666c45,
	FILE_MAGIC_HI = 0x00656c69;

/** Whether bytes start with the EVTX signature `ElfFile\0` (how ingest tells an `.evtx` from text, whatever its name). */
export function hasEvtxSignature(head: Uint8Array): boolean {
	if (head.length < 8) return false;
	const b = Buffer.from(head.buffer, head.byteOffset, 8);
	return b.readUInt32LE(0) === FILE_MAGIC_LO && b.readUInt32LE(4) === FILE_MAGIC_HI;
}

/** Reads the file header from the first bytes of a file; an error sentence when it is not an EVTX file. */
export function parseFileHeader(buf: Buffer): { header: EvtxFileHeader } | { error: string } {
	if (buf.length < 128) return { error: `the file is ${buf.length} bytes long, shorter than an EVTX file header (128 bytes)` };
	if (buf.readUInt32LE(0) !== FILE_MAGIC_LO || buf.readUInt32LE(4) !== FILE_MAGIC_HI) return { error: 'the file does not start with the EVTX signature "ElfFile"' };
	const flags = buf.readUInt32LE(120);
	const noCrc = (flags & FILE_NO_CRC) !== 0;
	return {
		header: {
			firstChunk: u64(buf, 8),
			lastChunk: u64(buf, 16),
			nextRecordId: u64(buf, 24),
			minorVersion: buf.readUInt16LE(36),
			majorVersion: buf.readUInt16LE(38),
			chunkCount: buf.readUInt16LE(42),
			flags,
			dirty: (flags & FILE_DIRTY) !== 0,
			full: (flags & FILE_FULL) !== 0,
			noCrc,
			checksumOk: noCrc ? null : crc32(buf.subarray(0, 120)) === buf.readUInt32LE(124),
		},
	};
}
