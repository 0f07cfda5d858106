import type { KindRecord, LogRecord } from '../../model/records';
import { listingId } from '../../analysis/listings';
import type { WriterListing } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { writerIdOf } from '../../knowledge/writerServices';
import { ruleDefaults } from '../ruleCatalogue';
import { ev, mergeEvidence, recordEvidence, type RuleFinding, steps, tr, windowsEvents } from './common';

/**
 * QL301–QL303, `vssadmin list writers` as a whole: an error instead of the list (QL301), no writer at all
 * (QL302), or writers that must be there and are not (QL303).
 */
export function listingRules(input: DiagnosisInput): RuleFinding[] {
	return input.writerListings.flatMap((listing) => {
		if (listing.status === 'error') return [listingError(input, listing)];
		if (listing.status === 'empty') return [listingEmpty(input, listing)];
		const missing = missingWriters(input, listing);
		return missing ? [missing] : [];
	});
}

function listingError(input: DiagnosisInput, listing: WriterListing): RuleFinding {
	const t = tr(input);
	return {
		...ruleDefaults('QL301'),
		title: t('QL301.title'),
		message: t('QL301.message', { errorText: listing.errorText }),
		attemptId: null,
		writers: [],
		hresult: null,
		fix: steps(t('QL301.fix.elevated'), t('QL301.fix.events'), t('QL301.fix.services')),
		evidence: [ev(listing.path, listing.errorLine ?? 1, listing.errorFirstLine ?? '')],
	};
}

function listingEmpty(input: DiagnosisInput, listing: WriterListing): RuleFinding {
	const t = tr(input);
	return {
		...ruleDefaults('QL302'),
		title: t('QL302.title'),
		message: t('QL302.message'),
		attemptId: null,
		writers: [],
		hresult: null,
		fix: steps(t('QL302.fix.restart'), t('QL302.fix.repair')),
		evidence: [ev(listing.path, listing.line ?? 1, listing.headerLine ?? '')],
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

const provider = (r: KindRecord<'windows-event'>) => r.fields.provider.toUpperCase();

/**
 * QL303: the System Writer (in every Windows since 2008) or the writer of an application the bundle shows
 * running (SQL Server's or Exchange's own logs and events) is missing from a listing that has writers.
 * Only writers whose absence is evident are checked: a listing may legitimately lack optional writers, and
 * an excerpt (a few blocks pasted without vssadmin's header) may lack any.
 */
function missingWriters(input: DiagnosisInput, listing: WriterListing): RuleFinding | null {
	const listed = input.writers.filter((w) => w.listing === listingId(listing));
	if (listed.length === 0 || !listing.whole) return null;
	const sqlShown = input.records.filter((r) => r.kind.startsWith('sqlwriter-') || (r.kind === 'windows-event' && /^(SQLWRITER|SQLVDI|MSSQLSERVER|MSSQL\$.+)$/.test(provider(r)))).slice(0, 1);
	const t = tr(input);
	const exchangeShown = input.records.filter((r) => (r.kind === 'windows-event' && (provider(r).startsWith('MSEXCHANGE') || r.fields.writerClassId === EXCHANGE_WRITER)) || (r.kind === 'vss-bcd-writer' && r.fields.writerId === EXCHANGE_WRITER)).slice(0, 1);
	const expected: Expected[] = [
		{
			name: 'System Writer',
			writerId: SYSTEM_WRITER,
			shownBy: [],
			why: t('QL303.why.system'),
			fix: t('QL303.fix.system'),
		},
		{
			name: 'SqlServerWriter',
			writerId: SQL_WRITER,
			shownBy: sqlShown,
			why: t('QL303.why.sql'),
			fix: t('QL303.fix.sql'),
		},
		{
			name: 'Microsoft Exchange Writer',
			writerId: EXCHANGE_WRITER,
			shownBy: exchangeShown,
			why: t('QL303.why.exchange'),
			fix: t('QL303.fix.exchange'),
		},
	];
	const missing = expected.filter((x) => (x.writerId === SYSTEM_WRITER || x.shownBy.length > 0) && !listed.some((w) => w.writerId === x.writerId || w.name === x.name));
	if (missing.length === 0) return null;
	const related = windowsEvents(input, 'VSS', [8213]).concat(windowsEvents(input, 'Microsoft-Windows-CAPI2', [513]));
	return {
		...ruleDefaults('QL303', { systemWriterMissing: missing.some((x) => x.writerId === SYSTEM_WRITER) }),
		title: t('QL303.title', { names: missing.map((x) => x.name) }),
		message: t('QL303.message', { path: listing.path, count: listed.length, whys: missing.map((x) => x.why) }),
		attemptId: null,
		writers: missing.map((x) => x.name),
		hresult: null,
		fix: steps(
			missing.map((x) => x.fix),
			t('QL303.fix.check'),
		),
		evidence: mergeEvidence(
			[ev(listing.path, listing.line ?? 1, listing.headerLine ?? '')],
			missing.flatMap((x) => x.shownBy.map(recordEvidence)),
			related.map(recordEvidence),
		),
	};
}
