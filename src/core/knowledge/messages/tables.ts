import { EVENTS, eventSource } from '../events';
import { FAULTS } from '../faults';
import { BACKUP_ERRORS, HRESULTS } from '../hresults';
import { PRODUCT_CODES, PRODUCTS, productInfo } from '../productCodes';
import { VMBACKUP_STATUS_MEANING } from '../vmbackup';
import { EVENT_SOURCE_HOSTS, writerInfo } from '../writerServices';
import { normalizeLocale } from './index';
import { JA_BACKUP_ERRORS, JA_EVENT_IMPACT, JA_EVENTS, JA_FAULTS, JA_HOST_RESTART_IMPACT, JA_HRESULTS, JA_PHASE_MEANING, JA_PRODUCT_CODE_MEANING, JA_PRODUCT_TRUNCATION, JA_RESTART_IMPACT, JA_VMBACKUP_STATUS } from './jaTables';

/**
 * The knowledge tables' prose in the asked locale: what an HRESULT, an event, a VmBackupStatus, a fault or a
 * writer state means, and what restarting a writer's service interrupts. English comes from the tables
 * themselves (hresults.ts, events.ts …), Japanese from jaTables.ts; names and codes stay as they are.
 * Each lookup takes the locale as given (normalised: `ja-JP` is Japanese, nothing is English).
 */

type LocaleArg = string | null | undefined;
const isJa = (locale: LocaleArg) => normalizeLocale(locale) === 'ja';

/** What a writer's veto in each VSS phase means for the user (keyed by VSS_WRITER_STATE number, failed states 6–15). */
export const PHASE_MEANING: Readonly<Record<number, string>> = {
	6: 'it could not report its metadata, so every backup leaves its data out or fails',
	7: 'it refused the backup while preparing it, before any snapshot was taken',
	8: 'it refused while preparing its data for the snapshot, so no application-consistent snapshot could be taken',
	9: 'it could not freeze its application (flush and hold writes) in time, so the snapshot was not application-consistent',
	10: 'it failed to resume after the snapshot; if its freeze-thaw window (60 s for most writers) expired, the snapshot is not consistent for it',
	11: 'it failed after the snapshot was taken',
	12: 'it failed in the clean-up after the backup (for example, log truncation did not happen)',
	13: 'it failed while preparing a restore',
	14: 'it failed after a restore',
	15: 'the requester went away in the middle of the backup (crashed, or was aborted, e.g. a VMware Tools quiesce cancelled by the host)',
};

/** What an HRESULT means, in one line; undefined when the table does not know it. */
export const hresultMeaning = (hr: string, locale?: LocaleArg): string | undefined => (HRESULTS[hr] ? (isJa(locale) ? JA_HRESULTS[hr as keyof typeof JA_HRESULTS]?.meaning : HRESULTS[hr].meaning) : undefined);

/** What to do about an HRESULT, when the table gives advice. */
export const hresultAdvice = (hr: string, locale?: LocaleArg): string | undefined => (HRESULTS[hr]?.advice ? (isJa(locale) ? JA_HRESULTS[hr as keyof typeof JA_HRESULTS]?.advice : HRESULTS[hr].advice) : undefined);

/** What a Windows Server Backup error code means. */
export const backupErrorMeaning = (code: string, locale?: LocaleArg): string | undefined => (BACKUP_ERRORS[code] ? (isJa(locale) ? JA_BACKUP_ERRORS[code as keyof typeof JA_BACKUP_ERRORS] : BACKUP_ERRORS[code].meaning) : undefined);

/** What an event id of a provider (any case) says. */
export function eventMeaning(provider: string, id: number, locale?: LocaleArg): string | undefined {
	const p = eventSource(provider);
	const info = EVENTS[p]?.[id];
	if (!info) return undefined;
	return isJa(locale) ? (JA_EVENTS[p]?.[id] ?? info.meaning) : info.meaning;
}

/** Why an event matters for a quiesced backup. */
export function eventImpact(provider: string, id: number, locale?: LocaleArg): string | undefined {
	const p = eventSource(provider);
	const info = EVENTS[p]?.[id];
	if (!info) return undefined;
	return isJa(locale) ? (JA_EVENT_IMPACT[p]?.[id] ?? info.impact) : info.impact;
}

/** What a VmBackupStatus code means for a quiesce. */
export const vmbackupMeaning = (code: number, locale?: LocaleArg): string | undefined => (isJa(locale) ? JA_VMBACKUP_STATUS[code] : VMBACKUP_STATUS_MEANING[code]);

/** What a `vim.fault.*` means. */
export const faultMeaning = (name: string | null, locale?: LocaleArg): string | undefined => (name && FAULTS[name] ? (isJa(locale) ? JA_FAULTS[name] : FAULTS[name].meaning) : undefined);

/** What restarting a writer's hosting service interrupts, by the writer (name or class id) as writerInfo finds it. */
export function restartImpact(name: string, writerId: string | null, locale?: LocaleArg): string | undefined {
	const info = writerInfo(name, writerId);
	if (!info) return undefined;
	return isJa(locale) ? (JA_RESTART_IMPACT[info.name] ?? info.restartImpact) : info.restartImpact;
}

/** The service behind a writer's event source when it is not the writer's usual host, with what its restart interrupts (EVENT_SOURCE_HOSTS). */
export function eventSourceHost(provider: string, locale?: LocaleArg): { service: string; impact: string } | undefined {
	const host = EVENT_SOURCE_HOSTS.get(provider.toLowerCase());
	return host ? { service: host.service, impact: isJa(locale) ? (JA_HOST_RESTART_IMPACT[host.service] ?? host.restartImpact) : host.restartImpact } : undefined;
}

/** What a failed writer state (6–15) means for the backup. */
export const phaseMeaning = (code: number, locale?: LocaleArg): string | undefined => (isJa(locale) ? JA_PHASE_MEANING[code] : PHASE_MEANING[code]);

/** What a product code (productCodes.ts, report form) means. */
export const productCodeMeaning = (code: string | null, locale?: LocaleArg): string | undefined => (code !== null && PRODUCT_CODES[code] ? (isJa(locale) ? JA_PRODUCT_CODE_MEANING[code] : PRODUCT_CODES[code].meaning) : undefined);

/** What a requester (by the product id its records carry) does to SQL Server and Exchange logs. */
export function productTruncation(product: string | null, locale?: LocaleArg): string {
	const id = product !== null && product in PRODUCTS ? product : 'agent';
	return isJa(locale) ? JA_PRODUCT_TRUNCATION[id] : productInfo(id).truncation;
}
