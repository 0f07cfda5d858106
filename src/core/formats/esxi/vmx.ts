/**
 * The VM's configuration file `.vmx` (ESXi and hosted products; a `.vmtx` template reads the same):
 * `key = "value"` lines, `#` comments and blank lines. Keys are case-insensitive; values escape `"` and
 * `|` as `|22` / `|7C`.
 *
 * Record kind (time and local are null: the file states no instant):
 * - `vmx-setting` — one setting that matters to quiescing. Fields: `key` (as written), `value` (unescaped),
 *   `bool` (TRUE/FALSE as a boolean, else null), `bus` (`scsi` | `sata` | `nvme` | `ide` for controller and
 *   disk keys, else null), `controller` (`scsi0` …, else null), `device` (`scsi0:1` …, else null).
 *   Settings kept: `disk.EnableUUID`, `ctkEnabled`, `displayName`, `guestOS`, `virtualHW.version`,
 *   `vc.uuid`, `uuid.bios`, controller `virtualDev` / `present`, disk `deviceType` / `fileName` / `mode` /
 *   `present` / `ctkEnabled`, and every `tools.*`, `toolsInstallManager.*`, `guestinfo.vmtools.*` key.
 */
import type { Detection, FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { SETTING_KIND, type KindDeclarations } from '../lib/kinds';
import type { VmxLineFields } from './vmwareLog';
import { RecordFold } from '../lib/fold';

/** A setting's fields (see the module comment). */
export interface VmxSettingFields {
	key: string;
	value: string;
	bool: boolean | null;
	bus: string | null;
	controller: string | null;
	device: string | null;
}

declare module '../../model/records' {
	interface RecordFields {
		/** A line of a .vmx, or of the configuration vmware.log dumps at power-on (with that line's own fields). */
		'vmx-setting': VmxSettingFields | (VmxLineFields & VmxSettingFields);
	}
}

/** What a VM setting is: a setting, also where vmware.log dumps it. */
export const VMX_KINDS = {
	'vmx-setting': SETTING_KIND,
} satisfies KindDeclarations;

const SETTING = /^\s*([\w.:@-]+)\s*=\s*"(.*)"\s*$/;
/** Hand-edited files sometimes drop the quotes; such a line is still a setting. */
const BARE_SETTING = /^\s*([\w.:@-]+)\s*=\s*(\S(?:.*\S)?)?\s*$/s;
const COMMENT = /^\s*#/;
const SECTION = /^\s*\[[^\]]*\]\s*$/;
/** Keys only a virtual machine's configuration has (a .vmsd, preferences or tools.conf has none of them). */
const VM_KEY = /^(?:config\.version|virtualhw\.version|displayname|guestos|memsize|numvcpus|(?:scsi|sata|nvme|ide)\d+(?::\d+)?\.\w+)$/;
const CONTROLLER_KEY = /^(scsi|sata|nvme|ide)(\d+)\.(?:virtualdev|present)$/;
const DISK_KEY = /^(scsi|sata|nvme|ide)(\d+):(\d+)\.(?:devicetype|filename|mode|present|ctkenabled)$/;
const PLAIN_KEYS = new Set(['disk.enableuuid', 'ctkenabled', 'displayname', 'guestos', 'virtualhw.version', 'vc.uuid', 'uuid.bios']);
const TOOLS_KEY = /^(?:tools\.|toolsinstallmanager\.|guestinfo\.vmtools\.)/;

/** Undoes the `.vmx` escape `|XX` (hex byte), e.g. `|22` → `"`. */
function unescapeValue(raw: string): string {
	return raw.includes('|') ? raw.replace(/\|([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw;
}

/**
 * The fields of a `vmx-setting` record for one configuration entry, or null when the key does not matter
 * to quiescing. Shared with vmware.log, which dumps the configuration as `DICT` lines at power-on.
 */
export function vmxSettingFields(key: string, rawValue: string): VmxSettingFields | null {
	const k = key.toLowerCase();
	const controller = CONTROLLER_KEY.exec(k);
	const disk = controller ? null : DISK_KEY.exec(k);
	if (!controller && !disk && !PLAIN_KEYS.has(k) && !TOOLS_KEY.test(k)) return null;
	const value = unescapeValue(rawValue);
	const upper = value.toUpperCase();
	const bus = controller?.[1] ?? disk?.[1] ?? null;
	return {
		key,
		value,
		bool: upper === 'TRUE' ? true : upper === 'FALSE' ? false : null,
		bus,
		controller: bus === null ? null : `${bus}${controller?.[2] ?? disk?.[2]}`,
		device: disk ? `${disk[1]}${disk[2]}:${disk[3]}` : null,
	};
}

/** Hardware version bands → the product generation that introduced them (Workstation-only 12 and 16 fall in). */
function hardwareEra(version: number | null): string {
	if (version === null) return 'excerpt';
	if (version <= 10) return 'esxi5';
	if (version <= 15) return 'esxi6';
	if (version <= 19) return 'esxi7';
	return 'esxi8';
}

function detectVmx(head: readonly string[]): Detection | null {
	let settings = 0,
		other = 0,
		vmKeys = 0;
	let hw: number | null = null;
	for (const line of head) {
		if (line.trim() === '' || COMMENT.test(line)) continue;
		// A `[section]` is an INI file (tools.conf, a .reg export), never a VM configuration.
		if (SECTION.test(line)) return null;
		const m = SETTING.exec(line);
		if (!m) {
			other++;
			continue;
		}
		settings++;
		const k = m[1].toLowerCase();
		if (VM_KEY.test(k)) vmKeys++;
		if (k === 'virtualhw.version' && /^\d+$/.test(m[2])) hw = Number(m[2]);
	}
	if (settings < 3 || vmKeys === 0 || other > settings / 5) return null;
	return {
		variant: hardwareEra(hw),
		reason: `${settings} key = "value" lines with ${vmKeys} virtual-machine keys${hw === null ? '' : ` (virtualHW.version ${hw})`}`,
	};
}

class VmxReader implements LineReader {
	private readonly records = new RecordFold();
	private unparsed = 0;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		if (text.trim() === '' || COMMENT.test(text)) return;
		const m = SETTING.exec(text) ?? BARE_SETTING.exec(text);
		if (!m) {
			this.unparsed++;
			return;
		}
		const fields = vmxSettingFields(m[1], m[2] ?? '');
		if (fields) this.records.push({ time: null, local: null, kind: 'vmx-setting', fields, source: { path: this.path, line: lineNo }, text: text.trim() });
	}

	end(): ReadResult {
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: [] };
	}
}

/** The VM's `.vmx` configuration (ESXi 5.x–8.x and hosted products). */
export const vmx = {
	id: 'vmx',
	title: 'Virtual machine configuration (.vmx)',
	url: 'https://developer.broadcom.com/xapis/virtual-infrastructure-json-api/latest/data-structures/VirtualMachineConfigInfo',
	origin: 'vmx',
	kinds: VMX_KINDS,
	variants: [
		{
			name: 'esxi5',
			samples: [
				`.encoding = "UTF-8"
config.version = "8"
virtualHW.version = "10"
scsi0.present = "TRUE"
scsi0.virtualDev = "lsisas1068"
scsi0:0.present = "TRUE"
scsi0:0.fileName = "APP-2K8R2-04.vmdk"
scsi0:0.deviceType = "scsi-hardDisk"
displayName = "APP-2K8R2-04"
guestOS = "windows7srv-64"
tools.syncTime = "FALSE"
disk.EnableUUID = "TRUE"
`,
			],
		},
		{
			name: 'esxi6',
			samples: [
				`.encoding = "UTF-8"
config.version = "8"
virtualHW.version = "14"
nvram = "SQL-PRD-01.nvram"
memSize = "32768"
numvcpus = "8"
scsi0.virtualDev = "lsisas1068"
scsi0.present = "TRUE"
scsi1.virtualDev = "pvscsi"
scsi1.present = "TRUE"
scsi1:0.deviceType = "scsi-hardDisk"
scsi1:0.fileName = "SQL-PRD-01_1.vmdk"
scsi1:0.mode = "independent-persistent"
displayName = "SQL-PRD-01"
guestOS = "windows9srv-64"
toolsInstallManager.updateCounter = "3"
disk.EnableUUID = "TRUE"
`,
			],
		},
		{
			name: 'esxi7',
			samples: [
				`.encoding = "UTF-8"
config.version = "8"
virtualHW.version = "19"
nvram = "SQL-PRD-07.nvram"
scsi0.virtualDev = "pvscsi"
scsi0.present = "TRUE"
sata0.present = "TRUE"
scsi0:0.deviceType = "scsi-hardDisk"
scsi0:0.fileName = "SQL-PRD-07.vmdk"
scsi0:0.ctkEnabled = "TRUE"
displayName = "SQL-PRD-07"
guestOS = "windows2019srv-64"
disk.EnableUUID = "TRUE"
ctkEnabled = "TRUE"
guestinfo.vmtools.versionString = "11.3.5"
`,
			],
		},
		{
			name: 'esxi8',
			samples: [
				`.encoding = "UTF-8"
config.version = "8"
virtualHW.version = "21"
nvme0.present = "TRUE"
nvme0:0.fileName = "EXCH-MBX-02.vmdk"
nvme0:0.present = "TRUE"
displayName = "EXCH-MBX-02"
annotation = "Exchange 2019 |22DAG2|22 member"
guestOS = "windows2019srvNext-64"
tools.upgrade.policy = "manual"
`,
			],
		},
		{
			name: 'excerpt',
			samples: [
				`# settings pasted from the VM's Configuration Parameters
displayName = "FS-02"
scsi0.virtualDev = "lsilogic"
disk.EnableUUID = "FALSE"
`,
			],
		},
	],

	detect: detectVmx,

	reader(path) {
		return new VmxReader(path);
	},
} satisfies FormatDefinition;
