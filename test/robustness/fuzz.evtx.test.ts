// Fuzz property (fast-check; seed and runs follow QL_FUZZ_SEED / QL_FUZZ_RUNS, test/lib/fuzz.ts): random
// byte flips, overwrites and truncations of a real log and a generated one never make the reader throw or
// hang, its results stay plain data, and the heap does not grow with the damage; through the whole
// analysis, the report of a damaged log keeps the contract (schema) and tells the damage in inputs[]. The default run is short
// (60 cases per input, ~0.4 s) to keep the unit suite fast; QL_FUZZ_RUNS raises it.
import * as assert from 'assert/strict';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { analyzeText, type Report } from '../../src/core';
import { readEvtxBytes } from '../../src/core/formats/windows/evtx';
import { becomesRecord } from '../../src/core/formats/windows/windowsEventsEvtx';
import schema from '../../src/core/report/reportSchema.json';
import { APPLICATION, buildEvtx, SYSTEM } from '../lib/evtxWriter';
import { FUZZ_SEED } from '../lib/fuzz';
import { fixturesDir } from '../lib/paths';

/** Cases per input: 60 by default (the reader reads 64 KiB+ per case), QL_FUZZ_RUNS when set. */
const RUNS = Number(process.env.QL_FUZZ_RUNS || 60);
const INPUTS: [string, Buffer][] = [
	['real: ID7045 PSexec (1 chunk, slack)', fs.readFileSync(path.join(fixturesDir, 'evtx', 'mdecrevoisier_EVTX-to-MITRE-Attack__ID7045-7036 PSexec service installation.evtx'))],
	['generated: Application + System', buildEvtx([...APPLICATION, ...SYSTEM])],
];

/** A damage: flip bytes, overwrite a run with a value, then maybe truncate. */
const damage = (size: number) =>
	fc.record({
		flips: fc.array(fc.tuple(fc.nat(size - 1), fc.integer({ min: 1, max: 255 })), { maxLength: 12 }),
		run: fc.option(fc.tuple(fc.nat(size - 1), fc.nat(64), fc.constantFrom(0x00, 0xff, 0x0c, 0x0d, 0x21, 0x41))),
		cut: fc.option(fc.nat(size)),
	});

describe(`fuzz: evtx reader survives damaged files (seed ${FUZZ_SEED}, ${RUNS} runs per input)`, function () {
	this.timeout(120_000);
	for (const [name, bytes] of INPUTS) {
		it(`${name}: never throws, never hangs, results are plain data, memory stays bounded`, () => {
			const heapBefore = process.memoryUsage().heapUsed;
			fc.assert(
				fc.property(damage(bytes.length), (d) => {
					const b = Buffer.from(bytes);
					for (const [at, x] of d.flips) b[at] ^= x;
					if (d.run) b.fill(d.run[2], d.run[0], Math.min(b.length, d.run[0] + d.run[1]));
					const input = d.cut === null ? b : b.subarray(0, d.cut);
					const t0 = Date.now();
					const { events, summary } = readEvtxBytes(input, { xml: d.flips.length % 2 === 1 });
					assert.ok(Date.now() - t0 < 2000, 'one 64 KiB chunk reads in well under 2 s');
					assert.ok(summary.problems.every((p) => typeof p === 'string' && p.length > 0));
					assert.ok(events.length < 2000, 'no more events than records can fit');
					assert.doesNotThrow(() => JSON.stringify({ events, summary }));
				}),
				{ seed: FUZZ_SEED, numRuns: RUNS, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
			);
			// Everything a case made is garbage afterwards: the heap must not keep growing with the cases.
			assert.ok(process.memoryUsage().heapUsed - heapBefore < 64 * 1024 * 1024, 'heap growth under 64 MiB');
		});

		it(`${name}: through analyze(), the report keeps the contract and counts what the reader read`, () => {
			const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
			fc.assert(
				fc.property(damage(bytes.length), (d) => {
					const b = Buffer.from(bytes);
					for (const [at, x] of d.flips) b[at] ^= x;
					if (d.run) b.fill(d.run[2], d.run[0], Math.min(b.length, d.run[0] + d.run[1]));
					const input = d.cut === null ? b : b.subarray(0, d.cut);
					// Read as ingest reads it: the data of events that cannot become records are not decoded.
					const { summary } = readEvtxBytes(input, { wantData: becomesRecord });
					const report = JSON.parse(JSON.stringify(analyzeText([{ name: 'Logs/Application.evtx', text: input }]))) as Report;
					assert.ok(validate(report), JSON.stringify(validate.errors));
					const entry = report.inputs[0];
					if (input.subarray(0, 8).toString('latin1') !== 'ElfFile\0') return;
					assert.equal(entry.format, 'windows-events-evtx');
					assert.deepEqual([entry.records, entry.recoveredRecords, entry.unreadableRecords], [summary.events, summary.recovered, summary.unreadable]);
					assert.deepEqual(entry.problems.slice(0, summary.problems.length), summary.problems);
				}),
				{ seed: FUZZ_SEED, numRuns: RUNS, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
			);
		});
	}
});
