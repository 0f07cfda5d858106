import * as assert from 'assert';
import { analyze } from '../../src/core';
import { fixture } from './fixtures';
import { compileExcludes } from '../../src/core/ingest/globs';

describe('exclusion globs (files.exclude syntax on report paths)', () => {
	const m = (patterns: string[], p: string) => compileExcludes(patterns).match(p);

	it('a pattern without a slash matches the file name in any folder', () => {
		assert.strictEqual(m(['*.vmdk'], 'esxi/vmfs/volumes/ds/VM/VM-flat.vmdk'), '*.vmdk');
		assert.strictEqual(m(['*.vmdk'], 'VM.vmdk'), '*.vmdk');
		assert.strictEqual(m(['*.vmdk'], 'esxi/VM/vmware.log'), null);
	});

	it('* and ? stay inside a segment; ** spans segments, also none', () => {
		assert.strictEqual(m(['esxi/*.log'], 'esxi/hostd.log'), 'esxi/*.log');
		assert.strictEqual(m(['esxi/*.log'], 'esxi/var/hostd.log'), null);
		assert.strictEqual(m(['esxi/**/*.log'], 'esxi/var/run/log/hostd.log'), 'esxi/**/*.log');
		assert.strictEqual(m(['esxi/**/*.log'], 'esxi/hostd.log'), 'esxi/**/*.log');
		assert.strictEqual(m(['vmware-?.log'], 'vm/vmware-1.log'), 'vmware-?.log');
		assert.strictEqual(m(['vmware-?.log'], 'vm/vmware-10.log'), null);
	});

	it('a folder pattern excludes everything below it; braces and classes work', () => {
		assert.strictEqual(m(['guest/old/'], 'guest/old/vmware-vmsvc.log'), 'guest/old/');
		assert.strictEqual(m(['**/archive'], 'a/b/archive/x/y.log'), '**/archive');
		assert.strictEqual(m(['*.{vmdk,vmsn}'], 'x/a.vmsn'), '*.{vmdk,vmsn}');
		assert.strictEqual(m(['vmware-[0-9].log'], 'vmware-7.log'), 'vmware-[0-9].log');
		assert.strictEqual(m(['vmware-[!0-9].log'], 'vmware-7.log'), null);
	});

	it('archive members match as paths inside the archive; dots and pluses are literal', () => {
		assert.strictEqual(m(['bundle.zip/guest/**'], 'bundle.zip!/guest/vss.txt'), 'bundle.zip/guest/**');
		assert.strictEqual(m(['a.b+c.log'], 'axb+c.log'), null);
		assert.strictEqual(m(['a.b+c.log'], 'dir/a.b+c.log'), 'a.b+c.log');
	});

	it('empty patterns are ignored; the first matching pattern is named', () => {
		assert.strictEqual(m(['', '  '], 'x.log'), null);
		assert.strictEqual(m(['*.txt', '**/*.log', '*.log'], 'a/x.log'), '**/*.log');
	});
});

describe('analyze with exclusions', () => {
	it('an excluded file is listed with its pattern, unread, and the rest is analysed as before', () => {
		const dir = fixture('bundles', 'case-05-exchange-writer-retryable-ps51-utf16');
		const all = analyze([dir]);
		const without = analyze([dir], { exclude: ['esxi/var/**', 'nothing-matches'] });
		const hostd = without.inputs.find((i) => i.path === 'esxi/var/run/log/hostd.log');
		assert.deepStrictEqual(hostd && [hostd.format, hostd.formatReason, hostd.lines], ['unknown', "excluded by the pattern 'esxi/var/**'", 0]);
		assert.strictEqual(without.inputs.length, all.inputs.length, 'nothing disappears from the report');
		assert.strictEqual(without.attempts.length, 1);
		assert.strictEqual(without.attempts[0].task, null, 'the host task came from hostd.log only');
		assert.ok(all.attempts[0].task !== null);
	});

	it('members of an archive can be excluded by their path inside it', () => {
		const report = analyze([fixture('archives')], { exclude: ['**/*.tgz/**/hostd*'] });
		const members = report.inputs.filter((i) => i.path.includes('.tgz!/') && /hostd/.test(i.path));
		assert.ok(members.length > 0, 'the fixture tgz holds a hostd log');
		assert.ok(members.every((m) => m.formatReason.startsWith('excluded by the pattern')));
	});
});
