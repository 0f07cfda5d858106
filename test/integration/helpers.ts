// What the integration suites share: the activated extension's API and waiting for diagnostics.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { QuiesceLensApi } from '../../src/extension';

/**
 * Runs an analysis command and gives the report it left in the extension. The command itself resolves to
 * nothing (analyzeCommands.ts withoutResult: VS Code would send a report back to the window that ran it).
 */
export async function analyzed(command: string): Promise<QuiesceLensApi['report']> {
	const lens = await api();
	const result: unknown = await vscode.commands.executeCommand(command);
	assert.strictEqual(result, undefined, `${command} sends no report back to the window`);
	return lens.report;
}

/** The extension, activated. */
export async function api(): Promise<QuiesceLensApi> {
	const ext = vscode.extensions.getExtension<QuiesceLensApi>('quiesce-lens.quiesce-lens');
	assert.ok(ext, 'extension not found');
	return ext.activate();
}

/** Waits until the diagnostics of a document satisfy a predicate (publishing is asynchronous; 5 s at most). */
export async function diagnosticsFor(uri: vscode.Uri, ok: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
	for (let i = 0; i < 50; i++) {
		const d = vscode.languages.getDiagnostics(uri);
		if (ok(d)) return d;
		await new Promise((r) => setTimeout(r, 100));
	}
	return vscode.languages.getDiagnostics(uri);
}

/**
 * Writes a Quiesce Lens setting and waits until this extension host reads it (2 s at most): `update` resolves once
 * the settings file is written, and the host may receive the new value after that. A command run before it would
 * read the old one (an analysis with a clock offset just removed).
 */
export async function setting(key: string, value: unknown, target: vscode.ConfigurationTarget): Promise<void> {
	await vscode.workspace.getConfiguration('quiesceLens').update(key, value, target);
	const scope = target === vscode.ConfigurationTarget.Global ? 'globalValue' : target === vscode.ConfigurationTarget.Workspace ? 'workspaceValue' : 'workspaceFolderValue';
	for (let i = 0; i < 100; i++) {
		const now = vscode.workspace.getConfiguration('quiesceLens').inspect(key)?.[scope];
		if (JSON.stringify(now) === JSON.stringify(value)) return;
		await new Promise((r) => setTimeout(r, 20));
	}
	assert.fail(`the setting quiesceLens.${key} did not take ${JSON.stringify(value)} within 2 s`);
}
