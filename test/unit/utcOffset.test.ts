// One UTC-offset parser with one set of bounds (UTC−12:00 … UTC+14:00): the parser's table, and every
// place that reads an offset (log stamps, SQL Writer banners, clock estimates and settings, --tz, the
// display setting's pattern, what a user types) agreeing with it; the webview protocol and the app import
// the same functions, which the last check holds them to.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { alignClocks } from '../../src/core/analysis/clocks';
import { readLines } from '../../src/core/formats/lib/format';
import { parseIsoStamp } from '../../src/core/formats/lib/stamps';
import { sqlWriterLog } from '../../src/core/formats/sql/sqlWriterLog';
import type { InputFile } from '../../src/core/model/report';
import { parseTimeZone } from '../../src/core/report/displayTime';
import { formatOffset, isUtcOffset, MAX_UTC_OFFSET_MINUTES, MIN_UTC_OFFSET_MINUTES, parseOffsetInput, parseUtcOffset } from '../../src/core/utcOffset';
import { ROOT } from './readFixture';
import { rec } from './ruleInputs';

/** Every `±h:mm`, `±hh:mm` and `±hhmm` with hours 0–19 and minutes 0–99: the edges and well past them. */
function candidates(): string[] {
	const out: string[] = [];
	for (const sign of ['+', '-']) {
		for (let h = 0; h < 20; h++) {
			for (let m = 0; m < 100; m++) {
				const hh = String(h).padStart(2, '0'),
					mm = String(m).padStart(2, '0');
				out.push(`${sign}${h}:${mm}`, `${sign}${hh}:${mm}`, `${sign}${hh}${mm}`);
			}
		}
	}
	return [...new Set(out)];
}

describe('UTC offsets: one parser, one set of bounds', () => {
	it('the bounds are UTC−12:00 and UTC+14:00', () => {
		assert.equal(MIN_UTC_OFFSET_MINUTES, -720);
		assert.equal(MAX_UTC_OFFSET_MINUTES, 840);
		assert.deepEqual([-721, -720, 0, 840, 841, 30.5].map(isUtcOffset), [false, true, true, true, false, false]);
	});

	it('parseUtcOffset: the table', () => {
		const table: [string, number | null][] = [
			['+14:00', 840],
			['+1400', 840],
			['+14:01', null],
			['+15:00', null],
			['-12:00', -720],
			['-1200', -720],
			['-12:01', null],
			['-13:00', null],
			['+09:00', 540],
			['+0900', 540],
			['+9:00', 540],
			['+05:45', 345],
			['-03:30', -210],
			['-8:00', -480],
			['Z', 0],
			['utc', 0],
			[' UTC ', 0],
			['+00:00', 0],
			['+09:60', null],
			['+9', null],
			['+945', null],
			['540', null],
			['09:00', null],
			['+09:00:00', null],
			['', null],
			['local', null],
		];
		for (const [text, minutes] of table) assert.equal(parseUtcOffset(text), minutes, text);
		// `-00:00` is UTC, not a negative zero that would print and compare oddly.
		assert.ok(Object.is(parseUtcOffset('-00:00'), 0));
	});

	it('parseOffsetInput (the clock dialog and the timeline): whole minutes within the bounds, or an offset', () => {
		const table: [string, number | null][] = [
			['540', 540],
			['-300', -300],
			['+120', 120],
			['840', 840],
			['841', null],
			['-720', -720],
			['-721', null],
			['-13:00', null],
			['+05:45', 345],
			['utc', 0],
			['1e3', null],
			['', null],
		];
		for (const [text, minutes] of table) assert.equal(parseOffsetInput(text), minutes, text);
	});

	it('formatOffset prints what parseUtcOffset reads back, for every offset within the bounds', () => {
		for (let m = MIN_UTC_OFFSET_MINUTES; m <= MAX_UTC_OFFSET_MINUTES; m++) assert.equal(parseUtcOffset(formatOffset(m)), m);
		assert.deepEqual([540, -300, 0, 345].map(formatOffset), ['+09:00', '-05:00', '+00:00', '+05:45']);
	});

	it('--tz and the display setting (parseTimeZone) take the same offsets', () => {
		for (const text of candidates()) {
			const zone = parseTimeZone(text);
			const minutes = parseUtcOffset(text);
			assert.deepEqual(zone, minutes === null ? null : { kind: 'offset', minutes }, text);
		}
		assert.deepEqual(parseTimeZone('-13:00'), null);
	});

	it("the display setting's pattern (package.json) accepts exactly the offsets parseUtcOffset reads", () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		const props = manifest.contributes.configuration.properties ?? Object.assign({}, ...manifest.contributes.configuration.map((c: { properties: object }) => c.properties));
		const pattern = new RegExp(props['quiesceLens.displayTimeZone'].pattern);
		for (const text of candidates()) assert.equal(pattern.test(text), parseUtcOffset(text) !== null, text);
		for (const text of ['utc', 'UTC', 'local', 'source:guest/vmware-vmsvc.log']) assert.ok(pattern.test(text), text);
		const offsets = props['quiesceLens.clockOffsets'].additionalProperties;
		assert.deepEqual([offsets.minimum, offsets.maximum], [MIN_UTC_OFFSET_MINUTES, MAX_UTC_OFFSET_MINUTES]);
	});

	it('log stamps: an offset beyond the bounds makes no stamp', () => {
		assert.equal(parseIsoStamp('2024-05-01T10:00:00.000+14:00')?.time, '2024-04-30T20:00:00.000Z');
		assert.equal(parseIsoStamp('2024-05-01T10:00:00.000-1200')?.offsetMinutes, -720);
		assert.equal(parseIsoStamp('2024-05-01T10:00:00.000+15:00'), null);
		assert.equal(parseIsoStamp('2024-05-01T10:00:00.000-13:00'), null);
	});

	it('SQL Writer: a banner offset beyond the bounds sets no clock', () => {
		const banner = (offset: string) =>
			readLines(sqlWriterLog, 't', [
				'[01/11/2021 03:00:00, TID 61f8] **  SQLWRITER TRACING STARTED - ProcessId: 0x4124',
				`[01/11/2021 03:00:00, TID 61f8] **  Recording events in Server Local Time. UTC OFFSET: ${offset}`,
				'[01/11/2021 03:00:01, TID 61f8] Entering SQL Writer Initialize.',
			]);
		assert.deepEqual(banner('+14:00').clock, { utcOffsetMinutes: 840, basis: 'banner' });
		assert.equal(banner('-13:00').clock, null);
	});

	it('clock settings: an offset beyond the bounds is not applied', () => {
		const input: InputFile = { path: 'g.log', format: 'x', origin: null, formatReason: '', encoding: 'utf-8', eol: 'LF', lines: 1, unparsedLines: 0, clock: null, problems: [] };
		const record = rec('tools-warning', { domain: 'vmbackup' }, { path: 'g.log', line: 1, local: '2024-05-01T10:00:00.000' });
		const aligned = (minutes: number) => {
			const out = alignClocks([input], [record], { 'g.log': minutes });
			return [out.inputs[0].clock, out.records[0].time];
		};
		assert.deepEqual(aligned(-720), [{ utcOffsetMinutes: -720, basis: 'setting', confidence: 'exact', anchors: 0, spreadMs: null }, '2024-05-01T22:00:00.000Z']);
		assert.deepEqual(aligned(-780), [null, null]);
	});

	it('no other source file spells the bounds', () => {
		const files = (dir: string): string[] =>
			fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
				const p = path.join(dir, e.name);
				return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
			});
		const own = path.join(ROOT, 'src', 'core', 'utcOffset.ts');
		for (const f of files(path.join(ROOT, 'src'))) {
			if (f === own) continue;
			const text = fs.readFileSync(f, 'utf8');
			assert.doesNotMatch(text, /\b(?:720|840)\b|\b1[24] \* 60\b/, `${path.relative(ROOT, f)} spells an offset bound`);
		}
	});
});
