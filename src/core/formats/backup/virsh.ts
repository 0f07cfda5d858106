/**
 * virsh's quiesced snapshot as a script, a test harness or a person runs it (`virsh snapshot-create-as <domain> …
 * --quiesce`, `virsh snapshot-create <domain> --quiesce`, `virsh domfsfreeze <domain>`), and what virsh printed
 * after it. libvirt asks the QEMU guest agent to freeze the guest first and takes no snapshot when it cannot:
 * the agent not connected (`error: Guest agent is not responding: QEMU guest agent is not connected`), not
 * configured (`error: argument unsupported: QEMU guest agent is not configured`), or its freeze failed (the
 * agent's error, guestAgent.ts). On success virsh prints `Domain snapshot <name> created`.
 *
 * The command is read by its structure: the program's name, the subcommand, its options (`--quiesce`, `--domain
 * <name>`, also with the long dashes a web page makes of `--`), the first positional argument as the domain.
 * What follows it is its outcome only within a few lines and before another command.
 */

/** The subcommands that freeze the guest, longest first (`snapshot-create` is a prefix of `snapshot-create-as`). */
const SUBCOMMANDS = ['snapshot-create-as', 'snapshot-create', 'domfsfreeze'] as const;
/** What may stand before `virsh`: the line's start, a blank, a path's slash, a quote, a prompt's or label's colon. */
const BEFORE_PROGRAM = ' \t/\'"`:';
/** A global option of virsh or its value (`-c`, `qemu:///system`, `--readonly`). */
const GLOBAL_ARG = /^[\w=:/.-]{1,80}$/;
/** A harness that logs the subcommand without the program (`Running virsh command: snapshot-create-as …`). */
const HARNESS = /\bvirsh command:[ \t]{1,4}(snapshot-create-as|snapshot-create|domfsfreeze)(?=[ \t])/;
/** A token of the arguments: a quoted run or a run of non-blanks. */
const TOKEN = /"([^"\n]{0,200})"|'([^'\n]{0,200})'|(\S{1,300})/g;
/** An option's dashes: `--`, or the em or en dash a web page or a word processor made of them. */
const DASHES = /^(?:--|[—–])/;
/** Quotes and backticks a paste leaves around a whole command or error line. */
const QUOTES = '\'"`';

/** A token or message without the quotes and backticks around it (a loop: no pattern to backtrack). */
export function unquoted(s: string): string {
	let from = 0,
		to = s.length;
	while (from < to && QUOTES.indexOf(s[from]) >= 0) from++;
	while (to > from && QUOTES.indexOf(s[to - 1]) >= 0) to--;
	return s.slice(from, to);
}

/** A virsh command that asks for the guest's freeze: the subcommand and the domain it names (null when not read). */
export interface VirshFreeze {
	command: 'snapshot-create-as' | 'snapshot-create' | 'domfsfreeze';
	domain: string | null;
}

/** A virsh snapshot or freeze command a line starts: the subcommand and the text of its arguments, or null. */
export function virshCommand(text: string): { command: VirshFreeze['command']; args: string } | null {
	if (text.indexOf('virsh') < 0) return null;
	const m = HARNESS.exec(text);
	if (m !== null) return { command: m[1] as VirshFreeze['command'], args: text.slice(m.index + m[0].length) };
	for (const command of SUBCOMMANDS) {
		for (let at = text.indexOf(command); at >= 0; at = text.indexOf(command, at + 1)) {
			const end = at + command.length;
			if (end < text.length && text[end] !== ' ' && text[end] !== '\t') continue;
			if (ranBy(text, at)) return { command, args: text.slice(end) };
		}
	}
	return null;
}

/**
 * Whether the subcommand at `at` is virsh's: `virsh` before it, as a word (a path's last part too), with at most
 * three global options between (`virsh -c qemu:///system snapshot-create-as …`). Read by words, no pattern.
 */
function ranBy(text: string, at: number): boolean {
	const before = text.slice(Math.max(0, at - 200), at);
	const program = before.lastIndexOf('virsh');
	if (program < 0 || (program > 0 && BEFORE_PROGRAM.indexOf(before[program - 1]) < 0)) return false;
	const between = before.slice(program + 'virsh'.length);
	if (between.length === 0 || (between[0] !== ' ' && between[0] !== '\t')) return false;
	const words = between.split(/[ \t]+/).filter((w) => w !== '');
	return words.length <= 6 && words.every((w) => GLOBAL_ARG.test(w)) && (words.length === 0 || words[0].startsWith('-'));
}

/**
 * Whether a line goes on with the arguments of the command before it, as a shell or a paste's wrapping leaves
 * them: after a line that ends with `\` or leaves a double quote open, or on a line that starts with an option.
 */
export function continuesCommand(args: string, next: string): boolean {
	const lead = next.replace(LEAD_QUOTE, '');
	if (/\\[ \t]*$/.test(args) || OPTION_FIRST.test(lead)) return true;
	let quotes = 0;
	for (const ch of args) if (ch === '"') quotes++;
	return quotes % 2 === 1;
}

/** A line that starts with an option (`--quiesce …`), not a rule of dashes (`---`). */
const OPTION_FIRST = /^(?:--|[—–])[a-z]/;
/** A quote mark or list indent a paste puts before a line. */
const LEAD_QUOTE = /^(?:>[ \t]?)*[ \t]*/;

/** The quiesced snapshot or freeze a command asks for (see the module comment), or null (a snapshot without `--quiesce`). */
export function virshFreeze(command: VirshFreeze['command'], argText: string): VirshFreeze | null {
	const args: string[] = [];
	TOKEN.lastIndex = 0;
	let t: RegExpExecArray | null;
	while ((t = TOKEN.exec(argText)) !== null && args.length < 40) if (t[0] !== '\\' && t[0] !== '>') args.push(t[1] ?? t[2] ?? unquoted(t[3]));
	let quiesce = command === 'domfsfreeze';
	let domain: string | null = null;
	let positional: string | null = null;
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (!DASHES.test(a)) {
			positional ??= a;
			continue;
		}
		const [name, value] = a.replace(DASHES, '').split('=', 2);
		if (name === 'quiesce') quiesce = true;
		else if (name === 'domain') domain = value ?? args[++i] ?? null;
		// Options that take a value: skip it, so that it is not read as the domain.
		else if (value === undefined && VALUED.has(name)) i++;
	}
	if (!quiesce) return null;
	domain ??= positional;
	return { command, domain: domain === null || domain === '' || DOMAIN_ILL.test(domain) ? null : domain };
}

/** Options of these subcommands that take a value (virsh(1)). */
const VALUED = new Set(['name', 'description', 'diskspec', 'memspec', 'xmlfile', 'mountpoint']);
/** Not a domain: a placeholder (`<vm>`, `$DOM`) or shell syntax. */
const DOMAIN_ILL = /^[<$[{|&;>]/;

/** virsh's success line for a snapshot it created (`Domain snapshot snap0 created`, `… created from 'x.xml'`). */
export const SNAPSHOT_CREATED = /\bDomain snapshot (\S{1,200}) created\b/;

/** virsh's error line (`error: <libvirt's message>`), its message. */
export const VIRSH_ERROR = /(?:^|[\s`'"|:>])error: {1,2}(\S[^\n]{0,400})/;

/**
 * libvirt's errors about the guest agent itself: `Guest agent is not responding: <why>` (VIR_ERR_AGENT_UNRESPONSIVE;
 * `why`: `QEMU guest agent is not connected`, `… is not available due to an error`, `Guest agent disappeared while
 * executing command`) and `QEMU guest agent is not configured`. After a quiesced snapshot's command they are why
 * the freeze, and so the snapshot, failed.
 */
export const AGENT_ERROR = /\bGuest agent is not responding\b|\bQEMU guest agent is not (?:connected|configured|available)\b|\bGuest agent disappeared\b/;
/**
 * Of those, the ones libvirt says before it sends anything, the agent not reachable at all (not running in the
 * guest, no channel in the VM, its channel in error): the agent's set-up is to fix, not a freeze that went wrong.
 */
export const AGENT_UNREACHABLE = /\bQEMU guest agent is not (?:connected|configured|available)\b/;
