import * as vscode from 'vscode';
import type { ReportStore } from '../util/reportStore';

/**
 * The Quiesce Attempts view. Attempts come from host and guest logs, whose readers are not in this
 * version yet, so the view has no elements: its welcome content says whether an analysis ran.
 */
export class AttemptsTreeProvider implements vscode.TreeDataProvider<never> {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChangeTreeData = this.changed.event;

	constructor(store: ReportStore) {
		store.onDidChange(() => this.changed.fire());
	}

	getChildren(): never[] {
		return [];
	}

	getTreeItem(element: never): vscode.TreeItem {
		return element;
	}

	dispose(): void {
		this.changed.dispose();
	}
}
