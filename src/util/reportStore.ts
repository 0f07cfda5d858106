import * as path from 'path';
import * as vscode from 'vscode';
import { rootOf, type Report } from '../core';

/** The current analysis: the report plus where its relative paths live on disk. */
export interface Analysis {
	report: Report;
	/** Absolute folder the report's paths are relative to. */
	rootPath: string;
	/** What was analysed (absolute), for Refresh. */
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

	set(report: Report, paths: string[]): Analysis {
		this.current = { report, rootPath: rootOf(paths), paths };
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
	 * The on-disk file for a report path, or undefined when the path is not a plain file of the analysed
	 * bundle (absolute, escaping the root with `..`, or a member of an archive).
	 */
	resolve(reportPath: string): vscode.Uri | undefined {
		const a = this.current;
		if (!a || reportPath.includes('!/') || path.isAbsolute(reportPath)) return undefined;
		const abs = path.resolve(a.rootPath, ...reportPath.split('/'));
		const rel = path.relative(a.rootPath, abs);
		if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
		if (!a.report.inputs.some((i) => i.path === reportPath)) return undefined;
		return vscode.Uri.file(abs);
	}

	dispose(): void {
		this.changed.dispose();
	}
}
