// Which hypervisor a bundle is on, from its evidence (analysis/hypervisor.ts), and what the findings say on
// Hyper-V: VMware's evidence wins; any Hyper-V evidence (its providers, its writer, its event sources) reads as
// Hyper-V; and no finding on a Hyper-V bundle speaks of VMware.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/core';
import { hypervisorOf, viaVsphere } from '../../src/core/analysis/hypervisor';
import { decodeText } from '../../src/core/decode/decode';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { FORMATS, originOf, VMWARE_FORMATS } from '../../src/core/formats';
import { DETECT_LINES, readLines, type Facts } from '../../src/core/formats/lib/format';
import { guidKey, KNOWN_PROVIDERS } from '../../src/core/knowledge/providers';
import type { InputFile } from '../../src/core/model/report';
import { FIXTURES } from './fixtures';
import { IDS, input, provider, winEvent, writer } from './ruleInputs';

const file = (p: string, format: string): InputFile => ({ path: p, format, origin: originOf(format), formatReason: '', encoding: 'utf-8', eol: 'LF', lines: 1, unparsedLines: 0, clock: null, problems: [] });
const facts = (parts: Partial<Facts> = {}): Facts => ({ writerListings: [], writers: [], providers: [], shadows: [], shadowStorage: [], volumes: [], records: [], ...parts });
const guest = [file('guest/events.xml', 'windows-events-xml')];

describe('hypervisor from the evidence', () => {
	it("Hyper-V from its VMMS (checkpoint) events, its integration services' event sources, its writer or its provider", () => {
		const vmms = winEvent('Microsoft-Windows-Hyper-V-VMMS', 18012);
		const integration = winEvent('Microsoft-Windows-Hyper-V-Integration-VSS', 1);
		const vmicvss = winEvent('vmicvss', 1);
		for (const parts of [
			{ records: [vmms] },
			{ records: [integration] },
			{ records: [vmicvss] },
			{ writers: [writer('Microsoft Hyper-V VSS Writer', 1, { writerId: '{66841CD4-6DED-4F4B-8F17-FD23F8DDC3DE}' })] },
			{ writers: [writer('Microsoft Hyper-V VSS Writer', 1)] },
			{ providers: [provider('Hyper-V IC Software Shadow Copy Provider', IDS.hypervProvider)] },
		]) {
			assert.equal(hypervisorOf(guest, facts(parts)), 'hyper-v', JSON.stringify(Object.keys(parts)));
		}
	});

	it("VMware's evidence wins over a Hyper-V provider a migrated VM kept; a plain Windows guest stays unknown", () => {
		const hyperv = { providers: [provider('Hyper-V IC Software Shadow Copy Provider', IDS.hypervProvider)] };
		assert.equal(hypervisorOf([...guest, file('esxi/vm/vmware.log', 'vmware-log')], facts(hyperv)), 'vmware');
		assert.equal(hypervisorOf(guest, facts({ providers: [...hyperv.providers, provider('VMware Snapshot Provider', `{${IDS.vmwareProvider.toUpperCase()}}`)] })), 'vmware');
		// VSS's own events, the Microsoft provider, an in-box writer and a writer with Hyper-V in another name say nothing.
		const plain = facts({
			records: [winEvent('VSS', 8229), winEvent('Microsoft-Windows-Backup', 517)],
			providers: [provider('Microsoft Software Shadow Copy provider 1.0', IDS.msProvider)],
			writers: [writer('System Writer', 1), writer('Hyper-V Replica Log Writer (made up)', 1)],
		});
		assert.equal(hypervisorOf(guest, plain), 'unknown');
	});

	it('a pasted Hyper-V-VMMS backup checkpoint failure reads as Hyper-V, whatever the language of its message', () => {
		const en = analyzeText([{ name: 'vmms.txt', text: "Could not create backup checkpoint for virtual machine 'SQL-01': The system cannot find the file specified. (0x80070002). (Virtual machine ID 4C4C4544-0042-3510-8052-B4C04F4B4E31)\n" }]);
		assert.equal(en.hypervisor, 'hyper-v');
		assert.ok(en.findings.some((f) => f.code === 'QL312'));
	});
});

/** Every fixture file no VMware format reads, read as the analysis would, per fixture folder (or file). */
function guestFacts(): { name: string; facts: Facts }[] {
	const out: { name: string; facts: Facts }[] = [];
	const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
	const groups = ['bundles', 'workspaces', 'listings', 'products', 'formats'].flatMap((g) => fs.readdirSync(path.join(FIXTURES, g)).map((n) => path.join(FIXTURES, g, n)));
	for (const group of groups) {
		const f = facts();
		for (const p of fs.statSync(group).isDirectory() ? walk(group) : [group]) {
			const { lines } = decodeText(fs.readFileSync(p));
			const head = lines.slice(0, DETECT_LINES);
			const format = FORMATS.find((x) => x.detect(head));
			if (!format || VMWARE_FORMATS.has(format.id)) continue;
			const read = readLines(format, path.relative(FIXTURES, p), lines, format.detect(head)!).facts;
			// A product that backs up through vSphere speaks of vSphere: its words are VMware evidence.
			if (read.records) read.records = read.records.filter((r) => !viaVsphere(r));
			for (const key of Object.keys(read) as (keyof Facts)[]) (f[key] as unknown[]).push(...(read[key] as unknown[]));
		}
		out.push({ name: path.relative(FIXTURES, group), facts: f });
	}
	return out;
}

describe('no finding on a Hyper-V bundle speaks of VMware', () => {
	const VMWARE_WORDS = /VMware|ESXi|vSphere|vCenter|\.vmx\b|vmvss|VMTools|vmtoolsd|datastore|quiesced=0|VmBackupStatus/i;
	for (const { name, facts: f } of guestFacts()) {
		it(name, () => {
			// A listed provider is named as listed, or by its published name when the listing gives its id only.
			const own = [...f.providers.flatMap((p) => [p.name, KNOWN_PROVIDERS[guidKey(p.id ?? '')]?.name ?? p.name]), ...f.writers.map((w) => w.name)];
			for (const locale of ['en', 'ja']) {
				for (const finding of diagnose(input({ ...f, hypervisor: 'hyper-v' }), locale)) {
					for (const [part, text] of [
						['title', finding.title],
						['message', finding.message],
						['fix', finding.fix],
					]) {
						// A provider or writer the bundle itself names, and its own file paths, may be named (a VMware provider left in a Hyper-V guest).
						const said = [...own, ...finding.evidence.map((e) => e.path)].reduce((t, name) => t.split(name).join('…'), text);
						assert.doesNotMatch(said, VMWARE_WORDS, `${finding.code} ${part} (${locale}): ${said}`);
					}
					assert.ok(
						finding.kb.every((k) => !/VMware|broadcom/i.test(`${k.id} ${k.url}`)),
						`${finding.code} cites ${finding.kb.map((k) => k.id).join(', ')}`,
					);
				}
			}
		});
	}
});
