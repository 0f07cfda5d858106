import type { LogRecord } from '../../model/records';
import { RecordFold } from '../lib/fold';
import { type Detection, type FormatDefinition, type LineReader, type ReadResult, recordText } from '../lib/format';
import { codesIn, errorFields, PRODUCT_KINDS } from '../backup/productText';

/**
 * Windows Installer's verbose log (`msiexec /l*v`): every engine line starts `MSI (s) (E0:88) [16:37:28:369]: `
 * (server, client or custom-action side, process and thread ids, the time of day), the sequence lines `Action
 * start 16:37:28: <action>.` / `Action ended …: <action>. Return value 1.`, and the `******* Product: …` lines of
 * its RunEngine block. An install is no backup: the codes its steps print (`Note: 1: 2203 2: …\inprogressinstallinfo.ipi
 * 3: -2147287038`, STG_E_FILENOTFOUND for a file it looks for first; `The call to SRSetRestorePoint API failed.`,
 * System Restore's checkpoint, not a shadow copy) are no shadow copy's. Only a line that names a VSS error (a
 * code of VSS's facility range, 0x800423xx, or a VSS constant) is a shadow copy's failure seen by the installer
 * (a custom action that asked VSS itself): `product-error` of an unnamed requester. Every other line is read and
 * makes nothing.
 */

/** An engine line's prefix: side, `(process:thread)` in hex, `[hh:mm:ss:mmm]`. */
const ENGINE = /^MSI \([sca]\) \([0-9A-Fa-f]{1,8}:[0-9A-Fa-f]{1,8}\) \[\d{2}:\d{2}:\d{2}:\d{3}\]: /;
/** The sequence's own lines (`Action start 16:37:28: InstallInitialize.`, `Action 16:37:28: X. text`) and the RunEngine block's. */
const SEQUENCE = /^(?:Action(?: start| ended)? \d{1,2}:\d{2}:\d{2}: |\*{7} )/;
/** VSS's own HRESULTs (FACILITY_ITF 0x8004, VSS's range 0x2300–0x23FF) or a VSS constant's name. */
const VSS_CODE = /^0x800423[0-9A-F]{2}$/;
const VSS_NAME = /\bVSS_E_[A-Z_]{3,60}\b/;

const SAMPLE = `MSI (s) (BC:C0) [15:33:16:668]: Machine policy value 'LimitSystemRestoreCheckpointing' is 0
MSI (s) (BC:C0) [15:33:16:668]: Calling SRSetRestorePoint API. dwRestorePtType: 0, dwEventType: 102, llSequenceNumber: 0, szDescription: "Installed Example".
MSI (s) (BC:C0) [15:33:16:668]: The call to SRSetRestorePoint API failed. Returned status: 0. GetLastError() returned: 127
MSI (s) (E0:88) [16:37:28:369]: Note: 1: 2203 2: C:\\Windows\\Installer\\inprogressinstallinfo.ipi 3: -2147287038
Action ended 16:37:28: InstallInitialize. Return value 1.
`;

/** The trimmed line without a Markdown quote. */
const bare = (line: string): string => line.replace(/^\s*(?:>[ \t]?)*/, '').trim();

class WindowsInstallerLogReader implements LineReader {
	private readonly records = new RecordFold();
	private unparsed = 0;

	constructor(private readonly path: string) {}

	line(printed: string, lineNo: number): void {
		const text = bare(printed);
		if (text === '') return;
		const engine = ENGINE.exec(text);
		if (!engine && !SEQUENCE.test(text)) {
			this.unparsed++;
			return;
		}
		const hr = codesIn(text).hresult;
		if ((hr !== null && VSS_CODE.test(hr)) || VSS_NAME.test(text)) {
			const message = engine ? text.slice(engine[0].length) : text;
			this.records.push({ time: null, local: null, kind: 'product-error', fields: errorFields(message, { product: 'agent' }), source: { path: this.path, line: lineNo }, text: recordText(text) } as LogRecord);
		}
	}

	end(): ReadResult {
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: [] };
	}
}

/** Windows Installer verbose logs (see the module comment). */
export const windowsInstallerLog = {
	id: 'windows-installer-log',
	title: 'Windows Installer verbose log',
	url: 'https://learn.microsoft.com/windows/win32/msi/windows-installer-logging',
	origin: 'guest-windows',
	kinds: PRODUCT_KINDS,
	variants: [{ name: 'verbose', samples: [SAMPLE] }],
	detect(head: readonly string[]): Detection | null {
		const lines = head.filter((l) => ENGINE.test(bare(l)));
		return lines.length >= 2 ? { variant: 'verbose', reason: `${lines.length} 'MSI (s) (pid:tid) [time]:' engine lines` } : null;
	},
	reader: (path: string) => new WindowsInstallerLogReader(path),
} satisfies FormatDefinition;
