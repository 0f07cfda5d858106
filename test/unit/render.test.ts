import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { RULE_CATALOGUE } from '../../src/core/diagnosis/ruleCatalogue';
import { KB } from '../../src/core/knowledge/kb';
import { t } from '../../src/core/knowledge/messages';
import { REPORT_SCHEMA, type Attempt, type AttemptEvent, type Finding, type KbRef, type Report, type Writer } from '../../src/core/model/report';
import { mdCode, mdLink, mdProse, mdText } from '../../src/core/report/markdownText';
import { renderFindingMarkdown, renderMarkdown } from '../../src/core/report/renderMarkdown';
import { artifactUri, renderSarif } from '../../src/core/report/renderSarif';
import { renderText } from '../../src/core/report/renderText';
import { describeTimeZone, formatTime, parseTimeZone, type TimeZone } from '../../src/core/report/displayTime';
import { fixture } from './fixtures';
import { ROOT } from './readFixture';
import { runCli as run } from './runCli';

/** A log line written to break a Markdown table, close a code span and inject HTML. */
const HOSTILE = 'vss | writer `quoted` <script>alert(1)</script> *bold* [x](javascript:alert(1))';
const MEMBER = 'bundle.zip!/guest/vss admin#1.txt';

function event(i: number, text = `line ${i}`): AttemptEvent {
	return { time: new Date(Date.UTC(2024, 2, 3, 16, 59, 0, 0) + i * 1000).toISOString(), source: 'esxi/vmware.log', line: 800 + i, kind: 'quiesce-state', severity: 'info', text };
}

function attempt(over: Partial<Attempt>): Attempt {
	return {
		id: 'a1',
		vm: 'DB-JP-01',
		snapshotName: 'nightly',
		opId: 'bcl-4f1e-77a0-01',
		task: 'task-768',
		quiesced: true,
		start: '2024-03-03T16:59:58.904Z',
		end: '2024-03-03T17:01:02.000Z',
		result: 'failed',
		consistency: 'none',
		consistencyEvidence: ['The snapshot attempt failed: it left no restore point.'],
		fallbackOf: null,
		vmbackupStatus: 5,
		guestOperation: 'VssSyncStart',
		guestMessage: "'VssSyncStart' operation failed",
		hresult: '0x80042301',
		hresultName: 'VSS_E_BAD_STATE',
		fault: 'vim.fault.ApplicationQuiesceFault',
		quiesceStates: ['IDLE', 'STARTED', 'ERROR_WAIT', 'IDLE'],
		quiesceMs: 930_700,
		freezeMs: null,
		windows: [
			{ name: 'Tools quiesce timeout', measuredMs: 930_700, limitMs: 900_000, exceeded: true },
			{ name: 'writer freeze-thaw', measuredMs: 850, limitMs: 10_000, exceeded: false },
		],
		phases: [],
		stunUs: 287_412,
		writers: ['SqlServerWriter'],
		events: [{ ...event(0), join: { by: 'vmx-log' } }, event(1, HOSTILE), { ...event(2), join: { by: 'window', from: '2024-03-03T16:58:00.000Z', to: '2024-03-03T17:02:02.000Z' } }],
		requester: 'VMware Tools',
		kind: 'host-snapshot',
		failedPhase: 'prepare',
		failedComponent: { type: 'requester', name: 'VMware Tools' },
		...over,
	};
}

function finding(over: Partial<Finding>): Finding {
	return {
		id: `${over.code ?? 'QL101'}-test`,
		code: 'QL101',
		severity: 'error',
		title: 'Quiesced snapshot failed: VSS_E_BAD_STATE',
		message: 'The guest could not start the VSS snapshot set.',
		attemptId: 'a1',
		writers: [],
		hresult: '0x80042301',
		kb: [{ id: 'VMware KB 1018194', title: 'Troubleshooting VSS quiesce issues', url: 'https://knowledge.broadcom.com/external/article?legacyId=1018194' }],
		fix: '1. Run `vssadmin list writers` in the guest.\n2. Restart the VSS service.',
		evidence: [
			{ path: 'esxi/vmware.log', line: 801, text: HOSTILE },
			{ path: MEMBER, line: 40, text: '状態: [9] 失敗' },
		],
		...over,
	};
}

function writer(name: string, stateCode: number, failed: boolean, line: number): Writer {
	return {
		name,
		writerId: null,
		instanceId: null,
		stateCode,
		state: null,
		stateText: failed ? '失敗' : 'Stable',
		stateLine: null,
		stateSource: null,
		lastError: failed ? 'タイムアウト' : 'No error',
		lastErrorHresult: failed ? '0x800423F2' : null,
		hasLastError: failed,
		failed,
		service: null,
		source: { path: MEMBER, line },
		nameLine: `Writer name: '${name}'`,
		listing: MEMBER,
	};
}

function report(over: Partial<Report> = {}): Report {
	return {
		schema: REPORT_SCHEMA,
		tool: { name: 'quiesce-lens', version: '0.1.0' },
		root: 'case-42',
		hypervisor: 'vmware',
		inputs: [
			{ path: 'esxi/vmware.log', format: 'vmware-log', origin: 'vmx', formatReason: 'sample', encoding: 'utf-8', eol: 'LF', lines: 900, unparsedLines: 3, clock: { utcOffsetMinutes: 0, basis: 'stamped' }, problems: [] },
			{ path: MEMBER, format: 'vssadmin-list-writers', origin: 'guest-windows', formatReason: 'sample', encoding: 'utf-16le', eol: 'CRLF', lines: 57, unparsedLines: 0, clock: null, problems: ['Truncated | at <end>.'] },
		],
		writerListings: [{ path: MEMBER, status: 'ok', count: 2, errorText: null, errorLine: null, errorFirstLine: null, headerLine: null, whole: true }],
		writers: [writer('Registry Writer', 1, false, 10), writer('SqlServerWriter', 9, true, 36)],
		providers: [],
		shadows: [],
		shadowStorage: [],
		volumes: [],
		attempts: [attempt({}), attempt({ id: 'a2', quiesced: false, result: 'success', consistency: 'crash', fallbackOf: 'a1', start: '2024-03-03T17:05:00.000Z', hresult: null, hresultName: null, vmbackupStatus: null, events: [] })],
		findings: [
			finding({}),
			finding({ code: 'QL201', title: 'SqlServerWriter failed at Freeze (state [9])', attemptId: null, severity: 'warning', fix: 'Restart SQLWriter.', evidence: [{ path: MEMBER, line: 36, text: '状態: [9] 失敗' }] }),
			finding({ code: 'QL203', severity: 'info', attemptId: null, kb: [], evidence: [] }),
		],
		...over,
	};
}

/** The cells of a GFM table row: split on pipes that are not escaped. */
const cells = (row: string): string[] => row.replace(/^\| | \|$/g, '').split(/ (?<!\\)\| /);

/** The rows (header, delimiter, body) of the table that follows a line. */
function tableAfter(md: string, heading: string): string[] {
	const lines = md.split('\n');
	const start = lines.findIndex((l) => l.startsWith('|') && lines.indexOf(heading) < lines.indexOf(l));
	const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
	return lines.slice(start, end);
}

describe('report rendering', () => {
	describe('Markdown escaping', () => {
		it('mdText makes HTML, table pipes and emphasis literal but keeps plain names readable', () => {
			assert.equal(mdText('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
			assert.equal(mdText('a | b'), 'a \\| b');
			assert.equal(mdText('*bold* `code` ~x~ $y$ \\'), '\\*bold\\* \\`code\\` \\~x\\~ \\$y\\$ \\\\');
			assert.equal(mdText('[x](javascript:alert(1))'), '\\[x\\](javascript:alert(1))');
			assert.equal(mdText('VSS_E_BAD_STATE [9] 0.1.0 a&b'), 'VSS_E_BAD_STATE [9] 0.1.0 a&amp;b');
			assert.equal(mdText('_em_'), '\\_em\\_');
			assert.equal(mdText('two\r\nlines'), 'two lines');
		});

		it('mdText cannot start a heading, list, task box or rule', () => {
			assert.equal(mdText('# title'), '\\# title');
			assert.equal(mdText('- item'), '\\- item');
			assert.equal(mdText('1. item'), '1\\. item');
			assert.equal(mdText('[ ] box'), '\\[ ] box');
			assert.equal(mdText('  ---'), '\\---');
			assert.equal(mdText('C #'), 'C \\#');
		});

		it('mdCode fences around backticks and escapes pipes for a table cell', () => {
			assert.equal(mdCode('a|b'), '`a\\|b`');
			assert.equal(mdCode('run `x` now'), '``run `x` now``');
			assert.equal(mdCode('`edge`'), '`` `edge` ``');
			assert.equal(mdCode('<script>'), '`<script>`');
			assert.equal(mdCode(''), '');
		});

		it("mdProse keeps the tool's own code spans and escapes the rest; mdLink links only http(s)", () => {
			assert.equal(mdProse('Run `net stop <svc>` as *admin* <b>'), 'Run `net stop <svc>` as \\*admin\\* &lt;b&gt;');
			assert.equal(mdProse('- not a list'), '\\- not a list');
			assert.equal(mdLink('KB', 'https://example.com/a(b)'), '[KB](https://example.com/a%28b%29)');
			assert.equal(mdLink('KB', 'javascript:alert(1)'), 'KB (javascript:alert(1))');
		});
	});

	describe('renderMarkdown', () => {
		const md = renderMarkdown(report(), { timeZone: { kind: 'offset', minutes: 540 } });
		const lines = md.split('\n');

		it('has a title, the zone used, a verdict and a summary table with one row per attempt', () => {
			assert.equal(lines[0], '# Quiesce Lens report: case-42');
			assert.match(lines[2], /^Quiesce Lens 0\.1\.0 · hypervisor: vmware · 2 file\(s\) read · times in UTC\+09:00$/);
			assert.match(lines[4], /^\*\*Verdict:\*\* Problem found: 1 of 2 snapshot attempt\(s\) failed; latest attempt a2: success, crash-consistent; 1 error\(s\), 1 warning\(s\) — QL101 /);
			const table = tableAfter(md, '## Snapshot attempts');
			assert.equal(table.length, 4);
			assert.deepEqual(cells(table[0]), ['Attempt', 'VM', 'Snapshot', 'Start', 'Quiesced', 'Result', 'Consistency', 'HRESULT / VmBackupStatus']);
			assert.deepEqual(cells(table[2]), ['a1', 'DB-JP-01', 'nightly', '2024-03-04 01:59:58.904', 'yes', 'failed', 'no restore point', '0x80042301 VSS_E_BAD_STATE; VmBackupStatus 5 VMBACKUP_UNEXPECTED_ERROR']);
			assert.deepEqual(cells(table[3]).slice(3, 8), ['2024-03-04 02:05:00.000', 'no', 'success', 'crash-consistent', '—']);
		});

		it('has one section per attempt with consistency, window checks, timeline and its findings', () => {
			const a1 = lines.indexOf('## Attempt a1: DB-JP-01 — failed');
			const a2 = lines.indexOf('## Attempt a2: DB-JP-01 — success');
			assert.ok(a1 > 0 && a2 > a1);
			const section = lines.slice(a1, a2);
			assert.ok(section.includes('### Consistency: no restore point'));
			assert.ok(section.includes('- The snapshot attempt failed: it left no restore point.'));
			assert.ok(section.includes('| Tools quiesce timeout | 15 min 31 s | 15 min | **exceeded** |'));
			assert.ok(section.includes('| writer freeze-thaw | 850 ms | 10 s | within |'));
			assert.ok(section.includes('- **VM stun:** 287 ms'));
			assert.ok(section.includes('- **Writers:** SqlServerWriter'));
			assert.ok(section.includes('#### ERROR QL101: Quiesced snapshot failed: VSS_E_BAD_STATE'));
			assert.ok(section.includes('1. Run `vssadmin list writers` in the guest.'));
			assert.ok(section.includes('2. Restart the VSS service.'));
			assert.ok(section.includes('- [VMware KB 1018194](https://knowledge.broadcom.com/external/article?legacyId=1018194): Troubleshooting VSS quiesce issues'));
			assert.ok(section.includes('| `bundle.zip!/guest/vss admin#1.txt:40` | `状態: [9] 失敗` |'));
			assert.ok(lines.slice(a2).includes('- **Crash-consistent retry of:** a1'));
		});

		it('escapes hostile log text so it stays one table cell and never becomes HTML', () => {
			const hostileCell = '``vss \\| writer `quoted` <script>alert(1)</script> *bold* [x](javascript:alert(1))``';
			const row = lines.find((l) => l.startsWith('| 2024-03-04 01:59:01.000 |'))!;
			assert.deepEqual(cells(row), ['2024-03-04 01:59:01.000', '`esxi/vmware.log:801`', 'quiesce-state', '—', hostileCell], 'an event that does not say why it joined');
			// The raw tag only ever appears inside that code span (timeline and evidence rows).
			for (const l of lines.filter((x) => x.includes('<script>'))) assert.ok(l.includes(hostileCell), l);
			assert.ok(md.includes('| Truncated \\| at &lt;end&gt;. |'));
			// Every row of every table has as many cells as its header.
			let header = 0;
			for (const l of lines) {
				if (!l.startsWith('|')) {
					header = 0;
					continue;
				}
				if (header === 0) header = cells(l).length;
				else assert.equal(cells(l).length, header, l);
			}
		});

		it('says why each event joined its attempt, a window in the display zone', () => {
			const join = (line: number) => cells(lines.find((l) => l.includes(`\`esxi/vmware.log:${line}\``) && l.includes('quiesce-state'))!)[3];
			assert.equal(join(800), 'its own vmware.log');
			assert.equal(join(802), 'time window 2024-03-04 01:58:00.000 – 2024-03-04 02:02:02.000');
		});

		it('cuts long timelines, saying how many events it left out and keeping the first and last', () => {
			const long = renderMarkdown(report({ attempts: [attempt({ events: Array.from({ length: 45 }, (_, i) => event(i)) })] }));
			const table = tableAfter(long, '### Timeline (45 event(s))');
			assert.equal(table.length, 2 + 20 + 1 + 10);
			assert.deepEqual(cells(table[22]), ['…', '', '', '', '*15 more events*']);
			assert.match(table[2], /`line 0`/);
			assert.match(table[table.length - 1], /`line 44`/);
		});

		it('lists findings not tied to an attempt, writers failed first with state and meaning, and inputs', () => {
			const loose = lines.indexOf('## Findings not tied to an attempt');
			assert.ok(lines.indexOf('### WARNING QL201: SqlServerWriter failed at Freeze (state [9])') > loose);
			assert.ok(lines.indexOf('### INFO QL203: Quiesced snapshot failed: VSS_E_BAD_STATE') > loose);
			const writers = tableAfter(md, '## VSS writers');
			assert.deepEqual(cells(writers[0]), ['Writer', 'State', 'As printed', 'Last error', 'Source']);
			assert.deepEqual(cells(writers[2]), ['**✗** SqlServerWriter', '\\[9] failed at freeze', '失敗', 'タイムアウト (0x800423F2)', '`bundle.zip!/guest/vss admin#1.txt:36`']);
			assert.equal(cells(writers[3])[0], 'Registry Writer');
			const inputs = tableAfter(md, '## Inputs');
			assert.deepEqual(cells(inputs[2]), ['`esxi/vmware.log`', 'vmware-log', 'utf-8, LF', '900', '3', 'UTC+00:00 (stamped)', '—']);
		});

		it('one finding alone (Copy Finding) is the same section the report shows, escaped alike', () => {
			const f = report().findings[1];
			const alone = renderFindingMarkdown(f);
			assert.ok(alone.startsWith('### WARNING QL201: SqlServerWriter failed at Freeze (state [9])\n'));
			assert.ok(md.includes(alone), 'the report holds the very same section');
			assert.ok(renderFindingMarkdown(finding({})).includes(mdCode(HOSTILE)), 'log text stays a code span');
			// The editor command copies this, and builds no Markdown of its own.
			const command = fs.readFileSync(path.join(ROOT, 'src', 'commands', 'findingCommands.ts'), 'utf8');
			assert.match(command, /clipboard\.writeText\(renderFindingMarkdown\(f\)\)/);
			assert.doesNotMatch(command, /\*\*Fix\*\*|\*\*Evidence\*\*|`### /);
		});

		it('says so when there is no attempt and no finding', () => {
			const empty = renderMarkdown(report({ attempts: [], findings: [], writerListings: [], writers: [] }));
			assert.match(empty, /\*\*Verdict:\*\* No problem found: 0 error\(s\), 0 warning\(s\)\n/);
			assert.match(empty, /## Snapshot attempts\n\nNo snapshot attempt found in the bundle\.\n\n## Findings\n\nNone\.\n/);
			assert.match(empty, /No `vssadmin list writers` output found\./);
		});
	});

	describe('renderSarif', () => {
		// A code the catalogue does not know (another version's report) still gets its rule.
		const unknown = finding({ code: 'QL999', severity: 'info', title: 'A finding of another version', kb: [], evidence: [] });
		const sarif = JSON.parse(renderSarif(report({ findings: [...report().findings, unknown] }))) as {
			$schema: string;
			version: string;
			runs: {
				tool: {
					driver: {
						name: string;
						version: string;
						informationUri: string;
						rules: { id: string; shortDescription: { text: string }; helpUri?: string; defaultConfiguration: { level: string }; properties?: { family: string; levels: string[]; kb: KbRef[] } }[];
					};
				};
				results: {
					ruleId: string;
					ruleIndex: number;
					level: string;
					message: { text: string };
					locations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; snippet: { text: string } } } }[];
					relatedLocations?: { id: number; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
				}[];
			}[];
		};

		it('is SARIF 2.1.0 with one run, a driver and a rule for every code of the catalogue', () => {
			assert.match(sarif.$schema, /^https:\/\/.*sarif-schema-2\.1\.0\.json$/);
			assert.equal(sarif.version, '2.1.0');
			assert.equal(sarif.runs.length, 1);
			const driver = sarif.runs[0].tool.driver;
			assert.equal(driver.name, 'quiesce-lens');
			assert.equal(driver.version, '0.1.0');
			assert.doesNotThrow(() => new URL(driver.informationUri));
			assert.deepEqual(
				driver.rules.map((r) => r.id),
				[...RULE_CATALOGUE.map((r) => r.code), 'QL999'],
			);
			assert.deepEqual(driver.rules[0], {
				id: 'QL101',
				shortDescription: { text: t('en', 'QL101.short') },
				helpUri: KB.vmbackupStatus.url,
				defaultConfiguration: { level: 'error' },
				properties: { family: 'guest-status', levels: ['error'], kb: [KB.vmbackupStatus, KB.writerVetoes, KB.ioHoldOff] },
			});
			const ql203 = driver.rules.find((r) => r.id === 'QL203')!;
			assert.deepEqual([ql203.defaultConfiguration.level, ql203.properties?.levels], ['note', ['note']]);
			assert.deepEqual(driver.rules.find((r) => r.id === 'QL113')?.properties?.levels, ['warning', 'note']);
			assert.equal(driver.rules.find((r) => r.id === 'QL109')?.helpUri, undefined, 'QL109 cites nothing');
			assert.deepEqual(driver.rules.at(-1), { id: 'QL999', shortDescription: { text: 'A finding of another version' }, defaultConfiguration: { level: 'note' } });
		});

		it('has one result per finding with its level, message and evidence locations', () => {
			const [r1, r2, r3] = sarif.runs[0].results;
			const rules = sarif.runs[0].tool.driver.rules;
			assert.deepEqual(
				sarif.runs[0].results.map((r) => [r.ruleId, rules[r.ruleIndex].id, r.level]),
				[
					['QL101', 'QL101', 'error'],
					['QL201', 'QL201', 'warning'],
					['QL203', 'QL203', 'note'],
					['QL999', 'QL999', 'note'],
				],
			);
			for (const r of sarif.runs[0].results) assert.ok(r.message.text.length > 0);
			assert.deepEqual(r1.locations?.[0].physicalLocation, { artifactLocation: { uri: 'esxi/vmware.log', uriBaseId: 'BUNDLEROOT' }, region: { startLine: 801, snippet: { text: HOSTILE } } });
			assert.equal(r1.relatedLocations?.[0].id, 1);
			assert.equal(r1.relatedLocations?.[0].physicalLocation.artifactLocation.uri, 'bundle.zip!/guest/vss%20admin%231.txt');
			assert.equal(r1.relatedLocations?.[0].physicalLocation.region.startLine, 40);
			assert.equal(r2.relatedLocations, undefined);
			assert.equal(r3.locations, undefined);
		});

		it('encodes archive members as valid relative URIs that read back to the report path', () => {
			const rfc3986 = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$/;
			for (const p of [MEMBER, 'x!y/z.txt', 'ログ/a b.txt', 'outer.zip!/inner.tgz!/c:d?.log', 'esxi/var/log/vmware-1.log']) {
				const uri = artifactUri(p);
				assert.match(uri, rfc3986, uri);
				assert.equal(new URL(uri, 'file:///bundle/').href.startsWith('file:///bundle/'), true, uri);
				assert.equal(
					uri
						.split('!/')
						.map((part) => part.split('/').map(decodeURIComponent).join('/'))
						.join('!/'),
					p,
				);
			}
			assert.equal(artifactUri('x!y/z.txt'), 'x%21y/z.txt');
			assert.equal(artifactUri('outer.zip!/inner.tgz!/c:d?.log'), 'outer.zip!/inner.tgz!/c%3Ad%3F.log');
		});
	});

	describe('time zones (--tz)', () => {
		const T = '2024-03-03T16:59:58.904Z';
		const zone = (s: string): TimeZone => parseTimeZone(s)!;

		it('parses utc, local and fixed offsets, and refuses anything else', () => {
			assert.deepEqual(parseTimeZone('utc'), { kind: 'utc' });
			assert.deepEqual(parseTimeZone('UTC'), { kind: 'utc' });
			assert.deepEqual(parseTimeZone('local'), { kind: 'local' });
			assert.deepEqual(parseTimeZone('+09:00'), { kind: 'offset', minutes: 540 });
			assert.deepEqual(parseTimeZone('-05:00'), { kind: 'offset', minutes: -300 });
			assert.deepEqual(parseTimeZone('+0545'), { kind: 'offset', minutes: 345 });
			for (const bad of ['', 'EST', 'Asia/Tokyo', '+9', '+09:60', '+15:00', '09:00', '+09:00:00']) assert.equal(parseTimeZone(bad), null, bad);
		});

		it('prints UTC, +09:00 (across midnight), -05:00 and +05:45', () => {
			assert.equal(formatTime(T, zone('utc')), '2024-03-03 16:59:58.904');
			assert.equal(formatTime(T, zone('+09:00')), '2024-03-04 01:59:58.904');
			assert.equal(formatTime(T, zone('-05:00')), '2024-03-03 11:59:58.904');
			assert.equal(formatTime(T, zone('+05:45')), '2024-03-03 22:44:58.904');
			assert.equal(formatTime(null, zone('utc')), '—');
			assert.equal(formatTime('not a time', zone('utc')), 'not a time');
		});

		it('a fixed offset ignores daylight saving time, local follows it', () => {
			const winter = '2024-01-15T12:00:00.000Z',
				summer = '2024-07-15T12:00:00.000Z';
			assert.equal(formatTime(winter, zone('-05:00')), '2024-01-15 07:00:00.000');
			assert.equal(formatTime(summer, zone('-05:00')), '2024-07-15 07:00:00.000');
			assert.equal(describeTimeZone(zone('-05:00'), [winter, summer]), 'UTC-05:00');
			const saved = process.env.TZ;
			// Node re-reads TZ when it changes, so the machine's zone can be chosen for the test.
			process.env.TZ = 'America/New_York';
			try {
				assert.equal(formatTime(winter, zone('local')), '2024-01-15 07:00:00.000');
				assert.equal(formatTime(summer, zone('local')), '2024-07-15 08:00:00.000');
				assert.equal(describeTimeZone(zone('local'), [winter, summer, null]), 'local time America/New_York (UTC-05:00 / UTC-04:00)');
			} finally {
				if (saved === undefined) delete process.env.TZ;
				else process.env.TZ = saved;
			}
		});

		it('text and Markdown print times in the zone and name it in the header', () => {
			const r = report();
			const text = renderText(r, { timeZone: zone('-05:00') });
			assert.match(text, /^Times in UTC-05:00$/m);
			assert.match(text, /^ {2}a1 {2}2024-03-03 11:59:58\.904 {2}DB-JP-01 {2}"nightly"$/m);
			assert.match(text, /^ {6}quiesced yes · failed · no restore point · 0x80042301 VSS_E_BAD_STATE; VmBackupStatus 5 VMBACKUP_UNEXPECTED_ERROR$/m);
			assert.match(text, /^ {8}2024-03-03 11:59:01\.000 {2}esxi\/vmware\.log:801 {2}vss \| writer/m);
			assert.match(text, /^ {6}crash-consistent retry of a1$/m);
			assert.match(text, /^ {6}writers: SqlServerWriter$/m);
			assert.match(renderText(r), /^Times in UTC$/m);
			assert.match(renderMarkdown(r), /times in UTC\n/);
			assert.match(renderMarkdown(r), /\| a1 \| DB-JP-01 \| nightly \| 2024-03-03 16:59:58\.904 \|/);
		});
	});

	describe('who asked and where it failed', () => {
		const point = (over: Partial<Attempt>) =>
			renderText(report({ attempts: [attempt(over)] }))
				.split('\n')
				.find((l) => l.startsWith('      requester'));

		it('names a requester that failed once, with the phase', () => {
			assert.equal(point({ requester: 'Veeam Backup & Replication', failedPhase: 'freeze', failedComponent: { type: 'requester', name: 'Veeam Backup & Replication' } }), '      requester Veeam Backup & Replication · failed in freeze');
			assert.equal(point({ requester: 'Veeam Backup & Replication', failedPhase: null, failedComponent: { type: 'requester', name: null } }), '      requester Veeam Backup & Replication');
		});

		it('still names the component when it is another requester, a writer or the provider', () => {
			assert.equal(point({ requester: 'VMware Tools', failedPhase: 'freeze', failedComponent: { type: 'writer', name: 'SqlServerWriter' } }), '      requester VMware Tools · failed in freeze · writer SqlServerWriter');
			assert.match(point({ requester: 'VMware Tools', failedPhase: null, failedComponent: { type: 'requester', name: 'Windows Server Backup' } }) ?? '', /^ {6}requester VMware Tools · .*Windows Server Backup$/);
		});
	});

	describe('CLI formats and flags', () => {
		const listing = fixture('listings', 'ja-cp932-sql-failed-at-freeze.txt');

		it('--format markdown and sarif render the same findings as json', async () => {
			const json = JSON.parse((await run('analyze', listing)).out) as Report;
			const md = await run('analyze', listing, '--format', 'markdown', '--tz', '+09:00');
			assert.equal(md.code, 0, md.err);
			assert.match(md.out, /^# Quiesce Lens report: listings\n/);
			assert.match(md.out, /times in UTC\+09:00/);
			assert.match(md.out, /### ERROR QL201: SqlServerWriter failed at Freeze/);
			const sarif = await run('analyze', listing, '--format', 'sarif');
			assert.equal(sarif.code, 0, sarif.err);
			const log = JSON.parse(sarif.out) as { version: string; runs: { results: { ruleId: string }[] }[] };
			assert.equal(log.version, '2.1.0');
			assert.deepEqual(
				log.runs[0].results.map((r) => r.ruleId),
				json.findings.map((f) => f.code),
			);
		});

		it('--tz leaves JSON in UTC', async () => {
			assert.equal((await run('analyze', listing, '--tz', '+09:00')).out, (await run('analyze', listing)).out);
		});

		it('bad formats and zones are one-sentence usage errors with exit 2', async () => {
			assert.deepEqual(await run('analyze', listing, '--tz', 'Mars/Olympus'), { code: 2, out: '', err: "quiesce-lens: Unknown time zone 'Mars/Olympus'; use utc, local or an offset such as +09:00.\n" });
			assert.deepEqual((await run('analyze', listing, '--tz', '+25:00')).code, 2);
			assert.deepEqual(await run('analyze', listing, '--tz'), { code: 2, out: '', err: 'quiesce-lens: Option --tz needs a value.\n' });
			assert.deepEqual(await run('analyze', listing, '--format', 'yaml'), { code: 2, out: '', err: "quiesce-lens: Unknown format 'yaml'; use json, markdown, text or sarif.\n" });
			assert.equal((await run('analyze', listing, '--format', 'toString')).code, 2);
			assert.match((await run('--help')).out, /--format <format> +json: .*markdown: .*\n.*sarif: /);
			assert.match((await run('--help')).out, /--tz <zone>/);
		});
	});
});
