import type { WriterStateName } from '../model/report';

/** A `VSS_WRITER_STATE` value (vss.h) and what it tells about the backup phase. */
export interface WriterStateInfo {
	code: number;
	name: WriterStateName;
	/** Short phrase for lists, e.g. `failed at freeze`. */
	short: string;
	/** The VSS event the writer was handling, for failed states (`Freeze`, `PrepareForSnapshot` …). */
	phase: string | null;
	failed: boolean;
}

const S = (code: number, name: WriterStateName, short: string, phase: string | null): WriterStateInfo =>
	({ code, name, short, phase, failed: code >= 6 });

/**
 * VSS_WRITER_STATE by number (Microsoft Learn, ne-vss-vss_writer_state). vssadmin prints only a coarse,
 * localized word after `[n]` ("Failed" for 6–15), so the number is the only reliable phase.
 */
export const WRITER_STATES: readonly WriterStateInfo[] = [
	S(0, 'VSS_WS_UNKNOWN', 'unknown state', null),
	S(1, 'VSS_WS_STABLE', 'stable', null),
	S(2, 'VSS_WS_WAITING_FOR_FREEZE', 'waiting for freeze', 'PrepareForSnapshot'),
	S(3, 'VSS_WS_WAITING_FOR_THAW', 'frozen, waiting for thaw', 'Freeze'),
	S(4, 'VSS_WS_WAITING_FOR_POST_SNAPSHOT', 'waiting for post-snapshot', 'Thaw'),
	S(5, 'VSS_WS_WAITING_FOR_BACKUP_COMPLETE', 'waiting for backup complete', 'PostSnapshot'),
	S(6, 'VSS_WS_FAILED_AT_IDENTIFY', 'failed at identify', 'Identify'),
	S(7, 'VSS_WS_FAILED_AT_PREPARE_BACKUP', 'failed at prepare backup', 'PrepareForBackup'),
	S(8, 'VSS_WS_FAILED_AT_PREPARE_SNAPSHOT', 'failed at prepare snapshot', 'PrepareForSnapshot'),
	S(9, 'VSS_WS_FAILED_AT_FREEZE', 'failed at freeze', 'Freeze'),
	S(10, 'VSS_WS_FAILED_AT_THAW', 'failed at thaw', 'Thaw'),
	S(11, 'VSS_WS_FAILED_AT_POST_SNAPSHOT', 'failed at post-snapshot', 'PostSnapshot'),
	S(12, 'VSS_WS_FAILED_AT_BACKUP_COMPLETE', 'failed at backup complete', 'BackupComplete'),
	S(13, 'VSS_WS_FAILED_AT_PRE_RESTORE', 'failed at pre-restore', 'PreRestore'),
	S(14, 'VSS_WS_FAILED_AT_POST_RESTORE', 'failed at post-restore', 'PostRestore'),
	S(15, 'VSS_WS_FAILED_AT_BACKUPSHUTDOWN', 'failed at backup shutdown', 'BackupShutdown'),
];

/** The state for `[n]`, or undefined for numbers VSS does not define. */
export function writerState(code: number): WriterStateInfo | undefined {
	return WRITER_STATES[code];
}
