// Writer → reader round trip: generated Application/System logs with the quiesce providers real samples
// lack (VSS errors, SQLWRITER, volsnap in both shapes, Windows Server Backup, Hyper-V VMMS), typed values
// of every kind, several chunks, and damage made from them (mutations of real logs are in evtxDamage).
import * as assert from 'assert/strict';
import { readEvtxBytes } from '../../src/core/formats/windows/evtx';
import { parseEventXml } from '../../src/core/formats/windows/windowsEvents';
import { APPLICATION, buildEvtx, SYSTEM } from '../lib/evtxWriter';

describe('evtx writer → reader round trip', () => {
	it('reads back VSS and SQLWRITER classic events with their insertion strings, Qualifiers and Binary', () => {
		const { events, summary } = readEvtxBytes(buildEvtx(APPLICATION));
		assert.deepEqual(summary.problems, []);
		assert.equal(summary.events, 4);
		const [w, , , sql] = events;
		assert.equal(w.recordId, 220431);
		assert.equal(w.timeCreated, '2024-03-03T16:59:58.904Z');
		assert.deepEqual([w.provider, w.eventId, w.qualifiers, w.level, w.channel, w.computer, w.keywords], ['VSS', 8229, 0, 3, 'Application', 'EXCH-MBX-02.corp.example', '0x80000000000000']);
		assert.deepEqual(
			w.data.map((d) => d.value),
			APPLICATION[0].strings,
		);
		assert.ok(w.data.every((d) => d.name === null));
		assert.equal(Buffer.from(w.binary ?? '', 'hex').toString('latin1'), '- Code: WRTWRTIC00000453- Call: WRTWRTIC00000411- PID: 00004412');
		assert.deepEqual(
			events.map((e) => e.recordId),
			[220431, 220432, 220433, 220434],
		);
		assert.equal(events[1].data[2].value, '', 'an empty insertion string is kept');
		assert.equal(sql.provider, 'SQLWRITER');
		assert.equal(events[1].binary, null, 'an absent Binary (optional substitution) is no element');
	});

	it('reads back volsnap in both shapes, Backup typed values and Hyper-V UserData', () => {
		const { events, summary } = readEvtxBytes(buildEvtx(SYSTEM, { dirty: true, emptySlots: 2 }));
		assert.deepEqual(summary.problems, []);
		assert.equal(summary.emptyChunks, 2);
		const [v36, , v33, backup, vmms] = events;
		assert.deepEqual([v36.provider, v36.eventId, v36.qualifiers, v36.binary], ['volsnap', 36, 49158, '0000240001000000']);
		assert.deepEqual(
			[v33.provider, v33.eventSourceName, v33.providerGuid, v33.qualifiers, v33.userSid, v33.processId, v33.threadId, v33.version, v33.opcode],
			['Volsnap', 'volsnap', '{CB017CD2-1F37-4E65-82BC-3E91F6A37559}', 16390, 'S-1-5-18', 4, 8816, 0, 0],
		);
		assert.deepEqual(v33.data, [
			{ name: 'DeviceName', value: '\\Device\\HarddiskVolumeShadowCopy1' },
			{ name: 'VolumeName', value: 'C:' },
			{ name: 'NTSTATUS', value: '0x0' },
			{ name: 'SourceTag', value: '178' },
			{ name: 'SourceLine', value: '1' },
		]);
		assert.equal(v33.timeCreated, '2018-09-03T05:41:55.123Z');
		assert.deepEqual(backup.data, [
			{ name: 'BackupTime', value: '2024-03-04T01:00:00.000000000Z' },
			{ name: 'ErrorCode', value: '0x80780049' },
			{ name: 'HResult', value: '-2139619255' },
			{ name: 'Completed', value: 'false' },
			{ name: 'Targets', value: 'E:' },
			{ name: 'Targets', value: 'F:' },
		]);
		assert.equal(backup.keywords, '0x8000000000000000');
		assert.deepEqual(vmms.data, [
			{ name: 'VmName', value: 'SQL-01' },
			{ name: 'VmId', value: '{1D7D1E8E-1111-4C8E-9A57-0123456789AB}' },
			{ name: 'ErrorCodeString', value: '%%2147754996' },
			{ name: 'ErrorCode', value: '0x800423f4' },
		]);
	});

	it('renders XML the Event XML reader reads to the same values', () => {
		for (const e of readEvtxBytes(buildEvtx([...APPLICATION, ...SYSTEM]), { xml: true }).events) {
			const x = parseEventXml(e.xml ?? '');
			assert.ok(!('error' in x));
			assert.deepEqual([x.provider, x.eventId, x.qualifiers, x.level, x.recordId, x.time, x.data], [e.provider, e.eventId, e.qualifiers, e.level, e.recordId, e.timeCreated, e.data.map((d) => d.value)]);
		}
	});

	it('spreads many events over chunks, re-emitting names and templates per chunk', () => {
		const many = Array.from({ length: 600 }, (_, i) => ({ ...APPLICATION[i % 4], recordId: undefined }));
		const { events, summary } = readEvtxBytes(buildEvtx(many));
		assert.ok(summary.chunks > 1, `${summary.chunks} chunks`);
		assert.deepEqual(summary.problems, []);
		assert.equal(events.length, 600);
		assert.deepEqual(
			events.map((e) => e.recordId),
			many.map((_, i) => i + 1),
		);
		assert.ok(events.every((e, i) => e.provider === many[i].provider && e.data.length === (many[i].strings?.length ?? 0)));
	});

	it('an empty log (one chunk, no records) reads as no events and no problems', () => {
		const { events, summary } = readEvtxBytes(buildEvtx([]));
		assert.equal(events.length, 0);
		assert.deepEqual(summary.problems, []);
		assert.equal(summary.chunks, 1);
	});
});
