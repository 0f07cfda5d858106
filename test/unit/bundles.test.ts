import * as assert from 'assert/strict';
import * as path from 'path';
import { analyze } from '../../src/core';
import type { Encoding, Eol } from '../../src/core/model/report';
import { fixture } from './fixtures';

type Expect = [format: string, encoding: Encoding, eol: Eol];

/**
 * Every file of every sample bundle, with the format, encoding and line endings it really has (from each
 * bundle's case.json in test/fixtures/expected). Pure-ASCII files are reported as UTF-8: their bytes read
 * the same in every code page, and the report does not guess which one the machine used.
 */
const BUNDLES: Record<string, Record<string, Expect>> = {
	'case-01-success-app-consistent-esxi67': {
		'esxi/var/run/log/hostd.log': ['hostd-log', 'utf-8', 'LF'],
		'esxi/vmfs/volumes/ds-ssd-01/SQL-PRD-01/vmware.log': ['vmware-log', 'utf-8', 'LF'],
		'esxi/vmfs/volumes/ds-ssd-01/SQL-PRD-01/vss_manifests4.zip': ['vss-manifests', 'binary', 'none'],
		'esxi/vmfs/volumes/ds-ssd-01/SQL-PRD-01/vss_manifests4.zip!/backup.xml': ['vss-backup-components', 'utf-8', 'LF'],
		'esxi/vmfs/volumes/ds-ssd-01/SQL-PRD-01/vss_manifests4.zip!/writer0.xml': ['vss-writer-metadata', 'utf-8', 'LF'],
		'esxi/vmfs/volumes/ds-ssd-01/SQL-PRD-01/vss_manifests4.zip!/writer1.xml': ['vss-writer-metadata', 'utf-8', 'LF'],
		'guest/vssadmin-writers.txt': ['vssadmin-list-writers', 'utf-8', 'CRLF'],
	},
	'case-02-vsssyncstart-bad-state-8449-kb1018194': {
		'esxi/var/log/vpxa.log': ['vpxa-log', 'utf-8', 'LF'],
		'esxi/vmfs/volumes/datastore2/FS-02/vmware.log': ['vmware-log', 'utf-8', 'LF'],
	},
	'case-05-exchange-writer-retryable-ps51-utf16': {
		'esxi/var/run/log/hostd.log': ['hostd-log', 'utf-8', 'LF'],
		'esxi/vmfs/volumes/vsanDatastore/EXCH-MBX-02/vmware.log': ['vmware-log', 'utf-8', 'LF'],
		'guest/events-application.xml': ['windows-events-xml', 'utf-8', 'CRLF'],
		'guest/vssadmin-writers.txt': ['vssadmin-list-writers', 'utf-16le', 'CRLF'],
	},
	'case-07-de-utf16-system-and-wmi-writer-failed': {
		'guest/vssadmin-writers.txt': ['vssadmin-list-writers', 'utf-16le', 'CRLF'],
	},
	'case-10-tools-not-available-vcenter-export': {
		'esxi/var/run/log/hostd.log': ['hostd-log', 'utf-8', 'LF'],
		'guest/var/log/vmware-vmsvc.log': ['tools-log', 'utf-8', 'LF'],
		'vcenter/tasks-export.csv': ['vcenter-tasks-csv', 'utf-8-bom', 'CRLF'],
	},
	'case-12-2008r2-eventcls-class-not-registered-8193': {
		'esxi/vmfs/volumes/ds-bronze/APP-2K8R2-04/vmware.log': ['vmware-log', 'utf-8', 'LF'],
		'guest/events-application.xml': ['windows-events-xml', 'utf-8', 'CRLF'],
		'guest/vssadmin-writers.txt': ['vssadmin-list-writers', 'utf-8', 'CRLF'],
	},
};

describe('sample bundles: every file listed with the right format, encoding and line endings', () => {
	for (const [bundle, files] of Object.entries(BUNDLES)) {
		it(bundle, () => {
			const report = analyze([fixture('bundles', bundle)]);
			assert.deepEqual(report.inputs.map((i) => i.path).sort(), Object.keys(files).sort(), 'the same files, none dropped');
			for (const input of report.inputs) {
				assert.deepEqual([input.format, input.encoding, input.eol], files[input.path], input.path);
				assert.equal(input.unparsedLines, 0, `${input.path}: ${input.unparsedLines} unparsed lines`);
				assert.deepEqual(input.problems, [], input.path);
			}
		});
	}

	it('the sample bundle npm start analyses: every file is recognised and fully parsed', () => {
		const report = analyze([path.resolve(__dirname, '..', '..', '..', 'samples', 'sql-freeze-timeout')]);
		assert.equal(report.inputs.length, 6);
		for (const input of report.inputs) {
			assert.notEqual(input.format, 'unknown', input.path);
			assert.equal(input.unparsedLines, 0, input.path);
		}
	});
});
