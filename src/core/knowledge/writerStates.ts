import type { WriterStateName } from '../model/report';

/** A `VSS_WRITER_STATE` value (vss.h) and what it tells about the backup phase. */
export interface WriterStateInfo {
	code: number;
	name: WriterStateName;
	/** The VSS event the writer was handling, for failed states (`Freeze`, `PrepareForSnapshot` …). */
	phase: string | null;
	failed: boolean;
}

const S = (code: number, name: WriterStateName, phase: string | null): WriterStateInfo => ({ code, name, phase, failed: code >= 6 });

/**
 * VSS_WRITER_STATE by number (Microsoft Learn, ne-vss-vss_writer_state). vssadmin prints only a coarse,
 * localized word after `[n]` ("Failed" for 6–15), so the number is the only reliable phase. Its words, in
 * both languages, are the message catalogue's `word.writerState`.
 */
export const WRITER_STATES: readonly WriterStateInfo[] = [
	S(0, 'VSS_WS_UNKNOWN', null),
	S(1, 'VSS_WS_STABLE', null),
	S(2, 'VSS_WS_WAITING_FOR_FREEZE', 'PrepareForSnapshot'),
	S(3, 'VSS_WS_WAITING_FOR_THAW', 'Freeze'),
	S(4, 'VSS_WS_WAITING_FOR_POST_SNAPSHOT', 'Thaw'),
	S(5, 'VSS_WS_WAITING_FOR_BACKUP_COMPLETE', 'PostSnapshot'),
	S(6, 'VSS_WS_FAILED_AT_IDENTIFY', 'Identify'),
	S(7, 'VSS_WS_FAILED_AT_PREPARE_BACKUP', 'PrepareForBackup'),
	S(8, 'VSS_WS_FAILED_AT_PREPARE_SNAPSHOT', 'PrepareForSnapshot'),
	S(9, 'VSS_WS_FAILED_AT_FREEZE', 'Freeze'),
	S(10, 'VSS_WS_FAILED_AT_THAW', 'Thaw'),
	S(11, 'VSS_WS_FAILED_AT_POST_SNAPSHOT', 'PostSnapshot'),
	S(12, 'VSS_WS_FAILED_AT_BACKUP_COMPLETE', 'BackupComplete'),
	S(13, 'VSS_WS_FAILED_AT_PRE_RESTORE', 'PreRestore'),
	S(14, 'VSS_WS_FAILED_AT_POST_RESTORE', 'PostRestore'),
	S(15, 'VSS_WS_FAILED_AT_BACKUPSHUTDOWN', 'BackupShutdown'),
];

/** The state for `[n]`, or undefined for numbers VSS does not define. */
export function writerState(code: number): WriterStateInfo | undefined {
	return WRITER_STATES[code];
}
