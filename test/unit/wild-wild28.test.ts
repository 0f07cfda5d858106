import * as assert from 'assert/strict';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 11 (wild28): posts that paste a backup product's log lines, then a Windows event, one after the other
// with no blank line between (test/fixtures/wild/README.md names the sources). Each part is read by its own
// reader, and VSS's own error under the product's provider veto is that try's cause, not a try of its own.

const ONK = ['onk164-ja-bootcamp-macrium-0x80042306-wsb-0x81000019-createfilew.txt', 'onk164-ja-macrium-0x80042306-createfilew-and-windows-backup-0x81000019.txt'];

/** Macrium Reflect's lines of a failed image backup, as the onk164 post quotes them. */
const MACRIUM = [
	'ERROR: COM call "m_pVssObject->BackupComplete(&pAsync)" failed.',
	'- Returned HRESULT = 0x80042301',
	'- Error text: VSS_E_BAD_STATE',
	'Gathering Windows Events - Please Wait',
	'Backup aborted! - Failed To Create Volume Snapshot. Result Code: 0x80042306',
];
/** The same VSS 12289 in an English system's words (Event Viewer's message, pasted without its header). */
const CREATEFILE_EN = 'Volume Shadow Copy Service error: Unexpected error CreateFileW(\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy2,0x80000000,0x00000003,...).  hr = 0x80070001, Incorrect function.';

describe("wild28: a product's log lines, then VSS's event, pasted together (onk164)", () => {
	for (const file of ONK) {
		it(`${file}: Macrium's lines are its own try (0x80042306), the CreateFileW event its cause (QL314 on it)`, () => {
			for (const text of [wild(file), crlf(quoted(wild(file)))]) {
				const r = analyse(text);
				// Windows Backup's dialog copy below is a try of its own (session 12, wild29's test has it).
				assert.equal(r.attempts.length, 2, JSON.stringify(r.attempts.map((a) => a.hresult)));
				const [a] = r.attempts;
				assert.equal(a.requester, 'Macrium Reflect');
				assert.equal(a.hresult, '0x80042306');
				assert.equal(a.result, 'failed');
				assert.equal(finding(r, 'QL314')?.attemptId, a.id, codes(r).join(','));
				assert.ok(codes(r).includes('QL401'));
				// Each part by its own reader: Macrium's lines, then the event.
				assert.deepEqual(
					r.inputs.map((i) => i.format),
					['macrium-log', 'windows-events-pasted', 'wsb-log'],
				);
			}
		});
	}

	it('the same with the event in English, and with a blank line between the two parts', () => {
		for (const text of [[...MACRIUM, CREATEFILE_EN].join('\n'), [...MACRIUM, '', CREATEFILE_EN, ''].join('\r\n')]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].requester, 'Macrium Reflect');
			assert.equal(finding(r, 'QL314')?.attemptId, r.attempts[0].id);
		}
	});

	it("Macrium's lines, the event and a `vssadmin list writers` pasted one after another: each read by its own reader", () => {
		const listing = [
			'C:\\Windows\\system32>vssadmin list writers',
			'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool',
			'(C) Copyright 2001-2013 Microsoft Corp.',
			'',
			"Writer name: 'SqlServerWriter'",
			'   Writer Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}',
			'   Writer Instance Id: {1bddd48e-5052-49db-9b07-b96f96727e6b}',
			'   State: [8] Failed',
			'   Last error: Non-retryable error',
			'',
		];
		const paste = [...MACRIUM, CREATEFILE_EN, ...listing].join('\n');
		for (const text of [paste, crlf(quoted(paste))]) {
			const r = analyse(text);
			assert.deepEqual(
				r.inputs.map((i) => i.format),
				['macrium-log', 'windows-events-pasted', 'vssadmin-list-writers'],
			);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].requester, 'Macrium Reflect');
			assert.equal(finding(r, 'QL314')?.attemptId, r.attempts[0].id);
			assert.ok(
				r.findings.some((f) => f.code === 'QL201' && f.title.includes('SqlServerWriter') && f.title.includes('[8]')),
				codes(r).join(','),
			);
		}
	});

	it("negative: under a failure that is not the provider's (0x80042316, another snapshot in progress) the event stays a try of its own", () => {
		const text = ['Creating Volume Snapshot - Please Wait', 'Failed: Failed - 0x80042316 - IDispatch error #8470 - Retrying without VSS Writers', CREATEFILE_EN].join('\n');
		const r = analyse(text);
		assert.deepEqual(r.attempts.map((a) => a.hresult).sort(), ['0x80042316', '0x80070001']);
	});

	it("negative: vshadow's detail lines alone (other products embed them) are no Macrium log", () => {
		const r = analyse(MACRIUM.slice(0, 3).join('\n'));
		assert.equal(r.attempts[0].requester, null);
		assert.notEqual(r.inputs[0].format, 'macrium-log');
	});
});
