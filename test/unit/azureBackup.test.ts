import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/core';
import type { Report } from '../../src/core/model/report';
import { AZURE_BACKUP_CODES } from '../../src/core/knowledge/azureBackupCodes';
import { ROOT } from './readFixture';

// Azure VM Backup's snapshot errors, by their code's constant name, as the portal, a job's details and posts
// quoting them print it (test/fixtures/wild/README.md names the Japanese support post).

const analyse = (text: string, locale?: 'en' | 'ja'): Report => analyzeText([{ name: 'paste.txt', text }], locale ? { locale } : {});
const wild = (file: string): string => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'wild', file), 'utf8');
const titles = (r: Report) => r.findings.map((f) => `${f.code} ${f.title}`);

/** The job's error as the portal's job details show it, two labelled lines. */
const PORTAL = 'Error Code: ExtensionFailedVssWriterInBadState\nError Message: Snapshot operation failed because VSS writers were in a bad state.\n';

describe('Azure VM Backup: error codes by constant name', () => {
	it('the Japanese support post quoting both VSS codes: one Azure VM Backup attempt, failed, each code its finding', () => {
		const r = analyse(wild('jpabrs-azure-vm-backup-vss-bad-state.txt'));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].requester, 'Azure VM Backup');
		assert.equal(r.attempts[0].result, 'failed');
		assert.deepEqual(titles(r), ['QL550 Azure VM Backup reported the backup failed: ExtensionFailedVssServiceInBadState', 'QL550 Azure VM Backup reported the backup failed: ExtensionFailedVssWriterInBadState']);
		assert.match(r.findings[0].fix, /net stop VSS/);
		assert.match(r.findings[1].fix, /vssadmin list writers/);
	});

	it("the portal's job details, as pasted, quoted in Markdown or run onto one line: the writers' code and its fix", () => {
		for (const text of [PORTAL, PORTAL.replace(/^/gm, '> '), PORTAL.replace(/\n/g, ' '), PORTAL.replace(/\n/g, '\r\n')]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1, text);
			assert.equal(r.attempts[0].requester, 'Azure VM Backup', text);
			const f = r.findings.find((x) => x.code === 'QL550');
			assert.match(f?.message ?? '', /VSS writers in the VM were in a bad state/, text);
			assert.match(f!.fix, /restart the service of every writer that is not \[1\] Stable/, text);
		}
	});

	it('a Japanese report explains the code in Japanese; the code itself stays as printed', () => {
		const r = analyse(PORTAL, 'ja');
		const f = r.findings.find((x) => x.code === 'QL550')!;
		assert.match(f.title, /ExtensionFailedVssWriterInBadState/);
		assert.match(f.message, /VSS ライターが不正な状態/);
		assert.match(f.fix, /vssadmin list writers/);
	});

	it('every code of the table is read, and each has a fix of its own in both languages', () => {
		for (const code of Object.keys(AZURE_BACKUP_CODES)) {
			for (const locale of ['en', 'ja'] as const) {
				const f = analyse(`Error Code: ${code}\n`, locale).findings.find((x) => x.code === 'QL550');
				assert.ok(f, `${code} (${locale}) gives a finding`);
				assert.doesNotMatch(f.fix, new RegExp(`^1\\. (Look up|製品のドキュメント)`), `${code} (${locale}) has its own fix`);
			}
		}
	});

	it('negative: a name that only looks like one of the codes is no Azure error', () => {
		for (const text of ['ExtensionFailedVssWriterInBadStateX happened\n', 'Error Code: ExtensionFailedSomethingElse\n', 'The extension failed; VSS writers in bad state\n']) {
			assert.ok(
				analyse(text).attempts.every((a) => a.requester !== 'Azure VM Backup'),
				text,
			);
		}
	});
});
