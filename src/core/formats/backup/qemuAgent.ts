import type { LogRecord } from '../../model/records';
import { type Detection, type FormatDefinition, type LineReader, type ReadResult, recordText } from '../lib/format';
import { RecordFold } from '../lib/fold';
import { localStamp, toUtcIso } from '../lib/stamps';
import { FREEZE_KINDS, relayedFreeze } from './guestAgent';

/**
 * A KVM host tool's report that the QEMU guest agent's freeze (or thaw) of the guest failed, in whatever log or
 * paste holds it (guestAgent.ts reads the lines: libvirt's, vdsm's, Proxmox's QMP wrapper's). A line stamped
 * `YYYY-MM-DD HH:MM:SS[,mmm]` is dated (in UTC when an offset follows the stamp, as vdsm prints it). Every other
 * line is prose or another tool's, counted unparsed, so a paste is cut into sections around these lines.
 *
 * Records: `guest-agent-freeze`, `outcome` `failed` (or `timed-out`: vdsm's wait for the freeze passed its limit); `product` `libvirt`, `ovirt` or `proxmox` by the tool whose
 * words the line holds; `vm` the VM id vdsm names (`vmId='…'`) or the one QMP names, else null.
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

class QemuAgentReader implements LineReader {
	private readonly records = new RecordFold();
	private unparsed = 0;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		const f = relayedFreeze(text);
		if (f === null) {
			if (text.trim() !== '') this.unparsed++;
			return;
		}
		const { time, local } = timeOf(text);
		this.records.push({ time, local, kind: 'guest-agent-freeze', fields: f, source: { path: this.path, line: lineNo }, text: recordText(text) } as LogRecord);
	}

	end(): ReadResult {
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: [] };
	}
}

export const qemuAgentFreezeLines = {
	id: 'qemu-agent-freeze-lines',
	title: "A KVM host's report of a failed QEMU guest agent freeze (libvirt, vdsm, QMP)",
	url: 'https://libvirt.org/manpages/virsh.html#domfsfreeze',
	origin: 'backup-product',
	kinds: FREEZE_KINDS,
	variants: [
		{ name: 'libvirt', samples: ["error: internal error: unable to execute QEMU agent command 'guest-fsfreeze-freeze': failed to add C:\\ to snapshot\n"] },
		{
			name: 'vdsm',
			samples: ["2022-05-03 10:19:01,667+0200 WARN  (virt/5612d87b) [virt.vm] (vmId='808827db-1b8b-4563-b085-7b34fec4dde1') Unable to freeze guest filesystems: Guest agent is not responding: Guest agent disappeared while executing command (vm:4312)\n"],
		},
	],
	detect(head: readonly string[]): Detection | null {
		const i = head.findIndex((l) => relayedFreeze(l) !== null);
		return i < 0 ? null : { variant: 'line', reason: `a failed guest agent freeze at line ${i + 1}` };
	},
	reader: (path) => new QemuAgentReader(path),
} satisfies FormatDefinition<'guest-agent-freeze'>;
