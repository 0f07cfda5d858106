import type { Attempt, ShadowStorage } from '../../model/report';
import type { LogRecord } from '../../model/records';
import type { DiagnosisInput } from '../diagnose';
import { hresultLabel } from '../../knowledge/hresults';
import { ruleDefaults } from '../ruleCatalogue';
import { attemptName, ev, namedEvents, type RuleFinding, signalEvidence, signalHresult, signals, steps, tr, windowsEvents, withHresult } from './common';

/** QL404, shadow copy storage (the diff area): exhausted during a snapshot, or too small / nearly full. */
export function storageRules(input: DiagnosisInput): RuleFinding[] {
	return [...exhausted(input), ...tight(input)];
}

/** VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED: the volume holds as many shadow copies as allowed. */
const MAX_COUNT = '0x80042317';
const NO_ROOM = new Set(['0x8004231F', MAX_COUNT]);

/** The volume a product's report names (`Unable to add volume to snapshot set (C:)`), or null. */
const volumeIn = (own: readonly LogRecord[]): string | null => own.map((r) => (r.kind === 'product-error' ? r.fields.volume : null)).find((v) => v !== null) ?? null;
/** Used above this share of the maximum, the next burst of writes during a snapshot fills it. */
const NEARLY_FULL = 0.9;
/**
 * A maximum below this (bytes) is called small: every block written while a shadow copy exists is copied
 * into the storage first, so a busy volume fills a few hundred MB within minutes. A heuristic, not a limit
 * Windows enforces.
 */
const SMALL_MAXIMUM = 1024 ** 3;

const volumeOf = (s: ShadowStorage | undefined) => s?.forVolume ?? '<volume>';

/** The resize command for a volume (10% of the volume, a common sizing). */
const resize = (volume: string, on: string | null = volume) => `\`vssadmin resize shadowstorage /for=${volume} /on=${on ?? volume} /maxsize=10%\``;

/**
 * The shadow copy storage (diff area) as VSS's routine text names it in 8193/12289 (`Cannot find anymore diff
 * area candidates for volume …`): an insertion string VSS prints in English whatever the display language.
 */
const DIFF_AREA = /\bdiff[- ]?area\b/i;

/** A VSS error event about choosing or growing the diff area: no volume could take the shadow copy storage. */
const diffAreaEvents = (input: DiagnosisInput) => windowsEvents(input, 'VSS', [8193, 12289]).filter((r) => DIFF_AREA.test(r.fields.message ?? '') || DIFF_AREA.test(r.fields.operation ?? ''));

/** volsnap 32: the shadow copies were aborted because the volume holding their storage was not present. */
const NOT_PRESENT = 32;

/** volsnap 24: the storage could not grow, the shadow copies are at risk — none is deleted yet. */
const AT_RISK = 24;

/**
 * Whether the storage running out cost the backup (an error) rather than older shadow copies or a warning
 * (a warning): decided by what happened to the attempt, not by the event's level. A successful attempt lost
 * nothing; event 24 (copies at risk, none deleted) loses nothing unless something else failed the attempt.
 */
function lostTheBackup(a: Attempt | null, own: readonly LogRecord[]): boolean {
	if (a?.result === 'success') return false;
	// An attempt that only event 24 failed (a copy that logs it as an error) lost nothing more than 24 says.
	const atRisk = own.filter((r) => r.kind === 'windows-event' && r.fields.provider.toLowerCase() === 'volsnap' && r.fields.eventId === AT_RISK);
	if (atRisk.length < own.length) return true;
	const riskLines = new Set(atRisk.map((r) => `${r.source.path}:${r.source.line}`));
	return a !== null && (a.hresult !== null || a.events.some((e) => e.severity === 'error' && !riskLines.has(`${e.source}:${e.line}`)));
}

/** Shadow copies aborted or deleted because the storage could not grow (volsnap 24/25/35/36, 0x8004231F, 0x80042317, VSS naming the diff area). */
function exhausted(input: DiagnosisInput): RuleFinding[] {
	const records = [...windowsEvents(input, 'volsnap', [24, 25, NOT_PRESENT, 35, 36, 41]), ...diffAreaEvents(input), ...withHresult(input, NO_ROOM).filter((r) => r.kind !== 'windows-event')];
	const t = tr(input);
	return signals(input, records, (a) => NO_ROOM.has(String(a.hresult))).map(({ attempt: a, records: own }): RuleFinding => {
		const hr = signalHresult(a, own, NO_ROOM);
		const volume = volumeOf(input.shadowStorage[0]);
		// Event 32 alone: the storage's volume was missing, not full.
		if (own.every((r) => r.kind === 'windows-event' && r.fields.eventId === NOT_PRESENT))
			return {
				...ruleDefaults('QL404'),
				title: t('QL404.missing.title'),
				message: t('QL404.missing.message', { attempt: a ? attemptName(input, a) : null, events: namedEvents(input, own) }),
				attemptId: a?.id ?? null,
				writers: [],
				hresult: null,
				fix: steps(t('QL404.fix.online'), t('QL404.fix.phantoms')),
				evidence: signalEvidence(input, a, own),
			};
		// The count limit is no storage space: only the number of copies is at fault, and deleting them is the fix.
		if (hr === MAX_COUNT && !own.some((r) => r.kind === 'windows-event' && r.fields.hresult !== MAX_COUNT))
			return {
				...ruleDefaults('QL404'),
				title: t('QL404.count.title'),
				message: t('QL404.count.message', { attempt: attemptName(input, a), hrLabel: hresultLabel(hr) }),
				attemptId: a?.id ?? null,
				writers: [],
				hresult: hr,
				fix: steps(t('QL404.fix.listShadows', { volume: volumeIn(own) ?? volume }), t('QL404.fix.interrupted'), t('common.retryBackup')),
				evidence: signalEvidence(input, a, own),
			};
		return {
			...ruleDefaults('QL404'),
			severity: lostTheBackup(a, own) ? 'error' : 'warning',
			title: t('QL404.exhausted.title'),
			message: t('QL404.exhausted.message', { attempt: attemptName(input, a), hrLabel: hr ? hresultLabel(hr) : null, events: namedEvents(input, own) }),
			attemptId: a?.id ?? null,
			writers: [],
			hresult: hr,
			fix: steps(t('QL404.fix.list'), t('QL404.fix.grow', { volume, resize: resize(volume) }), t('QL404.fix.free', { volume }), t('common.retryBackup')),
			evidence: signalEvidence(input, a, own),
		};
	});
}

/** Associations whose maximum is nearly used up or small, from `vssadmin list shadowstorage`. */
function tight(input: DiagnosisInput): RuleFinding[] {
	const full = input.shadowStorage.filter((s) => s.usedBytes !== null && s.maximumBytes !== null && s.maximumBytes > 0 && s.usedBytes >= NEARLY_FULL * s.maximumBytes);
	const small = input.shadowStorage.filter((s) => !full.includes(s) && s.maximumBytes !== null && s.maximumBytes < SMALL_MAXIMUM);
	if (full.length === 0 && small.length === 0) return [];
	const t = tr(input);
	const describe = (s: ShadowStorage) => t('QL404.tight.describe', { volume: volumeOf(s), used: s.used, maximum: s.maximum });
	const all = [...full, ...small];
	return [
		{
			...ruleDefaults('QL404'),
			severity: 'warning',
			title: t('QL404.tight.title', { full: full.length > 0 }),
			message: [full.length > 0 ? t('QL404.tight.full', { volumes: full.map(describe), percent: NEARLY_FULL * 100 }) : '', small.length > 0 ? t('QL404.tight.small', { volumes: small.map(describe) }) : '', t('QL404.tight.why')]
				.filter(Boolean)
				.join(t('QL404.tight.join')),
			attemptId: null,
			writers: [],
			hresult: null,
			fix: steps(
				all.map((s) => t('QL404.fix.raise', { volume: volumeOf(s), resize: resize(volumeOf(s), s.storageVolume) })),
				t('QL404.fix.delete', { volume: volumeOf(all[0]) }),
			),
			evidence: all.map((s) => ev(s.source.path, s.source.line, `For volume: ${volumeOf(s)} — used ${s.used ?? '?'}, allocated ${s.allocated ?? '?'}, maximum ${s.maximum ?? '?'}`)),
		},
	];
}
