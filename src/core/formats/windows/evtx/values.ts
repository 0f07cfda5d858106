/**
 * BinXML substitution values (evtx-format.md §6): type codes and their text form as Windows prints it in
 * Event XML. Every decoder takes the chunk buffer, an absolute byte offset and the value's declared size in
 * bytes, reads only inside `[off, off + size)` and never throws on short or odd data (it prints what is there).
 */
import { civilFromDays } from '../../lib/stamps';

/** Value type codes (the 0x80 bit marks an array of the base type). */
export const T = {
	Null: 0x00,
	String: 0x01,
	AnsiString: 0x02,
	Int8: 0x03,
	UInt8: 0x04,
	Int16: 0x05,
	UInt16: 0x06,
	Int32: 0x07,
	UInt32: 0x08,
	Int64: 0x09,
	UInt64: 0x0a,
	Real32: 0x0b,
	Real64: 0x0c,
	Bool: 0x0d,
	Binary: 0x0e,
	Guid: 0x0f,
	SizeT: 0x10,
	FileTime: 0x11,
	SystemTime: 0x12,
	Sid: 0x13,
	HexInt32: 0x14,
	HexInt64: 0x15,
	BinXml: 0x21,
	Array: 0x80,
} as const;

/** Fixed item size in bytes of the types whose arrays are packed (0 = variable or not an array item). */
const ITEM_SIZE: readonly number[] = (() => {
	const s = new Array<number>(0x16).fill(0);
	s[T.Int8] = s[T.UInt8] = 1;
	s[T.Int16] = s[T.UInt16] = 2;
	s[T.Int32] = s[T.UInt32] = s[T.Real32] = s[T.Bool] = s[T.HexInt32] = 4;
	s[T.Int64] = s[T.UInt64] = s[T.Real64] = s[T.FileTime] = s[T.HexInt64] = 8;
	s[T.Guid] = s[T.SystemTime] = 16;
	return s;
})();

/** Milliseconds between 1601-01-01 (FILETIME epoch) and 1970-01-01 (Date epoch). */
const FILETIME_EPOCH_MS = 11_644_473_600_000;

const windows1252 = new TextDecoder('windows-1252');

/** Node's own Buffer decoders (on Buffer.prototype since Node 0.x, not in its typings). */
interface RawSlices {
	ucs2Slice(start: number, end: number): string;
	hexSlice(start: number, end: number): string;
}

/**
 * `buf.toString('utf16le', start, end)` without toString's argument and encoding dispatch, a good part of
 * the cost of the short strings events are made of. Bounds are clamped as toString clamps them (the raw
 * decoder throws instead), so damaged data reads the same.
 */
export function ucs2(buf: Buffer, start: number, end: number): string {
	if (end > buf.length) end = buf.length;
	return end <= start ? '' : (buf as unknown as RawSlices).ucs2Slice(start, end);
}

/** `buf.toString('hex', start, end)`, the same way as ucs2(). */
function hexOf(buf: Buffer, start: number, end: number): string {
	if (end > buf.length) end = buf.length;
	return end <= start ? '' : (buf as unknown as RawSlices).hexSlice(start, end);
}

/** A FILETIME (100-ns ticks since 1601, as two u32 halves) as whole ms since 1970 plus the 0–9999 ticks left over. */
export function filetimeParts(lo: number, hi: number): { ms: number; ticks: number } {
	// hi·2^32 = hi·429496·10^4 + hi·7296, so the division by 10^4 stays exact in doubles (hi·7296 < 2^45).
	const r = hi * 7296 + lo;
	return { ms: hi * 429_496 + Math.floor(r / 10_000) - FILETIME_EPOCH_MS, ticks: r % 10_000 };
}

const p2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const p3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** The second last formatted by isoMs (whole seconds since 1970) and its text up to the dot (`2024-03-03T16:59:58.`). */
let lastSecond = NaN,
	lastPrefix = '';
/** The day of the last second formatted (days since 1970) and its date text (`2024-03-03T`). */
let lastDay = NaN,
	lastDate = '';

/**
 * ISO 8601 UTC of a ms instant (`2024-03-03T16:59:58.904Z`), by arithmetic for years 1601–9999 (every
 * record has one; Date#toISOString costs several times more); other instants (damaged values) via Date,
 * and what Date cannot hold prints as the 1601 epoch. Records come in time order, often within the same
 * second and nearly always within the same day, so the text up to the seconds and the date are kept from
 * the last call.
 */
function isoMs(ms: number): string {
	if (!(ms >= -FILETIME_EPOCH_MS && ms < 253_402_300_800_000)) {
		const d = new Date(ms);
		return Number.isNaN(d.getTime()) ? '1601-01-01T00:00:00.000Z' : d.toISOString();
	}
	const second = Math.floor(ms / 1000);
	if (second !== lastSecond) {
		lastSecond = second;
		const day = Math.floor(second / 86_400);
		if (day !== lastDay) {
			lastDay = day;
			lastDate = dateText(day);
		}
		let rest = second - day * 86_400;
		const h = Math.floor(rest / 3600);
		rest -= h * 3600;
		const mi = Math.floor(rest / 60);
		lastPrefix = `${lastDate}${p2(h)}:${p2(mi)}:${p2(rest - mi * 60)}.`;
	}
	return `${lastPrefix}${p3(ms - second * 1000)}Z`;
}

/** `YYYY-MM-DDT` of days since 1970-01-01 (proleptic Gregorian, 400-year eras; years 1601–9999). */
function dateText(days: number): string {
	const [y, m, d] = civilFromDays(days);
	return `${y}-${p2(m)}-${p2(d)}T`;
}

/** FILETIME at `off` as ISO 8601 UTC truncated to ms (`2024-03-03T16:59:58.904Z`), the form of LogRecord times. */
export function filetimeIsoMs(buf: Buffer, off: number): string {
	return isoMs(filetimeParts(buf.readUInt32LE(off), buf.readUInt32LE(off + 4)).ms);
}

/** FILETIME at `off` as Windows 10 prints it: nine fractional digits, the last two always 0 (100-ns ticks). */
function filetimeText(buf: Buffer, off: number): string {
	const { ms, ticks } = filetimeParts(buf.readUInt32LE(off), buf.readUInt32LE(off + 4));
	const iso = isoMs(ms);
	return `${iso.slice(0, -1)}${String(ticks).padStart(4, '0')}00Z`;
}

/** SYSTEMTIME (8 × u16: year, month, weekday, day, hour, minute, second, ms) as ISO 8601 UTC with ms. */
function systemtimeText(buf: Buffer, off: number): string {
	const u = (i: number) => buf.readUInt16LE(off + 2 * i);
	const ms = Date.UTC(u(0), u(1) - 1, u(3), u(4), u(5), u(6), u(7));
	return isoMs(ms);
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** `0x` + lower-case hex without zero padding, as Event XML prints HexInt32/HexInt64 (`0x80000000000000`). */
function hex64Text(buf: Buffer, off: number): string {
	const lo = buf.readUInt32LE(off),
		hi = buf.readUInt32LE(off + 4);
	return hi === 0 ? `0x${lo.toString(16)}` : `0x${hi.toString(16)}${hex8(lo)}`;
}

/** GUID in registry form, upper case with braces as Event Viewer prints it (`{54849625-5478-4994-A5BA-3E3B0328C30D}`). */
function guidText(buf: Buffer, off: number): string {
	const d4 = hexOf(buf, off + 8, off + 16);
	return `{${hex8(buf.readUInt32LE(off))}-${buf
		.readUInt16LE(off + 4)
		.toString(16)
		.padStart(4, '0')}-${buf
		.readUInt16LE(off + 6)
		.toString(16)
		.padStart(4, '0')}-${d4.slice(0, 4)}-${d4.slice(4)}}`.toUpperCase();
}

/** SID bytes at `off` (at most `size`) as `S-1-5-21-…`; `S-?` when even the fixed 8-byte part is cut. Returns text and bytes used. */
function sidAt(buf: Buffer, off: number, size: number): { text: string; used: number } {
	if (size < 8) return { text: 'S-?', used: size };
	const authHi = buf.readUInt16BE(off + 2),
		authLo = buf.readUInt32BE(off + 4);
	// The identifier authority is 48 bits big-endian; Windows prints it in hex when it needs more than 32.
	const auth = authHi === 0 ? String(authLo) : `0x${authHi.toString(16).padStart(4, '0')}${hex8(authLo)}`;
	const n = Math.min(buf[off + 1], Math.floor((size - 8) / 4));
	let text = `S-${buf[off]}-${auth}`;
	for (let i = 0; i < n; i++) text += `-${buf.readUInt32LE(off + 8 + 4 * i)}`;
	return { text, used: 8 + 4 * n };
}

/** UTF-16LE text of `size` bytes without trailing NULs (odd last byte dropped; lone surrogates kept as they are). */
export function utf16(buf: Buffer, off: number, size: number): string {
	let end = off + (size & ~1);
	while (end > off && buf[end - 1] === 0 && buf[end - 2] === 0) end -= 2;
	return ucs2(buf, off, end);
}

/** Code-page text (Windows-1252) with NULs dropped. */
function ansi(buf: Buffer, off: number, size: number): string {
	return windows1252.decode(buf.subarray(off, off + size)).replace(/\0/g, '');
}

/** Text form of one scalar value of `type` (the 0x80 bit clear) stored in `size` bytes at `off`. */
export function valueText(buf: Buffer, off: number, size: number, type: number): string {
	if (size < (ITEM_SIZE[type] ?? 0)) return type === T.Sid ? 'S-?' : '';
	switch (type) {
		case T.Null:
			return '';
		case T.String:
			return utf16(buf, off, size);
		case T.AnsiString:
			return ansi(buf, off, size);
		case T.Int8:
			return String(buf.readInt8(off));
		case T.UInt8:
			return String(buf[off]);
		case T.Int16:
			return String(buf.readInt16LE(off));
		case T.UInt16:
			return String(buf.readUInt16LE(off));
		case T.Int32:
			return String(buf.readInt32LE(off));
		case T.UInt32:
			return String(buf.readUInt32LE(off));
		case T.Int64:
			return buf.readBigInt64LE(off).toString();
		case T.UInt64: {
			const hi = buf.readUInt32LE(off + 4);
			// Record ids and most counters fit 32 bits: skip the BigInt.
			return hi === 0 ? String(buf.readUInt32LE(off)) : buf.readBigUInt64LE(off).toString();
		}
		case T.Real32:
			return String(buf.readFloatLE(off));
		case T.Real64:
			return String(buf.readDoubleLE(off));
		case T.Bool:
			return buf.readInt32LE(off) !== 0 ? 'true' : 'false';
		case T.Guid:
			return guidText(buf, off);
		case T.SizeT:
			return size >= 8 ? hex64Text(buf, off) : size >= 4 ? `0x${buf.readUInt32LE(off).toString(16)}` : '';
		case T.FileTime:
			return filetimeText(buf, off);
		case T.SystemTime:
			return systemtimeText(buf, off);
		case T.Sid:
			return sidAt(buf, off, size).text;
		case T.HexInt32:
			return `0x${buf.readUInt32LE(off).toString(16)}`;
		case T.HexInt64:
			return hex64Text(buf, off);
		// Binary, and types that are not expected in files (EvtHandle, EvtXml, unknown): upper-case hex.
		default:
			return hexOf(buf, off, off + size).toUpperCase();
	}
}

/** Items of an array value (type with the 0x80 bit): NUL-separated strings, self-sized SIDs, or packed items. */
export function arrayItems(buf: Buffer, off: number, size: number, type: number): string[] {
	const base = type & 0x7f;
	if (base === T.String || base === T.AnsiString) {
		const text = base === T.String ? ucs2(buf, off, off + (size & ~1)) : windows1252.decode(buf.subarray(off, off + size));
		if (text === '') return [];
		const items = text.split('\0');
		// Every item is NUL-terminated, so the split leaves one empty string after the last NUL.
		if (items[items.length - 1] === '') items.pop();
		return items;
	}
	const out: string[] = [];
	if (base === T.Sid) {
		for (let p = off, end = off + size; p < end;) {
			const s = sidAt(buf, p, end - p);
			out.push(s.text);
			p += s.used;
		}
		return out;
	}
	// SizeT arrays carry no width: 8-byte items when the size allows (64-bit writers), else 4.
	const item = base === T.SizeT ? (size % 8 === 0 ? 8 : 4) : (ITEM_SIZE[base] ?? 0);
	if (item === 0) return [valueText(buf, off, size, base)];
	for (let p = off; p + item <= off + size; p += item) out.push(valueText(buf, p, item, base));
	return out;
}
