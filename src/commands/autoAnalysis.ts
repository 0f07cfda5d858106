import * as path from 'path';
import * as vscode from 'vscode';
import type { Report } from '../core/host';
import type { ReportStore } from '../util/reportStore';
import { runAnalysis } from './analyzeCommands';

/** Files whose presence makes a folder look like a support bundle (names only decide *whether* to look). */
export const BUNDLE_GLOB = '**/{vmware*.log,hostd*.log,vpxa*.log,vpxd*.log,vmware-vmsvc*.log,*vssadmin*,vss_manifests*.zip,SqlWriterLogger*.txt,*.vmx,tools.conf,esx-*.tgz,*.evtx}';
/** Changes settle for this long before re-analysing (ms): a bundle being unpacked changes many files. */
const DEBOUNCE_MS = 1500;

const enabled = () => vscode.workspace.getConfiguration('quiesceLens').get<boolean>('autoAnalyze', true);

/**
 * Analyses the workspace in the background when it looks like a support bundle, and again when its
 * files change. Returns the startup analysis (undefined when it did not run) and the disposables.
 */
export function startAutoAnalysis(store: ReportStore): { startup: Promise<Report | undefined>; disposables: vscode.Disposable[] } {
	const folders = () => vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath) ?? [];
	const looksLikeBundle = async () => (await vscode.workspace.findFiles(BUNDLE_GLOB, '**/node_modules/**', 1)).length > 0;
	const startup = (async () => {
		if (!enabled() || folders().length === 0 || !(await looksLikeBundle())) return undefined;
		return runAnalysis(store, folders());
	})();

	let timer: NodeJS.Timeout | undefined;
	const schedule = (uri: vscode.Uri) => {
		// Only a change to a file of what was analysed re-analyses it; editor settings (.vscode, where
		// clock offsets are saved) and version control are no part of a bundle.
		const paths = store.analysis?.paths;
		if (!enabled() || !paths || uri.scheme !== 'file' || /[\\/]\.(vscode|git)([\\/]|$)/.test(uri.fsPath)) return;
		if (!paths.some((p) => uri.fsPath === p || uri.fsPath.startsWith(p.endsWith(path.sep) ? p : p + path.sep))) return;
		clearTimeout(timer);
		timer = setTimeout(() => void runAnalysis(store, paths), DEBOUNCE_MS);
	};
	const watcher = vscode.workspace.createFileSystemWatcher('**/*');
	return {
		startup,
		disposables: [watcher, watcher.onDidChange(schedule), watcher.onDidCreate(schedule), watcher.onDidDelete(schedule), { dispose: () => clearTimeout(timer) }],
	};
}
