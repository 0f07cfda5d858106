import type { Detection, FormatDefinition } from '../lib/format';
import { BACKUP_EXEC_CODES, umiCode } from '../../knowledge/backupExecCodes';
import { codesIn, errorFields, PRODUCT_KINDS, ProductReader, type Found } from './productText';

/**
 * The last resort: any text whose lines carry a VSS or backup code in any spelling (`0x80042306`, bare
 * `80042306`, `-2147212538`, `2147754758`, `Error [0x…]`, `hr = 0x…`, ESE `-1022`, `0xA000…`), or a failed
 * writer state by its constant name (`writer is in state [9] [VSS_WS_FAILED_AT_FREEZE]`), that no format
 * before it claimed. One `product-error` per line with a code (product `agent`, or `backup-exec` for a code
 * only Backup Exec prints; fields in productText.ts), the code normalised to `0x` + 8 upper-case hex.
 */

/** A failed writer state by its VSS_WRITER_STATE constant name, which no product translates. */
const FAILED_STATE = /\bVSS_WS_FAILED_AT_[A-Z_]{4,30}\b/;

/** Backup Exec's error as its job log states it, UMI first: `V-79-57344-34110 - AOFO: Initialization failure`. */
const UMI_MESSAGE = /\bV-79-\d{5}-\d{1,5} {1,2}[-–] {1,2}\S/;
/** Backup Exec's own code then its text, whatever label precedes it: `… error: 0xa0009723 - Backup Exec cannot …`. */
const CODE_MESSAGE = /(?<![\w-])0x[AaEe]000[0-9A-Fa-f]{4} {0,2}[-–] {1,2}\S/;

function classify(message: string): Found[] {
	const codes = codesIn(message);
	const failedWriter = FAILED_STATE.test(message);
	const umiMessage = UMI_MESSAGE.test(message);
	if (codes.hresult === null && codes.productCode === null && !failedWriter && !umiMessage) return [];
	// A code only Backup Exec prints (its own table, the UMI that spells one, or its `0xA000…/0xE000… - <text>`
	// form) names the product even without its job log's labels (`OFO: Snapshot error (0xa000851c): …` in a KB).
	const umi = umiCode(message);
	const backupExec = umi !== null || CODE_MESSAGE.test(message) || (codes.productCode !== null && BACKUP_EXEC_CODES[codes.productCode] !== undefined);
	const fields = errorFields(message, backupExec ? { product: 'backup-exec', productCode: codes.productCode ?? umi } : {});
	return [{ kind: 'product-error', fields }];
}

/** Any text line with a VSS / backup error code. */
export const codeLines = {
	id: 'backup-code-lines',
	title: 'Text lines with a VSS or backup error code',
	url: 'https://learn.microsoft.com/windows/win32/vss/volume-shadow-copy-api-return-codes',
	origin: 'backup-product',
	kinds: PRODUCT_KINDS,
	variants: [
		{ name: 'hex', samples: ['Snapshot failed on volume E: with hr = 0x80042313\n'] },
		{ name: 'signed-decimal', samples: ['Backup aborted: -2147212529 while preparing the shadow copy set\n'] },
	],
	detect(head: readonly string[]): Detection | null {
		const i = head.findIndex((l) => classify(l).length > 0);
		return i < 0 ? null : { variant: 'code', reason: `an error code at line ${i + 1}` };
	},
	reader: (path) => new ProductReader(path, { product: 'agent', lastResort: true, classify: (m) => classify(m) }),
} satisfies FormatDefinition;
