import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { decisiveOf } from '../../src/core/knowledge/hresults';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 11 (wild23): backup products, round 3 — a Veeam error quoted above the volsnap event that says why
// the shadow copy storage had no room, ActiveImage Protector's English KB (its helper's detail lines bulleted
// with en dashes), Veeam's Hyper-V guest processing refused access, wbadmin's console in a write-up with arrows,
// and texts with no VSS failure in them (an Arcserve error's documentation, kopia's log of a shadow copy made),
// each with variants of what a paste does to it (test/fixtures/wild/README.md names the sources).

const HUGO = 'hugo-veeam-0x8004231f-quoted-shadow-storage-contiguous.txt';
const MARZORATI = 'marzorati-it-veeam-0x8004231f-shadowstorage-quoted.txt';
const ACTIPHY = 'actiphy-en-exit-311-system-writer-status-9-en-dash.txt';
const GERRY = 'gerryw-veeam-hyperv-hvissnapshotinprogress-0x80070005-fenced.txt';
const HTB = 'htb-blackfield-wbadmin-ntds-success-arrows-get-versions-recovery.txt';
const DUPLICATI = 'duplicati-2720-drivepool-non-ntfs-shadow-storage-providerveto-cut.txt';
const KOPIA = 'kopia-4756-vss-created-then-getfileinformationbyhandleex-invalid-parameter.txt';
const ARCSERVE = 'arcserve-r17-e3584-vss-option-no-grace-period-doc.txt';
const DATTO_DIFFMERGE = 'datto-kb360000314666-dattosnap-open-failed-5-forcing-diffmerge.txt';
const DATTO_TRANSPORT = 'datto-transport-write-failed-bak3001-no-vss.txt';

/** `text` with the `> ` quoting of its lines removed, as the messages read in Veeam's console and Event Viewer. */
const unquoted = (text: string): string => text.replace(/^> ?/gm, '');

/** One failed in-guest try whose shadow copy storage had no room: Veeam's 0x8004231F and volsnap's reason joined. */
function storageFull(r: Report, withEvent = true): void {
	assert.equal(r.attempts.length, 1, r.attempts.map((a) => `${a.id}:${a.hresult}`).join(','));
	const [a] = r.attempts;
	assert.equal(a.result, 'failed');
	assert.equal(a.hresult, '0x8004231F');
	assert.equal(a.requester, 'Veeam Backup & Replication');
	assert.equal(a.failedComponent?.type, 'shadow-storage');
	if (withEvent)
		assert.ok(
			a.events.some((e) => /contiguous blocks/.test(e.text)),
			'the volsnap event is the same try',
		);
	assert.ok(codes(r).includes('QL404'), codes(r).join(','));
}

describe("wild23: Veeam's 0x8004231F quoted above the volsnap event saying why (a Hugo blog post)", () => {
	it("the event (volsnap 41: no contiguous blocks) joins Veeam's attempt: one failed try, the shadow copy storage", () => {
		const r = analyse(wild(HUGO));
		storageFull(r);
		assert.match(finding(r, 'QL404')!.fix, /vssadmin resize shadowstorage/);
	});

	it('unquoted, quoted again and with CRLF it reads the same', () => {
		storageFull(analyse(unquoted(wild(HUGO))));
		storageFull(analyse(crlf(quoted(wild(HUGO)))));
	});

	it('the two messages alone, the event first, are still one try; the event alone stays a try of its own', () => {
		const text = wild(HUGO).split('\n');
		const event = text.find((l) => /contiguous blocks/.test(l))!;
		const veeam = text.find((l) => /^> Error: VSSControl/.test(l))!;
		storageFull(analyse(`${event}\n\n${veeam}\n`));
		const alone = analyse(`${event}\n`);
		assert.equal(alone.attempts.length, 1);
		assert.equal(alone.attempts[0].failedComponent?.type, 'shadow-storage');
		assert.equal(alone.attempts[0].failedPhase, 'commit');
	});

	it("a provider's code is another layer: the storage event a few lines under it does not join it", () => {
		const event = wild(HUGO)
			.split('\n')
			.find((l) => /contiguous blocks/.test(l))!;
		const r = analyse(`> Error: VSSControl: -2147467259 Backup job failed. Operation: [Shadow copies commit]. Code: [0x80042306].\n\nLater that night:\n\n${event}\n`);
		assert.equal(r.attempts.length, 2);
	});

	it("long lines cut with '...' by a viewer: still one try; the post's list of writers it restarted names no failed writer", () => {
		const cut = wild(HUGO)
			.split('\n')
			.map((l) => (l.length > 120 ? `${l.slice(0, 117)}...` : l))
			.join('\n');
		const r = analyse(cut);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x8004231F');
		assert.ok(!codes(r).includes('QL570'), codes(r).join(','));
		// Veeam's own label still names the writer in pasted text.
		const labelled = analyse("Unfreeze error: [Backup job failed]\nA VSS critical writer has failed. Writer name: [SqlServerWriter]. Writer's state: [VSS_WS_FAILED_AT_FREEZE].\n");
		assert.equal(labelled.attempts[0]?.failedComponent?.name, 'SqlServerWriter');
	});

	it('in Japanese the advice is in Japanese', () => {
		const f = finding(analyse(wild(HUGO), 'ja'), 'QL404')!;
		assert.match(f.fix, /vssadmin resize shadowstorage/);
		assert.doesNotMatch(f.message, /could not hold/);
	});
});

describe("wild23: the same Veeam error as an Italian post's subtitle, shadow storage quoted as 'all right' (marzorati.co)", () => {
	it('the subtitle in the front matter is the try: 0x8004231F, the shadow copy storage', () => {
		storageFull(analyse(wild(MARZORATI)), false);
	});
});

/** ActiveImage Protector's failed try: its COM wrapper's E_UNEXPECTED and its helper's writer code, one attempt. */
function aipWriterTimeout(r: Report): void {
	assert.equal(r.attempts.length, 1, r.attempts.map((a) => `${a.id}:${a.hresult}`).join(','));
	const [a] = r.attempts;
	assert.equal(a.result, 'failed');
	assert.equal(a.hresult, '0x800423F2');
	assert.equal(a.requester, 'ActiveImage Protector');
	assert.deepEqual(a.failedComponent, { type: 'writer', name: 'System Writer' });
	assert.equal(a.failedPhase, 'freeze');
	assert.match(finding(r, 'QL205')!.title, /System Writer timed out/);
	// The wrapper's E_UNEXPECTED restates the writer's failure: information pointing at it, no error of its own.
	const wrapper = r.findings.find((f) => f.code === 'QL550' && f.hresult === '0x8000FFFF');
	assert.equal(wrapper?.severity, 'info');
	assert.match(wrapper!.message, /VSS_E_WRITERERROR_TIMEOUT \(0x800423F2\), reported for the same attempt, says why/);
}

describe("wild23: ActiveImage Protector's English KB (exit code -311), the helper's lines bulleted with en dashes", () => {
	it("the wrapper's 0x8000ffff a moment before the writer's 0x800423f2 is the same try: one attempt, the writer's code", () => {
		aipWriterTimeout(analyse(wild(ACTIPHY)));
	});

	it('with plain hyphens, CRLF and quoted it reads the same', () => {
		aipWriterTimeout(analyse(wild(ACTIPHY).replace(/^– /gm, '- ')));
		aipWriterTimeout(analyse(crlf(quoted(wild(ACTIPHY)))));
	});

	it('a generic COM failure is an echo only beside a VSS code', () => {
		assert.equal(decisiveOf(['0x8000FFFF', '0x800423F2']), '0x800423F2');
		assert.equal(decisiveOf(['0x80004005', '0x8004231F']), '0x8004231F');
		// Beside a Win32 code (DPM's alerts of other failures) it is a failure of its own, first as printed.
		assert.equal(decisiveOf(['0x80004005', '0x80070017']), '0x80004005');
		assert.equal(decisiveOf(['0x80042301', '0x8000FFFF']), '0x8000FFFF');
	});

	it('two agent lines, E_FAIL then a Win32 code, stay two tries', () => {
		const r = analyse('ERROR: snapshot failed, hr = 0x80004005\nERROR: cannot read the volume, hr = 0x80070017\n');
		assert.equal(r.attempts.length, 2);
	});
});

describe("wild23: Veeam's Hyper-V guest processing refused (HvIsSnapshotInProgress, access denied), an indented fence", () => {
	it('the RPC access denied is the cause: QL560 (guest credentials), the attempt failed with 0x80070005', () => {
		const r = analyse(wild(GERRY));
		assert.ok(r.attempts.length >= 1);
		assert.ok(r.attempts.every((a) => a.result === 'failed'));
		assert.equal(r.attempts[0].hresult, '0x80070005');
		const f = finding(r, 'QL560');
		assert.ok(f, codes(r).join(','));
		assert.match(f.title, /could not reach or log on to the guest/);
	});

	it('out of its fence, with CRLF, it reads the same', () => {
		const r = analyse(crlf(wild(GERRY).replace(/^ {3}/gm, '')));
		assert.ok(finding(r, 'QL560'));
	});
});

describe("wild23: wbadmin's console in a write-up (arrows after lines, the backup then get versions and a recovery)", () => {
	it('the backup succeeded: one try, no error; the recovery is no backup try', () => {
		const r = analyse(wild(HTB));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'success');
		assert.ok(!r.findings.some((f) => f.severity === 'error'), codes(r).join(','));
	});

	it('without the arrows and with CRLF it reads the same', () => {
		const r = analyse(crlf(wild(HTB).replace(/ ←$/gm, '')));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'success');
	});

	it("the recovery's console alone (its FileRestore log named) is no backup try", () => {
		const text = wild(HTB);
		const recovery = text.slice(text.indexOf('`echo "Y" | wbadmin start recovery'));
		assert.match(recovery, /FileRestore-/);
		assert.equal(analyse(recovery).attempts.length, 0);
	});
});

describe('wild23: Duplicati on a DrivePool volume, the AlphaVSS exception cut mid-word', () => {
	it('the provider veto is read from the exception type: QL401, 0x80042306', () => {
		const r = analyse(wild(DUPLICATI));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x80042306');
		assert.ok(finding(r, 'QL401'), codes(r).join(','));
	});
});

describe('wild23: texts with no VSS failure in them', () => {
	it("kopia's log of a shadow copy it made (its own read of the copy failed): no failed try", () => {
		const r = analyse(wild(KOPIA));
		assert.ok(r.attempts.every((a) => a.result !== 'failed'));
		assert.ok(!r.findings.some((f) => f.severity === 'error'), codes(r).join(','));
	});

	it("Arcserve's documentation of error E3584 (a licence, not VSS): no attempt, no finding", () => {
		const r = analyse(wild(ARCSERVE));
		assert.equal(r.attempts.length, 0);
		assert.deepEqual(codes(r), []);
	});
});

describe("wild23: Duplicati named by its own namespace (stack frames, its log line's tag), not by a word", () => {
	const requesters = (r: Report) => r.attempts.map((a) => a.requester);

	it('the AlphaVSS exception with Duplicati frames under it is a Duplicati try (issues 1248, 1445, 638)', () => {
		for (const file of ['duplicati-1248-alphavss-unexpected-provider-error-isvolumesupported.txt', 'duplicati-1445-alphavss-providervetoexception.txt', 'duplicati-638-alphavss-unauthorizedaccess-createvssbackupcomponents.txt']) {
			const r = analyse(wild(file));
			assert.deepEqual(requesters(r), ['Duplicati'], file);
			assert.ok(
				r.findings.some((f) => f.code === 'QL550' && /^Duplicati reported the backup failed/.test(f.title)),
				file,
			);
		}
	});

	it('its log line tagged [Error-Duplicati.Library.…] names the code on the next line (issue 6866), quoted and CRLF too', () => {
		const text = wild('duplicati-6866-fatalerror-0x80042316-stamped.txt');
		assert.deepEqual(requesters(analyse(text)), ['Duplicati']);
		assert.deepEqual(requesters(analyse(crlf(quoted(text)))), ['Duplicati']);
	});

	it('without its namespace the same code stays an unnamed agent: the product named in prose, the frames cut off', () => {
		assert.deepEqual(requesters(analyse('Duplicati 2.3 fails every night: Failed to create a snapshot: 0x80042316\n')), [null]);
		assert.deepEqual(requesters(analyse(wild(DUPLICATI))), [null]);
		// Another program's frames under the same exception name no product.
		const other = 'Alphaleonis.Win32.Vss.VssProviderVetoException: Expected provider error. Check the event log for details.\nat Alphaleonis.Win32.Vss.VssBackupComponents.DoSnapshotSet()\nat Contoso.Backup.Snapshots.Take()\n';
		assert.deepEqual(requesters(analyse(other)), [null]);
	});
});

describe("wild23: Datto's KBs whose agent-log lines are no VSS failure", () => {
	it('DattoSnap / .datto.mif that cannot be opened (Win32 5) and a forced diff merge: no try, no finding, quoted too', () => {
		for (const text of [wild(DATTO_DIFFMERGE), quoted(wild(DATTO_DIFFMERGE))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0);
			assert.deepEqual(codes(r), []);
		}
	});

	it('BAK3001 TRANSPORT_WRITE_FAILED (writing to the appliance): no try, no finding', () => {
		const r = analyse(crlf(wild(DATTO_TRANSPORT)));
		assert.equal(r.attempts.length, 0);
		assert.deepEqual(codes(r), []);
	});
});
