import * as assert from 'assert/strict';
import { readLines } from '../../src/core/formats/lib/format';
import { parseSize, vssadminProviders, vssadminShadows, vssadminShadowStorage, vssadminVolumes } from '../../src/core/formats/vss/vssadminListings';

const sample = (f: { variants: readonly { samples: readonly string[] }[] }, i = 0) => f.variants[0].samples[i].split('\n');

describe('vssadmin list providers | shadows | shadowstorage | volumes', () => {
	it('providers: name, type as printed, id and version; English and Japanese', () => {
		const en = readLines(vssadminProviders, 'p.txt', sample(vssadminProviders)).facts.providers!;
		assert.deepEqual(
			en.map((p) => [p.name, p.type, p.id, p.version, p.source.line]),
			[
				['Microsoft Software Shadow Copy provider 1.0', 'System', 'b5946137-7b9f-4925-af80-51abd60b20d5', '1.0.0.7', 4],
				['VMware Snapshot Provider', 'Software', '564d7761-7265-2056-5353-2050726f7669', '1.0.0', 9],
			],
		);
		const ja = readLines(vssadminProviders, 'p.txt', sample(vssadminProviders, 1));
		assert.deepEqual(
			ja.facts.providers!.map((p) => [p.type, p.version]),
			[['システム', '1.0.0.7']],
		);
		assert.equal(ja.unparsedLines, 0);
	});

	it('shadows: set, id, original volume, creation time as printed, provider, type', () => {
		const [s] = readLines(vssadminShadows, 's.txt', sample(vssadminShadows)).facts.shadows!;
		assert.deepEqual(s, {
			setId: 'a6e2f1c4-31b7-4c3e-9d5a-8f0e2b7c6d41',
			id: 'd4b2c9e1-6a3f-4e8b-b1c7-2f5a9d0e3c68',
			originalVolume: 'C:',
			created: '3/3/2024 4:59:58 PM',
			provider: 'Microsoft Software Shadow Copy provider 1.0',
			type: 'ClientAccessibleWriters',
			source: { path: 's.txt', line: 6 },
		});
	});

	it('shadows: an empty listing yields no shadows and says what vssadmin printed', () => {
		const r = readLines(vssadminShadows, 's.txt', ['C:\\>vssadmin list shadows', 'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool', '(C) Copyright 2001-2013 Microsoft Corp.', '', 'No items found that satisfy the query.']);
		assert.deepEqual(r.facts.shadows, []);
		assert.match(r.problems[0], /No items found/);
	});

	it('shadowstorage: sizes as printed and in bytes, GUID wrapped at 80 columns rejoined, UNBOUNDED has no bytes', () => {
		const [a] = readLines(vssadminShadowStorage, 'ss.txt', sample(vssadminShadowStorage)).facts.shadowStorage!;
		assert.equal(a.forVolume, 'C:');
		assert.equal(a.forVolumeGuid, '986da89b-2336-4410-9417-d5dbf1f5f3e5');
		assert.equal(a.used, '2.06 GB (1%)');
		assert.equal(a.usedBytes, 2211908157);
		assert.equal(a.maximumPercent, 8);
		const wrapped = readLines(vssadminShadowStorage, 'ss.txt', sample(vssadminShadowStorage, 1));
		const [b] = wrapped.facts.shadowStorage!;
		assert.equal(b.forVolumeGuid, '986da89b-2336-4410-9417-d5dbf1f5f3e5');
		assert.equal(b.maximum, 'UNBOUNDED');
		assert.equal(b.maximumBytes, null);
		assert.equal(b.maximumPercent, null);
		assert.equal(wrapped.unparsedLines, 0);
	});

	it('sizes in any locale: decimal comma, French units, a space before %', () => {
		assert.deepEqual(parseSize('2,06 Go (1 %)'), { bytes: 2211908157, percent: 1 });
		assert.deepEqual(parseSize('512 MB (0%)'), { bytes: 536870912, percent: 0 });
		assert.deepEqual(parseSize('0 B (0%)'), { bytes: 0, percent: 0 });
		assert.equal(parseSize('UNBOUNDED'), null);
	});

	it('volumes: path and volume GUID name', () => {
		const v = readLines(vssadminVolumes, 'v.txt', sample(vssadminVolumes)).facts.volumes!;
		assert.deepEqual(
			v.map((x) => [x.path, x.name]),
			[
				['C:\\', '\\\\?\\Volume{986da89b-2336-4410-9417-d5dbf1f5f3e5}\\'],
				['D:\\', '\\\\?\\Volume{5b2c8e41-0d7a-4f3e-a9c6-1e8d4b7f2a90}\\'],
			],
		);
	});
});
