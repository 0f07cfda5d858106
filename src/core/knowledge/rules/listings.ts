import type { LogRecord } from '../../model/records';
import type { Finding, WriterListing } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { KB } from '../kb';
import { writerIdOf } from '../writerServices';
import { ev, mergeEvidence, recordEvidence, steps, windowsEvents } from './common';

/**
 * QL301–QL303, `vssadmin list writers` as a whole: an error instead of the list (QL301), no writer at all
 * (QL302), or writers that must be there and are not (QL303).
 */
export function listingRules(input: DiagnosisInput): Finding[] {
	return input.writerListings.flatMap((listing) => {
		if (listing.status === 'error') return [listingError(listing)];
		if (listing.status === 'empty') return [listingEmpty(listing)];
		const missing = missingWriters(input, listing);
		return missing ? [missing] : [];
	});
}

function listingError(listing: WriterListing): Finding {
	return {
		code: 'QL301',
		severity: 'error',
		title: 'vssadmin could not list the VSS writers',
		message: `vssadmin printed an error instead of the writer list, so VSS cannot reach its writers and no application-consistent backup is possible until this is fixed. It said: "${listing.errorText}"`,
		attemptId: null, writers: [], hresult: null,
		kb: [KB.writerVetoes],
		fix: steps(
			'Run `vssadmin list writers` again from an elevated (Administrator) prompt.',
			'Check the Application event log for VSS errors at that time (event ids 8193, 22, 12292, 12302) and follow their cause.',
			'Make sure the Volume Shadow Copy (VSS) and COM+ Event System (EventSystem) services can start: `Start-Service -Name EventSystem, VSS`.',
		),
		evidence: [ev(listing.path, listing.errorLine ?? 1, listing.errorFirstLine ?? '')],
	};
}

function listingEmpty(listing: WriterListing): Finding {
	return {
		code: 'QL302',
		severity: 'warning',
		title: 'vssadmin listed no VSS writers',
		message: 'The listing has no writers at all. Every Windows system has in-box writers (System Writer, Registry Writer …), so they failed to register: backups can only be crash-consistent.',
		attemptId: null, writers: [], hresult: null,
		kb: [KB.writersMissing, KB.vssEventClassType],
		fix: steps(
			'Restart the Volume Shadow Copy service: `Restart-Service -Name VSS -Force`, then run `vssadmin list writers` again.',
			'If writers are still missing, check the Application event log for VSS and COM+ errors and repair the VSS/COM+ registration as the KB describes.',
		),
		evidence: [ev(listing.path, 1, listing.headerLine ?? '')],
	};
}

/** A writer that must be in a listing, what its absence means, and how to bring it back. */
interface Expected {
	name: string;
	writerId: string;
	/** Records that show the application is installed (empty for the System Writer, which every Windows 2008+ has). */
	shownBy: LogRecord[];
	why: string;
	fix: string;
}

const SYSTEM_WRITER = writerIdOf('System Writer');
const SQL_WRITER = writerIdOf('SqlServerWriter');
const EXCHANGE_WRITER = writerIdOf('Microsoft Exchange Writer');

const provider = (r: LogRecord) => String(r.fields.provider ?? '').toUpperCase();

/**
 * QL303: the System Writer (in every Windows since 2008) or the writer of an application the bundle shows
 * running (SQL Server's or Exchange's own logs and events) is missing from a listing that has writers.
 * Only writers whose absence is evident are checked: a listing may legitimately lack optional writers.
 */
function missingWriters(input: DiagnosisInput, listing: WriterListing): Finding | null {
	const listed = input.writers.filter((w) => w.listing === listing.path);
	if (listed.length === 0) return null;
	const sqlShown = input.records.filter((r) => r.kind.startsWith('sqlwriter-') || (r.kind === 'windows-event' && /^(SQLWRITER|SQLVDI|MSSQLSERVER|MSSQL\$.+)$/.test(provider(r)))).slice(0, 1);
	const exchangeShown = input.records.filter((r) => (r.kind === 'windows-event' && provider(r).startsWith('MSEXCHANGE')) || r.fields.writerClassId === EXCHANGE_WRITER || (r.kind === 'vss-bcd-writer' && r.fields.writerId === EXCHANGE_WRITER)).slice(0, 1);
	const expected: Expected[] = [
		{
			name: 'System Writer', writerId: SYSTEM_WRITER, shownBy: [],
			why: 'the System Writer (hosted by Cryptographic Services) is missing: it disappears when Cryptographic Services cannot enumerate the system files or its account lacks rights in VssAccessControl (VSS event 8213, CAPI2 513); system-state and bare-metal backups then fail',
			fix: 'System Writer: restart Cryptographic Services (`Restart-Service -Name CryptSvc -Force`); if it stays missing, look for VSS 8213 and CAPI2 513 events and repair the permissions under %windir%\\winsxs and the VssAccessControl key as KB 2009272 describes.',
		},
		{
			name: 'SqlServerWriter', writerId: SQL_WRITER, shownBy: sqlShown,
			why: 'SQL Server runs in this guest (its logs or events are in the bundle) but SqlServerWriter is not listed: the SQL Server VSS Writer service is stopped or disabled, so snapshots do not quiesce the databases (crash-consistent for SQL Server)',
			fix: 'SqlServerWriter: `Set-Service -Name SQLWriter -StartupType Automatic; Start-Service -Name SQLWriter`.',
		},
		{
			name: 'Microsoft Exchange Writer', writerId: EXCHANGE_WRITER, shownBy: exchangeShown,
			why: 'Exchange runs in this guest but the Microsoft Exchange Writer is not listed: snapshots do not quiesce the mailbox databases',
			fix: 'Microsoft Exchange Writer: restart the Exchange Replication service (`Restart-Service -Name MSExchangeRepl`); it hosts the writer.',
		},
	];
	const missing = expected.filter((x) => (x.writerId === SYSTEM_WRITER || x.shownBy.length > 0)
		&& !listed.some((w) => w.writerId === x.writerId || w.name === x.name));
	if (missing.length === 0) return null;
	const related = windowsEvents(input, 'VSS', [8213]).concat(windowsEvents(input, 'Microsoft-Windows-CAPI2', [513]));
	return {
		code: 'QL303',
		severity: 'warning',
		title: `VSS writer${missing.length > 1 ? 's' : ''} missing from the listing: ${missing.map((x) => x.name).join(', ')}`,
		message: `${listing.path} lists ${listed.length} writer(s), but ${missing.map((x) => x.why).join('; and ')}.`,
		attemptId: null,
		writers: missing.map((x) => x.name),
		hresult: null,
		kb: [...(missing.some((x) => x.writerId === SYSTEM_WRITER) ? [KB.systemWriterMissing] : []), KB.inBoxWriters, KB.writersMissing],
		fix: steps(...missing.map((x) => x.fix), 'Run `vssadmin list writers` again and check that the writer is listed with [1].'),
		evidence: mergeEvidence([ev(listing.path, 1, listing.headerLine ?? '')], missing.flatMap((x) => x.shownBy.map(recordEvidence)), related.map(recordEvidence)),
	};
}
