import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { analyzeAsync } from '../../src/core';
import type { Report } from '../../src/core/model/report';
import { driverFinalStatus } from '../../src/core/knowledge/ntstatus';
import { cleanLines, pasteNormaliser } from '../../src/core/decode/paste';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 11 (wild25): Windows events in more containers and display languages — KB 833167's event copies as
// its Polish, Czech, Turkish and Bulgarian pages print them, KB 887827's volsnap events with their Data dumps,
// two Event Viewer copies of VSS 8194 from Duplicati's tracker, and two TechNet event tables (documentation).
// test/fixtures/wild/README.md names each source.

/** The one try of a paste and the volsnap ids QL401 reads on it. */
function volsnapVeto(r: Report, ids: number[]) {
	assert.equal(r.attempts.length, 1, 'the events of one KB are one try');
	const [a] = r.attempts;
	assert.equal(a.result, 'failed');
	const veto = finding(r, 'QL401');
	assert.ok(veto, 'QL401: the system provider’s driver aborted the shadow copy');
	assert.equal(veto.attemptId, a.id);
	for (const id of ids.slice(0, 2)) assert.match(veto.message, new RegExp(`volsnap event ${id} \\(`));
	assert.equal(a.events.length, ids.length, `volsnap events ${ids.join(', ')}`);
	return veto;
}

describe('wild25: KB 833167’s flattened event copies in Polish, Czech and Turkish are read by their values', () => {
	const PL = wild('mskb833167-pl-volsnap-5-20-merged-source-label-cut.txt');
	const CS = wild('mskb833167-cs-volsnap-5-20-28-data-cut.txt');
	const TR = wild('mskb833167-tr-volsnap-5-20-28-cut.txt');

	it('Czech (`Typ události:\\tChyba … ID události: 5 Popis: …`): volsnap 5, 20 and 28 of one failed try', () => {
		volsnapVeto(analyse(CS), [5, 20, 28]);
	});

	it('Turkish (`Olay Türü: Hata … Olay Kimliği: 5 Açıklama: …`): the id read in its place after the category, no `ID` in its label', () => {
		volsnapVeto(analyse(TR), [5, 20, 28]);
	});

	it('Polish: `Identyfikator zdarzenia:` read by place, and event 20 whose level word the translation ran into the next label', () => {
		const r = analyse(PL);
		volsnapVeto(r, [5, 20]);
		assert.deepEqual(
			r.attempts[0].events.map((e) => e.line),
			[7, 8],
		);
	});

	// The same copy as Windows 2003 in other display languages prints it: the id labelled `Id.` (Spanish), or with
	// the category's word (`Код события`, Russian) or the header's own (`ID de l'événement :`, French, a blank before
	// each colon).
	const OTHER = {
		fr: "Type d'événement :\tErreur Source de l'événement :\tVolSnap Catégorie de l'événement :\tAucun ID de l'événement :\t\t5 Description : Impossible de créer le cliché instantané du volume X:.",
		es: 'Tipo de evento:\tError Origen del evento:\tVolSnap Categoría del evento:\tNinguno Id. del evento:\t\t5 Descripción: No se pudo crear la instantánea del volumen X:.',
		ru: 'Тип события:\tОшибка Источник события:\tVolSnap Категория события:\tОтсутствует Код события:\t\t5 Описание: Не удалось создать теневую копию тома X:.',
	};

	for (const [language, line] of Object.entries(OTHER)) {
		it(`the header in another display language (${language}): volsnap 5, a failed try`, () => {
			volsnapVeto(analyse(line), [5]);
		});
	}

	it('the Russian copy saved in Windows-1251 (a Russian Windows’ ANSI code page): decoded as such, the same reading', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-wild25-'));
		try {
			const file = path.join(dir, 'events.txt');
			fs.writeFileSync(file, iconv.encode(OTHER.ru, 'windows-1251'));
			const r = await analyzeAsync([file]);
			assert.equal(r.inputs[0].encoding, 'windows-1251');
			volsnapVeto(r, [5]);
			assert.match(r.attempts[0].events[0].text, /^Тип события:/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('the same pages quoted as a reply and with CRLF: the same reading', () => {
		for (const text of [quoted(PL), crlf(CS), crlf(quoted(TR))]) assert.ok(finding(analyse(text), 'QL401'), text.slice(0, 40));
	});

	it('another level word of the same languages is read as its level (Turkish Uyarı, Polish Ostrzeżenie: warnings)', () => {
		const warn = 'Olay Türü:\tUyarı Olay Kaynağı:\tVolSnap Olay Kategorisi:\tYok Olay Kimliği:\t\t24 Açıklama: X: biriminde gölge kopya depolamasını büyütmek için yeterli disk alanı yoktu.';
		const r = analyse(warn);
		assert.equal(r.findings.filter((f) => f.severity === 'error').length, 0, 'a warning states no failure');
		const pl = 'Typ zdarzenia:\tOstrzeżenie Źródło zdarzenia:\tVolSnap Kategoria zdarzenia:\tBrak Identyfikator zdarzenia:\t\t24 Opis: Za mało miejsca na dysku.';
		assert.equal(analyse(pl).attempts.filter((a) => a.result === 'failed').length, 0);
	});

	it('negative: a flattened line without a level whose source does not log that id is no event; nor is an integer far after the source', () => {
		const noLevel = 'Typ zdarzenia:\tŹródło zdarzenia błędu:\tVolSnap Kategoria zdarzenia:\tBrak Identyfikator zdarzenia:\t\t999 Opis: Coś się stało.';
		assert.deepEqual([analyse(noLevel).attempts.length, analyse(noLevel).findings.length], [0, 0]);
		const far = 'Typ zdarzenia:\tBłąd Źródło zdarzenia:\tVolSnap Kategoria zdarzenia:\tBrak Użytkownik:\tN/A Komputer:\tSERWER Numer:\t\t5 Opis: Nie można utworzyć kopii w tle woluminu X:.';
		assert.equal(analyse(far).attempts.length, 0, 'the id stands right after the category');
	});
});

describe('wild25: a driver event’s Data dump gives its final status (KB 887827, volsnap 28 and 20)', () => {
	const KB = wild('mskb887827-volsnap-5-28-20-data-dwords-c000009a.txt');

	it('the KB’s three events are one failed try; QL401 names STATUS_INSUFFICIENT_RESOURCES from event 28’s dump', () => {
		const veto = volsnapVeto(analyse(KB), [5, 28, 20]);
		assert.match(veto.message, /volsnap event 28 \([^)]*; final status STATUS_INSUFFICIENT_RESOURCES \(0xC000009A\)\)/);
	});

	it('the fix names kernel memory (non-paged pool) and the KBs’ updates: volsnap 5, or a final status of insufficient resources', () => {
		assert.match(finding(analyse(KB), 'QL401')!.fix, /ran out of kernel memory .*Pool Nonpaged Bytes.*KB 887827/s);
		// Event 28 alone, its dump saying insufficient resources: the same advice; another failure status (an I/O device error) is no memory shortage.
		const lines = KB.split('\n');
		const only28 = lines.slice(17, 23).join('\n');
		assert.match(only28, /Event ID: 28/);
		assert.match(finding(analyse(only28), 'QL401')!.fix, /kernel memory/);
		assert.doesNotMatch(finding(analyse(only28.replace('c000009a', 'c0000185')), 'QL401')!.fix, /kernel memory/, 'an I/O device error is no memory shortage');
		assert.match(finding(analyse(only28.replace('c000009a', 'c0000185')), 'QL401')!.message, /STATUS_IO_DEVICE_ERROR \(0xC0000185\)/);
	});

	it('in Japanese words: 最終ステータス', () => {
		assert.match(finding(analyse(KB, 'ja'), 'QL401')!.message, /最終ステータス STATUS_INSUFFICIENT_RESOURCES \(0xC000009A\)/);
	});

	it('the dump in words or in Event Viewer’s bytes (little-endian, with its ASCII column) reads the same', () => {
		const words = 'Data: 0000: 00000000 00580002 00000000 c006001c 0010: 00000000 c000009a 00000014 00000000';
		const bytes = ['Data:', '0000: 00 00 00 00 02 00 58 00   ......X.', '0008: 00 00 00 00 1c 00 06 c0   ........', '0010: 00 00 00 00 9a 00 00 c0   ........'].join('\n');
		assert.equal(driverFinalStatus(28, words), '0xC000009A');
		assert.equal(driverFinalStatus(28, bytes), '0xC000009A');
	});

	it('negative: another event’s dump, a dump cut before the status, rows whose offsets do not follow, a success status', () => {
		const words = 'Data: 0000: 00000000 00580002 00000000 c006001c 0010: 00000000 c000009a';
		assert.equal(driverFinalStatus(20, words), null, 'the dump’s error code is event 28’s');
		assert.equal(driverFinalStatus(28, wild('mskb833167-cs-volsnap-5-20-28-data-cut.txt')), null, 'the Czech page cut its dump');
		assert.equal(driverFinalStatus(28, 'Data: 0000: 00000000 00580002 00000000 c006001c 0020: 00000000 c000009a'), null);
		assert.equal(driverFinalStatus(28, 'Data: 0000: 00000000 00580002 00000000 c006001c 0010: 00000000 00000000'), null);
	});
});

describe('wild25: a KB’s event header run together (`Event Type:ErrorEvent Source:VolSnap`) is read by its id and message', () => {
	const BG = wild('mskb833167-bg-volsnap-5-type-source-run-together-cut.txt');

	it('Bulgarian page, English events: volsnap 5 from `Event ID: 5` and its message (cut mid-word), one failed try', () => {
		volsnapVeto(analyse(BG), [5]);
	});

	it('quoted and CRLF: the same; the message alone (no header) is still volsnap 5', () => {
		assert.ok(finding(analyse(crlf(quoted(BG))), 'QL401'));
		const alone = 'The shadow copy of volume X: could not be created due to insufficient non-paged memory pool for a bitmap structure.';
		assert.match(finding(analyse(alone), 'QL401')!.message, /volsnap event 5/);
	});

	it('negative: prose about non-paged memory that names no shadow copy is no event', () => {
		assert.equal(analyse('The server C: ran low on non-paged memory yesterday.').attempts.length, 0);
	});
});

describe('wild25: VSS 8194 in two more Event Viewer containers (Duplicati #287 and #3236)', () => {
	const reading = (r: Report) => {
		const w = finding(r, 'QL315');
		assert.ok(w, 'QL315: the writer that could not call the requester back');
		assert.deepEqual(w.writers, ['System Writer']);
		assert.equal(w.hresult, '0x80070005');
		assert.match(w.fix, /IVssWriterCallback/);
	};

	it('#287: "Copy details as text" with a US 12-hour date, its Event Xml cut at `<Provider`', () => {
		const r = analyse(wild('duplicati-287-vss-8194-copy-details-event-xml-cut.txt'));
		reading(r);
		assert.deepEqual(codes(r), ['QL315']);
	});

	it('#3236: `Level = Error` / `Source = VSS` / `Event ID = 8194` in a fence, under a timeline', () => {
		reading(analyse(wild('duplicati-3236-vss-8194-level-source-event-id-equals-fenced.txt')));
	});

	it('both quoted and CRLF: the same reading', () => {
		reading(analyse(crlf(quoted(wild('duplicati-287-vss-8194-copy-details-event-xml-cut.txt')))));
		reading(analyse(quoted(wild('duplicati-3236-vss-8194-level-source-event-id-equals-fenced.txt'))));
	});
});

describe('wild25: TechNet’s tables of event templates are documentation', () => {
	for (const file of ['technet-dd364896-volsnap-integrity-events-table-docs.txt', 'technet-ee264195-vss-writer-operations-events-templates-docs.txt']) {
		it(`${file}: no try, no finding (as pasted and quoted)`, () => {
			for (const text of [wild(file), quoted(wild(file))]) {
				const r = analyse(text);
				assert.deepEqual([r.attempts.length, r.findings.length], [0, 0]);
			}
		});
	}
});

describe('wild25: a note exported to Markdown ends its lines with backslashes (hard breaks)', () => {
	const NOTE = wild('onenote-md-wsb-volsnap-25-backslash-hard-breaks-event-xml.txt');
	const copy = NOTE.split('\n').slice(0, 16).join('\n');

	const storage = (r: Report) => {
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.match(finding(r, 'QL404')!.message, /volsnap event 25 \(/);
	};

	it('"Copy details" with `\\` line ends and its Event Xml in a fence: volsnap 25, one failed try, QL404 (shadow storage)', () => {
		const r = analyse(NOTE);
		storage(r);
		assert.ok(
			r.attempts[0].events.some((e) => e.text === 'Log Name: System'),
			'the text copy is read, its backslash gone',
		);
	});

	it('the text copy alone, and quoted: the same reading', () => {
		storage(analyse(copy));
		storage(analyse(quoted(copy)));
	});

	it('negative: lines that end in a path keep their backslash (a folder, a volume, a drive root)', () => {
		const lines = ['Operation:', '   Automatically choosing a diff-area volume', 'Context:', '   Volume Name: \\\\?\\Volume{ae7c3d9e-5755-11e1-9069-806e6f6e6963}\\', '   Volume Name: C:\\', '   Command Line: C:\\Windows\\system32\\'];
		const n = pasteNormaliser(lines);
		const cleaned = n ? cleanLines(n, lines) : lines;
		assert.deepEqual(cleaned.slice(3), lines.slice(3));
	});
});

describe('wild25: example events in a prompt document (Entry Type labels)', () => {
	it('DCOM 10016, WindowsUpdateClient 20 and volsnap 33 (information, no id): no backup try, no finding', () => {
		const text = wild('prompt-doc-example-events-entry-type-volsnap-33-information.txt');
		for (const t of [text, quoted(text)]) {
			const r = analyse(t);
			assert.deepEqual([r.attempts.length, r.findings.filter((f) => f.severity !== 'info').length], [0, 0]);
		}
	});
});
