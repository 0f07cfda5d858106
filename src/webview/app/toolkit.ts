import {
	provideVSCodeDesignSystem,
	vsCodeBadge,
	vsCodeButton,
	vsCodeDataGrid,
	vsCodeDataGridCell,
	vsCodeDataGridRow,
	vsCodeDivider,
	vsCodeDropdown,
	vsCodeLink,
	vsCodeOption,
	vsCodePanels,
	vsCodePanelTab,
	vsCodePanelView,
	vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

/**
 * Every use of @vscode/webview-ui-toolkit in one module (the toolkit is archived upstream: swapping it for
 * another component library touches only this file). Each helper returns a plain element; texts are set
 * with textContent, never as HTML.
 */

provideVSCodeDesignSystem().register(
	vsCodeBadge(),
	vsCodeButton(),
	vsCodeDataGrid(),
	vsCodeDataGridCell(),
	vsCodeDataGridRow(),
	vsCodeDivider(),
	vsCodeDropdown(),
	vsCodeLink(),
	vsCodeOption(),
	vsCodePanels(),
	vsCodePanelTab(),
	vsCodePanelView(),
	vsCodeTextField(),
);

export function button(text: string, onClick: () => void, opts: { id?: string; secondary?: boolean; label?: string } = {}): HTMLElement {
	const b = document.createElement('vscode-button');
	b.textContent = text;
	if (opts.id) b.id = opts.id;
	if (opts.secondary) b.setAttribute('appearance', 'secondary');
	if (opts.label) b.setAttribute('aria-label', opts.label);
	b.addEventListener('click', onClick);
	return b;
}

export interface Choice {
	value: string;
	label: string;
}

export function dropdown(id: string, label: string, choices: readonly Choice[], selected: string, onChange: (value: string) => void): HTMLElement {
	const d = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
	d.id = id;
	d.setAttribute('aria-label', label);
	d.title = label;
	for (const c of choices) {
		const o = document.createElement('vscode-option') as HTMLElement & { value: string };
		o.setAttribute('value', c.value);
		o.textContent = c.label;
		if (c.value === selected) o.setAttribute('selected', '');
		d.append(o);
	}
	d.addEventListener('change', () => onChange(d.value));
	return d;
}

/** A text field that reports its value when the user presses Enter. */
export function textField(value: string, label: string, onEnter: (value: string) => void, id?: string): HTMLElement {
	const f = document.createElement('vscode-text-field') as HTMLElement & { value: string };
	f.setAttribute('value', value);
	f.setAttribute('aria-label', label);
	f.setAttribute('size', '6');
	if (id) f.id = id;
	f.addEventListener('keydown', (e) => {
		if ((e as KeyboardEvent).key === 'Enter') onEnter(f.value);
	});
	return f;
}

/** A read-only grid: one row per record, one column per key, cell texts as given. */
export function dataGrid(id: string, label: string, columns: readonly { key: string; title: string }[], rows: readonly Record<string, string>[]): HTMLElement {
	const g = document.createElement('vscode-data-grid') as HTMLElement & { rowsData: unknown[]; columnDefinitions: unknown[] };
	g.id = id;
	g.setAttribute('aria-label', label);
	g.setAttribute('generate-header', 'sticky');
	g.columnDefinitions = columns.map((c) => ({ columnDataKey: c.key, title: c.title }));
	g.rowsData = [...rows];
	return g;
}

/** Tabs: one panel per entry, the first selected. */
export function tabs(id: string, entries: readonly { id: string; title: string; body: HTMLElement }[]): HTMLElement {
	const p = document.createElement('vscode-panels');
	p.id = id;
	for (const e of entries) {
		const tab = document.createElement('vscode-panel-tab');
		tab.id = `tab-${e.id}`;
		tab.textContent = e.title;
		p.append(tab);
	}
	for (const e of entries) {
		const view = document.createElement('vscode-panel-view');
		view.id = `view-${e.id}`;
		view.append(e.body);
		p.append(view);
	}
	return p;
}

export function badge(text: string): HTMLElement {
	const b = document.createElement('vscode-badge');
	b.textContent = text;
	return b;
}

/** An external link (VS Code opens https links from a webview in the browser). */
export function link(text: string, href: string): HTMLElement {
	const a = document.createElement('vscode-link');
	a.textContent = text;
	if (/^https:\/\//.test(href)) a.setAttribute('href', href);
	return a;
}

export function divider(): HTMLElement {
	return document.createElement('vscode-divider');
}
