import { pushTo } from '../collections';
import type { Writer, WriterListing } from '../model/report';

/** The key a listing's writers name it by (Writer.listing): its id, or its path. */
export const listingId = (l: WriterListing): string => l.id ?? l.path;

/** A listing's name for a person: its path, and its line when its file holds several. */
export const listingLabel = (l: WriterListing): string => (l.line === undefined ? l.path : `${l.path}:${l.line}`);

/**
 * Tells apart the listings one file holds (listings pasted one after the other, read by one reader or in
 * sections of a paste): each after the file's first gets the id `path#n` (n from 2), and each writer of the
 * file the id of the listing it is in, the last to start at or before its name's line. A listing alone in its
 * file keeps its path as its id and says no line (readers give each listing's start line for this).
 */
export function separateListings(listings: readonly WriterListing[], writers: readonly Writer[]): void {
	const byPath = new Map<string, WriterListing[]>();
	for (const l of listings) pushTo(byPath, l.path, l);
	for (const [path, own] of byPath) {
		if (own.length === 1) {
			delete own[0].line;
			continue;
		}
		const ordered = [...own].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
		for (const [k, l] of ordered.entries()) if (k > 0) l.id = `${path}#${k + 1}`;
		for (const w of writers) {
			if (w.listing !== path) continue;
			let at = ordered[0];
			for (const l of ordered) if ((l.line ?? 0) <= w.source.line) at = l;
			w.listing = listingId(at);
		}
	}
}
