import type { Provider, Shadow, ShadowStorage, SourceRef, Volume } from '../../model/report';
import type { Detection, FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { NO_KINDS } from '../lib/kinds';
import { foldWidth } from '../lib/width';
import { classifyListing, GUID_LINE, GuidJoiner, isChrome, LABELLED, LISTING_START, NAME_LINE, SHADOW_DEVICE, SIZE, SIZE_UNIT, VOLUME_GUID, type ListingKind } from './vssadminCommon';

const HEADER = 'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n(C) Copyright 2001-2013 Microsoft Corp.\n\n';

/**
 * Shared skeleton of the block listings: header/prompt lines, blank lines and GUID wraps are handled
 * here; `take` gets every other line and says whether it understood it. Text before the first block
 * (e.g. `No items found that satisfy the query.` in the user's language, or an `Error:` output) is kept
 * as the listing's message.
 */
abstract class BlockListingReader implements LineReader {
	protected unparsed = 0;
	protected readonly problems: string[] = [];
	protected blocks = 0;
	private readonly message: string[] = [];
	private readonly joiner = new GuidJoiner((text, lineNo) => this.handle(text, lineNo));

	constructor(protected readonly path: string) {}

	line(printed: string, lineNo: number): void {
		// Full-width forms folded as in the writers listing (vssadminCommon.classifyHead).
		this.joiner.line(foldWidth(printed), lineNo);
	}

	private handle(text: string, lineNo: number): void {
		if (text.trim() === '') return this.blank();
		// vssadmin prints its message after its banner: lines before the banner are another text's (a paste).
		if (this.blocks === 0 && LISTING_START.test(text)) this.unparsed += this.message.splice(0).length;
		if (isChrome(text) || this.take(text, lineNo)) return;
		if (this.blocks === 0) this.message.push(text.trim());
		else this.unparsed++;
	}

	/** A line the format understands (and stores), or false. */
	protected abstract take(text: string, lineNo: number): boolean;
	/** A blank line: most listings end a block there. */
	protected abstract blank(): void;
	protected abstract facts(): ReadResult['facts'];

	protected src(lineNo: number): SourceRef {
		return { path: this.path, line: lineNo };
	}

	end(): ReadResult {
		this.joiner.end();
		if (this.blocks === 0 && this.message.length > 0) this.problems.push(`vssadmin printed no entries: "${this.message.join(' ')}"`);
		// Text before the first block of a listing that has blocks is no message of vssadmin's: not understood.
		else this.unparsed += this.message.length;
		return { facts: this.facts(), unparsedLines: this.unparsed, problems: this.problems };
	}
}

const valueOf = (text: string): string | null => LABELLED.exec(text)?.[2] ?? null;
const guidOf = (text: string): string | null => GUID_LINE.exec(text)?.[1].toLowerCase() ?? null;
/**
 * A set's first line, `label: {GUID}` with a few words after the GUID where the language puts the head noun
 * last (Japanese `シャドウ コピー セット ID: {…} の内容`, "contents of shadow copy set ID …").
 */
const SET_LINE = /^\s*[^:{}[\]\\\s](?:\s*[^:{}[\]\\\s]){0,79}\s*:\s*\{([0-9A-Fa-f-]{36})\}(?:\s{0,2}[^\s:{}[\]\\](?:\s?[^\s:{}[\]\\]){0,19})?\s*$/;
/** A printed local date and time (`4/10/2023 3:00:12 AM`, `2023/04/10 3:00:12`, `10.04.2023 03:00:12`), wherever the language puts it. */
const DATE_TIME = /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?/i;

/** `(C:)\\?\Volume{…}\` → `C:`; a volume without a drive letter keeps its path as printed. */
function volumeLabel(value: string): { label: string; guid: string | null } {
	const guid = VOLUME_GUID.exec(value)?.[1].toLowerCase() ?? null;
	const drive = /^\(([A-Za-z]:)\)/.exec(value)?.[1];
	return { label: drive ?? value, guid };
}

const UNIT_POWER: Record<string, number> = { B: 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

/** `2.06 GB (1%)` / `2,06 Go (1 %)` → bytes (binary units, as vssadmin computes them) and percent. */
export function parseSize(text: string): { bytes: number; percent: number } | null {
	const m = SIZE.exec(text.trim());
	if (!m) return null;
	// vssadmin prints three significant digits: a lone `,` or `.` is the decimal separator.
	const digits = m[1].replace(/[\u00a0 ]/g, '');
	const num = Number(digits.replace(',', '.'));
	const unit = m[2].toUpperCase();
	// A word for bytes (`bytes`, `octets`, `バイト`) is no unit of letters: bytes.
	const power = SIZE_UNIT.test(m[2]) ? UNIT_POWER[unit.length === 1 ? 'B' : unit[0]] : 0;
	if (!Number.isFinite(num) || power === undefined) return null;
	return { bytes: Math.round(num * 1024 ** power), percent: Number(m[3]) };
}

class ProvidersReader extends BlockListingReader {
	private readonly providers: Provider[] = [];
	private current: Provider | null = null;
	private slot = 0;

	protected take(text: string, lineNo: number): boolean {
		const name = NAME_LINE.exec(text);
		if (name && (this.current === null || this.slot >= 3)) {
			this.current = { name: name[3], type: null, id: null, version: null, source: this.src(lineNo) };
			this.providers.push(this.current);
			this.slot = 0;
			this.blocks++;
			return true;
		}
		const p = this.current;
		if (!p) return false;
		// Slots by shape: type (a value that is no GUID), {GUID}, version (dotted numbers).
		const guid = guidOf(text);
		if (guid && this.slot <= 1) {
			p.id = guid;
			this.slot = 2;
			return true;
		}
		const value = valueOf(text);
		if (value === null) return false;
		if (this.slot === 0 && !guid) {
			p.type = value;
			this.slot = 1;
			return true;
		}
		if (this.slot === 2 && /^\d+(\.\d+)*$/.test(value)) {
			p.version = value;
			this.slot = 3;
			return true;
		}
		return false;
	}

	protected blank(): void {
		this.current = null;
	}

	protected facts(): ReadResult['facts'] {
		return { providers: this.providers };
	}
}

type ShadowSlot = 'originalVolume' | 'shadowVolume' | 'originatingMachine' | 'serviceMachine' | 'provider' | 'type' | 'attributes';
const SHADOW_SLOTS: readonly ShadowSlot[] = ['originalVolume', 'shadowVolume', 'originatingMachine', 'serviceMachine', 'provider', 'type', 'attributes'];

class ShadowsReader extends BlockListingReader {
	private readonly shadows: Shadow[] = [];
	private setId: string | null = null;
	private created: string | null = null;
	private current: Shadow | null = null;
	private slot = 0;

	protected take(text: string, lineNo: number): boolean {
		const guid = guidOf(text);
		const set = this.setId === null ? (guid ?? SET_LINE.exec(text)?.[1].toLowerCase() ?? null) : null;
		if (set) {
			// A set opens with its id, then "Contained N shadow copies at creation time: <local time>".
			this.setId = set;
			this.blocks++;
			return true;
		}
		if (guid && this.setId !== null) {
			this.current = { setId: this.setId, id: guid, originalVolume: null, created: this.created, provider: null, type: null, source: this.src(lineNo) };
			this.shadows.push(this.current);
			this.slot = 0;
			return true;
		}
		const value = valueOf(text);
		if (value === null || this.setId === null) return false;
		if (!this.current) {
			// The local time after the sentence's colon, or inside it where the language puts it first.
			this.created = DATE_TIME.exec(text)?.[0] ?? value;
			return true;
		}
		if (this.slot >= SHADOW_SLOTS.length) return false;
		const slot = SHADOW_SLOTS[this.slot++];
		if (slot === 'originalVolume') this.current.originalVolume = volumeLabel(value).label;
		else if (slot === 'shadowVolume' && !SHADOW_DEVICE.test(value)) return false;
		else if (slot === 'provider') this.current.provider = /^['"](.*)['"]$/.exec(value)?.[1] ?? value;
		else if (slot === 'type') this.current.type = value;
		return true;
	}

	protected blank(): void {
		this.setId = null;
		this.created = null;
		this.current = null;
	}

	protected facts(): ReadResult['facts'] {
		return { shadows: this.shadows };
	}
}

class ShadowStorageReader extends BlockListingReader {
	private readonly items: ShadowStorage[] = [];
	private current: ShadowStorage | null = null;
	private sizes = 0;

	protected take(text: string, lineNo: number): boolean {
		const value = valueOf(text);
		if (value === null) {
			// The block title ("Shadow Copy Storage association") is the only line without a colon.
			this.dropUntitled();
			this.current = { forVolume: null, forVolumeGuid: null, storageVolume: null, used: null, allocated: null, maximum: null, usedBytes: null, maximumBytes: null, maximumPercent: null, source: this.src(lineNo) };
			this.items.push(this.current);
			this.sizes = 0;
			this.blocks++;
			return true;
		}
		const s = this.current;
		if (!s) return false;
		if (VOLUME_GUID.test(value) && s.storageVolume === null) {
			const v = volumeLabel(value);
			if (s.forVolume === null) {
				s.forVolume = v.label;
				s.forVolumeGuid = v.guid;
			} else s.storageVolume = v.label;
			return true;
		}
		// Used, allocated, maximum, in that order; the maximum may be a word (UNBOUNDED, in any language).
		const size = parseSize(value);
		if (this.sizes === 0 && size) {
			s.used = value;
			s.usedBytes = size.bytes;
		} else if (this.sizes === 1 && size) {
			s.allocated = value;
		} else if (this.sizes === 2) {
			s.maximum = value;
			s.maximumBytes = size?.bytes ?? null;
			s.maximumPercent = size?.percent ?? null;
		} else return false;
		this.sizes++;
		return true;
	}

	/**
	 * A title is a block's only when its volume follows (`For volume: …{GUID}`): a line without a colon of
	 * another text pasted after the listing (a log's stamped line) opens no block, and is not understood.
	 */
	private dropUntitled(): void {
		if (this.current === null || this.current.forVolume !== null) return;
		this.items.pop();
		this.blocks--;
		this.unparsed++;
		this.current = null;
	}

	protected blank(): void {
		this.dropUntitled();
		this.current = null;
	}

	protected facts(): ReadResult['facts'] {
		this.dropUntitled();
		return { shadowStorage: this.items };
	}
}

class VolumesReader extends BlockListingReader {
	private readonly volumes: Volume[] = [];
	private current: Volume | null = null;

	protected take(text: string, lineNo: number): boolean {
		const value = valueOf(text);
		if (value === null) return false;
		if (/^[A-Za-z]:\\/.test(value) || (this.current === null && !VOLUME_GUID.test(value))) {
			this.current = { path: value, name: null, source: this.src(lineNo) };
			this.volumes.push(this.current);
			this.blocks++;
			return true;
		}
		if (this.current && this.current.name === null && VOLUME_GUID.test(value)) {
			this.current.name = value;
			return true;
		}
		return false;
	}

	protected blank(): void {
		this.current = null;
	}

	protected facts(): ReadResult['facts'] {
		return { volumes: this.volumes };
	}
}

/** One registry entry per listing kind, sharing the classifier so no two claim the same file. */
function listingFormat(kind: Exclude<ListingKind, 'writers'>, title: string, samples: string[], make: (path: string) => LineReader): FormatDefinition {
	return {
		id: `vssadmin-list-${kind}`,
		title,
		url: `https://learn.microsoft.com/windows-server/administration/windows-commands/vssadmin-list-${kind}`,
		origin: 'guest-windows',
		kinds: NO_KINDS,
		variants: [{ name: 'en', samples }],
		startLine: LISTING_START,
		detect(head): Detection | null {
			const c = classifyListing(head);
			return c?.kind === kind ? c.detection : null;
		},
		reader: make,
	};
}

/** `vssadmin list providers` (formats.md §2.1). */
export const vssadminProviders = listingFormat(
	'providers',
	'vssadmin list providers',
	[
		HEADER +
			`Provider name: 'Microsoft Software Shadow Copy provider 1.0'
   Provider type: System
   Provider Id: {b5946137-7b9f-4925-af80-51abd60b20d5}
   Version: 1.0.0.7

Provider name: 'VMware Snapshot Provider'
   Provider type: Software
   Provider Id: {564d7761-7265-2056-5353-2050726f7669}
   Version: 1.0.0
`,
		`C:\\Windows\\system32>vssadmin list providers
vssadmin 1.1 - ボリューム シャドウ コピー サービス管理コマンド ライン ツール
(C) Copyright 2001-2013 Microsoft Corp.

プロバイダー名: 'Microsoft Software Shadow Copy provider 1.0'
   プロバイダーの種類: システム
   プロバイダー Id: {b5946137-7b9f-4925-af80-51abd60b20d5}
   バージョン: 1.0.0.7
`,
	],
	(path) => new ProvidersReader(path),
);

/** `vssadmin list shadows` (formats.md §2.2). */
export const vssadminShadows = listingFormat(
	'shadows',
	'vssadmin list shadows',
	[
		HEADER +
			`Contents of shadow copy set ID: {a6e2f1c4-31b7-4c3e-9d5a-8f0e2b7c6d41}
   Contained 1 shadow copies at creation time: 3/3/2024 4:59:58 PM
      Shadow Copy ID: {d4b2c9e1-6a3f-4e8b-b1c7-2f5a9d0e3c68}
         Original Volume: (C:)\\\\?\\Volume{986da89b-2336-4410-9417-d5dbf1f5f3e5}\\
         Shadow Copy Volume: \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy3
         Originating Machine: sql-prd-07.corp.example
         Service Machine: sql-prd-07.corp.example
         Provider: 'Microsoft Software Shadow Copy provider 1.0'
         Type: ClientAccessibleWriters
         Attributes: Persistent, Client-accessible, No auto release, Differential, Auto recovered
`,
	],
	(path) => new ShadowsReader(path),
);

/** `vssadmin list shadowstorage` (formats.md §2.3), 80-column wraps rejoined. */
export const vssadminShadowStorage = listingFormat(
	'shadowstorage',
	'vssadmin list shadowstorage',
	[
		HEADER +
			`Shadow Copy Storage association
   For volume: (C:)\\\\?\\Volume{986da89b-2336-4410-9417-d5dbf1f5f3e5}\\
   Shadow Copy Storage volume: (C:)\\\\?\\Volume{986da89b-2336-4410-9417-d5dbf1f5f3e5}\\
   Used Shadow Copy Storage space: 2.06 GB (1%)
   Allocated Shadow Copy Storage space: 2.53 GB (1%)
   Maximum Shadow Copy Storage space: 11.8 GB (8%)
`,
		`Shadow Copy Storage association
For volume: (C:)\\\\?\\Volume{986da89b-2336-4410-9417-d5dbf1f5f3
e5}\\
Shadow Copy Storage volume: (C:)\\\\?\\Volume{986da89b-2336-4410-9417-d5dbf1f5f3e5}\\
Used Shadow Copy Storage space: 0 B (0%)
Allocated Shadow Copy Storage space: 0 B (0%)
Maximum Shadow Copy Storage space: UNBOUNDED
`,
	],
	(path) => new ShadowStorageReader(path),
);

/** `vssadmin list volumes` (formats.md §2.4). */
export const vssadminVolumes = listingFormat(
	'volumes',
	'vssadmin list volumes',
	[
		HEADER +
			`Volume path: C:\\
    Volume name: \\\\?\\Volume{986da89b-2336-4410-9417-d5dbf1f5f3e5}\\
Volume path: D:\\
    Volume name: \\\\?\\Volume{5b2c8e41-0d7a-4f3e-a9c6-1e8d4b7f2a90}\\
`,
	],
	(path) => new VolumesReader(path),
);
