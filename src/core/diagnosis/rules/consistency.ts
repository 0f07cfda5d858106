import type { DiagnosisInput } from '../diagnose';
import { writerIdOf } from '../../knowledge/writerServices';
import { ruleDefaults } from '../ruleCatalogue';
import { pushTo } from '../../collections';
import { isCrashVerdict } from '../../formats/backup/generic';
import type { KindRecord } from '../../model/records';
import { productInfo } from '../../knowledge/productCodes';
import { productCodeMeaning } from '../../knowledge/messages/tables';
import { attemptHolding, attemptName, failureEvidence, guestFamily, kindEvidence, mergeEvidence, ofKind, onVmware, recordEvidence, type RuleFinding, steps, tr } from './common';

/**
 * QL110, QL111, QL113: what the backup is, as opposed to what the user thinks it is — a crash-consistent
 * retry after a failed quiesce (QL110), a quiesce that only reached file-system consistency on Windows
 * (QL111), and application logs that a copy backup does not truncate (QL113).
 */
export function consistencyRules(input: DiagnosisInput): RuleFinding[] {
	return [...fallbacks(input), ...fileSystemOnly(input), ...copyBackups(input)];
}

/**
 * QL110: a quiesced=0 snapshot replaced a failed quiesced one, so the backup is crash-consistent; or a product's
 * own verdict says its backup went on crash-consistent (a warning: the product says so itself).
 */
function fallbacks(input: DiagnosisInput): RuleFinding[] {
	const t = tr(input);
	return input.attempts
		.filter((a) => a.fallbackOf !== null && a.result !== 'failed')
		.map((a): RuleFinding => {
			const failed = input.attempts.find((p) => p.id === a.fallbackOf);
			const failedAt = failed ? (failed.end ?? failed.start) : null;
			const after = a.start !== null && failedAt !== null ? Date.parse(a.start) - Date.parse(failedAt) : null;
			return {
				...ruleDefaults('QL110', { hypervCheckpointType: false }),
				title: t('QL110.title', { id: a.id, fallbackOf: a.fallbackOf! }),
				message: t('QL110.message', { failed: attemptName(input, failed ?? null), attempt: attemptName(input, a), afterMs: after }),
				attemptId: a.id,
				writers: [],
				hresult: failed?.hresult ?? null,
				fix: steps(t('QL110.fix.cause', { fallbackOf: a.fallbackOf! }), t('QL110.fix.failJob'), t('QL110.fix.check')),
				evidence: mergeEvidence(kindEvidence(a, 'snapshot-start'), failed ? [...kindEvidence(failed, 'snapshot-start'), ...failureEvidence(input, failed, 1)] : []),
			};
		})
		.concat(productFallbacks(input));
}

/**
 * QL110 (warning) from a product's verdict that its backup went on crash-consistent (Altaro's RCTCONTROLLER_011:
 * formats/backup/generic.ts): one finding per attempt and code, the product's meaning of the code, the Hyper-V
 * checkpoint and guest checks for a Hyper-V host's product.
 */
function productFallbacks(input: DiagnosisInput): RuleFinding[] {
	const groups = new Map<string, KindRecord<'product-job'>[]>();
	for (const r of ofKind(input, 'product-job')) {
		if (!isCrashVerdict(r)) continue;
		const a = attemptHolding(input, [r]);
		if (a?.result === 'failed') continue;
		pushTo(groups, `${a?.id ?? ''}\n${r.fields.productCode ?? ''}`, r);
	}
	const t = tr(input);
	return [...groups.values()].map((own): RuleFinding => {
		const { product, productCode: code = null } = own[0].fields;
		const attempt = attemptHolding(input, own);
		const info = productInfo(product);
		const hyperV = info.requester === 'hyper-v';
		return {
			...ruleDefaults('QL110', { quiesceFallback: !hyperV, hypervCheckpointType: hyperV }),
			severity: 'warning',
			title: t('QL110.product.title', { id: attempt?.id ?? '—', product: info.name, code }),
			message: t('QL110.product.message', { product: info.name, attempt: attemptName(input, attempt), code, meaning: productCodeMeaning(code, input.locale) ?? null }),
			attemptId: attempt?.id ?? null,
			writers: [],
			hresult: null,
			fix: steps(hyperV && t('QL110.product.fix.checkpoint'), hyperV ? t('QL110.product.fix.guest') : t('QL550.fix.events'), t('QL110.fix.check')),
			evidence: own.slice(0, 3).map(recordEvidence),
		};
	});
}

/** QL111: a Windows guest was quiesced, but only its file systems: no VSS writer took part. */
function fileSystemOnly(input: DiagnosisInput): RuleFinding[] {
	if (guestFamily(input) !== 'windows') return [];
	const t = tr(input);
	return input.attempts
		.filter((a) => a.quiesced === true && a.result === 'success' && a.consistency === 'filesystem')
		.map((a): RuleFinding => ({
			...ruleDefaults('QL111'),
			title: t('QL111.title', { id: a.id }),
			message: t('QL111.message', { attempt: attemptName(input, a), evidence: a.consistencyEvidence }),
			attemptId: a.id,
			writers: [],
			hresult: null,
			fix: steps(onVmware(input, t('QL111.fix.diskUuid')), onVmware(input, t('QL111.fix.appQuiescing')), t('QL111.fix.writers'), t('QL111.fix.retake')),
			evidence: mergeEvidence(kindEvidence(a, 'snapshot-start', 'snapshot-done'), failureEvidence(input, a)),
		}));
}

const SQL_WRITER = writerIdOf('SqlServerWriter');
const EXCHANGE_WRITER = writerIdOf('Microsoft Exchange Writer');

/** QL113: a quiesced snapshot succeeded as a VSS copy backup, so SQL Server and Exchange do not truncate their logs. */
function copyBackups(input: DiagnosisInput): RuleFinding[] {
	const succeeded = input.attempts.filter((a) => a.quiesced === true && a.result === 'success');
	const copy = ofKind(input, 'vss-backup-components', 'sqlwriter-backup-type').filter((r) => (r.kind === 'vss-backup-components' ? r.fields.backupType?.toLowerCase() === 'copy' : r.fields.backupType === 'VSS_BT_COPY'));
	if (succeeded.length === 0 || copy.length === 0) return [];
	// Which log-keeping applications took part: writer ids of the manifest, the listing, or SQL Writer's own log.
	const writerIds = new Set([...ofKind(input, 'vss-bcd-writer').map((r) => r.fields.writerId), ...input.writers.map((w) => w.writerId)]);
	const sql = writerIds.has(SQL_WRITER) || copy.some((r) => r.kind === 'sqlwriter-backup-type');
	const exchange = writerIds.has(EXCHANGE_WRITER);
	const t = tr(input);
	return [
		{
			...ruleDefaults('QL113'),
			severity: exchange ? 'warning' : 'info',
			title: t('QL113.title', { sql, exchange }),
			message: t('QL113.message', { sql, exchange, count: succeeded.length, attempt: succeeded.length === 1 ? attemptName(input, succeeded[0]) : null }),
			attemptId: succeeded.length === 1 ? succeeded[0].id : null,
			writers: [sql ? 'SqlServerWriter' : null, exchange ? 'Microsoft Exchange Writer' : null].filter((n): n is string => n !== null),
			hresult: null,
			fix: steps(t('QL113.fix.truncate'), sql && t('QL113.fix.sql'), exchange && t('QL113.fix.exchange')),
			evidence: mergeEvidence(
				copy.slice(0, 2).map(recordEvidence),
				succeeded.slice(0, 2).flatMap((a) => kindEvidence(a, 'snapshot-start')),
			),
		},
	];
}
