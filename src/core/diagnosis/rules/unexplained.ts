import type { DiagnosisInput } from '../diagnose';
import { faultInfo } from '../../knowledge/faults';
import { faultRef } from '../../knowledge/kb';
import { faultMeaning } from '../../knowledge/messages/tables';
import { ruleDefaults } from '../ruleCatalogue';
import { attemptName, failureEvidence, guestFamily, kindEvidence, mergeEvidence, onVmware, type RuleFinding, steps, tr } from './common';

/**
 * QL112 (fallback): an attempt failed and no other rule found why. Says so plainly, in the terms of what the
 * attempt was (a host quiesced snapshot, a shadow copy a backup product asked for inside Windows, a Hyper-V
 * backup checkpoint), and names what to collect next for that kind, rather than leaving a failed attempt
 * without a finding. VMware advice only for a host snapshot on VMware.
 */
export function unexplainedFailures(input: DiagnosisInput, found: readonly RuleFinding[]): RuleFinding[] {
	const errors = found.filter((f) => f.severity === 'error');
	const explained = new Set(errors.map((f) => f.attemptId));
	// An attempt that failed in a writer (its phase and component from a listing pasted with it) is explained
	// by the error finding about that writer, though the listing's finding names no attempt.
	const failedWriters = new Set(errors.flatMap((f) => f.writers));
	const inFailedWriter = (a: (typeof input.attempts)[number]) => a.failedComponent?.type === 'writer' && failedWriters.has(a.failedComponent.name ?? '');
	const t = tr(input);
	return input.attempts
		.filter((a) => a.result === 'failed' && a.quiesced !== false && !explained.has(a.id) && !inFailedWriter(a))
		.map((a): RuleFinding => {
			const fault = faultInfo(a.fault);
			const windows = guestFamily(input) !== 'other';
			const host = a.kind === 'host-snapshot';
			const said = { id: a.id, kind: a.kind, requester: a.requester };
			return {
				...ruleDefaults('QL112'),
				title: t('QL112.title', said),
				message: t('QL112.message', { ...said, attempt: attemptName(input, a), fault: a.fault, faultMeaning: faultMeaning(a.fault, input.locale) ?? null }),
				attemptId: a.id,
				writers: [],
				hresult: a.hresult,
				// The catalogue cites nothing for QL112 but the page of the attempt's fault, when it is a known one.
				kb: fault && a.fault ? [faultRef(a.fault, fault.url)] : [],
				fix: steps(
					host && onVmware(input, t('QL112.fix.debug')),
					windows && t('QL112.fix.collect'),
					a.kind === 'guest-shadow-copy' && t('QL112.fix.productLog', { requester: a.requester }),
					a.kind === 'hyperv-checkpoint' && t('QL112.fix.hyperv'),
					host && onVmware(input, t('QL112.fix.hostLogs')),
					t('QL112.fix.analyse'),
				),
				evidence: mergeEvidence(failureEvidence(input, a), kindEvidence(a, 'snapshot-start')),
			};
		});
}
