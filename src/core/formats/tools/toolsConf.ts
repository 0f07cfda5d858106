import type { KindRecord, RecordFields } from '../../model/records';
import type { Detection, FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { SETTING_KIND, type KindDeclarations } from '../lib/kinds';
import { RecordFold } from '../lib/fold';

/**
 * VMware Tools `tools.conf` (Windows `C:\ProgramData\VMware\VMware Tools\tools.conf`, Linux
 * `/etc/vmware-tools/tools.conf`), read the way Tools reads it: a GLib key file (GKeyFile). Lines are
 * `[group]`, `key = value`, `#` comments or blank. GKeyFile refuses the whole file on any other line (a
 * `;` comment, a key before the first group …), and then Tools runs on its defaults; such lines are counted
 * as unparsed and explained in a problem. Lines of that kind that only follow the last setting, after a blank
 * line, are what a post writes under a pasted tools.conf (`Please send the vmware.log …` after the fenced
 * block): counted too, but the problem says they may be text around the file rather than a rejected file.
 * Settings carry no time (records have `time` and `local` null).
 *
 * Records:
 * - `tools-conf-section` — a `[group]` line: `section`.
 * - `tools-conf-setting` — a `key = value` line: `section`, `key`, `value` (as written, trimmed), and for
 *   `[logging]` keys of the form `<domain>.<option>` (`vmbackup.level`, `vmvss.handler`, `vmsvc.data` …)
 *   `domain` and `option` (null for other keys). `[vmbackup]` keys that matter: `enableSyncDriver`,
 *   `enableVSS`, `vss.disableAppQuiescing`, `execScripts`, `scriptArg`, `timeout`, `excludedFileSystems`;
 *   `[logging]`: `log`, `<domain>.level` (debug … error, none), `<domain>.handler` (file, file+, vmx, std,
 *   syslog, outputdebugstring), `<domain>.data` (the file path).
 */

declare module '../../model/records' {
	interface RecordFields {
		'tools-conf-section': { section: string };
		'tools-conf-setting': { section: string; key: string; value: string; domain: string | null; option: string | null };
	}
}

/** What the kinds of tools.conf mean: settings, never events. */
const TOOLS_CONF_KINDS = {
	'tools-conf-section': SETTING_KIND,
	'tools-conf-setting': SETTING_KIND,
} satisfies KindDeclarations;

/** Groups Tools reads (open-vm-tools `tools.conf` template and plugins); group names are never translated. */
const TOOLS_GROUPS: ReadonlySet<string> = new Set([
	'logging',
	'vmbackup',
	'vmtools',
	'vmsvc',
	'vmusr',
	'guestinfo',
	'powerops',
	'setenvironment',
	'unsetenvironment',
	'appinfo',
	'servicediscovery',
	'unity',
	'resolutionkms',
	'guestosinfo',
	'guestoperations',
	'autoupgrade',
	'deploypkg',
	'cbhelper',
	'gueststoreupgrade',
	'devicehelper',
	'desktopevents',
	'timesync',
	'componentmgr',
	'globalconf',
]);
const GROUP = /^\[([^[\]]{1,256})\]\s*$/;
/** `key = value` (GKeyFile trims the key and the space after `=`; the line is already trimmed). */
// The key is words separated by blanks (up to 256 non-blank characters), so the blanks around it are never ambiguous.
const KEY_VALUE = /^([^=[\]#\s](?:\s*[^=[\]\s]){0,255})\s*=\s*(.*)$/s;
/** The first lines of a Windows .reg export: INI-like, but not a key file. */
const REG_HEADER = /^\s*(?:Windows Registry Editor Version \d|REGEDIT4)/;
/** GKeyFile string escapes; any other backslash sequence makes a string value unreadable. */
const VALID_ESCAPE = /\\(?:[sntr\\]|$)/g;

type LineShape = 'blank' | 'comment' | 'group' | 'setting' | 'other';

function shapeOf(text: string): LineShape {
	const t = text.trimStart();
	if (t === '') return 'blank';
	if (t[0] === '#') return 'comment';
	if (t[0] === '[') return GROUP.test(t) ? 'group' : 'other';
	return KEY_VALUE.test(t) ? 'setting' : 'other';
}

/** VMware Tools configuration file (formats.md §6.3). */
export const toolsConf = {
	id: 'tools-conf',
	title: 'VMware Tools tools.conf',
	url: 'https://github.com/vmware/open-vm-tools/blob/master/open-vm-tools/tools.conf',
	origin: 'guest-tools',
	kinds: TOOLS_CONF_KINDS,
	variants: [
		{
			name: 'template',
			samples: [
				`# Copyright (c) 2019-2021 VMware, Inc.  All rights reserved.

[logging]
# set to false to disable logging
#log = true

#vmbackup.level = debug
#vmbackup.handler = vmx

[vmbackup]

# enableSyncDriver is Linux only.
#enableSyncDriver=true

# vss.disableAppQuiescing is Windows only.
#vss.disableAppQuiescing=false
`,
			],
		},
		{
			name: 'vss-debug',
			samples: [
				`[logging]
log = true
vmvss.level = debug
vmvss.handler = vmx
vmbackup.level = debug
vmbackup.handler = file
vmbackup.data = C:/vmbackup.log
`,
			],
		},
	],

	// A group Tools reads, in brackets (`[vmbackup]`): the names are never translated.
	startLine: new RegExp(`^\\s*\\[(?:${[...TOOLS_GROUPS].join('|')})\\]\\s*$`, 'i'),
	detect: detectToolsConf,
	reader: (path) => new ToolsConfReader(path),
} satisfies FormatDefinition;

function detectToolsConf(head: readonly string[]): Detection | null {
	if (head.some((l) => REG_HEADER.test(l))) return null;
	const shapes = head.map(shapeOf);
	const groupAt = head.findIndex((l, i) => shapes[i] === 'group' && TOOLS_GROUPS.has(GROUP.exec(l.trim())![1].toLowerCase()));
	if (groupAt < 0) return null;
	const content = shapes.filter((s) => s !== 'blank');
	// A few stray lines are allowed (they are exactly what the reader reports); prose is not a key file.
	if (content.filter((s) => s !== 'other').length < content.length * 0.8) return null;
	return { variant: 'gkeyfile', reason: `group ${head[groupAt].trim()} at line ${groupAt + 1} is a VMware Tools group, and the lines are GLib key-file groups, key = value pairs and # comments` };
}

/** Reads tools.conf line by line, keeping the current group; reports what would make GKeyFile refuse the file. */
class ToolsConfReader implements LineReader {
	private readonly records = new RecordFold();
	private readonly problems: string[] = [];
	private readonly seen = new Map<string, number>();
	private section: string | null = null;
	private unparsed = 0;
	private trailingSpaceLine: number | null = null;
	/** The first line GKeyFile refuses and why; held until the end, when a tail after the settings reads apart. */
	private firstStray: { lineNo: number; why: string } | null = null;
	/** A blank line came after the last group or setting (so a stray line after it may be text under the file). */
	private blankAfterContent = false;
	/** The first stray line after that blank (a tail), cleared when a group or setting follows it. */
	private tailFrom: number | null = null;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		const shape = shapeOf(text);
		if (shape === 'blank') this.blankAfterContent = true;
		if (shape === 'blank' || shape === 'comment') return;
		const t = text.trim();
		if (shape === 'group') {
			this.sawContent();
			this.section = GROUP.exec(t)![1];
			this.records.push(this.record('tools-conf-section', { section: this.section }, text, lineNo));
			return;
		}
		if (shape === 'other' || this.section === null) {
			this.unparsed++;
			this.firstStray ??= { lineNo, why: shape === 'other' ? 'is not a [group], key = value pair or # comment' : 'is a key = value pair before the first [group]' };
			if (this.section !== null && this.blankAfterContent) this.tailFrom ??= lineNo;
			return;
		}
		this.sawContent();
		if (text !== text.trimEnd()) this.trailingSpaceLine ??= lineNo;
		const [, key, value] = KEY_VALUE.exec(t)!;
		this.checkValue(key, value, lineNo);
		const dot = this.section.toLowerCase() === 'logging' ? key.lastIndexOf('.') : -1;
		this.records.push(
			this.record(
				'tools-conf-setting',
				{
					section: this.section,
					key,
					value,
					domain: dot > 0 ? key.slice(0, dot) : null,
					option: dot > 0 ? key.slice(dot + 1) : null,
				},
				text,
				lineNo,
			),
		);
	}

	/** A group or setting: stray lines before it are lines of the file, not text under it. */
	private sawContent(): void {
		this.tailFrom = null;
		this.blankAfterContent = false;
	}

	private checkValue(key: string, value: string, lineNo: number): void {
		const id = `[${this.section}] ${key}`;
		const before = this.seen.get(id);
		if (before !== undefined) this.problems.push(`${id} is set at line ${before} and again at line ${lineNo}; the last one applies.`);
		this.seen.set(id, lineNo);
		if (value.replace(VALID_ESCAPE, '').includes('\\')) {
			this.problems.push(`${id} (line ${lineNo}) has a backslash sequence GLib does not accept in text values: Tools cannot read it as a path. Write paths with forward slashes (C:/vmbackup.log).`);
		}
	}

	private record<K extends 'tools-conf-section' | 'tools-conf-setting'>(kind: K, fields: RecordFields[K], text: string, lineNo: number): KindRecord<K> {
		return { time: null, local: null, kind, fields, source: { path: this.path, line: lineNo }, text: text.trim() };
	}

	end(): ReadResult {
		const stray = this.firstStray;
		if (stray !== null && this.tailFrom === stray.lineNo) {
			this.problems.unshift(
				`Lines from ${stray.lineNo} on follow the last setting after a blank line and are no key-file lines: text written under a pasted tools.conf is not part of it; if they are in the file itself, GLib's key-file parser rejects the whole file and VMware Tools runs on defaults.`,
			);
		} else if (stray !== null) {
			this.problems.unshift(`Line ${stray.lineNo} ${stray.why}: GLib's key-file parser rejects the whole file, so VMware Tools ignores every setting in it and runs on defaults.`);
		}
		if (this.trailingSpaceLine !== null) this.problems.push(`Line ${this.trailingSpaceLine} (and maybe others) ends with white space; tools.conf asks for none, as a value may then not be recognised.`);
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: this.problems };
	}
}
