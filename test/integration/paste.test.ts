// Integration: Analyze Pasted Text and Paste and Analyze in a real extension host. A ticket as an engineer
// gets it (prose, then a pasted `vssadmin list writers` with a failed writer) is analysed from an untitled
// editor: the trees fill, and the findings land in the Problems panel on that editor's own lines.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { analyzed, api, diagnosticsFor } from './helpers';

const writer = (name: string, state: string, error: string) => [
	`Writer name: '${name}'`,
	'   Writer Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}',
	'   Writer Instance Id: {8a3e1a7c-2f3b-4d55-9b7e-1c2d3e4f5a6b}',
	`   State: ${state}`,
	`   Last error: ${error}`,
	'',
];

/** A ticket: two lines of prose, then the listing (the failed SQL writer's block starts on line 10). */
const TICKET = ['Hi team, the nightly backup of DB-01 failed again.', 'Here is what vssadmin says:', '', ...writer('System Writer', '[1] Stable', 'No error'), ...writer('SqlServerWriter', '[9] Failed', 'Timed out')].join('\n');
const FAILED_WRITER_LINE = 10;

describe('Analyze Pasted Text and Paste and Analyze', () => {
	afterEach(async () => {
		(await api()).clear();
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	it('analyses an untitled editor: writers tree, report path, Problems on its lines', async () => {
		const lens = await api();
		const doc = await vscode.workspace.openTextDocument({ content: TICKET });
		await vscode.window.showTextDocument(doc);
		const report = await analyzed('quiesceLens.analyzeText');
		assert.ok(report, 'the command leaves a report');
		assert.ok(
			report.inputs.some((i) => i.path === doc.uri.path && i.format === 'vssadmin-list-writers'),
			JSON.stringify(report.inputs),
		);
		const failed = report.writers.filter((w) => w.failed).map((w) => [w.name, w.stateCode, w.source.line]);
		assert.deepStrictEqual(failed, [['SqlServerWriter', 9, FAILED_WRITER_LINE]]);
		const roots = lens.writers.getChildren();
		assert.strictEqual(roots.length, 2);
		const diagnostics = await diagnosticsFor(doc.uri, (d) => d.length > 0);
		assert.ok(diagnostics.length > 0, 'findings are published on the untitled editor');
		assert.ok(
			diagnostics.every((d) => d.range.start.line < doc.lineCount),
			'on lines the editor has',
		);
		// The writer's finding stands on its `State: [9]` line, three below its name (0-based: + 2).
		assert.ok(
			diagnostics.some((d) => d.range.start.line === FAILED_WRITER_LINE + 2),
			diagnostics.map((d) => `${d.range.start.line}: ${d.message}`).join('\n'),
		);
	});

	it("analyses the selection only, with the editor's line numbers", async () => {
		const lens = await api();
		// The same listing after ten more lines of prose: a selection starting at the listing.
		const prose = Array.from({ length: 10 }, (_, i) => `Note ${i + 1}: nothing to see here.`);
		const doc = await vscode.workspace.openTextDocument({ content: [...prose, TICKET].join('\n') });
		const editor = await vscode.window.showTextDocument(doc);
		editor.selection = new vscode.Selection(prose.length + 3, 0, doc.lineCount - 1, 0);
		const report = await analyzed('quiesceLens.analyzeText');
		assert.ok(report);
		const failed = report.writers.filter((w) => w.failed);
		assert.strictEqual(failed.length, 1);
		assert.strictEqual(failed[0].source.line, prose.length + FAILED_WRITER_LINE, 'a line of the editor, not of the selection');
		const input = report.inputs.find((i) => i.path === doc.uri.path);
		assert.ok(input);
		assert.strictEqual(input.lines, doc.lineCount - 1 - (prose.length + 3), 'only the selected lines are read');
		assert.strictEqual(lens.writers.getChildren().length, 2);
	});

	it('Paste and Analyze opens the clipboard in an untitled editor and analyses it', async () => {
		await api();
		await vscode.env.clipboard.writeText(TICKET);
		const report = await analyzed('quiesceLens.pasteAndAnalyze');
		assert.ok(report, 'the command leaves a report');
		const editor = vscode.window.activeTextEditor;
		assert.ok(editor?.document.isUntitled, 'an untitled editor holds the paste');
		assert.strictEqual(editor.document.getText(), TICKET);
		assert.ok(report.writers.some((w) => w.name === 'SqlServerWriter' && w.failed));
		const diagnostics = await diagnosticsFor(editor.document.uri, (d) => d.length > 0);
		assert.ok(diagnostics.length > 0);
	});

	it('an edit to the analysed paste re-analyses it', async () => {
		const lens = await api();
		const doc = await vscode.workspace.openTextDocument({ content: TICKET });
		const editor = await vscode.window.showTextDocument(doc);
		await vscode.commands.executeCommand('quiesceLens.analyzeText');
		// The SQL writer recovers: its state is edited to [1] Stable.
		const line = doc.lineAt(FAILED_WRITER_LINE - 1 + 3);
		assert.match(line.text, /State: \[9\]/);
		await editor.edit((e) => e.replace(line.range, '   State: [1] Stable'));
		for (let i = 0; i < 50 && lens.report?.writers.some((w) => w.failed); i++) await new Promise((r) => setTimeout(r, 100));
		assert.ok(lens.report, 'still analysed');
		assert.deepStrictEqual(
			lens.report.writers.filter((w) => w.failed),
			[],
		);
	});
});
