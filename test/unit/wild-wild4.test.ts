import * as assert from 'assert/strict';
import { analyzeText } from '../../src/core';
import type { Report } from '../../src/core/model/report';

// Session 6 (wild4): Windows and ESXi evidence in odd containers. Each case is built from the shape of a real
// published excerpt (test/fixtures/wild/README.md names each source), with variants of what a paste does to it.

const analyse = (text: string, locale?: 'en' | 'ja'): Report => analyzeText([{ name: 'paste.txt', text }], locale ? { locale } : {});
const codes = (r: Report) => r.findings.map((f) => f.code).sort();
const formats = (r: Report) => r.inputs.map((i) => i.format);

describe('wild4: a vSphere message under prose in one paragraph', () => {
	// open-vm-tools #180: two short lines of the reporter's prose, then the host's message, no blank line between.
	const COMMENT = ['i just try and it fails. ', 'on the esx i have the message', 'The guest OS has reported an error during quiescing'];

	it("points its evidence at the message's line, not the paragraph's first", () => {
		const r = analyse(['VMware ESXi, 6.0.0, 5050593', '', ...COMMENT].join('\n'));
		assert.deepEqual(formats(r), ['vmware-product-quiesce']);
		assert.equal(r.attempts[0].result, 'failed');
		assert.deepEqual(codes(r), ['QL112']);
		const f = r.findings[0];
		assert.equal(f.evidence[0].line, 5);
		assert.match(f.evidence[0].text, /^The guest OS has reported/);
	});

	it('quoted in Markdown with CRLF: the same line', () => {
		const r = analyse(COMMENT.map((l) => `> ${l}`).join('\r\n'));
		assert.equal(r.findings.find((x) => x.code === 'QL112')!.evidence[0].line, 3);
	});

	it('negative: a message hard-wrapped at its width keeps its first line (every line is part of it)', () => {
		const wrapped = ['Warning message from ESXi: the guest OS has reported an error during', 'quiescing. Error code was: 2 the error message was: custom quiesce script', 'failed.'];
		const r = analyse(wrapped.join('\n'));
		assert.deepEqual(
			r.findings.map((f) => f.evidence[0].line),
			r.findings.map(() => 1),
		);
		// A Japanese client's message, wrapped by columns (a wide character fills two): its first line too.
		const ja = ['仮想マシンの静止中にエラーが発生しました。詳細については、仮想マシンのイベ', "ント ログを参照してください。'VssSyncStart' operation failed: IDispatch", 'error #8451 (0x80042303)'];
		assert.ok(analyse(ja.join('\n')).findings.every((f) => f.evidence.every((e) => e.line === 1)));
	});
});
