import type { Finding } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { faultInfo } from '../faults';
import { faultRef } from '../kb';
import { attemptName, failureEvidence, guestFamily, kindEvidence, mergeEvidence, onVmware, steps } from './common';

/**
 * QL112 (fallback): a quiesced snapshot failed and no other rule found why. Says so plainly and names what
 * to collect, rather than leaving a failed attempt without a finding.
 */
export function unexplainedFailures(input: DiagnosisInput, found: readonly Finding[]): Finding[] {
	const explained = new Set(found.filter((f) => f.severity === 'error').map((f) => f.attemptId));
	return input.attempts.filter((a) => a.result === 'failed' && a.quiesced !== false && !explained.has(a.id)).map((a): Finding => {
		const fault = faultInfo(a.fault);
		const windows = guestFamily(input) !== 'other';
		return {
			code: 'QL112',
			severity: 'error',
			title: `The quiesced snapshot ${a.id} failed; the bundle does not show why`,
			message: `${attemptName(a)} failed${a.fault ? ` with ${a.fault}${fault ? ` (${fault.meaning})` : ''}` : ''}, but the bundle holds no guest-side record that names the cause (no VMware Tools error, writer, provider or VSS event for that time).`,
			attemptId: a.id,
			writers: [],
			hresult: a.hresult,
			kb: fault && a.fault ? [faultRef(a.fault, fault.url)] : [],
			fix: steps(
				onVmware(input, 'Turn on VMware Tools debug logging for the quiesce in the guest\'s tools.conf (`[logging]` `vmbackup.level = debug`, `vmbackup.handler = vmx`), restart VMware Tools, and reproduce.'),
				windows && 'Collect the guest\'s Application and System event logs (`wevtutil epl Application app.evtx`, `wevtutil epl System sys.evtx`) and `vssadmin list writers` / `vssadmin list providers` right after the failure.',
				onVmware(input, 'Add the VM\'s vmware.log and the host\'s hostd.log for that time to the bundle.'),
				'Analyse the new bundle.',
			),
			evidence: mergeEvidence(failureEvidence(input, a), kindEvidence(a, 'snapshot-start')),
		};
	});
}
