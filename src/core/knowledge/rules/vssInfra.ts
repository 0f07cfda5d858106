import { pushTo } from '../../collections';
import type { LogRecord } from '../../model/records';
import type { Finding } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { BACKUP_ERRORS, HRESULTS, hresultLabel, parseHresult } from '../hresults';
import { KB } from '../kb';
import { FLUSH_HOLD_LIMIT_MS } from '../limits';
import { attemptName, duration, eventName, namedEvents, onVmware, signalEvidence, signalHresult, signals, steps, str, windowsEvents } from './common';

/**
 * QL304–QL305, the VSS machinery between writers and providers: the COM+ event registration VSS needs to
 * reach its writers (QL304), writes that could not be flushed or held in time (QL305), and Windows Server
 * Backup failures whose decimal error code names the cause (QL306).
 */
export function vssInfraRules(input: DiagnosisInput): Finding[] {
	return [...comRegistration(input), ...flushAndHold(input), ...backupFailures(input)];
}

/** The COM+ event class VSS publishes writer events through (VSSEvent, Eventcls.dll; KB 2009550). */
const VSS_EVENT_CLASS = 'faf53cc4-bd73-4e36-83f1-2b23f46e513e';
/** A class or object that is not registered: the COM errors a broken registration gives. */
const NOT_REGISTERED = new Set(['0x80040154', '0x800401FB']);
const WRITER_INFRASTRUCTURE = '0x80042318';

/** Event 22 (component not registered), 34 (event class not registered), 12302 (writers unreachable), and 13/8193 with "not registered". */
function isRegistrationEvent(r: LogRecord): boolean {
	const id = Number(r.fields.eventId);
	return id === 22 || id === 34 || id === 12302 || ((id === 13 || id === 8193) && NOT_REGISTERED.has(String(r.fields.hresult)));
}

/** QL304: VSS cannot reach its writers because the COM+ event system or the VSS event class is not registered. */
function comRegistration(input: DiagnosisInput): Finding[] {
	const events = windowsEvents(input, 'VSS', [22, 34, 12302, 13, 8193]).filter(isRegistrationEvent);
	const records = [...events, ...input.records.filter((r) => r.kind !== 'windows-event' && r.fields.hresult === WRITER_INFRASTRUCTURE)];
	return signals(input, records, (a) => a.hresult === WRITER_INFRASTRUCTURE).map(({ attempt: a, records: own }) => {
		const eventClass = own.some((r) => r.fields.guid === VSS_EVENT_CLASS) || own.some((r) => Number(r.fields.eventId) === 34);
		const hr = str(own.find((r) => r.fields.hresult)?.fields.hresult) ?? a?.hresult ?? null;
		return {
			code: 'QL304',
			severity: 'error',
			title: eventClass ? 'The VSS event class (VSSEvent) is not registered: writers cannot be reached' : 'VSS cannot reach its writers: COM+ registration is broken',
			message: `VSS sends Identify, Freeze and Thaw to the writers through the COM+ Event System, and that registration is broken${eventClass ? ' (the VSSEvent class {faf53cc4-…} in Eventcls.dll)' : ''}${hr ? `: ${hresultLabel(hr)}` : ''}${namedEvents(own)}. No writer takes part, so ${a ? `${attemptName(a)} ${a.result === 'failed' ? 'failed' : 'could not be application-consistent'}` : 'no backup can be application-consistent'} and \`vssadmin list writers\` usually shows no writers or an error.`,
			attemptId: a?.id ?? null,
			writers: [],
			hresult: hr,
			kb: [KB.vssEventClass, KB.vssEventClassType],
			fix: steps(
				'Check that the COM+ Event System and COM+ System Application services run: `Get-Service EventSystem, COMSysApp`; start them if stopped (`Start-Service -Name EventSystem`).',
				'Repair the VSS event class registration: under `HKLM\\SOFTWARE\\Microsoft\\EventSystem\\{26c409cc-ae86-11d1-b616-00805fc79216}\\EventClasses\\{FAF53CC4-BD73-4E36-83F1-2B23F46E513E}-{00000000-0000-0000-0000-000000000000}-{00000000-0000-0000-0000-000000000000}` set `TypeLib` (type REG_EXPAND_SZ) to `%systemroot%\\system32\\EVENTCLS.DLL`.',
				'Restart the services: `Restart-Service -Name EventSystem -Force; Restart-Service -Name VSS`.',
				'Run `vssadmin list writers` and check that the writers are listed again.',
				'Retry the backup.',
			),
			evidence: signalEvidence(input, a, own),
		};
	});
}

const FLUSH_HOLD = new Set(['0x80042313', '0x80042314']);

/** QL305: VSS could not flush or hold writes in time (0x80042313/14, VSS 12297/12298/12338/12340, volsnap 8/9). */
function flushAndHold(input: DiagnosisInput): Finding[] {
	const records = [
		...windowsEvents(input, 'VSS', [12297, 12298, 12338, 12340]),
		...windowsEvents(input, 'volsnap', [8, 9]),
		...input.records.filter((r) => r.kind !== 'windows-event' && FLUSH_HOLD.has(String(r.fields.hresult))),
	];
	return signals(input, records, (a) => FLUSH_HOLD.has(String(a.hresult))).map(({ attempt: a, records: own }) => {
		const hr = signalHresult(a, own, FLUSH_HOLD);
		return {
			code: 'QL305',
			severity: 'error',
			title: 'VSS could not flush or hold the volume\'s writes in time (heavy I/O)',
			message: `While creating the shadow copy in ${attemptName(a)}, VSS could not flush the pending writes of a volume, or could not hold new writes, within its limit (VSS holds writes for ${duration(FLUSH_HOLD_LIMIT_MS)} at most)${hr ? `: ${hresultLabel(hr)}` : ''}${namedEvents(own)}. The volume was too busy at backup time, so the snapshot was abandoned.`,
			attemptId: a?.id ?? null,
			writers: [],
			hresult: hr,
			kb: [KB.providerErrors, ...(input.hypervisor === 'hyper-v' ? [] : [KB.freezeUnderLoad])],
			fix: steps(
				'Find what writes heavily at backup time (batch jobs, database maintenance, antivirus full scans, defragmentation, other backups) and move it out of the backup window.',
				'Check the storage under the guest for latency and errors at that time (System log: disk, volsnap and storage driver events).',
				onVmware(input, 'Check the datastore latency of the VM during the backup window and keep its snapshots consolidated: a slow snapshot keeps writes held longer.'),
				'Retry the backup in a quieter period.',
			),
			evidence: signalEvidence(input, a, own),
		};
	});
}

/** The failure code in an event's insertion strings, as Windows Server Backup prints it (decimal) or as hex. */
function failureCode(r: LogRecord): string | null {
	let data: unknown;
	try {
		data = JSON.parse(String(r.fields.data ?? '[]'));
	} catch {
		return null;
	}
	const codes = (Array.isArray(data) ? data : []).map((d) => parseHresult(String(d)));
	// The severity bit set: a failure code, not a count or a time that happens to be digits.
	return codes.find((c): c is string => c !== null && parseInt(c.slice(2), 16) >= 0x80000000) ?? null;
}

/** QL306: Windows Server Backup failed (events 517 / 521); its decimal code decoded and explained. */
function backupFailures(input: DiagnosisInput): Finding[] {
	const events = windowsEvents(input, 'Microsoft-Windows-Backup', [517, 521]);
	return signals(input, events).flatMap(({ attempt: a, records: own }) => {
		const byCode = new Map<string | null, LogRecord[]>();
		for (const r of own) pushTo(byCode, failureCode(r), r);
		return [...byCode].map(([code, list]): Finding => {
			const wsb = code ? BACKUP_ERRORS[code] : undefined;
			const vss = code ? HRESULTS[code] : undefined;
			const meaning = wsb?.meaning ?? vss?.meaning;
			return {
				code: 'QL306',
				severity: 'error',
				title: `Windows Server Backup failed${code ? ` with ${code}` : ''}`,
				message: `${eventName(list[0])}${code ? `: its error code is ${code}${meaning ? `, ${meaning}` : ''}` : ''}${a ? `, during ${attemptName(a)}` : ''}.`,
				attemptId: a?.id ?? null,
				writers: [],
				hresult: code,
				kb: code === '0x80780102' ? [KB.systemWriterMissing] : code === '0x807800A1' ? [KB.sqlWriterBackup, KB.writerVetoes] : [KB.writerVetoes],
				fix: steps(
					vss?.advice,
					code === '0x80780102' && 'Bring the System Writer back: `Restart-Service -Name CryptSvc -Force`, then `vssadmin list writers`; if it stays missing, repair the permissions as KB 2009272 describes.',
					code === '0x807800A1' && 'Find the writer that failed: the first SQLVDI or SQLWRITER error, or VSS 8229, at the same time names it; run `vssadmin list writers`.',
					'Rerun the backup once the cause is fixed (`wbadmin start backup …` or the Windows Server Backup console).',
				),
				evidence: signalEvidence(input, a, list),
			};
		});
	});
}
