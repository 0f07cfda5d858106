import * as vscode from 'vscode';
import type { Evidence, Finding, Severity } from '../core/host';
import type { Analysis, ReportStore } from '../util/reportStore';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
	error: vscode.DiagnosticSeverity.Error,
	warning: vscode.DiagnosticSeverity.Warning,
	info: vscode.DiagnosticSeverity.Information,
};

/** A whole line, whatever its length (VS Code clamps the end to the line). */
const lineRange = (line: number) => new vscode.Range(line - 1, 0, line - 1, Number.MAX_SAFE_INTEGER);

/**
 * The id of the finding each published diagnostic stands for. VS Code hands code-action providers the very
 * Diagnostic objects a collection was given, so a diagnostic maps back to its finding by id, not by its
 * title and line (which two findings can share).
 */
const FINDING_IDS = new WeakMap<vscode.Diagnostic, string>();

/** The id of the finding a Quiesce Lens diagnostic stands for; undefined for any other diagnostic. */
export function findingIdOf(d: vscode.Diagnostic): string | undefined {
	return FINDING_IDS.get(d);
}

/**
 * Publishes one diagnostic per finding on its first evidence line; the other evidence lines become
 * related information, and the code links to the finding's first KB article.
 */
export class FindingDiagnostics implements vscode.Disposable {
	private readonly collection = vscode.languages.createDiagnosticCollection('quiesce-lens');
	private readonly subscription: vscode.Disposable;

	constructor(private readonly store: ReportStore) {
		this.subscription = store.onDidChange((a) => this.publish(a));
	}

	private publish(analysis: Analysis | undefined): void {
		this.collection.clear();
		if (!analysis) return;
		const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
		// A file of event records (.evtx) has no lines to show: a finding sits on its first evidence in a text
		// file when it has one, and on the event file (its record number as the line) only when it has none.
		const recordFiles = new Set(analysis.report.inputs.filter((i) => i.records !== undefined).map((i) => i.path));
		for (const f of analysis.report.findings) {
			const first = f.evidence.find((e) => !recordFiles.has(e.path)) ?? f.evidence[0];
			const uri = first && this.store.resolve(first.path);
			if (!uri) continue;
			const entry = byFile.get(uri.toString()) ?? { uri, diagnostics: [] };
			entry.diagnostics.push(this.toDiagnostic(f, first));
			byFile.set(uri.toString(), entry);
		}
		// One set for every file: one message to the window instead of one per file (a bundle has thousands).
		this.collection.set([...byFile.values()].map(({ uri, diagnostics }): [vscode.Uri, vscode.Diagnostic[]] => [uri, diagnostics]));
	}

	private toDiagnostic(f: Finding, anchor: Evidence): vscode.Diagnostic {
		// First line is what the Problems list shows; the rest appears on hover.
		const d = new vscode.Diagnostic(lineRange(anchor.line), `${f.title}\n${f.message}`, SEVERITY[f.severity]);
		d.source = 'Quiesce Lens';
		d.code = f.kb.length > 0 ? { value: f.code, target: vscode.Uri.parse(f.kb[0].url) } : f.code;
		d.relatedInformation = f.evidence
			.filter((e) => e !== anchor)
			.flatMap((e) => {
				const uri = this.store.resolve(e.path);
				return uri ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, lineRange(e.line)), e.text)] : [];
			});
		FINDING_IDS.set(d, f.id);
		return d;
	}

	dispose(): void {
		this.subscription.dispose();
		this.collection.dispose();
	}
}
