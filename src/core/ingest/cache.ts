import type * as fs from 'fs';
import type { Facts } from '../formats/lib/format';
import type { InputFile } from '../model/report';

/** What reading one file gives (a text or an .evtx): its input entry, the entries of its further sections, and its facts. */
export interface TextFileRead {
	input: InputFile;
	/** A text cut into sections (see sections.ts): the entries after `input`, which is the first; else empty. */
	sections: InputFile[];
	facts: Partial<Facts>;
}

/** What a file's read is kept under: its size (bytes) and mtime (ms) when it was read. */
export type Stamp = Pick<fs.Stats, 'size' | 'mtimeMs'>;

/**
 * Read results of on-disk files (text, and .evtx) by path, size and mtime, kept between runs: a
 * re-analysis after a change re-reads only the files whose size or mtime changed. Archives are always read again (their
 * members live in memory only while they are read). Entries are shared with the runs, not copied: no step
 * of an analysis alters what a file's read gave (the clock alignment makes new inputs and records).
 */
export class ReadCache {
	private entries = new Map<string, { size: number; mtimeMs: number; read: TextFileRead }>();
	private seen = new Set<string>();
	/** Of the current or last run: files read from disk (text or .evtx), and files whose earlier result was reused. */
	stats = { reread: 0, reused: 0 };

	/** Starts a run: counts from zero; entries of files the run does not see are dropped at its end. */
	begin(): void {
		this.stats = { reread: 0, reused: 0 };
		this.seen = new Set();
	}

	/** Drops the entries of files the run did not see (deleted, or outside the analysed paths). */
	end(): void {
		for (const key of this.entries.keys()) if (!this.seen.has(key)) this.entries.delete(key);
	}

	/** Whether an earlier run kept a read of this file (whatever its size and mtime now). */
	has(abs: string, rel: string): boolean {
		return this.entries.has(`${abs}\0${rel}`);
	}

	get(abs: string, rel: string, stat: Stamp): TextFileRead | null {
		const key = `${abs}\0${rel}`;
		this.seen.add(key);
		const e = this.entries.get(key);
		return e && e.size === stat.size && e.mtimeMs === stat.mtimeMs ? e.read : null;
	}

	/** Keeps a file's read; the run has seen it (a parallel run puts files it never asked the cache for). */
	put(abs: string, rel: string, stat: Stamp, read: TextFileRead): void {
		const key = `${abs}\0${rel}`;
		this.seen.add(key);
		this.entries.set(key, { size: stat.size, mtimeMs: stat.mtimeMs, read });
	}

	/** The size and mtime a file's kept read was taken at; null when none is kept (an archive, a .gz, a file that could not be read). */
	stamp(abs: string, rel: string): Stamp | null {
		const e = this.entries.get(`${abs}\0${rel}`);
		return e ? { size: e.size, mtimeMs: e.mtimeMs } : null;
	}
}
