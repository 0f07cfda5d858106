import type { Sink } from './walk';

const SPECIAL = /[<>&"']/;
const ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/** Text escaped for XML content and double-quoted attributes. */
function escape(s: string): string {
	return SPECIAL.test(s) ? s.replace(/[<>&"']/g, (c) => ESCAPES[c]) : s;
}

/**
 * Renders the walk as Event XML on one line, the shape `wevtutil qe /f:xml` prints (double-quoted
 * attributes, `<Tag/>` for empty elements), which windowsEventsXml.ts reads back.
 */
export class XmlSink implements Sink {
	private out = '';
	private readonly open: string[] = [];
	/** A start tag is written up to its attributes and still waits for `>` or `/>`. */
	private pending = false;

	private flush(): void {
		if (this.pending) {
			this.out += '>';
			this.pending = false;
		}
	}

	start(name: string): void {
		this.flush();
		this.out += `<${name}`;
		this.open.push(name);
		this.pending = true;
	}

	attr(name: string, value: string): void {
		this.out += ` ${name}="${escape(value)}"`;
	}

	text(text: string): void {
		if (text === '') return;
		this.flush();
		this.out += escape(text);
	}

	entity(name: string): void {
		this.flush();
		this.out += `&${name};`;
	}

	cdata(text: string): void {
		this.flush();
		this.out += `<![CDATA[${text}]]>`;
	}

	pi(target: string, data: string): void {
		this.flush();
		this.out += `<?${target} ${data}?>`;
	}

	end(): void {
		const name = this.open.pop();
		if (this.pending) {
			this.out += '/>';
			this.pending = false;
		} else this.out += `</${name}>`;
	}

	/** The XML written so far. */
	toString(): string {
		return this.out;
	}
}

/** Feeds one walk to several sinks (the event extractor and, when asked, the XML renderer). */
export class TeeSink implements Sink {
	constructor(
		private readonly a: Sink,
		private readonly b: Sink,
	) {}
	start(name: string): void {
		this.a.start(name);
		this.b.start(name);
	}
	attr(name: string, value: string): void {
		this.a.attr(name, value);
		this.b.attr(name, value);
	}
	text(text: string): void {
		this.a.text(text);
		this.b.text(text);
	}
	entity(name: string): void {
		this.a.entity(name);
		this.b.entity(name);
	}
	cdata(text: string): void {
		this.a.cdata(text);
		this.b.cdata(text);
	}
	pi(target: string, data: string): void {
		this.a.pi(target, data);
		this.b.pi(target, data);
	}
	end(): void {
		this.a.end();
		this.b.end();
	}
}
