import * as crypto from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { attemptKey, buildTimeline, findAttempt, formatTime, UTC, type Attempt, type Report } from '../core/host';
import type { Analysis, ReportStore } from '../util/reportStore';
import { parseState, parseWebviewMessage, type AttemptChoice, type HostMessage, type TimelineState, type WebviewMessage } from './protocol';
import { timelineStrings } from './strings';

/** The webview type: the serializer restores panels of this type after a reload. */
export const TIMELINE_VIEW_TYPE = 'quiesceLens.timeline';

/** What a message from the webview led to (tests read it; the user sees the effect). */
export type MessageOutcome = 'done' | 'rejected';

const label = (a: Pick<Attempt, 'vm' | 'start'>) => `${a.vm ?? '?'} — ${formatTime(a.start, UTC).slice(0, 19)} UTC`;

/** One panel per attempt: its webview, the attempt it shows (by key) and the overlay it compares with. */
export class TimelinePanel implements vscode.Disposable {
	private compareKey: string | null;
	/** The app has posted `ready`: messages posted before it would be lost. */
	private ready = false;
	/** The app has its strings and a model (init was posted). */
	private initialised = false;
	private disposed = false;
	private readyResolve: () => void = () => undefined;
	/** Resolves once the app has posted `ready` and received `init`. */
	readonly whenReady = new Promise<void>((resolve) => {
		this.readyResolve = resolve;
	});
	private readonly disposables: vscode.Disposable[] = [];
	/** The last message posted to the app (tests read it). */
	lastPosted: HostMessage | undefined;

	constructor(
		readonly panel: vscode.WebviewPanel,
		private state: TimelineState,
		private readonly store: ReportStore,
		extensionUri: vscode.Uri,
		private readonly onDispose: (p: TimelinePanel) => void,
	) {
		this.compareKey = state.compareKey;
		const webview = panel.webview;
		webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')] };
		webview.html = html(webview, extensionUri);
		panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'quiesce-lens.svg');
		this.sync();
		this.disposables.push(
			webview.onDidReceiveMessage((m) => void this.handle(m)),
			panel.onDidDispose(() => this.dispose()),
		);
	}

	get key(): string {
		return this.state.key;
	}

	get attemptId(): string {
		return this.state.attemptId;
	}

	/** The attempt this panel shows in the current report, if it is still there. */
	attempt(report = this.store.analysis?.report): Attempt | undefined {
		return report ? findAttempt(report, this.state.key, this.state.attemptId) : undefined;
	}

	/** Acts on one message from the webview after checking it against the protocol and the bundle. */
	async handle(raw: unknown): Promise<MessageOutcome> {
		const m = parseWebviewMessage(raw);
		if (!m) return 'rejected';
		switch (m.type) {
			case 'ready':
				this.ready = true;
				this.post(this.initMessage());
				this.readyResolve();
				return 'done';
			case 'openSource':
				return this.openSource(m);
			case 'setClockOffset': {
				if (!this.store.analysis?.report.inputs.some((i) => i.path === m.path && i.clock !== null)) return 'rejected';
				await vscode.commands.executeCommand('quiesceLens.setClockOffset', m.path, m.minutes);
				return 'done';
			}
			case 'compare': {
				const report = this.store.analysis?.report;
				if (m.key !== null && !report?.attempts.some((a) => attemptKey(a) === m.key)) return 'rejected';
				this.compareKey = m.key;
				this.refresh();
				return 'done';
			}
			case 'export':
				return this.export(m);
		}
	}

	/** Re-sends the attempt after the report changed; tells the app when the attempt is gone. */
	refresh(): void {
		if (!this.ready) return;
		const a = this.attempt();
		const report = this.store.analysis?.report;
		if (!a || !report) {
			this.post(missing());
			return;
		}
		// A panel restored before the analysis finished has had no init yet.
		if (!this.initialised) {
			this.post(this.initMessage());
			return;
		}
		this.sync();
		this.post({ type: 'update', model: buildTimeline(report, a, vscode.env.language), compare: this.compareModel(report, a), attempts: choices(report, a) });
	}

	/** Highlights the event on the line an editor's cursor is on (two-way selection). */
	highlightLine(analysis: Analysis, uri: vscode.Uri, line: number): void {
		const rel = this.store.reportPathOf(uri);
		if (rel === undefined) return;
		const a = this.attempt(analysis.report);
		if (!a) return;
		const index = a.events.findIndex((e) => e.source === rel && e.line === line);
		if (index >= 0 || a.events.some((e) => e.source === rel)) this.post({ type: 'highlight', index: index >= 0 ? index : null });
	}

	reveal(): void {
		this.panel.reveal();
	}

	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		this.onDispose(this);
		for (const d of this.disposables.splice(0)) d.dispose();
		this.panel.dispose();
	}

	private initMessage(): HostMessage {
		const report = this.store.analysis?.report;
		const a = this.attempt();
		if (!report || !a) return missing();
		this.sync();
		return { type: 'init', model: buildTimeline(report, a, vscode.env.language), compare: this.compareModel(report, a), attempts: choices(report, a), state: { ...this.state, compareKey: this.compareKey }, strings: timelineStrings() };
	}

	private compareModel(report: Report, a: Attempt) {
		const other = this.compareKey === null ? undefined : report.attempts.find((o) => attemptKey(o) === this.compareKey && o !== a);
		return other ? buildTimeline(report, other, vscode.env.language) : null;
	}

	private async openSource(m: Extract<WebviewMessage, { type: 'openSource' }>): Promise<MessageOutcome> {
		// Only files of the analysed bundle, and only lines they have.
		const input = this.store.analysis?.report.inputs.find((i) => i.path === m.path);
		if (!input || !this.store.resolve(m.path) || m.line > Math.max(1, input.lines)) return 'rejected';
		await vscode.commands.executeCommand('quiesceLens.openSource', m.path, m.line, vscode.ViewColumn.Beside);
		return 'done';
	}

	private async export(m: Extract<WebviewMessage, { type: 'export' }>): Promise<MessageOutcome> {
		const png = m.format === 'png';
		const prefix = 'data:image/png;base64,';
		if (png ? !m.data.startsWith(prefix) : !/^<svg[\s>]/.test(m.data)) return 'rejected';
		const a = this.attempt();
		const name = `timeline-${(a?.vm ?? 'attempt').replace(/[^\w.-]+/g, '_')}-${(a?.start ?? '').replace(/[:.]/g, '-')}.${m.format}`;
		// Next to the bundle, never inside it unasked: the user's files are never modified.
		const root = this.store.analysis?.rootPath;
		const target = await vscode.window.showSaveDialog({
			defaultUri: root ? vscode.Uri.file(path.join(path.dirname(root), name)) : undefined,
			filters: png ? { PNG: ['png'] } : { SVG: ['svg'] },
			title: vscode.l10n.t('Export Timeline'),
		});
		if (!target) return 'done';
		const bytes = png ? Buffer.from(m.data.slice(prefix.length), 'base64') : Buffer.from(m.data, 'utf8');
		await vscode.workspace.fs.writeFile(target, bytes);
		void vscode.window.showInformationMessage(vscode.l10n.t('Timeline saved to {0}', target.fsPath));
		return 'done';
	}

	private post(message: HostMessage): void {
		this.lastPosted = message;
		if (message.type === 'init') this.initialised = true;
		void this.panel.webview.postMessage(message);
	}

	/** Follows the attempt into the current report (a re-analysis may renumber it) and titles the panel. */
	private sync(): void {
		const a = this.attempt();
		if (a) this.state = { ...this.state, attemptId: a.id, key: attemptKey(a) };
		this.panel.title = vscode.l10n.t('Timeline: {0}', a ? label(a) : this.state.key);
	}
}

const missing = (): HostMessage => ({ type: 'missing', text: vscode.l10n.t('This attempt is not in the current analysis. Analyse the bundle again, or close this timeline.') });

/** The other attempts of the report, for the compare drop-down. */
function choices(report: Report, current: Attempt): AttemptChoice[] {
	return report.attempts.filter((a) => a !== current).map((a) => ({ key: attemptKey(a), label: `${label(a)} · ${a.result}` }));
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
	const nonce = crypto.randomBytes(18).toString('base64');
	const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'timeline.js'));
	const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'timeline.css'));
	// No inline script or style: scripts by nonce, styles and images from the extension only (blob: for the
	// PNG export). The one hash admits only an empty style attribute (SHA-256 of ""), which the toolkit's
	// data grid writes on its rows; any style with content stays blocked.
	const EMPTY_STYLE = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";
	const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${webview.cspSource} 'unsafe-hashes' ${EMPTY_STYLE}; img-src ${webview.cspSource} blob: data:; font-src ${webview.cspSource}`;
	return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

/** Opens, reveals, restores and refreshes the timeline panels: one per attempt. */
export class TimelinePanels implements vscode.Disposable {
	private readonly panels: TimelinePanel[] = [];
	private readonly disposables: vscode.Disposable[] = [];

	constructor(
		private readonly store: ReportStore,
		private readonly extensionUri: vscode.Uri,
	) {
		this.disposables.push(
			vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, { deserializeWebviewPanel: async (panel, state) => void this.restore(panel, state) }),
			store.onDidChange(() => this.panels.forEach((p) => p.refresh())),
			vscode.window.onDidChangeTextEditorSelection((e) => {
				const analysis = this.store.analysis;
				if (!analysis || this.panels.length === 0) return;
				const line = e.selections[0].active.line + 1;
				this.panels.forEach((p) => p.highlightLine(analysis, e.textEditor.document.uri, line));
			}),
		);
	}

	get all(): readonly TimelinePanel[] {
		return this.panels;
	}

	/** Shows the attempt's timeline: reveals its panel when one is open, else opens one. */
	open(attemptIdOrKey: string): TimelinePanel | undefined {
		const report = this.store.analysis?.report;
		const a = report && (report.attempts.find((x) => x.id === attemptIdOrKey) ?? findAttempt(report, attemptIdOrKey));
		if (!a) return undefined;
		const key = attemptKey(a);
		const open = this.panels.find((p) => p.key === key);
		if (open) {
			open.reveal();
			return open;
		}
		const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, key, vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: false });
		return this.adopt(panel, { key, attemptId: a.id, zone: { kind: 'utc' }, view: null, compareKey: null });
	}

	/** The serializer's half: a panel VS Code kept across a reload, with the state its app saved. */
	restore(panel: vscode.WebviewPanel, raw: unknown): TimelinePanel | undefined {
		const state = parseState(raw);
		if (!state) {
			panel.dispose();
			return undefined;
		}
		return this.adopt(panel, state);
	}

	dispose(): void {
		for (const p of [...this.panels]) p.dispose();
		for (const d of this.disposables.splice(0)) d.dispose();
	}

	private adopt(panel: vscode.WebviewPanel, state: TimelineState): TimelinePanel {
		const p = new TimelinePanel(panel, state, this.store, this.extensionUri, (gone) => {
			const i = this.panels.indexOf(gone);
			if (i >= 0) this.panels.splice(i, 1);
		});
		this.panels.push(p);
		return p;
	}
}
