import { own } from '../../decode/decode';

/** Most continuation lines kept per message; later ones still count as parsed but are not kept. */
export const MAX_KEPT_CONTINUATION_LINES = 50;

/** A log message being read: what its first line said, and the continuation lines after it. */
export interface JoinedMessage<H> {
	head: H;
	/** 1-based line of the first line. */
	lineNo: number;
	/** The first line as read. */
	text: string;
	/** Continuation lines kept, in order (at most MAX_KEPT_CONTINUATION_LINES). */
	more: string[];
}

/**
 * Joins the continuation lines of a multi-line log message to the line that starts it, so that a reader
 * classifies the whole message once, when the next message starts (or at the end of the file). Push-based:
 * it holds one message at a time, never the file.
 */
export class MessageJoiner<H> {
	private open: JoinedMessage<H> | null = null;

	constructor(private readonly complete: (message: JoinedMessage<H>) => void) {}

	/** A line that starts a new message: the one before it is complete. */
	start(head: H, lineNo: number, text: string): void {
		this.flush();
		this.open = { head, lineNo, text, more: [] };
	}

	/** Adds a continuation line to the open message; false when no message is open (the line belongs to nothing). */
	continueWith(text: string): boolean {
		if (!this.open) return false;
		if (this.open.more.length < MAX_KEPT_CONTINUATION_LINES) this.open.more.push(text);
		return true;
	}

	/** Completes the open message, if any (before a line that fits no shape, and at the end of the file). */
	flush(): void {
		const done = this.open;
		this.open = null;
		if (done) this.complete(done);
	}
}

/**
 * A message whose lines a quick lane took (see QuickPass), kept as ranges of the decoded windows they are
 * in: it makes no record unless a later line of it matters, and only then are its lines made strings.
 * One per reader, reused: taking a line allocates nothing.
 */
export class TakenMessage {
	// Reused arrays with a count: truncating an array (`length = 0`) is a runtime call in V8, too slow per line.
	private readonly chunks: string[] = [];
	/** start, end and line number of each line, in order. */
	private readonly at: number[] = [];
	private n = 0;

	get open(): boolean {
		return this.n > 0;
	}

	/** Lines held, the first line included. */
	get size(): number {
		return this.n;
	}

	/** Starts the message at its first line, dropping the one before. */
	start(chunk: string, start: number, end: number, lineNo: number): void {
		this.clear();
		this.add(chunk, start, end, lineNo);
	}

	add(chunk: string, start: number, end: number, lineNo: number): void {
		const i = this.n++;
		this.chunks[i] = chunk;
		this.at[3 * i] = start;
		this.at[3 * i + 1] = end;
		this.at[3 * i + 2] = lineNo;
	}

	/** Drops the message; its windows are let go (one held here would stay alive with it). */
	clear(): void {
		for (let i = 0; i < this.n; i++) this.chunks[i] = '';
		this.n = 0;
	}

	/** The lines as strings copied out of their chunks (see `own`), and the message's first line number; the message is then dropped. */
	take(): { lines: string[]; lineNo: number } {
		const lines: string[] = [];
		for (let i = 0; i < this.n; i++) lines.push(own(this.chunks[i].slice(this.at[3 * i], this.at[3 * i + 1])));
		const lineNo = this.at[2];
		this.clear();
		return { lines, lineNo };
	}

	/** The first line's number. */
	get firstLine(): number {
		return this.at[2];
	}

	/** Line `i`: its chunk, and where in it the line starts and ends. */
	chunkAt(i: number): string {
		return this.chunks[i];
	}
	startAt(i: number): number {
		return this.at[3 * i];
	}
	endAt(i: number): number {
		return this.at[3 * i + 1];
	}

	/** Starts the message as a copy of `other`'s (whose windows both then hold). */
	copy(other: TakenMessage): void {
		this.clear();
		for (let i = 0; i < other.n; i++) this.add(other.chunks[i], other.at[3 * i], other.at[3 * i + 1], other.at[3 * i + 2]);
	}
}
