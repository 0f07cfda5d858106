import { monitorEventLoopDelay, performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { AnalysisCancelled, InputError, type Report } from '../core/host';
import { secs } from '../util/timing';
import { AnalysisWorker, type ReadStats, type WorkerResult, type WorkerSource } from '../workers/analysisWorkerClient';
import { sameSource, type AnalysisSource, type ReportStore, type ShowRows, type TextSource } from '../util/reportStore';

/** The analysis thread: the extension host only posts paths and receives the report, so it stays responsive. */
const worker = new AnalysisWorker();
/** The Quiesce Lens output channel: where each analysis's time went (given to registerCommands). */
let log: vscode.LogOutputChannel | undefined;
let lastStats: ReadStats | undefined;
/** Files re-read and reused by the last analysis (the thread keeps what it read; unchanged files are not read again). */
export const lastReadStats = (): ReadStats | undefined => lastStats;

/**
 * A command's work without its result. VS Code sends what a command resolves to back to the window that ran it
 * (the palette, a menu, a key), as JSON: the report of a bundle of 10,000 attempts is 100 MB, and the window's
 * other messages (the status bar's report among them) waited 10–13 s behind it. The report is the store's, and
 * the extension API's (`report`, `analyze`) for a caller that wants it.
 */
export const withoutResult =
	<A extends unknown[]>(command: (...args: A) => Promise<unknown>) =>
	async (...args: A): Promise<void> => {
		await command(...args);
	};

/** Runs the core on files and folders with a cancellable progress notification and stores the report. */
export const runAnalysis = (store: ReportStore, paths: string[]): Promise<Report | undefined> => analyzeSource(store, { kind: 'files', paths });

/** Analyses the same files, or the same editors' text as it is now (Refresh, a clock setting changed). */
export async function rerunAnalysis(store: ReportStore): Promise<Report | undefined> {
	const source = store.analysis?.source;
	if (!source) return undefined;
	if (source.kind === 'files') return analyzeSource(store, source);
	// Editors closed since are left out; nothing is left when all are.
	const open = source.texts.filter((t) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === t.uri.toString()));
	return open.length > 0 ? analyzeSource(store, { kind: 'text', texts: open }) : undefined;
}

/** What crosses to the analysis thread for a source: paths, or each editor's text (its selection when one was analysed). */
function workerSource(source: AnalysisSource): WorkerSource {
	if (source.kind === 'files') return { paths: source.paths };
	return {
		texts: source.texts.map((t: TextSource) => {
			const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === t.uri.toString());
			return { name: t.name, text: doc?.getText(t.range) ?? '', firstLine: t.firstLine };
		}),
	};
}

/**
 * One line in the output channel per analysis, saying where its time went: in the thread (reading and
 * joining until the attempts were known, then the findings, then the report made JSON), the hand-off (the
 * JSON parsed here), and the views (every surface's update from the report, on this thread).
 */
function logTimings(files: number, attempts: number, firstRowsMs: number | null, reportMs: number, viewsMs: number, { stats, timings }: WorkerResult): void {
	log?.info(
		`analysis of ${files} files (${stats.reread} read, ${stats.reused} reused), ${attempts} attempts: ` +
			`first rows shown after ${secs(firstRowsMs)}, report after ${secs(reportMs)}; ` +
			`thread: attempts known ${secs(timings.attemptsMs)}, findings and report ${secs(timings.analysisMs)}, JSON ${secs(timings.serializeMs)}; ` +
			`hand-off parse ${secs(timings.parseMs)}; views ${secs(viewsMs)}`,
	);
}

/** How long after a report the host's event loop is watched for stalls (ms): what the window waits on to show it. */
const STALL_WATCH_MS = 10_000;

/**
 * Logs the longest stall of this thread's event loop in the STALL_WATCH_MS after a report (garbage collection
 * of a 100 MB report, another extension reacting to thousands of Problems entries): while it stalls, the
 * window shows nothing new.
 */
function logStalls(): void {
	if (!log) return;
	const delay = monitorEventLoopDelay({ resolution: 20 });
	const busy = performance.eventLoopUtilization();
	delay.enable();
	setTimeout(() => {
		delay.disable();
		const used = performance.eventLoopUtilization(busy).utilization;
		log?.info(`after the report: longest stall of the extension host ${secs(delay.max / 1e6)}, busy ${Math.round(used * 100)} % of ${secs(STALL_WATCH_MS)}`);
	}, STALL_WATCH_MS);
}

/** Runs the core on a source with a cancellable progress notification and stores the report. */
export async function analyzeSource(store: ReportStore, source: AnalysisSource): Promise<Report | undefined> {
	// A re-run of what the views show (Refresh, a changed file or setting) keeps them until its report: showing
	// its rows first would only make a complete tree flicker.
	const rerun = store.analysis !== undefined && sameSource(store.analysis.source, source);
	try {
		return await store.analysing(async (showRows) => analyzeWithProgress(store, source, rerun ? undefined : showRows));
	} catch (e) {
		if (e instanceof AnalysisCancelled) return undefined;
		if (e instanceof InputError) {
			void vscode.window.showErrorMessage(e.message);
			return undefined;
		}
		throw e;
	}
}

/** One analysis in the thread under a cancellable progress notification; its rows go to `showRows` when given. */
function analyzeWithProgress(store: ReportStore, source: AnalysisSource, showRows: ShowRows | undefined): Thenable<Report> {
	return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Quiesce Lens'), cancellable: true }, async (progress, token) => {
		let last = 0;
		const limits = vscode.workspace.getConfiguration('quiesceLens.limits');
		const mib = (key: string) => Math.max(1, limits.get<number>(key, 0)) * 1024 * 1024;
		const abort = new AbortController();
		const cancel = token.onCancellationRequested(() => abort.abort());
		try {
			const config = vscode.workspace.getConfiguration('quiesceLens');
			const t0 = performance.now();
			let firstRowsMs: number | null = null;
			const result = await worker.run(
				workerSource(source),
				{
					clockOffsets: config.get<Record<string, number>>('clockOffsets', {}),
					exclude: config.get<string[]>('exclude', []),
					// Findings in the UI language, as the rest of the UI.
					locale: vscode.env.language,
					maxFileBytes: mib('maxFileSizeMB'),
					maxTotalBytes: mib('maxTotalSizeMB'),
				},
				{
					onProgress: (done, total, bytesDone, bytesTotal) => {
						// By bytes when there are any: one big log takes longer than many small ones.
						const pct = bytesTotal > 0 ? (bytesDone / bytesTotal) * 100 : (done / total) * 100;
						const mb = (n: number) => (n / 1e6).toFixed(n < 10e6 ? 1 : 0);
						progress.report({ message: vscode.l10n.t('Analysing {0} of {1} files ({2} of {3} MB)…', done, total, mb(bytesDone), mb(bytesTotal)), increment: pct - last });
						last = pct;
					},
					onAttempts: (rows) => {
						// No rows to show early: the tree keeps its welcome until the report says there are none.
						if (!showRows || rows.length === 0) return;
						showRows(rows);
						firstRowsMs = performance.now() - t0;
						progress.report({ message: vscode.l10n.t('{0} attempts found; diagnosing…', rows.length) });
					},
					signal: abort.signal,
				},
			);
			const reportMs = performance.now() - t0;
			lastStats = result.stats;
			store.set(result.report, source);
			logTimings(result.report.inputs.length, result.report.attempts.length, firstRowsMs, reportMs, performance.now() - t0 - reportMs, result);
			logStalls();
			return result.report;
		} finally {
			cancel.dispose();
		}
	});
}

/** Registers Analyze Workspace / Folder… / File…, Refresh, Clear Results and Open Source; each analysis's times go to `channel`. */
export function registerCommands(store: ReportStore, channel: vscode.LogOutputChannel): vscode.Disposable[] {
	const analyzePicked = async (uri: vscode.Uri | undefined, folders: boolean) => {
		const picked = uri
			? [uri]
			: await vscode.window.showOpenDialog({
					canSelectFolders: folders,
					canSelectFiles: !folders,
					canSelectMany: true,
					openLabel: folders ? vscode.l10n.t('Analyze Folder') : vscode.l10n.t('Analyze File'),
				});
		if (picked && picked.length > 0)
			await runAnalysis(
				store,
				picked.map((u) => u.fsPath),
			);
	};

	worker.warm();
	log = channel;
	return [
		// The analysis thread ends with the extension.
		{ dispose: () => worker.dispose() },
		vscode.commands.registerCommand(
			'quiesceLens.analyzeWorkspace',
			withoutResult(async () => {
				const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
				if (folders.length === 0) {
					const pick = vscode.l10n.t('Analyze Folder…');
					if ((await vscode.window.showInformationMessage(vscode.l10n.t('Open a folder of host and guest files first, or pick one to analyse.'), pick)) === pick) {
						await analyzePicked(undefined, true);
					}
					return undefined;
				}
				return runAnalysis(
					store,
					folders.map((f) => f.uri.fsPath),
				);
			}),
		),
		vscode.commands.registerCommand(
			'quiesceLens.analyzeFolder',
			withoutResult((uri?: vscode.Uri) => analyzePicked(uri, true)),
		),
		// Explorer context menu: the clicked item, or every selected one.
		vscode.commands.registerCommand('quiesceLens.analyzeResource', async (uri?: vscode.Uri, selected?: vscode.Uri[]) => {
			const uris = selected && selected.length > 0 ? selected : uri ? [uri] : [];
			if (uris.length > 0)
				await runAnalysis(
					store,
					uris.map((u) => u.fsPath),
				);
		}),
		vscode.commands.registerCommand(
			'quiesceLens.analyzeFile',
			withoutResult((uri?: vscode.Uri) => analyzePicked(uri, false)),
		),
		vscode.commands.registerCommand(
			'quiesceLens.refresh',
			withoutResult(() => rerunAnalysis(store)),
		),
		vscode.commands.registerCommand('quiesceLens.clearResults', () => store.clear()),
		vscode.commands.registerCommand('quiesceLens.openSource', async (reportPath: unknown, line: unknown, column?: unknown) => {
			// Arguments can come from anywhere (a link, a webview later): only files of the analysed bundle open.
			const uri = typeof reportPath === 'string' ? store.resolve(reportPath) : undefined;
			if (!uri) {
				void vscode.window.showWarningMessage(vscode.l10n.t('This file is not part of the analysed bundle.'));
				return;
			}
			const l = typeof line === 'number' && Number.isInteger(line) && line >= 1 ? line - 1 : 0;
			// The timeline opens lines beside itself, so the picture stays in view.
			const viewColumn = column === vscode.ViewColumn.Beside ? vscode.ViewColumn.Beside : undefined;
			const editor = await vscode.window.showTextDocument(uri, { preview: true, viewColumn });
			const pos = new vscode.Position(Math.min(l, editor.document.lineCount - 1), 0);
			editor.selection = new vscode.Selection(pos, editor.document.lineAt(pos.line).range.end);
			editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
		}),
	];
}
