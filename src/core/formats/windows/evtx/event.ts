import { appendAll } from '../../../collections';
import { intOf as int } from './plan';
import { entityText, type Sink } from './walk';

/** One `<Data>` of EventData (`name` = its Name attribute, null for classic events), or one UserData leaf (`name` = its element). */
export interface EvtxData {
	name: string | null;
	value: string;
}

/**
 * One event record as read from an `.evtx` file: the values the Event XML reader (windowsEventsXml.ts)
 * takes from `<System>`, `<EventData>`/`<UserData>`, plus where the record was found. Numbers are null
 * when the event does not carry them; strings are as Event XML prints them.
 */
export interface EvtxEvent {
	/** System/EventRecordID as the Event XML reader reads it; the record header's id when absent (they normally agree). */
	recordId: number;
	/** System/TimeCreated/@SystemTime, truncated to ms (`2024-03-03T16:59:58.904Z`); the record header's written time when absent. */
	timeCreated: string;
	/** Provider/@Name (`VSS`, `Service Control Manager`). */
	provider: string | null;
	providerGuid: string | null;
	/** Provider/@EventSourceName (manifest providers that also log under a classic source name, e.g. `volsnap`). */
	eventSourceName: string | null;
	/** EventID text: the low 16 bits of a classic message id. */
	eventId: number | null;
	/** EventID/@Qualifiers: the high 16 bits of a classic message id (49158 for volsnap errors). */
	qualifiers: number | null;
	version: number | null;
	/** 1 critical, 2 error, 3 warning, 4 information, 0 LogAlways. */
	level: number | null;
	task: number | null;
	opcode: number | null;
	/** Keywords as printed (`0x80000000000000`). */
	keywords: string | null;
	channel: string | null;
	computer: string | null;
	/** Security/@UserID (`S-1-5-18`). */
	userSid: string | null;
	processId: number | null;
	threadId: number | null;
	/** EventData `<Data>` items in order (empty ones kept: they are positional), or UserData leaves flattened. */
	data: EvtxData[];
	/** EventData/Binary as upper-case hex, when present. */
	binary: string | null;
	/**
	 * RenderingInfo/Message and RenderingInfo/Level (the level word): only events a collector stored as
	 * rendered text carry them (evtx-format.md §8); a local log stores no message text.
	 */
	message: string | null;
	levelText: string | null;
	/** True for a record carved from chunk slack or from a chunk whose header is gone (not a live event). */
	recovered: boolean;
	/** Chunk number (0-based slot in the file). */
	chunk: number;
	/** Byte offset of the record in the file. */
	offset: number;
	/** The event as Event XML text, only when asked for (readEvtx option `xml`). */
	xml?: string;
}

/** What TimeCreated@SystemTime text becomes: ISO 8601 UTC with exactly three fractional digits, truncated. */
export function isoToMs(text: string): string | null {
	// The shape this reader prints (nine digits) is cut without a regex: it runs for every record.
	if (text.length === 30 && text.charCodeAt(19) === 0x2e && text.charCodeAt(29) === 0x5a) return `${text.slice(0, 23)}Z`;
	const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d*))?Z$/.exec(text);
	return m ? `${m[1]}.${((m[2] ?? '') + '000').slice(0, 3)}Z` : null;
}

/**
 * An event with no values yet (`timeCreated` '' until one is found). Every event is made here, so all
 * share one property order — one hidden class, which keeps the consumers' property reads monomorphic.
 */
export function newEvent(recordId: number, chunk: number, offset: number, recovered: boolean): EvtxEvent {
	return {
		recordId,
		timeCreated: '',
		provider: null,
		providerGuid: null,
		eventSourceName: null,
		eventId: null,
		qualifiers: null,
		version: null,
		level: null,
		task: null,
		opcode: null,
		keywords: null,
		channel: null,
		computer: null,
		userSid: null,
		processId: null,
		threadId: null,
		data: [],
		binary: null,
		message: null,
		levelText: null,
		recovered,
		chunk,
		offset,
	};
}

/** A UserData element while it is open: its text and its element children (for the xml2js-like flattening). */
interface UserNode {
	name: string;
	text: string;
	children: UserNode[];
}

/**
 * Builds an EvtxEvent from the walk. Positions are told by depth: 1 = Event, 2 = System/EventData/UserData,
 * 3 = their children. Only UserData allocates a tree (it is rare and arbitrarily nested).
 */
export class EventSink implements Sink {
	private depth = 0;
	private section = '';
	private field = '';
	private text_ = '';
	private dataName: string | null = null;
	/** Open UserData elements (innermost last) and the closed children of UserData itself. */
	private user: UserNode[] = [];
	private userTop: UserNode[] = [];

	/** `event` (from newEvent) is filled in place. */
	constructor(readonly event: EvtxEvent) {}

	start(name: string): void {
		const d = ++this.depth;
		if (d === 2) this.section = name;
		else if (d === 3) {
			this.field = name;
			this.text_ = '';
			this.dataName = null;
		}
		if (d >= 3 && this.section === 'UserData') this.user.push({ name, text: '', children: [] });
	}

	attr(name: string, value: string): void {
		if (this.depth !== 3) return;
		const e = this.event;
		if (this.section === 'EventData') {
			if (name === 'Name') this.dataName = value;
			return;
		}
		if (this.section !== 'System') return;
		switch (this.field) {
			case 'Provider':
				if (name === 'Name') e.provider = value;
				else if (name === 'Guid') e.providerGuid = value;
				else if (name === 'EventSourceName') e.eventSourceName = value;
				break;
			case 'EventID':
				if (name === 'Qualifiers') e.qualifiers = int(value);
				break;
			case 'TimeCreated':
				if (name === 'SystemTime') e.timeCreated = isoToMs(value) ?? e.timeCreated;
				break;
			case 'Security':
				if (name === 'UserID') e.userSid = value;
				break;
			case 'Execution':
				if (name === 'ProcessID') e.processId = int(value);
				else if (name === 'ThreadID') e.threadId = int(value);
				break;
		}
	}

	text(text: string): void {
		if (this.depth === 3) this.text_ += text;
		if (this.user.length > 0) this.user[this.user.length - 1].text += text;
	}

	entity(name: string): void {
		this.text(entityText(name));
	}

	cdata(text: string): void {
		this.text(text);
	}

	pi(): void {
		// Processing instructions carry no event value.
	}

	end(): void {
		const d = this.depth--;
		if (d >= 3 && this.section === 'UserData') {
			const node = this.user.pop();
			if (node) (this.user.length > 0 ? this.user[this.user.length - 1].children : this.userTop).push(node);
		} else if (d === 2 && this.section === 'UserData') this.event.data = userLeaves(this.userTop);
		if (d !== 3) return;
		const e = this.event,
			t = this.text_;
		if (this.section === 'EventData') {
			if (this.field === 'Data') e.data.push({ name: this.dataName, value: t });
			else if (this.field === 'Binary') e.binary = t;
			return;
		}
		if (this.section === 'RenderingInfo') {
			if (this.field === 'Message') e.message = t;
			else if (this.field === 'Level') e.levelText = t;
			return;
		}
		if (this.section !== 'System') return;
		switch (this.field) {
			case 'EventID':
				e.eventId = int(t);
				break;
			case 'EventRecordID':
				e.recordId = int(t) ?? e.recordId;
				break;
			case 'Version':
				e.version = int(t);
				break;
			case 'Level':
				e.level = int(t);
				break;
			case 'Task':
				e.task = int(t);
				break;
			case 'Opcode':
				e.opcode = int(t);
				break;
			case 'Keywords':
				e.keywords = t;
				break;
			case 'Channel':
				e.channel = t;
				break;
			case 'Computer':
				e.computer = t;
				break;
		}
	}
}

/**
 * UserData leaves as the XML reader's xml2js tree yields them: children grouped by element name in order
 * of first appearance, an element with element children recursed into, any other giving its text.
 */
function userLeaves(nodes: readonly UserNode[]): EvtxData[] {
	const out: EvtxData[] = [];
	const groups = new Map<string, UserNode[]>();
	for (const n of nodes) {
		const g = groups.get(n.name);
		if (g) g.push(n);
		else groups.set(n.name, [n]);
	}
	for (const group of groups.values()) {
		for (const n of group) {
			if (n.children.length > 0) appendAll(out, userLeaves(n.children));
			else out.push({ name: n.name, value: n.text });
		}
	}
	return out;
}
