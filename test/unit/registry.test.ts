import * as assert from 'assert/strict';
import { FORMATS, KINDS, originOf, VMWARE_FORMATS } from '../../src/core/formats';
import { ORIGINS } from '../../src/core/model/report';
import { DETECT_LINES, readLines } from '../../src/core/formats/lib/format';

describe('format registry: samples are part of each definition', () => {
	it('ids are unique and every format documents itself and has samples', () => {
		assert.equal(new Set(FORMATS.map((f) => f.id)).size, FORMATS.length);
		for (const f of FORMATS) {
			assert.match(f.url, /^https:\/\//, f.id);
			assert.ok(f.variants.length > 0 && f.variants.every((v) => v.samples.length > 0), f.id);
		}
	});

	for (const [index, format] of FORMATS.entries()) {
		for (const variant of format.variants) {
			variant.samples.forEach((sample, n) => {
				it(`${format.id} / ${variant.name} sample ${n + 1} is recognised by its own format and by no format before it`, () => {
					const head = sample.split(/\r?\n/).slice(0, DETECT_LINES);
					for (const earlier of FORMATS.slice(0, index)) assert.equal(earlier.detect(head), null, `${earlier.id} claims it`);
					const d = format.detect(head);
					assert.ok(d, 'not recognised');
					assert.ok(d.reason.length > 0);
					const read = readLines(format, 's', sample.split(/\r?\n/), d);
					assert.equal(read.unparsedLines, 0, 'a sample reads without unparsed lines');
					for (const r of read.facts.records ?? []) assert.ok(Object.hasOwn(format.kinds, r.kind), `its reader emits '${r.kind}', which the format does not declare`);
				});
			});
		}
	}

	it("the formats declare each kind once: formats that share a kind reference the owner's declaration", () => {
		for (const f of FORMATS) for (const [kind, info] of Object.entries(f.kinds)) assert.equal(info, KINDS[kind as keyof typeof KINDS], `${f.id}: ${kind}`);
	});

	it('origins give the lanes (vCenter, host, VMX, guest Tools, Windows, SQL Server) and the formats that show VMware', () => {
		const lanes = ['vcenter-tasks-csv', 'hostd-log', 'vmware-log', 'tools-log', 'windows-events-xml', 'sqlwriter-log'].map(originOf);
		assert.deepEqual(lanes, ['vcenter', 'host', 'vmx', 'guest-tools', 'guest-windows', 'guest-sql']);
		assert.deepEqual(lanes, ORIGINS.slice(1), 'the order a quiesce travels, after the requester');
		assert.equal(originOf('vpxd-log'), originOf('vcenter-events-csv'));
		assert.equal(originOf('windows-events-evtx'), 'guest-windows', 'a binary format has its origin too');
		assert.equal(originOf('unknown'), null, 'a file of no registered format has none');
		assert.deepEqual([...VMWARE_FORMATS].sort(), ['esx-syslog', 'esxi-vdf', 'hostd-log', 'tools-conf', 'tools-log', 'vcenter-events-csv', 'vcenter-tasks-csv', 'vmware-log', 'vmx', 'vpxa-log', 'vpxd-log']);
	});

	it('a file of another kind is recognised by no format', () => {
		const head = ['2019-07-10T01:00:11.870Z| vmx| I125: SnapshotVMX_TakeSnapshot start', 'random text'];
		for (const f of FORMATS) assert.equal(f.detect(head), null, f.id);
	});
});
