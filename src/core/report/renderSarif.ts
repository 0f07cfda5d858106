import { repository } from '../../../package.json';
import { RULE_CATALOGUE, ruleKb, type RuleFamily, type RuleInfo } from '../diagnosis/ruleCatalogue';
import { t } from '../knowledge/messages';
import type { Evidence, Finding, KbRef, Report, Severity } from '../model/report';

/** The OASIS schema of the SARIF version written. */
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Every artifact URI is relative to the analysed root, which only the reader of the file knows on disk. */
const ROOT_BASE_ID = 'BUNDLEROOT';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

type SarifLevel = 'error' | 'warning' | 'note';

interface SarifMessage {
	text: string;
}

interface SarifLocation {
	physicalLocation: {
		artifactLocation: { uri: string; uriBaseId: string };
		region?: { startLine: number; snippet: SarifMessage };
	};
}

interface SarifRule {
	id: string;
	shortDescription: SarifMessage;
	helpUri?: string;
	defaultConfiguration: { level: SarifLevel };
	/** The catalogue's facts of the code: its family, the levels it can have, every reference it may cite. */
	properties?: { family: RuleFamily; levels: SarifLevel[]; kb: KbRef[] };
}

interface SarifResult {
	ruleId: string;
	ruleIndex: number;
	level: SarifLevel;
	message: SarifMessage;
	locations?: SarifLocation[];
	relatedLocations?: (SarifLocation & { id: number })[];
	properties: { id: string; title: string; fix: string; attemptId: string | null; writers: string[]; hresult: string | null };
}

/**
 * The findings as SARIF 2.1.0 (`--format sarif`): one run whose driver lists every rule of the catalogue
 * (a code the catalogue does not know, from another version's report, is added from its first finding),
 * one result per finding located on its first evidence line, the other evidence as related locations.
 * Times are not printed; the JSON report remains the full contract.
 */
export function renderSarif(report: Report): string {
	const rules: SarifRule[] = RULE_CATALOGUE.map(catalogueRule);
	const ruleIndex = new Map<string, number>(rules.map((r, i) => [r.id, i]));
	for (const f of report.findings) {
		if (ruleIndex.has(f.code)) continue;
		ruleIndex.set(f.code, rules.length);
		rules.push(ruleOf(f));
	}
	const log = {
		$schema: SARIF_SCHEMA,
		version: '2.1.0',
		runs: [
			{
				tool: { driver: { name: report.tool.name, version: report.tool.version, informationUri: repository.url.replace(/^git\+/, '').replace(/\.git$/, ''), rules } },
				originalUriBaseIds: { [ROOT_BASE_ID]: { description: { text: `The analysed bundle root '${report.root}'.` } } },
				results: report.findings.map((f): SarifResult => {
					const [first, ...others] = f.evidence;
					return {
						ruleId: f.code,
						ruleIndex: ruleIndex.get(f.code)!,
						level: LEVEL[f.severity],
						message: { text: `${f.title}. ${f.message}` },
						...(first ? { locations: [location(first)] } : {}),
						...(others.length > 0 ? { relatedLocations: others.map((e, i) => ({ id: i + 1, ...location(e) })) } : {}),
						properties: { id: f.id, title: f.title, fix: f.fix, attemptId: f.attemptId, writers: f.writers, hresult: f.hresult },
					};
				}),
				properties: { root: report.root, hypervisor: report.hypervisor, schema: report.schema },
			},
		],
	};
	return JSON.stringify(log, null, 2) + '\n';
}

/** A catalogue rule: its one-line title (English, like the rest of the driver), its first reference as help. */
function catalogueRule(info: RuleInfo): SarifRule {
	const kb = ruleKb(info);
	return {
		id: info.code,
		shortDescription: { text: t('en', info.title) },
		...(kb.length > 0 ? { helpUri: kb[0].url } : {}),
		defaultConfiguration: { level: LEVEL[info.severities[0]] },
		properties: { family: info.family, levels: info.severities.map((s) => LEVEL[s]), kb },
	};
}

/** A code the catalogue does not know, described by the first KB link of its first finding (the title when it has none). */
function ruleOf(f: Finding): SarifRule {
	const kb = f.kb[0];
	return {
		id: f.code,
		shortDescription: { text: kb ? `${kb.id}: ${kb.title}` : f.title },
		...(kb ? { helpUri: kb.url } : {}),
		defaultConfiguration: { level: LEVEL[f.severity] },
	};
}

function location(e: Evidence): SarifLocation {
	return {
		physicalLocation: {
			artifactLocation: { uri: artifactUri(e.path), uriBaseId: ROOT_BASE_ID },
			// SARIF lines are 1-based like the report's; a line 0 would be invalid, so it goes unstated.
			...(e.line >= 1 ? { region: { startLine: e.line, snippet: { text: e.text } } } : {}),
		},
	};
}

/**
 * A report path as a relative URI reference. Each `/`-separated name is percent-encoded
 * (`encodeURIComponent`, and `!` as `%21`), so spaces, `#`, `?`, `%` and non-ASCII names stay valid;
 * the archive boundary `!/` of `a.zip!/b.txt` is kept literally, as in `jar:` URLs (`!` is a legal
 * URI sub-delimiter), so `a.zip!/dir/b%20c.txt` reads back unambiguously: split on `!/`, decode each name.
 */
export function artifactUri(reportPath: string): string {
	return reportPath
		.split('!/')
		.map((part) =>
			part
				.split('/')
				.map((name) => encodeURIComponent(name).replace(/!/g, '%21'))
				.join('/'),
		)
		.join('!/');
}
