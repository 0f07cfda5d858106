import { documentFiles } from '../analysis/guestAttempts';
import type { LogRecord } from '../model/records';
import type { Attempt, Finding, InputFile, Provider, Severity, ShadowStorage, Writer, WriterListing } from '../model/report';
import { normalizeLocale, type Locale } from '../knowledge/messages';
import type { FallbackRule, Rule, RuleFinding } from './rules/common';
import { consistencyRules } from './rules/consistency';
import { eventEvidenceRules, vssErrorFallback } from './rules/eventEvidence';
import { guestConfigRules } from './rules/guestConfig';
import { guestErrorFallback, guestStatusRules } from './rules/guestStatus';
import { hostReasonRules } from './rules/hostReasons';
import { hypervisorRules } from './rules/hypervisor';
import { listingRules } from './rules/listings';
import { productQuiesceFallback, productRules } from './rules/products';
import { veeamGuestRules } from './rules/veeamGuest';
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
	/** The files that are pages explaining codes, not runs (documentFiles); diagnose() sets them before the rules run. */
	pages?: ReadonlySet<string>;
}

/**
 * The rule families, by code range: QL1xx attempts and host, QL2xx writers, QL3xx listings and VSS
 * infrastructure, QL4xx guest configuration, providers and storage, QL5xx hypervisor (QL50x) and the backup products' own reports (QL55x).
 */
const RULES: readonly Rule[] = [
	guestStatusRules,
	hostReasonRules,
	consistencyRules,
	writerRules,
	listingRules,
	vssInfraRules,
	eventEvidenceRules,
	writerStateWordRules,
	providerRules,
	storageRules,
	guestConfigRules,
	hypervisorRules,
	productRules,
	veeamGuestRules,
];

/** Rules that speak only where the others found no error for an attempt, in this order (each sees the ones before). */
const FALLBACKS: readonly FallbackRule[] = [productQuiesceFallback, guestErrorFallback, vssErrorFallback, unexplainedFailures];

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Every finding the knowledge base makes of the input, each with its id: errors first, then warnings, then
 * infos, otherwise in rule order. `locale` (`en`, `ja`, `ja-JP` …; anything not Japanese is English)
 * overrides `input.locale`.
 */
export function diagnose(given: DiagnosisInput, locale?: string | null): Finding[] {
	const pages = documentFiles(given.records, new Set(given.attempts.flatMap((a) => a.events.map((e) => e.source))));
	const input = { ...given, pages, ...(locale !== undefined && locale !== null && { locale: normalizeLocale(locale) }) };
	const found = RULES.flatMap((rule) => rule(input));
	const all = FALLBACKS.reduce<RuleFinding[]>((acc, rule) => [...acc, ...rule(input, acc)], found);
	return withIds(
		all
			.map((f) => (explainsPage(f, pages) ? { ...f, severity: 'info' as const } : f))
			.map((f, i) => ({ f, i }))
			.sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
			.map((x) => x.f),
	);
}

/**
 * Whether a finding only explains what a page says (a KB's or a vendor's documentation, a table of codes:
 * analysis/guestAttempts.ts documentFiles): no attempt, its every evidence line on such a page. A page reports no
 * failure of the user's, so the finding informs.
 */
const explainsPage = (f: RuleFinding, pages: ReadonlySet<string>): boolean => f.attemptId === null && f.evidence.length > 0 && f.evidence.every((e) => pages.has(e.path));

/** 32-bit FNV-1a of a string as 8 hex digits: a short digest, the same on every run and platform. */
function fnv1a(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The findings with their ids: the code, the attempt, and a digest of what the finding is about — its
 * writers, its HRESULT and where its first evidence line is, never its prose (which changes with the
 * locale) nor its place in the list. Findings about the same thing get `-2`, `-3` … in report order.
 * The fields come in the report's order, whatever order a rule wrote them in.
 */
function withIds(findings: readonly RuleFinding[]): Finding[] {
	const seen = new Map<string, number>();
	return findings.map((f) => {
		const first = f.evidence[0];
		const subject = JSON.stringify([f.code, f.attemptId, f.writers, f.hresult, first?.path ?? null, first?.line ?? null]);
		const base = [f.code, f.attemptId, fnv1a(subject)].filter((part) => part !== null).join('-');
		const n = (seen.get(base) ?? 0) + 1;
		seen.set(base, n);
		const { code, severity, title, message, attemptId, writers, hresult, kb, fix, evidence } = f;
		return { id: n === 1 ? base : `${base}-${n}`, code, severity, title, message, attemptId, writers, hresult, kb, fix, evidence };
	});
}
