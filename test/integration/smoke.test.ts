// Smoke test: the suite runs in a real VS Code extension host and the extension under test is loaded.
import * as assert from 'assert';
import * as vscode from 'vscode';

describe('smoke', () => {
	it('runs in a real VS Code with the Quiesce Lens extension present', () => {
		assert.match(vscode.version, /^1\./, `vscode.version is ${vscode.version}`);
		const ext = vscode.extensions.getExtension('quiesce-lens.quiesce-lens');
		assert.ok(ext, 'extension quiesce-lens.quiesce-lens is not installed in the extension host');
	});
});
