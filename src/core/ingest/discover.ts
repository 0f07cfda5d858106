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

/** What a file-system error code means, for a problem line (`permission denied (EACCES)`). */
export function describeFsError(e: unknown): string {
	const code = (e as NodeJS.ErrnoException).code;
	const words: Record<string, string> = {
		EACCES: 'permission denied',
		EPERM: 'permission denied',
		ENOENT: 'it vanished after the folder was listed',
		ELOOP: 'a loop of symbolic links',
		EIO: 'an input/output error',
		EISDIR: 'it is a folder',
		EMFILE: 'too many open files',
		ENAMETOOLONG: 'the name is too long',
		ENOTDIR: 'a path component is not a folder',
		EBUSY: 'the file is busy',
	};
	return code ? `${words[code] ?? 'a file-system error'} (${code})` : (e as Error).message;
}

/** Why a directory entry that is neither a regular file nor a folder is not read (never opened: a FIFO would block). */
function specialKind(st: fs.Stats | fs.Dirent): string | null {
	if (st.isFIFO()) return 'a FIFO (named pipe)';
	if (st.isSocket()) return 'a socket';
	if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
	return null;
}

/**
 * Lists regular files under the given files/folders, sorted by report path. Symbolic links to folders are
 * not followed (no loops); devices, FIFOs and sockets are never opened. Whatever is not read — folders
 * that cannot be listed, links that lead nowhere or in a loop, special files — is returned in
 * `unreadable` with one sentence, so the report can show it.
 */
export function discover(paths: readonly string[], root: string): { files: FoundFile[]; unreadable: { rel: string; reason: string }[] } {
	const out = new Map<string, FoundFile>();
	const unreadable: { rel: string; reason: string }[] = [];
	const relOf = (abs: string) => path.relative(root, abs).split(path.sep).join('/') || path.basename(abs);
	const add = (abs: string, size: number) => {
		const rel = relOf(abs);
		out.set(rel, { abs, rel, size });
	};
	const skip = (abs: string, reason: string) => unreadable.push({ rel: relOf(abs), reason });
	const realRoot = fs.realpathSync(root);
	/** Whether a link's final target lies under the analysed root. */
	const inside = (abs: string) => {
		const target = fs.realpathSync(abs);
		return target === realRoot || target.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
	};
	/** stat that follows links; undefined when the target does not exist, the error when it cannot be reached. */
	const statOf = (abs: string): fs.Stats | undefined | { error: unknown } => {
		try {
			return fs.statSync(abs, { throwIfNoEntry: false });
		} catch (error) {
			return { error };
		}
	};
	const walk = (dir: string) => {
		let entries: fs.Dirent[];
		try {
			entries = fs.readdirSync(dir, { withFileTypes: true });
		} catch (e) {
			skip(dir, `Cannot list the folder: ${describeFsError(e)}.`);
			return;
		}
		for (const entry of entries) {
			const abs = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				if (!SKIP_DIRS.has(entry.name)) walk(abs);
				continue;
			}
			const special = specialKind(entry);
			if (special) {
				skip(abs, `Not read: ${special}, not a regular file.`);
				continue;
			}
			// A file can vanish between the listing and the stat: it is then simply not there.
			const st = statOf(abs);
			const link = entry.isSymbolicLink();
			if (st === undefined) {
				if (link) skip(abs, 'Not read: a symbolic link to nothing (its target does not exist).');
			} else if ('error' in st) {
				skip(abs, `Not read: ${link ? 'a symbolic link that cannot be followed' : 'cannot be examined'}: ${describeFsError(st.error)}.`);
			} else if (st.isFile()) {
				// A link out of the bundle (to /etc/shadow, to another customer's files) is never read.
				if (link && !inside(abs)) skip(abs, 'Not read: a symbolic link to a file outside the analysed folder.');
				else add(abs, st.size);
			} else if (st.isDirectory()) {
				skip(abs, 'Not read: a symbolic link to a folder (links to folders are not followed, so no loop is possible).');
			} else {
				skip(abs, `Not read: a link to ${specialKind(st) ?? 'something'} that is not a regular file.`);
			}
		}
	};
	for (const p of paths) {
		const abs = path.resolve(p);
		const st = fs.statSync(abs);
		if (st.isDirectory()) walk(abs);
		else if (st.isFile()) add(abs, st.size);
		else skip(abs, `Not read: ${specialKind(st) ?? 'a special file'}, not a regular file.`);
	}
	const files = [...out.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
	return { files, unreadable };
}
