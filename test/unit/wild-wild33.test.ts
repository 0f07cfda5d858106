import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, rewrapped, wild } from '../lib/wildText';

// Session 12 (wild33): backup products' logs, round 4 — Acronis' error chains ("Additional info"), in forum posts and
// paste-site listings; test/fixtures/wild/README.md names each source. Variants: what a paste does to the chain
// (quoted, CRLF, re-wrapped, cut), the console's labels in French, the older `$module : name` fields.

const SHADOW_COPY = 'acronis-forum-mssql-backup-failed-shadow-copy-of-volume-1802-349.txt';
const CLASS = 'acronis-forum-mssql-class-not-registered-createvsssnapshot-2147746132.txt';
const HYPERV = 'pastebin-gwsyrx28-acronis-hyperv-multi-volume-snapshot-failed-avhd.txt';
const PLAN = 'pastebin-lvhucnev-acronis-log-entry-backup-plan-failed-module-chain.txt';
const DUTCH = 'acronis-forum-nl-sql-job-expression-test-failed-803-31-349.txt';
const READ = 'acronis-forum-several-backup-failed-read-snapshot-2147942487.txt';

/** The one failed try an Acronis chain makes: Acronis the requester, the decisive code, QL550 naming Acronis. */
function readsChain(r: Report, hresult: string | null, label: RegExp): void {
	assert.equal(r.attempts.length, 1);
	const a = r.attempts[0];
	assert.equal(a.result, 'failed');
	assert.equal(a.requester, 'Acronis');
	assert.equal(a.hresult, hresult);
	assert.deepEqual(codes(r), ['QL550']);
	const f = finding(r, 'QL550')!;
	assert.equal(f.attemptId, a.id);
	assert.match(f.title, /^Acronis reported the backup failed/);
	assert.match(f.title, label);
}

describe('wild33: Acronis error chains (Error code / Module / LineInfo / Fields $module / Message) are one failure', () => {
	it('the SQL backup that could not create a shadow copy (1802, module 349): Acronis 0x015D070A, what VSS failing means, the cause line as evidence', () => {
		for (const text of [wild(SHADOW_COPY), quoted(wild(SHADOW_COPY)), crlf(wild(SHADOW_COPY)), rewrapped(wild(SHADOW_COPY))]) {
			const r = analyse(text);
			readsChain(r, null, /0x015D070A/);
			const f = finding(r, 'QL550')!;
			assert.match(f.message, /shadow copy of a volume could not be created/);
			assert.match(f.message, /shadow storage/);
			assert.match(f.evidence[0].text, /Message: Failed to create the shadow copy of volume/);
		}
	});

	it('"Class not registered" under CreateVssSnapshot: the Windows code in the fields (2147746132) decides, Acronis\' own code beside it', () => {
		for (const text of [wild(CLASS), quoted(wild(CLASS)), crlf(wild(CLASS)), rewrapped(wild(CLASS))]) {
			const r = analyse(text);
			readsChain(r, '0x80040154', /REGDB_E_CLASSNOTREG/);
			const f = finding(r, 'QL550')!;
			assert.match(f.message, /printed as 2147746132/);
			assert.match(f.message, /0x015D06B1/);
			// The fields' source files are Acronis' code, no item of the backup.
			assert.doesNotMatch(f.message, /command\.cpp|Item:/);
			assert.match(f.evidence[0].text, /Message: Class not registered/);
		}
	});

	it('the chain cut before its last records: the deepest record left is the cause (Acronis 0x015D06B1, no Windows code)', () => {
		const text = wild(CLASS);
		const cut = text.slice(0, text.indexOf('Error code: 33'));
		readsChain(analyse(cut), null, /0x015D06B1/);
		// Cut mid-line inside the cause's own fields: still the chain above it.
		readsChain(analyse(text.slice(0, text.indexOf('"$module":"rsDbBackupProvider_vsa64_14800"}\nMessage: Failed to process'))), null, /0x015D06B1/);
	});

	it("a Dutch console's chain (`Foutcode : 31`, `Velden:`, `Bericht:`): the agent's internal error, module 349 code 31, its message as evidence", () => {
		for (const text of [wild(DUTCH), quoted(wild(DUTCH)), crlf(wild(DUTCH))]) {
			const r = analyse(text);
			readsChain(r, null, /0x015D001F/);
			assert.match(finding(r, 'QL550')!.evidence[0].text, /Bericht: Internal error: An expression test has failed/);
		}
	});

	it("the snapshot made but not readable (disk errors): one try, E_INVALIDARG from the chain's last record, above it the two records the poster quoted", () => {
		for (const text of [wild(READ), crlf(wild(READ))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].result, 'failed');
			assert.equal(r.attempts[0].hresult, '0x80070057');
			const f = r.findings.find((x) => x.code === 'QL550' && x.hresult === '0x80070057')!;
			assert.match(f.message, /printed as 2147942487/);
			assert.match(f.evidence[0].text, /Message: The parameter is incorrect/);
		}
	});

	it('the console in German (every label translated, `Zeileninfo:` too): the same reading', () => {
		const de = wild(CLASS)
			.replace(/^Error code:/gm, 'Fehlercode:')
			.replace(/^Module:/gm, 'Modul:')
			.replace(/^LineInfo:/gm, 'Zeileninfo:')
			.replace(/^Fields:/gm, 'Felder:')
			.replace(/^Message:/gm, 'Nachricht:');
		readsChain(analyse(de), '0x80040154', /REGDB_E_CLASSNOTREG/);
		assert.match(finding(analyse(de), 'QL550')!.evidence[0].text, /Nachricht: Class not registered/);
	});

	it('the console in French (labels translated, LineInfo and $module not): the same reading', () => {
		const fr = wild(CLASS)
			.replace(/^Error code:/gm, "Code d'erreur:")
			.replace(/^Fields:/gm, 'Champs:')
			.replace('Additional info:', 'Informations additionnelles:');
		readsChain(analyse(fr), '0x80040154', /REGDB_E_CLASSNOTREG/);
	});

	it("paste-site listings (`  12. ` numbers under the page's heading): the Hyper-V host backup's multi-volume snapshot, a backup plan's chain cut short", () => {
		for (const text of [wild(HYPERV), crlf(wild(HYPERV)), quoted(wild(HYPERV))]) {
			const r = analyse(text);
			readsChain(r, null, /0x005300D4/);
			const f = finding(r, 'QL550')!;
			// The VM's differencing disk the chain could not open is the item.
			assert.match(f.message, /w2008sql_E1B438CE-4624-4BD3-AA84-2DCAE6D64395\.avhd/);
			assert.match(f.evidence[0].text, /multi-volume snapshot/);
		}
		readsChain(analyse(wild(PLAN)), null, /0x01350016/);
		// The same chain without the listing's numbers and heading (the `$module : name` fields of Acronis Backup 11.7).
		const bare = wild(HYPERV)
			.split('\n')
			.flatMap((l) => (/^ {2}\d{1,3}\. ?/.test(l) ? [l.replace(/^ {2}\d{1,3}\. ?/, '')] : []))
			.join('\n');
		readsChain(analyse(bare), null, /0x005300D4/);
	});

	it('Japanese findings name the code and its meaning in Japanese', () => {
		const f = finding(analyse(wild(SHADOW_COPY), 'ja'), 'QL550')!;
		assert.match(f.message, /シャドウ コピーを作成できませんでした/);
	});

	it('negative: a record without its LineInfo, or a LineInfo with no record around it, is no chain', () => {
		const noTag = 'Error code: 1802\nModule: 349\nFields: {"$module":"ArsDbBackupProvider64_vsa64_1621"}\nMessage: Failed to create the shadow copy of volume.\n';
		assert.ok(analyse(noTag).attempts.every((a) => a.requester !== 'Acronis'));
		const lone = 'Build notes\nLineInfo: 0x8A9F7BA9E74D6F1F\nsee $module : x_vs_1\n';
		assert.equal(analyse(lone).attempts.length, 0);
	});
});
