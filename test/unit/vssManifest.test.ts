import * as assert from 'assert/strict';
import { readLines } from '../../src/core/formats/lib/format';
import { vssBackupComponents, vssWriterMetadata } from '../../src/core/formats/vss/vssManifest';
import { readZip } from '../../src/core/ingest/archives';
import { decodeText } from '../../src/core/decode/decode';
import { fixtureBytes } from './fixtures';
import { recordsOf } from './readFixture';

const members = readZip(fixtureBytes('bundles', 'case-01-success-app-consistent-esxi67', 'esxi', 'vmfs', 'volumes', 'ds-ssd-01', 'SQL-PRD-01', 'vss_manifests4.zip'), { maxMemberBytes: 1 << 20, maxTotalBytes: 1 << 20, maxEntries: 10 }).members;
const lines = (name: string) => decodeText(members.find((m) => m.name === name)!.bytes).lines;

describe('VSS manifest documents', () => {
	it('backup.xml: backup type, writers, components and the snapshot set', () => {
		const r = readLines(vssBackupComponents, 'backup.xml', lines('backup.xml'));
		const [doc, ...rest] = r.facts.records!;
		assert.equal(doc.kind, 'vss-backup-components');
		assert.deepEqual(doc.fields, {
			backupType: 'copy',
			bootableSystemStateBackup: 'yes',
			selectComponents: 'yes',
			partialFileSupport: 'no',
			snapshotSetId: '0edff115-b0f9-5562-9b92-61dbbcacccd1',
			context: '0',
			writers: 2,
			components: 3,
			failedComponents: 0,
			snapshots: 1,
		});
		assert.deepEqual(
			rest.filter((x) => x.kind === 'vss-bcd-writer').map((x) => [x.fields.writerId, x.fields.components]),
			[
				['e8132975-6f93-4464-a53e-1050253ae220', 'System Files'],
				['a65faa63-5ea8-4ebc-9dbd-a0c4db26912a', 'master,Sales'],
			],
		);
		assert.equal(rest.find((x) => x.kind === 'vss-snapshot')?.fields.providerId, 'b5946137-7b9f-4925-af80-51abd60b20d5');
	});

	it('writer metadata: identification of the writer', () => {
		const r = readLines(vssWriterMetadata, 'w.xml', vssWriterMetadata.variants[0].samples[0].split('\n'));
		assert.deepEqual(r.facts.records![0].fields, {
			writerId: 'a65faa63-5ea8-4ebc-9dbd-a0c4db26912a',
			instanceId: '069b6faa-8150-57ac-8e69-bffd560d98f6',
			friendlyName: 'SqlServerWriter',
			usage: 'USER_DATA',
			dataSource: 'TRANSACTION_DB',
			files: 2,
		});
	});

	it('a document with a DTD is refused, and a broken one counts every line as unparsed', () => {
		const dtd = readLines(vssBackupComponents, 'b.xml', ['<!DOCTYPE x [<!ENTITY a "aaaa">]>', '<BACKUP_COMPONENTS backupType="&a;"/>']);
		assert.match(dtd.problems[0], /DTD/);
		assert.equal(dtd.unparsedLines, 2);
		const broken = readLines(vssBackupComponents, 'b.xml', ['<BACKUP_COMPONENTS backupType="copy">', '<WRITER_COMPONENTS']);
		assert.match(broken.problems[0], /cannot be parsed/);
	});

	it('a schema-wrapped document is found at any depth', () => {
		const r = readLines(vssBackupComponents, 'b.xml', ['<root><Schema name="VssComponentMetadata" xmlns="urn:schemas-microsoft-com:xml-data"/>', '<BACKUP_COMPONENTS backupType="full"/></root>']);
		assert.equal(recordsOf(r, 'vss-backup-components')[0].fields.backupType, 'full');
	});
});
