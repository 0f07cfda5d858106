// Writes `.evtx` files shaped as Windows writes them (evtx-format.md §§1–7, §12): a file header and 64 KiB
// chunks with correct CRC32s, string- and template-table buckets, names inline on first use in a chunk and
// referenced afterwards, one template definition per event shape (inline the first time, with 0xFFFF
// dependency ids and typed normal/optional substitutions), and records that are template instances.
// Classic providers (VSS, SQLWRITER, volsnap on 2008 R2) get one string array under <Data> plus an optional
// <Binary>; manifest providers get named, typed <Data> values or a UserData element.
import { createHash } from 'crypto';
import { crc32 } from 'zlib';

/** A typed substitution value: the BinXML value type and its bytes. */
export interface WValue {
	type: number;
	bytes: Buffer;
}

const utf16z = (s: string) => Buffer.from(`${s}\0`, 'utf16le');
const le = (n: number, size: number) => {
	const b = Buffer.alloc(size);
	if (size === 8) b.writeBigUInt64LE(BigInt(n));
	else b.writeUIntLE(n, 0, size);
	return b;
};

/** 100-ns ticks since 1601 of an ISO 8601 UTC time with up to 7 fractional digits. */
export function filetimeTicks(iso: string): bigint {
	const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?Z$/.exec(iso);
	if (!m) throw new Error(`not an ISO time: ${iso}`);
	const ms = Date.parse(`${m[1]}Z`);
	return (BigInt(ms) + 11_644_473_600_000n) * 10_000n + BigInt((m[2] ?? '').padEnd(7, '0'));
}

/** Value constructors, one per BinXML type the tests use. */
export const V = {
	null: (): WValue => ({ type: 0x00, bytes: Buffer.alloc(0) }),
	string: (s: string): WValue => ({ type: 0x01, bytes: utf16z(s) }),
	ansi: (s: string): WValue => ({ type: 0x02, bytes: Buffer.from(`${s}\0`, 'latin1') }),
	int8: (n: number): WValue => ({ type: 0x03, bytes: Buffer.from([n & 0xff]) }),
	uint8: (n: number): WValue => ({ type: 0x04, bytes: le(n, 1) }),
	int16: (n: number): WValue => {
		const b = Buffer.alloc(2);
		b.writeInt16LE(n);
		return { type: 0x05, bytes: b };
	},
	uint16: (n: number): WValue => ({ type: 0x06, bytes: le(n, 2) }),
	int32: (n: number): WValue => {
		const b = Buffer.alloc(4);
		b.writeInt32LE(n);
		return { type: 0x07, bytes: b };
	},
	uint32: (n: number): WValue => ({ type: 0x08, bytes: le(n, 4) }),
	int64: (n: bigint): WValue => {
		const b = Buffer.alloc(8);
		b.writeBigInt64LE(n);
		return { type: 0x09, bytes: b };
	},
	uint64: (n: number | bigint): WValue => {
		const b = Buffer.alloc(8);
		b.writeBigUInt64LE(BigInt(n));
		return { type: 0x0a, bytes: b };
	},
	real32: (n: number): WValue => {
		const b = Buffer.alloc(4);
		b.writeFloatLE(n);
		return { type: 0x0b, bytes: b };
	},
	real64: (n: number): WValue => {
		const b = Buffer.alloc(8);
		b.writeDoubleLE(n);
		return { type: 0x0c, bytes: b };
	},
	bool: (v: boolean): WValue => ({ type: 0x0d, bytes: le(v ? 1 : 0, 4) }),
	binary: (b: Buffer): WValue => ({ type: 0x0e, bytes: b }),
	guid: (g: string): WValue => {
		const h = g.replace(/[{}-]/g, '');
		const b = Buffer.from(h, 'hex');
		// Data1–3 are little-endian, Data4 as written.
		b.subarray(0, 4).reverse();
		b.subarray(4, 6).reverse();
		b.subarray(6, 8).reverse();
		return { type: 0x0f, bytes: b };
	},
	sizeT: (n: bigint): WValue => {
		const b = Buffer.alloc(8);
		b.writeBigUInt64LE(n);
		return { type: 0x10, bytes: b };
	},
	filetime: (iso: string): WValue => {
		const b = Buffer.alloc(8);
		b.writeBigUInt64LE(filetimeTicks(iso));
		return { type: 0x11, bytes: b };
	},
	systemtime: (iso: string): WValue => {
		const d = new Date(iso);
		const b = Buffer.alloc(16);
		[d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDay(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()].forEach((v, i) => b.writeUInt16LE(v, 2 * i));
		return { type: 0x12, bytes: b };
	},
	sid: (s: string): WValue => {
		const [, rev, auth, ...subs] = s.split('-').map(Number);
		const b = Buffer.alloc(8 + 4 * subs.length);
		b[0] = rev;
		b[1] = subs.length;
		b.writeUIntBE(auth, 2, 6);
		subs.forEach((v, i) => b.writeUInt32LE(v, 8 + 4 * i));
		return { type: 0x13, bytes: b };
	},
	hex32: (n: number): WValue => ({ type: 0x14, bytes: le(n, 4) }),
	hex64: (n: bigint): WValue => {
		const b = Buffer.alloc(8);
		b.writeBigUInt64LE(n);
		return { type: 0x15, bytes: b };
	},
	strings: (items: string[]): WValue => ({ type: 0x81, bytes: Buffer.concat(items.map(utf16z)) }),
	uint32s: (items: number[]): WValue => ({ type: 0x88, bytes: Buffer.concat(items.map((n) => le(n, 4))) }),
};

/** One event to write. Classic events give `strings` (+ `binary`); manifest events give `data` or `userData`. */
export interface WriterEvent {
	provider: string;
	providerGuid?: string;
	eventSourceName?: string;
	eventId: number;
	qualifiers?: number;
	version?: number;
	level: number;
	task?: number;
	opcode?: number;
	/** Defaults to 0x80000000000000 (Classic). */
	keywords?: bigint;
	/** ISO 8601 UTC with up to 7 fractional digits (100-ns ticks). */
	time: string;
	/** Defaults to the previous record id + 1 (the first is 1). */
	recordId?: number;
	processId?: number;
	threadId?: number;
	channel: string;
	computer: string;
	userSid?: string;
	strings?: string[];
	binary?: Buffer;
	data?: { name: string; value: WValue }[];
	userData?: { element: string; ns: string; fields: { name: string; value: WValue }[] };
	/** RenderingInfo, as a collector stores events forwarded as rendered text (literal text in the template). */
	rendering?: { culture: string; message: string; level: string };
}

/** Writer options. */
export interface WriterOptions {
	/** Set the file's dirty flag (a log copied while open). */
	dirty?: boolean;
	/** Pre-allocated all-zero chunk slots after the last chunk. */
	emptySlots?: number;
}

/** A template content node: an element, literal text, or a substitution of a typed value. */
type TNode = { el: string; attrs: [string, TNode][]; children: TNode[] } | { text: string } | { sub: number; type: number; optional: boolean };

const el = (name: string, attrs: [string, TNode][], children: TNode[] = []): TNode => ({ el: name, attrs, children });
const sub = (index: number, type: number, optional = true): TNode => ({ sub: index, type, optional });

/** Values of the System part, in substitution order 0–17. */
function systemValues(e: WriterEvent, recordId: number): WValue[] {
	const opt = <T>(v: T | undefined, f: (v: T) => WValue) => (v === undefined ? V.null() : f(v));
	return [
		opt(e.providerGuid, V.guid),
		opt(e.eventSourceName, V.string),
		V.uint16(e.eventId),
		opt(e.qualifiers, V.uint16),
		opt(e.version, V.uint8),
		V.uint8(e.level),
		V.uint16(e.task ?? 0),
		opt(e.opcode, V.uint8),
		V.hex64(e.keywords ?? 0x80000000000000n),
		V.filetime(e.time),
		V.uint64(recordId),
		V.null(),
		V.null(),
		V.uint32(e.processId ?? 0),
		V.uint32(e.threadId ?? 0),
		V.string(e.channel),
		V.string(e.computer),
		opt(e.userSid, V.sid),
	];
}

/** The template tree and the values after the System ones, for an event's shape. */
function shape(e: WriterEvent): { tree: TNode; values: WValue[]; key: string } {
	const values: WValue[] = [];
	let body: TNode;
	const at = () => 18 + values.length;
	if (e.userData) {
		const fields = e.userData.fields.map((f) => {
			const n = el(f.name, [], [sub(at(), f.value.type, false)]);
			values.push(f.value);
			return n;
		});
		body = el('UserData', [], [el(e.userData.element, [['xmlns', { text: e.userData.ns }]], fields)]);
	} else if (e.data) {
		body = el(
			'EventData',
			[],
			e.data.map((d) => {
				const n = el('Data', [['Name', { text: d.name }]], [sub(at(), d.value.type, false)]);
				values.push(d.value);
				return n;
			}),
		);
	} else {
		const strings = sub(at(), 0x81, false);
		values.push(V.strings(e.strings ?? []));
		const binary = sub(at(), 0x0e);
		values.push(e.binary ? V.binary(e.binary) : V.null());
		body = el('EventData', [], [el('Data', [], [strings]), el('Binary', [], [binary])]);
	}
	const system = el(
		'System',
		[],
		[
			el('Provider', [
				['Name', { text: e.provider }],
				['Guid', sub(0, 0x0f)],
				['EventSourceName', sub(1, 0x01)],
			]),
			el('EventID', [['Qualifiers', sub(3, 0x06)]], [sub(2, 0x06, false)]),
			el('Version', [], [sub(4, 0x04)]),
			el('Level', [], [sub(5, 0x04)]),
			el('Task', [], [sub(6, 0x06)]),
			el('Opcode', [], [sub(7, 0x04)]),
			el('Keywords', [], [sub(8, 0x15)]),
			el('TimeCreated', [['SystemTime', sub(9, 0x11)]]),
			el('EventRecordID', [], [sub(10, 0x0a)]),
			el('Correlation', [
				['ActivityID', sub(11, 0x0f)],
				['RelatedActivityID', sub(12, 0x0f)],
			]),
			el('Execution', [
				['ProcessID', sub(13, 0x08)],
				['ThreadID', sub(14, 0x08)],
			]),
			el('Channel', [], [sub(15, 0x01)]),
			el('Computer', [], [sub(16, 0x01)]),
			el('Security', [['UserID', sub(17, 0x13)]]),
		],
	);
	const rendering = e.rendering ? [el('RenderingInfo', [['Culture', { text: e.rendering.culture }]], [el('Message', [], [{ text: e.rendering.message }]), el('Level', [], [{ text: e.rendering.level }])])] : [];
	const tree = el('Event', [['xmlns', { text: 'http://schemas.microsoft.com/win/2004/08/events/event' }]], [system, body, ...rendering]);
	return { tree, values, key: JSON.stringify(tree) };
}

/** Thrown when a record does not fit in the current chunk; the writer then starts a new one. */
class ChunkFull extends Error {}

const CHUNK = 65_536;

/** Low 16 bits of the name hash Windows stores (h = h·65599 + c over UTF-16 units). */
function nameHash(s: string): number {
	let h = 0;
	for (let i = 0; i < s.length; i++) h = (Math.imul(h, 65599) + s.charCodeAt(i)) >>> 0;
	return h & 0xffff;
}

/** One chunk being filled. */
class ChunkWriter {
	readonly buf = Buffer.alloc(CHUNK);
	pos = 512;
	names = new Map<string, number>();
	templates = new Map<string, number>();
	strings = new Uint32Array(64);
	tmplTable = new Uint32Array(32);
	records: { number: number; id: number; offset: number }[] = [];

	private room(n: number): void {
		if (this.pos + n > CHUNK) throw new ChunkFull();
	}

	bytes(b: Buffer | number[]): void {
		this.room(b.length);
		(Buffer.isBuffer(b) ? b : Buffer.from(b)).copy(this.buf, this.pos);
		this.pos += b.length;
	}

	u16(n: number): void {
		this.bytes(le(n, 2));
	}
	u32(n: number): void {
		this.bytes(le(n, 4));
	}

	/** A name reference; the entry goes inline (and into its string-table bucket) the first time. */
	name(s: string): void {
		const known = this.names.get(s);
		if (known !== undefined) return this.u32(known);
		const at = this.pos + 4;
		this.u32(at);
		const hash = nameHash(s);
		const bucket = hash % 64;
		this.u32(this.strings[bucket]);
		this.strings[bucket] = at;
		this.u16(hash);
		this.u16(s.length);
		this.bytes(utf16z(s));
		this.names.set(s, at);
	}

	/** An element of a template definition (dependency id 0xFFFF: none). */
	node(n: TNode): void {
		if ('text' in n) {
			this.bytes([0x05, 0x01]);
			this.u16(n.text.length);
			this.bytes(Buffer.from(n.text, 'utf16le'));
		} else if ('sub' in n) {
			this.bytes([n.optional ? 0x0e : 0x0d]);
			this.u16(n.sub);
			this.bytes([n.type]);
		} else {
			this.bytes([n.attrs.length > 0 ? 0x41 : 0x01, 0xff, 0xff]);
			const sizeAt = this.pos;
			this.u32(0);
			this.name(n.el);
			if (n.attrs.length > 0) {
				const listAt = this.pos;
				this.u32(0);
				n.attrs.forEach(([name, value], i) => {
					this.bytes([i === n.attrs.length - 1 ? 0x06 : 0x46]);
					this.name(name);
					this.node(value);
				});
				this.buf.writeUInt32LE(this.pos - listAt - 4, listAt);
			}
			if (n.children.length === 0) this.bytes([0x03]);
			else {
				this.bytes([0x02]);
				n.children.forEach((c) => this.node(c));
				this.bytes([0x04]);
			}
			this.buf.writeUInt32LE(this.pos - sizeAt - 4, sizeAt);
		}
	}

	/** One record: header, fragment, template instance (definition inline the first time), values, EOF. */
	record(number: number, id: number, time: bigint, tree: TNode, key: string, values: WValue[]): void {
		const start = this.pos;
		this.bytes([0x2a, 0x2a, 0, 0]);
		this.u32(0);
		const idb = Buffer.alloc(16);
		idb.writeBigUInt64LE(BigInt(id));
		idb.writeBigUInt64LE(time, 8);
		this.bytes(idb);
		this.bytes([0x0f, 0x01, 0x01, 0x00, 0x0c, 0x01]);
		const guid = createHash('md5').update(key).digest();
		this.bytes(guid.subarray(0, 4));
		const known = this.templates.get(key);
		if (known !== undefined) this.u32(known);
		else {
			const at = this.pos + 4;
			this.u32(at);
			const bucket = guid.readUInt32LE(0) % 32;
			this.u32(this.tmplTable[bucket]);
			this.tmplTable[bucket] = at;
			this.bytes(guid);
			const sizeAt = this.pos;
			this.u32(0);
			this.bytes([0x0f, 0x01, 0x01, 0x00]);
			this.node(tree);
			this.bytes([0x00]);
			this.buf.writeUInt32LE(this.pos - sizeAt - 4, sizeAt);
			this.templates.set(key, at);
		}
		this.u32(values.length);
		for (const v of values) {
			this.u16(v.bytes.length);
			this.bytes([v.type, 0]);
		}
		for (const v of values) this.bytes(v.bytes);
		this.bytes([0x00]);
		// Windows pads records to 8 bytes; the size and its trailing copy cover the padding.
		const size = (this.pos + 4 - start + 7) & ~7;
		this.room(size - (this.pos - start));
		this.pos = start + size;
		this.buf.writeUInt32LE(size, start + 4);
		this.buf.writeUInt32LE(size, start + size - 4);
		this.records.push({ number, id, offset: start });
	}

	/** Header fields and checksums, once the chunk is full or the file ends. */
	finish(): Buffer {
		const b = this.buf,
			first = this.records[0],
			last = this.records[this.records.length - 1];
		b.write('ElfChnk\0', 0, 'latin1');
		if (first) {
			b.writeBigUInt64LE(BigInt(first.number), 8);
			b.writeBigUInt64LE(BigInt(last.number), 16);
			b.writeBigUInt64LE(BigInt(first.id), 24);
			b.writeBigUInt64LE(BigInt(last.id), 32);
		} else {
			// An empty log's chunk: first number 1, the rest all ones (evtx-format.md §3.1).
			b.writeBigUInt64LE(1n, 8);
			b.fill(0xff, 16, 40);
		}
		b.writeUInt32LE(128, 40);
		b.writeUInt32LE(last?.offset ?? 0, 44);
		b.writeUInt32LE(this.pos, 48);
		b.writeUInt32LE(first ? crc32(b.subarray(512, this.pos)) : 0, 52);
		Buffer.from(this.strings.buffer).copy(b, 128);
		Buffer.from(this.tmplTable.buffer).copy(b, 384);
		b.writeUInt32LE(crc32(b.subarray(128, 512), crc32(b.subarray(0, 120))), 124);
		return b;
	}
}

/** Builds a whole `.evtx` file holding the events in order (an empty list gives an empty log of one chunk). */
export function buildEvtx(events: readonly WriterEvent[], options: WriterOptions = {}): Buffer {
	const chunks: Buffer[] = [];
	let cw = new ChunkWriter();
	let nextId = 1;
	events.forEach((e, i) => {
		const id = e.recordId ?? nextId;
		nextId = id + 1;
		const { tree, values, key } = shape(e);
		const all = [...systemValues(e, id), ...values];
		const save = { pos: cw.pos, names: new Map(cw.names), templates: new Map(cw.templates), strings: cw.strings.slice(), tmpl: cw.tmplTable.slice() };
		try {
			cw.record(i + 1, id, filetimeTicks(e.time), tree, key, all);
		} catch (err) {
			if (!(err instanceof ChunkFull)) throw err;
			cw.buf.fill(0, save.pos);
			Object.assign(cw, { pos: save.pos, names: save.names, templates: save.templates, strings: save.strings, tmplTable: save.tmpl });
			chunks.push(cw.finish());
			cw = new ChunkWriter();
			cw.record(i + 1, id, filetimeTicks(e.time), tree, key, all);
		}
	});
	chunks.push(cw.finish());
	const header = Buffer.alloc(4096);
	header.write('ElfFile\0', 0, 'latin1');
	header.writeBigUInt64LE(0n, 8);
	header.writeBigUInt64LE(BigInt(chunks.length - 1), 16);
	header.writeBigUInt64LE(BigInt(nextId), 24);
	header.writeUInt32LE(128, 32);
	header.writeUInt16LE(1, 36);
	header.writeUInt16LE(3, 38);
	header.writeUInt16LE(4096, 40);
	header.writeUInt16LE(chunks.length, 42);
	header.writeUInt32LE(options.dirty ? 1 : 0, 120);
	header.writeUInt32LE(crc32(header.subarray(0, 120)), 124);
	return Buffer.concat([header, ...chunks, Buffer.alloc(CHUNK * (options.emptySlots ?? 0))]);
}

const APP = { channel: 'Application', computer: 'EXCH-MBX-02.corp.example' };
const SYS = { channel: 'System', computer: 'SQL-01.corp.example' };
const VSS_CONTEXT = '\n\nOperation:\n   PrepareForSnapshot Event\n\nContext:\n   Execution Context: Writer\n   Writer Class Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}\n   Writer Name: Microsoft Exchange Writer\n';

/** Application.evtx of a failed quiesce: VSS 8229 / 12289 / 8193, SQLWRITER 24583. */
export const APPLICATION: WriterEvent[] = [
	{
		...APP,
		provider: 'VSS',
		eventId: 8229,
		qualifiers: 0,
		level: 3,
		time: '2024-03-03T16:59:58.9041234Z',
		recordId: 220431,
		strings: ["0x800423f2, The writer's timeout expired between the Freeze and Thaw events.", VSS_CONTEXT],
		binary: Buffer.from('- Code: WRTWRTIC00000453- Call: WRTWRTIC00000411- PID: 00004412', 'latin1'),
	},
	{ ...APP, provider: 'VSS', eventId: 12289, qualifiers: 0, level: 2, time: '2024-03-03T17:00:01.0000000Z', strings: ['DeviceIoControl(\\\\?\\Volume{a2b4}, 0x00530000)', '0x80070001, Incorrect function.', ''] },
	{ ...APP, provider: 'VSS', eventId: 8193, qualifiers: 0, level: 2, time: '2024-03-03T17:00:02.5Z', strings: ['CoCreateInstance', '0x80040154, Class not registered', ''] },
	{ ...APP, provider: 'SQLWRITER', eventId: 24583, qualifiers: 0, level: 2, time: '2024-03-03T17:00:03Z', strings: ['SQLWRITER', 'Sqllib error: OLEDB Error encountered calling ICommandText::Execute. hr = 0x80040e14.'] },
];

/** ForwardedEvents.evtx of a collector subscribed with rendered text: VSS 8193 with its German message and level word. */
export const FORWARDED: WriterEvent[] = [
	{
		...APP,
		channel: 'ForwardedEvents',
		provider: 'VSS',
		eventId: 8193,
		qualifiers: 0,
		level: 2,
		time: '2024-03-03T17:00:02.5Z',
		strings: ['CoCreateInstance', '0x80040154, Class not registered', ''],
		rendering: { culture: 'de-DE', message: 'Volumeschattenkopie-Dienstfehler: Unerwarteter Fehler beim Aufrufen der Routine CoCreateInstance. hr = 0x80040154, Klasse nicht registriert.', level: 'Fehler' },
	},
];

/** System.evtx: volsnap 25/33/36 (classic and manifest shapes), Backup and Hyper-V VMMS with typed values. */
export const SYSTEM: WriterEvent[] = [
	{ ...SYS, provider: 'volsnap', eventId: 36, qualifiers: 49158, level: 2, time: '2012-05-21T14:02:11.0000000Z', recordId: 900, strings: ['\\Device\\HarddiskVolumeShadowCopy2', 'C:'], binary: Buffer.from([0, 0, 0x24, 0, 1, 0, 0, 0]) },
	{ ...SYS, provider: 'volsnap', eventId: 25, qualifiers: 49158, level: 2, time: '2012-05-21T14:02:12Z', strings: ['C:', 'C:'] },
	{
		...SYS,
		provider: 'Volsnap',
		providerGuid: '{cb017cd2-1f37-4e65-82bc-3e91f6a37559}',
		eventSourceName: 'volsnap',
		eventId: 33,
		qualifiers: 16390,
		version: 0,
		level: 4,
		task: 0,
		opcode: 0,
		keywords: 0x80000000000000n,
		time: '2018-09-03T05:41:55.1234567Z',
		processId: 4,
		threadId: 8816,
		userSid: 'S-1-5-18',
		data: [
			{ name: 'DeviceName', value: V.string('\\Device\\HarddiskVolumeShadowCopy1') },
			{ name: 'VolumeName', value: V.string('C:') },
			{ name: 'NTSTATUS', value: V.hex32(0) },
			{ name: 'SourceTag', value: V.uint32(178) },
			{ name: 'SourceLine', value: V.uint16(1) },
		],
	},
	{
		...SYS,
		channel: 'Microsoft-Windows-Backup',
		provider: 'Microsoft-Windows-Backup',
		providerGuid: '{1db28f2e-8f80-4027-8c5a-a11f7f10f62d}',
		eventId: 517,
		level: 2,
		task: 0,
		keywords: 0x8000000000000000n,
		time: '2024-03-04T02:00:00.5Z',
		userSid: 'S-1-5-21-4230534742-2542757381-3142984815-1111',
		data: [
			{ name: 'BackupTime', value: V.filetime('2024-03-04T01:00:00.0000000Z') },
			{ name: 'ErrorCode', value: V.hex32(0x80780049) },
			{ name: 'HResult', value: V.int32(-2139619255) },
			{ name: 'Completed', value: V.bool(false) },
			{ name: 'Targets', value: V.strings(['E:', 'F:']) },
		],
	},
	{
		...SYS,
		channel: 'Microsoft-Windows-Hyper-V-VMMS-Admin',
		provider: 'Microsoft-Windows-Hyper-V-VMMS',
		providerGuid: '{6066f867-7ca1-4418-85fd-36e3f9c0600c}',
		eventId: 18012,
		level: 2,
		task: 0,
		keywords: 0x8000000000000000n,
		time: '2024-03-04T03:00:00Z',
		userData: {
			element: 'VmlEventLog',
			ns: 'http://www.microsoft.com/Windows/Virtualization/Events',
			fields: [
				{ name: 'VmName', value: V.string('SQL-01') },
				{ name: 'VmId', value: V.guid('{1d7d1e8e-1111-4c8e-9a57-0123456789ab}') },
				{ name: 'ErrorCodeString', value: V.string('%%2147754996') },
				{ name: 'ErrorCode', value: V.hex32(0x800423f4) },
			],
		},
	},
];

/** XML text escaped as Windows escapes element text and attribute values. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');

/**
 * The text Windows prints for a typed value (the types the tests' events use); an array gives one text per
 * item, as its element is repeated. Written from the value constructors above, not from the reader.
 */
function valueTexts(v: WValue): string[] {
	const b = v.bytes;
	switch (v.type) {
		case 0x01:
			return [b.toString('utf16le').replace(/\0$/, '')];
		case 0x04:
			return [String(b[0])];
		case 0x06:
			return [String(b.readUInt16LE(0))];
		case 0x07:
			return [String(b.readInt32LE(0))];
		case 0x08:
			return [String(b.readUInt32LE(0))];
		case 0x0d:
			return [b.readUInt32LE(0) !== 0 ? 'true' : 'false'];
		case 0x0f: {
			const h = Buffer.from(b);
			h.subarray(0, 4).reverse();
			h.subarray(4, 6).reverse();
			h.subarray(6, 8).reverse();
			const x = h.toString('hex').toUpperCase();
			return [`{${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}}`];
		}
		case 0x11: {
			const ticks = b.readBigUInt64LE(0);
			const ms = Number(ticks / 10_000n) - 11_644_473_600_000;
			return [`${new Date(ms).toISOString().slice(0, 19)}.${String(ticks % 10_000_000n).padStart(7, '0')}Z`];
		}
		case 0x14:
			return [`0x${b.readUInt32LE(0).toString(16)}`];
		case 0x81:
			return b.toString('utf16le').split('\0').slice(0, -1);
		default:
			throw new Error(`no text form for value type 0x${v.type.toString(16)} in this printer`);
	}
}

/**
 * The events as `wevtutil qe <log> /f:xml` prints them (one `<Event>` per line, no root, no RenderingInfo):
 * the XML export of the log buildEvtx writes from the same events, for comparing the two readers.
 */
export function exportXml(events: readonly WriterEvent[]): string {
	let nextId = 1;
	return events
		.map((e) => {
			const id = e.recordId ?? nextId;
			nextId = id + 1;
			const attr = (name: string, value: string | number | undefined) => (value === undefined ? '' : ` ${name}='${esc(String(value))}'`);
			const system =
				`<System><Provider Name='${esc(e.provider)}'${attr('Guid', e.providerGuid)}${attr('EventSourceName', e.eventSourceName)}/>` +
				`<EventID${attr('Qualifiers', e.qualifiers)}>${e.eventId}</EventID>${e.version === undefined ? '' : `<Version>${e.version}</Version>`}<Level>${e.level}</Level>` +
				`<Task>${e.task ?? 0}</Task>${e.opcode === undefined ? '' : `<Opcode>${e.opcode}</Opcode>`}<Keywords>0x${(e.keywords ?? 0x80000000000000n).toString(16)}</Keywords>` +
				`<TimeCreated SystemTime='${e.time}'/><EventRecordID>${id}</EventRecordID><Correlation/>` +
				`<Execution ProcessID='${e.processId ?? 0}' ThreadID='${e.threadId ?? 0}'/><Channel>${esc(e.channel)}</Channel><Computer>${esc(e.computer)}</Computer>` +
				`<Security${attr('UserID', e.userSid)}/></System>`;
			let body: string;
			if (e.userData) {
				const u = e.userData;
				body = `<UserData><${u.element} xmlns='${u.ns}'>${u.fields
					.map((f) =>
						valueTexts(f.value)
							.map((t) => `<${f.name}>${esc(t)}</${f.name}>`)
							.join(''),
					)
					.join('')}</${u.element}></UserData>`;
			} else if (e.data) {
				body = `<EventData>${e.data
					.map((d) =>
						valueTexts(d.value)
							.map((t) => `<Data Name='${esc(d.name)}'>${esc(t)}</Data>`)
							.join(''),
					)
					.join('')}</EventData>`;
			} else {
				const binary = e.binary ? `<Binary>${e.binary.toString('hex').toUpperCase()}</Binary>` : '';
				body = `<EventData>${(e.strings ?? []).map((s) => `<Data>${esc(s)}</Data>`).join('')}${binary}</EventData>`;
			}
			const r = e.rendering;
			const rendering = r ? `<RenderingInfo Culture='${r.culture}'><Message>${esc(r.message)}</Message><Level>${esc(r.level)}</Level></RenderingInfo>` : '';
			return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>${system}${body}${rendering}</Event>\n`;
		})
		.join('');
}
