/**
 * ESX / ESXi 4.x `/var/log/messages`: every daemon of the host through syslog, one line each,
 * `Mmm d HH:MM:SS host tag: body` (formats.md §4.1, the era before hostd.log had a file of its own on ESXi).
 * The tag says who wrote the line:
 * - `Hostd` / `Vpxa`: the agent's own 4.x line, `[YYYY-MM-DD HH:MM:SS.fff THREAD level 'Sub' opID=…] message`,
 *   read by the agents' grammar (esxiAgentLog.ts) into the same records as their own logs; a body without
 *   that header (a backtrace's `[00] rip 17c6bbf3`) continues the agent's message above it;
 * - `vmkernel`: `D:HH:MM:SS.fff cpuN:WORLD)Module: …`, stamped with the host's uptime (days first); a
 *   line whose tag was lost (`host: 17:19:52:55.580 cpu7:4182)…`) is the kernel's by that stamp;
 * - any other daemon (`watchdog-hostd`, `vobd`, `sfcb-…`, `crond[123]`): parsed, no record.
 *
 * Records: those of the agents' messages (`task-created`, `fault`, `no-space` …, with `agent` from the tag),
 * stamped with the stamp inside the agent's bracket: it has the year the syslog prefix lacks, and no zone (the
 * host's local time, ESXi's UTC): `local` is set, `time` stays null. The syslog prefix is kept in the
 * evidence text. Lines of no syslog shape are unparsed.
 */
import type { LogRecord } from '../../model/records';
import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { AGENT_DOCS, agentMessageRecord, AGENT_KINDS, parseAgentLine, type Agent, type AgentMessage } from './esxiAgentLog';
import { MAX_CONTINUATIONS, mostlyParsed } from './esxiCommon';
import { monthNumber } from '../lib/stamps';

/** `Mmm d HH:MM:SS host tag[pid]: body`; the tag (and its colon) may be missing: `host: body`. */
const SYSLOG = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d) ([^\s:]{1,255})(?: ([^\s:[\]]{1,64})(?:\[(\d{1,10})\])?)?: ?(.*)$/;
/** The kernel's uptime stamp and its cpu:world prefix: `17:19:52:55.580 cpu7:4182)`. */
const VMKERNEL = /^\d{1,5}:\d\d:\d\d:\d\d\.\d{3} cpu\d{1,4}:\d{1,10}\)/;
const AGENT_TAGS: ReadonlyMap<string, Agent> = new Map([
	['hostd', 'hostd'],
	['vmware-hostd', 'hostd'],
	['vpxa', 'vpxa'],
	['vmware-vpxa', 'vpxa'],
]);

interface SyslogLine {
	/** The agent that wrote the line, the kernel, or another daemon (null). */
	writer: Agent | 'vmkernel' | null;
	body: string;
}

function parseSyslog(text: string): SyslogLine | null {
	const m = SYSLOG.exec(text);
	if (!m || monthNumber(m[1]) === null) return null;
	const tag = m[7]?.toLowerCase() ?? null;
	const body = m[9];
	const agent = tag === null ? undefined : AGENT_TAGS.get(tag);
	if (agent) return { writer: agent, body };
	return { writer: tag === 'vmkernel' || VMKERNEL.test(body) ? 'vmkernel' : null, body };
}

class EsxSyslogReader implements LineReader {
	private readonly records: LogRecord[] = [];
	/** Each agent's message still open (hostd's and vpxa's lines interleave). */
	private readonly pending = new Map<Agent, AgentMessage>();
	private unparsed = 0;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		if (text.trim() === '') return;
		const s = parseSyslog(text);
		if (!s) {
			this.unparsed++;
			return;
		}
		if (s.writer === null || s.writer === 'vmkernel') return;
		const agent = s.writer;
		const line = parseAgentLine(s.body);
		if (line?.type === 'header') {
			this.flush(agent);
			this.pending.set(agent, { stamp: line.stamp, lineNo, raw: text, level: line.level, kv: line.kv, msg: line.msg, continuations: [] });
			return;
		}
		// A backtrace frame, a `-->` line or the rest of a message the agent logged as several lines.
		const open = this.pending.get(agent);
		const msg = line?.type === 'continuation' ? line.msg : s.body.trim();
		if (open && open.continuations.length < MAX_CONTINUATIONS) open.continuations.push(msg);
	}

	private flush(agent: Agent): void {
		const p = this.pending.get(agent);
		if (!p) return;
		this.pending.delete(agent);
		const record = agentMessageRecord(this.path, agent, p);
		if (record) this.records.push(record);
	}

	end(): ReadResult {
		for (const agent of [...this.pending.keys()]) this.flush(agent);
		// Agents' messages close in the order their headers came, per agent: put the file's order back.
		this.records.sort((a, b) => a.source.line - b.source.line);
		return { facts: { records: this.records }, unparsedLines: this.unparsed, problems: [], clock: null };
	}
}

/** ESX / ESXi 4.x `/var/log/messages` with the agents' and the kernel's lines (see the module comment). */
export const esxSyslog = {
	id: 'esx-syslog',
	title: 'ESX/ESXi 4.x /var/log/messages (syslog)',
	url: AGENT_DOCS,
	origin: 'host',
	kinds: AGENT_KINDS,
	variants: [
		{
			name: 'esx4',
			samples: [
				`Oct 24 13:57:44 esx01 watchdog-hostd: PID file /var/run/vmware/watchdog-hostd.PID not found
Oct 24 13:57:45 esx01 Hostd: [2011-10-24 13:57:45.144 FFD17E80 error 'FSVolumeProvider'] FSVolumeVmkImplProvider::Start() called
Oct 24 13:57:47 esx01 Hostd: [2011-10-24 13:57:47.231 FFD17E80 panic 'App'] error: No buffer space available
Oct 24 13:57:47 esx01 Hostd: [00] rip 1fdbac33
Mar  1 08:53:36 esx01 vmkernel: 2:16:49:12.573 cpu3:4099)ScsiDeviceIO: 1672: Command 0x28 to device "naa.600a0b80002a4b6e000029c64c0a7c9e" failed H:0x0 D:0x2 P:0x0 Valid sense data: 0x6 0x3f 0xe.
Mar  1 08:55:02 esx01 Vpxa: [2011-03-01 08:55:02.410 3E8C5B90 info 'Default' opID=D1D8F924-00002337-83] [VpxLRO] -- BEGIN task-768 -- vm-1421 -- vpxapi.VpxaService.createSnapshot --
`,
			],
		},
	],

	detect(head) {
		const seen = { agent: 0, vmkernel: 0 };
		const mostly = mostlyParsed(head, parseSyslog, (s) => {
			if (s.writer === 'vmkernel') seen.vmkernel++;
			else if (s.writer !== null && parseAgentLine(s.body)?.type === 'header') seen.agent++;
		});
		// A Linux guest's syslog has the same frame: the host's own daemons make it the host's.
		if (!mostly || seen.agent + seen.vmkernel === 0) return null;
		return { variant: 'esx4', reason: `syslog lines of the ESX 4.x host: ${seen.agent} hostd/vpxa message(s), ${seen.vmkernel} vmkernel line(s)` };
	},

	reader(path) {
		return new EsxSyslogReader(path);
	},
} satisfies FormatDefinition;
