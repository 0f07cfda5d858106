/**
 * The time limits a quiesce runs against (ms), with where each is stated. Writers and providers give up at
 * these limits whatever the backup product asks.
 */

/** A writer gives up when Thaw does not follow Freeze within 60 s (Microsoft Learn: Writer Errors and Vetoes; Veeam KB1377). */
export const WRITER_FREEZE_LIMIT_MS = 60_000;
/** The Exchange writer's freeze–thaw window: 20 s (Veeam KB1377, Veeam user guide "Persistent VSS Snapshots"). */
export const EXCHANGE_FREEZE_LIMIT_MS = 20_000;
/** VSS gives the provider 10 s to hold writes and create the shadow copy (Microsoft KB 975688). */
export const FLUSH_HOLD_LIMIT_MS = 10_000;
/** VMware Tools' default guest quiesce timeout: open-vm-tools GUEST_QUIESCE_DEFAULT_TIMEOUT_IN_SEC = 15 min (formats.md §3.2). */
export const TOOLS_QUIESCE_TIMEOUT_MS = 15 * 60_000;

/** The window checks' names (report `windows[].name`): the one place they are spelled. */
export const WINDOW_NAMES = {
	toolsTimeout: 'Tools quiesce timeout',
	flushHold: 'VSS flush-and-hold',
	writerFreeze: 'writer freeze-thaw',
	exchangeFreeze: 'Exchange writer freeze',
} as const;
