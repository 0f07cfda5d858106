/**
 * ESXi `vdf` / `vdf -h`: how full the host's in-memory file systems are (visorfs). ESXi runs from RAM: its
 * ramdisks (`root`, `etc`, `tmp`, `var`, `hostdstats`, `snmptraps` …; `MAINSYS` on 4.x) have fixed sizes,
 * and a full one stops whatever writes there (hostd's performance statistics live on `hostdstats`). Shape:
 * - an optional shell prompt with the command (`~ # vdf -h`, `[root@esx01:~] vdf -h`);
 * - on 5.x and later a `Tardisk  Space  Used` table first (the read-only boot images; parsed, no record),
 *   then a `-----` rule;
 * - `Ramdisk  Size  Used  Available  Use%  Mounted on` and one row per ramdisk:
 *   `hostdstats  166M  166M  0B  100%  --`. With `-h` sizes carry a unit (`B`, `K`, `M`, `G`, `T`, powers of
 *   1024); without it they are numbers of the unit the header names (`1k-blocks`), else bytes.
 * The ESXi shell is English only: the table names are no translated words.
 *
 * Records: `ramdisk` (a listing) per ramdisk row: `name`, `size`, `used`, `available` as printed,
 * `sizeBytes`, `usedBytes`, `availableBytes`, `usePercent`, `mountedOn` (null for `--`).
 */
import type { LogRecord } from '../../model/records';
import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { LISTING_KIND, type KindDeclarations } from '../lib/kinds';

declare module '../../model/records' {
	interface RecordFields {
		ramdisk: { name: string; size: string; used: string; available: string; sizeBytes: number | null; usedBytes: number | null; availableBytes: number | null; usePercent: number; mountedOn: string | null };
	}
}

const VDF_KINDS = { ramdisk: LISTING_KIND } satisfies KindDeclarations;

const PROMPT = /^(?:~ #|\[[^\]]{1,200}\][#$]?|[\w.-]{1,64}[#$]) ?vdf(?: -h)?\s*$/;
const RAMDISK_HEADER = /^Ramdisk\s+(\S+)\s+Used\s+Avail(?:able)?\s+Use%\s+Mounted on\s*$/;
const TARDISK_HEADER = /^Tardisk\s+Space\s+Used\s*$/;
const RULE = /^-{3,}\s*$/;
const SIZE = String.raw`(\d{1,15}(?:\.\d{1,3})?[BKMGT]?)`;
const RAMDISK_ROW = new RegExp(String.raw`^(\S{1,64})\s+${SIZE}\s+${SIZE}\s+${SIZE}\s+(\d{1,3})%\s+(\S{1,255})\s*$`);
const TARDISK_ROW = new RegExp(String.raw`^(\S{1,64})\s+${SIZE}\s+${SIZE}\s*$`);
const UNITS: Readonly<Record<string, number>> = { B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** Bytes of a size as printed; a bare number is in `unit` bytes (the header's blocks). */
function bytesOf(printed: string, unit: number): number | null {
	const last = printed[printed.length - 1];
	const scale = UNITS[last];
	const n = Number(scale === undefined ? printed : printed.slice(0, -1));
	return Number.isFinite(n) ? Math.round(n * (scale ?? unit)) : null;
}

type VdfLine = { type: 'ramdisk-header'; unit: number } | { type: 'ramdisk'; m: RegExpExecArray } | { type: 'other' };

function parseVdf(text: string, inRamdisks: boolean): VdfLine | null {
	const t = text.trim();
	const header = RAMDISK_HEADER.exec(t);
	if (header) return { type: 'ramdisk-header', unit: /^1k/i.test(header[1]) ? 1024 : 1 };
	if (PROMPT.test(t) || TARDISK_HEADER.test(t) || RULE.test(t)) return { type: 'other' };
	const row = inRamdisks ? RAMDISK_ROW.exec(t) : null;
	if (row) return { type: 'ramdisk', m: row };
	return TARDISK_ROW.test(t) ? { type: 'other' } : null;
}

class VdfReader implements LineReader {
	private readonly records: LogRecord[] = [];
	/** The unit of bare numbers once a Ramdisk header was seen; null before it. */
	private unit: number | null = null;
	private unparsed = 0;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		if (text.trim() === '') return;
		const l = parseVdf(text, this.unit !== null);
		if (!l) {
			this.unparsed++;
			return;
		}
		if (l.type === 'ramdisk-header') this.unit = l.unit;
		if (l.type !== 'ramdisk') return;
		const [, name, size, used, available, percent, mounted] = l.m;
		const unit = this.unit ?? 1;
		const fields = { name, size, used, available, sizeBytes: bytesOf(size, unit), usedBytes: bytesOf(used, unit), availableBytes: bytesOf(available, unit), usePercent: Number(percent), mountedOn: mounted === '--' ? null : mounted };
		this.records.push({ time: null, local: null, kind: 'ramdisk', fields, source: { path: this.path, line: lineNo }, text: text.trim() });
	}

	end(): ReadResult {
		return { facts: { records: this.records }, unparsedLines: this.unparsed, problems: [], clock: null };
	}
}

/** ESXi `vdf -h` (see the module comment). */
export const esxiVdf = {
	id: 'esxi-vdf',
	title: 'ESXi vdf -h (ramdisk usage)',
	url: 'https://blog.technodrone.cloud/2010/12/esxi-has-32mb-memory-footprint.html',
	origin: 'host',
	kinds: VDF_KINDS,
	variants: [
		{
			name: 'esxi4',
			samples: [
				`~ # vdf -h
Ramdisk                   Size      Used Available Use% Mounted on
MAINSYS                    32M       21M       10M  68% --
tmp                       192M       60K      191M   0% --
hostdstats                166M      166M        0B 100% --
`,
			],
		},
		{
			name: 'esxi5',
			samples: [
				`[root@esx01:~] vdf -h
Tardisk                  Space      Used
sb.v00                    139M      139M
s.v00                     341M      341M
-----
Ramdisk                   Size      Used Available Use% Mounted on
root                       32M        3M       28M  11% --
etc                        28M      336K       27M   1% --
tmp                       256M       20K      255M   0% --
hostdstats               1303M       12M     1290M   0% --
snmptraps                   1M        0B        1M   0% --
`,
			],
		},
	],

	// The `vdf` command at a shell prompt.
	startLine: PROMPT,
	detect(head) {
		// No table without its `Ramdisk` header (RAMDISK_HEADER): most heads are told so by a native search.
		if (!head.some((l) => l.includes('Ramdisk'))) return null;
		let inRamdisks = false,
			rows = 0,
			tardisks = false,
			other = 0;
		for (const text of head) {
			if (text.trim() === '') continue;
			const l = parseVdf(text, inRamdisks);
			if (l?.type === 'ramdisk-header') inRamdisks = true;
			else if (l?.type === 'ramdisk') rows++;
			else if (l === null) other++;
			if (TARDISK_HEADER.test(text.trim())) tardisks = true;
		}
		// The Ramdisk header and its rows, and little else (a `vdf` pasted into a ticket is cut from it).
		if (!inRamdisks || rows === 0 || other > rows) return null;
		return { variant: tardisks ? 'esxi5' : 'esxi4', reason: `a Ramdisk table with ${rows} row(s)${tardisks ? ' after the Tardisk table (5.x and later)' : ''}` };
	},

	reader(path) {
		return new VdfReader(path);
	},
} satisfies FormatDefinition;
