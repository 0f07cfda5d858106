// The join, proved on bundles no fixture holds: seeded random bundles (test/lib/simulateBundle.ts) are
// written to a temp folder and analysed; the report must find every generated attempt once, with its
// verdict, flag each silent crash-consistent fallback and each host timeout of a hung guest, put no evidence
// line in two attempts, and recover each local source's clock offset — or, with no host file to pair with,
// leave it unaligned rather than guessed: pre-10.3 Tools logs (yearless local time), 10.3+ ones (UTC), the
// vSphere Client's task export in its client's zone, and a Veeam job log of the snapshot calls (banner right,
// an hour off, or cut); every line of theirs an attempt holds is at its true UTC instant within a second. QL_SIM_BUNDLES sets how many bundles (default 1,000), QL_FUZZ_SEED the first.
// A quarter of the bundles are guest-only (the guests' Tools logs and nothing else): whether the core forms
// attempts from a Tools log alone is probed once; until it does, those bundles are held to every check but
// finding each attempt, and the guest-only attempt check is reported pending.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, type Attempt, type Report } from '../../src/core';
import { simulateBundle, type SimulatedBundle, type TrueAttempt } from '../lib/simulateBundle';

const BUNDLES = Number(process.env.QL_SIM_BUNDLES || 1000);
const FIRST_SEED = Number(process.env.QL_FUZZ_SEED || 1);

function write(bundle: SimulatedBundle): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-sim-'));
	for (const [rel, text] of bundle.files) {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, rel), text);
	}
	return dir;
}

const describeTrue = (t: TrueAttempt) => `${t.vm} ${new Date(t.startMs).toISOString()} quiesced=${t.quiesced} ${t.result} (${t.outcome})`;
const describeFound = (a: Attempt) => `${a.id} ${a.vm} ${a.start} quiesced=${a.quiesced} ${a.result} fallbackOf=${a.fallbackOf}`;

/** Checks one bundle's report against its truth; returns the failures as sentences. */
function check(bundle: SimulatedBundle, report: Report): string[] {
	const errors: string[] = [];
	const host = bundle.subset !== 'guest';
	// Host logs name every attempt; without them (guest only) the Tools log alone must form them.
	const matched = new Map<Attempt, TrueAttempt>();
	const ids = new Map<number, string>();
	bundle.attempts.forEach((t, i) => {
		if (!host && !t.quiesced) return; // a crash-consistent snapshot leaves no line in the guest
		if (!host && bundle.guests.get(t.vm)!.era !== 'tools-11.3') return; // a local log's attempts have no UTC start to match
		// Without the host a guest's attempt may not know its VM's name: it is the one made from that VM's own log.
		const ofVm = (a: Attempt) => a.vm === t.vm || (!host && a.vm === null && a.events.some((e) => e.source === `guest-${t.vm}/vmware-vmsvc.log`));
		const found = report.attempts.filter((a) => ofVm(a) && a.start !== null && Math.abs(Date.parse(a.start) - t.startMs) <= (host ? 1000 : 5000) && !matched.has(a));
		if (found.length !== 1) {
			errors.push(`${describeTrue(t)}: found ${found.length} matching attempts`);
			return;
		}
		const a = found[0];
		matched.set(a, t);
		ids.set(i, a.id);
		// A hung guest never reports an end: alone, its log cannot say the attempt failed, only that it never succeeded.
		const resultOk = !host && t.outcome === 'hang' ? a.result !== 'success' : a.result === t.result;
		if (!resultOk) errors.push(`${describeTrue(t)}: reported ${describeFound(a)}`);
		if (host && a.quiesced !== t.quiesced) errors.push(`${describeTrue(t)}: quiesced ${a.quiesced}`);
		// The host's 15-minute timeout is QL106's, with its window overrun; a writer's veto is not a timeout.
		const timedOut = report.findings.some((f) => f.code === 'QL106' && f.attemptId === a.id);
		if (host && t.outcome === 'hang' && (!timedOut || !a.windows.some((w) => w.name === 'Tools quiesce timeout' && w.exceeded))) errors.push(`${describeTrue(t)}: no QL106 or no exceeded Tools quiesce timeout for the hung guest`);
		if (t.outcome === 'writer-veto' && timedOut) errors.push(`${describeTrue(t)}: QL106 for a writer's veto`);
	});
	const trueGuestAttempts = bundle.attempts.filter((t) => t.quiesced).length;
	if (!host && report.attempts.length > trueGuestAttempts) errors.push(`${report.attempts.length} attempts from guest logs of ${trueGuestAttempts} quiesced attempts`);
	if (host) for (const a of report.attempts) if (!matched.has(a)) errors.push(`an attempt no one made: ${describeFound(a)}`);
	bundle.attempts.forEach((t, i) => {
		if (t.fallbackOf === null || !host) return;
		const a = report.attempts.find((x) => x.id === ids.get(i));
		if (!a) return;
		if (a.fallbackOf !== ids.get(t.fallbackOf)) errors.push(`${describeTrue(t)}: fallbackOf ${a.fallbackOf}, want ${ids.get(t.fallbackOf)}`);
		if (!report.findings.some((f) => f.code === 'QL110' && f.attemptId === a.id)) errors.push(`${describeTrue(t)}: no QL110 for the silent fallback`);
	});
	const owner = new Map<string, string>();
	for (const a of report.attempts) {
		for (const e of a.events) {
			const key = `${e.source}:${e.line}`;
			const other = owner.get(key);
			if (other !== undefined && other !== a.id) errors.push(`${key} is evidence of ${other} and ${a.id}`);
			owner.set(key, a.id);
		}
	}
	const events = report.attempts.flatMap((a) => a.events);
	/** Every timed event of a file that `which` picks is within a second of one of the true instants. */
	const onTime = (file: string, instants: readonly number[], which: (text: string) => boolean) => {
		for (const e of events) {
			if (e.source !== file || e.time === null || !which(e.text)) continue;
			const t = Date.parse(e.time);
			if (!instants.some((u) => Math.abs(u - t) < 1000)) errors.push(`${file}:${e.line} at ${e.time}, no true instant within a second`);
		}
	};
	for (const [vm, g] of bundle.guests) {
		const input = report.inputs.find((i) => i.path === `guest-${vm}/vmware-vmsvc.log`);
		if (!input) continue;
		if (g.era === 'tools-11.3') {
			// 10.3+ stamps UTC with its zone: its own clock, nothing to pair.
			if (input.clock?.utcOffsetMinutes !== 0 || input.clock.basis !== 'stamped') errors.push(`${input.path}: clock ${JSON.stringify(input.clock)}, want stamped UTC`);
		} else if (host ? input.clock?.utcOffsetMinutes !== g.zoneMinutes : input.clock !== null) {
			// Another guest's log sees none of this guest's snapshots: without the host, no pair aligns a local log.
			errors.push(`${input.path}: clock ${JSON.stringify(input.clock)}, want ${host ? `${g.zoneMinutes} min` : 'none'}`);
		}
		if (host || g.era === 'tools-11.3') onTime(input.path, g.starts, (text) => text.includes('vmbackup.start'));
	}
	for (const l of bundle.locals) {
		const input = report.inputs.find((i) => i.path === l.path);
		const clock = input?.clock ?? null;
		// A right banner is the file's own clock; a wrong or missing one is the snapshot names' (or the task starts') pairs.
		const basis = l.banner === 'right' ? 'banner' : 'anchor';
		if (clock?.utcOffsetMinutes !== l.zoneMinutes || clock.basis !== basis) errors.push(`${l.path} (banner ${l.banner}): clock ${JSON.stringify(clock && { ...clock, pairs: clock.pairs?.length })}, want ${l.zoneMinutes} min by ${basis}`);
		onTime(l.path, l.instants, () => true);
	}
	return errors;
}

describe('the join on simulated bundles', () => {
	for (let seed = FIRST_SEED; seed < FIRST_SEED + BUNDLES; seed++) {
		it(`seed ${seed}`, () => {
			// Up to 8 VMs keeps the thousand bundles in about a minute; every tenth goes up to the 50 a host may run.
			const bundle = simulateBundle(seed, { maxVms: seed % 10 === 0 ? 50 : 8, subsets: ['host', 'both', 'both', 'guest'] });
			const dir = write(bundle);
			try {
				const errors = check(bundle, analyze([dir]));
				const locals = bundle.locals.map((l) => `${l.path} UTC${l.zoneMinutes >= 0 ? '+' : ''}${l.zoneMinutes / 60} banner ${l.banner}`).join(', ');
				assert.deepEqual(errors, [], `seed ${seed} (${bundle.subset}, opIDs ${bundle.opIds}, vCenter ${bundle.vcenter}, ${bundle.attempts.length} attempts; ${locals || 'no local sources'}):\n${errors.slice(0, 12).join('\n')}`);
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		});
	}
});
