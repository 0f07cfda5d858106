import * as fs from 'fs';
import * as path from 'path';

/** A file found under the analysed paths. */
export interface FoundFile {
	/** Absolute path on disk. */
	abs: string;
	/** Report path: relative to the root, `/` separators. */
	rel: string;
	size: number;
}

/** Version-control folders are never part of a support bundle. */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn']);

/**
 * The report root for a set of paths: the folder itself for one folder, otherwise the deepest folder
 * containing every path.
 */
export function rootOf(paths: readonly string[]): string {
	const abs = paths.map((p) => path.resolve(p));
	const dirs = abs.map((p) => (fs.statSync(p).isDirectory() ? p : path.dirname(p)));
	let root = dirs[0];
	while (!dirs.every((d) => d === root || d.startsWith(root.endsWith(path.sep) ? root : root + path.sep))) root = path.dirname(root);
	return root;
}

/**
 * Lists regular files under the given files/folders, sorted by report path. Symbolic links to folders are
 * not followed (no loops); devices, FIFOs and sockets are skipped. Folders that cannot be listed are
 * returned in `unreadable` with the reason, so the report can show them.
 */
export function discover(paths: readonly string[], root: string): { files: FoundFile[]; unreadable: { rel: string; reason: string }[] } {
	const out = new Map<string, FoundFile>();
	const unreadable: { rel: string; reason: string }[] = [];
	const relOf = (abs: string) => path.relative(root, abs).split(path.sep).join('/') || path.basename(abs);
	const add = (abs: string, size: number) => {
		const rel = relOf(abs);
		out.set(rel, { abs, rel, size });
	};
	const walk = (dir: string) => {
		let entries: fs.Dirent[];
		try {
			entries = fs.readdirSync(dir, { withFileTypes: true });
		} catch (e) {
			unreadable.push({ rel: relOf(dir), reason: `Cannot list the folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.` });
			return;
		}
		for (const entry of entries) {
			const abs = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				if (!SKIP_DIRS.has(entry.name)) walk(abs);
			} else if (entry.isFile()) {
				// A file can vanish between the listing and the stat: it is then simply not there.
				const st = fs.statSync(abs, { throwIfNoEntry: false });
				if (st) add(abs, st.size);
			} else if (entry.isSymbolicLink()) {
				const st = fs.statSync(abs, { throwIfNoEntry: false });
				if (st?.isFile()) add(abs, st.size);
			}
		}
	};
	for (const p of paths) {
		const abs = path.resolve(p);
		const st = fs.statSync(abs);
		if (st.isDirectory()) walk(abs);
		else if (st.isFile()) add(abs, st.size);
	}
	const files = [...out.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
	return { files, unreadable };
}
