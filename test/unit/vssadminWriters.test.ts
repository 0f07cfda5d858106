import * as assert from 'assert/strict';
import { decodeText } from '../../src/core/decode/decode';
import { readLines } from '../../src/core/formats/lib/format';
import { vssadminWriters } from '../../src/core/formats/vss/vssadminWriters';
import type { Writer } from '../../src/core/model/report';
import { fixtureBytes } from './fixtures';

const readText = (text: string, path = 'w.txt') => readLines(vssadminWriters, path, text.split(/\r?\n/));
const readFixture = (file: string) => readLines(vssadminWriters, file, decodeText(fixtureBytes('listings', file)).lines);
const byName = (writers: Writer[] | undefined, name: string): Writer => {
	const w = writers?.find((x) => x.name === name);
	assert.ok(w, `writer ${name} not found`);
	return w;
};

const BLOCK = (name: string, state: string, err = 'No error', indent = '   ') =>
	`Writer name: '${name}'\n${indent}Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}\n${indent}Writer Instance Id: {2ed30535-dd89-526c-b699-1037110ecfd1}\n${indent}State: ${state}\n${indent}Last error: ${err}\n`;
const HEADER = 'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n(C) Copyright 2001-2013 Microsoft Corp.\n\n';

describe('vssadmin list writers: every locale, decided by [n]', () => {
	it('German UTF-16LE: System and WMI Writer [7] failed at prepare backup, "Kein Fehler" is no error', () => {
		const r = readFixture('de-utf16le-bom-failed-no-error.txt');
		const sys = byName(r.facts.writers, 'System Writer');
		assert.equal(sys.stateCode, 7);
		assert.equal(sys.state, 'VSS_WS_FAILED_AT_PREPARE_BACKUP');
		assert.equal(sys.stateText, 'Fehlgeschlagen');
		assert.equal(sys.lastError, 'Kein Fehler');
		assert.equal(sys.hasLastError, false);
		assert.equal(sys.failed, true);
		assert.equal(sys.service, 'CryptSvc');
		assert.equal(sys.writerId, 'e8132975-6f93-4464-a53e-1050253ae220');
		assert.deepEqual(sys.source, { path: 'de-utf16le-bom-failed-no-error.txt', line: 4 });
		assert.deepEqual(sys.stateSource, { path: 'de-utf16le-bom-failed-no-error.txt', line: 7 });
		assert.equal(byName(r.facts.writers, 'WMI Writer').stateCode, 7);
		assert.equal(r.facts.writers?.filter((w) => w.failed).length, 2);
		assert.equal(r.unparsedLines, 0);
		assert.deepEqual(r.problems, []);
	});

	it('Japanese CP932: SqlServerWriter [9] failed at freeze with タイムアウト mapped to 0x800423F2; [5] is waiting, not failed', () => {
		const r = readFixture('ja-cp932-sql-failed-at-freeze.txt');
		const sql = byName(r.facts.writers, 'SqlServerWriter');
		assert.equal(sql.stateCode, 9);
		assert.equal(sql.state, 'VSS_WS_FAILED_AT_FREEZE');
		assert.equal(sql.stateText, '失敗');
		assert.equal(sql.lastError, 'タイムアウト');
		assert.equal(sql.lastErrorHresult, '0x800423F2');
		assert.equal(sql.service, 'SQLWriter');
		const wmi = byName(r.facts.writers, 'WMI Writer');
		assert.equal(wmi.stateCode, 5);
		assert.equal(wmi.failed, false);
		assert.equal(byName(r.facts.writers, 'System Writer').hasLastError, false);
		assert.equal(r.facts.writers?.length, 5);
		assert.equal(r.unparsedLines, 0, 'the echoed command and the trailing prompt are understood');
	});

	it('French CP850: two-digit states [11] and [12], labels with a space before the colon', () => {
		const r = readFixture('fr-cp850-ntds-failed-at-post-snapshot.txt');
		const ntds = byName(r.facts.writers, 'NTDS');
		assert.equal(ntds.stateCode, 11);
		assert.equal(ntds.state, 'VSS_WS_FAILED_AT_POST_SNAPSHOT');
		assert.equal(ntds.stateText, 'Échec');
		assert.equal(ntds.hasLastError, true);
		assert.equal(ntds.instanceId, '6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2918');
		const hv = byName(r.facts.writers, 'Microsoft Hyper-V VSS Writer');
		assert.equal(hv.stateCode, 12);
		assert.equal(hv.state, 'VSS_WS_FAILED_AT_BACKUP_COMPLETE');
		assert.equal(hv.hasLastError, false, '"Aucune erreur" is what the stable writers say');
	});

	it('the same French listing reads the same in CP850, Windows-1252 and UTF-8', () => {
		const pick = (file: string) => readFixture(file).facts.writers?.map((w) => [w.name, w.stateCode, w.lastError]);
		const cp850 = pick('fr-cp850-ntds-failed-at-post-snapshot.txt');
		assert.deepEqual(pick('fr-windows1252-notepad.txt'), cp850);
		assert.deepEqual(pick('fr-utf8-nobom-pwsh7.txt'), cp850);
	});

	it('an unknown locale: "no error" is the text most stable writers share, not a word list', () => {
		const r = readFixture('es-cp850-unknown-locale.txt');
		const exch = byName(r.facts.writers, 'Microsoft Exchange Writer');
		assert.equal(exch.stateCode, 10);
		assert.equal(exch.hasLastError, true);
		assert.equal(exch.lastErrorHresult, null, 'an unknown text is not guessed into an HRESULT');
		assert.equal(byName(r.facts.writers, 'Registry Writer').hasLastError, false);
		assert.equal(byName(r.facts.writers, 'COM+ REGDB Writer').hasLastError, true, 'a stable writer can still carry an error');
	});

	it('English with the "Waiting for responses" preamble: the preamble is understood, not unparsed', () => {
		const r = readFixture('en-utf16le-bom-waiting-preamble.txt');
		const ex = byName(r.facts.writers, 'Microsoft Exchange Writer');
		assert.equal(ex.stateCode, 8);
		assert.equal(ex.lastErrorHresult, '0x800423F3');
		assert.equal(r.unparsedLines, 0);
		assert.equal(r.facts.writerListings?.[0].status, 'ok');
	});

	it('every state code 0–15 maps to its VSS_WS_* name; 6–15 are failed', () => {
		const text = HEADER + Array.from({ length: 16 }, (_, n) => BLOCK(`W${n}`, `[${n}] x`)).join('\n');
		const writers = readText(text).facts.writers!;
		assert.equal(writers.length, 16);
		assert.deepEqual(
			writers.map((w) => w.failed),
			Array.from({ length: 16 }, (_, n) => n >= 6),
		);
		assert.equal(writers[0].state, 'VSS_WS_UNKNOWN');
		assert.equal(writers[5].state, 'VSS_WS_WAITING_FOR_BACKUP_COMPLETE');
		assert.equal(writers[15].state, 'VSS_WS_FAILED_AT_BACKUPSHUTDOWN');
	});

	it('a state number VSS does not define is kept with a problem, never guessed', () => {
		const r = readText(HEADER + BLOCK('Odd Writer', '[42] ???'));
		const w = byName(r.facts.writers, 'Odd Writer');
		assert.equal(w.stateCode, 42);
		assert.equal(w.state, null);
		assert.equal(w.failed, false);
		assert.match(r.problems.join(), /\[42\]/);
	});
});

describe('vssadmin list writers: headers, empty and error outputs', () => {
	it('Error: output instead of blocks → status error with the text and its line', () => {
		const r = readFixture('en-cp437-error-2005-header.txt');
		const l = r.facts.writerListings![0];
		assert.equal(l.status, 'error');
		assert.equal(l.count, 0);
		assert.match(l.errorText!, /^Error: A Volume Shadow Copy Service component encountered an unexpected error\./);
		assert.equal(l.errorLine, 4);
	});

	it('header only (all writers missing) → status empty; the 2001 header of Server 2003 is accepted', () => {
		const r = readText('vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n(C) Copyright 2001 Microsoft Corp.\n\n');
		assert.equal(r.facts.writerListings![0].status, 'empty');
		assert.equal(r.unparsedLines, 0);
	});

	it('header and preamble only → empty, not an error', () => {
		const r = readText(HEADER + 'Waiting for responses.\nThese may be delayed if a shadow copy is being prepared.\n\n');
		assert.equal(r.facts.writerListings![0].status, 'empty');
	});
});

describe('vssadmin list writers: damaged input keeps what was read', () => {
	it('a truncated listing keeps the writers read so far and records a problem', () => {
		const text = HEADER + BLOCK('Task Scheduler Writer', '[1] Stable') + '\n' + "Writer name: 'SqlServerWriter'\n   Writer Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}\n   Writer Instance Id: {cd5ce1c0-84de";
		const r = readText(text);
		assert.equal(r.facts.writers?.length, 2);
		const sql = byName(r.facts.writers, 'SqlServerWriter');
		assert.equal(sql.stateCode, null);
		assert.equal(sql.instanceId, null);
		assert.match(r.problems[0], /ends inside the block of writer 'SqlServerWriter'.*truncated/);
		assert.equal(r.unparsedLines, 1, 'the cut GUID line is counted, not dropped');
	});

	it('forum paste: indentation lost, LF endings, a GUID wrapped at 80 columns', () => {
		const text = "Writer name: 'System Writer'\nWriter Id: {e8132975-6f93-4464-a53e-105025\n3ae220}\nWriter Instance Id: {2ed30535-dd89-526c-b699-1037110ecfd1}\nState: [9] Failed\nLast error: Timed out\n";
		const r = readText(text);
		const w = byName(r.facts.writers, 'System Writer');
		assert.equal(w.writerId, 'e8132975-6f93-4464-a53e-1050253ae220');
		assert.equal(w.stateCode, 9);
		assert.equal(w.lastErrorHresult, '0x800423F2');
		assert.equal(r.unparsedLines, 0);
	});

	it('a block missing its instance id line still yields the state', () => {
		const text = "Writer name: 'BITS Writer'\n   Writer Id: {4969d978-be47-48b0-b100-f328f07ac1e0}\n   State: [1] Stable\n   Last error: No error\n";
		const w = byName(readText(text).facts.writers, 'BITS Writer');
		assert.equal(w.stateCode, 1);
		assert.equal(w.writerId, '4969d978-be47-48b0-b100-f328f07ac1e0');
	});

	it('double-quoted writer names and several instances of one writer class', () => {
		const text = HEADER + BLOCK('SqlServerWriter', '[1] Stable').replace(/'/g, '"') + '\n' + BLOCK('SqlServerWriter', '[9] Failed', 'Timed out');
		const writers = readText(text).facts.writers!;
		assert.deepEqual(
			writers.map((w) => [w.name, w.stateCode]),
			[
				['SqlServerWriter', 1],
				['SqlServerWriter', 9],
			],
		);
	});

	it('stray lines between blocks are counted as unparsed', () => {
		const r = readText(HEADER + BLOCK('A', '[1] Stable') + '\n-- pasted by someone --\n\n' + BLOCK('B', '[1] Stable'));
		assert.equal(r.facts.writers?.length, 2);
		assert.equal(r.unparsedLines, 1);
	});
});
