import { eventSeverity } from '../../src/core/analysis/phases';
// Builders for hand-made DiagnosisInput in the rule tests: every fact a rule reads, nothing more.
import type { DiagnosisInput } from '../../src/core/diagnosis/diagnose';
import type { WindowsEventFields } from '../../src/core/formats/windows/windowsEvents';
import type { FieldValue, LogRecord, RecordFields, RecordKind, RecordOf } from '../../src/core/model/records';
import type { Attempt, Finding, Provider, ShadowStorage, Writer, WriterListing } from '../../src/core/model/report';

/** An input with nothing in it but what `parts` gives. */
export const input = (parts: Partial<DiagnosisInput> = {}): DiagnosisInput => ({
	attempts: [],
	writers: [],
	writerListings: [],
	providers: [],
	shadowStorage: [],
	records: [],
	inputs: [],
	hypervisor: 'vmware',
	...parts,
});

let nextLine = 1;

/**
 * A record of `kind` in `path` with these fields (only those the code under test reads: the record is
 * hand-made, not a reader's); time defaults to null, the line to a fresh number.
 */
export function rec<K extends RecordKind>(kind: K, fields: TestFields<K>, opts: { path?: string; line?: number; time?: string | null; local?: string | null; text?: string } = {}): RecordOf<K> {
	const line = opts.line ?? nextLine++;
	return { time: opts.time ?? null, local: opts.local ?? null, kind, fields, source: { path: opts.path ?? 'guest/log.txt', line }, text: opts.text ?? `${kind} line ${line}` } as unknown as RecordOf<K>;
}

/** Fields of a hand-made record of kind K: some of the kind's, and any other a test needs. */
export type TestFields<K extends RecordKind> = Partial<RecordFields[K]> & Record<string, FieldValue>;

/** A Windows event record, every field the readers set present (null when not given). */
export function winEvent(provider: string, eventId: number, fields: Partial<WindowsEventFields> = {}, opts: { path?: string; time?: string } = {}): LogRecord {
	const all: WindowsEventFields = {
		provider,
		eventId,
		qualifiers: 0,
		level: 2,
		levelText: null,
		channel: 'Application',
		computer: 'HOST',
		recordId: 1,
		data: null,
		message: null,
		hresult: null,
		finalStatus: null,
		guid: null,
		operation: null,
		executionContext: null,
		writerName: null,
		writerClassId: null,
		writerInstanceId: null,
		writerInstanceName: null,
		commandLine: null,
		processId: null,
		providerName: null,
		providerId: null,
		binaryText: null,
		printedTime: null,
		...fields,
	};
	return rec('windows-event', { ...all }, { path: opts.path ?? 'guest/events.xml', time: opts.time ?? '2024-01-01T00:00:30.000Z', text: `<Event><Provider Name='${provider}'/><EventID>${eventId}</EventID></Event>` });
}

/** An attempt whose timeline is exactly these records (as the attempt builder joins them). */
export function attempt(fields: Partial<Attempt> = {}, records: readonly LogRecord[] = []): Attempt {
	return {
		id: 'a1',
		vm: 'VM-01',
		snapshotName: 'nightly',
		opId: null,
		task: null,
		quiesced: true,
		start: '2024-01-01T00:00:00.000Z',
		end: '2024-01-01T00:01:00.000Z',
		result: 'failed',
		consistency: 'none',
		consistencyEvidence: [],
		fallbackOf: null,
		vmbackupStatus: null,
		guestOperation: null,
		guestMessage: null,
		hresult: null,
		hresultName: null,
		fault: null,
		quiesceStates: [],
		quiesceMs: null,
		freezeMs: null,
		windows: [],
		phases: [],
		stunUs: null,
		writers: [],
		requester: 'VMware Tools',
		kind: 'host-snapshot',
		failedPhase: null,
		failedComponent: null,
		events: records.map((r) => ({ time: r.time, source: r.source.path, line: r.source.line, kind: r.kind, severity: eventSeverity(r), text: r.text })),
		...fields,
	};
}

/** A healthy, application-consistent quiesced attempt. */
export const goodAttempt = (fields: Partial<Attempt> = {}, records: readonly LogRecord[] = []): Attempt => attempt({ result: 'success', consistency: 'application', ...fields }, records);

/** A writer of a listing in state `[stateCode]`. */
export function writer(name: string, stateCode: number, fields: Partial<Writer> = {}): Writer {
	const line = nextLine++;
	return {
		name,
		writerId: null,
		instanceId: null,
		stateCode,
		state: null,
		stateText: stateCode === 1 ? 'Stable' : 'Failed',
		stateLine: `State: [${stateCode}]`,
		stateSource: { path: 'guest/writers.txt', line: line + 3 },
		lastError: 'No error',
		lastErrorHresult: null,
		hasLastError: false,
		failed: stateCode >= 6,
		service: null,
		source: { path: 'guest/writers.txt', line },
		nameLine: `Writer name: '${name}'`,
		listing: 'guest/writers.txt',
		...fields,
	};
}

export const listing = (fields: Partial<WriterListing> = {}): WriterListing => ({
	path: 'guest/writers.txt',
	status: 'ok',
	count: 1,
	errorText: null,
	errorLine: null,
	errorFirstLine: null,
	headerLine: 'vssadmin 1.1',
	whole: true,
	...fields,
});

export const provider = (name: string, id: string, fields: Partial<Provider> = {}): Provider => ({
	name,
	type: 'Software',
	id,
	version: '1.0',
	source: { path: 'guest/providers.txt', line: nextLine++ },
	...fields,
});

export const storage = (fields: Partial<ShadowStorage> = {}): ShadowStorage => ({
	forVolume: 'C:',
	forVolumeGuid: null,
	storageVolume: 'C:',
	used: '1 GB',
	allocated: '1 GB',
	maximum: '10 GB',
	usedBytes: 1e9,
	maximumBytes: 10e9,
	maximumPercent: 10,
	source: { path: 'guest/storage.txt', line: nextLine++ },
	...fields,
});

/** The findings of one code. */
export const only = (findings: readonly Finding[], code: string): Finding[] => findings.filter((f) => f.code === code);

/** Ids of well-known GUIDs the tests use. */
export const IDS = {
	vmwareProvider: '564d7761-7265-2056-5353-2050726f7669',
	msProvider: 'b5946137-7b9f-4925-af80-51abd60b20d5',
	hypervProvider: '74600e39-7dc5-4567-a03b-f091d6c7b092',
	systemWriter: 'e8132975-6f93-4464-a53e-1050253ae220',
	sqlWriter: 'a65faa63-5ea8-4ebc-9dbd-a0c4db26912a',
	exchangeWriter: '76fe1ac4-15f7-4bcd-987e-8e1acb462fb7',
};
