import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { rootOf, type Report } from '../core';

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

/** Holds the one current analysis and tells the surfaces when it changes. No surface re-parses a log. */
export class ReportStore implements vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<Analysis | undefined>();
	readonly onDidChange = this.changed.event;
	private current: Analysis | undefined;

	get analysis(): Analysis | undefined {
		return this.current;
	}

	set(report: Report, source: AnalysisSource): Analysis {
		const paths = source.kind === 'files' ? source.paths : [];
		const rootPath = source.kind === 'files' ? rootOf(paths) : (vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath ?? os.homedir());
		this.current = { report, rootPath, source, paths };
		void vscode.commands.executeCommand('setContext', 'quiesceLens:analyzed', true);
		this.changed.fire(this.current);
		return this.current;
	}

	clear(): void {
		this.current = undefined;
		void vscode.commands.executeCommand('setContext', 'quiesceLens:analyzed', false);
		this.changed.fire(undefined);
	}

	/**
	 * The document of a report path: an on-disk file of the analysed bundle, or the editor a text came
	 * from; undefined when the path is neither (absolute, escaping the root with `..`, a member of an archive).
	 */
	resolve(reportPath: string): vscode.Uri | undefined {
		const a = this.current;
		if (!a || !a.report.inputs.some((i) => i.path === reportPath)) return undefined;
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
	}
}
