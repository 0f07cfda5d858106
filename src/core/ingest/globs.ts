/**
 * Exclusion globs (`quiesceLens.exclude`, `--exclude`) matched against report paths (`/` separators,
 * relative to the analysed root; archive members as `bundle.zip!/guest/x.log`). The syntax is VS Code's
 * `files.exclude`: `*` and `?` stay inside one path segment, `**` spans segments, `{a,b}` is either,
 * `[abc]` a character class. A pattern without a `/` matches the file name in any folder (as in
 * .gitignore), so `*.vmdk` skips disk images wherever they are.
 */

/** A compiled set of patterns: `match(path)` gives the first pattern that matches, or null. */
export interface Excluder {
	match(reportPath: string): string | null;
}

/** Longest pattern accepted (characters): a setting, not a program. */
const MAX_PATTERN = 1000;

/** The regular expression source for one glob (anchored by the caller). */
function globSource(glob: string): string {
	let out = '';
	let braces = 0;
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i];
		if (c === '*') {
			if (glob[i + 1] === '*') {
				// `**/` is any number of whole segments (also none); a trailing `**` is everything below.
				const slash = glob[i + 2] === '/';
				out += slash ? '(?:[^/]*/)*' : '.*';
				i += slash ? 2 : 1;
			} else {
				out += '[^/]*';
			}
		} else if (c === '?') {
			out += '[^/]';
		} else if (c === '{') {
			braces++;
			out += '(?:';
		} else if (c === '}' && braces > 0) {
			braces--;
			out += ')';
		} else if (c === ',' && braces > 0) {
			out += '|';
		} else if (c === '[') {
			const end = glob.indexOf(']', i + 2);
			if (end < 0) {
				out += '\\[';
			} else {
				const body = glob
					.slice(i + 1, end)
					.replace(/\\/g, '\\\\')
					.replace(/^!/, '^');
				out += `[${body}]`;
				i = end;
			}
		} else {
			out += c.replace(/[.+^$()|\\/[\]{}]/g, '\\$&');
		}
	}
	return out + ')'.repeat(braces);
}

/** Compiles patterns; empty or over-long ones are ignored. */
export function compileExcludes(patterns: readonly string[]): Excluder {
	const compiled = patterns
		.map((p) => p.trim())
		.filter((p) => p.length > 0 && p.length <= MAX_PATTERN)
		.map((p) => {
			const bare = p.replace(/^\.?\//, '');
			// No slash: the name in any folder. A trailing `/` or `/**` also excludes a folder's contents.
			const anywhere = !bare.includes('/');
			const body = globSource(bare.replace(/\/$/, '/**'));
			// 's': a path may hold a line break (an archive member's name is any bytes); without it `.*` stops there and backtracks.
			return { pattern: p, re: new RegExp(`^${anywhere ? '(?:.*/)?' : ''}${body}(?:/.*)?$`, 's') };
		});
	return {
		match(reportPath: string): string | null {
			// An archive member is matched as a path inside the archive's folder too: `bundle.zip!/a/b` → `bundle.zip/a/b`.
			const plain = reportPath.replace(/!\//g, '/');
			return compiled.find((c) => c.re.test(plain))?.pattern ?? null;
		},
	};
}
