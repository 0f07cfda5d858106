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
 * not followed (no loops); devices, FIFOs and sockets are skipped.
 */
export function discover(paths: readonly string[], root: string): FoundFile[] {
	const out = new Map<string, FoundFile>();
	const add = (abs: string, size: number) => {
		const rel = path.relative(root, abs).split(path.sep).join('/') || path.basename(abs);
		out.set(rel, { abs, rel, size });
	};
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const abs = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				if (!SKIP_DIRS.has(entry.name)) walk(abs);
			} else if (entry.isFile()) {
				add(abs, fs.statSync(abs).size);
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
	return [...out.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}
