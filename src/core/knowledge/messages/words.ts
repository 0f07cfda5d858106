import { VSS_PHASES, VSS_ROLES, type AttemptKind, type ClockConfidence, type Consistency, type EventJoin, type PhaseName, type VssPhase, type VssRole } from '../../model/report';
import { WINDOW_NAMES } from '../limits';
import { WRITER_STATES } from '../writerStates';
import { translator } from './index';

/** The catalogue's domain words for every value of the report's enums, in one locale (for a surface that shows them all). */
export interface DomainWords {
	consistencies: Record<Consistency, string>;
	phases: Record<PhaseName, string>;
	/** Window check names (the report's ids, limits.ts WINDOW_NAMES) to their words. */
	windows: Record<string, string>;
	/** Writer state words by VSS_WRITER_STATE number, 0–15. */
	writerStates: string[];
	vssPhases: Record<VssPhase, string>;
	/** The parts of a VSS backup, an in-guest attempt's timeline lanes. */
	vssRoles: Record<VssRole, string>;
	attemptKinds: Record<AttemptKind, string>;
	/** Shown instead of the start of an attempt known only from untimed text. */
	timeUnknown: string;
	/** Why an event joined its attempt, by `join.by`: templates with `{0}` for the id or window start, `{1}` for its end. */
	joins: Record<EventJoin['by'], string>;
	/** How sure a source's clock is: templates with `{0}` for its pairs, `{1}` for their spread. */
	confidences: Record<ClockConfidence, string>;
}

/** Every domain word in a locale (English unless it is Japanese), from the message catalogue's `word.*` entries. */
export function domainWords(locale?: string | null): DomainWords {
	const t = translator(locale);
	const consistency = (c: Consistency) => t('word.consistency', { consistency: c, fallback: false });
	const phase = (p: PhaseName) => t('word.phase', { phase: p });
	return {
		consistencies: { application: consistency('application'), filesystem: consistency('filesystem'), crash: consistency('crash'), none: consistency('none'), unknown: consistency('unknown') },
		phases: { task: phase('task'), snapshot: phase('snapshot'), quiesce: phase('quiesce'), 'flush-hold': phase('flush-hold'), thaw: phase('thaw'), freeze: phase('freeze'), stun: phase('stun') },
		windows: Object.fromEntries(Object.values(WINDOW_NAMES).map((name) => [name, t('word.window', { name })])),
		writerStates: WRITER_STATES.map((s) => t('word.writerState', { code: s.code })),
		vssPhases: Object.fromEntries(VSS_PHASES.map((phase) => [phase, t('word.vssPhase', { phase })])) as Record<VssPhase, string>,
		vssRoles: Object.fromEntries(VSS_ROLES.map((role) => [role, t('word.vssRole', { role })])) as Record<VssRole, string>,
		attemptKinds: { 'host-snapshot': t('word.attemptKind', { kind: 'host-snapshot' }), 'guest-shadow-copy': t('word.attemptKind', { kind: 'guest-shadow-copy' }), 'hyperv-checkpoint': t('word.attemptKind', { kind: 'hyperv-checkpoint' }) },
		timeUnknown: t('word.timeUnknown'),
		confidences: Object.fromEntries((['exact', 'inferred', 'none'] as const).map((c) => [c, t('word.clockConfidence', { confidence: c, anchors: '{0}', spread: '{1}' })])) as Record<ClockConfidence, string>,
		joins: Object.fromEntries((['vmx-log', 'opid', 'task', 'window', 'requester'] as const).map((by) => [by, t('word.join', { by, id: '{0}', from: '{0}', to: '{1}' })])) as Record<EventJoin['by'], string>,
	};
}
