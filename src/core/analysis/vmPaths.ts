import { pushTo } from '../collections';

/**
 * Which VM a file is about, from its path: a folder (or archive) named after the VM, as bundles are laid
 * out (`<datastore>/SQL-01/vmware.log`, `guest-SQL-01/…`, `SQL-01_logs.zip!/…`). Used where time alone
 * cannot tell two VMs' evidence apart: the evidence windows of attempts and the clock anchors.
 */

/**
 * A lookup of the one VM of `vms` a path names as a whole token of one of its segments (case-insensitive;
 * `VM-1` is not in `VM-10`), or null when it names none or several. Answers are cached per path.
 *
 * A token starts a segment or follows a character other than a-z and 0-9, and ends the segment or comes
 * before one: each such stretch of each segment, of a VM name's length, is looked up in a map of the names.
 * The work follows the path's length, not the number of VMs (comparing every name with every path was
 * files × VMs: 750,000 comparisons on a 500-VM bundle of 1,501 files).
 */
export function vmOfPath(vms: Iterable<string>): (path: string) => string | null {
	// Each lower-cased name and the VMs it stands for (two VMs whose names differ only in case: both).
	const byName = new Map<string, string[]>();
	let shortest = Infinity;
	let longest = 0;
	for (const vm of new Set(vms)) {
		const lower = vm.toLowerCase();
		if (lower === '') continue;
		pushTo(byName, lower, vm);
		shortest = Math.min(shortest, lower.length);
		longest = Math.max(longest, lower.length);
	}
	const cache = new Map<string, string | null>();
	return (path) => {
		let vm = cache.get(path);
		if (vm === undefined) {
			const named = new Set<string>();
			for (const segment of path.toLowerCase().split(/!\/|\//)) {
				for (let from = 0; from <= segment.length - shortest; from++) {
					if (from > 0 && isWordChar(segment.charCodeAt(from - 1))) continue;
					const last = Math.min(segment.length, from + longest);
					for (let to = from + shortest; to <= last; to++) {
						if (to < segment.length && isWordChar(segment.charCodeAt(to))) continue;
						for (const v of byName.get(segment.slice(from, to)) ?? []) named.add(v);
					}
				}
			}
			vm = named.size === 1 ? named.values().next().value! : null;
			cache.set(path, vm);
		}
		return vm;
	};
}

/** a-z or 0-9: what a VM name's token may not run on into (the path is lower-cased). */
const isWordChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/** The VM folder a vmware.log sits in (`…/SQL-01/vmware.log` → `SQL-01`), or null at the root. */
export function vmxLogFolder(path: string): string | null {
	const parts = path.split(/!\/|\//);
	return parts.length >= 2 ? parts[parts.length - 2] : null;
}

/** `/vmfs/volumes/…/SQL-PRD-07/SQL-PRD-07.vmx` → `SQL-PRD-07`. */
export const vmOfVmx = (vmx: string | null) =>
	vmx
		? vmx
				.split('/')
				.pop()!
				.replace(/\.vmx$/i, '')
		: null;
