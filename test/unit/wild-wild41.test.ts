import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, rewrapped, wild } from '../lib/wildText';

// Session 14 (wild41): the applications and VSS tools inside the guest and on the Hyper-V host, as published — a
// blog's Event Viewer row of VMMS 19100 (a backup checkpoint's merge that failed), a KB's list of the same, a VSS
// restore's requester trace, a Linux VDI client's trace; test/fixtures/wild/README.md names each source. Variants:
// what a paste does (quoted, CRLF, re-wrapped, cut), the findings in Japanese, and negatives that look alike.

const BLOG = 'workinghardinit-vmms-19100-merge-access-denied.txt';
const KB = 'mskb4230569-vhds-guest-cluster-32768-32770-32775-vmms-19100-list.txt';
const RESTORE = 'sqldocs-5339-vss-restore-setadditionalrestores-0x80042308.txt';
const VDI = 'sqlsamples-752-linux-vdi-triggerabort-x80770004.txt';
const ZH_STORAGE = 'mourinaruto-zh-cn-shadowstorage-localized-copyright-banner.txt';

/** The blog's one row, VMMS 19100: the merge of the backup checkpoint's disk failed, access denied (QL324, not QL312). */
function readsMergeFailure(r: Report): void {
	assert.equal(r.attempts.length, 1);
	assert.equal(r.attempts[0].result, 'failed');
	assert.equal(r.attempts[0].requester, 'Hyper-V (VMMS)');
	assert.deepEqual(codes(r), ['QL324']);
	const f = finding(r, 'QL324')!;
	assert.equal(f.severity, 'error');
	assert.equal(f.hresult, '0x80070005');
	assert.equal(f.attemptId, r.attempts[0].id);
	assert.match(f.title, /could not merge the checkpoint disk of VM 'BackupVM' back into its parent \(0x80070005\)/);
	assert.match(f.message, /event\s+19100/);
	assert.match(f.message, /the checkpoint itself was created: what failed is the merge after it/);
	// Access denied: the VM's account on the folder of its disks, the blog's cause, and its fix first.
	assert.match(f.message, /NT VIRTUAL MACHINE/);
	assert.match(f.fix, /icacls/);
	assert.doesNotMatch(f.title, /could not create/);
	assert.match(f.evidence[0].text, /background disk merge failed to complete/);
}

describe('wild41: Hyper-V VMMS 19100, a backup checkpoint whose differencing disk could not be merged back', () => {
	it('workinghardinit: the Event Viewer row (id printed twice, typographic quotes, cut mid-sentence) is QL324 with the VM and 0x80070005', () => {
		for (const text of [wild(BLOG), quoted(wild(BLOG)), crlf(wild(BLOG)), rewrapped(wild(BLOG)), rewrapped(wild(BLOG), 72)]) readsMergeFailure(analyse(text));
	});

	it('cut to the row alone (the prose above gone), and cut before its last words: the same reading', () => {
		const lines = wild(BLOG).split('\n');
		const row = lines.find((l) => l.includes('19100'))!;
		readsMergeFailure(analyse(row));
		readsMergeFailure(analyse(row.slice(0, row.indexOf(' To fix'))));
	});

	it('in Japanese: the merge, not the creation, of the checkpoint', () => {
		const r = analyse(wild(BLOG), 'ja');
		const f = finding(r, 'QL324')!;
		assert.match(f.title, /仮想マシン 'BackupVM' のチェックポイントのディスクを親にマージできませんでした \(0x80070005\)/);
		assert.match(f.message, /チェックポイント自体は作成されています/);
		assert.match(f.message, /NT VIRTUAL MACHINE/);
	});

	it('KB 4230569 (each error a list item, its quote indented under it): the 19100 row is QL324, the three job codes stay QL550', () => {
		for (const text of [wild(KB), crlf(wild(KB))]) {
			const r = analyse(text);
			assert.equal(finding(r, 'QL324')?.hresult, '0x80070005');
			assert.equal(finding(r, 'QL312'), undefined);
			assert.equal(r.findings.filter((f) => f.code === 'QL550').length, 3);
		}
	});

	it('another code (0x80070299, a file system limitation) with the VM id closing the message: QL324 with that code, the space and other-jobs step instead of the permissions one', () => {
		const r = analyse(
			"Error Event 19100 Hyper-V-VMMS 19100 'SQL01' background disk merge failed to complete: The requested operation could not be completed due to a file system limitation (0x80070299). (Virtual machine ID 6B2F6A4E-1A2B-4C3D-9E8F-0123456789AB)",
		);
		const f = finding(r, 'QL324')!;
		assert.equal(f.hresult, '0x80070299');
		assert.match(f.title, /VM 'SQL01'/);
		assert.doesNotMatch(f.fix, /icacls/);
		assert.match(f.fix, /Hyper-V Replica/);
	});

	it('a German Event Viewer row of the same id: QL324 by the id and the code, whatever the words', () => {
		const r = analyse("Fehler Ereignis 19100 Hyper-V-VMMS 19100 'BackupVM': Fehler beim Abschließen der Hintergrundzusammenführung des Datenträgers: Allgemeiner Fehler, Zugriff verweigert (0x80070005).");
		assert.deepEqual(codes(r), ['QL324']);
		assert.equal(finding(r, 'QL324')?.hresult, '0x80070005');
	});

	it('negatives: a VMMS checkpoint that could not be created (18012) stays QL312; 19100 from another source is no VMMS merge; a row whose second number is not the id is no event', () => {
		const create = analyse("Error Event 18012 Hyper-V-VMMS 18012 Could not create backup checkpoint for virtual machine 'BackupVM': General access denied error (0x80070005). (Virtual machine ID 6B2F6A4E-1A2B-4C3D-9E8F-0123456789AB)");
		assert.deepEqual(codes(create), ['QL312']);
		const other = analyse("Error Event 19100 MyBackupApp 19100 'BackupVM' background disk merge failed to complete: General access denied error (0x80070005).");
		assert.equal(finding(other, 'QL324'), undefined);
		const notId = analyse("Error   Event 19100   Hyper-V-VMMS 42    'BackupVM' background disk merge failed to complete: General access denied error (0x80070005)");
		assert.equal(finding(notId, 'QL324'), undefined);
	});
});

/** The blog's one shadow storage association of C: on itself, 20.2 of 38.1 GB, read as one listing: no `list shadows` made of its banner. */
function readsZhStorage(r: Report): void {
	assert.deepEqual(
		r.inputs.map((i) => i.format),
		['vssadmin-list-shadowstorage'],
	);
	assert.equal(r.shadowStorage.length, 1);
	const s = r.shadowStorage[0];
	assert.deepEqual([s.forVolume, s.storageVolume, s.used, s.maximum], ['C:', 'C:', '20.2 GB (1%)', '38.1 GB (1%)']);
	assert.equal(s.maximumPercent, 1);
	assert.equal(r.shadows.length, 0);
	assert.equal(r.attempts.length, 0);
	assert.deepEqual(codes(r), []);
	// The banner's second line is vssadmin's own, not a `list shadows` that found nothing.
	assert.ok(!r.inputs.some((i) => i.problems.some((n) => /printed no entries/.test(n))));
}

describe("wild41: vssadmin's banner in Simplified Chinese (`(C) 版权所有 2001-2013 Microsoft Corp.`)", () => {
	it("MouriNaruto's note: `list shadowstorage` in a fence under prose — one listing, not an empty `list shadows` made of the copyright line", () => {
		for (const text of [wild(ZH_STORAGE), quoted(wild(ZH_STORAGE)), crlf(wild(ZH_STORAGE)), rewrapped(wild(ZH_STORAGE), 72)]) readsZhStorage(analyse(text));
	});

	it("cut to the fence's content (the prose above and below gone): the same listing", () => {
		const lines = wild(ZH_STORAGE).split('\n');
		const body = lines.slice(
			lines.findIndex((l) => l.startsWith('vssadmin 1.1')),
			lines.lastIndexOf('```'),
		);
		readsZhStorage(analyse(body.join('\n')));
	});

	it("a `list writers` under the same banner: one listing, its failed writer read; an error under it is vssadmin's error (QL301)", () => {
		const banner = 'vssadmin 1.1 - 卷影复制服务管理命令行工具\n(C) 版权所有 2001-2013 Microsoft Corp.\n\n';
		const writers = analyse(`${banner}编写器名称: 'SqlServerWriter'\n   编写器 ID: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}\n   编写器实例 ID: {9075f235-2cd6-4a1b-a2e5-e8e3bcbd2b0a}\n   状态: [8] 失败\n   上一个错误: 不可重试的错误\n`);
		assert.deepEqual(
			writers.inputs.map((i) => i.format),
			['vssadmin-list-writers'],
		);
		assert.deepEqual(
			writers.writers.map((w) => [w.name, w.stateCode]),
			[['SqlServerWriter', 8]],
		);
		const error = analyse(`${banner}错误: 意外错误\n`);
		assert.deepEqual(
			error.inputs.map((i) => i.format),
			['vssadmin-list-writers'],
		);
		assert.deepEqual(codes(error), ['QL301']);
	});

	it('negatives: a copyright line with prose after it reads as its English twin does (no banner); `list shadows` with one sentence is still an empty query', () => {
		const zh = analyse('vssadmin 1.1 - 卷影复制服务管理命令行工具\n(C) 版权所有 2001-2013 Microsoft Corp. 保留所有权利。\n');
		const en = analyse('vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n(C) Copyright 2001-2013 Microsoft Corp. All rights reserved.\n');
		assert.deepEqual(
			zh.inputs.map((i) => i.format),
			en.inputs.map((i) => i.format),
		);
		const empty = analyse('vssadmin 1.1 - 卷影复制服务管理命令行工具\n(C) 版权所有 2001-2013 Microsoft Corp.\n\n找不到满足查询的项目。\n');
		assert.deepEqual(
			empty.inputs.map((i) => [i.format, i.problems.length > 0]),
			[['vssadmin-list-shadows', true]],
		);
		assert.match(empty.inputs[0].problems[0], /找不到满足查询的项目/);
	});
});

describe('wild41: requester and VDI traces read as they were before (not fixed; see the README)', () => {
	it('sql-docs #5339: a VSS restore failing in SetAdditionalRestores with VSS_E_OBJECT_NOT_FOUND — the code is read (QL550, 0x80042308), though as a backup', () => {
		for (const text of [wild(RESTORE), quoted(wild(RESTORE)), crlf(wild(RESTORE))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].hresult, '0x80042308');
			assert.deepEqual(codes(r), ['QL550']);
		}
	});

	it("sql-server-samples #752: the Linux VDI client aborting — SQL Server's 995 on the device is read (QL319), the client's own lines are not", () => {
		const r = analyse(wild(VDI));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.ok(finding(r, 'QL319'));
		assert.match(finding(r, 'QL319')!.message, /995/);
	});
});
