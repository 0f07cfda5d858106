// Integration: the progressive first tree. On a generated bundle of many attempts, the Quiesce Attempts tree
// shows the attempts' rows while the analysis still runs (labelled as such, no Problems entries yet), and
// the tree the report then makes is the very tree of a run that shows nothing early.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { analyze } from '../../src/core';
import { ReportStore } from '../../src/util/reportStore';
import { AttemptsTreeProvider, type AttemptNode } from '../../src/views/attemptsTree';
import type { TimelinePanel } from '../../src/webview/timelinePanel';
import { generateBundle } from '../bench/generateBundle';
import { api, setting } from './helpers';

/** Hundreds of attempts across many VMs (the bench's vms shape, scaled down for a CI machine). */
const BUNDLE = { bytes: 4 * 1024 * 1024, vms: 20, attempts: 400 };

/** What a row shows the user: its id (which keeps expansion and selection), label, description, icon, menu. */
function rowOf(tree: AttemptsTreeProvider, n: AttemptNode) {
	const item = tree.getTreeItem(n);
	return { id: item.id, label: item.label, description: item.description, icon: (item.iconPath as vscode.ThemeIcon | undefined)?.id, context: item.contextValue, command: item.command?.command };
}

/** A row and, expanded, everything under it. */
interface Branch {
	row: ReturnType<typeof rowOf>;
	children: Branch[];
}
const branch = (tree: AttemptsTreeProvider, n: AttemptNode): Branch => ({ row: rowOf(tree, n), children: tree.getChildren(n).map((c) => branch(tree, c)) });

/** The whole tree, every row expanded. */
const wholeTree = (tree: AttemptsTreeProvider) => tree.getChildren().map((n) => branch(tree, n));

/** The attempts' rows: the root rows, or the rows under each VM's when the tree groups them. */
const attemptRows = (tree: AttemptsTreeProvider, roots: AttemptNode[]) => roots.flatMap((n) => (n.kind === 'vm' ? tree.getChildren(n) : [n]));

/** Every branch of a tree, depth first. */
const branches = (tree: Branch[]): Branch[] => tree.flatMap((b) => [b, ...branches(b.children)]);

const ourDiagnostics = () => vscode.languages.getDiagnostics().filter(([, d]) => d.some((x) => x.source === 'Quiesce Lens')).length;

describe('the first tree, before the analysis ends', function () {
	this.timeout(5 * 60_000);
	let dir: string;
	before(async () => {
		// The background analysis of the workspace on startup must not land in the middle of these.
		await (
			await api()
		).startup;
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-first-tree-'));
		generateBundle(path.join(dir, 'bundle'), BUNDLE.bytes, { vms: BUNDLE.vms, attempts: BUNDLE.attempts });
	});
	after(async () => {
		const lens = await api();
		for (const p of [...lens.timelines.all]) p.dispose();
		lens.clear();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it("shows every attempt's row while the analysis runs, and the report's tree is that of a run without first rows", async () => {
		const lens = await api();
		lens.clear();
		const bundle = path.join(dir, 'bundle');
		let first: { roots: AttemptNode[]; attempts: AttemptNode[]; children: AttemptNode[]; reportYet: boolean; diagnostics: number } | undefined;
		/** The view's message once every listener of the first rows has run (the tree's runs first), and whether the report had come by then. */
		let message: { text: string | undefined; reportYet: boolean } | undefined;
		let opening: { id: string; panel: Thenable<TimelinePanel | undefined> } | undefined;
		const watch = lens.attempts.onDidChangeTreeData(() => {
			if (first) return;
			const roots = lens.attempts.getChildren();
			if (roots.length === 0) return;
			const attempts = attemptRows(lens.attempts, roots);
			// No attempt's row is drawn here: under VM rows VS Code draws none until one is expanded.
			first = { roots, attempts, children: lens.attempts.getChildren(attempts[0]), reportYet: lens.report !== undefined, diagnostics: ourDiagnostics() };
			setImmediate(() => (message = { text: lens.attemptsView.message, reportYet: lens.report !== undefined }));
			// Open Timeline from a first row: it opens that attempt once the report is in.
			const n = attempts.at(-1)!;
			if (n.kind === 'attempt') opening = { id: n.attempt.id, panel: vscode.commands.executeCommand<TimelinePanel>('quiesceLens.openTimeline', n.attempt.id) };
		});
		const report = await lens.analyze([bundle]).finally(() => watch.dispose());
		assert.ok(report && report.attempts.length === BUNDLE.attempts, 'the generated bundle has many attempts');
		assert.ok(first, 'the tree changed during the analysis');
		assert.strictEqual(first.reportYet, false, 'the first rows came before the report');
		assert.strictEqual(first.attempts.length, report.attempts.length, 'a row for every attempt');
		// Hundreds of attempts of several VMs: a row per VM, the attempts under it (quiesceLens.groupAttemptsByVm: auto).
		const vms = new Set(report.attempts.map((a) => a.vm));
		assert.deepStrictEqual(
			first.roots.map((n) => n.kind),
			[...vms].map(() => 'vm'),
		);
		const failing = first.roots.map((n) => n.kind === 'vm' && n.attempts.some((r) => r.attempt.result === 'failed'));
		assert.deepStrictEqual(
			failing,
			[...failing].sort((x, y) => Number(y) - Number(x)),
			'VMs with a failed attempt first',
		);
		for (const n of first.roots) {
			const row = rowOf(lens.attempts, n);
			const under = n.kind === 'vm' ? n.attempts.map((r) => r.attempt) : [];
			assert.ok(under.length > 0 && under.every((a) => a.vm === row.label));
			assert.match(String(row.description), new RegExp(`^${under.length}\\b`));
		}
		assert.ok(message && !message.reportYet);
		assert.match(message.text ?? '', new RegExp(`\\b${report.attempts.length}\\b`), 'the view says the analysis goes on and how many attempts it found');
		assert.deepStrictEqual(
			first.children.map((c) => c.kind),
			['pending'],
			'a first row holds only "follows"',
		);
		assert.strictEqual(first.diagnostics, 0, 'no Problems entry before the report');

		// The report keeps the rows shown (VS Code is not asked for them again: no flicker, selection kept) and
		// gives them their children.
		assert.strictEqual(lens.attemptsView.message, undefined);
		assert.strictEqual(lens.attempts.getChildren(), first.roots, 'the report keeps the first rows');
		const final = wholeTree(lens.attempts);
		assert.deepStrictEqual(
			branches(final)
				.filter((r) => r.row.context?.startsWith('quiesceLens:attempt'))
				.map((r) => r.row),
			first.attempts.map((n) => rowOf(lens.attempts, n)),
		);
		assert.ok(branches(final).some((r) => r.row.context === 'quiesceLens:event'));
		assert.ok(ourDiagnostics() > 0, 'Problems entries once the report is in');
		assert.ok(opening);
		const panel = await opening.panel;
		assert.strictEqual(panel?.attemptId, opening.id);

		// A run that shows nothing early: the core in this process, into a store of its own.
		const store = new ReportStore();
		const tree = new AttemptsTreeProvider(store);
		try {
			store.set(analyze([bundle], { locale: vscode.env.language }), { kind: 'files', paths: [bundle] });
			assert.deepStrictEqual(final, wholeTree(tree));
		} finally {
			tree.dispose();
			store.dispose();
		}
	});

	it('lists one row per attempt when quiesceLens.groupAttemptsByVm is never, and groups a few attempts when it is always', async () => {
		const lens = await api();
		const report = lens.report ?? (await lens.analyze([path.join(dir, 'bundle')]));
		try {
			await setting('groupAttemptsByVm', 'never', vscode.ConfigurationTarget.Global);
			const flat = lens.attempts.getChildren().filter((n) => n.kind === 'attempt');
			assert.strictEqual(flat.length, report!.attempts.length);
			await setting('groupAttemptsByVm', 'always', vscode.ConfigurationTarget.Global);
			const store = new ReportStore();
			const tree = new AttemptsTreeProvider(store);
			try {
				// Three attempts of two VMs: grouped only because the setting says always.
				const [first, ...rest] = report!.attempts;
				const other = rest.find((a) => a.vm !== first.vm)!;
				const few = { ...report!, attempts: [first, ...rest.filter((a) => a.vm === other.vm).slice(0, 2)] };
				store.set(few, { kind: 'files', paths: [] });
				const roots = tree.getChildren().filter((n) => n.kind !== 'problems');
				assert.deepStrictEqual(
					roots.map((n) => n.kind),
					['vm', 'vm'],
				);
				assert.strictEqual(attemptRows(tree, roots).length, 3);
				assert.strictEqual(tree.getParent(tree.getChildren(roots[0])[0]), roots[0], "an attempt's parent is its VM's row");
			} finally {
				tree.dispose();
				store.dispose();
			}
		} finally {
			await setting('groupAttemptsByVm', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it("a re-run of the same bundle keeps the complete tree until its report (no first rows), and its tree is the report's", async () => {
		const lens = await api();
		const bundle = path.join(dir, 'bundle');
		const before = lens.report ?? (await lens.analyze([bundle]));
		const early: boolean[] = [];
		const watch = lens.attempts.onDidChangeTreeData(() => early.push(lens.report === before));
		const again = await lens.analyze([bundle]).finally(() => watch.dispose());
		assert.ok(again && again !== before && again.attempts.length === BUNDLE.attempts);
		assert.deepStrictEqual(
			early.filter((old) => old),
			[],
			'the tree did not change before the report',
		);
		assert.strictEqual(lens.attemptsView.message, undefined);
		const store = new ReportStore();
		const tree = new AttemptsTreeProvider(store);
		try {
			store.set(again, { kind: 'files', paths: [bundle] });
			assert.deepStrictEqual(wholeTree(lens.attempts), wholeTree(tree));
		} finally {
			tree.dispose();
			store.dispose();
		}
	});
});
