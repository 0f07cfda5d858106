import { KB, type KbName } from '../knowledge/kb';
import type { MessageKey } from '../knowledge/messages';
import type { KbRef, Severity } from '../model/report';

/**
 * The rule catalogue: every finding code the rules can raise, with its family, the severities it can have,
 * the references it cites and the catalogue line that says what it is. The rules take their defaults from
 * here; SARIF's `tool.driver.rules` and the README's findings table are made from it.
 */

/** The rule families, by module of diagnosis/rules/ (QL1xx attempts and host … QL5xx hypervisor and backup products). */
export type RuleFamily = 'guest-status' | 'host-reasons' | 'consistency' | 'unexplained' | 'writers' | 'listings' | 'vss-infrastructure' | 'event-evidence' | 'providers' | 'storage' | 'guest-configuration' | 'hypervisor' | 'backup-products';

/** A finding code: one that has its one-line title in the message catalogue (`QL101.short`). */
export type FindingCode = { [K in MessageKey]: K extends `${infer C}.short` ? C : never }[MessageKey];

/** One finding code of the catalogue. */
export interface RuleInfo {
	code: FindingCode;
	family: RuleFamily;
	/** The severities a finding of the code can have, worst first; the first is its default. */
	severities: readonly [Severity, ...Severity[]];
	/** Every reference a finding of the code may cite, in citing order; each finding cites those its case needs. */
	kb: readonly KbName[];
	/** True when a finding also cites the vSphere API page of its attempt's fault, whichever it is. */
	citesFault: boolean;
	/** The catalogue message that says in one line what the finding is. */
	title: `${FindingCode}.short`;
}

/** A catalogue entry, but its code and title (the key and its `.short` message). */
type Entry = Omit<RuleInfo, 'code' | 'title'>;

const entry = (family: RuleFamily, severities: RuleInfo['severities'], kb: readonly KbName[], citesFault = false): Entry => ({ family, severities, kb, citesFault });

/** Keyed by every finding code, so a code without an entry, or an entry without its title, does not compile. */
const ENTRIES: Readonly<Record<FindingCode, Entry>> = {
	QL101: entry('guest-status', ['error'], ['vmbackupStatus', 'writerVetoes', 'ioHoldOff']),
	QL102: entry('guest-status', ['error'], ['vmbackupStatus']),
	QL103: entry('guest-status', ['error', 'warning'], ['quiesceScripts', 'applicationQuiesceFault', 'freezeUnderLoad']),
	QL104: entry('guest-status', ['error'], ['syncProvider', 'syncDriver']),
	QL105: entry('guest-status', ['error'], ['vmbackupStatus']),
	QL106: entry('host-reasons', ['error'], ['quiesceTimeout', 'vmbackupStatus']),
	QL107: entry('host-reasons', ['error'], ['ioHoldOff', 'filesystemQuiesceFault', 'freezeUnderLoad']),
	QL108: entry('host-reasons', ['error'], ['toolsNotAvailable', 'toolsUnavailableFault']),
	QL109: entry('host-reasons', ['error'], []),
	QL110: entry('consistency', ['error', 'warning'], ['quiesceFallback', 'hypervCheckpointType']),
	QL111: entry('consistency', ['warning'], ['vddkVss', 'writerStates']),
	QL112: entry('unexplained', ['error'], [], true),
	QL113: entry('consistency', ['warning', 'info'], ['backupType', 'vddkVss']),
	QL114: entry('host-reasons', ['error'], ['lwdSnapshotIo']),
	QL115: entry('host-reasons', ['error'], ['vmbackupStatus']),
	QL116: entry('host-reasons', ['error'], ['cbtNoMemory', 'cbtReset']),
	QL201: entry('writers', ['error', 'info'], ['writerVetoes', 'writerStates', 'inBoxWriters']),
	QL202: entry('writers', ['warning'], ['writerStates']),
	QL203: entry('writers', ['info'], ['writerStates']),
	QL204: entry('writers', ['warning'], ['writerStates']),
	QL205: entry('writers', ['error', 'warning'], ['writerTimeout', 'writerVetoes', 'vssFreezeTimeout', 'freezeUnderLoad']),
	QL206: entry('writers', ['error'], ['writerVetoes', 'inBoxWriters']),
	QL207: entry('writers', ['error'], ['writerVetoes', 'sqlWriterLogging']),
	QL208: entry('writers', ['error'], ['writerVetoes']),
	QL209: entry('writers', ['warning'], ['writerVetoes', 'writerStates']),
	QL301: entry('listings', ['error'], ['writerVetoes']),
	QL302: entry('listings', ['warning'], ['writersMissing', 'vssEventClassType']),
	QL303: entry('listings', ['warning'], ['systemWriterMissing', 'inBoxWriters', 'writersMissing']),
	QL304: entry('vss-infrastructure', ['error'], ['vssEventClass', 'vssEventClassType']),
	QL305: entry('vss-infrastructure', ['error'], ['providerErrors', 'freezeUnderLoad']),
	QL306: entry('vss-infrastructure', ['error', 'info'], ['systemWriterMissing', 'sqlWriterBackup', 'writerVetoes']),
	QL307: entry('vss-infrastructure', ['error', 'warning'], ['vssService', 'providerClass']),
	QL311: entry('event-evidence', ['error'], ['wsbAccessDenied']),
	QL312: entry('event-evidence', ['error'], []),
	QL313: entry('event-evidence', ['info'], []),
	QL314: entry('event-evidence', ['error'], []),
	QL315: entry('event-evidence', ['error'], ['writerVetoes']),
	QL317: entry('event-evidence', ['error'], []),
	QL318: entry('event-evidence', ['error', 'warning'], ['sqlWriterBackup']),
	QL319: entry('event-evidence', ['error', 'warning'], ['sqlWriterBackup']),
	QL320: entry('event-evidence', ['error'], []),
	QL321: entry('event-evidence', ['info'], ['writerSessionState']),
	QL322: entry('event-evidence', ['info'], ['legacyDriverImage']),
	QL323: entry('event-evidence', ['error', 'warning'], ['hypervCheckpointType']),
	QL324: entry('event-evidence', ['error'], ['guestClusterBackup']),
	QL316: entry('listings', ['warning'], []),
	QL401: entry('providers', ['error'], ['providerErrors', 'providerClass']),
	QL402: entry('providers', ['warning'], ['providerErrors']),
	QL403: entry('providers', ['error', 'warning'], ['providerClass', 'providerErrors']),
	QL404: entry('storage', ['error', 'warning'], ['resizeShadowStorage']),
	QL405: entry('guest-configuration', ['warning'], ['vddkVss']),
	QL406: entry('guest-configuration', ['warning'], ['vddkVss']),
	QL407: entry('guest-configuration', ['error', 'warning'], ['syncDriverOff', 'syncDriver']),
	QL501: entry('hypervisor', ['warning'], ['cbtEsxi60']),
	QL502: entry('hypervisor', ['info'], ['hypervIntegrationServices']),
	QL503: entry('hypervisor', ['error', 'warning'], ['hostdStatsFull', 'managementAgents']),
	QL550: entry('backup-products', ['error', 'info'], ['writerVetoes', 'vssFreezeTimeout', 'resizeShadowStorage', 'providerErrors']),
	QL552: entry('backup-products', ['error'], ['ioHoldOff', 'writerVetoes']),
	QL553: entry('backup-products', ['info'], []),
	QL554: entry('backup-products', ['error', 'warning'], []),
	QL555: entry('backup-products', ['error', 'warning'], ['proxmoxBackupConsistency', 'qemuGuestAgent', 'libvirtFsfreeze']),
	QL560: entry('backup-products', ['error'], ['veeamGuestCredentials', 'veeamGuestInteractionProxy', 'win32Errors']),
	QL561: entry('backup-products', ['error'], ['vssFreezeTimeout']),
	QL562: entry('backup-products', ['error'], ['vssFreezeTimeout', 'writerTimeout']),
	QL563: entry('backup-products', ['error'], ['veeamSnapshotKeepAlive']),
	QL570: entry('backup-products', ['error'], ['writerStates', 'inBoxWriters']),
	QL571: entry('backup-products', ['error'], []),
};

/** Every finding code, in code order. */
export const RULE_CATALOGUE: readonly RuleInfo[] = (Object.keys(ENTRIES) as FindingCode[]).sort().map((code) => ({ code, ...ENTRIES[code], title: `${code}.short` }));

const BY_CODE = new Map<string, RuleInfo>(RULE_CATALOGUE.map((r) => [r.code, r]));

/** The catalogue entry of a code; undefined for a code the rules never raise. */
export function ruleInfo(code: string): RuleInfo | undefined {
	return BY_CODE.get(code);
}

/** A code's references as KB entries, in citing order. */
export function ruleKb(info: Pick<RuleInfo, 'kb'>): KbRef[] {
	return info.kb.map((name) => KB[name]);
}

/**
 * What a finding of `code` takes from the catalogue: its code, its default severity (a rule that decides
 * otherwise sets its own after these) and its references — every one the catalogue lists for the code but
 * those `applies` marks false for the case at hand, in the catalogue's order.
 */
export function ruleDefaults(code: FindingCode, applies: Partial<Record<KbName, boolean>> = {}): { code: FindingCode; severity: Severity; kb: KbRef[] } {
	const e = ENTRIES[code];
	return { code, severity: e.severities[0], kb: ruleKb({ kb: e.kb.filter((name) => applies[name] !== false) }) };
}
