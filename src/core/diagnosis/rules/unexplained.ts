import type { DiagnosisInput } from '../diagnose';
import { faultInfo } from '../../knowledge/faults';
import { faultRef } from '../../knowledge/kb';
import { faultMeaning } from '../../knowledge/messages/tables';
import { ruleDefaults } from '../ruleCatalogue';
import { attemptName, failureEvidence, guestFamily, kindEvidence, mergeEvidence, onVmware, type RuleFinding, steps, tr } from './common';

/**
 * QL112 (fallback): a quiesced snapshot failed and no other rule found why. Says so plainly and names what
 * to collect, rather than leaving a failed attempt without a finding.
 */
export function unexplainedFailures(input: DiagnosisInput, found: readonly RuleFinding[]): RuleFinding[] {
	const explained = new Set(found.filter((f) => f.severity === 'error').map((f) => f.attemptId));
	const t = tr(input);
	return input.attempts
		.filter((a) => a.result === 'failed' && a.quiesced !== false && !explained.has(a.id))
		.map((a): RuleFinding => {
			const fault = faultInfo(a.fault);
			const windows = guestFamily(input) !== 'other';
			return {
				...ruleDefaults('QL112'),
				title: t('QL112.title', { id: a.id }),
				message: t('QL112.message', { attempt: attemptName(input, a), fault: a.fault, faultMeaning: faultMeaning(a.fault, input.locale) ?? null }),
				attemptId: a.id,
				writers: [],
				hresult: a.hresult,
				// The catalogue cites nothing for QL112 but the page of the attempt's fault, when it is a known one.
				kb: fault && a.fault ? [faultRef(a.fault, fault.url)] : [],
				fix: steps(onVmware(input, t('QL112.fix.debug')), windows && t('QL112.fix.collect'), onVmware(input, t('QL112.fix.hostLogs')), t('QL112.fix.analyse')),
				evidence: mergeEvidence(failureEvidence(input, a), kindEvidence(a, 'snapshot-start')),
			};
		});
}
