import { pushTo } from '../../collections';
import type { RecordOf } from '../../model/records';
import type { DiagnosisInput } from '../diagnose';
import { hresultLabel } from '../../knowledge/hresults';
import { productInfo } from '../../knowledge/productCodes';
import { DEFAULT_SNAPSHOT_TTL_S, type VeeamGuestStep } from '../../knowledge/veeam';
import { win32Info, win32Meaning } from '../../knowledge/win32';
import { ruleDefaults } from '../ruleCatalogue';
import { mergeEvidence, ofKind, onVmware, recordEvidence, type RuleFinding, signals, steps, tr } from './common';

/**
 * QL56x, Veeam's guest processing (application-aware processing), by the step its error names
 * (knowledge/veeam.ts, product-error `guestStep`): the guest could not be reached or logged on to (QL560,
 * with the Win32 code's meaning and what it asks to fix), VSS preparation outlasted Veeam's wait (QL561),
 * the writers' freeze window closed before the VM snapshot was made (QL562), and the in-guest helper gave
 * the shadow copy up for want of a keep-alive (QL563). One finding per step and attempt.
 */
export function veeamGuestRules(input: DiagnosisInput): RuleFinding[] {
	const byStep = new Map<VeeamGuestStep, RecordOf<'product-error'>[]>();
	for (const r of ofKind(input, 'product-error')) {
		const step = r.fields.guestStep;
		if (step !== null) pushTo(byStep, step, r);
	}
	const out: RuleFinding[] = [];
	for (const [step, records] of byStep) for (const s of signals(input, records)) out.push(STEP_RULES[step](input, s.records, s.attempt?.id ?? null));
	return out;
}

type StepRule = (input: DiagnosisInput, own: RecordOf<'product-error'>[], attemptId: string | null) => RuleFinding;

const productName = (own: readonly RecordOf<'product-error'>[]) => productInfo(own[0].fields.product).name;

/** QL560: the guest could not be reached or logged on to; the Win32 code says which. */
const unreachable: StepRule = (input, own, attemptId) => {
	const t = tr(input);
	const win32 = own.map((r) => r.fields.win32).find((c) => c !== null) ?? null;
	const info = win32Info(win32);
	const cause = info?.cause ?? null;
	return {
		...ruleDefaults('QL560', { win32Errors: win32 !== null }),
		title: t('QL560.title', { product: productName(own), code: win32, name: info?.name ?? null }),
		message: t('QL560.message', { product: productName(own), code: win32, name: info?.name ?? null, meaning: win32Meaning(win32, input.locale) ?? null, vmware: input.hypervisor !== 'hyper-v' }),
		attemptId,
		writers: [],
		hresult: null,
		fix: steps(
			(cause === null || cause === 'credentials') && t('QL560.fix.credentials'),
			cause === 'account' && t('QL560.fix.account'),
			cause === 'rights' && t('QL560.fix.rights', { code: win32 }),
			(cause === null || cause === 'network') && t('QL560.fix.network', { vmware: input.hypervisor !== 'hyper-v' }),
			cause === 'session' && t('QL560.fix.session'),
			t('QL560.fix.retry'),
		),
		evidence: own.slice(0, 3).map(recordEvidence),
	};
};

/** QL561: VSS preparation (writers enumerating their data) outlasted Veeam's wait. */
const slowPreparation: StepRule = (input, own, attemptId) => {
	const t = tr(input);
	return {
		...ruleDefaults('QL561'),
		title: t('QL561.title', { product: productName(own) }),
		message: t('QL561.message', { product: productName(own) }),
		attemptId,
		writers: [],
		hresult: own[0].fields.hresult,
		fix: steps(t('QL561.fix.writers'), t('QL561.fix.antivirus'), t('QL561.fix.performance'), t('QL561.fix.timeout'), t('common.retryBackup')),
		evidence: own.slice(0, 3).map(recordEvidence),
	};
};

/** QL562: the writers' freeze window closed before the VM snapshot was made and thaw sent. */
const freezeWindow: StepRule = (input, own, attemptId) => {
	const t = tr(input);
	return {
		...ruleDefaults('QL562'),
		title: t('QL562.title', { product: productName(own) }),
		message: t('QL562.message', { product: productName(own), vmware: input.hypervisor !== 'hyper-v' }),
		attemptId,
		writers: [],
		hresult: own[0].fields.hresult,
		fix: steps(onVmware(input, t('QL562.fix.snapshot')), onVmware(input, t('QL562.fix.network')), t('QL562.fix.load'), t('common.retryBackup')),
		evidence: own.slice(0, 3).map(recordEvidence),
	};
};

/** QL563: the in-guest helper closed the shadow copy: no keep-alive arrived within its TTL. */
const expired: StepRule = (input, own, attemptId) => {
	const t = tr(input);
	// The TTL the helper was given: its log's last TTL line before a failure of the same file (the job log's
	// own error, when the helper log joined it, is in another file).
	const calls = ofKind(input, 'veeam-vss-call').filter((c) => c.fields.ttlSec !== null && own.some((r) => r.source.path === c.source.path && c.source.line < r.source.line));
	const ttl = calls.length > 0 ? calls[calls.length - 1] : null;
	const hr = own.map((r) => r.fields.hresult).find((h) => h !== null) ?? null;
	return {
		...ruleDefaults('QL563'),
		title: t('QL563.title', { product: productName(own), ttl: ttl?.fields.ttlSec ?? null }),
		message: t('QL563.message', { ttl: ttl?.fields.ttlSec ?? DEFAULT_SNAPSHOT_TTL_S, stated: ttl !== null, label: hr ? hresultLabel(hr) : null, renewedAt: ttl?.fields.clock ?? null }),
		attemptId,
		writers: [],
		hresult: hr,
		fix: steps(t('QL563.fix.network'), t('QL563.fix.performance'), t('QL563.fix.timeout', { ttl: DEFAULT_SNAPSHOT_TTL_S }), t('common.retryBackup')),
		evidence: mergeEvidence(ttl ? [recordEvidence(ttl)] : [], own.slice(0, 3).map(recordEvidence)),
	};
};

const STEP_RULES: Readonly<Record<VeeamGuestStep, StepRule>> = {
	'connect': unreachable,
	'prepare-timeout': slowPreparation,
	'freeze-timeout': freezeWindow,
	'snapshot-expired': expired,
};
