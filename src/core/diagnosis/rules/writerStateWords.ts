import { pushTo } from '../../collections';
import type { Writer } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { writerState } from '../../knowledge/writerStates';
import { ruleDefaults } from '../ruleCatalogue';
import { ev, type RuleFinding, tr } from './common';

/**
 * QL316: a writer whose state word contradicts its `[n]` (`State: [1] Failed`), as in listings edited by
 * hand. The number is what VSS reports and decides the writer's state everywhere else; this finding only
 * says the two disagree. The words are translated, so they are compared within one listing: a word that
 * the listing prints with another number, and never with this one elsewhere, contradicts it.
 */
export function writerStateWordRules(input: DiagnosisInput): RuleFinding[] {
	const byListing = new Map<string, Writer[]>();
	for (const w of input.writers) pushTo(byListing, w.listing, w);
	const odd: Writer[] = [];
	for (const writers of byListing.values()) {
		const numbersOf = new Map<string, Set<number>>();
		for (const w of writers) {
			if (w.stateCode === null || !w.stateText) continue;
			const word = w.stateText.trim().toLowerCase();
			if (!numbersOf.has(word)) numbersOf.set(word, new Set());
			numbersOf.get(word)!.add(w.stateCode);
		}
		const wordsOf = (n: number) => [...numbersOf].filter(([, ns]) => ns.has(n)).map(([word]) => word);
		for (const w of writers) {
			if (w.stateCode === null || !w.stateText) continue;
			const word = w.stateText.trim().toLowerCase();
			const others = wordsOf(w.stateCode).filter((x) => x !== word);
			// The listing prints this number with another word, and this word with another number.
			if (others.length > 0 && [...numbersOf.get(word)!].some((n) => n !== w.stateCode)) odd.push(w);
		}
	}
	if (odd.length === 0) return [];
	const t = tr(input);
	return odd.map((w): RuleFinding => ({
		...ruleDefaults('QL316'),
		title: t('QL316.title', { name: w.name, state: w.stateCode!, word: w.stateText! }),
		message: t('QL316.message', { name: w.name, state: w.stateCode!, word: w.stateText!, stateName: writerState(w.stateCode!)?.name ?? null }),
		attemptId: null,
		writers: [w.name],
		hresult: null,
		fix: t('QL316.fix'),
		evidence: w.stateSource && w.stateLine ? [ev(w.stateSource.path, w.stateSource.line, w.stateLine)] : [ev(w.source.path, w.source.line, w.nameLine)],
	}));
}
