import * as assert from 'assert/strict';
import { explainAt } from '../../src/core/diagnosis/explain';

/** Explains the token at the first occurrence of `needle` in the line. */
const at = (line: string, needle: string) => explainAt(line, line.indexOf(needle) + 1);

describe('hover explanations: HRESULTs, IDispatch errors, writer states, VmBackupStatus, event ids', () => {
	it('an HRESULT in any case gives its name, meaning and the IDispatch number Tools prints', () => {
		const e = at("'VssSyncStart' operation failed: IDispatch error #8449 (0x80042301)", '0x8004')!;
		assert.equal(e.title, 'VSS_E_BAD_STATE (0x80042301)');
		assert.ok(e.lines.some((l) => /IDispatch error #8449/.test(l)));
		assert.equal(at('hr = 0x800423f2, The writer', '0x8004')!.title, 'VSS_E_WRITERERROR_TIMEOUT (0x800423F2)');
	});

	it('IDispatch error #N is decoded to the HRESULT', () => {
		assert.equal(at('failed: IDispatch error #8451 (0x80042303)', 'IDispatch')!.title, 'IDispatch error #8451 = VSS_E_PROVIDER_ALREADY_REGISTERED (0x80042303)');
	});

	it('decimal codes as Windows Server Backup or PowerShell print them', () => {
		assert.equal(at('Error code: 2147754995.', '2147')!.title, '2147754995 = VSS_E_WRITERERROR_RETRYABLE (0x800423F3)');
		assert.equal(at('HResult : -2147212301', '-2147')!.title, '-2147212301 = VSS_E_WRITERERROR_RETRYABLE (0x800423F3)');
		assert.equal(at('build 2147754995x', '2147'), null, 'a number glued to other text is not a code');
	});

	it('[n] after a label in any language is the writer state', () => {
		assert.equal(at('   状態: [9] 失敗', '[9]')!.title, '[9] VSS_WS_FAILED_AT_FREEZE');
		assert.equal(at('   État : [11] Échec', '[11]')!.title, '[11] VSS_WS_FAILED_AT_POST_SNAPSHOT');
		assert.equal(at('array[9] = x', '[9]'), null, 'no label, no state');
	});

	it('VmBackupStatus from the VMX message and the guest event', () => {
		assert.equal(at('vmx| I125+ The error code was: 3', 'code')!.title, 'VmBackupStatus 3: VMBACKUP_SYNC_ERROR');
		assert.equal(at('vmbackup.eventSet req.error 5 ', 'req.error')!.title, 'VmBackupStatus 5: VMBACKUP_UNEXPECTED_ERROR');
	});

	it('an event id, with the provider on the line or looked up among the quiesce providers', () => {
		const e = at("<System><Provider Name='VSS'/><EventID Qualifiers='0'>8229</EventID>", '8229')!;
		assert.equal(e.title, 'Event 8229');
		assert.match(e.lines[0], /^VSS: /);
		assert.match(at("<EventID Qualifiers='49158'>25</EventID>", '25')!.lines.join(), /volsnap/);
	});

	it('nothing to explain away from a token', () => {
		assert.equal(explainAt('plain text 0x80042301', 2), null);
		assert.equal(explainAt('', 0), null);
	});
});
