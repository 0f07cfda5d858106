import * as assert from 'assert/strict';
import * as iconv from 'iconv-lite';
import { decodeText, detectEncoding, isValidUtf8, LONG_HEAD_CHARS, memorySource, splitLines, streamLines, type ByteSource } from '../../src/core/decode/decode';
import { literalPattern } from '../../src/core/formats/lib/format';
import { fixtureBytes } from './fixtures';

const FR = "Nom du rédacteur : 'Task Scheduler Writer'\r\n   État : [1] Stable\r\n   Dernière erreur : Aucune erreur\r\n";
const DE = "Verfassername: 'System Writer'\r\n   Status: [7] Fehlgeschlagen\r\n   Letzter Fehler: Kein Fehler (Größe, Prüfung, Übersicht)\r\n";
const JA = "ライター名: 'System Writer'\r\n   状態: [1] 安定\r\n   最後のエラー: エラーなし\r\n";
const ES = "Nombre del escritor: 'BITS Writer'\r\n   Último error: Sin errores (línea, instantánea)\r\n";

describe('decode: encoding is decided from the bytes alone', () => {
	const cases: [string, string, Buffer, string][] = [
		['UTF-16LE with BOM (Windows PowerShell 5.1)', 'utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(FR, 'utf-16le')]), FR],
		['UTF-16BE with BOM', 'utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(DE, 'utf-16be')]), DE],
		['UTF-16LE without BOM', 'utf-16le', iconv.encode(JA, 'utf-16le'), JA],
		['UTF-16BE without BOM', 'utf-16be', iconv.encode(DE, 'utf-16be'), DE],
		['UTF-8 with BOM', 'utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JA)]), JA],
		['UTF-8 without BOM (PowerShell 7)', 'utf-8', Buffer.from(FR), FR],
		['CP932 (cmd.exe, ja-JP)', 'cp932', iconv.encode(JA, 'shift_jis'), JA],
		['CP850 French (cmd.exe, fr-FR)', 'cp850', iconv.encode(FR, 'cp850'), FR],
		['CP850 German (cmd.exe, de-DE)', 'cp850', iconv.encode(DE, 'cp850'), DE],
		['CP850 Spanish (cmd.exe, es-ES)', 'cp850', iconv.encode(ES, 'cp850'), ES],
		['Windows-1252 French (old Notepad ANSI)', 'windows-1252', iconv.encode(FR, 'windows-1252'), FR],
		['Windows-1252 German', 'windows-1252', iconv.encode(DE, 'windows-1252'), DE],
		['Windows-1252 Spanish', 'windows-1252', iconv.encode(ES, 'windows-1252'), ES],
	];
	for (const [name, encoding, bytes, text] of cases) {
		it(`${name} → ${encoding}`, () => {
			const d = decodeText(bytes);
			assert.equal(d.encoding, encoding, d.reason);
			assert.deepEqual(d.lines, text.split('\r\n').slice(0, -1));
		});
	}

	it("EUC-JP (a Unix tool's or an old web page's Japanese) and GB18030 (Chinese Windows' ANSI) are told apart from CP932", () => {
		const ZH = "编写器名称: 'System Writer'\r\n   状态: [9] 失败\r\n   上一个错误: 超时\r\n";
		const ZH_PROSE = '卷影复制服务错误：调用例程时出现意外错误，请检查应用程序事件日志。\r\n';
		for (const [text, encoding, name] of [
			[JA, 'euc-jp', 'euc-jp'],
			[ZH, 'gb18030', 'gb18030'],
			[ZH_PROSE, 'gb18030', 'gb18030'],
			// GB2312 bytes are valid EUC-JP too: kanji with no kana is no Japanese.
			[ZH, 'gb2312', 'gb18030'],
			// Shift_JIS bytes are valid GB18030: the kana decide.
			[JA, 'shift_jis', 'cp932'],
		] as const) {
			const d = decodeText(iconv.encode(text, encoding));
			assert.equal(d.encoding, name, `${encoding}: ${d.reason}`);
			assert.deepEqual(d.lines, text.split('\r\n').slice(0, -1));
		}
	});

	it('Russian: a console listing in CP866 and an event text saved by Notepad in Windows-1251', () => {
		const RU = "Имя модуля записи: 'System Writer'\r\n   Состояние: [1] Стабильный\r\n   Последняя ошибка: Нет ошибок\r\n";
		const RU_EVENT = 'Ошибка службы теневого копирования томов: непредвиденная ошибка. hr = 0x80070005, Отказано в доступе.\r\n';
		for (const [text, cp] of [
			[RU, 'cp866'],
			[RU, 'windows-1251'],
			[RU_EVENT, 'cp866'],
			[RU_EVENT, 'windows-1251'],
		] as const) {
			const d = decodeText(iconv.encode(text, cp));
			assert.equal(d.encoding, cp, d.reason);
			assert.deepEqual(d.lines, text.split('\r\n').slice(0, -1));
		}
		// Western text stays Western: a Cyrillic letter inside a Latin word is mojibake.
		for (const text of [FR, DE, ES]) for (const cp of ['cp850', 'windows-1252']) assert.equal(detectEncoding(iconv.encode(text, cp)).encoding, cp, `${cp}: ${text}`);
	});

	it('Western text is never read as GB18030, whose lead bytes take ASCII letters as trail bytes', () => {
		for (const text of [FR, DE, ES]) for (const cp of ['cp850', 'windows-1252']) assert.notEqual(detectEncoding(iconv.encode(text, cp)).encoding, 'gb18030', `${cp}: ${text}`);
	});

	it('CP437 table borders (en-US console) are read as CP437: CP850 would put letters inside the lines', () => {
		const text = '╔══════╤══════╗\r\n║ Name │ Id   ║\r\n╚══════╧══════╝\r\n';
		assert.equal(detectEncoding(iconv.encode(text, 'cp437')).encoding, 'cp437');
	});

	it('plain ASCII is UTF-8 (it is valid UTF-8, and every code page reads it the same)', () => {
		assert.equal(detectEncoding(Buffer.from("Writer name: 'X'\r\n")).encoding, 'utf-8');
	});

	it('a zero-filled block inside a log (a crashed host) keeps the log text; the lines around it are read', () => {
		const before = '2024-05-22T19:30:02.117Z| vmx| I005: SnapshotVMX_TakeSnapshot start\n'.repeat(50);
		const after = '2024-05-22T19:31:00.000Z| vmx| I005: Log for VMware ESX pid=1\n'.repeat(50);
		const bytes = Buffer.concat([Buffer.from(before), Buffer.alloc(4096), Buffer.from(after)]);
		assert.equal(detectEncoding(bytes).encoding, 'utf-8');
		assert.equal(detectEncoding(Buffer.alloc(8192)).encoding, 'binary', 'all zeros is no text');
		assert.equal(detectEncoding(Buffer.concat([Buffer.from('abc\n'), Buffer.from([0, 0, 0]), Buffer.from('def\n')])).encoding, 'binary', 'a few NULs are');
	});

	it('NUL bytes and control characters make a file binary', () => {
		assert.equal(detectEncoding(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x02])).encoding, 'binary');
		assert.deepEqual(decodeText(Buffer.from([0x00, 0x01, 0x02, 0x03])).lines, []);
	});

	it('the committed fixtures decode to the encodings they were saved in', () => {
		const expected: Record<string, string> = {
			'de-utf16le-bom-failed-no-error.txt': 'utf-16le',
			'de-utf16be-bom.txt': 'utf-16be',
			'ja-cp932-sql-failed-at-freeze.txt': 'cp932',
			'ja-utf16le-nobom.txt': 'utf-16le',
			'fr-cp850-ntds-failed-at-post-snapshot.txt': 'cp850',
			'fr-windows1252-notepad.txt': 'windows-1252',
			'fr-utf8-nobom-pwsh7.txt': 'utf-8',
			'es-cp850-unknown-locale.txt': 'cp850',
		};
		for (const [file, enc] of Object.entries(expected)) assert.equal(decodeText(fixtureBytes('listings', file)).encoding, enc, file);
	});

	it('strict UTF-8 validation rejects overlongs, surrogates and stray continuation bytes', () => {
		assert.equal(isValidUtf8(Buffer.from('é漢字😀')), true);
		assert.equal(isValidUtf8(Buffer.from([0xc0, 0xaf])), false); // overlong '/'
		assert.equal(isValidUtf8(Buffer.from([0xed, 0xa0, 0x80])), false); // U+D800
		assert.equal(isValidUtf8(Buffer.from([0x41, 0x80, 0x41])), false);
		assert.equal(isValidUtf8(Buffer.from([0x41, 0xe6, 0xbc])), true); // cut at the end of the file
	});
});

describe('decode: lines and line endings', () => {
	it('CRLF, LF, mixed, none, and a lone CR', () => {
		assert.deepEqual(splitLines('a\r\nb\r\n'), { lines: ['a', 'b'], eol: 'CRLF' });
		assert.deepEqual(splitLines('a\nb'), { lines: ['a', 'b'], eol: 'LF' });
		assert.deepEqual(splitLines('a\r\nb\nc'), { lines: ['a', 'b', 'c'], eol: 'mixed' });
		assert.deepEqual(splitLines('abc'), { lines: ['abc'], eol: 'none' });
		assert.deepEqual(splitLines(''), { lines: [], eol: 'none' });
		assert.deepEqual(splitLines('a\rb\r'), { lines: ['a', 'b'], eol: 'mixed' });
	});

	it('keeps empty lines: nothing is dropped', () => {
		assert.deepEqual(splitLines('\n\nx\n\n').lines, ['', '', 'x', '']);
	});
});

describe('decode: streaming never depends on where the chunks fall', () => {
	/** A source that hands out 1–7 bytes per read: every CRLF and multi-byte character gets cut somewhere. */
	const trickle = (bytes: Uint8Array): ByteSource => {
		let pos = 0,
			step = 0;
		return {
			read(buf) {
				const n = Math.min(buf.length, bytes.length - pos, 1 + (step++ % 7));
				buf.set(bytes.subarray(pos, pos + n));
				pos += n;
				return n;
			},
			close() {
				/* nothing */
			},
		};
	};
	const cases: [string, Buffer][] = [
		['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(JA + FR, 'utf-16le')])],
		['UTF-8 with kana and accents', Buffer.from(JA + FR + 'x\ry\n')],
		['CP932', iconv.encode(JA, 'shift_jis')],
		['CP850', iconv.encode(FR + DE, 'cp850')],
	];
	for (const [name, bytes] of cases) {
		it(name, () => {
			const whole = decodeText(bytes);
			const lines: string[] = [];
			const streamed = streamLines(trickle(bytes), (t, n) => {
				lines.push(t);
				assert.equal(n, lines.length);
			});
			assert.equal(streamed.encoding, whole.encoding);
			assert.equal(streamed.eol, whole.eol);
			assert.deepEqual(lines, whole.lines);
		});
	}
});

describe('decode: a quick lane sees windows of bounded size', () => {
	// A very long line is cut into windows of the lane's size instead of one window as long as the line (a
	// string past ~128 KiB costs V8 ~20× as much a character); the line still reaches line() whole.
	const WINDOW = 1000;
	for (const eol of ['\n', '\r\n']) {
		it(`a line of 50 windows between short lines (${JSON.stringify(eol)})`, () => {
			const long = 'L'.repeat(50 * WINDOW);
			const text = ['short 1', long, 'short 2', 'x'.repeat(WINDOW * 3), 'short 3'].join(eol);
			const windows: number[] = [];
			const taken: string[] = [];
			const lines: string[] = [];
			const lane = {
				// Literals found nowhere: every line is offered to take().
				literals: /#never#/g,
				take(chunk: string, start: number, end: number): boolean {
					windows.push(chunk.length);
					if (!chunk.startsWith('short', start)) return false;
					taken.push(chunk.slice(start, end));
					return true;
				},
			};
			const source = Buffer.from('first chunk\n' + text + eol);
			streamLines(memorySource(source), (t) => lines.push(t), { quick: () => lane, chunkBytes: 4096, quickWindow: WINDOW });
			assert.deepEqual(taken, ['short 1', 'short 2', 'short 3']);
			assert.deepEqual(lines, ['first chunk', long, 'x'.repeat(WINDOW * 3)]);
			assert.ok(Math.max(...windows) <= 2 * WINDOW + 10, `a window of ${Math.max(...windows)} characters`);
		});
	}
});

describe('decode: quick-lane literals', () => {
	it("a digit within the shortest literal's length from a literal's start is refused (the search would skip badly)", () => {
		assert.throws(() => literalPattern(['Snapshot', 'I/O', '(0xbad']), /digit within its first 3 characters/);
		assert.throws(() => literalPattern(['0xbad0', 'quiesc']), /digit/);
		// Past that length a digit is no harm: the search's window is the shortest literal's.
		assert.ok(literalPattern(['Snapshot', 'I/O', 'xbad0']).test('a (0xbad0014, Out of memory)'));
	});
});

describe("decode: a lane's takeLong sees a long line by its head", () => {
	const WINDOW = 1000;
	/** Lines given to line(), and the heads takeLong was offered, of `text` read with a lane that takes every long line it is offered. */
	function read(text: string): { lines: string[]; heads: string[] } {
		const lines: string[] = [];
		const heads: string[] = [];
		const lane = {
			literals: literalPattern(['Snapshot']),
			take: () => false,
			takeLong(head: string): boolean {
				heads.push(head);
				return true;
			},
		};
		streamLines(memorySource(Buffer.from('first chunk\n' + text)), (t) => lines.push(t), { quick: () => lane, chunkBytes: 4096, quickWindow: WINDOW });
		return { lines, heads };
	}

	it('a long line without a literal is taken from its first LONG_HEAD_CHARS characters, unjoined', () => {
		const long = 'H'.repeat(LONG_HEAD_CHARS) + 'x'.repeat(20 * WINDOW);
		const { lines, heads } = read(`short\n${long}\nshort\n`);
		assert.deepEqual(lines, ['first chunk', 'short', 'short']);
		assert.deepEqual(heads, ['H'.repeat(LONG_HEAD_CHARS)]);
	});

	it('a long line with a literal anywhere, even across the cut between two windows, is given to line() whole', () => {
		for (let at = 0; at < 3 * WINDOW; at += 7) {
			const long = 'x'.repeat(at) + 'Snapshot' + 'y'.repeat(5 * WINDOW);
			const { lines, heads } = read(`${long}\n`);
			assert.deepEqual(lines, ['first chunk', long], `the literal at ${at}`);
			assert.deepEqual(heads, []);
		}
	});
});
