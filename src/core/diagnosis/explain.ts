import { eventInfo } from '../knowledge/events';
import { HRESULTS, parseHresult } from '../knowledge/hresults';
import { normalizeLocale, translator, type Locale } from '../knowledge/messages';
import { eventImpact, eventMeaning, hresultAdvice, hresultMeaning, vmbackupMeaning } from '../knowledge/messages/tables';
import { hresultFromIDispatchError, idispatchErrorFromHresult, vmbackupStatusName } from '../knowledge/vmbackup';
import { writerState } from '../knowledge/writerStates';

/** What a token in a log line means: shown as a hover on any file, analysed or not. */
export interface Explanation {
	/** 0-based character range of the token in the line. */
	start: number;
	end: number;
	title: string;
	lines: string[];
}

/** Providers tried for an event id when the line does not name its provider. */
const EVENT_PROVIDERS = ['VSS', 'volsnap', 'SQLWRITER', 'SQLVDI', 'Microsoft-Windows-Backup'];

interface TokenRule {
	/** Global regex; the whole match is the hovered range, group 1 the number when there is one. */
	pattern: RegExp;
	explain(m: RegExpExecArray, line: string, locale: Locale): Omit<Explanation, 'start' | 'end'> | null;
}

function hresultText(hr: string, locale: Locale): Omit<Explanation, 'start' | 'end'> {
	const info = HRESULTS[hr];
	const t = translator(locale);
	const advice = hresultAdvice(hr, locale);
	const lines = info ? [hresultMeaning(hr, locale) ?? info.meaning, ...(advice ? [advice] : []), t('explain.source', { source: info.source })] : [t('explain.unknownHresult')];
	const n = idispatchErrorFromHresult(hr);
	if (n !== null) lines.push(t('explain.idispatch', { n }));
	return { title: info ? `${info.name} (${hr})` : hr, lines };
}

/** Structure and numbers only: every token here is language-neutral. */
const RULES: readonly TokenRule[] = [
	{
		// `IDispatch error #8449` → 0x80042301 (N = (hr & 0xFFFF) − 0x200).
		pattern: /IDispatch error #(\d{3,5})/g,
		explain: (m, _line, locale) => {
			const hr = hresultFromIDispatchError(Number(m[1]));
			return hr ? { ...hresultText(hr, locale), title: `IDispatch error #${m[1]} = ${hresultText(hr, locale).title}` } : null;
		},
	},
	{
		pattern: /\b0x[0-9A-Fa-f]{8}\b/g,
		explain: (m, _line, locale) => {
			const hr = parseHresult(m[0]);
			return hr && (HRESULTS[hr] || hr.startsWith('0x8004')) ? hresultText(hr, locale) : null;
		},
	},
	{
		// Decimal codes as Windows Server Backup (2155348129) or .NET/PowerShell (-2147212301) print them.
		pattern: /(?<![\w.:-])-?2\d{9}(?!\w|\.\d)/g,
		explain: (m, _line, locale) => {
			const hr = parseHresult(m[0]);
			return hr && HRESULTS[hr] ? { ...hresultText(hr, locale), title: `${m[0]} = ${hresultText(hr, locale).title}` } : null;
		},
	},
	{
		// vssadmin `State: [9] Failed` in any language: the number after the colon is VSS_WRITER_STATE.
		pattern: /:\s*\[(\d{1,2})\]/g,
		explain: (m, _line, locale) => {
			const s = writerState(Number(m[1]));
			const t = translator(locale);
			return s ? { title: `[${s.code}] ${s.name}`, lines: [t('explain.writerState', { short: t('word.writerState', { code: s.code }), phase: s.phase }), t('explain.source', { source: 'VSS_WRITER_STATE, vss.h' })] } : null;
		},
	},
	{
		// The VMX's `The error code was: 5` and the guest's `req.error 5`: a VmBackupStatus.
		pattern: /(?:The error code was: |req\.error )(\d)\b/g,
		explain: (m, _line, locale) => {
			const code = Number(m[1]);
			const name = vmbackupStatusName(code);
			const t = translator(locale);
			return name ? { title: `VmBackupStatus ${code}: ${name}`, lines: [vmbackupMeaning(code, locale) ?? t('explain.success'), t('explain.source', { source: 'open-vm-tools vmbackup.h' })] } : null;
		},
	},
	{
		// `<EventID Qualifiers='0'>8229</EventID>` with the provider on the same line, or on its own.
		pattern: /<EventID[^<>]*>(\d{1,5})<\/EventID>/g,
		explain: (m, line, locale) => {
			const id = Number(m[1]);
			const t = translator(locale);
			const named = /<Provider Name=['"]([^'"]+)['"]/.exec(line)?.[1];
			const hits = (named ? [named] : EVENT_PROVIDERS).map((p) => ({ p, info: eventInfo(p, id) })).filter((x) => x.info);
			if (hits.length === 0) return null;
			return {
				title: t('explain.eventTitle', { id }),
				lines: hits.flatMap(({ p, info }) => [t('explain.event', { provider: p, meaning: eventMeaning(p, id, locale) ?? info!.meaning, impact: eventImpact(p, id, locale) ?? info!.impact }), t('explain.source', { source: info!.source })]),
			};
		},
	},
];

/** Explains the token at a 0-based character position of a line, or null; in `locale` (`ja`, `ja-JP` …; English by default). */
export function explainAt(line: string, character: number, locale?: string | null): Explanation | null {
	const l = normalizeLocale(locale);
	for (const rule of RULES) {
		rule.pattern.lastIndex = 0;
		for (let m = rule.pattern.exec(line); m; m = rule.pattern.exec(line)) {
			const start = m.index,
				end = m.index + m[0].length;
			if (character < start || character > end) continue;
			const e = rule.explain(m, line, l);
			if (e) return { start, end, ...e };
		}
	}
	return null;
}
