import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { analyzeAsync } from '../../src/core';
import { decodeText, detectEncoding } from '../../src/core/decode/decode';
import { blobFinalStatus } from '../../src/core/knowledge/ntstatus';
import type { Report } from '../../src/core/model/report';
import { analyse, crlf, finding, quoted, wild } from '../lib/wildText';
import { fixtureBytes } from './fixtures';

// Session 12 (wild31): text saved in the Central European (Windows-1250, OEM 852) and Turkish (Windows-1254,
// OEM 857) code pages, and a driver's final status read from an event's binary data. The texts are the real
// excerpts of test/fixtures/wild/ (README.md names each source), encoded here as a Polish, Czech or Turkish
// Windows saves them; two are committed as bytes.

const PL = 'mskb833167-pl-volsnap-5-20-merged-source-label-cut.txt';
const CS = 'mskb833167-cs-volsnap-5-20-28-data-cut.txt';
const TR = 'mskb833167-tr-volsnap-5-20-28-cut.txt';
const RU = 'avataria-ru-0x80042302-multiplication-sign.txt';

/** The report of `bytes` saved as one file, as the CLI reads it. */
async function analyseBytes(bytes: Buffer): Promise<Report> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-wild31-'));
	try {
		const file = path.join(dir, 'paste.txt');
		fs.writeFileSync(file, bytes);
		return await analyzeAsync([file]);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** `text` with the characters some of these pages lack (typographic quotes, `×`) made spaces. */
const encodable = (text: string, pages: readonly string[]): string => Array.from(text, (c) => (pages.every((cp) => iconv.decode(iconv.encode(c, cp), cp) === c) ? c : ' ')).join('');

/** What a user sees of a reading: each try's result and events as printed, and the findings' codes and messages. */
const seen = (r: Report) => ({
	attempts: r.attempts.map((a) => ({ result: a.result, hresult: a.hresult, events: a.events.map((e) => e.text) })),
	findings: r.findings.map((f) => [f.code, f.message]),
});

describe('wild31: Central European and Turkish code pages are told from the bytes, never read as Western', () => {
	const cases: [string, string[]][] = [
		[PL, ['windows-1250', 'cp852']],
		[CS, ['windows-1250', 'cp852']],
		[TR, ['windows-1254', 'cp857']],
	];
	for (const [file, pages] of cases)
		for (const cp of pages)
			it(`${file} saved in ${cp}: decoded as ${cp}, the same reading and the same text as the UTF-8 excerpt`, async () => {
				const text = wild(file);
				const r = await analyseBytes(iconv.encode(text, cp));
				assert.equal(r.inputs[0].encoding, cp, r.inputs[0].formatReason);
				assert.deepEqual(seen(r), seen(analyse(text)));
				// The volsnap events as the user reads them: Polish `Błąd`, Czech `Chyba … Žádné`, Turkish `Olay Türü`.
				assert.ok(r.attempts[0].events.length > 0);
				for (const e of r.attempts[0].events) assert.ok(text.includes(e.text.slice(0, 40)), e.text);
			});

	it('quoted (`> `), CRLF and cut to its event lines, each saved in the ANSI and OEM page: the page still found', async () => {
		for (const [file, pages] of cases) {
			const text = wild(file);
			const events = text
				.split('\n')
				.filter((l) => /VolSnap/.test(l))
				.join('\n');
			for (const variant of [quoted(text), crlf(text), events])
				for (const cp of pages) {
					const d = decodeText(iconv.encode(variant, cp));
					assert.equal(d.encoding, cp, `${file} ${cp}: ${d.reason}`);
					assert.deepEqual(d.lines, variant.split(/\r?\n/).slice(0, variant.endsWith('\n') ? -1 : undefined));
				}
		}
	});

	it('the committed bytes: the Czech page saved in Windows-1250 and the Turkish one in OEM 857 (each without its heading) read as the UTF-8 excerpts', async () => {
		for (const [bytesFile, utf8File, cp] of [
			['mskb833167-cs-volsnap-5-20-28-data-cut.cp1250.txt', CS, 'windows-1250'],
			['mskb833167-tr-volsnap-5-20-28-cut.cp857.txt', TR, 'cp857'],
		] as const) {
			const bytes = fixtureBytes('wild', bytesFile);
			// The excerpt from its symptom's title on: its heading and the blank line after it dropped.
			const text = wild(utf8File).split('\n').slice(2).join('\n');
			assert.ok(bytes.equals(iconv.encode(text, cp)), 'the bytes are the excerpt in that page');
			const r = await analyseBytes(bytes);
			assert.equal(r.inputs[0].encoding, cp);
			assert.deepEqual(seen(r), seen(analyse(text)));
		}
	});

	it('Western and Russian text keeps its page: French, German, Spanish, and the Russian page in 1251 / OEM 866', () => {
		const west = [
			["Nom du rédacteur : 'Task Scheduler Writer'\r\n   État : [1] Stable\r\n   Dernière erreur : Aucune erreur (à côté, déjà, reçu)\r\n", ['windows-1252', 'cp850']],
			["Verfassername: 'System Writer'\r\n   Status: [7] Fehlgeschlagen\r\n   Letzter Fehler: Kein Fehler (Größe, Prüfung, Übersicht)\r\n", ['windows-1252', 'cp850']],
			["Nombre del escritor: 'BITS Writer'\r\n   Último error: Sin errores (línea, instantánea, ¿señal?)\r\n", ['windows-1252', 'cp850']],
			[encodable(wild(RU), ['windows-1251', 'cp866']), ['windows-1251', 'cp866']],
		] as const;
		for (const [text, pages] of west) for (const cp of pages) assert.equal(detectEncoding(iconv.encode(text, cp)).encoding, cp, `${cp}: ${text.slice(0, 40)}`);
	});

	it('a vssadmin listing of a Polish, Czech or Turkish console (OEM) and saved by Notepad (ANSI): state words as printed', async () => {
		const listings = [
			["Nazwa modułu zapisującego: 'SqlServerWriter'\r\n   Stan: [9] Błąd\r\n   Ostatni błąd: Przekroczono limit czasu\r\n", ['windows-1250', 'cp852'], 'Błąd'],
			["Název modulu pro zápis: 'SqlServerWriter'\r\n   Stav: [9] Selhání\r\n   Poslední chyba: Časový limit vypršel\r\n", ['windows-1250', 'cp852'], 'Selhání'],
			["Yazıcı adı: 'SqlServerWriter'\r\n   Yazıcı Kimliği: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}\r\n   Durum: [9] Başarısız\r\n   Son hata: Zaman aşımı\r\n", ['windows-1254', 'cp857'], 'Başarısız'],
		] as const;
		for (const [text, pages, state] of listings)
			for (const cp of pages) {
				const r = await analyseBytes(iconv.encode(text, cp));
				assert.equal(r.inputs[0].encoding, cp, r.inputs[0].formatReason);
				const w = r.writers.find((x) => x.name === 'SqlServerWriter');
				assert.ok(w, `${cp}: the writer read`);
				assert.equal(w.stateCode, 9);
				assert.equal(w.stateText, state, `${cp}: the state word as printed`);
			}
	});
});

describe('wild31: a driver’s final status from its event’s binary data becomes the code', () => {
	// KB 887827's volsnap 28 (its Data dump in words: FinalStatus 0xC000009A) as the `<Binary>` blob an XML or
	// .evtx copy of the same event carries: the packet's bytes in order.
	const BLOB = '0000000002005800000000001C0006C000000000' + '9A0000C0' + '1400000000000000';
	const xml = (blob: string) =>
		`<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='volsnap'/><EventID Qualifiers='49158'>28</EventID><Level>2</Level><TimeCreated SystemTime='2024-05-22T19:30:02.117Z'/><Channel>System</Channel><Computer>FS01</Computer></System><EventData><Data>\\Device\\HarddiskVolumeShadowCopy3</Data><Binary>${blob}</Binary></EventData></Event>`;

	it('the blob’s FinalStatus, when the packet is the event’s own (its error code names event 28)', () => {
		assert.equal(blobFinalStatus(28, BLOB), '0xC000009A');
		assert.equal(blobFinalStatus(28, BLOB.toLowerCase()), '0xC000009A');
		assert.equal(blobFinalStatus(20, BLOB), null, 'another event’s packet');
		assert.equal(blobFinalStatus(28, BLOB.slice(0, 40)), null, 'cut before the status');
		assert.equal(blobFinalStatus(28, BLOB.replace('9A0000C0', '00000000')), null, 'a success status');
		assert.equal(blobFinalStatus(28, 'not hex'), null);
	});

	it('an XML volsnap 28 with no code in its text: the try and QL401 carry 0xC000009A, the message names it and the kernel-memory fix', () => {
		const r = analyse(xml(BLOB));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.equal(r.attempts[0].hresult, '0xC000009A');
		const veto = finding(r, 'QL401');
		assert.ok(veto);
		assert.equal(veto.hresult, '0xC000009A');
		assert.match(veto.message, /volsnap event 28 \([^)]*; final status STATUS_INSUFFICIENT_RESOURCES \(0xC000009A\)\)/);
		assert.match(veto.fix, /kernel memory/);
		assert.match(finding(analyse(xml(BLOB), 'ja'), 'QL401')!.message, /最終ステータス STATUS_INSUFFICIENT_RESOURCES \(0xC000009A\)/);
	});

	it('the same blob with an I/O device error: that code, no kernel-memory advice; a success status gives no code', () => {
		const io = finding(analyse(xml(BLOB.replace('9A0000C0', '850100C0'))), 'QL401')!;
		assert.equal(io.hresult, '0xC0000185');
		assert.doesNotMatch(io.fix, /kernel memory/);
		assert.equal(analyse(xml(BLOB.replace('9A0000C0', '00000000'))).attempts[0].hresult, null);
	});

	it('the same event copied from Event Viewer’s Friendly View (its “Binary data” dump in words and bytes): the same code', () => {
		const bytes = BLOB.match(/.{16}/g)!.map((row, i) => `${(i * 8).toString(16).padStart(4, '0')}: ${row.match(/../g)!.join(' ').toLowerCase()}   ........`);
		const friendly = [
			'- System',
			'\t- Provider',
			'\t\t[ Name]  volsnap',
			'\t- EventID 28',
			'\t\t[ Qualifiers]  49158',
			'\tLevel 2',
			'\t- TimeCreated',
			'\t\t[ SystemTime]  2024-05-22T19:30:02.117Z',
			'\tChannel System',
			'\tComputer FS01',
			'- EventData',
			'\t\\Device\\HarddiskVolumeShadowCopy3',
			'',
			'Binary data:',
			'',
			'In Words',
			'0000: 00000000 00580002 00000000 c006001c',
			'0010: 00000000 c000009a 00000014 00000000',
			'',
			'In Bytes',
			...bytes,
		].join('\n');
		const r = analyse(friendly);
		assert.equal(r.inputs[0].format, 'windows-events-friendly', r.inputs[0].formatReason);
		assert.equal(r.attempts[0].hresult, '0xC000009A');
		assert.equal(finding(r, 'QL401')!.hresult, '0xC000009A');
		assert.equal(analyse(crlf(quoted(friendly))).attempts[0].hresult, '0xC000009A', 'quoted, CRLF');
	});

	it('the Event Viewer text copy of KB 887827 (its Data dump in words): the try and QL401 carry the status too', () => {
		const r = analyse(wild('mskb887827-volsnap-5-28-20-data-dwords-c000009a.txt'));
		assert.equal(r.attempts[0].hresult, '0xC000009A');
		assert.equal(finding(r, 'QL401')!.hresult, '0xC000009A');
	});

	it('a blob of the real volsnap 36 (fx-05’s shape: FinalStatus 0) and 25 (onenote): no code invented', () => {
		const r = analyse(wild('onenote-md-wsb-volsnap-25-backslash-hard-breaks-event-xml.txt'));
		for (const f of r.findings) assert.equal(f.hresult === '0x00000000', false);
		assert.equal(blobFinalStatus(36, '000000000600300000000000240006C0A40000000000000000000000000000000000000000000000'), null);
	});
});

describe('wild31: the MARS system-state troubleshooting page in Polish, Czech, Turkish and Russian (VSS writer timeout)', () => {
	const PAGES: [string, string[]][] = [
		['azuredocs-pl-mars-systemstate-vss-writer-timeout-0x800423f2-table-row.txt', ['windows-1250', 'cp852']],
		['azuredocs-cs-mars-systemstate-vss-writer-timeout-0x800423f2-table-row.txt', ['windows-1250', 'cp852']],
		['azuredocs-tr-mars-systemstate-vss-writer-timeout-0x800423f2-table-row.txt', ['windows-1254', 'cp857']],
		['azuredocs-ru-mars-systemstate-vss-timeout-and-volsnap-storage-rows.txt', ['windows-1251', 'cp866']],
	];

	/** The reading the page settles on: a writer timed out between Freeze and Thaw (0x800423F2), one failed try. */
	function timedOut(r: Report, name: string) {
		assert.equal(r.attempts.length, 1, name);
		assert.equal(r.attempts[0].result, 'failed');
		assert.equal(r.attempts[0].hresult, '0x800423F2');
		const f = finding(r, 'QL205');
		assert.ok(f, `${name}: QL205`);
		assert.match(f.message, /VSS_E_WRITERERROR_TIMEOUT \(0x800423F2\)/);
		assert.match(f.fix, /backup window/);
	}

	for (const [file, pages] of PAGES) {
		it(`${file}: QL205 (the writer timeout) on one failed try; quoted and CRLF the same`, () => {
			const text = wild(file);
			timedOut(analyse(text), file);
			timedOut(analyse(quoted(text)), `${file} quoted`);
			timedOut(analyse(crlf(text)), `${file} CRLF`);
			assert.match(finding(analyse(text, 'ja'), 'QL205')!.title, /タイムアウト/);
		});

		it(`${file} saved in ${pages.join(' and ')}: the page found, the row shown as written`, async () => {
			for (const cp of pages) {
				const bytes = iconv.encode(wild(file), cp);
				const r = await analyseBytes(bytes);
				assert.equal(r.inputs[0].encoding, cp, `${cp}: ${r.inputs[0].formatReason}`);
				timedOut(r, `${file} ${cp}`);
				// What the page's characters are in that page (an OEM page has no em dash: iconv wrote `?`).
				assert.equal(r.attempts[0].events[0].text, iconv.decode(bytes, cp).split('\n')[6]);
			}
		});
	}

	it('the Russian page’s volsnap row (shadow copy storage could not grow) is not read: no event id, no code, only words', () => {
		const r = analyse(wild(PAGES[3][0]));
		assert.deepEqual(
			r.findings.map((f) => f.code),
			['QL205', 'QL550'],
		);
	});
});
