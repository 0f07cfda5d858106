import * as path from 'path';
import * as vscode from 'vscode';
import type { Report } from '../core/host';
import type { ReportStore, TextSource } from '../util/reportStore';
import { analyzeSource, rerunAnalysis, withoutResult } from './analyzeCommands';

/** An edit to an analysed paste re-analyses it once typing pauses this long (ms). */
const EDIT_DEBOUNCE_MS = 800;

/** The report path of an editor's text: the file's name, or an untitled editor's title (`Untitled-1`). */
const nameOf = (doc: vscode.TextDocument) => (doc.isUntitled ? doc.uri.path : path.basename(doc.fileName));

/** The editor's selection when it has one (whole lines, so every line keeps its editor line number), else the whole text. */
function textSource(editor: vscode.TextEditor): TextSource {
	const doc = editor.document;
	const sel = editor.selection;
	if (sel.isEmpty) return { uri: doc.uri, name: nameOf(doc), firstLine: 1 };
	// A selection ending at column 0 of a line does not take that line.
	const last = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line;
	const range = new vscode.Range(sel.start.line, 0, last, doc.lineAt(last).range.end.character);
	return { uri: doc.uri, name: nameOf(doc), firstLine: sel.start.line + 1, range };
}

/**
 * Analyze Pasted Text (the active editor, saved or untitled, or its selection) and Paste and Analyze (the
 * clipboard into a new untitled editor): the text goes through the same readers as files, and findings
 * land in the Problems panel on that editor's lines.
 */
export function registerPasteCommands(store: ReportStore): vscode.Disposable[] {
	let timer: NodeJS.Timeout | undefined;
	const analyzeEditor = async (editor: vscode.TextEditor | undefined): Promise<Report | undefined> => {
		if (!editor) {
			void vscode.window.showInformationMessage(vscode.l10n.t('Open or paste the text to analyse in an editor first.'));
			return undefined;
		}
		if (editor.document.getText().trim() === '') {
			void vscode.window.showInformationMessage(vscode.l10n.t('The editor is empty: paste a log, an event or an error message into it first.'));
			return undefined;
		}
		return analyzeSource(store, { kind: 'text', texts: [textSource(editor)] });
	};
	return [
		vscode.commands.registerCommand(
			'quiesceLens.analyzeText',
			withoutResult(() => analyzeEditor(vscode.window.activeTextEditor)),
		),
		vscode.commands.registerCommand(
			'quiesceLens.pasteAndAnalyze',
			withoutResult(async () => {
				const content = await vscode.env.clipboard.readText();
				if (content.trim() === '') {
					void vscode.window.showInformationMessage(vscode.l10n.t('The clipboard holds no text to analyse.'));
					return undefined;
				}
				const doc = await vscode.workspace.openTextDocument({ content });
				return analyzeEditor(await vscode.window.showTextDocument(doc));
			}),
		),
		// A pasted text is edited in place (a line added, a quote removed): its analysis follows.
		vscode.workspace.onDidChangeTextDocument((e) => {
			const source = store.analysis?.source;
			if (source?.kind !== 'text' || e.contentChanges.length === 0) return;
			if (!source.texts.some((t) => t.range === undefined && t.uri.toString() === e.document.uri.toString())) return;
			clearTimeout(timer);
			timer = setTimeout(() => void rerunAnalysis(store), EDIT_DEBOUNCE_MS);
		}),
		{ dispose: () => clearTimeout(timer) },
	];
}
