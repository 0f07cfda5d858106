import type { Finding } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { KB } from '../kb';
import { writerIdOf } from '../writerServices';
import { attemptName, duration, failureEvidence, guestFamily, kindEvidence, mergeEvidence, onVmware, recordEvidence, steps } from './common';

/**
 * QL110, QL111, QL113: what the backup is, as opposed to what the user thinks it is — a crash-consistent
 * retry after a failed quiesce (QL110), a quiesce that only reached file-system consistency on Windows
 * (QL111), and application logs that a copy backup does not truncate (QL113).
 */
export function consistencyRules(input: DiagnosisInput): Finding[] {
	return [...fallbacks(input), ...fileSystemOnly(input), ...copyBackups(input)];
}

/** QL110: a quiesced=0 snapshot replaced a failed quiesced one, so the backup is crash-consistent. */
function fallbacks(input: DiagnosisInput): Finding[] {
	return input.attempts.filter((a) => a.fallbackOf !== null && a.result !== 'failed').map((a): Finding => {
		const failed = input.attempts.find((p) => p.id === a.fallbackOf);
		const after = failed ? Date.parse(a.start) - Date.parse(failed.end ?? failed.start) : null;
		return {
			code: 'QL110',
			severity: 'error',
			title: `${a.id} is crash-consistent: it replaced the failed quiesced attempt ${a.fallbackOf}`,
			message: `After the quiesced snapshot ${attemptName(failed ?? null)} failed, ${attemptName(a)} was taken without quiescing (quiesced=0)${after !== null && after >= 0 ? ` ${duration(after)} later` : ''}. A backup made from it is crash-consistent: applications were not quiesced, databases need crash recovery after a restore, and the backup job may still report success.`,
			attemptId: a.id,
			writers: [],
			hresult: failed?.hresult ?? null,
			kb: [KB.quiesceFallback],
			fix: steps(
				`Fix why ${a.fallbackOf} failed (see the findings for ${a.fallbackOf}).`,
				'Configure the backup job to fail instead of falling back to a crash-consistent snapshot when quiescing fails, so the failure is visible.',
				'Run the backup again and check that its snapshot is quiesced (and, on Windows, application-consistent).',
			),
			evidence: mergeEvidence(kindEvidence(a, 'snapshot-start'), failed ? [...kindEvidence(failed, 'snapshot-start'), ...failureEvidence(input, failed, 1)] : []),
		};
	});
}

/** QL111: a Windows guest was quiesced, but only its file systems: no VSS writer took part. */
function fileSystemOnly(input: DiagnosisInput): Finding[] {
	if (guestFamily(input) !== 'windows') return [];
	return input.attempts.filter((a) => a.quiesced === true && a.result === 'success' && a.consistency === 'filesystem').map((a): Finding => ({
		code: 'QL111',
		severity: 'warning',
		title: `${a.id} is only file-system-consistent`,
		message: `The quiesced snapshot of ${attemptName(a)} succeeded, but no VSS writer took part: applications (SQL Server, Exchange, Active Directory …) were not quiesced, only the file systems. ${a.consistencyEvidence.join(' ')}`,
		attemptId: a.id,
		writers: [],
		hresult: null,
		kb: [KB.vddkVss, KB.writerStates],
		fix: steps(
			onVmware(input, 'Set `disk.EnableUUID = TRUE` in the VM\'s advanced configuration (power the VM off first) and attach the data disks to SCSI controllers, not IDE.'),
			onVmware(input, 'Remove `vss.disableAppQuiescing = true` from the `[vmbackup]` section of tools.conf if it is set, then restart VMware Tools.'),
			'Check that every writer shows [1] in `vssadmin list writers`.',
			'Take a new quiesced snapshot and check that it is application-consistent.',
		),
		evidence: mergeEvidence(kindEvidence(a, 'snapshot-start', 'snapshot-done'), failureEvidence(input, a)),
	}));
}

const SQL_WRITER = writerIdOf('SqlServerWriter');
const EXCHANGE_WRITER = writerIdOf('Microsoft Exchange Writer');

/** QL113: a quiesced snapshot succeeded as a VSS copy backup, so SQL Server and Exchange do not truncate their logs. */
function copyBackups(input: DiagnosisInput): Finding[] {
	const succeeded = input.attempts.filter((a) => a.quiesced === true && a.result === 'success');
	const copy = input.records.filter((r) => (r.kind === 'vss-backup-components' && String(r.fields.backupType).toLowerCase() === 'copy') || (r.kind === 'sqlwriter-backup-type' && r.fields.backupType === 'VSS_BT_COPY'));
	if (succeeded.length === 0 || copy.length === 0) return [];
	// Which log-keeping applications took part: writer ids of the manifest, the listing, or SQL Writer's own log.
	const writerIds = new Set([...input.records.filter((r) => r.kind === 'vss-bcd-writer').map((r) => String(r.fields.writerId)), ...input.writers.map((w) => w.writerId)]);
	const sql = writerIds.has(SQL_WRITER) || copy.some((r) => r.kind === 'sqlwriter-backup-type');
	const exchange = writerIds.has(EXCHANGE_WRITER);
	const apps = [sql ? 'SQL Server' : null, exchange ? 'Exchange' : null].filter(Boolean).join(' and ') || 'SQL Server and Exchange';
	return [{
		code: 'QL113',
		severity: exchange ? 'warning' : 'info',
		title: `Quiesced snapshots are VSS copy backups: ${apps} logs are not truncated`,
		message: `VMware Tools asks VSS for a copy backup (VSS_BT_COPY): writers do not record it as a backup, so ${apps} ${sql && exchange ? 'do' : 'does'} not truncate ${sql && exchange ? 'their' : 'its'} transaction logs after ${succeeded.length === 1 ? `the snapshot of ${attemptName(succeeded[0])}` : `these ${succeeded.length} snapshots`}. Unless something else backs up or truncates the logs, they keep growing${exchange ? ' until the log volume is full' : ''}.`,
		attemptId: succeeded.length === 1 ? succeeded[0].id : null,
		writers: [sql ? 'SqlServerWriter' : null, exchange ? 'Microsoft Exchange Writer' : null].filter((n): n is string => n !== null),
		hresult: null,
		kb: [KB.backupType, KB.vddkVss],
		fix: steps(
			'Let the backup product truncate the logs after a successful backup (its application-aware processing / log truncation option), or run regular log backups in the application.',
			sql && 'SQL Server: schedule transaction log backups (`BACKUP LOG [db] TO …`) for databases in the FULL recovery model.',
			exchange && 'Exchange: use a backup that runs a VSS full backup of the mailbox databases, or enable circular logging only where log-based recovery is not needed.',
		),
		evidence: mergeEvidence(copy.slice(0, 2).map(recordEvidence), succeeded.slice(0, 2).flatMap((a) => kindEvidence(a, 'snapshot-start'))),
	}];
}
