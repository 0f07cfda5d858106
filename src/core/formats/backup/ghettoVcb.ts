import type { Detection, FormatDefinition } from '../lib/format';
import { errorFields, type Found, PRODUCT_KINDS, ProductReader, type Stamped } from './productText';

/**
 * ghettoVCB's log (the free backup script for ESXi, https://github.com/lamw/ghettoVCB): its logger() prints
 * `YYYY-MM-DD HH:MM:SS -- <level>: <message>` (levels `info`, `debug`, `dryrun`) to the console, the log file and
 * the mail; a post often keeps only `info: <message>`. The script runs in the ESXi shell, whose clock is UTC (ESXi
 * has no time zone setting), so the stamps are UTC. For each VM it logs `Initiate backup for <vm>`, then `Creating
 * Snapshot "<name>" for <vm>` — `vim-cmd vmsvc/snapshot.create` with the memory and quiesce flags of its CONFIG
 * lines (VM_SNAPSHOT_MEMORY, VM_SNAPSHOT_QUIESCE), whose own output, the host's error included, it discards — and
 * polls for the snapshot for SNAPSHOT_TIMEOUT minutes (`Snapshot timed out, failed to create snapshot: "<name>" for
 * <vm>`); it clones the disks with vmkfstools, `Removing snapshot from <vm> ...`, and ends each VM with a verdict
 * (`Successfully completed backup for <vm>!`, `ERROR: Unable to backup <vm> due to …!`) and the run with `######
 * Final status: … ######`. The messages are the script's own English.
 *
 * Records (product `ghettovcb`): `product-option` (vmware-tools-quiesce: VM_SNAPSHOT_QUIESCE), `product-snapshot`
 * (the create, with the flags the CONFIG lines set, null when the excerpt has none; the remove), `product-error`
 * (a snapshot that never appeared, a disk the clone failed on), `product-job` (scope `task`: a VM's verdict, its
 * session the VM's name; scope `job`: the final status).
 */

/** logger()'s stamp (`date +%F" "%H:%M:%S`) and level. */
const STAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) -- (info|debug|dryrun): ?(.*)$/;
/** A quote's or list's lead, the stamp when printed and the level (a post may keep only `info: Creating Snapshot …`). */
const LEVEL = /^(?:>[ \t]?)*[ \t]{0,8}(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} )?(?:-- )?(?:info|debug|dryrun): ?/;

const CONFIG = /^CONFIG - (VM_SNAPSHOT_QUIESCE|VM_SNAPSHOT_MEMORY) = (\d)\b/;
const CREATING = /^Creating Snapshot "([^"]{1,200})" for (.{1,200})$/;
/**
 * Also quoted in a sentence (`The failure is "Snapshot timed out, … for imap-plus-1".  It takes …`): the VM's name
 * then ends at the closing quote before a space, a stop or the line's end.
 */
const TIMED_OUT = /Snapshot timed out, failed to create snapshot: "([^"]{1,200})" for (.{1,200}?)(?:["”][.,;]?(?=\s|$)|$)/;
const REMOVING = /^Removing snapshot from (.{1,200}?) ?\.\.\.$/;
const SUCCESS = /^Successfully completed backup for (.{1,200}?)!?$/;
/** `ERROR: Unable to backup <vm> due to snapshot creation!` / `… due to error in VMDK backup!` / `ERROR: Failed to backup <vm>!`. */
const UNABLE = /^ERROR: (?:Unable to backup (.{1,200}?) due to (.{1,120}?)|Failed to backup (.{1,200}?))!?$/;
const SNAPSHOT_FOUND = /^Snapshot found for (.{1,200}?), backup will not take place$/;
const DISK_ERROR = /^ERROR: error in backing up of "([^"]{1,400})" for (.{1,200})$/;
const FINAL = /^#+ Final status: (OK|WARNING|ERROR)\b:? ?(.*)$/;

/**
 * The verdict's words without the banner's closing `#`s and the blank before them, by character codes: a lazy
 * capture before ` ?#*$` was polynomial on a line of `#`s (recheck, test/robustness/redos.test.ts).
 */
function verdictDetails(text: string): string {
	let end = text.length;
	while (end > 0 && text.charCodeAt(end - 1) === 0x23) end--;
	if (end > 0 && text.charCodeAt(end - 1) === 0x20) end--;
	return text.slice(0, end);
}
/**
 * Lines only ghettoVCB prints: one makes a text its log. A run of `#`s is tried from its first only: tried from
 * each of them, a line of `#`s was polynomial (recheck, test/robustness/redos.test.ts).
 */
const OWN = /ghettoVCB LOG START|^CONFIG - VM_SNAPSHOT_QUIESCE = \d|^Creating Snapshot "ghettoVCB-snapshot-|Snapshot timed out, failed to create snapshot: "|(?<!#)#+ Final status: /;

/** A task verdict of the VM `vm`. */
const task = (vm: string, status: 'success' | 'failed', details: string | null): Found => ({
	kind: 'product-job',
	fields: { scope: 'task', session: vm.trim(), status, tasks: null, succeeded: null, failed: null, details },
});

/** Classifies ghettoVCB's messages; the CONFIG flags of the run apply to the snapshots it creates after them. */
function ghettoVcb(): (message: string) => Found[] {
	let quiesce: boolean | null = null;
	let memory: boolean | null = null;
	return (message) => {
		// Each message is one line; lines after a stamped one are a post's prose or vmkfstools' output.
		const text = message.split('\n')[0].replace(LEVEL, '').trim();
		let m: RegExpExecArray | null;
		if ((m = CONFIG.exec(text))) {
			const on = m[2] === '1';
			if (m[1] === 'VM_SNAPSHOT_MEMORY') {
				memory = on;
				return [];
			}
			quiesce = on;
			return [{ kind: 'product-option', fields: { option: 'vmware-tools-quiesce', enabled: on } }];
		}
		if ((m = CREATING.exec(text))) return [{ kind: 'product-snapshot', fields: { action: 'create', name: m[1], ref: null, quiesce, memory } }];
		if ((m = TIMED_OUT.exec(text))) {
			// The script never read vim-cmd's answer: the snapshot did not appear within SNAPSHOT_TIMEOUT, and the VM is not backed up.
			const said = m[0].replace(/["”][.,;]?$/, '');
			return [{ kind: 'product-error', fields: errorFields(said, { vm: m[2].trim() }) }, task(m[2], 'failed', said)];
		}
		if ((m = REMOVING.exec(text))) return [{ kind: 'product-snapshot', fields: { action: 'remove', name: null, ref: null, quiesce: null, memory: null } }];
		if ((m = SUCCESS.exec(text))) return [task(m[1], 'success', null)];
		if ((m = UNABLE.exec(text))) return [task(m[1] ?? m[3], 'failed', m[2] ?? null)];
		if ((m = SNAPSHOT_FOUND.exec(text))) return [task(m[1], 'failed', text)];
		if ((m = DISK_ERROR.exec(text))) return [{ kind: 'product-error', fields: errorFields(text, { vm: m[2].trim(), path: m[1] }) }];
		if ((m = FINAL.exec(text)))
			return [{ kind: 'product-job', fields: { scope: 'job', session: '', status: m[1] === 'OK' ? 'success' : m[1] === 'WARNING' ? 'warning' : 'failed', tasks: null, succeeded: null, failed: null, details: verdictDetails(m[2]) || null } }];
		return [];
	};
}

function stamp(text: string): Stamped | null {
	const m = STAMP.exec(text.replace(/^(?:>[ \t]?)*[ \t]{0,8}/, ''));
	if (!m) return null;
	return { parts: [1, 2, 3, 4, 5, 6].map((i) => Number(m[i])).concat(0) as Stamped['parts'], rest: m[8], level: m[7] };
}

/** ghettoVCB backup log. */
export const ghettoVcbLog = {
	id: 'ghettovcb-log',
	title: 'ghettoVCB backup log (ESXi)',
	url: 'https://github.com/lamw/ghettoVCB',
	origin: 'backup-product',
	kinds: PRODUCT_KINDS,
	variants: [
		{
			name: 'log',
			samples: [
				`2021-04-16 01:00:01 -- info: ============================== ghettoVCB LOG START ==============================
2021-04-16 01:00:02 -- info: CONFIG - VM_SNAPSHOT_MEMORY = 0
2021-04-16 01:00:02 -- info: CONFIG - VM_SNAPSHOT_QUIESCE = 1
2021-04-16 01:00:05 -- info: Initiate backup for web01
2021-04-16 01:00:05 -- info: Creating Snapshot "ghettoVCB-snapshot-2021-04-16" for web01
2021-04-16 01:15:09 -- info: Snapshot timed out, failed to create snapshot: "ghettoVCB-snapshot-2021-04-16" for web01
2021-04-16 01:15:09 -- info: ERROR: Unable to backup web01 due to snapshot creation!
2021-04-16 01:15:10 -- info: ###### Final status: ERROR: All VMs failed! ######
`,
			],
		},
	],
	startLine: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} -- info: =+ ghettoVCB LOG START/,
	detect(head: readonly string[]): Detection | null {
		const i = head.findIndex((l) => OWN.test(l.replace(LEVEL, '').trim()));
		return i < 0 ? null : { variant: 'log', reason: `ghettoVCB's own line at line ${i + 1}` };
	},
	reader: (path) =>
		new ProductReader(path, {
			product: 'ghettovcb',
			stamp,
			classify: ghettoVcb(),
			// ESXi's clock is UTC: every stamped line states the offset.
			offset: (text) => (STAMP.test(text.replace(/^(?:>[ \t]?)*[ \t]{0,8}/, '')) ? 0 : null),
		}),
} satisfies FormatDefinition;
