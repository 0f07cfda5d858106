import type { LogRecord } from '../../model/records';
import { type Detection, type FormatDefinition, type LineReader, type ReadResult, recordText } from '../lib/format';
import { RecordFold } from '../lib/fold';
import { localStamp, toUtcIso } from '../lib/stamps';
import { FREEZE_KINDS, relayedFreeze, type RelayedFreeze } from './guestAgent';
import { PRODUCT_KINDS } from './productText';
import { AGENT_ERROR, continuesCommand, SNAPSHOT_CREATED, unquoted, VIRSH_ERROR, type VirshFreeze, virshCommand, virshFreeze } from './virsh';

/**
 * A KVM host tool's report that the QEMU guest agent's freeze (or thaw) of the guest failed, in whatever log or
 * paste holds it (guestAgent.ts reads the lines: libvirt's, vdsm's, Proxmox's QMP wrapper's). A line stamped
 * `YYYY-MM-DD HH:MM:SS[,mmm]` is dated (in UTC when an offset follows the stamp, as vdsm prints it). Every other
 * line is prose or another tool's, counted unparsed, so a paste is cut into sections around these lines.
 *
 * Records: `guest-agent-freeze`, `outcome` `failed` (or `timed-out`: vdsm's wait for the freeze passed its limit); `product` `libvirt`, `ovirt` or `proxmox` by the tool whose
 * words the line holds; `vm` the VM id vdsm names (`vmId='…'`) or the one QMP names, else null.
 *
 * virsh's quiesced snapshot (virsh.ts) with its outcome within OUTCOME_WITHIN lines: the command a
 * `guest-agent-freeze` `issued` of `product` `libvirt` and `vm` the domain it names (the freeze libvirt asks of
 * the agent), then what virsh printed: libvirt's agent error (`error: Guest agent is not responding: …`) a
 * freeze `failed` with it; another error, or the tool's own ERROR line right after the command, a `product-job`
 * (`scope` `task`, `status` `failed`, `details` the message); `Domain snapshot <name> created` a `product-job`
 * `success`. A command no outcome follows (a page's example) makes no record.
 */

/** A line's stamp: `2022-05-03 10:19:01,667+0200` (vdsm), `2021-06-19 12:02:00` (a script's log). */
const STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[,.](\d{1,6}))?([+-]\d{2}:?\d{2}|Z)?\b/;

/** The time of a stamped line: UTC when the stamp has an offset, else local (`time` null, `local` set). */
function timeOf(text: string): { time: string | null; local: string | null } {
	const m = STAMP.exec(text.trim());
	if (!m) return { time: null, local: null };
	const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
	const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
	const zone = m[8];
	if (zone === undefined) return { time: null, local: localStamp(y, mo, d, h, mi, s, ms) };
	const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
	return { time: toUtcIso(y, mo, d, h, mi, s, ms, offset), local: null };
}

/** How many lines after a virsh command its outcome may come (a paste puts prose and a fence between). */
const OUTCOME_WITHIN = 12;
/**
 * A log line at level ERROR (`2023-10-08 00:33:04 ERROR    VM: …`, `16:43:57 ERROR| …`, `[ERROR] …`): right after
 * a virsh command, the calling tool's report that the command failed.
 */
const ERROR_LEVEL = /^(?:\d{4}-\d{2}-\d{2}[ T])?(?:\d{2}:\d{2}:\d{2}(?:[,.]\d{1,6})?[ \t]{1,8})?\[?ERROR\]?[|:]?[ \t]{1,12}(\S[^\n]{0,400})/;

/** A virsh command read, waiting for its outcome. */
interface Pending {
	command: VirshFreeze['command'];
	/** Its arguments, with the lines that went on with them. */
	args: string;
	/** Whether the arguments may still go on on the next line (none other has come between). */
	open: boolean;
	/** The lines it took (counted unparsed until its outcome is read). */
	lines: number;
	text: string;
	line: number;
	/** Lines left in which its outcome may come. */
	left: number;
	/** Whether a line has followed it (the tool's ERROR line counts only right after it). */
	followed: boolean;
	/** A generic `error:` line, held until the next line says whether libvirt's agent error follows it. */
	error: { message: string; text: string; line: number } | null;
}

type FreezeFields = RelayedFreeze | (Omit<RelayedFreeze, 'outcome'> & { outcome: 'issued'; snapshot: string | null });

class QemuAgentReader implements LineReader {
	private readonly records = new RecordFold();
	private unparsed = 0;
	private pending: Pending | null = null;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		const p = this.pending;
		if (p !== null && p.open && text.trim() !== '' && continuesCommand(p.args, text)) {
			p.args += ` ${text}`;
			p.lines++;
			this.unparsed++;
			return;
		}
		if (p !== null) p.open = false;
		const command = virshCommand(text);
		if (command !== null) {
			this.settle();
			this.pending = { ...command, open: true, lines: 1, text, line: lineNo, left: OUTCOME_WITHIN, followed: false, error: null };
			// Counted as read once its outcome is (issue).
			this.unparsed++;
			return;
		}
		const f = relayedFreeze(text);
		if (f !== null) {
			const domain = this.asked()?.domain ?? null;
			this.issue();
			this.pending = null;
			this.freeze(f.vm !== null ? f : { ...f, vm: domain }, text, lineNo);
			return;
		}
		if (this.pending !== null && this.asked() !== null && this.outcome(this.pending, text, lineNo)) return;
		if (text.trim() !== '') this.unparsed++;
	}

	/** The freeze the pending command asks for, or null (none pending, or a snapshot without `--quiesce`). */
	private asked(): VirshFreeze | null {
		return this.pending === null ? null : virshFreeze(this.pending.command, this.pending.args);
	}

	/** What a line says of the pending command: whether it was its outcome (records made, or an error held). */
	private outcome(p: Pending, text: string, lineNo: number): boolean {
		if (text.trim() === '') return false;
		const domain = this.asked()?.domain ?? null;
		const first = !p.followed;
		p.followed = true;
		const error = VIRSH_ERROR.exec(text);
		if (error !== null && AGENT_ERROR.test(error[1])) {
			this.issue();
			this.pending = null;
			this.freeze({ product: 'libvirt', vm: domain, action: 'freeze', outcome: 'failed', detail: unquoted(error[1].trim()) }, text, lineNo);
			return true;
		}
		if (error !== null) {
			// virsh prints the failed call first (`error: Unable to freeze filesystems`), its cause on the next line.
			p.error ??= { message: unquoted(error[1].trim()), text, line: lineNo };
			return true;
		}
		if (p.error !== null) {
			this.settle();
			return false;
		}
		const created = SNAPSHOT_CREATED.exec(text);
		const tool = first && created === null ? ERROR_LEVEL.exec(text.trim()) : null;
		if (created !== null || tool !== null) {
			this.issue(created?.[1] ?? null);
			this.job(domain, created !== null ? 'success' : 'failed', tool?.[1].trim() ?? null, text, lineNo);
			this.pending = null;
			return true;
		}
		if (--p.left <= 0) this.pending = null;
		return false;
	}

	/** The pending command's own record, once its outcome is known (`snapshot`: the name virsh said it created). */
	private issue(snapshot: string | null = null): void {
		const p = this.pending;
		const asked = this.asked();
		if (p === null || asked === null) return;
		this.unparsed -= p.lines;
		this.freeze({ product: 'libvirt', vm: asked.domain, action: 'freeze', outcome: 'issued', detail: null, snapshot }, p.text, p.line);
	}

	/** A held generic error is the command's failure (no agent error followed it). */
	private settle(): void {
		const p = this.pending;
		if (p === null) return;
		if (p.error !== null) {
			const domain = this.asked()?.domain ?? null;
			this.issue();
			this.job(domain, 'failed', p.error.message, p.error.text, p.error.line);
		}
		this.pending = null;
	}

	private freeze(fields: FreezeFields, text: string, lineNo: number): void {
		const { time, local } = timeOf(text);
		this.records.push({ time, local, kind: 'guest-agent-freeze', fields, source: { path: this.path, line: lineNo }, text: recordText(text) } as LogRecord);
	}

	/** virsh's verdict on its snapshot, as a task of the domain. */
	private job(domain: string | null, status: 'success' | 'failed', details: string | null, text: string, lineNo: number): void {
		const { time, local } = timeOf(text);
		const fields = { product: 'libvirt', scope: 'task', session: domain ?? '', status, tasks: null, succeeded: null, failed: null, details, vm: domain };
		this.records.push({ time, local, kind: 'product-job', fields, source: { path: this.path, line: lineNo }, text: recordText(text) } as LogRecord);
	}

	end(): ReadResult {
		this.settle();
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: [] };
	}
}

export const qemuAgentFreezeLines = {
	id: 'qemu-agent-freeze-lines',
	title: "A KVM host's report of a failed QEMU guest agent freeze (libvirt, vdsm, QMP)",
	url: 'https://libvirt.org/manpages/virsh.html#domfsfreeze',
	origin: 'backup-product',
	kinds: { ...FREEZE_KINDS, ...PRODUCT_KINDS },
	variants: [
		{ name: 'libvirt', samples: ["error: internal error: unable to execute QEMU agent command 'guest-fsfreeze-freeze': failed to add C:\\ to snapshot\n"] },
		{
			name: 'vdsm',
			samples: ["2022-05-03 10:19:01,667+0200 WARN  (virt/5612d87b) [virt.vm] (vmId='808827db-1b8b-4563-b085-7b34fec4dde1') Unable to freeze guest filesystems: Guest agent is not responding: Guest agent disappeared while executing command (vm:4312)\n"],
		},
		{ name: 'virsh', samples: ['# virsh snapshot-create-as vm1 --disk-only --atomic --quiesce\nerror: Guest agent is not responding: QEMU guest agent is not connected\n'] },
	],
	detect(head: readonly string[]): Detection | null {
		const i = head.findIndex((l) => relayedFreeze(l) !== null);
		if (i >= 0) return { variant: 'line', reason: `a failed guest agent freeze at line ${i + 1}` };
		// A virsh quiesced snapshot counts with its outcome only (a page's example command is no try).
		if (!head.some((l) => l.indexOf('virsh') >= 0)) return null;
		const reader = new QemuAgentReader('');
		head.forEach((l, n) => reader.line(l, n + 1));
		const first = reader.end().facts.records?.[0];
		return first === undefined ? null : { variant: 'virsh', reason: `a virsh quiesced snapshot and its outcome at line ${first.source.line}` };
	},
	reader: (path) => new QemuAgentReader(path),
} satisfies FormatDefinition<'guest-agent-freeze' | keyof typeof PRODUCT_KINDS>;
