import type { KindFields, LogRecord } from '../../model/records';
import { CsvTableReader, cellOf, intCell, mapColumns, readCsvHead, type CsvHead, type CsvRecord, type CsvRowReader } from '../lib/csv';
import type { Detection, FormatDefinition } from '../lib/format';
import type { KindDeclarations } from '../lib/kinds';
import { isPrintedDate, PrintedDates, type PrintedTime } from '../lib/printedDates';
import { firstHresult } from '../windows/windowsEvents';

/**
 * vCenter task and event lists exported as CSV (formats.md §5): the vSphere Client's "Export" of the
 * Tasks / Events view, and PowerCLI `Get-Task`, `Get-VIEvent` or `TaskInfo` objects piped to Export-Csv
 * (`#TYPE VMware.…` first line in Windows PowerShell 5.1). Columns are found by header name in any order;
 * a nested object Export-Csv could only print as its type name (`VMware.Vim.VmEventArgument`) reads as
 * absent. Times are the exporter's local time (browser or PowerCLI host) → `local`, day/month order
 * settled per file, printed text kept; a time with `Z` or an offset → `time` (UTC).
 *
 * The vSphere Client translates its column names; an export in a language other than English is read by
 * the position of the nine-column task layout (Task Name, Target, Status, Details, Initiator, Queued For,
 * Start Time, Completion Time, Server), recognised by a duration sixth (`3 ms`) and a date seventh.
 *
 * Record kind `vcenter-task` (one per row; `time`/`local` = start, else queue, else completion time):
 * - `taskId` (`task-768`; PowerCLI's `Task-task-768` without its prefix), `method` (`CreateSnapshot_Task`),
 *   `descriptionId` (`VirtualMachine.createSnapshot`), `operation` (the method in lower camel case:
 *   `createSnapshot`, `removeSnapshot`, `revertToSnapshot`, `removeAllSnapshots`, `consolidateVMDisks`;
 *   from the method, the description id, or the English display name; null when none is known)
 * - `taskName` (display name as printed), `target` (entity name, the VM), `entityId` (`VirtualMachine-vm-42`)
 * - `state` (`success`|`error`|`running`|`queued`|null): the API state (PowerCLI State, TaskInfo State);
 *   for the vSphere Client, `running` without a completion time, `success` for English `Completed`,
 *   `error` for any other status of a completed task when the header is English (the client prints the
 *   error message there), else null
 * - `status` (as printed), `error` (error text: the vSphere Client status of a failed task, or an
 *   Error/ErrorMessage column), `details`, `hresult` (first failure HRESULT in error/status/details)
 * - `user`, `server`, `queuedFor` (as printed, `3 ms`), `eventChainId` (number), `opId`
 * - `startPrinted`, `completePrinted` (as printed), `completeTime` (UTC) / `completeLocal` (local wall clock)
 *
 * Record kind `vcenter-event` (one per row; `time`/`local` = created time):
 * - `eventKey` (number), `chainId` (number), `eventType` (`VmMessageWarningEvent`, `com.vmware.…`, when a
 *   column carries it), `severity` (as printed), `message` (FullFormattedMessage / Description),
 *   `target`, `host`, `user`, `task`, `hresult` (first failure HRESULT in the message), `printedTime`
 *
 * Every row is a record: an export is already the user's choice of one VM and period, and no
 * language-neutral column says which rows matter. Lines: type line, header, rows and blank lines are
 * parsed; a row with the wrong number of fields is unparsed.
 */

/** A `vcenter-task` record's fields (see the module comment). */
interface VcenterTaskFields {
	taskId: string | null;
	method: string | null;
	descriptionId: string | null;
	operation: string | null;
	taskName: string | null;
	target: string | null;
	entityId: string | null;
	state: string | null;
	status: string | null;
	error: string | null;
	details: string | null;
	hresult: string | null;
	user: string | null;
	server: string | null;
	queuedFor: string | null;
	eventChainId: number | null;
	opId: string | null;
	startPrinted: string | null;
	completePrinted: string | null;
	completeTime: string | null;
	completeLocal: string | null;
}

/** A `vcenter-event` record's fields (see the module comment). */
interface VcenterEventFields {
	eventKey: number | null;
	chainId: number | null;
	eventType: string | null;
	severity: string | null;
	message: string | null;
	target: string | null;
	host: string | null;
	user: string | null;
	task: string | null;
	hresult: string | null;
	printedTime: string | null;
}

declare module '../../model/records' {
	interface RecordFields {
		'vcenter-task': VcenterTaskFields;
		'vcenter-event': VcenterEventFields;
	}
}

/** What the rows of vCenter's exports mean. */
const VCENTER_KINDS = {
	// A failed task is an error; a createSnapshot task's start is vCenter's view of the snapshot start.
	'vcenter-task': {
		role: 'event',
		severity: (f) => (f.status === 'error' || f.state === 'error' ? 'error' : 'info'),
		failure: (f) => f.state === 'error' || f.error != null,
		anchor: (f) => (f.operation === 'createSnapshot' ? 'start' : null),
	},
	'vcenter-event': { role: 'event', severity: 'info', failure: (f) => f.hresult != null, anchor: null },
} satisfies KindDeclarations;

const TASK_COLUMNS = {
	taskId: ['key', 'id', 'taskid'],
	method: ['name'],
	descriptionId: ['descriptionid'],
	taskName: ['taskname', 'description'],
	target: ['target', 'entityname', 'entity', 'vm', 'vmname', 'object', 'objectname'],
	entityId: ['objectid'],
	state: ['state'],
	status: ['status'],
	details: ['details'],
	error: ['error', 'errormessage', 'errortext', 'fault'],
	user: ['initiator', 'username', 'user'],
	queuedFor: ['queuedfor'],
	queued: ['queuetime', 'queued'],
	start: ['starttime', 'start', 'started'],
	complete: ['completiontime', 'completetime', 'finishtime', 'finish', 'completed', 'endtime', 'end'],
	server: ['server', 'serverid', 'viserver', 'vcenter'],
	eventChainId: ['eventchainid', 'chainid', 'chain'],
	opId: ['opid', 'operationid', 'activationid'],
} as const;

const EVENT_COLUMNS = {
	eventKey: ['key', 'eventkey'],
	chainId: ['chainid', 'eventchainid'],
	created: ['createdtime', 'datetime', 'time', 'date', 'created'],
	message: ['fullformattedmessage', 'description', 'message'],
	eventType: ['eventtypeid', 'eventtype', 'typeid'],
	severity: ['type', 'severity'],
	target: ['target', 'vm', 'vmname', 'entity', 'entityname', 'object', 'objectname'],
	host: ['host', 'hostname'],
	user: ['username', 'user', 'initiator'],
	task: ['task'],
} as const;

type TaskColumn = keyof typeof TASK_COLUMNS;
type EventColumn = keyof typeof EVENT_COLUMNS;
type Columns<K extends string> = Partial<Record<K, number>>;

/** The vSphere Client task list in any language, by position. */
const CLIENT_POSITIONS: Columns<TaskColumn> = { taskName: 0, target: 1, status: 2, details: 3, user: 4, queuedFor: 5, start: 6, complete: 7, server: 8 };
/** `3 ms`, `1,2 s`: the Queued For duration. */
const DURATION = /^\d+(?:[.,]\d+)?\s?\S{1,8}$/;
/** vim.TaskInfoState values (API words, never translated). */
const API_STATES = new Set(['queued', 'running', 'success', 'error']);

/** vSphere task description ids and English display names → the vim method (lower camel case). */
const OPERATIONS: Readonly<Record<string, string>> = {
	'virtualmachine.createsnapshot': 'createSnapshot',
	'vm.snapshot.remove': 'removeSnapshot',
	'vm.snapshot.revert': 'revertToSnapshot',
	'virtualmachine.removeallsnapshots': 'removeAllSnapshots',
	'virtualmachine.reverttocurrentsnapshot': 'revertToCurrentSnapshot',
	'virtualmachine.consolidatedisks': 'consolidateVMDisks',
	// English display names: the only operation signal in an English vSphere Client export.
	'create virtual machine snapshot': 'createSnapshot',
	'remove snapshot': 'removeSnapshot',
	'revert snapshot': 'revertToSnapshot',
	'revert to snapshot': 'revertToSnapshot',
	'revert to current snapshot': 'revertToCurrentSnapshot',
	'remove all snapshots': 'removeAllSnapshots',
	'consolidate virtual machine disk files': 'consolidateVMDisks',
};

function operationOf(method: string | null, descriptionId: string | null, taskName: string | null): string | null {
	const m = method !== null ? /^(\w+?)_Task$/.exec(method) : null;
	if (m) return m[1][0].toLowerCase() + m[1].slice(1);
	if (descriptionId !== null) return OPERATIONS[descriptionId.toLowerCase()] ?? descriptionId.slice(descriptionId.lastIndexOf('.') + 1);
	return taskName !== null ? (OPERATIONS[taskName.toLowerCase()] ?? null) : null;
}

function taskColumns(header: readonly string[]): Columns<TaskColumn> | null {
	const c = mapColumns(header, TASK_COLUMNS);
	const ok = c.start !== undefined && (c.state !== undefined || c.status !== undefined) && (c.method !== undefined || c.descriptionId !== undefined || c.taskName !== undefined);
	return ok ? c : null;
}

function eventColumns(header: readonly string[]): Columns<EventColumn> | null {
	const c = mapColumns(header, EVENT_COLUMNS);
	return c.created !== undefined && c.message !== undefined ? c : null;
}

/** A localized vSphere Client task export: nine columns, a duration sixth, a date seventh. */
const isClientTaskRow = (row: readonly string[]): boolean => row.length === 9 && DURATION.test(row[5].trim()) && isPrintedDate(row[6]);

/** What one of the two formats needs: how to find its columns and variant, and what a row becomes. */
interface Table<K extends string> {
	columns(header: readonly string[], variant: string): Columns<K> | null;
	detect(csv: CsvHead): Detection | null;
	row(cell: (name: K) => string | null, variant: string, when: (text: string | null, apply: (t: PrintedTime) => void) => void): KindFields<'vcenter-task' | 'vcenter-event'>;
	/** The row's main time as printed (its record's `time` or `local`). */
	time(cell: (name: K) => string | null): string | null;
}

/** A FormatDefinition's detect and reader for one table. */
function tableFormat<K extends string>(table: Table<K>): Pick<FormatDefinition, 'detect' | 'reader'> {
	return {
		detect(head) {
			const csv = readCsvHead(head);
			return csv ? table.detect(csv) : null;
		},
		reader(path, detection) {
			return new CsvTableReader((header) => {
				const columns = table.columns(header, detection.variant);
				return columns ? tableRows(path, columns, header.length, table, detection.variant) : null;
			});
		},
	};
}

function tableRows<K extends string>(path: string, columns: Columns<K>, width: number, table: Table<K>, variant: string): CsvRowReader {
	const dates = new PrintedDates();
	return {
		widths: [width],
		row(fields, rec: CsvRecord): LogRecord {
			const cell = (name: K) => cellOf(fields, columns, name);
			const made = table.row(cell, variant, (text, apply) => {
				if (text !== null) dates.defer(text, apply);
			});
			const record: LogRecord = { time: null, local: null, ...made, source: { path, line: rec.firstLine }, text: rec.firstText.trim() };
			// The row's main time: deferred until the file's day/month order is known.
			dates.stamp(record, table.time(cell));
			return record;
		},
		finish: () => ({ problems: dates.settle(), clock: dates.clock() }),
	};
}

const TASKS_CLIENT = `"Task Name","Target","Status","Details","Initiator","Queued For","Start Time","Completion Time","Server"
"Create virtual machine snapshot","RHEL-APP-11","Cannot quiesce this virtual machine because VMware Tools is not currently available.","","VSPHERE.LOCAL\\svc-backup","3 ms","10/09/2018, 6:20:04 PM","10/09/2018, 6:20:04 PM","vcsa-01.corp.example"
"Remove snapshot","RHEL-APP-09","Completed","","VSPHERE.LOCAL\\svc-backup","4 ms","10/09/2018, 6:18:41 PM","10/09/2018, 6:18:52 PM","vcsa-01.corp.example"
`;

/** vCenter tasks (vSphere Client export, PowerCLI Get-Task / TaskInfo | Export-Csv). */
export const vcenterTasksCsv = {
	id: 'vcenter-tasks-csv',
	title: 'vCenter tasks (CSV export)',
	url: 'https://developer.broadcom.com/xapis/vsphere-web-services-api/latest/vim.TaskInfo.html',
	origin: 'vcenter',
	kinds: VCENTER_KINDS,
	variants: [
		{ name: 'vsphere-client-en', samples: [TASKS_CLIENT] },
		{
			name: 'vsphere-client-localized',
			samples: [
				'"Nom de la tâche","Cible","État","Détails","Initiateur","Mis en file d\'attente pendant","Heure de début","Heure d\'achèvement","Serveur"\n"Créer un snapshot de machine virtuelle","RHEL-APP-11","Impossible de suspendre cette machine virtuelle, car VMware Tools n\'est pas disponible.","","VSPHERE.LOCAL\\svc-backup","3 ms","09/10/2018 18:20:04","09/10/2018 18:20:04","vcsa-01.corp.example"\n',
			],
		},
		{
			name: 'powercli-get-task',
			samples: [
				'#TYPE VMware.VimAutomation.ViCore.Impl.V1.Task.TaskImpl\n"ServerId","State","IsCancelable","PercentComplete","StartTime","FinishTime","ObjectId","Result","Description","ExtensionData","Id","Name","Uid"\n"/VIServer=vsphere.local\\svc-backup@vcsa-01.corp.example:443/","Error","False","100","11/15/2024 4:00:02 AM","11/15/2024 4:01:10 AM","VirtualMachine-vm-4021",,"Create virtual machine snapshot","VMware.Vim.Task","Task-task-190436","CreateSnapshot_Task","/VIServer=vsphere.local\\svc-backup@vcsa-01.corp.example:443/Task=Task-task-190436/"\n',
			],
		},
		{
			name: 'powercli-taskinfo',
			samples: [
				'#TYPE VMware.Vim.TaskInfo\n"Key","Task","Description","Name","DescriptionId","Entity","EntityName","Locked","State","Cancelled","Cancelable","Error","Result","Progress","Reason","QueueTime","StartTime","CompleteTime","EventChainId","ChangeTag","ParentTaskKey","RootTaskKey","ActivationId","LinkedView","DynamicType","DynamicProperty"\n"task-768","VMware.Vim.ManagedObjectReference","VMware.Vim.LocalizableMessage","CreateSnapshot_Task","VirtualMachine.createSnapshot","VMware.Vim.ManagedObjectReference","DB-JP-01",,"error","False","False","VMware.Vim.LocalizedMethodFault",,,"VMware.Vim.TaskReasonUser","2024-03-03T16:59:58.904Z","2024-03-03T16:59:58.912Z","2024-03-03T17:01:05.331Z","90412",,,,,,,\n',
			],
		},
	],
	...tableFormat<TaskColumn>({
		columns: (header, variant) => (variant === 'vsphere-client-localized' ? CLIENT_POSITIONS : taskColumns(header)),
		detect(csv) {
			const c = taskColumns(csv.header);
			if (c) {
				const variant = csv.typeName?.startsWith('VMware.') ? `powercli (${csv.typeName})` : c.status !== undefined ? 'vsphere-client' : 'powercli';
				return { variant, reason: `CSV header with task name, state/status and start time columns${csv.typeName ? ` (#TYPE ${csv.typeName})` : ''}` };
			}
			if (csv.header.length === 9 && csv.rows.length > 0 && isClientTaskRow(csv.rows[0])) {
				return { variant: 'vsphere-client-localized', reason: 'nine-column vSphere Client task layout: a duration in the sixth column and a date in the seventh' };
			}
			return null;
		},
		row(cell, variant, when) {
			const method = cell('method');
			const descriptionId = cell('descriptionId');
			const taskName = cell('taskName');
			const status = cell('status');
			const complete = cell('complete');
			const apiState = cell('state')?.toLowerCase() ?? null;
			let state: string | null = apiState !== null && API_STATES.has(apiState) ? apiState : null;
			if (state === null && apiState === null) {
				if (complete === null) state = 'running';
				else if (status === 'Completed') state = 'success';
				else if (status !== null && variant !== 'vsphere-client-localized') state = 'error';
			}
			const error = cell('error') ?? (state === 'error' && apiState === null ? status : null);
			const details = cell('details');
			const fields: VcenterTaskFields = {
				taskId: cell('taskId')?.replace(/^Task-/, '') ?? null,
				method,
				descriptionId,
				operation: operationOf(method, descriptionId, taskName),
				taskName,
				target: cell('target'),
				entityId: cell('entityId'),
				state,
				status: status ?? cell('state'),
				error,
				details,
				hresult: firstHresult([error, status, details].filter((t): t is string => t !== null)),
				user: cell('user'),
				server: cell('server'),
				queuedFor: cell('queuedFor'),
				eventChainId: intCell(cell('eventChainId')),
				opId: cell('opId'),
				startPrinted: cell('start'),
				completePrinted: complete,
				completeTime: null,
				completeLocal: null,
			};
			when(complete, (t) => {
				fields.completeTime = t.time;
				fields.completeLocal = t.local;
			});
			return { kind: 'vcenter-task', fields };
		},
		time: (cell) => cell('start') ?? cell('queued') ?? cell('complete'),
	}),
} satisfies FormatDefinition;

/** vCenter events (vSphere Client export, PowerCLI Get-VIEvent | Export-Csv). */
export const vcenterEventsCsv = {
	id: 'vcenter-events-csv',
	title: 'vCenter events (CSV export)',
	url: 'https://developer.broadcom.com/xapis/vsphere-web-services-api/latest/vim.event.Event.html',
	origin: 'vcenter',
	kinds: VCENTER_KINDS,
	variants: [
		{
			name: 'powercli-get-vievent',
			samples: [
				'#TYPE VMware.Vim.VmMessageWarningEvent\n"Message","MessageInfo","Template","Key","ChainId","CreatedTime","UserName","Datacenter","ComputeResource","Host","Vm","Ds","Net","Dvs","FullFormattedMessage","ChangeTag","DynamicType","DynamicProperty"\n"The guest OS has reported an error during quiescing. The error code was: 5 The error message was: \'VssSyncStart\' operation failed: IDispatch error #8451 (0x80042303)",,"False","4820913","4820913","3/3/2024 5:01:04 PM",,"VMware.Vim.DatacenterEventArgument","VMware.Vim.ComputeResourceEventArgument","VMware.Vim.HostEventArgument","VMware.Vim.VmEventArgument",,,,"Warning message from esx-jp-03.corp.example: The guest OS has reported an error during quiescing. The error code was: 5 The error message was: \'VssSyncStart\' operation failed: IDispatch error #8451 (0x80042303)",,,\n',
			],
		},
		{
			name: 'vsphere-client-en',
			samples: [
				'"Description","Type","Date Time","Task","Target","User"\n"Warning message from esx-jp-03.corp.example: The guest OS has reported an error during quiescing. The error code was: 5 The error message was: \'VssSyncStart\' operation failed: IDispatch error #8451 (0x80042303)","Warning","03/03/2024, 6:01:04 PM","","DB-JP-01","VSPHERE.LOCAL\\svc-backup"\n',
			],
		},
	],
	...tableFormat<EventColumn>({
		columns: (header) => eventColumns(header),
		detect(csv) {
			if (!eventColumns(csv.header)) return null;
			const variant = csv.typeName?.startsWith('VMware.Vim.') ? `powercli (${csv.typeName})` : 'vsphere-client';
			return { variant, reason: `CSV header with created time and message columns${csv.typeName ? ` (#TYPE ${csv.typeName})` : ''}` };
		},
		row(cell) {
			const message = cell('message');
			const fields: VcenterEventFields = {
				eventKey: intCell(cell('eventKey')),
				chainId: intCell(cell('chainId')),
				eventType: cell('eventType'),
				severity: cell('severity'),
				message,
				target: cell('target'),
				host: cell('host'),
				user: cell('user'),
				task: cell('task'),
				hresult: message !== null ? firstHresult([message]) : null,
				printedTime: cell('created'),
			};
			return { kind: 'vcenter-event', fields };
		},
		time: (cell) => cell('created'),
	}),
} satisfies FormatDefinition;
