// Integration: the timeline webview's host side in a real extension host: open/reveal, the ready/init
// handshake with the real app, message validation against the bundle, state restore, CodeLens, the
// Problems code action and the display time zone.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { attemptKey } from '../../src/core';
import type { QuiesceLensApi } from '../../src/extension';
import type { TimelinePanel } from '../../src/webview/timelinePanel';
import { setting } from './helpers';

const ATTEMPT_TITLE = 'Timeline: EXCH-MBX-02 — 2024-05-22 19:30:02 UTC';
const GUEST = 'guest/events-application.xml';
const VMX = 'esxi/vmfs/volumes/vsanDatastore/EXCH-MBX-02/vmware.log';
const fixtures = process.env.QL_FIXTURES ?? path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');

async function api(): Promise<QuiesceLensApi> {
	const ext = vscode.extensions.getExtension<QuiesceLensApi>('quiesce-lens.quiesce-lens');
	assert.ok(ext, 'extension not found');
	return ext.activate();
}

/** Resolves when the app in the webview has said `ready` and got its `init` (or fails after 30 s). */
function ready(p: TimelinePanel): Promise<void> {
	return Promise.race([p.whenReady, new Promise<void>((_, reject) => setTimeout(() => reject(new Error('the webview never posted ready')), 30_000))]);
}

async function until(what: string, ok: () => boolean): Promise<void> {
	for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
	assert.ok(ok(), what);
}

async function openTimeline(lens: QuiesceLensApi): Promise<TimelinePanel> {
	await vscode.commands.executeCommand('quiesceLens.analyzeWorkspace');
	const panel = await vscode.commands.executeCommand<TimelinePanel>('quiesceLens.openTimeline', 'a1');
	assert.ok(panel, 'Open Timeline returns its panel');
	await ready(panel);
	assert.strictEqual(lens.timelines.all.length, 1);
	return panel;
}

describe('Timeline webview', () => {
	afterEach(async () => {
		const lens = await api();
		for (const p of [...lens.timelines.all]) p.dispose();
		await setting('clockOffsets', undefined, vscode.ConfigurationTarget.Workspace);
		lens.clear();
	});

	it('opens from the palette command with the ready/init handshake and its title; a second open reveals it', async () => {
		const lens = await api();
		const panel = await openTimeline(lens);
		assert.strictEqual(panel.panel.title, ATTEMPT_TITLE);
		const init = panel.lastPosted;
		assert.strictEqual(init?.type, 'init');
		if (init?.type !== 'init') return;
		assert.deepStrictEqual(
			init.model.lanes.map((l) => l.path),
			['esxi/var/run/log/hostd.log', VMX, GUEST],
		);
		assert.strictEqual(init.model.eventCount, lens.report!.attempts[0].events.length);
		assert.strictEqual(init.model.failure?.hresult, '0x800423F3');
		assert.ok(init.strings.fit.length > 0, 'the app gets its texts from the host');
		const again = await vscode.commands.executeCommand<TimelinePanel>('quiesceLens.openTimeline', 'a1');
		assert.strictEqual(again, panel, 'one panel per attempt');
		assert.strictEqual(lens.timelines.all.length, 1);
	});

	it('the attempt node lists its phases among its events in time order, each against its limit', async () => {
		const lens = await api();
		await vscode.commands.executeCommand('quiesceLens.analyzeWorkspace');
		const children = lens.attempts.getChildren(lens.attempts.getChildren()[0]).filter((c) => c.kind === 'phase' || c.kind === 'event');
		const quiesce = children.find((c) => c.kind === 'phase' && c.phase.name === 'quiesce');
		assert.ok(quiesce, 'a quiesce phase');
		const item = lens.attempts.getTreeItem(quiesce);
		assert.strictEqual(item.label, 'Phase quiesce: 48.3 s');
		assert.strictEqual(item.description, 'within its 15 min limit');
		const times = children.map((c) => Date.parse(c.kind === 'phase' ? c.phase.start : c.kind === 'event' ? c.event.time! : ''));
		assert.deepStrictEqual(
			times,
			[...times].sort((x, y) => x - y),
		);
	});

	it('clicking the attempt in the tree opens its timeline', async () => {
		const lens = await api();
		await vscode.commands.executeCommand('quiesceLens.analyzeWorkspace');
		const item = lens.attempts.getTreeItem(lens.attempts.getChildren()[0]);
		assert.strictEqual(item.command?.command, 'quiesceLens.openTimeline');
		const panel = await vscode.commands.executeCommand<TimelinePanel>(item.command.command, ...(item.command.arguments ?? []));
		await ready(panel);
		assert.strictEqual(panel.panel.title, ATTEMPT_TITLE);
	});

	it('refuses messages that are not in the protocol or name files outside the bundle; opens bundle lines and highlights back', async () => {
		const lens = await api();
		const panel = await openTimeline(lens);
		for (const bad of [
			null,
			'ready',
			{ type: 'bogus' },
			{ type: 'openSource', path: '../../../etc/passwd', line: 1 },
			{ type: 'openSource', path: '/etc/passwd', line: 1 },
			{ type: 'openSource', path: GUEST, line: 0 },
			{ type: 'openSource', path: GUEST, line: 1e6 },
			{ type: 'openSource', path: GUEST, line: '3' },
			{ type: 'setClockOffset', path: 'not/in/bundle.log', minutes: 60 },
			{ type: 'setClockOffset', path: GUEST, minutes: 10_000 },
			{ type: 'compare', key: 'no-such-attempt' },
			{ type: 'export', format: 'svg', data: '<script>alert(1)</script>' },
			{ type: 'export', format: 'exe', data: '<svg></svg>' },
		]) {
			assert.strictEqual(await panel.handle(bad), 'rejected', JSON.stringify(bad));
		}
		assert.strictEqual(await panel.handle({ type: 'openSource', path: GUEST, line: 3 }), 'done');
		const editor = vscode.window.activeTextEditor;
		assert.ok(editor, 'an editor is open');
		assert.ok(editor.document.uri.path.endsWith(GUEST), 'the guest file is open');
		assert.strictEqual(editor.selection.active.line, 2, 'at line 3');
		// Two-way: the cursor on an event's line highlights that event in the timeline.
		const index = lens.report!.attempts[0].events.findIndex((e) => e.source === GUEST && e.line === 3);
		await until('the timeline is told to highlight the event', () => panel.lastPosted?.type === 'highlight' && panel.lastPosted.index === index);
	});

	it('a clock offset set in the view is saved in the settings and the timeline re-aligns', async () => {
		const lens = await api();
		const panel = await openTimeline(lens);
		assert.strictEqual(await panel.handle({ type: 'setClockOffset', path: GUEST, minutes: 1 }), 'done');
		assert.deepStrictEqual(vscode.workspace.getConfiguration('quiesceLens').get('clockOffsets'), { [GUEST]: 1 });
		const update = panel.lastPosted;
		assert.strictEqual(update?.type, 'update');
		if (update?.type !== 'update') return;
		const lane = update.model.lanes.find((l) => l.path === GUEST)!;
		assert.deepStrictEqual(lane.clock, { utcOffsetMinutes: 1, basis: 'setting', confidence: 'exact', anchors: 0, spreadMs: null });
		assert.strictEqual(lane.events[0].time, '2024-05-22T19:29:49.811Z', 'one minute earlier on the UTC axis');
	});

	it('compare overlays another attempt of the bundle, and can be taken off again', async () => {
		const lens = await api();
		const report = await lens.analyze([path.join(fixtures, 'bundles')]);
		assert.ok(report && report.attempts.length >= 2);
		const [a, b] = report.attempts;
		const panel = lens.timelines.open(a.id);
		assert.ok(panel);
		await ready(panel);
		const init = panel.lastPosted;
		assert.ok(init?.type === 'init' && init.attempts.some((c) => c.key === attemptKey(b)), 'the other attempts are offered');
		assert.strictEqual(await panel.handle({ type: 'compare', key: attemptKey(b) }), 'done');
		const on = panel.lastPosted;
		assert.ok(on?.type === 'update' && on.compare?.attemptId === b.id && on.model.attemptId === a.id);
		assert.strictEqual(await panel.handle({ type: 'compare', key: null }), 'done');
		const off = panel.lastPosted;
		assert.ok(off?.type === 'update' && off.compare === null);
	});

	it('restores a panel from its saved state after a reload, and drops a panel whose state is not one', async () => {
		const lens = await api();
		await vscode.commands.executeCommand('quiesceLens.analyzeWorkspace');
		const a = lens.report!.attempts[0];
		const fresh = vscode.window.createWebviewPanel('quiesceLens.timeline', 'restored', vscode.ViewColumn.Active, {});
		const restored = lens.timelines.restore(fresh, { key: `${a.vm}@${a.start}`, attemptId: 'a9', zone: { kind: 'source', path: GUEST }, view: { fromMs: 1, toMs: 2 }, compareKey: null });
		assert.ok(restored);
		await ready(restored);
		assert.strictEqual(restored.panel.title, ATTEMPT_TITLE, 'found by its key although the id changed');
		assert.strictEqual(restored.attemptId, 'a1');
		const junk = vscode.window.createWebviewPanel('quiesceLens.timeline', 'junk', vscode.ViewColumn.Active, {});
		let disposed = false;
		junk.onDidDispose(() => (disposed = true));
		assert.strictEqual(lens.timelines.restore(junk, { key: 42 }), undefined);
		assert.ok(disposed, 'a panel with a state from elsewhere is closed');
	});

	it('shows "Open timeline" CodeLens above the attempt start in vmware.log and hostd.log', async () => {
		await api();
		await vscode.commands.executeCommand('quiesceLens.analyzeWorkspace');
		const folder = vscode.workspace.workspaceFolders![0].uri;
		for (const [file, line] of [
			[VMX, 0],
			['esxi/var/run/log/hostd.log', 0],
		] as const) {
			const uri = vscode.Uri.joinPath(folder, ...file.split('/'));
			await vscode.workspace.openTextDocument(uri);
			const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
			const ours = lenses.filter((l) => l.command?.command === 'quiesceLens.openTimeline');
			assert.strictEqual(ours.length, 1, file);
			assert.strictEqual(ours[0].range.start.line, line);
			assert.deepStrictEqual(ours[0].command?.arguments, ['a1']);
			assert.match(ours[0].command?.title ?? '', /Open timeline · EXCH-MBX-02 · 2024-05-22 19:30:02 UTC · failed/);
		}
		await setting('codeLens', false, vscode.ConfigurationTarget.Workspace);
		try {
			const uri = vscode.Uri.joinPath(folder, ...VMX.split('/'));
			const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
			assert.strictEqual(lenses.filter((l) => l.command?.command === 'quiesceLens.openTimeline').length, 0, 'the setting turns them off');
		} finally {
			await setting('codeLens', undefined, vscode.ConfigurationTarget.Workspace);
		}
	});

	it('a problem of an attempt offers "Open the timeline of this attempt"', async () => {
		await api();
		await vscode.commands.executeCommand('quiesceLens.analyzeWorkspace');
		const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...GUEST.split('/'));
		await until('the guest file has its diagnostic', () => vscode.languages.getDiagnostics(uri).length > 0);
		const d = vscode.languages.getDiagnostics(uri)[0];
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
		const open = actions.find((a) => a.command?.command === 'quiesceLens.openTimeline');
		assert.ok(open, `actions: ${actions.map((a) => a.title).join(', ')}`);
		assert.deepStrictEqual(open.command?.arguments, ['a1']);
	});

	it('the display time zone setting shifts the tree labels; the report stays UTC', async () => {
		const lens = await api();
		await vscode.commands.executeCommand('quiesceLens.analyzeWorkspace');
		await setting('displayTimeZone', '+09:00', vscode.ConfigurationTarget.Workspace);
		try {
			const item = lens.attempts.getTreeItem(lens.attempts.getChildren()[0]);
			assert.strictEqual(item.label, 'EXCH-MBX-02 · 2024-05-23 04:30:02 UTC+09:00');
			assert.strictEqual(lens.report!.attempts[0].start, '2024-05-22T19:30:02.117Z');
			// A source's clock: the guest's events are stamped UTC, so a setting of +01:00 for it shows +01:00.
			await setting('clockOffsets', { [GUEST]: 60 }, vscode.ConfigurationTarget.Workspace);
			await vscode.commands.executeCommand('quiesceLens.analyzeWorkspace');
			await setting('displayTimeZone', `source:${GUEST}`, vscode.ConfigurationTarget.Workspace);
			// Declared an hour ahead of UTC, the guest's events move an hour earlier, out of the host attempt (they
			// then make an in-guest attempt of their own): the host attempt is shown in the guest's zone.
			const labels = lens.attempts.getChildren().map((a) => lens.attempts.getTreeItem(a).label);
			assert.ok(labels.includes('EXCH-MBX-02 · 2024-05-22 20:30:02 UTC+01:00'), labels.join(' | '));
		} finally {
			await setting('displayTimeZone', undefined, vscode.ConfigurationTarget.Workspace);
			await setting('clockOffsets', undefined, vscode.ConfigurationTarget.Workspace);
			await vscode.commands.executeCommand('quiesceLens.analyzeWorkspace');
		}
		const guestClock = JSON.stringify(lens.report?.inputs.find((i) => i.path === GUEST)?.clock);
		const reportRows = lens.report?.attempts.map((a) => `${a.vm} ${a.start}`).join(', ');
		assert.strictEqual(lens.attempts.getTreeItem(lens.attempts.getChildren()[0]).label, 'EXCH-MBX-02 · 2024-05-22 19:30:02 UTC', `guest clock ${guestClock}; report: ${reportRows}`);
	});
});
