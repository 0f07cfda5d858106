import type { LogRecord, RecordFields } from '../../model/records';
import { type Detection, type FormatDefinition, type LineReader, type ReadResult, recordText } from '../lib/format';
import { RecordFold } from '../lib/fold';
import { localStamp } from '../lib/stamps';
import { PRODUCT_KINDS } from './productText';
import { FREEZE_KINDS, relayedFreeze } from './guestAgent';

/**
 * Proxmox VE's backup task log (vzdump, `/var/log/vzdump/qemu-<vmid>.log`, the GUI's task viewer, the job's
 * mail): `INFO: …`, `WARN: …`, `ERROR: …` lines, in a job's mail or the syslog with the VM id and the local time
 * before the level (`106: 2024-11-20 01:30:58 INFO: …`), the task's end `TASK OK` / `TASK ERROR: …`. vzdump
 * prints English on every system; a post pastes the log under prose of any language (read as unparsed lines).
 * A snapshot-mode backup of a running VM asks the QEMU guest agent to freeze the guest's file systems (`issuing
 * guest-agent 'fs-freeze' command`; on Windows qemu-ga asks VSS) and to thaw them once the backup job has
 * started; when the agent is configured but does not answer it skips the freeze, when the freeze fails in the
 * guest it says why (`unable to freeze guest fs - <the agent's error>`), and the backup goes on either way,
 * crash-consistent (https://pve.proxmox.com/wiki/VM_Backup_Consistency).
 *
 * Records (`product` `proxmox`, `vm` the VM id when the line or the task names it):
 * - `guest-agent-freeze` — the host's request to the guest agent: `action` (`freeze` | `thaw`), `outcome`
 *   (`issued`, `skipped`: not sent, the agent not answering; `failed`: the agent's command failed), `detail`
 *   (what vzdump printed after the request: the agent's error, or its guess why it skipped).
 * - `product-job` (productText.ts) — a VM's verdict (`Finished Backup of VM n`, `Backup of VM n failed - …`,
 *   scope `task`) and the job's (`Backup job finished successfully|with errors`, `TASK OK`, `TASK ERROR: …`).
 * The lines' times are local (vzdump prints no offset): `time` null, `local` set.
 */

/**
 * A task-log line: an optional VM id (`106: `, a job's log of several VMs), an optional local stamp, the level,
 * the message. `TASK OK` / `TASK ERROR: …` / `TASK WARNINGS: n` end a task viewer's log.
 */
const LINE = /^(?:(\d{1,9}): )?(?:(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) )?(INFO|WARN|ERROR|TASK (?:OK|ERROR|WARNINGS))(?::[ \t]?|$)(.*)$/;
/** A pasted line may keep a quote mark or a list's indent before the log's own text. */
const LEAD = /^(?:>[ \t]?)*[ \t]{0,8}/;

/** The guest agent's commands as vzdump names them (`guest-agent 'fs-freeze'`), with what it did. */
const ISSUING = /^issuing guest-agent 'fs-(freeze|thaw)' command/;
const SKIPPING = /^skipping guest-agent 'fs-(freeze|thaw)'[,:]?[ \t]{0,4}([^\n]{0,400})/;
const UNABLE = /^unable to (freeze|thaw) guest fs\b(?: {0,4}- {0,4})?([^\n]{0,400})/;
/** The VM a task is about (`Starting Backup of VM 106 (qemu)`), and its verdicts. */
const STARTING = /^Starting Backup of VM (\d{1,9}) \((?:qemu|lxc)\)/;
const FINISHED = /^Finished Backup of VM (\d{1,9})\b/;
const VM_FAILED = /^Backup of VM (\d{1,9}) failed\b(?: {0,4}- {0,4})?([^\n]{0,400})/;
const JOB_DONE = /^Backup job finished (successfully|with errors)/;

/** Lines only vzdump prints: a file with one of them (and task-log lines around it) is its log. */
const OWN = /guest-agent 'fs-(?:freeze|thaw)'|^Starting Backup of VM \d|^starting new backup job: vzdump\b|^creating (?:vzdump|Proxmox Backup Server) archive\b|^backup mode: (?:snapshot|suspend|stop)\b|^unable to (?:freeze|thaw) guest fs\b/;

interface Line {
	vm: string | null;
	parts: [number, number, number, number, number, number] | null;
	level: string;
	message: string;
}

/**
 * Where the next of several lines a page ran together starts (`INFO: issuing guest-agent 'fs-freeze' command
 * INFO: issuing guest-agent 'fs-thaw' command`): a level after a space, with its VM id and stamp if printed.
 * The blanks are taken from the first of their run only (after a sign): tried from every blank of a long
 * run, the search was polynomial (recheck found it, test/robustness/redos.test.ts).
 */
const RUN_TOGETHER = /(?<=\S)[ \t]{1,8}(?=(?:\d{1,9}: )?(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} )?(?:INFO|WARN|ERROR): )/;

/** The task-log entries of a line: one, or those of lines run together; empty when the line is none. */
function parse(text: string): Line[] {
	const out: Line[] = [];
	let rest: string | undefined = text.replace(LEAD, '');
	while (rest !== undefined) {
		const m = LINE.exec(rest);
		if (!m) break;
		const parts = m[2] === undefined ? null : ([2, 3, 4, 5, 6, 7].map((i) => Number(m[i])) as Line['parts']);
		// The entry's message ends where another entry's level starts (searched in the message only, past the prefix).
		const [message, ...after] = m[9].split(RUN_TOGETHER);
		out.push({ vm: m[1] ?? null, parts, level: m[8], message: message.trim() });
		rest = after.length > 0 ? after.join(' ') : undefined;
	}
	return out;
}

type Found = { kind: 'guest-agent-freeze'; fields: Omit<RecordFields['guest-agent-freeze'], 'product' | 'vm'> } | { kind: 'product-job'; fields: Omit<RecordFields['product-job'], 'product'> };

/** What one line's message says (see the module comment), and the VM it names. */
function classify({ level, message }: Line): { found: Found | null; vm: string | null } {
	let m: RegExpExecArray | null;
	// A run of spaces ends vzdump's text: what follows is a paste's annotation (`…not running?   <<== Message`).
	const detail = (s: string | undefined) =>
		s
			?.trim()
			.split(/\s{3,}/)[0]
			.slice(0, 400) || null;
	if ((m = ISSUING.exec(message))) return { found: { kind: 'guest-agent-freeze', fields: { action: m[1] as 'freeze' | 'thaw', outcome: 'issued', detail: null } }, vm: null };
	if ((m = SKIPPING.exec(message))) return { found: { kind: 'guest-agent-freeze', fields: { action: m[1] as 'freeze' | 'thaw', outcome: 'skipped', detail: detail(m[2]) } }, vm: null };
	if ((m = UNABLE.exec(message))) return { found: { kind: 'guest-agent-freeze', fields: { action: m[1] as 'freeze' | 'thaw', outcome: 'failed', detail: detail(m[2]) } }, vm: null };
	// The agent's failure as the QMP wrapper words it, on a line of its own (`ERROR: VM 100 qmp command 'guest-fsfreeze-freeze' failed - got timeout`).
	const relayed = relayedFreeze(message);
	if (relayed !== null) return { found: { kind: 'guest-agent-freeze', fields: { action: relayed.action, outcome: relayed.outcome, detail: relayed.detail } }, vm: relayed.vm };
	if ((m = STARTING.exec(message))) return { found: null, vm: m[1] };
	const job = (scope: 'job' | 'task', status: string, details: string | null): Found => ({ kind: 'product-job', fields: { scope, session: '', status, tasks: null, succeeded: null, failed: null, details } });
	if ((m = FINISHED.exec(message))) return { found: job('task', 'success', null), vm: m[1] };
	if ((m = VM_FAILED.exec(message))) return { found: job('task', 'failed', detail(m[2])), vm: m[1] };
	if ((m = JOB_DONE.exec(message))) return { found: job('job', m[1] === 'successfully' ? 'success' : 'failed', null), vm: null };
	if (level === 'TASK OK') return { found: job('job', 'success', null), vm: null };
	if (level === 'TASK ERROR') return { found: job('job', 'failed', detail(message)), vm: null };
	return { found: null, vm: null };
}

class VzdumpReader implements LineReader {
	private readonly records = new RecordFold();
	private unparsed = 0;
	/** The VM of the task being logged (`Starting Backup of VM n`), for lines that do not name it. */
	private vm: string | null = null;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		const entries = parse(text);
		if (entries.length === 0 && text.trim() !== '') this.unparsed++;
		for (const entry of entries) this.entry(entry, text, lineNo);
	}

	private entry(line: Line, text: string, lineNo: number): void {
		const { found, vm } = classify(line);
		if (vm !== null) this.vm = vm;
		if (found === null) return;
		const p = line.parts;
		const local = p === null ? null : localStamp(p[0], p[1], p[2], p[3], p[4], p[5], 0);
		const named = line.vm ?? this.vm;
		// A VM's verdict names its VM (the job's does not).
		const fields = found.kind === 'guest-agent-freeze' ? { product: 'proxmox', vm: named, ...found.fields } : { product: 'proxmox', ...found.fields, session: named ?? '', ...(found.fields.scope === 'task' ? { vm: named } : {}) };
		this.records.push({ time: null, local, kind: found.kind, fields, source: { path: this.path, line: lineNo }, text: recordText(text) } as LogRecord);
	}

	end(): ReadResult {
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: [] };
	}
}

export const vzdumpLog = {
	id: 'proxmox-vzdump',
	title: 'Proxmox VE backup task log (vzdump)',
	url: 'https://pve.proxmox.com/wiki/VM_Backup_Consistency',
	origin: 'backup-product',
	kinds: { ...PRODUCT_KINDS, ...FREEZE_KINDS },
	startLine: /^(?:\d{1,9}: )?(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} )?INFO: (?:starting new backup job: vzdump|Starting Backup of VM \d)/,
	variants: [
		{
			name: 'task-log',
			samples: [
				`INFO: starting new backup job: vzdump 105 --mode snapshot --storage local
INFO: Starting Backup of VM 105 (qemu)
INFO: backup mode: snapshot
INFO: issuing guest-agent 'fs-freeze' command
ERROR: unable to freeze guest fs - guest-fsfreeze-freeze failed - got timeout
INFO: started backup task '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
INFO: Finished Backup of VM 105 (00:01:12)
INFO: Backup job finished successfully
TASK OK
`,
			],
		},
		{
			name: 'job-log',
			samples: [
				`106: 2024-11-20 01:30:58 INFO: Starting Backup of VM 106 (qemu)
106: 2024-11-20 01:30:58 INFO: backup mode: snapshot
106: 2024-11-20 01:31:02 INFO: skipping guest-agent 'fs-freeze', agent configured but not running?
106: 2024-11-20 01:33:10 INFO: Finished Backup of VM 106 (00:02:12)
`,
			],
		},
	],
	detect(head: readonly string[]): Detection | null {
		let lines = 0,
			own = -1;
		head.forEach((text, i) => {
			for (const line of parse(text)) {
				lines++;
				if (own < 0 && OWN.test(line.message)) own = i;
			}
		});
		// Two entries at least (lines, or lines run together), one of them vzdump's own.
		return own >= 0 && lines >= 2 ? { variant: 'task-log', reason: `a vzdump task line at line ${own + 1}` } : null;
	},
	reader: (path) => new VzdumpReader(path),
} satisfies FormatDefinition<'guest-agent-freeze' | keyof typeof PRODUCT_KINDS>;
