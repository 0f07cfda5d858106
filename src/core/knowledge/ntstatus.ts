/**
 * The final status a storage driver (volsnap, disk, ntfs) logs with an event, read from the event's data: the
 * driver writes an IO_ERROR_LOG_PACKET (wdm.h), and Event Viewer prints it as its Data dump, in words
 * (`0000: 00000000 00580002 00000000 c006001c 0010: 00000000 c000009a …`) or in bytes (`0000: 00 00 00 00 02
 * 00 58 00 …`, little-endian). The packet's fourth dword is the event's own message id (its low 16 bits the
 * event id, its top bits the severity) and its sixth the request's FinalStatus, an NTSTATUS. Only a dump whose
 * fourth dword names the very event is read, so a dump of anything else gives nothing. XML and `.evtx` events carry
 * the same packet as their `<Binary>` hex blob.
 */

/** NTSTATUS values (ntstatus.h) storage drivers report as a failed request's final status. */
const NTSTATUS: Readonly<Record<string, string>> = {
	'0xC0000001': 'STATUS_UNSUCCESSFUL',
	'0xC000000E': 'STATUS_NO_SUCH_DEVICE',
	'0xC0000010': 'STATUS_INVALID_DEVICE_REQUEST',
	'0xC0000017': 'STATUS_NO_MEMORY',
	'0xC0000022': 'STATUS_ACCESS_DENIED',
	'0xC000007F': 'STATUS_DISK_FULL',
	'0xC000009A': 'STATUS_INSUFFICIENT_RESOURCES',
	'0xC00000B5': 'STATUS_IO_TIMEOUT',
	'0xC0000120': 'STATUS_CANCELLED',
	'0xC0000185': 'STATUS_IO_DEVICE_ERROR',
	'0xC000026E': 'STATUS_VOLUME_DISMOUNTED',
};

/** `STATUS_INSUFFICIENT_RESOURCES (0xC000009A)`, or the code alone when the catalogue does not name it. */
export function ntstatusLabel(code: string): string {
	const name = NTSTATUS[code];
	return name ? `${name} (${code})` : code;
}

/** A dump row's offset (`0000:`, `0010:`), in bytes from the dump's start. */
const OFFSET = /^([0-9a-f]{4}):$/i;
const WORD = /^[0-9a-f]{8}$/i;
const BYTE = /^[0-9a-f]{2}$/i;
/** Dwords of the packet up to and including FinalStatus. */
const FINAL_STATUS_AT = 5;
const ERROR_CODE_AT = 3;
/** Where a dump starts: its first offset. */
const DUMP_START = /(?:^|\s)0000:\s/;

/** The packet's dwords as the dump prints them, rows checked by their offsets; null when there is no dump. */
function dumpWords(text: string): number[] | null {
	const start = DUMP_START.exec(text);
	if (!start) return null;
	const bytes: number[] = [];
	let inRow = false;
	let size: 'word' | 'byte' | null = null;
	for (const token of text.slice(start.index).split(/\s+/)) {
		if (token === '') continue;
		const offset = OFFSET.exec(token);
		if (offset) {
			// Rows follow each other: an offset that is not where the bytes so far end is another dump.
			if (parseInt(offset[1], 16) !== bytes.length) break;
			inRow = true;
			continue;
		}
		if (!inRow) continue;
		if ((size ?? 'word') === 'word' && WORD.test(token)) {
			size = 'word';
			// A word is printed most significant byte first; the packet holds it little-endian.
			const v = parseInt(token, 16);
			bytes.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
		} else if ((size ?? 'byte') === 'byte' && BYTE.test(token)) {
			size = 'byte';
			bytes.push(parseInt(token, 16));
		} else inRow = false; // the row's ASCII column, or the text after the dump
		if (bytes.length >= 4 * (FINAL_STATUS_AT + 1)) break;
	}
	const words: number[] = [];
	for (let i = 0; i + 4 <= bytes.length; i += 4) words.push((bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> 0);
	return words;
}

/**
 * The FinalStatus (`0xC000009A`) of the driver's packet dumped in `text` for event `eventId`, or null when the
 * text holds no such dump, the dump is cut before it, or its error code is another event's.
 */
export function driverFinalStatus(eventId: number, text: string | null): string | null {
	return packetFinalStatus(eventId, text === null ? null : dumpWords(text));
}

/** An event's `<Binary>` blob (`00000000060030000000…`: the packet's bytes in order) as dwords; null when it is no hex. */
function blobWords(hex: string): number[] | null {
	const trimmed = hex.trim();
	if (!/^(?:[0-9a-f]{2})+$/i.test(trimmed)) return null;
	const bytes = Buffer.from(trimmed.slice(0, 8 * (FINAL_STATUS_AT + 1)), 'hex');
	const words: number[] = [];
	for (let i = 0; i + 4 <= bytes.length; i += 4) words.push(bytes.readUInt32LE(i));
	return words;
}

/**
 * The FinalStatus of the driver's packet that is the `<Binary>` blob of event `eventId` (an XML or `.evtx`
 * event, or Event Viewer's Friendly View), or null as for driverFinalStatus.
 */
export function blobFinalStatus(eventId: number, hex: string | null): string | null {
	return packetFinalStatus(eventId, hex === null ? null : blobWords(hex));
}

/** The FinalStatus of a packet's dwords, when the packet is event `eventId`'s and the status a failure. */
function packetFinalStatus(eventId: number, words: number[] | null): string | null {
	if (!words || words.length <= FINAL_STATUS_AT) return null;
	const errorCode = words[ERROR_CODE_AT];
	// The message id: the event id in its low 16 bits and a severity (warning or error) in its top two.
	if ((errorCode & 0xffff) !== eventId || errorCode >>> 30 < 2) return null;
	const status = words[FINAL_STATUS_AT];
	// An NTSTATUS of a failure: its severity bits say warning (0x8…) or error (0xC…).
	if (status >>> 31 !== 1) return null;
	return `0x${status.toString(16).toUpperCase().padStart(8, '0')}`;
}
