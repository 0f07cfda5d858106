/**
 * An ESXi agent's line as a syslog relay or a log collector passes it on: the host's own line under a relay's
 * header. The relay's syntax is peeled as a layer, whatever the message says:
 * - RFC 5424 as ESXi 7/8 forwards it, `<166>1 2024-02-20T03:00:02.741Z esx-11 Hostd 2099588 - [esx@4413 sub="…"] msg`
 *   (PRI, version, stamp, host, app, process id, message id, then the structured data and message), or as a
 *   log store shows it, without PRI and version (`2026-10-06T14:11:34.123Z esx-11 Hostd 2098516 - [esx@4413 …] msg`);
 * - RFC 3164 with the host's ISO stamp, `<166>2024-02-20T03:00:02.741Z esx-11 Hostd[2099588]: msg`, or with
 *   the agent's own line as its message (`<166>2018-07-05T21:55:18.660Z esx01 Hostd: info hostd[9BC1B70] …`);
 * - a collector's columns before the line it received (Kiwi's `date time<TAB>facility.level<TAB>address<TAB>`,
 *   a Graylog or Splunk export's fields): the line read from the first column where one of the above, or the
 *   agent's own line, starts.
 * The result is the line in the agent's own ESXi 7/8 syslog shape (`stamp In(166) Hostd[pid]: msg`) or the
 * agent's own line, which parseAgentLine reads; the caller keeps the line as written for evidence.
 */

import { utcStampEnd } from './esxiCommon';

/** `<PRI>` and RFC 5424's version `1 `: the relay's start. */
const PRI = /^<(\d{1,3})>(?:1 )?/;
/** After the stamp: host, then the app name and process id as RFC 5424 (`Hostd 2099588 - `) or RFC 3164 (`Hostd[2099588]:`) writes them. */
const AFTER_STAMP_5424 = /^ (\S{1,255}) ([\w.-]{1,48}) (\d{1,10}|-) (\S{1,32}) (.*)$/s;
const AFTER_STAMP_3164 = /^ (\S{1,255}) ([\w.-]{1,48})(?:\[(\d{1,10})\])?: ?(.*)$/s;
/** ESXi's two-letter severity by syslog severity (PRI mod 8), as its own syslog lines print it (`In(166)`). */
const SEVERITY = ['Em', 'Al', 'Cr', 'Er', 'Wa', 'No', 'In', 'Db'];
/** ESXi's own PRI for its agents' lines: facility local4, severity informational (`In(166)`). */
const INFO_PRI = 166;
/** The most collector columns looked past (a tab before each) for the line the collector received. */
const MAX_COLUMNS = 6;

/**
 * The agent's line a relayed line holds, in a shape the agent's parser reads (see the module comment), or
 * null when the line shows no relay's header. `native` says whether a text is an agent line as it is.
 */
export function unrelay(text: string, native: (line: string) => boolean): string | null {
	const direct = fromHeader(text, native);
	if (direct !== null) return direct;
	// A collector's columns: the line it received starts after one of its first tabs.
	let at = -1;
	for (let n = 0; n < MAX_COLUMNS; n++) {
		at = text.indexOf('\t', at + 1);
		if (at < 0) return null;
		const rest = text.slice(at + 1);
		if (native(rest)) return rest;
		const inner = fromHeader(rest, native);
		if (inner !== null) return inner;
	}
	return null;
}

/**
 * The agent's line under a relay's header (RFC 5424, with or without its `<PRI>1`, or RFC 3164 with an ISO
 * stamp after `<PRI>`), or null. Without PRI the severity is unknown: the line reads as ESXi's informational one.
 */
function fromHeader(text: string, native: (line: string) => boolean): string | null {
	const p = PRI.exec(text);
	const pri = p ? Number(p[1]) : INFO_PRI;
	const rest = p ? text.slice(p[0].length) : text;
	if (p && native(rest)) return rest;
	const end = utcStampEnd(rest);
	if (end <= 0) return null;
	const stamp = rest.slice(0, end);
	const after = rest.slice(end);
	const level = `${SEVERITY[pri % 8]}(${pri})`;
	const r5424 = AFTER_STAMP_5424.exec(after);
	if (r5424) {
		const [, , app, pid, , tail] = r5424;
		// No structured data is written `-`; ESXi's `[Originator@6876 …]` is its structured data, kept as the message's start.
		const msg = tail.startsWith('- ') ? tail.slice(2) : tail;
		const line = pid === '-' ? `${stamp} ${msg}` : `${stamp} ${level} ${app}[${pid}]: ${msg}`;
		if (native(line)) return line;
	}
	// RFC 3164 always has its PRI: without one, `stamp host tag: msg` is too loose a shape to read as relayed.
	const r3164 = p ? AFTER_STAMP_3164.exec(after) : null;
	if (r3164) {
		const [, , app, pid, msg] = r3164;
		// The agent's own line as the message (ESXi 6.x forwards `info hostd[…] [Originator…]`), else its ESXi 7 shape.
		const own = `${stamp} ${msg}`;
		if (native(own)) return own;
		const line = `${stamp} ${level} ${app}[${pid ?? '0'}]: ${msg}`;
		if (native(line)) return line;
	}
	return null;
}
