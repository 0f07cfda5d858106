/**
 * ESXi's in-memory file systems (visorfs ramdisks) by where they are mounted, for a path an agent could not
 * write: `vdf -h` names the ramdisks, hostd names the file. The mount points are ESXi's own (the same on
 * 4.x and later); most specific first.
 */
const MOUNTS: readonly { path: string; ramdisk: string }[] = [
	{ path: '/var/lib/vmware/hostd/stats', ramdisk: 'hostdstats' },
	{ path: '/var/spool/snmp', ramdisk: 'snmptraps' },
	{ path: '/tmp', ramdisk: 'tmp' },
];

/** The ramdisk a path is on, when it is under one of the mount points above; null for any other path. */
export function ramdiskOf(path: string): string | null {
	return MOUNTS.find((m) => path === m.path || path.startsWith(`${m.path}/`))?.ramdisk ?? null;
}

/** The ramdisk where hostd keeps its performance statistics: full, it makes hostd fail and crash. */
export const HOSTD_STATS_RAMDISK = 'hostdstats';
