import * as assert from 'assert/strict';
import * as fs from 'fs';
import { analyze } from '../../src/core';
import { diagnose, type DiagnosisInput } from '../../src/core/diagnosis/diagnose';
import { EVENTS } from '../../src/core/knowledge/events';
import { explainAt } from '../../src/core/diagnosis/explain';
import { FAULTS } from '../../src/core/knowledge/faults';
import { BACKUP_ERRORS, HRESULTS } from '../../src/core/knowledge/hresults';
import { CATALOGUES, normalizeLocale, t, translator, type Catalogue } from '../../src/core/knowledge/messages';
import { en } from '../../src/core/knowledge/messages/en';
import { ja } from '../../src/core/knowledge/messages/ja';
import { JA_BACKUP_ERRORS, JA_EVENT_IMPACT, JA_EVENTS, JA_FAULTS, JA_HOST_RESTART_IMPACT, JA_HRESULTS, JA_PHASE_MEANING, JA_PRODUCT_CODE_MEANING, JA_PRODUCT_TRUNCATION, JA_RESTART_IMPACT, JA_VMBACKUP_STATUS } from '../../src/core/knowledge/messages/jaTables';
import { hresultMeaning, PHASE_MEANING } from '../../src/core/knowledge/messages/tables';
import { PRODUCT_CODES, PRODUCTS } from '../../src/core/knowledge/productCodes';
import { VMBACKUP_STATUS_MEANING } from '../../src/core/knowledge/vmbackup';
import { EVENT_SOURCE_HOSTS, WRITERS } from '../../src/core/knowledge/writerServices';
import type { Finding } from '../../src/core/model/report';
import { fixture } from './fixtures';
import { attempt, goodAttempt, IDS, input, listing, provider, rec, storage, winEvent, writer } from './ruleInputs';
import { runCli } from './runCli';

// Compile-time: the Japanese catalogue has exactly the English keys (its type, Catalogue, holds it to the
// same parameters), so a key added to en.ts and missing from ja.ts fails the build.
type Missing = Exclude<keyof typeof en, keyof typeof ja> | Exclude<keyof typeof ja, keyof typeof en>;
const noneMissing: [Missing] extends [never] ? true : false = true;

/** Hiragana, katakana or kanji. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Prose that is left once commands, quoted log text and GUIDs are taken out. */
const prose = (s: string) =>
	s
		.replace(/`[^`]*`/g, ' ')
		.replace(/"[^"]*"/g, ' ')
		.replace(/\{[^}]*\}/g, ' ');

/** A run of four or more lower-case ASCII words: an English sentence left in Japanese text. */
const ENGLISH_RUN = /\b[a-z]+(?:[ ,]+[a-z]+){3,}\b/;

/** Output that is only a command, an identifier or the sample parameters may be the same in every language. */
const onlyCommand = (s: string) => prose(s).replace(/[\s().,;:。、\d\-/[\]]|Windows|null|⟨x⟩/g, '') === '';

/** Sample parameters: every property a one-element array (a string, an array and truthy at once), or every property missing. */
const SAMPLES: Record<string, unknown>[] = [new Proxy({}, { get: (_, k) => (typeof k === 'string' ? ['⟨x⟩'] : undefined) }), new Proxy({}, { get: (_, k) => (typeof k === 'string' && k !== 'then' ? null : undefined) })];

/** Each message of a catalogue with each sample (messages that need a list get an empty one in the second sample). */
function outputs(catalogue: Catalogue): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const [key, fn] of Object.entries(catalogue) as [string, (p?: unknown) => string][]) {
		out.set(
			key,
			SAMPLES.map((p) => {
				try {
					return fn(p);
				} catch {
					// A list parameter read as null: give it empty lists instead.
					return fn(new Proxy({}, { get: (_, k) => (typeof k === 'string' ? [] : undefined) }));
				}
			}),
		);
	}
	return out;
}

function assertJapanese(text: string, where: string) {
	assert.match(text, JAPANESE, `${where} has no Japanese: ${text}`);
	assert.doesNotMatch(prose(text), ENGLISH_RUN, `${where} keeps English prose: ${text}`);
}

/** What must not change with the language: everything in a finding but its prose. */
const facts = (f: Finding) => ({ id: f.id, code: f.code, severity: f.severity, attemptId: f.attemptId, writers: f.writers, hresult: f.hresult, kb: f.kb, evidence: f.evidence, steps: f.fix.split('\n').length });

function assertSameFindings(enFindings: readonly Finding[], jaFindings: readonly Finding[], where: string) {
	assert.deepEqual(jaFindings.map(facts), enFindings.map(facts), where);
	enFindings.forEach((e, i) => {
		const j = jaFindings[i];
		for (const field of ['title', 'message', 'fix'] as const) {
			assert.notEqual(j[field], e[field], `${where} ${e.code} ${field} is not translated`);
			assertJapanese(j[field], `${where} ${e.code} ${field}`);
		}
		// Every command of the English fix is in the Japanese one, unchanged.
		for (const cmd of e.fix.match(/`[^`]+`/g) ?? []) assert.ok(j.fix.includes(cmd), `${where} ${e.code}: ${cmd} missing from the Japanese fix`);
	});
}

describe('messages: the knowledge base speaks English and Japanese', () => {
	it('the locale is normalised: ja, ja-JP, JA are Japanese; anything else, or nothing, is English', () => {
		assert.deepEqual(['ja', 'ja-JP', 'JA', 'ja_JP.UTF-8', 'en', 'en-US', 'de', 'jp', '', undefined, null].map(normalizeLocale), ['ja', 'ja', 'ja', 'ja', 'en', 'en', 'en', 'en', 'en', 'en', 'en']);
		assert.equal(t('ja', 'common.theSnapshot'), 'スナップショット');
		assert.equal(translator()('common.theSnapshot'), 'the snapshot');
	});

	it('every key has both locales, as functions of the same arity', () => {
		assert.ok(noneMissing);
		const keys = Object.keys(en).sort();
		assert.ok(keys.length > 150, `only ${keys.length} keys`);
		assert.deepEqual(Object.keys(ja).sort(), keys);
		for (const k of keys) {
			const e = (CATALOGUES.en as Record<string, unknown>)[k],
				j = (CATALOGUES.ja as Record<string, unknown>)[k];
			assert.equal(typeof e, 'function', k);
			assert.equal(typeof j, 'function', k);
			assert.equal((j as () => string).length, (e as () => string).length, `${k}: parameters`);
		}
	});

	it('no Japanese message is the English one, unless it is only a command or identifier', () => {
		const e = outputs(CATALOGUES.en),
			j = outputs(CATALOGUES.ja);
		for (const [key, texts] of e) {
			texts.forEach((text, i) => {
				if (onlyCommand(text)) return;
				assert.notEqual(j.get(key)![i], text, `${key} (sample ${i + 1}) is not translated`);
			});
		}
	});

	it('Japanese messages hold no English sentence outside commands and quoted log text', () => {
		for (const [key, texts] of outputs(CATALOGUES.ja)) {
			for (const text of texts) {
				if (text === '' || onlyCommand(text)) continue;
				assertJapanese(text, key);
			}
		}
	});

	it('the knowledge tables have a Japanese text for every entry, and advice wherever English has it', () => {
		for (const [hr, info] of Object.entries(HRESULTS)) {
			const jaInfo = (JA_HRESULTS as Record<string, { meaning: string; advice?: string }>)[hr];
			assert.ok(jaInfo, hr);
			assertJapanese(jaInfo.meaning, hr);
			assert.equal(jaInfo.advice !== undefined, info.advice !== undefined, `${hr}: advice`);
			if (jaInfo.advice) assertJapanese(jaInfo.advice, `${hr} advice`);
			for (const cmd of info.advice?.match(/`[^`]+`/g) ?? []) assert.ok(jaInfo.advice!.includes(cmd), `${hr}: ${cmd}`);
		}
		const tables: [string, Record<string, unknown>, Record<string, string>][] = [
			['backup errors', BACKUP_ERRORS, JA_BACKUP_ERRORS],
			['VmBackupStatus', VMBACKUP_STATUS_MEANING, JA_VMBACKUP_STATUS],
			['faults', FAULTS, JA_FAULTS],
			['phase meanings', PHASE_MEANING, JA_PHASE_MEANING],
			['product log truncation', Object.fromEntries(Object.entries(PRODUCTS).map(([id, p]) => [id, p.truncation])), JA_PRODUCT_TRUNCATION],
			['product codes', Object.fromEntries(Object.entries(PRODUCT_CODES).map(([c, p]) => [c, p.meaning])), JA_PRODUCT_CODE_MEANING],
			['restart impacts', Object.fromEntries(WRITERS.map((w) => [w.name, w.restartImpact])), JA_RESTART_IMPACT],
			['event source hosts', Object.fromEntries([...EVENT_SOURCE_HOSTS.values()].map((h) => [h.service, h.restartImpact])), JA_HOST_RESTART_IMPACT],
			...Object.entries(EVENTS).map(([p, ids]): [string, Record<string, unknown>, Record<string, string>] => [`${p} events`, ids, JA_EVENTS[p] ?? {}]),
			...Object.entries(EVENTS).map(([p, ids]): [string, Record<string, unknown>, Record<string, string>] => [`${p} event impacts`, ids, JA_EVENT_IMPACT[p] ?? {}]),
		];
		for (const [name, english, japanese] of tables) {
			assert.deepEqual(Object.keys(japanese).sort(), Object.keys(english).sort(), name);
			for (const [k, v] of Object.entries(japanese)) assertJapanese(v, `${name} ${k}`);
		}
		assert.equal(hresultMeaning('0x800423F2', 'ja-JP'), 'ライターのフリーズから解凍までの許容時間が切れた');
		assert.equal(hresultMeaning('0x800423F2'), "the writer's freeze–thaw window expired");
	});

	describe('every fixture bundle: the same findings in Japanese, only the prose translated', () => {
		const bundles = fs.readdirSync(fixture('bundles')).filter((b) => fs.statSync(fixture('bundles', b)).isDirectory());
		it('there are bundles with findings', () => assert.ok(bundles.length >= 6));
		for (const b of bundles) {
			it(b, () => {
				const enReport = analyze([fixture('bundles', b)]);
				const jaReport = analyze([fixture('bundles', b)], { locale: 'ja' });
				assert.ok(enReport.findings.length > 0);
				assertSameFindings(enReport.findings, jaReport.findings, b);
				// Everything outside the findings' prose is the same report.
				// Besides the findings only the consistency evidence is prose; it is translated too.
				const noProse = (r: typeof enReport) => ({ ...r, findings: [], attempts: r.attempts.map((a) => ({ ...a, consistencyEvidence: a.consistencyEvidence.length })) });
				assert.deepEqual(noProse(jaReport), noProse(enReport));
				for (const a of jaReport.attempts) for (const e of a.consistencyEvidence) assert.match(e, /[\u3040-\u30ff\u4e00-\u9fff]/, e);
				assert.deepEqual(analyze([fixture('bundles', b)], { locale: 'en-US' }).findings, enReport.findings);
			});
		}
	});

	it('hover explanations in Japanese: same titles, Japanese lines; English by default', () => {
		const lines = [
			["'VssSyncStart' operation failed: IDispatch error #8449 (0x80042301)", '0x8004'],
			['failed: IDispatch error #8451 (0x80042303)', 'IDispatch'],
			['   状態: [9] 失敗', '[9]'],
			['vmx| I125+ The error code was: 3', 'code'],
			["<System><Provider Name='VSS'/><EventID Qualifiers='0'>8229</EventID>", '8229'],
			['hr = 0x8004FFFF', '0x8004'],
		];
		for (const [line, needle] of lines) {
			const enHover = explainAt(line, line.indexOf(needle) + 1)!,
				jaHover = explainAt(line, line.indexOf(needle) + 1, 'ja-JP')!;
			assert.deepEqual(explainAt(line, line.indexOf(needle) + 1, 'en'), enHover);
			assert.equal(jaHover.lines.length, enHover.lines.length, line);
			assert.equal(jaHover.title.replace('イベント', 'Event'), enHover.title, line);
			for (const l of jaHover.lines) assertJapanese(l, line);
		}
		assert.deepEqual(explainAt('   状態: [9] 失敗', 10, 'ja')!.lines, ['ライターの状態: フリーズで失敗 (VSS フェーズ: Freeze)。', '出典: VSS_WRITER_STATE, vss.h']);
	});

	it('the CLI: --lang ja writes the findings in Japanese, --lang en (the default) in English, another language is bad usage', async () => {
		const bundle = fixture('bundles', 'case-02-vsssyncstart-bad-state-8449-kb1018194');
		const report = async (...args: string[]) => {
			const r = await runCli('analyze', bundle, ...args);
			assert.equal(r.code, 0, r.err);
			return JSON.parse(r.out) as { findings: Finding[] };
		};
		const jaFindings = (await report('--lang', 'ja')).findings;
		assert.deepEqual((await report('--lang', 'en')).findings, (await report()).findings);
		assertSameFindings((await report()).findings, jaFindings, 'CLI');
		const bad = await runCli('analyze', bundle, '--lang', 'fr');
		assert.equal(bad.code, 2);
		assert.match(bad.err, /Unknown language 'fr'; use en or ja\./);
		assert.match((await runCli('--help')).out, /--lang <language>/);
	});

	describe('every rule family in Japanese (hand-made inputs)', () => {
		const vmx = (key: string, value: string, extra: Record<string, string | boolean> = {}) => rec('vmx-setting', { key, value, ...extra }, { path: 'esxi/vm.vmx' });
		const post = (fields: Record<string, string | number>) => rec('msg-post', fields, { path: 'esxi/vmware.log' });
		const run = rec('vmbackup-script', { action: 'run', script: '/etc/vmware-tools/backupScripts.d/db.sh', phase: 'freeze' }, { path: 'guest/vmsvc.log' });
		const exit = rec('vmbackup-script', { action: 'exit', exitCode: 3 }, { path: 'guest/vmsvc.log' });
		const s1 = post({ vmbackupStatus: 1 }),
			s3 = post({ vmbackupStatus: 3 }),
			s4 = post({ vmbackupStatus: 4 }),
			s5 = post({ vmbackupStatus: 5, hresult: '0x80042301', op: 'VssSyncStart' });
		const timeout = post({ reason: 'timeout' }),
			holdoff = post({ reason: 'io-holdoff-exceeded' }),
			tools = post({ reason: 'tools-not-available' }),
			priv = post({ reason: 'not-privileged' });
		const e8229 = winEvent('VSS', 8229, { hresult: '0x800423F2', writerName: 'SqlServerWriter' });
		const veto = winEvent('VSS', 8229, { hresult: '0x800423F3', writerName: 'Microsoft Exchange Writer', writerClassId: IDS.exchangeWriter, operation: 'PrepareForSnapshot Event' });
		const anonymous = winEvent('VSS', 8229, { hresult: '0x800423F4' });
		const e24579 = winEvent('SQLWRITER', 24579);
		const e22 = winEvent('VSS', 22, { hresult: '0x80040154', guid: 'faf53cc4-bd73-4e36-83f1-2b23f46e513e' });
		const v8 = winEvent('volsnap', 8),
			v25 = winEvent('volsnap', 25);
		const wsb = winEvent('Microsoft-Windows-Backup', 517, { data: JSON.stringify(['2155348226']) });
		const e12293 = winEvent('VSS', 12293, { guid: IDS.vmwareProvider, hresult: '0x80042306' });
		const e12292 = winEvent('VSS', 12292, { hresult: '0x80080005' });
		const inputs: DiagnosisInput[] = [
			input({
				attempts: [
					attempt({ id: 'a1', vmbackupStatus: 1 }, [s1]),
					attempt({ id: 'a2', vmbackupStatus: 2 }, [run, exit]),
					attempt({ id: 'a3', vmbackupStatus: 3 }, [s3]),
					attempt({ id: 'a4', vmbackupStatus: 4 }, [s4]),
					attempt({ id: 'a5', vmbackupStatus: 5, hresult: '0x80042301', windows: [{ name: 'Tools quiesce timeout', measuredMs: 931_000, limitMs: 900_000, exceeded: true }] }, [s5]),
					attempt({ id: 'a6', quiesceMs: 900_000 }, [timeout]),
					attempt({ id: 'a7', stunUs: 12_500_000 }, [holdoff]),
					attempt({ id: 'a8' }, [tools]),
					attempt({ id: 'a9' }, [priv]),
					attempt({ id: 'a10', quiesced: false, result: 'success', fallbackOf: 'a9', start: '2024-01-01T00:05:00.000Z' }),
					attempt({ id: 'a11' }),
				],
				records: [s1, run, exit, s3, s4, s5, timeout, holdoff, tools, priv, vmx('guestOS', 'other5xlinux-64')],
			}),
			input({
				attempts: [goodAttempt({ id: 'a1', consistency: 'filesystem', consistencyEvidence: [] }), attempt({ id: 'a2', hresult: '0x800423F2', freezeMs: 75_000, stunUs: 30_000_000 }, [e8229]), attempt({ id: 'a3', hresult: '0x80042306' }, [e12293])],
				writers: [
					writer('WMI Writer', 7),
					writer('BITS Writer', 5),
					writer('Registry Writer', 3),
					writer('ASR Writer', 0, { hasLastError: true, lastError: 'Timed out', lastErrorHresult: '0x800423F2' }),
					writer('Microsoft Exchange Writer', 1, { writerId: IDS.exchangeWriter }),
				],
				writerListings: [listing({ count: 5 }), listing({ path: 'guest/err.txt', status: 'error', errorText: 'Error: 0x8004230f', errorLine: 3, errorFirstLine: 'Error: 0x8004230f' }), listing({ path: 'guest/empty.txt', status: 'empty', count: 0 })],
				providers: [
					provider('VMware Snapshot Provider', IDS.vmwareProvider),
					provider('Vendor A', '7a3e9f1c-5b2d-4c6e-9a81-0d4f6b2c8e17'),
					provider('Vendor A', '11111111-2222-3333-4444-555555555555'),
					provider('Hyper-V IC Software Shadow Copy Provider', IDS.hypervProvider),
				],
				shadowStorage: [storage({ maximumBytes: 1e8, maximum: '100 MB' }), storage({ forVolume: 'D:', usedBytes: 9.5e9, used: '9.5 GB' })],
				records: [
					e8229,
					veto,
					anonymous,
					e24579,
					e22,
					v8,
					v25,
					wsb,
					e12293,
					e12292,
					vmx('scsi0:1.mode', 'independent-persistent', { device: 'scsi0:1' }),
					rec('vss-backup-components', { backupType: 'copy' }),
					rec('sqlwriter-backup-type', { backupType: 'VSS_BT_COPY' }),
					vmx('disk.EnableUUID', 'FALSE', { bool: false }),
					rec('tools-conf-setting', { section: 'vmbackup', key: 'vss.disableAppQuiescing', value: 'true', bool: true }, { text: 'vss.disableAppQuiescing = true' }),
					rec('log-header', { version: '6.0.0', build: 'build-3029758' }),
					vmx('ctkEnabled', 'TRUE', { bool: true }),
					rec('ramdisk', { name: 'hostdstats', size: '166M', used: '166M', available: '0B', sizeBytes: 174063616, usedBytes: 174063616, availableBytes: 0, usePercent: 100, mountedOn: null }),
					rec('no-space', { agent: 'hostd', path: '/var/lib/vmware/hostd/stats/hostAgentStats.idMap', message: 'FileIO error: No space left' }),
					rec('no-space', { agent: 'hostd', path: null, message: 'No space left' }),
				],
			}),
		];
		it('the same codes, severities and evidence as in English, with Japanese prose', () => {
			const codes = new Set<string>();
			inputs.forEach((given, i) => {
				const enFindings = diagnose(given);
				assert.deepEqual(diagnose(given, 'en'), enFindings);
				const jaFindings = diagnose(given, 'ja');
				assert.deepEqual(diagnose({ ...given, locale: 'ja' }), jaFindings);
				assertSameFindings(enFindings, jaFindings, `input ${i + 1}`);
				for (const f of enFindings) codes.add(f.code);
			});
			const expected = [
				'QL101',
				'QL102',
				'QL103',
				'QL104',
				'QL105',
				'QL106',
				'QL107',
				'QL108',
				'QL109',
				'QL110',
				'QL111',
				'QL112',
				'QL113',
				'QL201',
				'QL202',
				'QL203',
				'QL204',
				'QL205',
				'QL206',
				'QL207',
				'QL301',
				'QL302',
				'QL303',
				'QL304',
				'QL305',
				'QL306',
				'QL401',
				'QL402',
				'QL403',
				'QL404',
				'QL405',
				'QL406',
				'QL501',
				'QL502',
				'QL503',
			];
			assert.deepEqual(
				expected.filter((c) => !codes.has(c)),
				[],
				'codes not exercised',
			);
		});
	});
});
