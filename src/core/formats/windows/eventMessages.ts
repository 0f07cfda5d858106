import { appendAll } from '../../collections';
/**
 * What an event's message alone says: which event of which provider it is (by the message template of the
 * events the rules use), and its VSS Operation/Context block put back into the indented shape the shared
 * event model reads (`vssContext` in windowsEvents.ts) when a paste lost the indentation or put values on
 * the label's line.
 *
 * Templates are told apart by structure first: where the HRESULT stands (`hr = 0x…`, `[0x…, …]`,
 * `'0x…'`, `(0x…)`), a `{CLSID}`, a routine call `Name(…)`, a quoted ISO time, a volume `X:`, the
 * untranslated registry key `VssAccessControl`, a decimal value printed again in hex; the few words that
 * remain (the VSS service prefix, "writer", "aborted") are matched in English, Japanese, German and French
 * and only ever together with such a structure.
 */

/** One known event: provider as Windows names it, id, level (2 error, 3 warning, 4 information). */
export interface TemplateMatch {
	provider: string;
	/** Null when only the message is known and Windows documents no id for it (Hyper-V-VMMS, ESENT). */
	eventId: number | null;
	level: number;
	/** The template, for detection reasons: `VSS 8193 (Unexpected error calling routine … hr = 0x…)`. */
	shape: string;
	/**
	 * Where in the message (whitespace collapsed) the template's own words begin: 0 for a template that
	 * starts the message, else where its first step matched (a template may start anywhere).
	 */
	at: number;
}

const HEX8 = String.raw`0x[0-9a-f]{8}`;
const GUID = String.raw`\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}`;
/** `hr = 0x…` (VSS prints the identifier `hr` in every language; the text is matched with its whitespace collapsed). */
const HR = String.raw`hr ?= ?${HEX8}`;
/** The VSS service prefix of vssvc.exe messages, with its level word, in en/ja/de/fr. */
const VSS_PREFIX = String.raw`(?:Volume Shadow Copy Service|ボリューム ?シャドウ ?コピー ?サービス|Volumeschattenkopie-?Dienst|(?:Erreur|Avertissement|Informations?) du service de clich[ée] instantan[ée] des volumes)[^:：]{0,24}[:：]`;
const VSS_WARNING = /^(?:Volume Shadow Copy Service warning|ボリューム ?シャドウ ?コピー ?サービス ?警告|Volumeschattenkopie-?Dienstwarnung|Avertissement du service)/i;
/** A volume as volsnap names it (`C:` standing alone, `\\?\Volume{…}`); case-sensitive, so `error:` is none. */
const VOLUME = /(?:^|[^A-Za-z])[A-Z]:(?:$|[^\w/])|\\\\\?\\Volume\{/;
const SHADOW = String.raw`(?:shadow ?cop(?:y|ies)|シャドウ ?コピー|Schattenkopie|clich[ée]s? instantan[ée]s?)`;
const ABORTED = String.raw`(?:aborted|中止|abgebrochen|abandonn)`;
/** A quoted ISO time (any quote, `?` where an LRM mark was garbled), as Windows Server Backup inserts its start time. */
const QUOTED_ISO = String.raw`['‘’"“”]\??(?:\d{4}|YYYY)\??-\??(?:\d\d|MM)\??-\??(?:\d\d|DD)T\d\d:\d\d:\d\d(?:\.\d+)?Z\??['‘’"“”]`;
const QUOTE = String.raw`['‘’"“”]`;
const CHECKPOINT = String.raw`(?:checkpoint|チェックポイント|Prüfpunkt|point de contrôle)`;
/**
 * A label as a fixed-width paste may have cut it (a forum's box, a mail cut at 72 columns mid-word): a line break
 * (a space once the message is flattened) may stand between any two of its letters (`(Virt` / `ual machine ID`).
 */
const cuttable = (label: string): string =>
	label
		.split(' ')
		.map((word) => Array.from(word).join(String.raw`\s?`))
		.join(String.raw`\s`);
/** The label Hyper-V closes its messages with, in en/ja/de/fr: `(Virtual machine ID <GUID>)`. */
const VM_ID_LABELS = ['Virtual machine ID', '仮想マシン ID', 'ID des virtuellen Computers', 'ID de machine virtuelle', 'ID de la machine virtuelle'];
const VM_ID = String.raw`\(\s?(?:${VM_ID_LABELS.map(cuttable).join('|')})\b`;
/** The checkpoint types VMMS names and what it says of a VM's checkpoints, in en/ja/de/fr (see checkpointRefusal). */
const PRODUCTION = String.raw`(?:production|運用|Produktion)`;
const STANDARD = String.raw`(?:standard|標準)`;
const DISABLED = String.raw`(?:disabled|無効|deaktiviert|désactivé)`;
/** How far apart two words of one VMMS sentence may be (characters; a VM's quoted name is dropped first). */
const NEAR_CHARS = 120;
const CHECKPOINT_WORD = new RegExp(CHECKPOINT, 'giu');
const PRODUCTION_WORD = new RegExp(PRODUCTION, 'giu');
const STANDARD_WORD = new RegExp(STANDARD, 'giu');
const DISABLED_WORD = new RegExp(DISABLED, 'giu');

/**
 * Whether a word of `a` and one of `b` stand in `text` in either order (languages order them differently), at
 * most NEAR_CHARS apart with no `。`, `(` or `)` between: one sentence. The words' places are found once each
 * and paired in order (a pattern `a.{0,120}?b|b.{0,120}?a` rescans the text from every place a word starts).
 */
function near(text: string, a: RegExp, b: RegExp): boolean {
	const places = (re: RegExp) => Array.from(text.matchAll(re), (m) => ({ from: m.index, to: m.index + m[0].length }));
	const bs = places(b);
	for (const x of places(a)) {
		for (const y of bs) {
			if (y.to < x.from - NEAR_CHARS) continue;
			if (y.from > x.to + NEAR_CHARS) break;
			const gap = y.from >= x.to ? text.slice(x.to, y.from) : x.from >= y.to ? text.slice(y.to, x.from) : null;
			if (gap !== null && !/[。()]/.test(gap)) return true;
		}
	}
	return false;
}

/**
 * A VM's name as Hyper-V quotes it (`'…'`, `"…"`, `‘…’`, `“…”`, `„…“`, `«…»`, `「…」`): dropped before the words are looked
 * for, as a name may hold any; the VM of a message (hyperVVm). A `'` between letters is an apostrophe (`l'opération`).
 */
const QUOTED_NAME = /(?<![\p{L}\p{N}])'[^'\n]{1,100}'(?![\p{L}\p{N}])|"[^"\n]{1,100}"|‘[^‘’\n]{1,100}’|“[^“”\n]{1,100}”|„[^„“\n]{1,100}“|«[^«»\n]{1,100}»|「[^「」\n]{1,100}」/gu;
/** `(Virtual machine ID <GUID>)`, as Hyper-V closes its messages (VMMS, Worker): the id printed without braces. */
const VM_ID_GUID = new RegExp(String.raw`${VM_ID}[ :：]{0,3}\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b`, 'iu');

/**
 * The VM a Hyper-V message names, by its structure: a message that closes with `(Virtual machine ID <GUID>)` (or a
 * translation of the label) names the VM in quotes (`'name' could not…`, `Checkpoint operation for 'name' failed.`,
 * `'name' のチェックポイント…`, `für "name"`): the first quoted name on the label's line (a paste may have put
 * another text's lines before the message), else the last one before it (a message wrapped after its name); else
 * the GUID. Null for a message without that label, or whose name and GUID are placeholders (`<VM Name>`).
 */
export function hyperVVm(message: string): string | null {
	// Blanks collapsed, the lines and quotes kept (flat drops a leading quote: the name's, in `'name' could not…`).
	const text = message.slice(0, TEMPLATE_CHARS).replace(/[^\S\n]+/g, ' ');
	const label = new RegExp(VM_ID, 'iu').exec(text);
	if (label === null) return null;
	const before = text.slice(0, label.index);
	const names = (s: string) => Array.from(s.matchAll(QUOTED_NAME), (m) => m[0].slice(1, -1).trim()).filter((n) => n !== '' && !PLACEHOLDER.test(n));
	const name = names(before.slice(before.lastIndexOf('\n') + 1))[0] ?? names(before).pop();
	return name ?? VM_ID_GUID.exec(text.slice(label.index))?.[1].toUpperCase() ?? null;
}

/** A writer's placeholder for a name (`<VM Name>`, in a KB's or a blog's copy of a message): names no VM. */
const PLACEHOLDER = /^<[^<>\n]*>$/;

/**
 * Why Hyper-V refused or changed a checkpoint, from a VMMS message that closes with `(Virtual machine ID …)` and
 * carries no HRESULT (one with a code is a failure QL312 reads by the code): the VM's checkpoints are disabled;
 * a production checkpoint fell back to a standard one (both types named); a production checkpoint could not be
 * created (the guest's VSS / Backup integration service unavailable, no standard fallback allowed). Null otherwise.
 */
export function checkpointRefusal(message: string): CheckpointRefusal | null {
	const text = flat(message.slice(0, TEMPLATE_CHARS)).replace(QUOTED_NAME, "''");
	if (!new RegExp(VM_ID, 'iu').test(text) || new RegExp(HEX8, 'iu').test(text)) return null;
	if (near(text, CHECKPOINT_WORD, DISABLED_WORD)) return 'disabled';
	if (!near(text, CHECKPOINT_WORD, PRODUCTION_WORD)) return null;
	return near(text, PRODUCTION_WORD, STANDARD_WORD) ? 'fell-back' : 'production-failed';
}

export type CheckpointRefusal = 'disabled' | 'fell-back' | 'production-failed';

/**
 * A template: a start the message begins with, then steps that follow in order, each within `within`
 * characters of the previous one. Steps are plain searches (no unbounded `.*` between them), so matching
 * stays linear in the message.
 */
interface Template extends Omit<TemplateMatch, 'at'> {
	start: RegExp;
	steps: readonly RegExp[];
	within: number;
	/** A further condition (the level word of a VSS message, a volume named). */
	also?: (text: string) => boolean;
}

const t = (provider: string, eventId: number | null, level: number, shape: string, start: RegExp, steps: readonly RegExp[], within = 400, also?: (text: string) => boolean): Template => ({ provider, eventId, level, shape, start, steps, within, also });
const isWarning = (text: string) => VSS_WARNING.test(text);
/** A VMMS message that gives its reason without a code: `first` finds the first of its two words, checkpointRefusal decides which reason. */
const refusal = (kind: CheckpointRefusal, level: number, shape: string, first: RegExp): Template =>
	t('Microsoft-Windows-Hyper-V-VMMS', null, level, `${shape}. (Virtual machine ID …)`, ANY, [first, new RegExp(VM_ID, 'giu')], 320, (text) => checkpointRefusal(text) === kind);
const namesVolume = (text: string) => VOLUME.test(text.slice(0, 400));
const VSS = new RegExp(`^${VSS_PREFIX}`, 'iu');
/** A storage device descriptor's value as VSS dumps it: `0x` and 16 hex digits. */
const DESCRIPTOR_HEX = String.raw`\b0x[0-9a-f]{16}\b`;
/** Whether `line` opens with the VSS service's message prefix (`Volume Shadow Copy Service error:`, translated). */
export const opensVssMessage = (line: string): boolean => VSS.test(line.trimStart());
const ANY = /^/;

/** In order: the more specific shape first (12293's GUID before 8193's routine, 22's CoCreateInstance before 13). */
const TEMPLATES: readonly Template[] = [
	t('VSS', 8229, 3, 'a VSS writer rejected an event with error 0x…', /^(?:A VSS writer|Ein VSS-Writer|Un enregistreur VSS)\b/iu, [new RegExp(HEX8, 'giu')], 80),
	t('VSS', 8229, 3, 'error 0x…, … により、VSS ライターはイベントを拒否しました', new RegExp(`^(?:(?:エラー|Fehler|erreur) ?)?${HEX8},`, 'iu'), [/VSS ?ライター/giu, /拒否/giu], 300),
	t('VSS', 8230, 3, 'account … could not be resolved, status n; VssAccessControl', VSS, [/\d/gu, /VssAccessControl/giu], 200),
	t('VSS', 8194, 2, 'unexpected error querying for the IVssWriterCallback interface, hr = 0x…', VSS, [/IVssWriterCallback/giu, new RegExp(HR, 'giu')]),
	// The same message copied without the service's prefix (a vendor's page quoting the sentence after
	// `Volume Shadow Copy Service error:`): the interface's name, never translated, opens it, then its HRESULT.
	t('VSS', 8194, 2, 'unexpected error querying for the IVssWriterCallback interface, hr = 0x…', ANY, [/IVssWriterCallback/giu, new RegExp(HR, 'giu')], 100),
	t('VSS', 22, 2, 'a critical component is not registered: CoCreateInstance on CLSID {…} [0x…]', VSS, [/CoCreateInstance/giu, new RegExp(GUID, 'giu'), new RegExp(String.raw`\[${HEX8}`, 'giu')]),
	t('VSS', 12292, 2, 'error creating the shadow copy provider COM class with CLSID {…} [0x…]', VSS, [/provider|プロバイダー|Anbieter|fournisseur/giu, new RegExp(`CLSID ${GUID}`, 'giu'), new RegExp(String.raw`\[${HEX8}`, 'giu')], 150),
	t('VSS', 13, 4, 'the COM server with CLSID {…} and name … cannot be started [0x…]', VSS, [new RegExp(`CLSID ${GUID}`, 'giu'), new RegExp(String.raw`\[${HEX8}`, 'giu')], 200),
	t('VSS', 12293, 2, 'error calling a routine on the shadow copy provider {…}', VSS, [new RegExp(GUID, 'giu'), /Routine|ルーチン/giu, new RegExp(String.raw`${HR}|\[${HEX8}`, 'giu')]),
	t('VSS', 12290, 3, 'VSS warning … hr = 0x…', VSS, [new RegExp(HR, 'giu')], 400, isWarning),
	t('VSS', 12289, 2, 'unexpected error Routine(…) hr = 0x…', VSS, [/\w\(/gu, /\)/gu, new RegExp(HR, 'giu')], 200),
	t('VSS', 8193, 2, 'unexpected error calling routine … hr = 0x…', VSS, [/routine|ルーチン/giu, new RegExp(HR, 'giu')], 200),
	// 12289 without a routine call: the error's own sentence, then the HRESULT (`Unexpected error An older writer
	// session state is being removed. . hr = 0x80042409`). Last of the `hr =` shapes, as every other names more.
	t('VSS', 12289, 2, 'unexpected error … hr = 0x…', VSS, [new RegExp(HR, 'giu')], 200),
	// 12362: a hardware provider's LUN that never arrived, its storage descriptor dumped under the sentence: the
	// word LUN (kept in every language), then the descriptor's values as 16-digit hex numbers (version, device
	// type, modifier, command queueing, bus type), whatever their labels. 12363 (a hidden volume's LUN) dumps the
	// same descriptor: read by this shape it is labelled 12362, the same failure.
	t(
		'VSS',
		12362,
		2,
		'a shadow copy LUN was not detected in the system and did not arrive: LUN ID, version 0x…, device type 0x…',
		ANY,
		[/\bLUN\b/gu, new RegExp(DESCRIPTOR_HEX, 'giu'), new RegExp(DESCRIPTOR_HEX, 'giu'), new RegExp(DESCRIPTOR_HEX, 'giu')],
		200,
	),
	t('VSS', 12298, 2, 'I/O writes cannot be held during the shadow copy creation period', VSS, [/I\/O/gu, /held|保留|angehalten|suspendu/giu], 80),
	t('VSS', 12297, 2, 'I/O writes cannot be flushed during the shadow copy creation period', VSS, [/I\/O/gu, /flush|フラッシュ|geleert|vid/giu], 80),
	t('VSS', 12302, 2, 'an internal inconsistency was detected in trying to contact the writers', VSS, [/internal inconsistency|内部の不整合|interne Inkonsistenz|incohérence interne/giu], 80),
	// volsnap: a volume and the shadow copies; which event by what happened to them.
	t(
		'volsnap',
		36,
		2,
		'shadow copies of X: aborted: storage could not grow (user imposed limit)',
		ANY,
		[new RegExp(SHADOW, 'giu'), new RegExp(ABORTED, 'giu'), /user imposed|ユーザーが?(?:設定|定義|指定|課し)|benutzerdefiniert|imposée par l/giu],
		200,
		namesVolume,
	),
	t('volsnap', 14, 2, 'shadow copies of X: aborted because of an I/O failure', ANY, [new RegExp(SHADOW, 'giu'), new RegExp(ABORTED, 'giu'), /I\/?O\b/gu], 200, namesVolume),
	// 20 before 35: both say the copies were aborted; 20 names the free space computation that failed.
	t('volsnap', 20, 2, 'shadow copies of X: aborted because of a failed free space computation', ANY, [new RegExp(SHADOW, 'giu'), /free space computation|空き領域の計算/giu], 200, namesVolume),
	// 5 and 28 (KB 833167, 887827): the copy of X: could not be created for want of kernel memory or of its on-disk structures.
	t('volsnap', 5, 2, 'the shadow copy of X: could not be created: insufficient non-paged memory pool for a bitmap', ANY, [new RegExp(SHADOW, 'giu'), /non-?paged memory/giu], 200, namesVolume),
	// Japanese puts the cause first: "ビットマップ構造の非ページ プール メモリ不足のため、ボリューム X: のシャドウ コピーを…".
	t('volsnap', 5, 2, 'the shadow copy of X: could not be created: insufficient non-paged memory pool for a bitmap', ANY, [/非ページ ?プール/gu, new RegExp(SHADOW, 'giu')], 200, namesVolume),
	t('volsnap', 28, 2, 'the shadow copy of X: could not be created: the necessary on-disk structures failed', ANY, [new RegExp(SHADOW, 'giu'), /on[- ]disk structures/giu], 200, namesVolume),
	t('volsnap', 35, 2, 'shadow copies of X: aborted because the storage failed to grow', ANY, [new RegExp(SHADOW, 'giu'), new RegExp(ABORTED, 'giu')], 200, namesVolume),
	t('volsnap', 33, 4, 'the oldest shadow copy of X: was deleted to stay below the limit', ANY, [/oldest|最も古い|älteste|plus ancien/giu, new RegExp(SHADOW, 'giu')], 200, namesVolume),
	t('volsnap', 25, 2, 'shadow copies of X: deleted: the storage could not grow in time', ANY, [new RegExp(SHADOW, 'giu'), /deleted|削除|gelöscht|supprim/giu, /in time|時間内|rechtzeitig|à temps/giu], 200, namesVolume),
	t('volsnap', 24, 3, 'insufficient disk space on X: to grow the shadow copy storage for Y:', ANY, [/insufficient disk space|ディスク領域がボリューム|nicht genügend Speicherplatz|espace disque insuffisant/giu], 300, namesVolume),
	// 41 (VS_INITIAL_DEFRAG_FAILED_STRICT_FRAGMENTATION): the storage has room, but not in large enough pieces.
	t('volsnap', 41, 2, 'preparing a shadow copy of X: the shadow copy storage on Y: had no large enough contiguous blocks', ANY, [new RegExp(SHADOW, 'giu'), /contiguous|連続|zusammenhängend|contigu/giu], 300, namesVolume),
	// Windows Error Reporting's crash of a process: the faulting program's file name and its dotted version as the
	// first two values (`Faulting application name: wbengine.exe, version: 10.0.18362.1, …`, `、` in Japanese), then
	// the faulting module's file and hex codes (time stamps, the exception code). The labels are translated; the
	// file names, the version's shape and the codes are not. The label starts with a letter: a page's line number
	// copied before it (`5`) is not the message's. Only the version's first dot is asked for: a paste cut at its
	// width may split the rest onto the next line.
	t(
		'Application Error',
		1000,
		2,
		'faulting application … .exe, version n.n.n.n; faulting module …; exception code 0x…',
		/^\p{L}[^:：\n]{0,59}[:：] ?[\w.-]{1,80}\.exe[,、，] ?[^:：\n]{1,40}[:：] ?\d{1,5}\.\d/iu,
		[/[\w-]\.(?:exe|dll)\b/giu, new RegExp(HEX8, 'giu')],
		300,
	),
	// Windows Server Backup: a quoted ISO start time, then a quoted code or the volumes.
	t('Microsoft-Windows-Backup', 521, 2, "backup that started at '…' failed: the shadow copy failed with code '…'", ANY, [new RegExp(QUOTED_ISO, 'giu'), new RegExp(SHADOW, 'giu'), new RegExp(`${QUOTE}${HEX8}${QUOTE}`, 'giu')], 300),
	t('Microsoft-Windows-Backup', 517, 2, "backup that started at '…' failed with error code '…'", ANY, [new RegExp(QUOTED_ISO, 'giu'), new RegExp(String.raw`${QUOTE}(?:${HEX8}|\d{10})${QUOTE}`, 'giu')], 200),
	t(
		'Microsoft-Windows-Backup',
		547,
		3,
		"backup that started at '…' has encountered errors for volume(s) '…'; log of files not backed up '…'",
		ANY,
		[new RegExp(QUOTED_ISO, 'giu'), new RegExp(String.raw`${QUOTE}[A-Z]:`, 'gu'), new RegExp(String.raw`\.log${QUOTE}`, 'giu')],
		200,
	),
	t('Microsoft-Windows-Backup', 546, 2, "backup that started at '…' failed to back up volume(s) '…'", ANY, [new RegExp(QUOTED_ISO, 'giu'), new RegExp(String.raw`${QUOTE}[A-Z]:`, 'gu')], 200),
	// Hyper-V-VMMS: `(Virtual machine ID …)` closes its messages; the HRESULT in parentheses.
	t('Microsoft-Windows-Hyper-V-VMMS', null, 2, 'checkpoint … could not be created: … (0x…). (Virtual machine ID …)', ANY, [new RegExp(CHECKPOINT, 'giu'), new RegExp(String.raw`\(${HEX8}\)`, 'giu'), new RegExp(VM_ID, 'giu')], 300),
	// The reason VMMS gives without a code: checkpointRefusal decides it (its two words in one sentence); a step finds
	// the first of them. A fallback to a standard checkpoint is a warning.
	refusal('fell-back', 3, 'production checkpoint fell back to a standard checkpoint', new RegExp(`${PRODUCTION}|${STANDARD}`, 'giu')),
	refusal('disabled', 2, 'checkpoints have been disabled for …', new RegExp(`${CHECKPOINT}|${DISABLED}`, 'giu')),
	refusal('production-failed', 2, 'production checkpoints cannot be created for …', new RegExp(`${CHECKPOINT}|${PRODUCTION}`, 'giu')),
	t('Microsoft-Windows-Hyper-V-VMMS', null, 2, 'checkpoint operation for … failed. (Virtual machine ID …)', ANY, [new RegExp(CHECKPOINT, 'giu'), new RegExp(VM_ID, 'giu')], 200),
	// SQL Server's own messages, by what it never translates: SQLVDI's `Loc=<routine>. Desc=… ErrorCode=(n)` labels
	// (after a prefix the message opens with, `SQLVDI:`), the C++ scope and the quoted device of an 18210
	// (`BackupVirtualDeviceFile::SendFileInfoBegin: … '{GUID}1'. … 995(…)`), and 3041's two T-SQL `BACKUP` keywords
	// (`BACKUP … BACKUP DATABASE model`), the second one naming the command.
	t('SQLVDI', 1, 2, 'Loc=<routine>. Desc=<what>. ErrorCode=(n)', /^(?:[\w$]{1,20}[:：] ?)?Loc=\w{1,80}\. ?Desc=/u, [/ErrorCode=\(\d{1,10}\)/gu], 300),
	t('MSSQLSERVER', 18210, 2, "Class::Routine: failure on backup device '…'. Operating system error n(…)", /^\w{1,60}::\w{1,60}[:：]/u, [/['‘][^'‘’\n]{1,260}['’]/gu, /\d{1,5} ?[(（]/gu], 200),
	// SQLWRITER 24583 (VSS_ERROR_SQLLIB_OLEDB_ERROR): a short prefix (`Sqllib error:`), the COM method the writer
	// called (`ICommandText::Execute`, `IDBInitialize::Initialize`), `hr = 0x…`, then SQL Server's errors as
	// `SQLSTATE: 42000, <label>: 3013` — the interface, the identifier `hr` and SQLSTATE are never translated.
	t('SQLWRITER', 24583, 2, 'Sqllib error: OLEDB error calling I…::…. hr = 0x…. SQLSTATE: …', /^[^:：\n]{1,40}[:：]/u, [/\bI[A-Z]\w{1,60}::\w{1,60}/gu, new RegExp(HR, 'giu'), /SQLSTATE[:：] ?\w{5}\b/gu], 200),
	t('MSSQLSERVER', 3041, 2, 'BACKUP failed to complete the command BACKUP DATABASE <name>', /^BACKUP\b(?! (?:DATABASE|LOG)\b)/u, [/\bBACKUP (?:DATABASE|LOG) /gu], 80),
	// ESENT: `process (pid[,x,n]) instance: …` with a negative JET error.
	t('ESENT', null, 2, 'process (pid) instance: … error -n', /^\S+ \(\d+(?:,[A-Z],\d+)*\) [^:：]{0,60}[:：]/u, [/(?:error|エラー|Fehler|erreur) -\d{3,5}\b/giu], 400),
];

/**
 * Where a template's own words begin in `text` when its start and steps match in order (see Template), else -1.
 * `cut`: `text` is what a paste left of a message it cut short (see matchCutTemplate): it matches when at least
 * one step does and the first step that does not would be looked for within the template's reach of the cut.
 */
function follows(x: Template, text: string, cut = false): number {
	const head = x.start.exec(text);
	if (!head) return -1;
	let pos = head[0].length;
	let at = head[0].length > 0 ? head.index : -1;
	for (let k = 0; k < x.steps.length; k++) {
		const step = x.steps[k];
		step.lastIndex = pos;
		const m = step.exec(text);
		if (!m || m.index - pos > x.within) return cut && k > 0 && text.length - pos <= x.within ? Math.max(at, 0) : -1;
		if (at < 0) at = m.index;
		pos = m.index + m[0].length;
	}
	return (x.also?.(text) ?? true) ? Math.max(at, 0) : -1;
}

/** Whitespace collapsed, stray leading quotes dropped: templates are matched on the message as one line. */
export function flat(text: string): string {
	return text.replace(/\s+/g, ' ').replace(/^[\s"“”'`]+/, '');
}

/** Characters of a message matchTemplate looks at: templates look at its start (a long paste is cut before it is flattened). */
export const TEMPLATE_CHARS = 4000;

/** The known event a message is, by its template; null when it is none of them. */
export function matchTemplate(message: string): TemplateMatch | null {
	const text = flat(message.slice(0, TEMPLATE_CHARS)).slice(0, 2000);
	for (const x of TEMPLATES) {
		const at = follows(x, text);
		if (at >= 0) return { provider: x.provider, eventId: x.eventId, level: x.level, shape: x.shape, at };
	}
	return directoryServiceError(text);
}

const VMMS_PROVIDER = 'Microsoft-Windows-Hyper-V-VMMS';
const WORKER_PROVIDER = 'microsoft-windows-hyper-v-worker';

/**
 * Whether an event is VMMS's, or the VM's worker process's (Hyper-V-Worker) whose message is one of VMMS's checkpoint
 * templates (`'name' could not initiate a checkpoint operation: … (0x…). (Virtual machine ID …)`): the worker reports
 * the checkpoint of its VM as VMMS does; its other messages (a VM's start, its devices) are no checkpoint's.
 */
export function isVmmsEvent(provider: string, message: string | null): boolean {
	const p = provider.toLowerCase();
	if (p === VMMS_PROVIDER.toLowerCase()) return true;
	return p === WORKER_PROVIDER && message !== null && matchTemplate(message)?.provider === VMMS_PROVIDER;
}

/**
 * Where the ellipsis (`...`, `…`) that ends a message a paste cut short starts, the blanks before it left out;
 * -1 when none ends it.
 */
function cutAt(text: string): number {
	const kept = text.trimEnd();
	const mark = kept.endsWith('...') ? 3 : kept.endsWith('…') ? 1 : 0;
	return mark === 0 ? -1 : kept.slice(0, kept.length - mark).trimEnd().length;
}

/**
 * The known event of id `eventId` that a message cut short (it ends with an ellipsis, see cutAt) is as far as it goes: a
 * template of that id whose start and first steps match in order, the cut coming before the next step could
 * show (see follows); null when it is none. A forum or a ticket shortens long lines (`The backup operation that
 * started at '…' has encountered errors for the volume(s)'F...`): the message no longer matches its template
 * whole, but the id printed above it and the part left agree.
 */
export function matchCutTemplate(message: string, eventId: number): TemplateMatch | null {
	// Most messages end with no ellipsis: told before the message is flattened (matchTemplate has just done so).
	if (cutAt(message) < 0) return null;
	const text = flat(message.slice(0, TEMPLATE_CHARS)).slice(0, 2000);
	const end = cutAt(text);
	if (end < 0) return null;
	const kept = text.slice(0, end);
	for (const x of TEMPLATES) {
		if (x.eventId !== eventId) continue;
		const at = follows(x, kept, true);
		if (at >= 0) return { provider: x.provider, eventId, level: x.level, shape: x.shape, at };
	}
	return null;
}

/**
 * Directory Service 1168 (internal error): its Additional Data prints one error value twice, in decimal
 * and in hex (`-1022` / `fffffc02`), then an 8-digit hex Internal ID. The pair agreeing is the shape.
 */
function directoryServiceError(text: string): TemplateMatch | null {
	const decimals = [...text.matchAll(/[:：] ?(-?\d{1,10})(?![\w.])/g)].map((m) => Number(m[1]));
	const hexes = [...text.matchAll(/[:：] ?([0-9a-f]{8})\b/gi)].map((m) => parseInt(m[1], 16) | 0);
	if (hexes.length < 2 || !decimals.some((d) => d !== 0 && hexes.includes(d))) return null;
	return { provider: 'Microsoft-Windows-ActiveDirectory_DomainService', eventId: 1168, level: 2, shape: 'an internal error with its value in decimal and hex and an Internal ID', at: 0 };
}

/** `label: value` split at the first colon (`:` or `：`); the label short and not a sentence. */
export function labelled(line: string): { label: string; value: string } | null {
	const text = line.trim();
	const colon = [text.indexOf(':'), text.indexOf('：')].filter((i) => i >= 0).sort((a, b) => a - b)[0];
	if (colon === undefined || colon < 1 || colon > 40) return null;
	const label = text.slice(0, colon).trim();
	// `C:\…` is a path, `https:` a link, a label with sentence punctuation is prose.
	if (label === '' || /^(?:https?|[a-z])$/i.test(label) || /[。.!?]/.test(label)) return null;
	return { label, value: text.slice(colon + 1).trim() };
}

/** Execution Context values: insertion strings VSS does not translate (lower case); same set as windowsEvents.ts reads. */
const EXECUTION = /^(?:writer|coordinator|provider|system provider|requestor)$/i;
const WHOLE_GUID = new RegExp(`^${GUID}$`, 'i');
/** A context value a writer's details hold: an Execution Context value or a `{GUID}`. */
const contextValue = (v: string) => EXECUTION.test(v.trim()) || WHOLE_GUID.test(v.trim());

/** A Markdown code fence (```` ``` ````, `~~~`, with or without a language) or a rule / setext underline (`---`, `===`). */
const MARKDOWN_BREAK = /^(?:`{3,}|~{3,})[\w-]*$|^(?:-{3,}|={3,}|\*{3,})$/;

/**
 * The message with its Operation/Context block in the shape the event model reads: a label line ending in
 * a colon, its values indented below. Pastes lose the indentation, put the operation on its label's line
 * (`操作:    解凍イベント`), or leave a value empty (`ライター クラス ID:`). The block is found by its
 * untranslated values (an Execution Context value or a `{GUID}` within the next lines), never by its labels;
 * a later section of `label: value` lines that carries an HRESULT (`Error-specific details:`) is left as text.
 */
export function reflowContext(lines: readonly string[]): string[] {
	const start = blockStart(lines);
	if (start < 0) return [...lines];
	const out = lines.slice(0, start);
	const head = labelled(lines[start])!;
	const operation: string[] = head.value.trim() !== '' ? [head.value.trim()] : [];
	let contextLabel: string | null = null;
	const pairs: string[] = [];
	/** Whether the last pair's value is a whole GUID or an Execution Context value (see below). */
	let lastComplete = false;
	let i = start + 1;
	for (; i < lines.length; i++) {
		const line = lines[i].trim();
		if (line === '') continue;
		// A Markdown fence or rule under the block (a code block closed, a heading underlined) is the page's,
		// never part of an event: the block ends there rather than take it for a re-wrapped value.
		if (MARKDOWN_BREAK.test(line)) break;
		const lab = labelled(line);
		if (contextLabel === null) {
			if (!lab) {
				operation.push(line);
				continue;
			}
			if (lab.value.trim() === '') {
				contextLabel = lab.label;
				continue;
			}
			// The Context label itself was lost: its pairs follow the operation directly.
			contextLabel = '';
		}
		if (!lab) {
			// A value re-wrapped onto the next line (a long Command Line) continues its pair; a whole GUID or an
			// Execution Context value is complete, so text after one is the page's (a heading under the event).
			if (lastComplete) break;
			if (pairs.length > 0) pairs[pairs.length - 1] += ` ${line}`;
			continue;
		}
		if (lab.value.trim() === '' && opensDetails(lines, i)) break;
		pairs.push(`${lab.label}: ${lab.value.trim()}`);
		lastComplete = contextValue(lab.value);
	}
	out.push(`${head.label}:`);
	appendAll(
		out,
		operation.map((o) => `   ${o}`),
	);
	out.push('');
	if (contextLabel) out.push(`${contextLabel}:`);
	appendAll(
		out,
		pairs.map((p) => `   ${p}`),
	);
	if (i < lines.length) {
		out.push('');
		appendAll(
			out,
			lines.slice(i).map((l) => l.trim()),
		);
	}
	return out;
}

/** The first line of a block whose next few non-blank lines hold a context value (see reflowContext). */
function blockStart(lines: readonly string[]): number {
	for (let i = 1; i < lines.length; i++) {
		if (!labelled(lines[i]) || /\b0x[0-9a-f]{8}\b/i.test(lines[i])) continue;
		const next = lines
			.slice(i, i + 12)
			.filter((l) => l.trim() !== '')
			.slice(0, 5);
		if (next.some((l) => contextValue(labelled(l)?.value ?? ''))) return i;
	}
	return -1;
}

/** Whether an empty label at `i` opens a details section: its next pair carries an HRESULT. */
function opensDetails(lines: readonly string[], i: number): boolean {
	const next = lines.slice(i + 1).find((l) => l.trim() !== '');
	return next !== undefined && /\b0x[0-9a-f]{8}\b/i.test(next);
}
