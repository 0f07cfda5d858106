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
