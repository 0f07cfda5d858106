import type { Writer, WriterListing } from '../model/report';

/** A named variant of a format per product era or language, with sample text that is part of its definition. */
export interface FormatVariant {
	name: string;
	/** Whole sample files (lines joined with \n). The registry test proves each is detected as this format. */
	samples: readonly string[];
}

/** Why a format claimed a file; becomes `inputs[].formatReason`. */
export interface Detection {
	variant: string;
	reason: string;
}

/** A decoded file handed to a reader. */
export interface TextFile {
	/** Report path (relative to the root, `/` separators). */
	path: string;
	lines: readonly string[];
}

/** What readers extract; the analysis merges these across files. */
export interface Facts {
	writerListings: WriterListing[];
	writers: Writer[];
}

export interface ReadResult {
	facts: Partial<Facts>;
	unparsedLines: number;
	problems: string[];
}

/** One input format: data (id, title, docs, variants with samples) plus detect and read. */
export interface FormatDefinition {
	id: string;
	title: string;
	/** Where the format is documented. */
	url: string;
	variants: readonly FormatVariant[];
	/** Looks at the first lines only (see DETECT_LINES) and says why it matches, or null. */
	detect(head: readonly string[]): Detection | null;
	read(file: TextFile): ReadResult;
}

/** How many leading lines detection sees: enough for a header, a preamble and two blocks. */
export const DETECT_LINES = 80;
