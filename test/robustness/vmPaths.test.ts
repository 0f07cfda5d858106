// Which VM a path names (analysis/vmPaths.ts vmOfPath): the lookup by stretches of each segment answers as
// the definition does — every VM name compared with every segment, a match standing as a whole token
// (nothing of a-z or 0-9 right before or after it), case-insensitive, one VM or none — for names and paths
// of the characters that matter (letters of both cases, digits, the separators - _ . and spaces), names
// inside other names (`VM-1` in `VM-10`), names glued to other text and archives' `!/`.
import * as assert from 'assert/strict';
import * as fc from 'fast-check';
import { vmOfPath } from '../../src/core/analysis/vmPaths';
import { FUZZ_SEED, fuzzParams } from '../lib/fuzz';

/** The definition: each name searched in each segment of the lower-cased path. */
function reference(vms: readonly string[], path: string): string | null {
	const segments = path.toLowerCase().split(/!\/|\//);
	const word = /[a-z0-9]/;
	const isToken = (segment: string, name: string): boolean => {
		for (let at = segment.indexOf(name); at >= 0; at = segment.indexOf(name, at + 1)) {
			if (!word.test(segment[at - 1] ?? '') && !word.test(segment[at + name.length] ?? '')) return true;
		}
		return false;
	};
	const named = [...new Set(vms)].filter((vm) => vm !== '' && segments.some((s) => isToken(s, vm.toLowerCase())));
	return named.length === 1 ? named[0] : null;
}

const char = fc.constantFrom(...'aAbB01-_. '.split(''));
const name = fc.array(char, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));

describe('vmOfPath names the VM a path names, as the definition does', function () {
	this.timeout(120_000);

	it('for random names and paths built of them', () => {
		fc.assert(
			fc.property(fc.array(name, { minLength: 1, maxLength: 8 }), fc.array(fc.oneof(name, fc.constantFrom('/', '!/', 'vmware.log', 'guest-', '_logs.zip', 'x')), { maxLength: 12 }), (vms, parts) => {
				// Paths hold the names themselves, often, not only text that happens to look like one.
				const path = parts.map((p, i) => (i % 3 === 1 ? vms[i % vms.length] : p)).join('');
				assert.equal(vmOfPath(vms)(path), reference(vms, path), `${JSON.stringify(vms)} in ${JSON.stringify(path)}`);
			}),
			{ ...fuzzParams(FUZZ_SEED + 11), numRuns: 5000 },
		);
	});

	it('examples', () => {
		const vmOf = vmOfPath(['VM-1', 'VM-10', 'SQL-PRD-01', 'sql01', 'SQL01']);
		assert.equal(vmOf('esxi/vmfs/volumes/ds/VM-10/vmware.log'), 'VM-10');
		assert.equal(vmOf('guest-vm-1/vmware-vmsvc.log'), 'VM-1');
		assert.equal(vmOf('SQL-PRD-01_logs.zip!/Application.evtx'), 'SQL-PRD-01');
		assert.equal(vmOf('collect/SQL01/app.xml'), null, 'two VMs whose names differ in case only');
		assert.equal(vmOf('VM-1/VM-10/vmware.log'), null, 'two VMs named');
		assert.equal(vmOf('VM-100/vmware.log'), null);
	});
});
