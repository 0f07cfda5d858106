/**
 * The short "Last error" texts vssadmin prints for a writer's hrWriterFailure (formats.md §1.3), per
 * language, mapped to the HRESULT. This is a lookup of known output, not a decision rule: when a text is
 * not in the table the HRESULT stays null, and "no error" is also decided structurally (the text most
 * stable writers share, see vssadminWriters.ts). [R] marks texts reconstructed, not seen verbatim.
 */
export const LAST_ERROR_HRESULTS: Readonly<Record<string, string | null>> = {
	// null = S_OK ("no error")
	'No error': null,
	'Aucune erreur': null,
	'Kein Fehler': null,
	'エラーなし': null,
	'Retryable error': '0x800423F3',
	'Non-retryable error': '0x800423F4',
	'Timed out': '0x800423F2', // [R]
	'Inconsistent shadow copy': '0x800423F0',
	'Not responding': '0x80042319',
	'Out of resources': '0x800423F1', // [R]
	// French, from the strings of a French vssadmin.exe.mui (a dump published at
	// http://185.111.55.55:8080/docs/funcspecs/2.jsp?editfile=C%3A%5CWindows%5CSysWOW64%5Cfr-FR%5Cvssadmin.exe.mui),
	// in the order of the English ones: Inconsistent shadow copy, Out of resources, Timed out, Retryable error,
	// Non-retryable error, …, Not responding.
	'Cliché instantané incohérent': '0x800423F0',
	'Ressources insuffisantes': '0x800423F1',
	'Délai dépassé': '0x800423F2',
	'Erreur récupérable': '0x800423F3',
	'Erreur non récupérable': '0x800423F4',
	'Pas de réponse': '0x80042319',
	'タイムアウト': '0x800423F2', // [R]
	'再試行可能なエラー': '0x800423F3', // [R]
	'再試行不可能なエラー': '0x800423F4', // [R]
};

/** True when the table knows this text as the no-error text of some language. */
export function isKnownNoErrorText(text: string): boolean {
	return Object.prototype.hasOwnProperty.call(LAST_ERROR_HRESULTS, text) && LAST_ERROR_HRESULTS[text] === null;
}
