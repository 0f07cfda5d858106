import type { KindRecord, LogRecord, RecordFields, RecordKind } from '../../model/records';
import type { Detection, FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { LISTING_KIND, type KindDeclarations, type KindTable } from '../lib/kinds';
import { children, findElements, parseXml, type XmlElement } from '../lib/xml';

/**
 * The XML documents VMware Tools saves in `vss_manifests*.zip` (formats.md §8): the Backup Components
 * Document (`backup.xml`, root BACKUP_COMPONENTS) and one writer metadata document per writer (root
 * WRITER_METADATA). Only `backup.xml` in the zip means the quiesce was file-system-consistent; writer
 * documents beside it mean application-consistent.
 *
 * Records:
 * - `vss-backup-components` { backupType, bootableSystemStateBackup, selectComponents, partialFileSupport,
 *   snapshotSetId, context, writers, components, failedComponents, snapshots } (counts are numbers)
 * - `vss-bcd-writer` { writerId, instanceId, components (comma-separated names), failedComponents }
 * - `vss-snapshot` { snapshotSetId, snapshotId, providerId, originalVolumeName }
 * - `vss-writer-metadata` { writerId, instanceId, friendlyName, usage, dataSource, files }
 */

declare module '../../model/records' {
	interface RecordFields {
		'vss-backup-components': {
			backupType: string | null;
			bootableSystemStateBackup: string | null;
			selectComponents: string | null;
			partialFileSupport: string | null;
			snapshotSetId: string | null;
			context: string | null;
			writers: number;
			components: number;
			failedComponents: number;
			snapshots: number;
		};
		'vss-bcd-writer': { writerId: string | null; instanceId: string | null; components: string; failedComponents: number };
		'vss-snapshot': { snapshotSetId: string | null; snapshotId: string | null; providerId: string | null; originalVolumeName: string | null };
		'vss-writer-metadata': { writerId: string | null; instanceId: string | null; friendlyName: string | null; usage: string | null; dataSource: string | null; files: number };
	}
}

/** What the entries of a Backup Components Document are: listings, never events. */
const BACKUP_COMPONENTS_KINDS = {
	'vss-backup-components': LISTING_KIND,
	'vss-bcd-writer': LISTING_KIND,
	'vss-snapshot': LISTING_KIND,
} satisfies KindDeclarations;

/** What a writer metadata document is: a listing. */
const WRITER_METADATA_KINDS = {
	'vss-writer-metadata': LISTING_KIND,
} satisfies KindDeclarations;

/** Makes a record of the document (they all point at its first line). */
type RecordMaker = <K extends RecordKind>(kind: K, fields: RecordFields[K], text: string) => KindRecord<K>;

/** A document larger than this (UTF-16 characters) is not parsed: manifests are a few KiB. */
const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

type DocKind = 'BACKUP_COMPONENTS' | 'WRITER_METADATA';

/** Collects a document's lines, then parses it at the end (XML is not line-oriented). */
class XmlDocumentReader implements LineReader {
	private readonly parts: string[] = [];
	private chars = 0;
	private lines = 0;
	private tooLarge = false;
	private firstLine = 1;
	/** The root element's name once its start tag was seen; whether its end tag was. */
	private rootName: string | null = null;
	private closed = false;
	/** Lines with text after the root element closed: not the document's (a paste of something else). */
	private after = 0;

	constructor(
		private readonly path: string,
		private readonly root: DocKind,
	) {}

	line(text: string, lineNo: number): void {
		if (this.closed) {
			if (text.trim() !== '') this.after++;
			return;
		}
		if (this.lines === 0) this.firstLine = lineNo;
		this.lines++;
		this.chars += text.length + 1;
		if (this.chars > MAX_DOCUMENT_CHARS) this.tooLarge = true;
		else this.parts.push(text);
		// The document ends with its root element's end tag (or a root that closes itself): what follows in a
		// paste is another text's.
		const start = this.rootName === null ? ROOT_START.exec(text) : null;
		if (start) {
			this.rootName = start[1];
			// A root that closes itself (`<BACKUP_COMPONENTS … />`) is the whole document.
			if (text[text.indexOf('>', start.index) - 1] === '/') this.closed = true;
		}
		if (this.rootName !== null && text.includes(`</${this.rootName}>`)) this.closed = true;
	}

	end(): ReadResult {
		const fail = (why: string): ReadResult => ({ facts: {}, unparsedLines: this.lines + this.after, problems: [why] });
		if (this.tooLarge) return fail(`The XML document is larger than ${MAX_DOCUMENT_CHARS / 1024 / 1024} MiB; it was not parsed.`);
		const parsed = parseXml(this.parts.join('\n'));
		if ('error' in parsed) return fail(`The XML document cannot be parsed: ${parsed.error}.`);
		const docs = findElements(parsed.root, this.root);
		if (docs.length === 0) return fail(`The XML document has no ${this.root} element.`);
		const source = { path: this.path, line: this.firstLine };
		const rec: RecordMaker = (kind, fields, text) => ({ time: null, local: null, kind, fields, source, text });
		const records = this.root === 'BACKUP_COMPONENTS' ? backupComponents(docs[0], rec) : writerMetadata(docs[0], rec);
		return { facts: { records }, unparsedLines: this.after, problems: [] };
	}
}

/** A start tag's element name (not `<?xml`, `<!--` or an end tag). */
const ROOT_START = /<([A-Za-z_][\w:.-]{0,80})[\s>/]/;

const attr = (el: XmlElement | undefined, name: string): string | null => el?.$?.[name] ?? null;

function backupComponents(doc: XmlElement, rec: RecordMaker): LogRecord[] {
	const writers = children(doc, 'WRITER_COMPONENTS');
	const components = writers.flatMap((w) => children(w, 'COMPONENT'));
	const failed = (list: XmlElement[]) => list.filter((c) => attr(c, 'backupSucceeded') === 'no').length;
	const set = findElements(doc, 'SNAPSHOT_SET_DESCRIPTION')[0];
	const snapshots = set ? children(set, 'SNAPSHOT_DESCRIPTION') : [];
	const out: LogRecord[] = [
		rec(
			'vss-backup-components',
			{
				backupType: attr(doc, 'backupType'),
				bootableSystemStateBackup: attr(doc, 'bootableSystemStateBackup'),
				selectComponents: attr(doc, 'selectComponents'),
				partialFileSupport: attr(doc, 'partialFileSupport'),
				snapshotSetId: attr(set, 'snapshotSetId') ?? attr(doc, 'snapshotSetId'),
				context: attr(set, 'context'),
				writers: writers.length,
				components: components.length,
				failedComponents: failed(components),
				snapshots: snapshots.length,
			},
			`BACKUP_COMPONENTS backupType=${attr(doc, 'backupType')}`,
		),
	];
	for (const w of writers) {
		const list = children(w, 'COMPONENT');
		out.push(
			rec(
				'vss-bcd-writer',
				{
					writerId: attr(w, 'writerId')?.toLowerCase() ?? null,
					instanceId: attr(w, 'instanceId')?.toLowerCase() ?? null,
					components: list.map((c) => attr(c, 'componentName') ?? '').join(','),
					failedComponents: failed(list),
				},
				`WRITER_COMPONENTS writerId=${attr(w, 'writerId')}`,
			),
		);
	}
	for (const s of snapshots) {
		out.push(
			rec(
				'vss-snapshot',
				{
					snapshotSetId: attr(set, 'snapshotSetId'),
					snapshotId: attr(s, 'snapshotId'),
					providerId: attr(s, 'providerId')?.toLowerCase() ?? null,
					originalVolumeName: attr(s, 'originalVolumeName'),
				},
				`SNAPSHOT_DESCRIPTION snapshotId=${attr(s, 'snapshotId')}`,
			),
		);
	}
	return out;
}

function writerMetadata(doc: XmlElement, rec: RecordMaker): LogRecord[] {
	const id = children(doc, 'IDENTIFICATION')[0];
	const files = ['DATABASE_FILES', 'DATABASE_LOGFILES', 'FILE_LIST'].reduce((n, tag) => n + findElements(doc, tag).length, 0);
	return [
		rec(
			'vss-writer-metadata',
			{
				writerId: attr(id, 'writerId')?.toLowerCase() ?? null,
				instanceId: attr(id, 'instanceId')?.toLowerCase() ?? null,
				friendlyName: attr(id, 'friendlyName'),
				usage: attr(id, 'usage'),
				dataSource: attr(id, 'dataSource'),
				files,
			},
			`WRITER_METADATA ${attr(id, 'friendlyName')}`,
		),
	];
}

/**
 * Finds the document's root element name in the first lines (it may follow a declaration or a schema), as
 * is or with a namespace prefix. Built once per format: detection asks every file of a bundle (a regular
 * expression made per line cost a second per 10,000 small files).
 */
function rootDetector(root: DocKind): (head: readonly string[]) => Detection | null {
	const plain = `<${root}`;
	const prefixed = new RegExp(`<[A-Za-z]+:${root}\\b`);
	return (head) => {
		// Both need the root's name in the line: a native search first, the expression on the few lines that have it.
		const i = head.findIndex((l) => l.includes(root) && (l.includes(plain) || prefixed.test(l)));
		return i < 0 ? null : { variant: 'xml', reason: `${root} element at line ${i + 1}` };
	};
}

function xmlFormat<K extends RecordKind>(id: string, title: string, root: DocKind, kinds: KindTable<K>, sample: string): FormatDefinition<K> {
	return {
		id,
		title,
		url: 'https://learn.microsoft.com/windows/win32/vss/vss-metadata-components',
		// A requestor saves them: VMware Tools into the manifest zip (its zip is VMware's, not the documents).
		origin: 'guest-windows',
		kinds,
		variants: [{ name: 'xml', samples: [sample] }],
		detect: rootDetector(root),
		reader: (path) => new XmlDocumentReader(path, root),
	};
}

/** `backup.xml`: the Backup Components Document. */
export const vssBackupComponents = xmlFormat(
	'vss-backup-components',
	'VSS Backup Components Document',
	'BACKUP_COMPONENTS',
	BACKUP_COMPONENTS_KINDS,
	`<?xml version="1.0"?>
<BACKUP_COMPONENTS xmlns="x-schema:#VssComponentMetadata" version="1.2" bootableSystemStateBackup="yes" selectComponents="yes" backupType="copy" partialFileSupport="no"><WRITER_COMPONENTS instanceId="069b6faa-8150-57ac-8e69-bffd560d98f6" writerId="a65faa63-5ea8-4ebc-9dbd-a0c4db26912a"><COMPONENT logicalPath="SQL-PRD-01" componentName="master" componentType="database" backupSucceeded="yes"/></WRITER_COMPONENTS><SNAPSHOT_SET_DESCRIPTION snapshotSetId="0edff115-b0f9-5562-9b92-61dbbcacccd1" context="0"><SNAPSHOT_DESCRIPTION snapshotId="2944700f-b9cf-5f53-9418-f1e90c9ba424" providerId="b5946137-7b9f-4925-af80-51abd60b20d5" originalVolumeName="\\\\?\\Volume{e731237a-c5fd-5900-a275-577e464dd413}\\"/></SNAPSHOT_SET_DESCRIPTION></BACKUP_COMPONENTS>`,
);

/** One writer's metadata document. */
export const vssWriterMetadata = xmlFormat(
	'vss-writer-metadata',
	'VSS writer metadata document',
	'WRITER_METADATA',
	WRITER_METADATA_KINDS,
	`<?xml version="1.0"?>
<WRITER_METADATA xmlns="x-schema:#VssWriterMetadataInfo" version="1.2">
<IDENTIFICATION writerId="a65faa63-5ea8-4ebc-9dbd-a0c4db26912a" instanceId="069b6faa-8150-57ac-8e69-bffd560d98f6" friendlyName="SqlServerWriter" usage="USER_DATA" dataSource="TRANSACTION_DB"/>
<BACKUP_LOCATIONS><DATABASE logicalPath="SQL-PRD-01" componentName="Sales"><DATABASE_FILES path="D:\\SQLData" filespec="Sales.mdf" filespecBackupType="3855"/><DATABASE_LOGFILES path="L:\\SQLLogs" filespec="Sales_log.ldf" filespecBackupType="3855"/></DATABASE></BACKUP_LOCATIONS>
</WRITER_METADATA>`,
);
