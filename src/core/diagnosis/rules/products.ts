import { pushTo } from '../../collections';
import { codeOf, type KindRecord } from '../../model/records';
import type { ProductQuiesceFields } from '../../formats/esxi/esxiCommon';
import type { DiagnosisInput } from '../diagnose';
import { hresultLabel, SEQUENCE_ERRORS } from '../../knowledge/hresults';
import { productCode, productInfo } from '../../knowledge/productCodes';
import { backupErrorMeaning, hresultAdvice, hresultMeaning, phaseMeaning, productCodeMeaning, productTruncation } from '../../knowledge/messages/tables';
import { writerState } from '../../knowledge/writerStates';
import { REQUESTER_SETUP_CALL } from '../../knowledge/vssPhases';
import { writerInfoOf } from '../../knowledge/writerServices';
import { ruleDefaults } from '../ruleCatalogue';
import { attemptHolding, echoNote, ofKind, recordEvidence, recordsOf, type RuleFinding, signals, steps, tr, unexplainedSignals } from './common';

/**
 * QL55x, the requester's own report (backup products' logs and error text, formats/backup): the product's
 * failure with its decisive code read in the requester's terms (QL550), a VMware-based product that could not
 * quiesce the VM (QL552, a fallback: productQuiesceFallback), a KVM host's backup the guest agent did not freeze (QL555), a job an operator
 * cancelled (QL553, information with each task's real outcome), and a failed job whose log states no reason
 * (QL554), a writer the product found failed without a code (QL570), and an Exchange streaming backup
 * through the ESE backup API that failed (QL571, not VSS at all). The VSS-side rules (QL2xx–QL4xx) read the
 * same records' `hresult` and `writerName`. Each finding belongs to the attempt that holds its first record
 * (the product's session, or the host attempt it joined).
 */
export function productRules(input: DiagnosisInput): RuleFinding[] {
	return [...failedWriters(input), ...requesterFailures(input), ...agentFreeze(input), ...cancelled(input), ...unexplainedJob(input), ...streamingFailures(input)];
}

/** The legacy streaming backup API of ESE (Exchange 2000–2007, Active Directory on Windows 2000): `HrESEBackupSetup`, `HrBackupPrepare` … */
const ESE_API_CALL = /^Hr(?:ESE)?Backup\w{0,40}$/;
/** A product error about an ESE streaming backup call rather than a shadow copy. */
const isStreaming = (r: KindRecord<'product-error'>) => r.fields.operation !== null && ESE_API_CALL.test(r.fields.operation);

const EXCHANGE = /Exchange/i;
/** A quiesce note a backup product wrote (formats/backup/vmwareProducts.ts), not the host's own. */
const isProductNote = (r: KindRecord<'quiesce-note'>): r is KindRecord<'quiesce-note'> & { fields: ProductQuiesceFields } => 'product' in r.fields;
const APPLICATION_WRITERS = /Exchange|SqlServer|SQL Server|MSDE|Oracle/i;

/** The product id of the last-resort reader, which names no product (formats/backup/generic.ts). */
const GENERIC = 'agent';

/** VSS_E_WRITERERROR_PARTIAL_FAILURE: some of a writer's components failed; their codes are printed under it. */
const PARTIAL_FAILURE = '0x80042336';
/** Lines under a partial failure its failed components' codes may be on (their names and labels: a few; as guestAttempts reads them). */
const COMPONENT_LINES = 8;

/**
 * The reports that are a partial failure's failed components (`Writer error code: 0x800423f3`, `Application error
 * code: 0x8004230f` within COMPONENT_LINES under the writer's 0x80042336, same file): one failure, told under the
 * partial failure's code, not a finding each.
 */
function partialBlocks(errors: readonly KindRecord<'product-error'>[]): Map<KindRecord<'product-error'>, string> {
	const out = new Map<KindRecord<'product-error'>, string>();
	const sorted = [...errors].sort((a, b) => (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : a.source.line - b.source.line));
	let block: KindRecord<'product-error'> | null = null;
	for (const r of sorted) {
		if (codeOf(r) === PARTIAL_FAILURE) block = r;
		else if (block !== null && block.source.path === r.source.path && r.source.line - block.source.line <= COMPONENT_LINES) out.set(r, PARTIAL_FAILURE);
		else block = null;
	}
	return out;
}

/** QL550: each product's failure with a code, one finding per product and code. */
function requesterFailures(input: DiagnosisInput): RuleFinding[] {
	const errors = ofKind(input, 'product-error').filter((r) => !isStreaming(r));
	// A line naming no product that quotes a code a named product reports (prose above the product's log) is
	// that product's failure told twice: one finding, in the product's name.
	const named = new Map<string, string>();
	for (const r of errors) if (r.fields.product !== GENERIC && codeOf(r) !== null && !named.has(codeOf(r)!)) named.set(codeOf(r)!, r.fields.product);
	// A line naming no product in an attempt whose other reports name one product (a message wrapped with the
	// product's mark on another line: DPM's WSB code above its `(ID 30229 …)`) is that product's.
	const ofAttempt = (r: KindRecord<'product-error'>): string | null => {
		const a = attemptHolding(input, [r]);
		const ids = new Set(a === null ? [] : recordsOf(input, a).flatMap((o) => (o.kind === 'product-error' && o.fields.product !== GENERIC ? [o.fields.product] : [])));
		return ids.size === 1 ? [...ids][0] : null;
	};
	const groups = new Map<string, { productId: string; own: KindRecord<'product-error'>[] }>();
	const partialOf = partialBlocks(errors);
	for (const r of errors) {
		const code = partialOf.get(r) ?? codeOf(r);
		if (code === null) continue;
		const productId = r.fields.product === GENERIC ? (named.get(code) ?? ofAttempt(r) ?? GENERIC) : r.fields.product;
		const key = `${productId}\n${code}`;
		const group = groups.get(key) ?? { productId, own: [] };
		group.own.push(r);
		groups.set(key, group);
	}
	// A product's sequence error (VSS_E_BAD_STATE on its cleanup call) beside another of its codes is that failure's echo.
	const echoes = (g: { productId: string; own: KindRecord<'product-error'>[] }) => SEQUENCE_ERRORS.has(codeOf(g.own[0])!) && [...groups.values()].some((o) => o.productId === g.productId && !SEQUENCE_ERRORS.has(codeOf(o.own[0])!));
	const t = tr(input);
	return [...groups.values()]
		.filter((g) => !echoes(g))
		.map(({ productId, own }): RuleFinding => {
			const first = own[0];
			const product = productInfo(productId);
			const hr = first.fields.hresult;
			const code = hr ?? first.fields.productCode!;
			const writer = own.map((r) => r.fields.writerName).find((w) => w !== null) ?? null;
			const printed = first.fields.code;
			// A vendor code the table does not know is read by the words the product printed after it (`0xA000971E - <text>`).
			// Windows Server Backup's documented codes (events 517/521 print them in decimal) have their own table.
			const meaning = (hr ? (hresultMeaning(hr, input.locale) ?? backupErrorMeaning(hr, input.locale)) : undefined) ?? productCodeMeaning(code, input.locale) ?? (hr ? null : vendorText(own, code));
			// The product's own error beside the HRESULT (DPM's alert id) says what the product makes of it.
			const ownCode = hr ? (own.map((r) => r.fields.productCode).find((c) => c !== null) ?? null) : null;
			const ownMeaning = productCodeMeaning(ownCode, input.locale);
			const app = own.some((r) => APPLICATION_WRITERS.test(r.fields.writerName ?? ''));
			// A code that only says the shadow copy failed (Windows Server Backup's 0x80780034) in an attempt another
			// code decides (the VSS event's 0x80070057) is that failure seen from the requester: information, pointing there.
			const attempt = attemptHolding(input, own);
			const echo = echoNote(input, hr, attempt);
			// A page that explains the code (a KB's sentence, a table's row) reports no run: it is told as what it is.
			const page = attempt === null && own.every((r) => input.pages?.has(r.source.path) === true);
			const label = hr ? hresultLabel(hr) : code;
			// Access denied to the requester's own setup call: the requester lacks backup rights, before any writer took part.
			const setup = hr === '0x80070005' && own.some((r) => REQUESTER_SETUP_CALL.test(r.fields.operation ?? r.text));
			return {
				...ruleDefaults('QL550', { vssFreezeTimeout: hr === '0x800423F2', resizeShadowStorage: hr === '0x8004231F', providerErrors: hr === '0x80042306' }),
				...(echo?.decided === true && { severity: 'info' as const }),
				title: page ? t('QL550.page.title', { label }) : t('QL550.title', { product: product.name, label, writer }),
				message: page
					? t('QL550.page.message', { label, meaning, own: ownCode !== null && ownMeaning !== undefined ? { code: ownCode, meaning: ownMeaning } : null })
					: t('QL550.message', {
							product: product.name,
							label,
							meaning,
							writer,
							printed: printed && printed.toLowerCase() !== code.toLowerCase() ? printed : null,
							operation: own.map((r) => r.fields.operation).find((o) => o !== null) ?? null,
							volume: first.fields.volume,
							path: first.fields.path,
							own: ownCode !== null && ownMeaning !== undefined ? { code: ownCode, meaning: ownMeaning } : null,
							echo: echo?.sentence ?? null,
							hresult: hr !== null,
						}),
				attemptId: attempt?.id ?? null,
				writers: writer ? [writer] : [],
				hresult: hr,
				fix: steps(
					t('QL550.fix.code', {
						// A VSS code keeps its own advice; beside a Windows code, a product code that says more gives its own.
						code: ownCode !== null && productCode(ownCode)?.adviceFirst === true && !hr?.startsWith('0x80042') ? ownCode : code,
						writer,
						exchange: EXCHANGE.test(writer ?? ''),
						service: writer ? (writerInfoOf(writer)?.service ?? null) : null,
						path: first.fields.path,
						hyperV: input.hypervisor === 'hyper-v',
						advice: hr ? (hresultAdvice(hr, input.locale) ?? null) : null,
						setup,
					}),
					t('QL550.fix.events'),
					app && t('QL550.fix.truncation', { product: product.name, truncation: productTruncation(productId, input.locale) }),
					t('common.retryBackup'),
				),
				evidence: own.slice(0, 3).map(recordEvidence),
			};
		});
}

/**
 * QL552: a VMware-based product reports it could not quiesce the VM (`-3960`, `cannot quiesce`), with no finer
 * reason: a fallback, so the notes of an attempt another rule explains with an error (the guest's Tools log of
 * the same try, QL104 for a Linux freeze) are left to that finding, whose advice fits the guest.
 */
export function productQuiesceFallback(input: DiagnosisInput, found: readonly RuleFinding[]): RuleFinding[] {
	const notes = ofKind(input, 'quiesce-note')
		.filter(isProductNote)
		.filter((r) => r.fields.reason === 'quiesce-failed');
	// The host's failed change tracking is that finer reason (QL116): the guest's VSS advice would mislead.
	if (notes.length === 0 || ofKind(input, 'cbt-error').length > 0) return [];
	const own = unexplainedSignals(found, signals(input, notes)).flatMap((s) => s.records);
	if (own.length === 0) return [];
	const t = tr(input);
	const code = own.map((r) => r.fields.productCode).find((c) => c !== null) ?? null;
	return [
		{
			...ruleDefaults('QL552'),
			title: t('QL552.title', { product: productInfo(own[0].fields.product).name }),
			message: t('QL552.message', { code, meaning: productCodeMeaning(code, input.locale) ?? null }),
			attemptId: attemptHolding(input, own)?.id ?? null,
			writers: [],
			hresult: null,
			fix: steps(t('QL552.fix.guestLogs'), t('QL552.fix.writers'), t('QL552.fix.services'), t('common.retryQuiesced')),
			evidence: own.slice(0, 3).map(recordEvidence),
		},
	];
}

/**
 * The QEMU guest agent's error when its fsfreeze hook failed (qemu-ga's own text, English in every guest):
 * `child process has failed to execute fsfreeze hook: …`, `fsfreeze hook has failed with status 1`.
 */
const FREEZE_HOOK = /\bfsfreeze[ -]hook\b/i;
/** libvirt's commands, which every KVM host has, for a tool the catalogue gives none. */
const AGENT_COMMANDS = productInfo('libvirt').agentCommands!;
/** vzdump's reason when the VM's options turn the freeze off (`skipping guest-agent 'fs-freeze', disabled in VM options`). */
const DISABLED = /^disabled in VM options\b/;
/** libvirt's words when the agent cannot be reached at all (formats/backup/virsh.ts). */
const AGENT_UNREACHABLE = /\bQEMU guest agent is not (?:connected|configured|available)\b/;

/**
 * QL555: a KVM host's backup whose guest agent did not freeze the guest (formats/backup/vzdump.ts): the freeze
 * skipped (the agent did not answer: a warning, the backup is crash-consistent) or failed (an error, its
 * attempt's failure: the agent's words say why, its hook's script when it names the hook; a freeze that outlasted
 * the tool's limit, which then gave the snapshot up); a failed thaw may leave the guest frozen. One finding per VM
 * and outcome, the failure first.
 */
function agentFreeze(input: DiagnosisInput): RuleFinding[] {
	const bad = ofKind(input, 'guest-agent-freeze').filter((r) => r.fields.outcome !== 'issued');
	const groups = new Map<string, KindRecord<'guest-agent-freeze'>[]>();
	// A freeze that outlasted the tool's limit is the failure of that freeze: one finding with the agent's error.
	for (const r of bad) pushTo(groups, `${r.fields.vm ?? ''}\n${r.fields.outcome === 'timed-out' ? 'failed' : r.fields.outcome}\n${r.fields.action}`, r);
	const t = tr(input);
	return [...groups.values()].map((own): RuleFinding => {
		const { product, vm, action, outcome } = own[0].fields;
		const timedOut = own.find((r) => r.fields.outcome === 'timed-out')?.fields.detail ?? null;
		const detail = own.find((r) => r.fields.outcome !== 'timed-out')?.fields.detail ?? null;
		const failed = outcome !== 'skipped';
		const hook = failed && FREEZE_HOOK.test(detail ?? '');
		// vzdump's skip by the VM's own option (`freeze-fs-on-backup=0`), not by an agent that did not answer.
		const disabled = !failed && detail !== null && DISABLED.test(detail);
		// libvirt's refusal before it sent anything (the agent not connected, not configured): its set-up is to fix.
		const unreachable = failed && detail !== null && AGENT_UNREACHABLE.test(detail);
		// The host tool's own commands for the agent (every KVM tool the readers name has them).
		const commands = productInfo(product).agentCommands ?? AGENT_COMMANDS;
		return {
			// Proxmox's pages for its own tool; libvirt's manual for the others.
			...ruleDefaults('QL555', { proxmoxBackupConsistency: product === 'proxmox', qemuGuestAgent: product === 'proxmox' && !hook, libvirtFsfreeze: product !== 'proxmox' }),
			severity: failed ? 'error' : 'warning',
			title: t('QL555.title', { product: productInfo(product).name, failed, action, disabled }),
			message: t('QL555.message', { failed, action, detail, hook, vm, timedOut, unreachable, disabled, noSnapshot: timedOut !== null || productInfo(product).agentFreezeFailure === 'no-snapshot' }),
			attemptId: attemptHolding(input, own)?.id ?? null,
			writers: [],
			hresult: null,
			fix: steps(
				failed && action === 'thaw' && t('QL555.fix.thaw', commands),
				hook ? t('QL555.fix.hook') : disabled ? t('QL555.fix.enable') : (!failed || unreachable) && t('QL555.fix.agent', commands),
				failed && !hook && !unreachable && t('QL555.fix.test', commands),
				t('common.retryBackup'),
			),
			evidence: own.slice(0, 3).map(recordEvidence),
		};
	});
}

/** QL553: an operator stopped the job; each task's verdict says what did succeed. */
function cancelled(input: DiagnosisInput): RuleFinding[] {
	const cancels = ofKind(input, 'product-cancel');
	if (cancels.length === 0) return [];
	const jobs = ofKind(input, 'product-job');
	const tasks = jobs.filter((r) => r.fields.scope === 'task');
	const job = jobs.filter((r) => r.fields.scope === 'job').pop();
	const first = cancels[0];
	// What failed once the stop arrived: the error lines of the same file after it (stack frames are not records).
	const after = ofKind(input, 'product-error')
		.filter((r) => r.source.path === first.source.path && r.source.line > first.source.line)
		.slice(0, 3);
	const t = tr(input);
	return [
		{
			...ruleDefaults('QL553'),
			title: t('QL553.title', { user: first.fields.user }),
			message: t('QL553.message', {
				user: first.fields.user,
				jobStatus: job?.fields.status ?? null,
				tasksOk: tasks.filter((r) => r.fields.status === 'success').length,
				tasks: tasks.length,
				failedSteps: after.map((r) => r.fields.message ?? r.text),
			}),
			attemptId: attemptHolding(input, [...tasks, first])?.id ?? null,
			writers: [],
			hresult: null,
			fix: steps(t('QL553.fix.rerun'), t('QL553.fix.who')),
			evidence: [first, ...after, ...tasks.slice(0, 2), ...(job ? [job] : [])].map(recordEvidence),
		},
	];
}

/** QL554: the job failed and this log states no reason (Veeam keeps it in the per-VM task log). */
function unexplainedJob(input: DiagnosisInput): RuleFinding[] {
	const failedJobs = ofKind(input, 'product-job').filter((r) => r.fields.status === 'failed');
	if (failedJobs.length === 0 || ofKind(input, 'product-cancel').length > 0) return [];
	// A coded error or a named guest-processing step (rules/veeamGuest.ts) is the reason this finding would miss.
	if (ofKind(input, 'product-error').some((r) => r.fields.hresult !== null || r.fields.productCode !== null || r.fields.guestStep !== null)) return [];
	const t = tr(input);
	const job = failedJobs[failedJobs.length - 1];
	const product = productInfo(job.fields.product);
	// A product that asks the host for the snapshot leaves the reason in the host's logs; a guest requester in its own task log.
	// Taking the snapshot by hand tells why it never appeared; a snapshot the product removed was there.
	const removed = ofKind(input, 'product-snapshot').some((r) => r.fields.action === 'remove');
	// A KVM host's tool (vzdump) writes one task log for the whole job: what it says after `failed -` is all there is,
	// and with the guest agent's freeze not failed the cause is the job's own (its storage, its network), not the guest's.
	const kvm = product.requester === 'kvm';
	// virsh's snapshot as a tool ran it: the tool's log has only its own verdict, virsh's error is what to read.
	const virsh = job.fields.product === 'libvirt';
	const where =
		product.requester === 'vmware'
			? [t('QL554.fix.hostLogs'), !removed && product.snapshotCommand && t('QL554.fix.byHand', { product: product.name, command: product.snapshotCommand })]
			: virsh
				? [t('QL554.fix.virsh', AGENT_COMMANDS)]
				: kvm
					? [t('QL554.fix.kvm')]
					: [t('QL554.fix.taskLog')];
	// The job's last verdict often carries no words (`Backup job finished with errors`); a VM's verdict before it does.
	const details = [...failedJobs].reverse().find((r) => r.fields.details)?.fields.details ?? null;
	const attempt = attemptHolding(input, failedJobs);
	return [
		{
			...ruleDefaults('QL554'),
			// A KVM tool's log is the try's only record: its failed try is this finding's, not one left unexplained (QL112).
			severity: kvm && attempt?.result === 'failed' ? 'error' : 'warning',
			title: t('QL554.title', { product: product.name, said: details !== null }),
			message: t('QL554.message', { details }),
			attemptId: attempt?.id ?? null,
			writers: [],
			hresult: null,
			fix: steps(where, !kvm && t('QL554.fix.guest')),
			evidence: failedJobs.slice(-3).map(recordEvidence),
		},
	];
}

/** What follows a vendor code on its line: a dash or colon, then the product's words. */
const VENDOR_TEXT = /^\s{0,2}[-:–]\s{0,2}(.{4,300})$/;

/** The product's own words after a vendor code (`Error Code: 0xA000971E - <text>`), or null. */
function vendorText(own: readonly KindRecord<'product-error'>[], code: string): string | null {
	const digits = code.replace(/^0x/i, '').toLowerCase();
	for (const r of own) {
		const at = r.fields.message.toLowerCase().indexOf(digits);
		const m = at < 0 ? null : VENDOR_TEXT.exec(r.fields.message.slice(at + digits.length).split('\n')[0]);
		if (m) return m[1].trim().replace(/[.。]$/, '');
	}
	return null;
}

/**
 * QL570 (first of the product rules: a failed writer is the cause its requester's later API errors follow
 * from): the product found a VSS writer in a failed (or stuck) state and prints no code for it (Bareos/Bacula's
 * `VSS Writer "…" has invalid state. ERR=<the state's sentence>`, a product's writer status block): the writer,
 * its state and the service that hosts it say what to reset. One finding per product, naming each writer once.
 */
function failedWriters(input: DiagnosisInput): RuleFinding[] {
	const groups = new Map<string, KindRecord<'product-error'>[]>();
	for (const r of ofKind(input, 'product-error')) if (r.fields.writerName !== null && r.fields.hresult === null && r.fields.productCode === null) pushTo(groups, r.fields.product, r);
	const t = tr(input);
	return [...groups.values()].map((own): RuleFinding => {
		const byWriter = new Map<string, KindRecord<'product-error'>>();
		for (const r of own) if (!byWriter.has(r.fields.writerName!) || byWriter.get(r.fields.writerName!)!.fields.writerState === null) byWriter.set(r.fields.writerName!, r);
		const writers = [...byWriter.values()].map((r) => {
			const state = r.fields.writerState === null ? undefined : writerState(r.fields.writerState);
			return { name: r.fields.writerName!, state: state ? `[${state.code}] ${state.name}` : null, meaning: state?.failed ? (phaseMeaning(state.code, input.locale) ?? null) : null, service: writerInfoOf(r.fields.writerName!)?.service ?? null };
		});
		const product = productInfo(own[0].fields.product).name;
		return {
			...ruleDefaults('QL570'),
			title: t('QL570.title', { product, writers: writers.map((w) => w.name) }),
			message: t('QL570.message', { product, writers }),
			attemptId: attemptHolding(input, own)?.id ?? null,
			writers: writers.map((w) => w.name),
			hresult: null,
			fix: steps(
				t('QL570.fix.list'),
				writers.map((w) => t('QL570.fix.restart', { writer: w.name, service: w.service })),
				t('QL570.fix.events'),
				t('common.retryBackup'),
			),
			evidence: own.slice(0, 4).map(recordEvidence),
		};
	});
}

/**
 * QL571: an Exchange (ESE) streaming backup failed in the ESE backup API (NTBackup's or an agent's `The '<store>'
 * returned '<error>' from a call to 'HrESEBackupSetup()'`). No shadow copy and no VMware snapshot are involved:
 * the store, the call and ESE's error say where it stopped. One finding per store.
 */
function streamingFailures(input: DiagnosisInput): RuleFinding[] {
	const groups = new Map<string, KindRecord<'product-error'>[]>();
	for (const r of ofKind(input, 'product-error')) if (isStreaming(r)) pushTo(groups, r.fields.store ?? '', r);
	const t = tr(input);
	return [...groups.values()].map((own): RuleFinding => {
		const first = own[0];
		const code = own.map((r) => r.fields.hresult ?? r.fields.productCode).find((c) => c !== null) ?? null;
		const meaning = code === null ? null : (hresultMeaning(code, input.locale) ?? productCodeMeaning(code, input.locale) ?? null);
		return {
			...ruleDefaults('QL571'),
			title: t('QL571.title', { product: productInfo(first.fields.product).name, store: first.fields.store }),
			message: t('QL571.message', { store: first.fields.store, calls: [...new Set(own.map((r) => r.fields.operation!))], error: first.fields.message, code, meaning }),
			attemptId: attemptHolding(input, own)?.id ?? null,
			writers: [],
			hresult: first.fields.hresult,
			fix: steps(
				t('QL571.fix.store'),
				t('QL571.fix.events'),
				t('QL571.fix.oneBackup'),
				code !== null && productCodeMeaning(code) !== undefined && t('QL550.fix.code', { code, writer: null, exchange: true, service: null, path: null, hyperV: false, advice: null, setup: false }),
				t('common.retryBackup'),
			),
			evidence: own.slice(0, 3).map(recordEvidence),
		};
	});
}
