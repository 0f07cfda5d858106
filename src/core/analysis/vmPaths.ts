/**
 * Which VM a file is about, from its path: a folder (or archive) named after the VM, as bundles are laid
 * out (`<datastore>/SQL-01/vmware.log`, `guest-SQL-01/…`, `SQL-01_logs.zip!/…`). Used where time alone
 * cannot tell two VMs' evidence apart: the evidence windows of attempts and the clock anchors.
 */

/**
 * A lookup of the one VM of `vms` a path names as a whole token of one of its segments (case-insensitive;
 * `VM-1` is not in `VM-10`), or null when it names none or several. Answers are cached per path.
 */
export function vmOfPath(vms: Iterable<string>): (path: string) => string | null {
	const names = [...new Set(vms)].map((v) => ({ vm: v, lower: v.toLowerCase() }));
	const cache = new Map<string, string | null>();
	return (path) => {
		let vm = cache.get(path);
		if (vm === undefined) {
			const segments = path.toLowerCase().split(/!\/|\//);
			const named = names.filter((n) => segments.some((s) => hasToken(s, n.lower)));
			vm = named.length === 1 ? named[0].vm : null;
			cache.set(path, vm);
		}
		return vm;
	};
}

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

/** Whether `name` stands in `segment` as a whole token (not inside a longer name). */
function hasToken(segment: string, name: string): boolean {
	for (let at = segment.indexOf(name); at >= 0; at = segment.indexOf(name, at + 1)) {
		const before = at === 0 ? '' : segment[at - 1];
		const after = segment[at + name.length] ?? '';
		if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
	}
	return false;
}
