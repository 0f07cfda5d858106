import * as vscode from 'vscode';
import { explainAt } from '../core/host';

/**
 * Hovers on any file of a bundle, analysed or not: HRESULTs (hex or decimal), `IDispatch error #N`,
 * `[n]` writer states, VmBackupStatus codes and event ids explain themselves from the knowledge base.
 */
export function registerKnowledgeHover(): vscode.Disposable {
	return vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }], {
		provideHover(document, position) {
			// In the UI language: the explanation names the same codes, in the reader's words.
			const e = explainAt(document.lineAt(position.line).text, position.character, vscode.env.language);
			if (!e) return undefined;
			const md = new vscode.MarkdownString();
			md.appendMarkdown('**').appendText(e.title).appendMarkdown('**\n\n');
			for (const line of e.lines) md.appendText(line).appendMarkdown('\n\n');
			return new vscode.Hover(md, new vscode.Range(position.line, e.start, position.line, e.end));
		},
	});
}
