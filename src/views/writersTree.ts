import * as vscode from 'vscode';
import { listingId, listingLabel, writerState, type Writer, type WriterListing } from '../core/host';
import type { ReportStore } from '../util/reportStore';
import { stateLabel } from './labels';

/** Tree elements are the report's own objects, wrapped only to tell the kinds apart. */
export type WriterNode = { kind: 'listing'; listing: WriterListing } | { kind: 'writer'; writer: Writer };

/**
 * The VSS Writers view: failed writers first (the report's order). One listing shows its writers at the
 * top level; several listings, or one that is empty or an error, show a node per listing.
 */
export class WritersTreeProvider implements vscode.TreeDataProvider<WriterNode> {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChangeTreeData = this.changed.event;

	constructor(private readonly store: ReportStore) {
		store.onDidChange(() => this.changed.fire());
	}

	getChildren(element?: WriterNode): WriterNode[] {
		const report = this.store.analysis?.report;
		if (!report) return [];
		const writersOf = (id: string): WriterNode[] => report.writers.filter((w) => w.listing === id).map((writer) => ({ kind: 'writer', writer }));
		if (element) return element.kind === 'listing' ? writersOf(listingId(element.listing)) : [];
		const listings = report.writerListings;
		if (listings.length === 1 && listings[0].status === 'ok') return writersOf(listingId(listings[0]));
		return listings.map((listing) => ({ kind: 'listing', listing }));
	}

	getParent(element: WriterNode): WriterNode | undefined {
		if (element.kind === 'listing') return undefined;
		const listings = this.store.analysis?.report.writerListings ?? [];
		if (listings.length === 1 && listings[0].status === 'ok') return undefined;
		const listing = listings.find((l) => listingId(l) === element.writer.listing);
		return listing ? { kind: 'listing', listing } : undefined;
	}

	getTreeItem(element: WriterNode): vscode.TreeItem {
		return element.kind === 'listing' ? listingItem(element.listing) : writerItem(element.writer);
	}

	dispose(): void {
		this.changed.dispose();
	}
}

function listingItem(listing: WriterListing): vscode.TreeItem {
	const item = new vscode.TreeItem(listingLabel(listing), listing.count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
	item.id = `listing:${listingId(listing)}`;
	item.contextValue = `quiesceLens:listing.${listing.status}`;
	if (listing.status === 'error') {
		item.description = vscode.l10n.t('vssadmin error: {0}', listing.errorText ?? '');
		item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
	} else if (listing.status === 'empty') {
		item.description = vscode.l10n.t('no writers listed');
		item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
	} else {
		item.description = vscode.l10n.t('{0} writers', listing.count);
		item.iconPath = new vscode.ThemeIcon('list-tree');
	}
	item.command = { command: 'quiesceLens.openSource', title: vscode.l10n.t('Open Source'), arguments: [listing.path, listing.errorLine ?? listing.line ?? 1] };
	return item;
}

function writerItem(w: Writer): vscode.TreeItem {
	const item = new vscode.TreeItem(w.name, vscode.TreeItemCollapsibleState.None);
	item.id = `writer:${w.source.path}:${w.source.line}`;
	const showError = w.lastError !== null && (w.failed || w.hasLastError);
	item.description = showError ? `${stateLabel(w.stateCode)} · ${w.lastError}` : stateLabel(w.stateCode);
	item.iconPath = stateIcon(w);
	item.contextValue = `${w.failed ? 'quiesceLens:writer.failed' : 'quiesceLens:writer'}${w.service ? '.service' : ''}`;
	item.tooltip = writerTooltip(w);
	item.accessibilityInformation = { label: `${w.name}, ${item.description}` };
	const line = w.source.line;
	item.command = { command: 'quiesceLens.openSource', title: vscode.l10n.t('Open Source'), arguments: [w.source.path, line] };
	return item;
}

function stateIcon(w: Writer): vscode.ThemeIcon {
	if (w.failed) return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
	if (w.stateCode === 1) return new vscode.ThemeIcon(w.hasLastError ? 'warning' : 'pass', new vscode.ThemeColor(w.hasLastError ? 'list.warningForeground' : 'testing.iconPassed'));
	if (w.stateCode !== null && w.stateCode >= 2 && w.stateCode <= 5) return new vscode.ThemeIcon('watch', new vscode.ThemeColor('list.warningForeground'));
	return new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground'));
}

function writerTooltip(w: Writer): vscode.MarkdownString {
	const md = new vscode.MarkdownString(undefined, true);
	md.supportHtml = false;
	md.appendMarkdown('**').appendText(w.name).appendMarkdown('**\n\n');
	const stateName = w.stateCode !== null ? (writerState(w.stateCode)?.name ?? '?') : '—';
	const row = (label: string, value: string | null, code = false) => {
		md.appendMarkdown(`${label}: `);
		if (value === null) md.appendMarkdown('—');
		// Inside a code span Markdown is not interpreted; only a backtick could end it early.
		else if (code) md.appendMarkdown('`' + value.replace(/`/g, "'") + '`');
		else md.appendText(value);
		md.appendMarkdown('  \n');
	};
	row(vscode.l10n.t('State'), `${stateLabel(w.stateCode)} (${stateName})`);
	row(vscode.l10n.t('Last error'), w.lastError === null ? null : w.lastError + (w.lastErrorHresult ? ` (${w.lastErrorHresult})` : ''));
	row(vscode.l10n.t('Writer Id'), w.writerId, true);
	row(vscode.l10n.t('Instance Id'), w.instanceId, true);
	row(vscode.l10n.t('State line'), w.stateLine, true);
	row(vscode.l10n.t('Service'), w.service, true);
	row(vscode.l10n.t('Source'), `${w.source.path}:${w.source.line}`);
	return md;
}
