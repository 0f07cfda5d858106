/**
 * The fixed English sentences the Bareos/Bacula Windows file daemon prints instead of codes (its
 * `JmsgVssWriterStatus` and `JmsgVssApiStatus`, src/win32/filed/vss_generic.cc): program text, the same on
 * every Windows language, so a sentence maps back to the number it stands for. A text not listed leaves the
 * number unknown; Windows' own localised text inside `ERR=` (FormatMessage, e.g. a German success text with
 * `(0x00000000)`) is read by its code only.
 */

/** `VSS Writer "…" has invalid state. ERR=<sentence>`: the sentence of each VSS_WRITER_STATE number. */
export const BACULA_WRITER_STATE_TEXTS: readonly (readonly [string, number])[] = [
	["writer's state is not known", 0],
	['waiting for the freeze state', 2],
	['waiting for the thaw state', 3],
	['waiting for the PostSnapshot state', 4],
	['at the writer identification state', 6],
	['during the backup preparation state', 7],
	['during the PrepareForSnapshot state', 8],
	['during the freeze state', 9],
	['during the thaw state', 10],
	['during the PostSnapshot state', 11],
	['failed during the BackupComplete state', 12],
	['failed during the PreRestore state', 13],
	['failed during the PostRestore state', 14],
	['shutdown of the backup application', 15],
];

/** `VSS API failure calling "<call>". ERR=<sentence>`: the HRESULT each sentence stands for. */
export const BACULA_API_TEXTS: readonly (readonly [string, string])[] = [
	['Object is not initialized; called during restore or not called in correct sequence', '0x80042301'],
	['writer infrastructure is not operating properly', '0x80042318'],
	['does not have sufficient backup privileges', '0x80070005'],
	['The XML document is not valid', '0x80042311'],
	['The specified file does not exist', '0x80042308'],
	['One of the parameter values is not valid', '0x80070057'],
	['out of memory or other system resources', '0x8007000E'],
];

/** The VSS_WRITER_STATE a Bareos/Bacula invalid-state sentence stands for, or null. */
export const baculaWriterState = (text: string): number | null => BACULA_WRITER_STATE_TEXTS.find(([t]) => text.includes(t))?.[1] ?? null;

/** The HRESULT a Bareos/Bacula VSS API failure sentence stands for, or null. */
export const baculaApiHresult = (text: string): string | null => BACULA_API_TEXTS.find(([t]) => text.includes(t))?.[1] ?? null;
