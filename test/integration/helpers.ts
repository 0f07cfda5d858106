// What the integration suites share: the activated extension's API and waiting for diagnostics.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { QuiesceLensApi } from '../../src/extension';

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
