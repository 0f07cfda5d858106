import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { rootOf, type Report } from '../core/host';
import type { AttemptHead } from '../workers/firstReport';

/** Text analysed from an editor (saved or untitled), whole or a selection of it. */
export interface TextSource {
	uri: vscode.Uri;
	/** The report path of the text: the document's name (`Untitled-1`, `ticket.txt`). */
	name: string;
	/** The editor line (1-based) the analysed text starts on: a selection's first line, else 1. */
	firstLine: number;
	/** The selection analysed (0-based editor positions); undefined for the whole document. */
	range?: vscode.Range;
}

/** What an analysis read: files and folders on disk, or text from editors. */
export type AnalysisSource = { kind: 'files'; paths: string[] } | { kind: 'text'; texts: TextSource[] };

/** The current analysis: the report plus where its relative paths live. */
export interface Analysis {
	report: Report;
	/** Absolute folder the report's paths are relative to (for text: the workspace folder, else the home folder). */
	rootPath: string;
	/** What was analysed, for Refresh. */
	source: AnalysisSource;
	/** The files and folders analysed (absolute); empty for text. */
	paths: string[];
}

/** Gives the attempts tree the rows of the analysis still running. */
export type ShowRows = (rows: readonly AttemptHead[]) => void;

/** Whether two sources are the same files or the same editors' text (a re-run of one analysis). */
export function sameSource(a: AnalysisSource, b: AnalysisSource): boolean {
	const keys = (s: AnalysisSource) => (s.kind === 'files' ? s.paths : s.texts.map((t) => `${t.uri.toString()}#${t.firstLine}`));
	const x = keys(a);
	const y = keys(b);
	return a.kind === b.kind && x.length === y.length && x.every((k, i) => k === y[i]);
}

/**
 * Holds the one current analysis and tells the surfaces when it changes. No surface re-parses a log.
 * While an analysis of a new source runs, it may also hold that analysis's first rows (its attempts, before
 * their findings): only the attempts tree shows them; every other surface waits for the report.
 */
export class ReportStore implements vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<Analysis | undefined>();
	readonly onDidChange = this.changed.event;
	private readonly rowsChanged = new vscode.EventEmitter<readonly AttemptHead[] | undefined>();
	/** The first rows came, or went (replaced by the report, or the analysis ended without one). */
	readonly onDidChangeFirstRows = this.rowsChanged.event;
	private current: Analysis | undefined;
	private rows: readonly AttemptHead[] | undefined;
	/** The analysis the first rows belong to, while it runs. */
	private running: Promise<unknown> | undefined;
	/** Input paths of the current report, so that resolve is not a scan per finding (thousands of them). */
	private inputPaths = new Set<string>();

	get analysis(): Analysis | undefined {
		return this.current;
	}

	/** The attempts' rows of the analysis still running, shown before its report; undefined when none is. */
	get firstRows(): readonly AttemptHead[] | undefined {
		return this.rows;
	}

	set(report: Report, source: AnalysisSource): Analysis {
		const paths = source.kind === 'files' ? source.paths : [];
		const rootPath = source.kind === 'files' ? rootOf(paths) : (vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath ?? os.homedir());
		this.current = { report, rootPath, source, paths };
		this.inputPaths = new Set(report.inputs.map((i) => i.path));
		this.rows = undefined;
		void vscode.commands.executeCommand('setContext', 'quiesceLens:analyzed', true);
		this.changed.fire(this.current);
		return this.current;
	}

	clear(): void {
		this.current = undefined;
		this.inputPaths = new Set();
		this.rows = undefined;
		void vscode.commands.executeCommand('setContext', 'quiesceLens:analyzed', false);
		this.changed.fire(undefined);
	}

	/**
	 * Runs one analysis; `show` gives the rows it found so far to the attempts tree (ignored once the
	 * analysis has ended). Its rows go away when it ends without a report (cancelled, failed).
	 */
	async analysing<T>(run: (show: ShowRows) => Promise<T>): Promise<T> {
		let open = true;
		const done = run((rows) => {
			if (!open) return;
			this.rows = rows;
			this.rowsChanged.fire(rows);
		});
		this.running = done;
		try {
			return await done;
		} finally {
			open = false;
			if (this.running === done) {
				this.running = undefined;
				if (this.rows) {
					this.rows = undefined;
					this.rowsChanged.fire(undefined);
				}
			}
		}
	}

	/**
	 * The analysis a command should act on: when the attempts tree shows first rows, the one they belong
	 * to, once it is done (a row's attempt id names an attempt of that report, not of the one before).
	 */
	async settled(): Promise<Analysis | undefined> {
		if (this.rows) await this.running?.catch(() => undefined);
		return this.current;
	}

	/**
	 * The document of a report path: an on-disk file of the analysed bundle, or the editor a text came
	 * from; undefined when the path is neither (absolute, escaping the root with `..`, a member of an archive).
	 */
	resolve(reportPath: string): vscode.Uri | undefined {
		const a = this.current;
		if (!a || !this.inputPaths.has(reportPath)) return undefined;
		if (a.source.kind === 'text') return a.source.texts.find((t) => t.name === reportPath)?.uri;
		if (reportPath.includes('!/') || path.isAbsolute(reportPath)) return undefined;
		const abs = path.resolve(a.rootPath, ...reportPath.split('/'));
		const rel = path.relative(a.rootPath, abs);
		if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
		return vscode.Uri.file(abs);
	}

	/** The report path of a document (the reverse of resolve), or undefined when it is not part of the analysis. */
	reportPathOf(uri: vscode.Uri): string | undefined {
		const a = this.current;
		if (!a) return undefined;
		if (a.source.kind === 'text') return a.source.texts.find((t) => t.uri.toString() === uri.toString())?.name;
		if (uri.scheme !== 'file') return undefined;
		return path.relative(a.rootPath, uri.fsPath).split(path.sep).join('/');
	}

	dispose(): void {
		this.changed.dispose();
		this.rowsChanged.dispose();
	}
}
