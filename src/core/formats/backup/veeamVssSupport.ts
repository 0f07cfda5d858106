import { RecordFold } from '../lib/fold';
import { type Detection, type FormatDefinition, type LineReader, type ReadResult, recordText } from '../lib/format';
import type { KindDeclarations } from '../lib/kinds';
import type { LogRecord } from '../../model/records';
import { errorFields, PRODUCT_KINDS } from './productText';

/**
 * Veeam's in-guest VSS helper log (VeeamVssSupport, Veeam KB2825): the service Veeam deploys in the guest for
 * application-aware processing, which creates the shadow copy, keeps it while the VM's disks are read and
 * closes it when no keep-alive (`RPC: KeepSnapshotEx`) arrives within its TTL. Lines:
 *
 *   `2:25:06 PM    224  INFO                RPC: KeepSnapshotEx`
 *   `2:25:06 PM    224                                  KeepSnapshot. TTL: [1200]`
 *   `2:45:07 PM   4484  WARN    Snapshot timeout occurred.`
 *
 * a time of day (12-hour with AM/PM, or 24-hour) without a date, the thread id right-aligned in a column,
 * the level (`INFO`, `WARN`, `ERROR`, or blank) and the message, indented to show call nesting. KB pages
 * print it with the runs of spaces collapsed to one; both read the same. With no date, no line can be placed
 * in time: its records stay untimed, in file order (the file says so as a problem).
 *
 * Records: `product-error` (product `veeam`) for a WARN or ERROR line (the snapshot timeout is the
 * `snapshot-expired` guest step of knowledge/veeam.ts, codes as productText reads them), and `veeam-vss-call`
 * for an RPC the helper served or a TTL it was given: `call` (the RPC's name, or null), `ttlSec` (the
 * snapshot's time to live in seconds, or null), `clock` (the time of day as `HH:MM:SS`, 24-hour, local).
 */

declare module '../../model/records' {
	interface RecordFields {
		'veeam-vss-call': { product: string; call: string | null; ttlSec: number | null; clock: string };
	}
}

const VSS_CALL_KINDS = {
	'veeam-vss-call': { role: 'event', severity: 'info', failure: false, anchor: null },
} satisfies KindDeclarations;

/** Time of day, thread id, optional level, message (its leading spaces kept: they show the nesting). */
const LINE = /^(\d{1,2}):(\d{2}):(\d{2})(?:[.,]\d{1,3})?(?: ?([AaPp][Mm]))?\s{1,12}(\d{1,6})(?:\s{1,4}(INFO|WARN|WARNING|ERROR|ERR|DEBUG|TRACE)\b)?(\s.*)?$/;
const RPC = /\bRPC: ([A-Za-z]\w{1,60})(?![\w.]*\.\s*Ok)/;
/** `KeepSnapshot. TTL: [1200]` and `Snapshot job id: {…}, ttl: 1200.` */
const TTL = /\bTTL:?\s{0,2}\[?(\d{1,7})\]?/i;
/** The helper's own words for closing an unrenewed shadow copy (Veeam's text, English in every version). */
const SNAPSHOT_TIMEOUT = /Snapshot timeout occurred/i;
const FAILURE_LEVEL = /^(?:WARN|WARNING|ERROR|ERR)$/;

interface HelperLine {
	clock: string;
	level: string | null;
	message: string;
}

/** A helper line's parts; null for a line of another shape. */
function parse(text: string): HelperLine | null {
	const m = LINE.exec(text);
	if (!m) return null;
	let hour = Number(m[1]);
	const minute = Number(m[2]),
		second = Number(m[3]);
	const half = m[4]?.toUpperCase() ?? null;
	if (minute > 59 || second > 59 || hour > (half ? 12 : 23) || (half !== null && hour === 0)) return null;
	if (half !== null) hour = (hour % 12) + (half === 'PM' ? 12 : 0);
	const pad = (n: number) => String(n).padStart(2, '0');
	return { clock: `${pad(hour)}:${pad(minute)}:${pad(second)}`, level: m[6] ?? null, message: (m[7] ?? '').trim() };
}

class VssSupportReader implements LineReader {
	private readonly records = new RecordFold();
	private unparsed = 0;
	private lines = 0;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		if (text.trim() === '') return;
		const l = parse(text.trim());
		if (!l) {
			this.unparsed++;
			return;
		}
		this.lines++;
		const base = { time: null, local: null, source: { path: this.path, line: lineNo }, text: recordText(text) };
		if (l.level !== null && FAILURE_LEVEL.test(l.level)) {
			const fields = errorFields(l.message, { level: l.level });
			const expired = SNAPSHOT_TIMEOUT.test(l.message);
			// A WARN line is a failure only when it states one (a code, or the snapshot's timeout): the helper also
			// warns of what it retries, such as a writer's transient state.
			if (expired || fields.hresult !== null || l.level.startsWith('ERR')) this.records.push({ ...base, kind: 'product-error', fields: { ...fields, product: 'veeam', guestStep: expired ? 'snapshot-expired' : null } } as LogRecord);
			return;
		}
		const call = RPC.exec(l.message)?.[1] ?? null;
		const ttl = TTL.exec(l.message);
		if (call !== null || ttl) this.records.push({ ...base, kind: 'veeam-vss-call', fields: { product: 'veeam', call, ttlSec: ttl ? Number(ttl[1]) : null, clock: l.clock } } as LogRecord);
	}

	end(): ReadResult {
		const problems = this.lines > 0 ? ['The log prints times of day without a date: its lines stay untimed, in file order; a dated log of the same attempt (the Veeam job log) places them in that attempt.'] : [];
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems, clock: null };
	}
}

/** Veeam's in-guest VSS helper log (VeeamVssSupport). */
export const veeamVssSupportLog = {
	id: 'veeam-vss-support-log',
	title: 'Veeam in-guest VSS helper log (VeeamVssSupport)',
	url: 'https://www.veeam.com/kb2825',
	origin: 'backup-product',
	kinds: { ...PRODUCT_KINDS, ...VSS_CALL_KINDS },
	variants: [
		{
			name: 'kb2825-12-hour',
			samples: [
				`2:25:06 PM    224  INFO                RPC: KeepSnapshotEx
2:25:06 PM    224  INFO                        Keep snapshot. JobId: {6f1d2c3b-8a4e-4b7f-9c0d-1e2f3a4b5c6d}
2:25:06 PM    224                                  KeepSnapshot. TTL: [1200]
2:25:06 PM    224  INFO                RPC: KeepSnapshotEx. Ok.
2:45:07 PM   4484  WARN    Snapshot timeout occurred.
`,
			],
		},
		{
			name: 'collapsed-24-hour',
			samples: [
				`14:02:11 3120 INFO RPC: PrepareForBackup
14:02:40 3120 INFO RPC: PrepareForBackup. Ok.
14:02:41 3120 INFO RPC: CreateSnapshot
14:02:52 3120 INFO RPC: CreateSnapshot. Ok.
`,
			],
		},
	],
	startLine: LINE,
	detect(head: readonly string[]): Detection | null {
		const lines = head.map((l) => parse(l.trim())).filter((l): l is HelperLine => l !== null);
		// Two helper lines, one of them with a level or an RPC: a bare `time number text` pair is too common to claim.
		if (lines.length < 2 || !lines.some((l) => l.level !== null || RPC.test(l.message))) return null;
		return { variant: 'vss-support', reason: `${lines.length} VeeamVssSupport lines 'h:mm:ss [AM|PM] <tid> LEVEL message'` };
	},
	reader: (path) => new VssSupportReader(path),
} satisfies FormatDefinition;
