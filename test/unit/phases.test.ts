import * as assert from 'assert';
import { analyze } from '../../src/core';
import { eventSeverity, measurePhases } from '../../src/core/analysis/phases';
import { fixture } from './fixtures';
import { rec, winEvent } from './ruleInputs';

const span = (p: { start: string; end: string }) => Date.parse(p.end) - Date.parse(p.start);

describe('attempt phases: the spans the timeline draws', () => {
	it('a healthy ESXi 6.7 attempt has task, snapshot, quiesce, flush-and-hold, stun and thaw, in start order', () => {
		const [a] = analyze([fixture('bundles', 'case-01-success-app-consistent-esxi67')]).attempts;
		assert.deepEqual(
			a.phases.map((p) => p.name),
			['task', 'snapshot', 'quiesce', 'flush-hold', 'stun', 'thaw'],
		);
		const hold = a.phases.find((p) => p.name === 'flush-hold')!;
		assert.equal(hold.limitMs, 10_000);
		assert.equal(hold.exceeded, false);
		// The phase and the window check are one measurement.
		assert.equal(a.windows.find((w) => w.name === 'VSS flush-and-hold')!.measuredMs, span(hold));
		const stun = a.phases.find((p) => p.name === 'stun')!;
		assert.equal(span(stun), Math.round(a.stunUs! / 1000), 'the stun bar ends at the unstun line and lasts stunUs (µs → ms)');
		assert.equal(stun.line, stun.endLine);
	});

	it('a SQL freeze that reaches 60 s is an exceeded freeze span on the SQL Writer log', () => {
		const report = analyze([fixture('..', '..', 'samples', 'sql-freeze-timeout')]);
		const freeze = report.attempts[0].phases.find((p) => p.name === 'freeze')!;
		assert.match(freeze.source, /SqlWriterLogger\.txt$/);
		assert.equal(freeze.limitMs, 60_000);
		assert.equal(freeze.exceeded, true);
		assert.equal(report.attempts[0].freezeMs, span(freeze));
	});

	it('spans without their closing line are not drawn', () => {
		const started = rec('quiesce-state', { from: 'IDLE', to: 'STARTED' }, { path: 'vm/vmware.log', time: '2024-01-01T00:00:00.000Z' });
		assert.deepEqual(measurePhases({ own: [started], states: [started], vmxLog: 'vm/vmware.log' }).phases, []);
	});

	it('the configured Tools timeout (seconds) is the quiesce limit', () => {
		const opts = rec('vmbackup-options', { timeout: 30 }, { path: 'guest/vmbackup.log', time: '2024-01-01T00:00:00.500Z' });
		const s = rec('quiesce-state', { from: 'IDLE', to: 'STARTED' }, { path: 'vm/vmware.log', time: '2024-01-01T00:00:00.000Z' });
		const e = rec('quiesce-state', { from: 'STARTED', to: 'ERROR_WAIT' }, { path: 'vm/vmware.log', time: '2024-01-01T00:00:31.000Z' });
		const { phases, windows } = measurePhases({ own: [s, opts, e], states: [s, e], vmxLog: 'vm/vmware.log' });
		assert.deepEqual(
			phases.map((p) => [p.name, p.limitMs, p.exceeded]),
			[['quiesce', 30_000, true]],
		);
		assert.deepEqual(windows, [{ name: 'Tools quiesce timeout', measuredMs: 31_000, limitMs: 30_000, exceeded: true }]);
	});
});

describe('event severity: from levels, codes and states, never words', () => {
	it('Windows event levels: 1–2 error, 3 warning, 4 info', () => {
		assert.equal(eventSeverity(winEvent('VSS', 8229, { level: 2 })), 'error');
		assert.equal(eventSeverity(winEvent('VSS', 8229, { level: 1 })), 'error');
		assert.equal(eventSeverity(winEvent('VSS', 8224, { level: 3 })), 'warning');
		assert.equal(eventSeverity(winEvent('VSS', 8224, { level: 4 })), 'info');
	});

	it('a failure HRESULT, a non-zero VmBackupStatus, ERROR_WAIT or a failed task is an error', () => {
		assert.equal(eventSeverity(rec('vmbackup-event', { event: 'req.keepAlive', code: 0 })), 'info');
		assert.equal(eventSeverity(rec('vmbackup-event', { event: 'req.error', code: 5 })), 'error');
		assert.equal(eventSeverity(rec('windows-event', { level: 4, hresult: '0x800423F3' })), 'error');
		assert.equal(eventSeverity(rec('quiesce-state', { from: 'STARTED', to: 'ERROR_WAIT' })), 'error');
		assert.equal(eventSeverity(rec('quiesce-state', { from: 'IDLE', to: 'STARTED' })), 'info');
		assert.equal(eventSeverity(rec('task-completed', { status: 'error' })), 'error');
		assert.equal(eventSeverity(rec('task-completed', { status: 'success' })), 'info');
	});

	it('printed log levels in any case; Tools warnings and VMX message posts are warnings', () => {
		assert.equal(eventSeverity(rec('task-created', { level: 'ERROR' })), 'error');
		assert.equal(eventSeverity(rec('tools-warning', { level: 'warning' })), 'warning');
		assert.equal(eventSeverity(rec('msg-post', {})), 'warning');
		assert.equal(eventSeverity(rec('snapshot-start', { level: 'info' })), 'info');
	});

	it('every sample bundle event carries a severity and failed attempts show at least one error', () => {
		const report = analyze([fixture('bundles')]);
		assert.ok(report.attempts.length >= 5);
		for (const a of report.attempts) {
			assert.ok(a.events.every((e) => ['error', 'warning', 'info'].includes(e.severity)));
			if (a.result === 'failed')
				assert.ok(
					a.events.some((e) => e.severity === 'error'),
					`${a.vm} ${a.start}`,
				);
		}
	});
});
