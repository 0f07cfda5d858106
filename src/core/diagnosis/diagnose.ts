import type { LogRecord } from '../model/records';
import type { Attempt, Finding, InputFile, Provider, Severity, ShadowStorage, Writer, WriterListing } from '../model/report';
import { normalizeLocale, type Locale } from '../knowledge/messages';
import type { FallbackRule, Rule } from './rules/common';
import { consistencyRules } from './rules/consistency';
import { eventEvidenceRules } from './rules/eventEvidence';
import { guestConfigRules } from './rules/guestConfig';
import { guestErrorFallback, guestStatusRules } from './rules/guestStatus';
import { hostReasonRules } from './rules/hostReasons';
import { hypervisorRules } from './rules/hypervisor';
import { listingRules } from './rules/listings';
import { productRules } from './rules/products';
import { providerRules } from './rules/providers';
import { storageRules } from './rules/storage';
import { unexplainedFailures } from './rules/unexplained';
import { vssInfraRules } from './rules/vssInfra';
import { writerRules } from './rules/writers';
import { writerStateWordRules } from './rules/writerStateWords';

/** Everything the rules decide from: the analysed facts of one bundle, records already on the UTC axis. */
export interface DiagnosisInput {
	attempts: Attempt[];
	writers: Writer[];
	writerListings: WriterListing[];
	providers: Provider[];
	shadowStorage: ShadowStorage[];
	records: LogRecord[];
	inputs: InputFile[];
	hypervisor: 'vmware' | 'hyper-v' | 'unknown';
	/** The language of the findings' title, message and fix; English when not given. */
	locale?: Locale;
}

/**
 * The rule families, by code range: QL1xx attempts and host, QL2xx writers, QL3xx listings and VSS
 * infrastructure, QL4xx guest configuration, providers and storage, QL5xx hypervisor (QL50x) and the backup products' own reports (QL55x).
 */
const RULES: readonly Rule[] = [
	guestStatusRules, hostReasonRules, consistencyRules,
	writerRules,
	listingRules, vssInfraRules, eventEvidenceRules, writerStateWordRules,
	providerRules, storageRules, guestConfigRules,
	hypervisorRules,
	productRules,
];

/** Rules that speak only where the others found no error for an attempt, in this order (each sees the ones before). */
const FALLBACKS: readonly FallbackRule[] = [guestErrorFallback, unexplainedFailures];

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Every finding the knowledge base makes of the input: errors first, then warnings, then infos, otherwise in
 * rule order. `locale` (`en`, `ja`, `ja-JP` …; anything not Japanese is English) overrides `input.locale`.
 */
export function diagnose(given: DiagnosisInput, locale?: string | null): Finding[] {
	const input = locale === undefined || locale === null ? given : { ...given, locale: normalizeLocale(locale) };
	const found = RULES.flatMap((rule) => rule(input));
	const all = FALLBACKS.reduce<Finding[]>((acc, rule) => [...acc, ...rule(input, acc)], found);
	return all.map((f, i) => ({ f, i })).sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i).map((x) => x.f);
}
