import type { Finding, ShadowStorage } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { hresultLabel } from '../hresults';
import { KB } from '../kb';
import { attemptName, ev, namedEvents, signalEvidence, signalHresult, signals, steps, windowsEvents } from './common';

/** QL404, shadow copy storage (the diff area): exhausted during a snapshot, or too small / nearly full. */
export function storageRules(input: DiagnosisInput): Finding[] {
	return [...exhausted(input), ...tight(input)];
}

const NO_ROOM = new Set(['0x8004231F', '0x80042317']);
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

/** Shadow copies aborted or deleted because the storage could not grow (volsnap 24/25/36, 0x8004231F, 0x80042317). */
function exhausted(input: DiagnosisInput): Finding[] {
	const records = [...windowsEvents(input, 'volsnap', [24, 25, 36]), ...input.records.filter((r) => r.kind !== 'windows-event' && NO_ROOM.has(String(r.fields.hresult)))];
	return signals(input, records, (a) => NO_ROOM.has(String(a.hresult))).map(({ attempt: a, records: own }): Finding => {
		const hr = signalHresult(a, own, NO_ROOM);
		const volume = volumeOf(input.shadowStorage[0]);
		return {
			code: 'QL404',
			severity: 'error',
			title: 'Shadow copy storage ran out',
			message: `The shadow copy storage (diff area) could not hold the changes during ${attemptName(a)}${hr ? `: ${hresultLabel(hr)}` : ''}${namedEvents(own)}. When it cannot grow, Windows deletes or aborts the shadow copy, so the snapshot is lost.`,
			attemptId: a?.id ?? null,
			writers: [],
			hresult: hr,
			kb: [KB.resizeShadowStorage],
			fix: steps(
				'See the current limits: `vssadmin list shadowstorage`.',
				`Give the volume more shadow copy storage, e.g. ${resize(volume)}, or move it to a volume with free space (\`vssadmin add shadowstorage /for=${volume} /on=D:\`).`,
				`Free space on the volume and delete old shadow copies you do not need: \`vssadmin delete shadows /for=${volume} /oldest\`.`,
				'Retry the backup.',
			),
			evidence: signalEvidence(input, a, own),
		};
	});
}

/** Associations whose maximum is nearly used up or small, from `vssadmin list shadowstorage`. */
function tight(input: DiagnosisInput): Finding[] {
	const full = input.shadowStorage.filter((s) => s.usedBytes !== null && s.maximumBytes !== null && s.maximumBytes > 0 && s.usedBytes >= NEARLY_FULL * s.maximumBytes);
	const small = input.shadowStorage.filter((s) => !full.includes(s) && s.maximumBytes !== null && s.maximumBytes < SMALL_MAXIMUM);
	if (full.length === 0 && small.length === 0) return [];
	const describe = (s: ShadowStorage) => `${volumeOf(s)} (used ${s.used ?? '?'} of maximum ${s.maximum ?? '?'})`;
	const all = [...full, ...small];
	return [{
		code: 'QL404',
		severity: 'warning',
		title: full.length > 0 ? 'Shadow copy storage is nearly full' : 'Shadow copy storage is small',
		message: [
			full.length > 0 ? `The shadow copy storage of ${full.map(describe).join(', ')} is at least ${NEARLY_FULL * 100}% used.` : '',
			small.length > 0 ? `The shadow copy storage of ${small.map(describe).join(', ')} is limited to less than 1 GB.` : '',
			'While a snapshot exists every block written to the volume is first copied into that storage; when it cannot grow, Windows deletes the shadow copy (volsnap 25/36) and the backup fails.',
		].filter(Boolean).join(' '),
		attemptId: null,
		writers: [],
		hresult: null,
		kb: [KB.resizeShadowStorage],
		fix: steps(
			...all.map((s) => `Raise the limit for ${volumeOf(s)}: ${resize(volumeOf(s), s.storageVolume)}.`),
			`Delete shadow copies you do not need (\`vssadmin delete shadows /for=${volumeOf(all[0])} /oldest\`), then check \`vssadmin list shadowstorage\` again.`,
		),
		evidence: all.map((s) => ev(s.source.path, s.source.line, `For volume: ${volumeOf(s)} — used ${s.used ?? '?'}, allocated ${s.allocated ?? '?'}, maximum ${s.maximum ?? '?'}`)),
	}];
}
