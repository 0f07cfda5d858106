import * as path from 'path';
import * as vscode from 'vscode';
import { renderFindingMarkdown, renderMarkdown, type Finding } from '../core/host';
import { findingIdOf } from '../diagnostics/findingDiagnostics';
import type { ReportStore } from '../util/reportStore';

/** The finding of the current report with this id (a command argument: anything may come in). */
export function findingById(store: ReportStore, id: unknown): Finding | undefined {
	return typeof id === 'string' ? store.analysis?.report.findings.find((f) => f.id === id) : undefined;
}

/** Code actions on Quiesce Lens problems: open each KB article, copy the fix, copy the whole finding. */
export class FindingCodeActions implements vscode.CodeActionProvider {
	static readonly kinds = [vscode.CodeActionKind.QuickFix];

	constructor(private readonly store: ReportStore) {}

	provideCodeActions(_doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
		const actions: vscode.CodeAction[] = [];
		for (const d of context.diagnostics) {
			const id = findingIdOf(d);
			const f = id === undefined ? undefined : findingById(this.store, id);
			if (!f) continue;
			for (const k of f.kb) {
				const a = new vscode.CodeAction(vscode.l10n.t('Open {0}', k.id), vscode.CodeActionKind.QuickFix);
				a.command = { command: 'vscode.open', title: a.title, arguments: [vscode.Uri.parse(k.url)] };
				a.diagnostics = [d];
				actions.push(a);
			}
			const copy = new vscode.CodeAction(vscode.l10n.t('Copy the fix for {0}', f.code), vscode.CodeActionKind.QuickFix);
			copy.command = { command: 'quiesceLens.copyFix', title: copy.title, arguments: [f.id] };
			copy.diagnostics = [d];
			copy.isPreferred = true;
			actions.push(copy);
			const whole = new vscode.CodeAction(vscode.l10n.t('Copy finding {0} as Markdown', f.code), vscode.CodeActionKind.QuickFix);
			whole.command = { command: 'quiesceLens.copyFinding', title: whole.title, arguments: [f.id] };
			whole.diagnostics = [d];
			actions.push(whole);
			if (f.attemptId) {
				const timeline = new vscode.CodeAction(vscode.l10n.t('Open the timeline of this attempt'), vscode.CodeActionKind.QuickFix);
				timeline.command = { command: 'quiesceLens.openTimeline', title: timeline.title, arguments: [f.attemptId] };
				timeline.diagnostics = [d];
				actions.push(timeline);
			}
		}
		return actions;
	}
}

/** Copy Fix, Copy Finding (with a pick when run from the palette) and Export Report. */
export function registerFindingCommands(store: ReportStore): vscode.Disposable[] {
	const pick = async (): Promise<Finding | undefined> => {
		const findings = store.analysis?.report.findings ?? [];
		if (findings.length === 0) {
			void vscode.window.showInformationMessage(vscode.l10n.t('There are no findings: analyse a bundle first.'));
			return undefined;
		}
		const chosen = await vscode.window.showQuickPick(
			findings.map((f) => ({ label: `${f.code} ${f.title}`, description: f.severity, finding: f })),
			{ placeHolder: vscode.l10n.t('Choose a finding to copy') },
		);
		return chosen?.finding;
	};
	return [
		vscode.commands.registerCommand('quiesceLens.copyFix', async (id?: unknown) => {
			const f = findingById(store, id) ?? (await pick());
			if (!f) return;
			await vscode.env.clipboard.writeText(f.fix);
			void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the fix for {0}', f.code), 3000);
		}),
		vscode.commands.registerCommand('quiesceLens.copyFinding', async (id?: unknown) => {
			const f = findingById(store, id) ?? (await pick());
			if (!f) return;
			// The report's own Markdown of the finding: escaped like the exported report, and never drifting from it.
			await vscode.env.clipboard.writeText(renderFindingMarkdown(f));
			void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied finding {0}', f.code), 3000);
		}),
		// Writers tree context menu: the exact command that resets a writer, for its owning service.
		vscode.commands.registerCommand('quiesceLens.copyRestartCommand', async (node?: { kind: string; writer?: { name: string; service: string | null } }) => {
			const w = node?.writer;
			if (!w?.service) {
				void vscode.window.showInformationMessage(vscode.l10n.t('The service that hosts this writer is not known.'));
				return;
			}
			await vscode.env.clipboard.writeText(`Restart-Service -Name ${w.service} -Force`);
			void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the restart command for {0}', w.name), 3000);
		}),
		vscode.commands.registerCommand('quiesceLens.exportReport', async (target?: vscode.Uri) => {
			const analysis = store.analysis;
			if (!analysis) {
				void vscode.window.showInformationMessage(vscode.l10n.t('There is no report yet: analyse a bundle first.'));
				return undefined;
			}
			const formats = [
				{ label: 'Markdown', ext: 'md', render: () => renderMarkdown(analysis.report) },
				{ label: 'HTML', ext: 'html', render: () => html(renderMarkdown(analysis.report), analysis.report.root) },
				{ label: 'JSON', ext: 'json', render: () => `${JSON.stringify(analysis.report, null, 2)}\n` },
			];
			const byExt = target && formats.find((f) => target.path.toLowerCase().endsWith(`.${f.ext}`));
			const format = byExt ?? (await vscode.window.showQuickPick(formats, { placeHolder: vscode.l10n.t('Export the report as') }));
			if (!format) return undefined;
			// Never inside the analysed bundle by default: the user's files are never modified.
			const uri =
				target ??
				(await vscode.window.showSaveDialog({
					defaultUri: vscode.Uri.file(path.join(path.dirname(analysis.rootPath), `quiesce-lens-${analysis.report.root}.${format.ext}`)),
					filters: { [format.label]: [format.ext] },
				}));
			if (!uri) return undefined;
			const body = await format.render();
			await vscode.workspace.fs.writeFile(uri, Buffer.from(body, 'utf8'));
			return uri;
		}),
	];
}

/** A standalone HTML page of the Markdown report, rendered by VS Code's own Markdown engine. */
async function html(markdown: string, title: string): Promise<string> {
	const body = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
	const esc = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
	return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>Quiesce Lens — ${esc}</title>\n<style>body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #8884;padding:.2em .5em;text-align:left}code{font-size:90%}</style></head>\n<body>\n${body}\n</body></html>\n`;
}
