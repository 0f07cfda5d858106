import type { AttemptKind, Consistency, FailedComponent, PhaseName, VssPhase, VssRole } from '../../model/report';
import { WINDOW_NAMES } from '../limits';
import { formatDuration } from './duration';
import type { ServiceRole, ServiceStop } from '../services';
import type { Catalogue } from './index';

/**
 * Japanese messages of the knowledge base, in the terms of Microsoft's and VMware's Japanese documentation
 * (ライター, 静止, シャドウ コピー, スナップショット …). Commands, codes, HRESULT names, service names and the
 * English log text quoted as evidence ("Timed out while quiescing …") stay as they are.
 */

/** `61 秒`, `15 分 31 秒` (formatDuration's rule). */
const dur = (ms: number): string => formatDuration(ms, 'ja');

/** SCM イベントが示すサービスの状態 (QL307)。 */
const SERVICE_STOP_JA: Readonly<Record<ServiceStop, string>> = {
	crashed: '予期せず終了しました',
	error: 'エラーで終了しました',
	start: '開始できませんでした',
	hung: '応答しなくなりました',
	shutdown: '正しくシャットダウンしませんでした',
};

/** サービスを失うとスナップショットがどうなるか、その役割ごとに (QL307)。 */
const SERVICE_ROLE_JA: Readonly<Record<ServiceRole, string>> = {
	vss: 'VSS はすべてのシャドウ コピーを調整します。そのサービスが停止している間、リクエスターの呼び出しは失敗し (0x8004230F、0x80042302)、ライターはタイムアウトします',
	provider: 'シャドウ コピーを作成するのはプロバイダーです。そのサービスがないと VSS はプロバイダーの予期しないエラー (0x8004230F) を報告し、スナップショットは作成されません',
	writer: 'ライターのサービスがアプリケーションに代わって VSS に応答します。それがないとアプリケーションのデータは静止されないか、ライターがタイムアウトします',
	agent: 'スナップショットを要求したエージェントが停止しました。作成中のスナップショットは破棄されます',
	com: 'VSS は COM+ を通じてライターに到達します。このサービスがないとライターを呼び出せません',
};

const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');
/** ` (最後のエラー: "タイムアウト"、VSS_E_… (0x…))`, or nothing when the listing shows no last error. */
const lastErr = (p: { lastError: string | null; hrLabel: string | null }) => (p.lastError !== null ? ` (最後のエラー: "${p.lastError}"${p.hrLabel ? `、${p.hrLabel}` : ''})` : '');
const apps = (sql: boolean, exchange: boolean) => (sql && !exchange ? 'SQL Server' : exchange && !sql ? 'Exchange' : 'SQL Server と Exchange');
const PROGRAMS_REPAIR = '(プログラムと機能 → VMware Tools → 変更 → 修復)';

/** VSS_WRITER_STATE by number, as a short phrase. */
const WRITER_STATES: readonly string[] = [
	'不明な状態',
	'安定',
	'フリーズ待ち',
	'フリーズ中 (解凍待ち)',
	'スナップショット後処理待ち',
	'バックアップ完了待ち',
	'識別で失敗',
	'バックアップ準備で失敗',
	'スナップショット準備で失敗',
	'フリーズで失敗',
	'解凍で失敗',
	'スナップショット後処理で失敗',
	'バックアップ完了処理で失敗',
	'復元前処理で失敗',
	'復元後処理で失敗',
	'バックアップ終了処理で失敗',
];
const CONSISTENCIES: Readonly<Record<Consistency, string>> = {
	application: 'アプリケーション整合',
	filesystem: 'ファイルシステム整合',
	crash: 'クラッシュ整合',
	none: '復元ポイントなし',
	unknown: '整合性不明',
};
const PHASES: Readonly<Record<PhaseName, string>> = {
	task: 'ホスト タスク',
	snapshot: 'スナップショット',
	quiesce: '静止',
	'flush-hold': 'フラッシュと保留',
	thaw: '解凍',
	freeze: 'ライターのフリーズ',
	stun: 'スタン',
};
const VSS_PHASES: Readonly<Record<VssPhase, string>> = {
	'gather-metadata': 'ライター メタデータの収集',
	prepare: '準備',
	freeze: 'フリーズ',
	commit: 'コミット (フラッシュと保留)',
	thaw: '解凍',
	'post-snapshot': 'スナップショット後処理',
	'backup-complete': 'バックアップ完了',
};
const VSS_ROLES: Readonly<Record<VssRole, string>> = {
	requester: 'リクエスター',
	vss: 'VSS',
	writers: 'ライター',
	provider: 'プロバイダー',
	volsnap: 'volsnap',
};
const COMPONENTS: Readonly<Record<FailedComponent['type'], string>> = {
	requester: 'リクエスター',
	writer: 'ライター',
	provider: 'プロバイダー',
	'shadow-storage': 'シャドウ コピー記憶域 (volsnap)',
	host: 'ホスト',
	'guest-tools': 'VMware Tools の静止処理',
};
const ATTEMPT_KINDS: Readonly<Record<AttemptKind, string>> = {
	'host-snapshot': 'ホストのスナップショット',
	'guest-shadow-copy': 'ゲスト内のシャドウ コピー',
	'hyperv-checkpoint': 'Hyper-V のチェックポイント',
};
const WINDOWS: Readonly<Record<string, string>> = {
	[WINDOW_NAMES.toolsTimeout]: 'Tools の静止タイムアウト',
	[WINDOW_NAMES.flushHold]: 'VSS のフラッシュと保留',
	[WINDOW_NAMES.writerFreeze]: 'ライターのフリーズから解凍まで',
	[WINDOW_NAMES.exchangeFreeze]: 'Exchange ライターのフリーズ',
};

/** QL317: the usual cause of the call VSS failed, by what it called (its routine and device). */
const QL317_CAUSES: Readonly<Record<'volume' | 'floppy' | 'account' | 'com' | 'registry' | 'provider', string>> = {
	provider:
		'このルーチンは Windows 自身ではなく、そのプロバイダーの中で失敗しました。VSS はシャドウ コピーの作成にそのプロバイダーを選んだため (ハードウェア プロバイダーはシステム プロバイダーより優先されます)、ルーチンがどのデバイスについて呼ばれたかにかかわらず、そのエラーでスナップショットが失敗しました。',
	volume: 'ボリュームまたはディスクのドライバーが VSS に必要な要求を拒否しました。多くは VSS がスナップショットを作成できないボリューム (リムーバブルや USB ディスク、FAT ボリューム、バックアップ プロキシがホット アドしたディスク、仮想ディスクや暗号化ディスクのドライバー) か、間にあるフィルター ドライバーが原因です。',
	floppy: 'デバイスはマシンのフロッピー ドライブです (パスがフロッピー コントローラーを示します)。VSS がそのボリュームを問い合わせてドライバーが拒否しました。仮想フロッピー ドライブが残っている仮想マシンの静止スナップショットはこれで失敗します。',
	account: 'VSS がユーザー プロファイルから読み取ったセキュリティ識別子 (SID) を変換または解決できませんでした。ProfileList の下に削除しかけのプロファイル (不正なキーや .bak で終わるキー) が残っていることがよくある原因です。',
	com: 'VSS が必要とする COM オブジェクトを作成または呼び出しできませんでした。登録か DCOM のアクセス許可が壊れています。',
	registry: 'VSS が必要とするレジストリ キーを読み取れませんでした。キーがないか、アクセス許可が変更されています。',
};

/** QL318: what the virtual device's failure means, by its error. */
const QL318_CAUSES: Readonly<Record<'aborted' | 'denied' | 'resources' | 'other', string>> = {
	aborted: 'これはクライアントが要求した中止です。要求元またはライターがほかの失敗のためにバックアップを中止しており、その失敗が原因です。同じ時刻の最初の VSS、SQLWRITER、バックアップのエラーを確認してください。',
	denied: 'ライターのアカウントがこの SQL Server インスタンスを使用できないため、そのデータベースがスナップショットから外れたか、バックアップが失敗しました。',
	resources: '仮想デバイスの共有メモリに必要なメモリまたはシステム リソースが不足しました。',
	other: 'SQL Server がスナップショット バックアップの処理を完了できませんでした。',
};

/** QL304/QL403 の VSS 22/12292 がクエリのためのプロバイダー列挙 (スナップショット コンテキスト -1) で記録されたとき。 */
const JA_QUERY_NOTE =
	'VSS はこのイベントを、クエリのためにすべてのプロバイダーを列挙したとき (スナップショット コンテキスト -1。`vssadmin list shadows` や、既存のシャドウ コピーを問い合わせるリクエスターと同じ) に記録しました。VSS はそのプロバイダーを飛ばしてクエリを続けるため、バックアップがそのプロバイダー自体を必要としない限り、これが原因でバックアップが失敗したわけではありません。登録を修復または削除するまで、同じクエリのたびに記録されます。';

export const ja: Catalogue = {
	// Shared phrases
	'common.attempt': (p) => {
		const detail = [p.snapshot ? `スナップショット '${p.snapshot}'` : null, p.vm ? `VM ${p.vm}` : null].filter(Boolean).join('、');
		return `試行 ${p.id}${detail ? ` (${detail})` : ''}`;
	},
	'common.theSnapshot': () => 'スナップショット',
	'common.toolsRestart': (p) => {
		const windows = '`Restart-Service -Name VMTools` (Windows)';
		const linux = '`sudo systemctl restart vmtoolsd` (open-vm-tools を使用する Linux。Debian と Ubuntu ではユニット名は `open-vm-tools`)';
		return p.family === 'windows' ? windows : p.family === 'other' ? linux : `${windows} または ${linux}`;
	},
	'common.eventName': (p) => {
		const about = [p.meaning, p.status && `最終ステータス ${p.status}`].filter(Boolean).join('、');
		return `${p.provider} イベント${p.id === null ? '' : ` ${p.id}`}${about ? ` (${about})` : ''}`;
	},
	'common.retrySnapshot': () => 'スナップショットを再試行してください。',
	'common.retryQuiesced': () => '静止スナップショットを再試行してください。',
	'common.retryBackup': () => 'バックアップを再試行してください。',
	'common.echoOf': (p) => `このコードはシャドウ コピーが失敗したことしか示しません。同じ試行で報告された ${p.label} が原因を示します (その検出結果を参照)。`,
	'common.echoAlone': () => 'このコードはシャドウ コピーが失敗したことしか示しません。原因は同じ時刻に記録されたライターまたは VSS のエラー (VSS 8193、8229、12289、12293、またはライター自身のイベント) が示します。',

	// QL101–QL105
	'status.reported': (p) => `${p.attempt}で、ゲストが ${p.label}${p.message ? ` ("${p.message}")` : ''} を報告しました`,
	'status.reportedWords': (p) => `${p.attempt}で、ゲストが自身の静止操作の失敗${p.message ? ` ("${p.message}")` : ''}を報告しました`,
	'QL102.title': () => 'ゲストは以前の静止処理をまだ実行中でした',
	'QL102.message': (p) =>
		`${p.reported}。これは、${p.meaning}ことを示します。2 つのスナップショット要求が重なった (1 台の VM に対する 2 つのバックアップ ジョブ、または最初の静止処理の実行中に行われた再試行) か、以前の静止処理がゲスト内で停止したままになっています。`,
	'QL102.fix.oneJob': () => 'この VM に対して同時に実行されるバックアップ ジョブやスナップショット ジョブが 1 つだけになるようにしてください。',
	'QL102.fix.resetTools': (p) => `ほかのジョブが実行されていなかった場合は、ゲストの VMware Tools をリセットしてください: ${p.restart}。`,
	'QL103.title': (p) => `カスタム静止スクリプトが失敗しました${p.script ? `: ${p.script}` : ''}`,
	'QL103.message': (p) =>
		`${p.exited ? `カスタム静止スクリプト ${p.script ?? ''}${p.phase ? ` (引数 '${p.phase}' で実行)` : ''} が終了コード ${p.exitCode} で終了しました` : p.reported}。VMware Tools は、フリーズの前後に backupScripts.d 内のスクリプト (および従来の pre-freeze / post-thaw スクリプト) を実行します。0 以外のコードで終了したスクリプトは、${p.failed ? '静止スナップショットを失敗させます' : '報告されますが、今回のスナップショットは失敗させていません'}。`,
	'QL103.fix.runByHand': (p) =>
		`VMware Tools が使用するアカウントで、同じ引数を指定してスクリプトを手動で実行し (${p.script ? `\`"${p.script}" ${p.phase ?? 'freeze'}\`` : '引数は `freeze`'})、続けて ${p.windows ? '`echo %ERRORLEVEL%`' : '`echo $?`'} で終了コードを確認してください。`,
	'QL103.fix.exitZero': () => 'スクリプトは、成功時に 0 で終了し、すばやく完了するように修正してください。スクリプトはゲストの静止中に実行されます。',
	'QL103.fix.remove': (p) =>
		`スクリプトが不要な場合は、${p.windows ? '`C:\\Program Files\\VMware\\VMware Tools\\backupScripts.d`' : '`/etc/vmware-tools/backupScripts.d`'} の外に移動してください (従来の ${p.windows ? '`C:\\Windows\\pre-freeze-script.bat`' : '`/usr/sbin/pre-freeze-script`'} がある場合はそれも削除します)。または、tools.conf の \`[vmbackup]\` セクションで \`execScripts = false\` を設定してください。`,
	'QL104.title': (p) => `ゲストがファイルシステムをフリーズできませんでした${p.path ? ` (${p.path})` : ''}`,
	'QL104.message': (p) =>
		`${p.reported}。これは、${p.meaning}ことを示します。${p.mount ? `${p.mount}${p.cause ? `。原因: ${p.cause}` : ''}。` : ''}${p.windows ? 'Windows ゲストは VSS を使用して静止します。同期ドライバーは、VMware Tools の VSS コンポーネントがない場合にのみ使用されます。' : 'Linux の同期ドライバーは、マウントされているすべてのファイルシステムを FIFREEZE でフリーズします。フリーズできないファイルシステム (ネットワーク、FUSE、ループ デバイス、すでにフリーズされたファイルシステムの bind マウント、別のツールや以前の試行でフリーズされたもの) が 1 つでもあると、静止処理全体が失敗します。'}`,
	'QL104.seen': (p) => `ゲストの VMware Tools が ${p.attempt} でファイルシステムのフリーズの失敗を記録しました`,
	'QL104.mount': (p) => `同期ドライバーによる ${p.path} の ${p.call ?? 'freeze'} が失敗しました${p.errno !== null ? ` (${p.errnoName ?? 'errno'} ${p.errno}${p.errorText ? `, ${p.errorText}` : ''})` : ''}`,
	'QL104.cause.busy': () => 'ファイルシステムがすでにフリーズされていました (fsfreeze やバックアップ エージェントなど別のツール、フリーズが解除されなかった以前の試行、または同じファイルシステムの別のマウント (bind マウント) による)',
	'QL104.cause.unsupported': () => 'この種類のファイルシステムはフリーズできません (NFS、CIFS、FUSE などのネットワークまたはユーザー空間のファイルシステム)',
	'QL104.cause.no-ioctl': () => 'カーネルまたはこのファイルシステムにフリーズ操作 (FIFREEZE) がありません',
	'QL104.cause.invalid': () => 'カーネルがこのマウントのフリーズを拒否しました。フリーズできるブロック デバイス上のファイルシステムではありません (ループ デバイス、疑似ファイルシステム、bind マウント)',
	'QL104.cause.access': () => 'VMware Tools サービスにマウントを開く、またはフリーズする権限がありませんでした',
	'QL104.cause.io': () => 'フリーズ中にマウントの背後にあるデバイスが失敗またはタイムアウトしました',
	'QL104.fix.repairTools': () => `VMware Tools を VSS コンポーネント付きで修復し ${PROGRAMS_REPAIR}、静止処理に VSS が使用されるようにしてください。`,
	'QL104.fix.restartTools': (p) => `VMware Tools を再起動してください: ${p.restart}。`,
	'QL104.fix.findFs': () => '失敗したファイルシステムを特定してください。エラーの直前にある VMware Tools のログ行にその名前が記録されています (例: `fsfreeze: /srv/data: …`)。',
	'QL104.fix.exclude': (p) =>
		`フリーズできないファイルシステムを \`/etc/vmware-tools/tools.conf\` で除外してください。\`[vmbackup]\` セクションに \`excludedFileSystems=${p.path ?? '/mnt/nfs*,/var/lib/docker/*'}\` を設定し (マウント ポイントをコンマ区切りで指定。ワイルドカードを使用できます)、VMware Tools を再起動します。`,
	'QL104.fix.crashConsistent': () => 'そのファイルシステムをスナップショットに含める必要がある場合は、この VM のスナップショットを静止なし (クラッシュ整合) で取得してください。',
	'QL104.fix.thaw': (p) => `以前の試行または別のツールによってフリーズされたままのファイルシステムがある場合は、フリーズを解除してください: \`sudo fsfreeze -u ${p.path ?? '<mountpoint>'}\`。`,
	'QL104.fix.update': (p) => `open-vm-tools を更新してから再起動してください: ${p.restart}。`,
	'QL105.title': () => 'ホストが静止処理を中止しました',
	'QL105.message': (p) => `${p.reported}。これは、${p.meaning}ことを示します。ホストが待機を打ち切った時点で、ゲストはまだ静止処理中でした。`,
	'QL105.fix.cancel': () => 'その時刻にキャンセルが行われていないか、バックアップ ジョブのログと vCenter のタスクを確認してください。',
	'QL105.fix.slow': () => 'キャンセルされていない場合は、ゲストの処理に時間がかかりすぎています。フリーズ中に動作するライター (`vssadmin list writers`) とカスタム スクリプトを確認し、バックアップ時間帯のゲストの負荷を下げてください。',
	'QL101.title': (p) => `ゲストの静止処理が${p.op ? ` ${p.op} で` : ''}${p.hr ? ` ${p.hr} により` : ''}失敗しました`,
	'QL101.message': (p) => {
		const hr = p.hrLabel ? ` ${p.hrLabel} で` : '';
		const what = p.hrMeaning ? ` (${p.hrMeaning})` : '';
		const op = p.op ? `操作 '${p.op}' が${hr}失敗しました${what}。` : p.hrLabel ? `エラーは ${p.hrLabel} です${what}。` : '';
		const slow = p.measuredMs !== null && p.limitMs !== null ? `ゲストはこの処理に ${dur(p.measuredMs)}かかっており、VMware Tools の静止タイムアウト (${dur(p.limitMs)}) に達しています。` : '';
		return `${p.reported}。これは、${p.meaning}ことを示します。${op}${slow}バンドルには、これ以上の原因を示すライター、プロバイダー、VSS イベントの記録はありません。`;
	},
	'QL101.fix.collect': () => 'その時刻のゲストのアプリケーション ログとシステム ログ (VSS 8193、8229、12289、12293) と、`vssadmin list writers`、`vssadmin list providers` の出力を収集してください。失敗したライターまたはプロバイダーが記録されています。',
	'QL101.fix.badState': () => 'VMware KB 1018194 には、ゲストが I/O をフリーズしておける時間をスナップショットが超えたときに発生するこの VssSyncStart エラーが記載されています。バックアップ時間帯の I/O を減らし、VMware Tools を更新してください。',

	// QL106–QL109
	'QL108.title': (p) => (p.refused ? 'VMware Tools を利用できませんでした: ゲストに静止要求は送られていません' : '静止スナップショットの途中で VMware Tools がホストに応答しなくなりました'),
	'QL108.message': (p) =>
		!p.refused
			? `${p.attempt}で、スナップショットの開始後にゲストの VMware Tools がホストに応答しなくなりました: ${[p.rpc && 'VMX からサービス ("toolbox"、静止処理を実行するインスタンス) へのメッセージがタイムアウトしました (GuestRpcSendTimedOut)', p.heartbeat && 'ハートビートがタイムアウトしました'].filter(Boolean).join('。また、')}。Tools が応答しないとゲスト内で静止処理を実行・報告するものがなく、静止スナップショットは失敗します (vSphere は "Cannot quiesce this virtual machine because VMware Tools is not currently available" または静止のタイムアウトを報告します)。ゲストのハングやリソース不足、または不具合のある Tools のビルドが原因で応答が止まります。${p.starved ? 'ゲストの Tools ログには GuestInfo の収集が遅れたという警告があり、ゲストがリソース不足またはハングしていた兆候です。' : ''}`
			: `${p.attempt}で、ゲストの VMware Tools が応答しなかったため、ホストは静止処理を拒否しました ("Cannot quiesce this virtual machine because VMware Tools is not currently available")。ゲスト内ではフリーズは行われておらず、スナップショットは開始前に失敗しています。${p.starved ? 'ゲストの Tools ログには GuestInfo の収集が遅れたという警告があり、ゲストがリソース不足またはハングしていた兆候です。' : ''}`,
	'QL108.fix.restart': (p) => `ゲストで VMware Tools を再起動し (${p.restart})、サービスが実行され続けることを確認してください。`,
	'QL108.fix.check': () => 'vSphere Client で、VM の VMware Tools が実行中かつ最新と表示されることを確認してください。古い場合は VMware Tools (または open-vm-tools) をアップグレードしてください。',
	'QL108.fix.contention': () => 'その時刻に、VM で CPU の競合 (CPU 待機時間の増加) やゲストのハングが発生していないか確認してください。',
	'QL116.title': (p) => `ホストで変更ブロック追跡 (CBT) が失敗しました: ${p.noMemory ? 'VMkernel に CBT 用のメモリがありませんでした' : `VMkernel ステータス ${p.status}`}`,
	'QL116.message': (p) =>
		`VMX は ${p.attempt} でディスクの変更ブロック追跡 (CBT) を作成またはオープンできませんでした: VMkernel の応答は ${p.status}${p.statusText ? ` (${p.statusText})` : ''} です。追跡に失敗したディスクのスナップショットは拒否されるため、静止スナップショットとそれを必要とするバックアップが失敗します。vSphere Client には \`msg.snapshot.error-QUIESCINGERROR\` しか表示されないことがありますが、ゲストの VSS の問題ではありません。${p.noMemory ? 'パッチ ESXi600-201505001 より前の ESXi 6.0 では既知の不具合です: ホストで CBT がメモリ プールを使い切り (vmkernel.log: `CBT: … No memory available!`)、VM のパワーオンやディスクの拡張も失敗します (VMware KB 2114076)。' : ''}`,
	'QL116.fix.patch': () => 'ホストに ESXi600-201505001 以降の ESXi 6.0 アップデートを適用してください (VMware KB 2114076)。それまでは VM の CBT を無効にして (`ctkEnabled` = FALSE) バックアップしてください。',
	'QL116.fix.reset': () =>
		'VM の CBT をリセットしてください: スナップショットがない状態で `ctkEnabled` と各ディスクの `scsiX:Y.ctkEnabled` を FALSE にし、スナップショットを作成して削除 (または VM をパワー サイクル) してから TRUE に戻します。次のバックアップはディスク全体を読み取ります。',
	'QL116.fix.hostMemory': () => 'その時刻のホストの vmkernel.log で、CBT モジュールとデータストアのエラー (開けない、ロックされている、または容量不足のデータストアにある -ctk.vmdk) を確認してください。',
	'QL115.title': () => 'VMware Tools が静止を拒否しました: ゲストで静止がすでに進行中でした',
	'QL115.message': (p) =>
		`VMware Tools は ${p.attempt} のホストからの静止要求に "Quiesce operation already in progress" と応答しました${p.count > 1 ? ` (${p.count} 回: 再試行のたびに同じく拒否されました)` : ''}。前回の静止が終わっていなかったため、今回の静止は始まりませんでした。別のバックアップが同時に VM を静止したか、以前の静止がゲストで止まったままです (戻らないライターやスクリプト、タイムアウト後に停止した Tools)。`,
	'QL115.fix.concurrent': () => 'この VM を静止するリクエスターが一度に 1 つだけになるようにしてください。VM の 2 つのバックアップ ジョブ (またはホスト レベルのバックアップとレプリケーションやスナップショットのスケジュール) が重ならないようにします。',
	'QL115.fix.restart': (p) => `ほかに静止しているものがなければ、ゲストで VMware Tools を再起動して止まった静止を解除してください: ${p.restart}。`,
	'QL109.title': (p) => (p.guest ? 'ゲストの静止イベントがホストに届きませんでした ("Failed to send event to the VMX")' : 'ホストがゲストの静止イベントを破棄しました ("Guest not privileged")'),
	'QL109.message': (p) =>
		p.guest
			? `${p.attempt}で、ゲストの VMware Tools は静止イベントを VMX に送れませんでした ("Failed to send event to the VMX${p.reply ? `: ${p.reply}` : ''}")。ホストは静止の進み具合を知ることができず、静止処理は完了できませんでした。ホストは静止のタイムアウトまで待ち、その間ゲストのファイル システムはフリーズしたままです (VM が止まったように見えます)。VMX がこのイベントを拒否するときは vmware.log に "Guest not privileged, dropping vmbackup event set request" を記録します。これは、VMware Tools をダウングレードした後や、インストールが不完全な状態のときに見られます (例: 古い Tools を使用する ESXi 5.5)。`
			: `${p.attempt}で、VMX が "Guest not privileged, dropping vmbackup event set request" を記録しました。ホストがゲストの VMware Tools からの報告を無視したため、静止処理は完了できませんでした。これは、VMware Tools をダウングレードした後や、インストールが不完全な状態のときに見られます (例: 古い Tools を使用する ESXi 5.5)。`,
	'QL109.fix.reinstall': () => 'ホストに対応するバージョンの VMware Tools を再インストール (アンインストール、再起動、インストール) し、ゲストを再起動してください。',
	'QL109.fix.service': (p) => `VMware Tools サービスが実行されていることを確認してください: ${p.restart}。`,
	'QL107.title': () => 'スナップショットの作成が、フリーズしたゲストの I/O を保留できる時間を超えました',
	'QL107.message': (p) =>
		`${p.attempt}でゲストは静止されましたが、スナップショットの作成に、フリーズしたゲストの I/O をホストが保留できる時間より長くかかったため、ホストはスナップショットをロールバックしました ("exceeded the time limit for holding off I/O in the frozen virtual machine")。${p.stunMs ? `VM は ${dur(p.stunMs)}間スタンしていました。` : ''}${p.guest ? `ゲストの VSS リクエスターの報告: ${p.guest}` : ''}`,
	'QL107.fix.reduceIo': () => 'バックアップ時間帯のゲストの I/O を減らしてください (データベースのメンテナンス、ウイルス対策スキャン、ほかのバックアップ)。',
	'QL107.fix.datastore': () => 'その時刻のデータストアの遅延を確認し、VM の古いスナップショットを削除または統合してください。デルタ ディスクが増えるほど、スナップショットの作成は遅くなります。',
	'QL107.fix.noMemory': () => 'バックアップ用のスナップショットに VM のメモリを含めないでください。',
	'QL114.title': (p) => `スナップショットのデータをデータストアに書き込めない、または読み取れませんでした${p.ioError === 15 ? ' (IO was aborted)' : p.ioError !== null ? ` (I/O エラー ${p.ioError})` : ''}`,
	'QL114.message': (p) =>
		`${p.attempt}で、ホストの軽量デルタ (LWD) スナップショットのデータ パスが${p.disks.length > 0 ? `ディスク ${p.disks.join('、')} ` : 'ディスク'}で失敗しました${p.ioError !== null ? ` (I/O ステータス ${p.ioError}${p.ioError === 15 ? ': IO was aborted、ストレージが I/O を時間内に完了しませんでした' : ''})` : ''}。${p.canceled ? 'LWD はスナップショットを取り消しました。' : ''}その後 LWD がディスクの I/O を静止できないと ("Failure to quiesce IOs on disk"${p.quiesceFailed ? '、このログに記録あり' : ''})、VMX はディスクを保護するためにパニックし、vSphere HA が VM を再起動します。原因はバックアップの負荷によるストレージの遅延で、ゲストではありません。`,
	'QL114.fix.latency': () => 'その時刻のデータストアの遅延とパスのエラー (vmkernel.log の SCSI の中止、パスのフェイルオーバー、"performance has deteriorated" の警告) と、ストレージ アレイの状態を確認してください。',
	'QL114.fix.load': () => '同じデータストアで同時に作成されるスナップショットが減るようにバックアップ ジョブを分散し、負荷の高い VM をより高速なストレージに移動してください。',
	'QL114.fix.update': () => 'ESXi とバックアップ製品を最新のリリースに更新してください (LWD のデータ パスは両方にかかわります)。',
	'QL106.title': () => '静止処理がタイムアウトしました',
	'QL106.message': (p) =>
		`${p.attempt}で、ホストはゲストの静止処理を待機しましたが、${p.quiesceMs ? `${dur(p.quiesceMs)}後に` : ''}タイムアウトしました ("Timed out while quiescing the virtual machine")。ゲストは、ファイルシステムとアプリケーションのフリーズの完了を一度も報告していません。VMware Tools の既定の待機時間は ${dur(p.limitMs)}です。`,
	'QL106.fix.where': () => 'ゲストがどこで止まったかを確認してください: その時刻のゲストの VMware Tools (vmbackup) ログと、`vssadmin list writers` で状態が [1] でないライター。',
	'QL106.fix.reset': () => 'ハングしているライターやカスタム静止スクリプトをリセットしてください (ライターのサービスを再起動する、スクリプトを修正または削除する)。',
	'QL106.fix.restartTools': (p) => `ゲストで VMware Tools を再起動してください: ${p.restart}。`,
	'QL106.fix.slow': () => 'ゲストが単に遅い (大規模で高負荷な) だけの場合は、負荷の低い時間帯にバックアップを実行するか、バックアップ製品の静止タイムアウトを延長してください。',

	// QL110, QL111, QL113
	'QL110.title': (p) => `${p.id} はクラッシュ整合です: 失敗した静止試行 ${p.fallbackOf} の代わりに作成されました`,
	'QL110.message': (p) =>
		`静止スナップショットの${p.failed}が失敗した後、${p.attempt}が静止なし (quiesced=0) で${p.afterMs !== null && p.afterMs >= 0 ? ` ${dur(p.afterMs)}後に` : ''}作成されました。これを基にしたバックアップはクラッシュ整合です。アプリケーションは静止されておらず、復元後にデータベースのクラッシュ リカバリが必要になります。それでもバックアップ ジョブは成功と報告する場合があります。`,
	'QL110.fix.cause': (p) => `${p.fallbackOf} が失敗した原因を解決してください (${p.fallbackOf} の検出結果を参照)。`,
	'QL110.fix.failJob': () => '静止処理が失敗したときにクラッシュ整合のスナップショットにフォールバックせず、ジョブを失敗させるようにバックアップ ジョブを構成して、失敗がわかるようにしてください。',
	'QL110.fix.check': () => 'バックアップを再実行し、そのスナップショットが静止されていること (Windows ではアプリケーション整合であること) を確認してください。',
	'QL110.product.title': (p) => `${p.id} はクラッシュ整合です: ${p.product} はアプリケーション整合にできませんでした${p.code ? ` (${p.code})` : ''}`,
	'QL110.product.message': (p) =>
		`${p.product} が${p.code ? ` ${p.code} を` : '警告を'}報告しています${p.meaning ? ` (${p.meaning})` : ''}。${p.attempt}のバックアップは続行され、失敗ではなく警告付きで完了しましたが、その復元ポイントはクラッシュ整合です。アプリケーションは静止されておらず、復元後にデータベースのクラッシュ リカバリが必要になり、ログも切り捨てられていません。`,
	'QL110.product.fix.checkpoint': () =>
		'Hyper-V ホストで、フォールバックを無効にして VM の運用チェックポイントを手動で作成してください (VM の [設定] > [チェックポイント] で [運用] を選び、[運用チェックポイントを作成できない場合は標準チェックポイントを作成する] のチェックを外す、または `Set-VM -Name <vm> -CheckpointType ProductionOnly` の後に `Checkpoint-VM -Name <vm>`)。同じように失敗し、そのエラーと Hyper-V-VMMS Admin ログが、ゲスト内で VSS を実行できなかった理由を示します。終わったらチェックポイントの種類を元に戻してください。',
	'QL110.product.fix.guest': () =>
		'ゲストで Hyper-V のバックアップ統合が動作していることを確認してください。VM の [バックアップ (ボリューム シャドウ コピー)] 統合サービスが有効であること (ホストで `Get-VMIntegrationService -VMName <vm>`)、Windows ゲストでは Hyper-V ボリューム シャドウ コピー リクエスター サービス (vmicvss)、Linux ゲストでは hv_vss_daemon が実行中であること。そのうえで `vssadmin list writers` とバックアップ時刻のアプリケーション ログの VSS イベントが、修正すべきライターまたはサービスを示します。',
	'QL111.title': (p) => `${p.id} はファイルシステム整合のみです`,
	// The attempt's consistency evidence comes from the attempt builder in English; it is shown with the attempt itself.
	'QL111.message': (p) => `${p.attempt}の静止スナップショットは成功しましたが、VSS ライターは参加していません。静止されたのはファイルシステムだけで、アプリケーション (SQL Server、Exchange、Active Directory など) は静止されていません。${p.evidence.join('')}`,
	'QL111.fix.diskUuid': () => 'VM の詳細設定で `disk.EnableUUID = TRUE` を設定し (先に VM をパワーオフします)、データ ディスクを IDE ではなく SCSI コントローラーに接続してください。',
	'QL111.fix.appQuiescing': () => 'tools.conf の `[vmbackup]` セクションに `vss.disableAppQuiescing = true` が設定されている場合は削除し、VMware Tools を再起動してください。',
	'QL111.fix.writers': () => '`vssadmin list writers` で、すべてのライターの状態が [1] であることを確認してください。',
	'QL111.fix.retake': () => '新しい静止スナップショットを作成し、アプリケーション整合であることを確認してください。',
	'QL113.title': (p) => `静止スナップショットは VSS コピー バックアップです: ${apps(p.sql, p.exchange)} のログは切り捨てられません`,
	'QL113.message': (p) =>
		`VMware Tools は VSS にコピー バックアップ (VSS_BT_COPY) を要求します。ライターはこれをバックアップとして記録しないため、${p.count === 1 ? `${p.attempt}のスナップショット` : `これら ${p.count} 個のスナップショット`}の後も、${apps(p.sql, p.exchange)} はトランザクション ログを切り捨てません。ほかの方法でログをバックアップまたは切り捨てない限り、ログは${p.exchange ? 'ログ ボリュームがいっぱいになるまで' : ''}増え続けます。`,
	'QL113.fix.truncate': () => '正常なバックアップの後にバックアップ製品にログを切り捨てさせる (アプリケーション対応処理 / ログ切り捨てのオプション) か、アプリケーション側で定期的にログ バックアップを実行してください。',
	'QL113.fix.sql': () => 'SQL Server: 完全復旧モデルのデータベースについて、トランザクション ログ バックアップ (`BACKUP LOG [db] TO …`) をスケジュールしてください。',
	'QL113.fix.exchange': () => 'Exchange: メールボックス データベースの VSS 完全バックアップを実行するバックアップを使用するか、ログによる復旧が不要な場合に限り循環ログを有効にしてください。',

	// QL2xx
	'QL201.title': (p) => `${p.name} が ${p.phase} で失敗しました (状態 [${p.state}])`,
	'QL201.message': (p) =>
		`VSS ライター '${p.name}' は ${p.stateName} の状態です${lastErr(p)}。${p.phaseMeaning}。リセットするまで、このマシンのアプリケーション整合バックアップは失敗するか、このライターのデータが通知なく除外されます。${
			p.stoppedWith > 0
				? `この一覧の ${p.stoppedWith} 個のライターが、自身のエラーなしで同じ段階で失敗しています。その段階で全員の処理が止められたもので (リクエスターがバックアップを中止したか、ほかの参加者が失敗またはタイムアウトした)、各ライターのリセットより先にその原因 (リクエスターのエラー、その時刻の VSS イベント) を確認してください。`
				: ''
		}${p.stableAt !== null ? `同じファイルの後の一覧では安定 ([1]、${p.stableAt} 行目) です。その後リセットされており、これはそれ以前の状態です。` : ''}`,
	'QL202.title': (p) => `${p.name} はまだ BackupComplete を待っています (状態 [5])`,
	'QL202.message': (p) =>
		`VSS ライター '${p.name}' はスナップショットに参加しましたが、リクエスターが BackupComplete を送信しませんでした${lastErr(p)}。一覧の取得時にバックアップが実行されていなかった場合、リクエスターはクラッシュしたか中止されており${p.vmware ? ' (例: ホストによってキャンセルされた VMware Tools の静止処理)' : ''}、ログの切り捨てなどのバックアップ後のクリーンアップは実行されていません。`,
	'QL203.title': (p) => `${p.name} はバックアップの途中でした (状態 [${p.state}])`,
	'QL203.message': (p) => `一覧の取得時、VSS ライター '${p.name}' は「${p.short}」の状態でした${lastErr(p)}。スナップショットが進行中でした。ライターの通常の状態を確認するには、バックアップが実行されていないときに一覧を取得し直してください。`,
	'QL203.fix': () => 'バックアップの完了後に `vssadmin list writers` を再度実行してください。ライターがこの状態のままの場合は、ライターをホストしているサービスを再起動してください。',
	'QL204.title': (p) => `${p.name} が不明な状態を報告しています (状態 [0])`,
	'QL204.message': (p) => `VSS ライター '${p.name}' は VSS_WS_UNKNOWN の状態です${lastErr(p)}。VSS は、ライター自体がエラー状態のときにこの状態を使用します。`,
	'QL209.title': (p) => `${p.name} は安定状態に戻っていますが、最後のエラーはバックアップの失敗を示しています${p.hr ? ` (${p.hr})` : ''}`,
	'QL209.message': (p) =>
		`VSS ライター '${p.name}' は [1] 安定ですが、最後のエラーは "${p.lastError}"${p.hrLabel ? ` (${p.hrLabel}${p.hrMeaning ? `: ${p.hrMeaning}` : ''})` : ''} です。以前のバックアップまたはシャドウ コピーの途中で失敗し、VSS が次の実行に備えて状態を戻しました。${p.retryable ? 'ライターは再試行を求めています。次のバックアップは成功する可能性がありますが、原因 (I/O 負荷、タイムアウト、アプリケーションが失った接続) が続く間は同じように失敗します。' : '原因を取り除くまで、このライターを含む次のバックアップも同じように失敗する可能性が高いです。'}`,
	'QL209.fix.retry': () => 'バックアップ (または静止スナップショット) をもう一度実行し、その直後に `vssadmin list writers` を実行してください。ライターにエラーなしの表示が出るはずです。',
	'QL209.fix.events': (p) => `再び失敗する場合は、失敗した時刻のアプリケーション ログを確認してください。VSS 8229/12289 と、'${p.name}' をホストするアプリケーションのイベントが原因を示します。`,
	'writer.restart.known': (p) => `'${p.name}' をホストしているサービスを再起動してください: \`Restart-Service -Name ${p.service} -Force\` (または \`net stop ${p.service}\` の後に \`net start ${p.service}\`)。${p.impact}`,
	'writer.restart.unknown': (p) => `'${p.name}' をホストしているアプリケーションまたはサービスを再起動してください (Microsoft の組み込みライターとそのサービスの一覧を参照)。特定できない場合は、ゲストを再起動してください。`,
	'writer.checkStable': (p) => `\`vssadmin list writers\` を再度実行し、'${p.name}' の状態が [1] であることを確認してください。`,
	'writer.retry': () => 'バックアップ (または静止スナップショット) を再試行してください。',
	'QL205.title': (p) => `${p.writer ?? 'VSS ライター'} が Freeze と Thaw の間でタイムアウトしました${p.attemptId ? ` (${p.attemptId})` : ''}`,
	'QL205.message': (p) => {
		const who = p.writers.length > 0 ? `VSS ライター ${quoted(p.writers)} は` : 'VSS ライターが';
		const what = p.timedOut ? ` ${p.hrLabel} で処理を中止しました` : '許容時間を超えてフリーズされていました';
		return `${p.attempt}で、${who}${what}。VSS がライターにアプリケーションのフリーズを許す時間は最大 ${dur(p.limitMs)}です${p.exchange ? ` (Exchange ライターは ${dur(p.exchangeLimitMs)})` : ` (Exchange は ${dur(p.exchangeLimitMs)})`}が、その時間内にスナップショットは作成されませんでした。${p.measuredMs !== null ? `ライターは ${dur(p.measuredMs)}間フリーズされていました。` : ''}${p.stunMs ? `スナップショットの作成のために、VM は ${dur(p.stunMs)}間スタンしていました。` : ''}そのため、スナップショットはアプリケーション整合ではありません${p.failed ? '。静止スナップショットも失敗しました' : ''}。`;
	},
	'QL205.fix.fastSnapshot': () =>
		'スナップショットの作成中はライターがフリーズされたままになるため、スナップショット自体を高速にしてください。バックアップ時間帯のデータストアの遅延を確認し、VM の古いスナップショットを削除または統合します (デルタ ディスクが増えるほど、スナップショットの作成は遅くなります)。',
	'QL205.fix.noMemory': () => 'バックアップ用のスナップショットに VM のメモリを含めないでください。メモリを含むスナップショットでは、ライターがフリーズされる時間が大幅に長くなります。',
	'QL205.fix.moveIo': () => 'I/O の多い処理 (データベースのメンテナンス、ウイルス対策のフル スキャン、デフラグ、ほかのバックアップ) をバックアップ時間帯から移動してください。',
	'QL205.fix.check': () => '`vssadmin list writers` を実行し、すべてのライターの状態が [1] であることを確認してから、バックアップを再試行してください。',
	'QL206.unknownWriter': () => '不明なライター',
	'QL206.title': (p) => `${p.name} が ${p.phase ?? 'バックアップ'} を拒否しました${p.hr ? ` (${p.hr})` : ''}`,
	'QL206.message': (p) =>
		`VSS ライター '${p.name}' が${p.phase ? ` ${p.phase} フェーズ` : 'バックアップのフェーズ'}を${p.hrLabel ? ` ${p.hrLabel} で` : ''}拒否しました${p.hrMeaning ? ` (${p.hrMeaning})` : ''} (VSS イベント 8229)。${p.attempt ? `これは${p.attempt}の実行中に発生し${p.failed ? '、そのため試行は失敗しました' : 'ました'}。` : ''}このライターなしでは、スナップショットはアプリケーション整合になりません。`,
	'QL208.title': (p) => `${p.writer} が失敗を報告しました: ${p.event}${p.hr ? ` (${p.hr})` : ''}`,
	'QL208.message': (p) =>
		`${p.writer} をホストするサービスが記録した ${p.event} は、ライターが${p.hrLabel ? ` ${p.hrLabel} により` : ''}失敗したことを示しています${p.attempt ? ` (${p.attempt})` : ''}${p.text ? `: 「${p.text}」` : ''}。${p.native ? `SQL Server 自身がエラー ${p.native.code}${p.native.text ? ` (「${p.native.text}」)` : ''} でバックアップを拒否しました。` : ''}${p.impact ? `バックアップにとっての意味: ${p.impact}。` : ''}シャドウ コピーにそのライターのデータを含められないため、それを必要とするバックアップは失敗するかデータを除外します (バックアップ完了の処理が失敗した場合は、アプリケーションのログも切り捨てられません)。`,
	'QL208.fix.sqlError': (p) =>
		`SQL Server のエラー ${p.code}${p.text ? ` (「${p.text}」)` : ''} が示すもの、つまりデータベースの状態やファイルを修正してください (\`SELECT name, state_desc FROM sys.databases\` と、その時刻の SQL Server のエラー ログ)。SQL Writer サービスを再起動するだけでは解消しません。`,
	'QL207.title': (p) => `シャドウ コピー セットに、${p.writer ? `${p.writer} ` : 'ライター'}が必要とするボリュームがありませんでした`,
	'QL207.message': (p) =>
		`${p.writers.length > 0 ? `${quoted(p.writers)} ` : 'VSS ライター'}が${p.attempt}で ${p.hrLabel} を報告しました。データの一部 (たとえば複数のボリュームにまたがるデータベース) がスナップショットに含まれていないボリューム上にあるため、ライターは参加を拒否しました。${p.disks.length > 0 ? `この VM には、VMware のスナップショットから除外される独立型ディスクがあります: ${p.disks.join('、')}。` : ''}`,
	'QL207.fix.sql': () =>
		'ファイルが複数のボリュームにまたがっているデータベースを特定してください。SQLWRITER イベント 24579 にデータベース名が記録されています。または、`SELECT DB_NAME(database_id), physical_name FROM sys.master_files` でファイルを一覧表示します。',
	'QL207.fix.dependent': () => 'アプリケーション データを格納しているディスクを依存型モードに戻し (VM の設定 → ディスク → モード)、スナップショットに含まれるようにしてください。',
	'QL207.fix.include': () => 'アプリケーションのデータを格納しているすべてのボリュームをバックアップに含めるか、バックアップ対象のボリュームにファイルを移動してください。',

	// QL301–QL303
	'QL301.title': () => 'vssadmin で VSS ライターを一覧表示できませんでした',
	'QL301.message': (p) => `vssadmin は、ライターの一覧ではなくエラーを出力しました。VSS がライターに到達できないため、これを解決するまでアプリケーション整合バックアップは作成できません。出力されたエラー: "${p.errorText}"`,
	'QL301.fix.elevated': () => '管理者として実行したコマンド プロンプトから、`vssadmin list writers` を再度実行してください。',
	'QL301.fix.events': () => 'その時刻のアプリケーション イベント ログで VSS のエラー (イベント ID 8193、22、12292、12302) を確認し、その原因に対処してください。',
	'QL301.fix.services': () => 'Volume Shadow Copy (VSS) サービスと COM+ Event System (EventSystem) サービスを開始できることを確認してください: `Start-Service -Name EventSystem, VSS`。',
	'QL302.title': () => 'vssadmin の一覧に VSS ライターがありません',
	'QL302.message': () => '一覧にライターが 1 つもありません。どの Windows システムにも組み込みライター (System Writer、Registry Writer など) があるため、それらの登録に失敗しています。バックアップはクラッシュ整合にしかなりません。',
	'QL302.fix.restart': () => 'Volume Shadow Copy サービスを再起動し (`Restart-Service -Name VSS -Force`)、`vssadmin list writers` を再度実行してください。',
	'QL302.fix.repair': () => 'それでもライターが表示されない場合は、アプリケーション イベント ログで VSS と COM+ のエラーを確認し、KB の説明に従って VSS/COM+ の登録を修復してください。',
	'QL303.title': (p) => `一覧に VSS ライターがありません: ${p.names.join(', ')}`,
	'QL303.message': (p) => `${p.path} には ${p.count} 個のライターが一覧表示されていますが、${p.whys.join('。また、')}。`,
	'QL303.why.system': () =>
		'System Writer (Cryptographic Services がホスト) がありません。System Writer は、Cryptographic Services がシステム ファイルを列挙できない場合や、そのアカウントに VssAccessControl の権限がない場合に表示されなくなります (VSS イベント 8213、CAPI2 513)。この場合、システム状態のバックアップとベア メタル バックアップは失敗します',
	'QL303.fix.system': () =>
		'System Writer: Cryptographic Services を再起動してください (`Restart-Service -Name CryptSvc -Force`)。それでも表示されない場合は、VSS 8213 と CAPI2 513 のイベントを確認し、KB 2009272 の説明に従って %windir%\\winsxs 配下のアクセス許可と VssAccessControl キーを修復してください。',
	'QL303.why.sql': () =>
		'このゲストでは SQL Server が実行されています (そのログまたはイベントがバンドルにあります) が、SqlServerWriter が一覧にありません。SQL Server VSS Writer サービスが停止しているか無効になっているため、スナップショットでデータベースは静止されません (SQL Server についてはクラッシュ整合)',
	'QL303.fix.sql': () => 'SqlServerWriter: `Set-Service -Name SQLWriter -StartupType Automatic; Start-Service -Name SQLWriter` を実行してください。',
	'QL303.why.exchange': () => 'このゲストでは Exchange が実行されていますが、Microsoft Exchange Writer が一覧にありません。スナップショットでメールボックス データベースは静止されません',
	'QL303.fix.exchange': () => 'Microsoft Exchange Writer: このライターをホストしている Exchange Replication サービスを再起動してください (`Restart-Service -Name MSExchangeRepl`)。',
	'QL303.fix.check': () => '`vssadmin list writers` を再度実行し、ライターが [1] の状態で一覧に表示されることを確認してください。',

	// QL304–QL306
	'QL304.title': (p) =>
		p.eventClass ? 'VSS イベント クラス (VSSEvent) が登録されていません: ライターに到達できません' : p.component ? `VSS が必要とする COM クラスが登録されていません: ${p.component}` : 'VSS がライターに到達できません: COM+ の登録が壊れています',
	'QL304.message': (p) =>
		p.component
			? `VSS は COM クラス ${p.component}${p.clsid ? ` {${p.clsid}}` : ''} を作成できませんでした${p.hrLabel ? `: ${p.hrLabel}` : ''}${p.events}。このクラスはシャドウ コピーに参加する別のプログラム (SQL Server の仮想デバイス インターフェイスのようなライターの補助、またはプロバイダー) のものです。その登録がないか、別のビット数 (64 ビット Windows 上の 32 ビット) だけが登録されているため、${p.attempt ? `${p.attempt}は${p.failed ? '失敗しました' : 'アプリケーション整合になりませんでした'}` : 'そのプログラムは参加できません'}。${p.query ? JA_QUERY_NOTE : ''}`
			: `VSS は COM+ Event System を通じて Identify、Freeze、Thaw をライターに送信しますが、その登録が壊れています${p.eventClass ? ' (Eventcls.dll の VSSEvent クラス {faf53cc4-…})' : ''}${p.hrLabel ? `: ${p.hrLabel}` : ''}${p.events}。どのライターも参加しないため、${p.attempt ? `${p.attempt}は${p.failed ? '失敗しました' : 'アプリケーション整合になりませんでした'}` : 'どのバックアップもアプリケーション整合になりません'}。また、\`vssadmin list writers\` には通常、ライターが表示されないか、エラーが表示されます。`,
	'QL304.fix.services': () => 'COM+ Event System サービスと COM+ System Application サービスが実行されていることを確認し (`Get-Service EventSystem, COMSysApp`)、停止している場合は開始してください (`Start-Service -Name EventSystem`)。',
	'QL304.fix.typeLib': () =>
		'VSS イベント クラスの登録を修復してください: `HKLM\\SOFTWARE\\Microsoft\\EventSystem\\{26c409cc-ae86-11d1-b616-00805fc79216}\\EventClasses\\{FAF53CC4-BD73-4E36-83F1-2B23F46E513E}-{00000000-0000-0000-0000-000000000000}-{00000000-0000-0000-0000-000000000000}` の `TypeLib` (種類 REG_EXPAND_SZ) を `%systemroot%\\system32\\EVENTCLS.DLL` に設定します。',
	'QL304.fix.restart': () => 'サービスを再起動してください: `Restart-Service -Name EventSystem -Force; Restart-Service -Name VSS`。',
	'QL304.fix.check': () => '`vssadmin list writers` を実行し、ライターが再び一覧に表示されることを確認してください。',
	'QL304.fix.component': (p) =>
		`${p.name} を登録するプログラムを特定してください: \`HKLM\\SOFTWARE\\Classes\\CLSID\\{${p.clsid}}\` (32 ビットのクラスは \`Wow6432Node\` の下) でその DLL を確認します。そのプログラムを修復または更新するか (64 ビット Windows 上の 32 ビット プログラムのクラスには、その 64 ビット版か、それを登録する更新プログラムが必要です)、そのビット数の \`regsvr32\` で DLL を再登録してください。`,
	'QL304.fix.restartVss': () => 'Volume Shadow Copy サービスを再起動してください: `Restart-Service -Name VSS`。',
	'QL304.unanswered.title': (p) => `ライター '${p.writer}' が VSS に応答しませんでした`,
	'QL304.unanswered.message': (p) =>
		`VSS は '${p.writer}' から問い合わせの応答を得られませんでした${p.events}。VSS がそのライターとの通信のためにメモリ上に保持している情報に不整合があります。ほかのライターには到達できたため、COM+ の登録は原因ではありません${p.attempt ? `。${p.attempt}は${p.failed ? '失敗しました' : 'アプリケーション整合性を保てませんでした'}` : ''}。`,
	'QL304.fix.reboot': () => 'それでも応答しない場合はサーバーを再起動してください。VSS がライターについて保持する情報が作り直されます。',
	'QL307.title': (p) => `${p.service} サービスが${SERVICE_STOP_JA[p.what]}`,
	'QL307.message': (p) =>
		`Windows は、${p.attempt ? `${p.attempt} の間に` : ''} ${p.service} サービスが${SERVICE_STOP_JA[p.what]}と記録しています${p.events}${p.module ? `。障害モジュールは ${p.module} です` : ''}。${SERVICE_ROLE_JA[p.role]}${p.attempt && p.failed ? `。これが ${p.attempt} の失敗${p.hrLabel ? ` (${p.hrLabel})` : ''}の原因です` : p.attempt ? `。${p.attempt} は完了したのでこのバックアップは失敗していませんが、次のバックアップは失敗する可能性があります` : ''}。`,
	'QL307.fix.state': (p) =>
		`サービスとそのスタートアップの種類を確認してください: \`Get-Service -Name ${p.name}; sc.exe qc ${p.name}\`。無効になっていた場合は元に戻し (\`Set-Service -Name ${p.name} -StartupType ${p.startType}\`)、開始してください (\`Start-Service -Name ${p.name}\`)。`,
	'QL307.fix.crash': () =>
		'プロセスが停止した理由を調べてください。同じ時刻のアプリケーション ログの Application Error (1000) と Windows Error Reporting (1001) のイベントが障害モジュールを示します (VSS では、vssvc.exe に読み込まれたサードパーティのプロバイダーやフィルター DLL であることが多い)。そのコンポーネントを更新するか削除してください。',
	'QL307.fix.error': () =>
		'イベントが示すエラーを確認してください (ファイルが見つからない場合は、ServiceDll の値などサービス自身の登録を示します)。依存するサービス (`sc.exe qc` で表示: RPC、COM+ Event System) が実行されていることを確認し、エラーが見つからないファイルを示す場合はシステム ファイルを修復してください (`sfc /scannow`、続けて `DISM /Online /Cleanup-Image /RestoreHealth`)。',
	'QL307.fix.provider': () => 'システム プロバイダーについては、KB 2009513 の説明に従って `HKLM\\SYSTEM\\CurrentControlSet\\Services\\swprv\\Parameters` の `ServiceDll` が `%Systemroot%\\System32\\swprv.dll` (REG_EXPAND_SZ) であることを確認してください。',
	'QL305.title': () => 'VSS がボリュームの書き込みを時間内にフラッシュまたは保留できませんでした (高い I/O 負荷)',
	'QL305.message': (p) =>
		`${p.attempt}でシャドウ コピーを作成する際に、VSS は制限時間内に (VSS が書き込みを保留するのは最大 ${dur(p.limitMs)}) ボリュームの保留中の書き込みをフラッシュできなかったか、新しい書き込みを保留できませんでした${p.hrLabel ? `: ${p.hrLabel}` : ''}${p.events}。バックアップ時にボリュームの負荷が高すぎたため、スナップショットは破棄されました。`,
	'QL305.fix.moveIo': () => 'バックアップ時に大量の書き込みを行っている処理 (バッチ ジョブ、データベースのメンテナンス、ウイルス対策のフル スキャン、デフラグ、ほかのバックアップ) を特定し、バックアップ時間帯から移動してください。',
	'QL305.fix.storage': () => 'その時刻に、ゲストの下にあるストレージで遅延やエラーが発生していないか確認してください (システム ログ: ディスク、volsnap、ストレージ ドライバーのイベント)。',
	'QL305.fix.datastore': () => 'バックアップ時間帯の VM のデータストアの遅延を確認し、スナップショットを統合された状態に保ってください。スナップショットの作成が遅いほど、書き込みが保留される時間は長くなります。',
	'QL305.fix.retry': () => '負荷の低い時間帯にバックアップを再試行してください。',
	'QL306.title': (p) => `Windows Server バックアップが失敗しました${p.code ? ` (${p.code})` : ''}`,
	'QL306.message': (p) => `${p.event}${p.code ? `: エラー コードは ${p.code} です${p.meaning ? ` (${p.meaning})` : ''}` : ''}${p.attempt ? `。${p.attempt}の実行中に発生しました` : ''}。${p.echo ?? ''}`,
	'QL306.fix.systemWriter': () => 'System Writer を復旧してください: `Restart-Service -Name CryptSvc -Force` を実行してから `vssadmin list writers` を実行します。それでも表示されない場合は、KB 2009272 の説明に従ってアクセス許可を修復してください。',
	'QL306.fix.findWriter': () => '失敗したライターを特定してください。同じ時刻の最初の SQLVDI または SQLWRITER のエラー、または VSS 8229 にライター名が記録されています。`vssadmin list writers` も実行してください。',
	'QL306.fix.rerun': () => '原因を解決したら、バックアップを再実行してください (`wbadmin start backup …` または Windows Server バックアップ コンソール)。',

	// QL401–QL403
	// QL311–QL315
	'QL311.title': (p) => `Windows Server バックアップで一部のファイルをバックアップできませんでした${p.hrLabel ? `: ${p.hrLabel}` : ''}`,
	'QL311.message': (p) =>
		`${p.paths.length > 0 ? `Windows Server バックアップは ${p.paths.map((x) => `\`${x}\``).join('、')}${p.more > 0 ? ` ほか ${p.more} 件` : ''} でエラーを記録しました${p.hrLabel ? ` (${p.hrLabel}${p.errorText ? `、"${p.errorText}"` : ''})` : ''}` : 'Windows Server バックアップは完全にはバックアップできなかったボリュームを報告しました'}${p.events}。バックアップは不完全か失敗しています。`,
	'QL311.txf': () => 'これらは `$Extend\\$RmMetadata` の NTFS トランザクション (TxF) メタデータです。ファイル システムが開いたままにしているため、ファイル単位のバックアップではアクセスが拒否されます。',
	'QL311.imagePath': () => 'パスの形式が不正です (`\\SystemRoot\\` がそのまま、または円記号の重複)。システム状態のバックアップで System Writer が報告するサービスまたはドライバーの ImagePath から来ており、名前を解決できません。',
	'QL311.fix.txf': () => '選択したファイルではなくボリューム全体 (ブロック レベル) をバックアップするか、`HKLM\\SYSTEM\\CurrentControlSet\\Control\\BackupRestore\\FilesNotToBackup` で `$Extend\\$RmMetadata` を除外してください (KB 2747459)。',
	'QL311.fix.imagePath': () =>
		"その形式の ImagePath を持つサービスを探し (`Get-ItemProperty HKLM:\\SYSTEM\\CurrentControlSet\\Services\\* | Where-Object ImagePath -match 'systemroot' | Select-Object PSChildName, ImagePath`)、Windows フォルダーからの相対パス (`system32\\DRIVERS\\<name>.sys`) に変更して再起動してください。",
	'QL311.fix.open': () => 'ファイルが存在し、バックアップ (SYSTEM) が読み取れることを確認してください: ウイルス対策の除外、アクセス許可、他のプログラムによるロック。',
	'QL312.title': (p) => `Hyper-V で仮想マシンのバックアップ チェックポイント (backup checkpoint) を作成できませんでした (${p.hr})`,
	'QL312.message': (p) =>
		`Hyper-V-VMMS は VM のバックアップ (回復) チェックポイントを作成できませんでした: ${p.hrLabel}。このため Hyper-V VSS ライターは VM のコンポーネントをスキップし、VM はバックアップに含まれません (ジョブは失敗または警告付きで完了)。${p.fileMissing ? 'VM のファイルまたはフォルダーが見つかりません: 存在しない仮想ディスクや構成のパス、または存在しないフォルダーを指すチェックポイント/記憶域の場所です。' : ''}`,
	'QL312.fix.paths': () =>
		'VM のディスクと場所を確認してください: `Get-VM <name> | Select-Object Path, CheckpointFileLocation, SnapshotFileLocation; Get-VMHardDiskDrive <name> | Select-Object Path` — すべてのパスが存在し、VM のアカウントからアクセスできる必要があります。',
	'QL312.fix.integration': () => 'ゲストの統合サービス (バックアップ / ボリューム シャドウ コピー) を更新してください。古いゲスト (Windows Server 2008) でオンライン バックアップを行うには最新のものが必要です。',
	'QL312.fix.checkpoints': () => '残っているチェックポイントを削除し (`Get-VMSnapshot <name>`)、マージ待ちの .avhdx がないことを確認してください。',
	'QL313.title': () => 'VssAccessControl に登録されたアカウントを VSS が解決できません (バックアップには影響しません)',
	'QL313.message': (p) =>
		`VSS は \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS\\VssAccessControl\` でライターや要求元として動作できるアカウントを確認しますが、そこに登録されたアカウントの 1 つを解決できません${p.status ? ` (状態 ${p.status})` : ''}${p.events}。通常はアンインストールされたソフトウェアが残したエントリで、シャドウ コピーやバックアップを止めることはないため、バックアップ失敗の原因ではありません。`,
	'QL313.fix': () => '任意: 存在しないアカウントの値を VssAccessControl キーから削除し (既定では NT Authority\\NetworkService のみ)、VSS サービスまたはサーバーを再起動してください。',
	'QL314.title': (p) => `シャドウ コピーは作成されましたが VSS が開けませんでした (シャドウ コピー デバイスへの ${p.routine})`,
	'QL314.message': (p) =>
		`VSS は新しいシャドウ コピーのデバイス (HarddiskVolumeShadowCopyN) に対して ${p.routine} を呼び出し、失敗しました: ${p.hrLabel}${p.attempt ? ` (${p.attempt})` : ''}。システム プロバイダーがシャドウ コピーを完了できないため、要求元ではスナップショットの失敗 (多くはプロバイダーの拒否 0x80042306) になります。`,
	'QL314.fix.filters': () =>
		'ファイル システム フィルター ドライバー (`fltmc filters`) とストレージ ドライバーを確認してください。シャドウ コピー デバイスを扱えない暗号化、ウイルス対策、サードパーティのファイル システム (ZFS や Boot Camp のドライバーなど) がよくある原因です。更新または削除してください。',
	'QL314.fix.providers': () => 'プロバイダーを確認してください (`vssadmin list providers`)。サードパーティのプロバイダーがある場合は、この Windows ビルドに対応したバージョンか確認してください。',
	'QL314.fix.storage': () => '同じ時刻のシステム ログでディスクや volsnap のエラーを確認してください。',
	'QL315.title': (p) => `${p.writer} が${p.phase ? `「${p.phase}」で` : ''} ${p.hr} により失敗しました`,
	'QL315.message': (p) =>
		`${p.event} はライター ${p.writer}${p.phase ? ` (操作「${p.phase}」)` : ''} を示しています: ${p.hrLabel}${p.attempt ? ` (${p.attempt})` : ''}。シャドウ コピーにそのライターのデータを含められないため、それを必要とする要求元 (システム状態やベア メタルのバックアップには ASR Writer と System Writer が必要) は失敗します。Windows バックアップはこの失敗を 0x81000019 (シャドウ コピーを作成できなかった) と報告します。${p.cause ? QL317_CAUSES[p.cause] : ''}`,
	'QL315.fix.asrDisk': () =>
		'ASR Writer: 記述すべきディスクが見つかりません。`diskpart` → `list disk` でオフライン、欠落、または別の OS から起動するディスク (ブート順で先にある 2 台目のディスク) を確認し、取り外すか修正して Windows のディスクから起動してください。',
	'QL315.fix.callback': () =>
		'ライターのプロセスがバックアップ プログラムを呼び戻せませんでした (IVssWriterCallback、アクセス拒否): `dcomcnfg` → コンピューター → マイ コンピューター → プロパティ → COM セキュリティ → アクセス許可 → 既定値の編集 で NETWORK SERVICE (System Writer のサービスのアカウント) にローカル アクセスを許可するか、バックアップ プログラムを管理者または LocalSystem で実行し、VSS サービスを再起動してください。ファイル単位のバックアップは完了することがありますが、そのライターのデータは含まれません。',
	'QL315.fix.listWriters': () => '`vssadmin list writers` を実行し、ライターが失敗と表示されていればそのサービスを再起動してください。',
	'QL317.title': (p) => (p.routine ? `VSS が ${p.routine} の呼び出しで ${p.hr} により失敗しました` : `${p.event}: ${p.hr}`),
	'QL317.message': (p) =>
		`${p.event}: VSS${p.context ? ` (コンテキスト: ${p.context}${p.provider ? `、${p.provider}` : ''})` : ''} は${p.routine ? ` ${p.routine} から` : ''} ${p.hrLabel} を受け取りました${p.operation ? ` (操作: ${p.operation})` : ''}${p.attempt ? ` (${p.attempt})` : ''}。ライターは示されておらず、バンドルのほかの記録も失敗を説明しないため、シャドウ コピーはここで失敗しています。${p.cause ? QL317_CAUSES[p.cause] : ''}`,
	'QL318.title': (p) => `SQL Server の仮想デバイスが失敗しました: ${p.loc}、${p.desc} (エラー ${p.code})`,
	'QL318.message': (p) =>
		`SQL Server VSS Writer がスナップショット バックアップに使う仮想デバイス SQLVDI${p.instance ? ` (インスタンス ${p.instance})` : ''} が ${p.loc} (${p.desc}) で Win32 エラー ${p.code}${p.codeText ? ` (${p.codeText})` : ''} により失敗しました${p.attempt ? ` (${p.attempt})` : ''}。${QL318_CAUSES[p.cause]}`,
	'QL319.title': (p) => (p.databases.length > 0 ? `SQL Server が ${p.databases.slice(0, 3).join('、')}${p.databases.length > 3 ? ' …' : ''} をバックアップできませんでした` : 'SQL Server のバックアップ デバイスが失敗しました'),
	'QL319.message': (p) =>
		`${p.instance} が ${p.databases.length > 0 ? `${p.databases.join('、')} の ` : ''}BACKUP の失敗を記録しました${p.attempt ? ` (${p.attempt})` : ''}${
			p.device ? `。${p.device.virtual ? 'スナップショット バックアップの仮想デバイス' : 'バックアップ デバイス'}がオペレーティング システム エラー ${p.device.code}${p.device.codeText ? ` (${p.device.codeText})` : ''} で失敗しています` : ''
		}。${
			p.cause === 'aborted'
				? 'これは要求元または VSS がほかの失敗のためにバックアップを終了したもので、その失敗が原因です。同じ時刻の最初の VSS、SQLWRITER、SQLVDI、バックアップのエラーを確認してください。'
				: p.cause === 'base'
					? '差分バックアップまたはログ バックアップのベースとなる現在の完全バックアップがありませんでした (エラー 3035 または 4214)。バックアップ チェーンが切れています。同じデータベースの完全バックアップを取得するほかの製品 (「I/O is frozen」と仮想デバイスが記録される VSS スナップショット バックアップ) があると、ベースがこれらのバックアップから見えない場所に移ります。'
					: p.cause === 'device'
						? 'SQL Server がバックアップの処理を完了できませんでした。'
						: 'SQL Server はデータベースのバックアップが失敗するたびにこれを記録します。バックアップを終わらせた失敗が原因です。同じ時刻の最初の VSS、SQLWRITER、SQLVDI、バックアップのエラーを確認してください。'
		}`,
	'QL323.title': (p) =>
		p.refusal === 'disabled'
			? `Hyper-V がチェックポイントを拒否しました: ${p.vm ? `VM '${p.vm}'` : 'VM'} のチェックポイントが無効です`
			: p.refusal === 'fell-back'
				? `Hyper-V は ${p.vm ? `VM '${p.vm}'` : 'VM'} の運用チェックポイントの代わりに標準チェックポイントを作成しました`
				: `Hyper-V は ${p.vm ? `VM '${p.vm}'` : 'VM'} の運用チェックポイントを作成できませんでした`,
	'QL323.message': (p) =>
		p.refusal === 'disabled'
			? `VM のチェックポイントの種類が無効 (Disabled) のため、Hyper-V はチェックポイントを一切作成しません${p.events}。チェックポイントを要求するツール (チェックポイント、スナップショット、チェックポイント経由のバックアップ) は、ゲストに何も届く前に失敗します。`
			: p.refusal === 'fell-back'
				? `運用チェックポイント (Windows ゲストでは VSS、Linux ではファイル システムのフリーズ) を作成できず、Hyper-V は標準チェックポイントにフォールバックしました${p.events}。このチェックポイントは VM のメモリ状態を保存したもので、アプリケーション整合ではありません。復元したアプリケーションはトランザクションの途中から再開します。`
				: `運用チェックポイントにはゲストの協力 (バックアップ統合サービス経由の VSS、Linux ではファイル システムのフリーズ) が必要ですが、利用できませんでした (ゲスト OS が動作していない、バックアップ (ボリューム シャドウ コピー) 統合サービスが無効または応答しない)。VM のチェックポイントの種類が標準チェックポイントへのフォールバックを許可していません${p.events}。`,
	'QL323.fix.enable': () =>
		'VM のチェックポイントを有効にしてください: `Set-VM -Name <vm> -CheckpointType Production` (運用、標準へのフォールバックあり) または `Set-VM -Name <vm> -CheckpointType Standard`。Hyper-V マネージャーでは VM の設定 → チェックポイント → チェックポイントを有効にする。',
	'QL323.fix.integration': () =>
		"ゲストのバックアップ統合サービスを有効にし、応答を確認してください: `Enable-VMIntegrationService -VMName <vm> -Name 'Backup*'` の後 `Get-VMIntegrationService -VMName <vm>` (PrimaryStatusDescription が OK)。ゲストでは Hyper-V ボリューム シャドウ コピー リクエスター サービス (Linux: hv_vss_daemon) が動作し、`vssadmin list writers` に失敗したライターがないことを確認してください。",
	'QL323.fix.type': () =>
		'標準 (保存状態) チェックポイントで差し支えない場合は許可してください: `Set-VM -Name <vm> -CheckpointType Production` で標準へフォールバックし、`-CheckpointType Standard` で常に標準になります。アプリケーション整合のチェックポイントだけが必要な VM は `ProductionOnly` のままにしてください。',
	'QL323.fix.retry': () => 'チェックポイントを再度作成する (`Checkpoint-VM -Name <vm>`) か、バックアップを再実行してください。',
	'QL324.title': (p) => `Hyper-V で${p.vm ? `仮想マシン '${p.vm}' の` : '仮想マシンの'}チェックポイントのディスクを親にマージできませんでした${p.hr ? ` (${p.hr})` : ''}`,
	'QL324.message': (p) =>
		`Hyper-V-VMMS がチェックポイントの差分ディスク (.avhdx) を親ディスクにマージするバックグラウンド処理を完了できませんでした${p.hrLabel ? ` (${p.hrLabel})` : ''}${p.events}。バックアップのチェックポイントはバックアップの終了時にマージして削除されるため、チェックポイント自体は作成されています。失敗したのはその後のマージです。成功するまで仮想マシンは .avhdx に書き込み続けて .avhdx が大きくなり、残ったチェックポイントが次のバックアップを失敗させることがあります。Hyper-V はマージを再試行し、このイベントを繰り返し記録します。${p.accessDenied ? 'アクセスが拒否されています。仮想マシンのアカウント (NT VIRTUAL MACHINE\\<VM id>) に、ディスクまたはチェックポイントのフォルダーへの権限がありません。ゲスト クラスターの VHD Set の共有ファイルには、既定ではこの権限が付与されていません。' : ''}`,
	'QL324.fix.permissions': () =>
		'ディスクとチェックポイントを置いたフォルダーに、仮想マシンのアカウントのフル コントロールを付与してください: `icacls <folder> /grant "NT VIRTUAL MACHINE\\<VM id>:(OI)(CI)F"` (id は `Get-VM <name> | Select-Object Id` で確認)。ゲスト クラスターの VHD Set では、共有するすべての仮想マシンについて行います。',
	'QL324.fix.space': () => 'マージに必要な空き領域がボリュームにあること、ほかのジョブ (Hyper-V レプリカ、別のバックアップ、ウイルス スキャン) がマージ中に仮想マシンのディスクを使っていないことを確認してください。',
	'QL324.fix.check': () =>
		'マージの完了を確認してください: `Get-VMHardDiskDrive <name> | Select-Object Path` が再び .vhdx/.vhds を指し、.avhdx が残っていないこと (`Get-VMSnapshot <name>` にバックアップ チェックポイントがないこと)。その後バックアップを再実行してください。',
	'QL322.title': () => 'System Writer が読み取れなかったレガシー ドライバーのイメージをスキップしました (CAPI2 513、無害)',
	'QL322.message': (p) =>
		`System Writer をホストする Cryptographic Services が、OnIdentify の処理中にレガシー ドライバー 1 つのバイナリをバックアップできませんでした${p.detail ? ` (「${p.detail}」)` : ''}${p.events}。ライターはそのイメージを除外して処理を続けます。このイベントでシャドウ コピーやバックアップが失敗することはなく (KB 3209092)、バックアップ失敗の原因ではありません。`,
	'QL322.fix': () =>
		'任意: ライターがドライバーのサービスを読み取れるようにします。`sc sdshow <サービス>` の出力に `(A;;CCLCSWLOCRRC;;;SU)` を追加して `sc sdset <サービス> <その文字列>` を実行します (LLDP ドライバーのサービスは mslldp)。バックアップが失敗している場合は、原因をほかの記録で確認してください。',
	'QL321.title': () => 'VSS がライターの放置されたバックアップ セッション状態を削除しました (0x80042409、それ自体は無害)',
	'QL321.message': (p) =>
		`VSS_E_WRITER_STATUS_NOT_AVAILABLE (0x80042409)${p.writers.length > 0 ? ` (${p.writers.join('、')})` : ''}${p.count > 1 ? ` (${p.count} 件)` : ''}${p.events}: 要求元が終了しなかった (BackupComplete、PostRestore、中止のいずれもない) セッションの状態を、2 日経過した時点で VSS が削除したものです。その時点で実行中のバックアップや復元とは関係なく記録され、それらを失敗させることはありません。コンテキストの操作・状態・エラーは古いセッションのものです。繰り返し記録される場合にのみ、バックアップ製品がセッションを正しく終了していないことを示します。`,
	'QL321.fix': () =>
		'単発のものは無視してかまいません。バックアップのたびに記録される場合は、VSS の規定どおりセッションを終了する (BackupComplete または PostRestore の後に GatherWriterStatus) ようバックアップ製品のベンダーに確認し、バックアップが失敗しているなら同じログでそのバックアップ自身のエラーを確認してください。',
	'QL320.title': () => 'VSS ライターのイベント ハンドラーが処理されない例外で失敗しました (VSS 12366)',
	'QL320.message': (p) =>
		`ライターが VSS のイベント (Identify、PrepareForSnapshot、Freeze、Thaw、BackupComplete など) の処理中に、捕捉されない例外を発生させました${p.attempt ? ` (${p.attempt})` : ''}${p.events}。VSS はそのプロセスのライター基盤を不安定とみなし、そのプロセスが再起動するまで、ホストされているライターはこのバックアップとそれ以降のバックアップで失敗します。このイベントはライター自身のプロセスが記録するもので、ライター名は含まれません。`,
	'QL320.fix.find': () =>
		'ライターを特定してください: `vssadmin list writers` で失敗している (または表示されない) ライターを探し、同じ時刻のアプリケーション ログでそれをホストするアプリケーションのエラー (Exchange なら MSExchangeRepl、SQL Server なら SQLWRITER) を確認してください。',
	'QL320.fix.restart': () => 'そのライターのサービス (またはアプリケーション) を再起動してライターを読み込み直し、アプリケーションと Windows の最新の更新プログラムを適用してください。この種の例外は更新プログラムで修正されるプログラムの不具合です。',
	'QL318.fix.aborted': () =>
		'先に起きた失敗を探してください。同じ時刻の VSS 8229 / 12289、SQLWRITER のイベント、バックアップ製品のエラー (上の検出結果が示します) と、同じ時刻の BACKUP の失敗 (イベント 3041) を SQL Server のエラー ログ (ERRORLOG) で確認してください。',
	'QL318.fix.denied': () =>
		'ライターのアカウントにインスタンスの sysadmin ロールを与えてください。SQL Server で `CREATE LOGIN [NT SERVICE\\SQLWriter] FROM WINDOWS; ALTER SERVER ROLE sysadmin ADD MEMBER [NT SERVICE\\SQLWriter];` を実行し (SQL Server 2008 R2 以前は `NT AUTHORITY\\SYSTEM`)、`Restart-Service SQLWriter` を実行します。',
	'QL318.fix.resources': () => 'バックアップ時刻のサーバーのメモリ不足を確認し (SQL Server の max server memory が OS の分を残すように)、1 回のスナップショットでバックアップするデータベースを減らしてください。',
	'QL319.fix.base': () =>
		'今すぐデータベースの完全バックアップを取得してチェーンを再開してください。次に、ほかにバックアップしているものを確認し (`SELECT backup_finish_date, type, is_copy_only, device_type, user_name FROM msdb.dbo.backupset`。デバイスの種類 7 は仮想デバイス、つまり VSS またはエージェントのバックアップ)、その製品の SQL バックアップをコピーのみにするか、完全・差分・ログのバックアップを 1 つの製品に任せてください。',
	'QL318.fix.errorLog': () => '同じ時刻の SQL Server のエラー ログ (ERRORLOG) と SQLWRITER のイベントで SQL Server の報告を確認し、`vssadmin list writers` で SqlServerWriter の状態を確認してください。',
	'QL317.fix.volume': () =>
		'エラーが示すボリュームを特定し (`mountvol`、または PowerShell で `Get-Volume | Format-Table DriveLetter,FileSystem,UniqueId`)、VSS がスナップショットを作成できないもの (リムーバブル、FAT、ホット アド) ならバックアップから除外してください。そうでなければフィルター ドライバーを一覧し (`fltmc filters`)、そのボリュームを扱うドライバーを更新または削除してください。',
	'QL317.fix.provider': (p) =>
		`プロバイダーを一覧表示し (\`vssadmin list providers\`)、${p.provider} がこのバックアップに対応しているか確認してください (Hyper-V ホストのバックアップでは、ハードウェア プロバイダーが自動回復に対応している必要があります。KB 2462424)。更新するか、リクエスターにシステム プロバイダーを使わせるか (System Center DPM: レジストリ値 \`UseSystemSoftwareProvider\`)、アンインストールしてください。`,
	'QL317.fix.floppy': () =>
		'仮想マシンのフロッピー ドライブを削除してください (vSphere Client の [設定の編集] で、仮想マシンの電源を切ってからフロッピー ドライブを削除します。残す必要がある場合はゲストのデバイス マネージャーと仮想マシンの BIOS で無効にします)。その後、静止スナップショットを取り直してください。',
	'QL317.fix.account': () => '`HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList` をエクスポートしてから、イベントの SID のキー (または `.bak` で終わる重複) をそのプロファイルがもう存在しない場合に削除し、VSS サービスを再起動してください。',
	'QL317.fix.com': () =>
		'COM+ のサービスが動作していること (`Get-Service EventSystem, COMSysApp, VSS`) と、`dcomcnfg` → コンピューター → マイ コンピューター → COM セキュリティでバックアップのアカウントが VSS の起動とアクセスを許可されていることを確認してください。',
	'QL317.fix.registry': () => 'イベントが示すキーのアクセス許可を正常なサーバー (`HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS`) と比べて元に戻し、VSS サービスを再起動してください。',
	'QL317.fix.collect': () => 'その時刻前後のアプリケーション ログとシステム ログ (`wevtutil epl Application app.evtx`、`wevtutil epl System sys.evtx`) を `vssadmin list writers` と `vssadmin list providers` の出力と一緒に収集し、まとめて分析してください。',

	'QL316.title': (p) => `${p.name}: 一覧は [${p.state}] ですが '${p.word}' と表示されています`,
	'QL316.message': (p) =>
		`${p.name} の状態行は \`[${p.state}] ${p.word}\` ですが、この一覧では '${p.word}' が別の番号と一緒に表示されています。VSS は両方を同じ状態から出力するため、この行は編集されたか壊れています。番号を採用します (${p.stateName ?? `状態 ${p.state}`})。`,
	'QL316.fix': () => '`vssadmin list writers` をもう一度実行し、編集されていない出力を確認してください。',
	'QL401.title': (p) => (p.provider ? `VSS プロバイダー ${p.provider} がスナップショットを拒否しました` : 'VSS プロバイダーがスナップショットを拒否しました'),
	'QL401.message': (p) =>
		`${p.providers.length > 0 ? `シャドウ コピー プロバイダー ${p.providers.join(' と ')} ` : 'シャドウ コピー プロバイダー'}が、${p.attempt}でシャドウ コピーの作成に${p.hrLabel ? ` ${p.hrLabel} で` : ''}失敗しました${p.events}。シャドウ コピーを作成するプロバイダーでエラーが発生したため、ボリュームのスナップショットは作成されていません。${p.others.length >= 2 ? `サードパーティ製のプロバイダーが ${p.others.length} 個登録されています (${p.others.join(', ')})。Microsoft 以外のプロバイダーが複数あることは、この拒否の典型的な原因です。` : ''}`,
	'QL401.fix.events': () => 'その時刻のアプリケーション イベント ログでプロバイダー自身のエラー (失敗したルーチンは VSS 12293 に記録されます) を、システム ログで volsnap とディスクのエラーを確認してください。',
	'QL401.fix.vmvss': () =>
		`VMware Snapshot Provider サービスを確認してください。\`Get-Service -Name vmvss\` が存在し、無効になっていないことが必要です。存在しない場合は、VMware Tools を VSS コンポーネント付きで修復し ${PROGRAMS_REPAIR}、再起動してください。`,
	'QL401.fix.lun': () =>
		'ハードウェア プロバイダーのシャドウ コピー LUN がこのホストに届きませんでした (VSS 12362)。ストレージがスナップショット LUN をこのホストのイニシエーター (igroup、ホスト グループ) にマップしているか、ゾーニングとマルチパス (MPIO) の構成、プロバイダー自身のログを確認し、ディスクを再スキャンして (`Update-HostStorageCache`) 再試行してください。',
	'QL401.fix.swprv': () => 'Microsoft Software Shadow Copy Provider を再起動し (`Restart-Service -Name swprv`)、シャドウ コピー記憶域を確認してください (`vssadmin list shadowstorage`)。',
	'QL401.fix.kernelMemory': () =>
		"ボリューム スナップショット ドライバーがカーネル メモリ (非ページ プール、またはドライバーの最終ステータスが示すリソース不足) を使い果たしました。プールを占有しているドライバーを調べ (`Get-Counter '\\Memory\\Pool Nonpaged Bytes'`、Poolmon)、最新の Windows のストレージと VSS の更新プログラムを適用してください (Windows Server 2003 では KB 833167 と KB 887827 の VSS 更新プログラム パッケージ)。それまではサーバーを再起動するとプールが解放されます。",
	'QL401.fix.uninstall': () =>
		'使用していないサードパーティ製プロバイダーのソフトウェアをアンインストールし (アンインストーラーがプロバイダーを削除します)、バックアップに必要なプロバイダーだけが登録されている状態にしてください。`vssadmin list providers` で確認できます。',
	'QL402.title': (p) => `サードパーティ製の VSS プロバイダーが ${p.count} 個登録されています`,
	'QL402.message': (p) =>
		`Microsoft 自身のプロバイダーに加えて、${p.providers.join(', ')} が登録されています。プロバイダーをインストールするバックアップ製品は、それぞれ同じシャドウ コピーを取り合います。複数あることは、プロバイダーによる拒否 (0x80042306) や予期しないプロバイダー エラー (0x8004230F) の典型的な原因です。`,
	'QL402.fix.keepOne': () => '使用中のバックアップ製品のプロバイダーだけを残し、ほかのソフトウェアはアンインストールしてください (アンインストーラーがプロバイダーを削除します)。',
	'QL402.fix.vmware': () => 'VMware の静止スナップショットに必要なのは VMware Snapshot Provider です。ほかのプロバイダーは削除してください。',
	'QL402.fix.check': () => '`vssadmin list providers` を実行して一覧を確認してから、バックアップを再試行してください。',
	'QL403.duplicate': (p) => `${p.path} の ${p.labels.join(' と ')}`,
	'QL403.fix.export': () => '最初にプロバイダーのキーをバックアップしてください: `reg export HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS\\Providers vss-providers.reg`。',
	'QL403.fix.deleteStale': (p) => `古い登録を削除してください: \`reg delete "HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS\\Providers\\{${p.guid}}" /f\`。`,
	'QL403.fix.classGone': (p) =>
		`VSS は ${p.provider} を一覧に残していますが、その COM クラスが登録されていません。インストールしたソフトウェアが削除されたか、壊れています。バックアップにこのプロバイダーが必要ならそのソフトウェアを修復または再インストールし、不要なら残った登録を削除してください (下記)。`,
	'QL403.fix.askVendor': () => 'プロバイダーのベンダーが作成していない登録を削除し (どの GUID が現在のものかはベンダーに確認してください)、プロバイダーごとに 1 つだけ残してください。',
	'QL403.fix.repairTools': () => `VMware Tools を修復し ${PROGRAMS_REPAIR}、VSS プロバイダーが 1 回だけ登録されるようにしてください。`,
	'QL403.fix.swprv': () => 'Microsoft Software Shadow Copy Provider を開始できません。`HKLM\\SYSTEM\\CurrentControlSet\\Services\\swprv\\Parameters` の `ServiceDll` が `%Systemroot%\\System32\\swprv.dll` (REG_EXPAND_SZ) であることを確認してください。',
	'QL403.fix.restartVss': () => 'Volume Shadow Copy サービスを再起動し (`Restart-Service -Name VSS`)、`vssadmin list providers` で各プロバイダーが 1 回だけ表示されることを確認してください。',
	'QL403.twice.title': () => 'VSS プロバイダーが二重に登録されています',
	'QL403.twice.message': (p) =>
		`プロバイダーの一覧に、同じプロバイダーが複数回登録されています: ${p.duplicates}。古い登録が残っていると、次にプロバイダーを読み込むときに VSS が VSS_E_PROVIDER_ALREADY_REGISTERED (0x80042303${p.vmware ? '。VMware Tools では IDispatch error #8451 と表示されます' : ''}) で失敗します。`,
	'QL403.broken.title': () => 'VSS プロバイダーの登録が壊れています',
	'QL403.broken.message': (p) =>
		`${p.attempt}で、VSS はシャドウ コピー プロバイダー${p.providers.length > 0 ? ` ${p.providers.join(' と ')} ` : ''}を読み込めませんでした${p.hrLabel ? `: ${p.hrLabel}` : ''}${p.events}。${p.duplicates ? `プロバイダーの一覧に、同じプロバイダーが複数回登録されています: ${p.duplicates}。` : ''}${p.query ? JA_QUERY_NOTE : '登録を修復するまで、すべてのシャドウ コピーが失敗します。'}`,

	// QL404
	'QL404.exhausted.title': () => 'シャドウ コピー記憶域が不足しました',
	'QL404.exhausted.message': (p) =>
		`${p.attempt}の間に、シャドウ コピー記憶域 (差分領域) が変更を保持しきれませんでした${p.hrLabel ? `: ${p.hrLabel}` : ''}${p.events}。記憶域を拡張できない場合、Windows はシャドウ コピーを削除または中止するため、スナップショットは失われます。`,
	'QL404.missing.title': () => 'シャドウ コピー記憶域のボリュームが存在せず、シャドウ コピーが削除されました',
	'QL404.missing.message': (p) =>
		`${p.attempt ? `${p.attempt} の` : ''}シャドウ コピーは、その記憶域 (別のボリュームにある差分領域) を置くボリュームが volsnap の必要なときに存在しなかったため中止されました${p.events}。ボリュームがオフラインだったか、取り外されたか、再起動後にオンラインになるのが遅すぎました (VolumeSnapshot の幻のデバイス エントリが多いと起動が遅れます)。シャドウ コピーは失われています。`,
	'QL404.fix.online': () => '記憶域を置くボリュームを確認し (`vssadmin list shadowstorage`)、起動時にオンラインになり、その後もオンラインのままであることを確認してください (遅れて接続されるリムーバブル、iSCSI、クラスターのディスクでないこと)。',
	'QL404.fix.phantoms': () =>
		'再起動後に記憶域のボリュームがオンラインになるのが遅い場合は、`HKLM\\SYSTEM\\CurrentControlSet\\Enum\\STORAGE\\VolumeSnapshot` の下の幻のエントリを数え (`devnodeclean /n`)、`devnodeclean` で削除し、定期的に実行するよう設定してください。',
	'QL404.count.title': () => 'ボリュームのシャドウ コピーが上限の数に達しています',
	'QL404.count.message': (p) =>
		`${p.attempt} で VSS はボリュームをシャドウ コピー セットに追加できませんでした: ${p.hrLabel}。ボリュームには許される数のシャドウ コピー (システム プロバイダーではボリュームあたり 64 個、MaxShadowCopies を設定した場合はそれ以下) があります。中断された以前のバックアップが残したものであることが多く、いくつか削除するまで新しいシャドウ コピーは作成できません。`,
	'QL404.fix.listShadows': (p) =>
		`ボリュームのシャドウ コピーを一覧表示し (\`vssadmin list shadows /for=${p.volume}\`)、バックアップに不要なものを削除してください (\`vssadmin delete shadows /for=${p.volume} /oldest\`。中断されたバックアップが残したものは \`diskshadow\` → \`delete shadows all\`)。`,
	'QL404.fix.interrupted': () => 'ジョブが取り消されたり失敗したりしたときに、バックアップ製品がシャドウ コピーを削除するか確認してください。スナップショットの途中でジョブを強制終了しないでください。',
	'QL404.fix.list': () => '現在の制限を確認してください: `vssadmin list shadowstorage`。',
	'QL404.fix.grow': (p) => `ボリュームのシャドウ コピー記憶域を増やす (例: ${p.resize}) か、空き領域のあるボリュームに移動してください (\`vssadmin add shadowstorage /for=${p.volume} /on=D:\`)。`,
	'QL404.fix.free': (p) => `ボリュームの空き領域を増やし、不要な古いシャドウ コピーを削除してください: \`vssadmin delete shadows /for=${p.volume} /oldest\`。`,
	'QL404.tight.title': (p) => (p.full ? 'シャドウ コピー記憶域がほぼいっぱいです' : 'シャドウ コピー記憶域が小さすぎます'),
	'QL404.tight.describe': (p) => `${p.volume} (最大 ${p.maximum ?? '?'} のうち ${p.used ?? '?'} を使用)`,
	'QL404.tight.full': (p) => `${p.volumes.join('、')} のシャドウ コピー記憶域は ${p.percent}% 以上使用されています。`,
	'QL404.tight.small': (p) => `${p.volumes.join('、')} のシャドウ コピー記憶域の上限は 1 GB 未満です。`,
	'QL404.tight.join': () => '',
	'QL404.tight.why': () => 'スナップショットが存在する間、ボリュームに書き込まれるすべてのブロックは、まずこの記憶域にコピーされます。記憶域を拡張できない場合、Windows はシャドウ コピーを削除し (volsnap 25/36)、バックアップは失敗します。',
	'QL404.fix.raise': (p) => `${p.volume} の上限を引き上げてください: ${p.resize}。`,
	'QL404.fix.delete': (p) => `不要なシャドウ コピーを削除し (\`vssadmin delete shadows /for=${p.volume} /oldest\`)、\`vssadmin list shadowstorage\` で再度確認してください。`,

	// QL405–QL407
	'QL405.title': () => 'disk.EnableUUID が FALSE です: アプリケーション整合の静止処理は行われません',
	'QL405.message': (p) =>
		`この VM では disk.EnableUUID = FALSE が設定されています。この場合、Windows ゲストではファイルシステムの静止処理だけが行われ、VSS ライター (SQL Server、Exchange など) は静止スナップショットに参加しません。${p.attempts.length > 0 ? `試行 ${p.attempts.join(', ')} はファイルシステム整合で終了しました。` : ''}`,
	'QL405.fix.powerOff': () => 'VM をパワーオフしてください。',
	'QL405.fix.set': () => 'vSphere Client で [設定の編集] → [仮想マシン オプション] → [詳細] → [構成パラメータ] を開き、`disk.EnableUUID` を `TRUE` に設定してください。',
	'QL405.fix.retake': () => 'VM をパワーオンして新しい静止スナップショットを作成し、アプリケーション整合であることを確認してください。',
	'QL406.title': () => 'VMware Tools でアプリケーションの静止処理が無効にされています',
	'QL406.message': (p) =>
		`ゲストの tools.conf で、VSS によるアプリケーションの静止処理が無効になっています (${p.settings.join('; ')})。この VM の静止スナップショットはファイルシステム整合が上限で、アプリケーション整合にはなりません。${p.attempts.length > 0 ? `試行 ${p.attempts.join(', ')} はファイルシステム整合で終了しました。` : ''}`,
	'QL406.fix.edit': () => '`C:\\ProgramData\\VMware\\VMware Tools\\tools.conf` を編集し、`[vmbackup]` セクションからその行を削除してください (問題のあるライターを除外するためなど、意図的にファイルシステム整合を選んだ場合を除きます)。',

	'QL407.title': () => 'VMware Tools でファイルシステムのフリーズが無効にされています: 「静止」スナップショットはクラッシュ整合です',
	'QL407.message': (p) =>
		`ゲストの tools.conf で同期ドライバーが無効になっています (${p.settings.join('; ')})。この場合 VMware Tools は静止スナップショットのためにファイルシステムをフリーズしません。ホストが静止処理を必須としない限り、バッファーをフラッシュするだけでホストに静止完了を返すため、vSphere はスナップショットを静止済みとして記録しますが、ディスクはクラッシュ整合です。ホストが必須とする場合 (Tools のログで \`forceQuiesce = 1\`) は、代わりに静止処理が失敗します ("Requested quiescing cannot be initialized")。${p.attempts.length > 0 ? `試行 ${p.attempts.join(', ')} は静止済みとして記録されています。` : ''}`,
	'QL407.fix.cause': () =>
		'フリーズのハングや失敗を回避するためにこの行を追加した場合は、その原因を直してください: フリーズできないファイルシステムは `[vmbackup]` の `excludedFileSystems` で除外するか、フリーズを妨げているものを pre-freeze スクリプトで停止します。',
	'QL407.noProvider.title': () => 'VMware Tools にゲストを静止する手段がありませんでした: 同期ドライバーが無効か、起動できませんでした',
	'QL407.noProvider.message': (p) =>
		`VMware Tools が "Requested quiescing cannot be initialized" を記録しました。ホストは静止処理を必須としましたが、Tools にはゲストのファイルシステムをフリーズするプロバイダーがなく、静止スナップショットは失敗しました。${p.settings.length > 0 ? `ゲストの tools.conf で同期ドライバーが無効になっています (${p.settings.join('; ')})。` : '同期ドライバーが tools.conf で無効にされている (`[vmbackup] enableSyncDriver = false`) か、このゲストで起動できませんでした。'}`,
	'QL407.fix.check': () =>
		'`/etc/vmware-tools/tools.conf` の `[vmbackup]` に `enableSyncDriver` がないか確認してください (あれば削除するか `true` にします)。ない場合は、警告より前の VMware Tools のログで同期ドライバーが起動できなかった理由を確認してください (カーネルがフリーズ (FIFREEZE) に対応している必要があります)。',
	'QL407.fix.edit': () => '`/etc/vmware-tools/tools.conf` を編集し、`[vmbackup]` セクションから `enableSyncDriver` を削除 (または `true` に設定) してください (クラッシュ整合のスナップショットを意図的に選んだ場合を除きます)。',

	// QL502
	'QL502.title': () => 'この VMware ゲストに Hyper-V 統合サービスの VSS プロバイダーが残っています: 影響はありません',
	'QL502.message': (p) =>
		`ゲストにはプロバイダー ${p.provider} が登録されていますが、このゲストは VMware 上で動作しています。このプロバイダーは VM が Hyper-V または Azure 上で動作していたときに Hyper-V 統合サービスが登録したもので、Hyper-V ホストがボリューム シャドウ コピー リクエスター (vmicvss) を通じて要求するバックアップにだけ使われます。VMware の静止スナップショットは VMware Tools と VMware または Microsoft のプロバイダーを使うため、このプロバイダーは関与せず、失敗の原因ではありません。バンドル内の VSS イベントもこのプロバイダーを示していません。`,
	'QL502.fix.nothing': () => 'バックアップのために変更する必要はありません。原因は他の検出結果を確認してください。',
	'QL502.fix.cleanUp': () =>
		'Hyper-V や Azure に戻さない VM でプロバイダーの一覧を整理する場合: Windows Server 2012 R2 以前では Hyper-V 統合サービスをアンインストールし、統合サービスがシステムに含まれるそれ以降の Windows ではリクエスターを無効にします: `Set-Service -Name vmicvss -StartupType Disabled`。',
	// QL501
	'QL501.title': () => 'ESXi600-201511001 より前の ESXi 6.0 で CBT が有効です: 増分バックアップが不整合になる可能性があります',
	'QL501.message': (p) =>
		`ホストは ESXi ${p.version} ${p.build} を実行しており、VM では変更ブロック追跡 (CBT) が有効です。パッチ ESXi600-201511001 (ビルド ${p.fixedBuild}) より前の ESXi 6.0 ビルドでは、スナップショットの統合中に書き込まれた変更が CBT から失われます。そのため QueryChangedDiskAreas がブロックを取りこぼし、CBT に基づく増分バックアップはすべて、気付かないうちに不整合になっている可能性があります。`,
	'QL501.fix.patch': () => 'ホストに ESXi600-201511001 以降 (それ以降の任意の 6.0 アップデート) を適用してください。',
	'QL501.fix.resetCbt': () => 'パッチの適用後、各 VM の CBT をリセットしてください: `ctkEnabled` と各ディスクの `scsiX:Y.ctkEnabled` を FALSE に設定し、スナップショットを作成して削除 (または VM をパワー サイクル) してから、TRUE に戻します。',
	'QL501.fix.full': () => '新しいフル バックアップを作成してください。パッチ適用前の変更 ID を基に増分バックアップを作成しないでください。',
	'QL503.title': (p) => (p.ramdisk !== null ? `ESXi ホストの ${p.ramdisk} RAM ディスクが${p.full ? 'いっぱいです' : 'ほぼいっぱいです'}` : 'ESXi の管理エージェントの書き込み先の空き領域がなくなりました'),
	'QL503.message': (p) =>
		[
			p.usage !== null ? `ホストの ${p.ramdisk ?? ''} RAM ディスクが${p.full ? 'いっぱいです' : 'ほぼいっぱいです'}: ${p.usage.size} のうち ${p.usage.used} を使用、空き ${p.usage.available} (${p.usage.percent}%)。` : '',
			...p.writes.map((w) => `${w.agent} は ${w.path ?? '自身のファイル'} に書き込めませんでした ("No space left")${w.path !== null && p.ramdisk !== null ? ` (${w.path} は ${p.ramdisk} RAM ディスク上にあります)` : ''}。`),
			p.stats
				? 'ESXi はメモリー上で動作し、hostd はパフォーマンス統計をこの固定サイズの RAM ディスクに保存します。いっぱいになると hostd は統計を追加できずにコア ダンプを出力して再起動し、その間ホストは vCenter にもバックアップ製品にも応答しないため、スナップショットや静止の要求は失敗するか応答しなくなります。'
				: 'ESXi はメモリー上で動作し、RAM ディスクのサイズは固定です。いっぱいになった RAM ディスクへの書き込みはすべて失敗し、管理エージェントが失敗して vCenter やバックアップ製品に応答しなくなることがあります。',
		]
			.filter(Boolean)
			.join(''),
	'QL503.fix.vdf': () => 'ホスト上 (ESXi Shell または SSH) で `vdf -h` を実行し、各 RAM ディスクの Use% を確認してください。',
	'QL503.fix.clearStats': () => 'hostdstats RAM ディスクを空けてください: hostd の統計ファイルを削除します (`rm -rf /var/lib/vmware/hostd/stats/*`。hostd が新しく作り直し、ホストの過去のパフォーマンス チャートは最初からになります)。',
	'QL503.fix.other': (p) => `${p.ramdisk} RAM ディスクを埋めているファイルを探し (マウント ポイントで \`du -a\` を実行し、大きいものが最後)、不要なもの (古いログ、コア ダンプ、手動でコピーしたファイル) を削除してください。`,
	'QL503.fix.restart': () => '管理エージェントを再起動してください: `/etc/init.d/hostd restart` (すべてのエージェントは `services.sh restart`。VM は動作したままです)。その後、ホストが vCenter に再接続したことを確認します。',
	'QL503.fix.update': () => '再びいっぱいになる場合は、ESXi をそのバージョンの最新ビルドに更新してから、バックアップをもう一度実行してください。',

	// QL112
	'QL112.title': (p) =>
		p.kind === 'guest-shadow-copy'
			? `${p.requester ?? 'バックアップ製品'} が要求したシャドウ コピー ${p.id} が失敗しました。原因はバンドルからはわかりません`
			: p.kind === 'hyperv-checkpoint'
				? `Hyper-V のチェックポイント ${p.id} が失敗しました。原因はバンドルからはわかりません`
				: `静止スナップショット ${p.id} が失敗しました。原因はバンドルからはわかりません`,
	'QL112.message': (p) =>
		p.kind === 'guest-shadow-copy'
			? `${p.attempt}は失敗しました。${p.requester ?? 'バックアップ製品'} が Windows 内の VSS にシャドウ コピーを要求し、失敗を報告していますが、バンドルには原因を示す記録 (その時刻のライター、プロバイダー、VSS、VolSnap のイベント) がありません。`
			: p.kind === 'hyperv-checkpoint'
				? `${p.attempt}は失敗しました。Hyper-V は VM のチェックポイント (バックアップのもの、または手動やツールで作成するもの) を作成できませんでしたが、バンドルには原因を示す記録 (コードや理由付きの VMMS イベント、その時刻のゲストのライター、プロバイダー、VSS イベント) がありません。`
				: `${p.attempt}は${p.fault ? ` ${p.fault}${p.faultMeaning ? ` (${p.faultMeaning})` : ''} で` : ''}失敗しましたが、バンドルには原因を示すゲスト側の記録 (その時刻の VMware Tools のエラー、ライター、プロバイダー、VSS イベント) がありません。`,
	'QL112.fix.debug': () => 'ゲストの tools.conf で静止処理の VMware Tools デバッグ ログを有効にし (`[logging]` の `vmbackup.level = debug`、`vmbackup.handler = vmx`)、VMware Tools を再起動して問題を再現してください。',
	'QL112.fix.collect': () => '失敗の直後に、ゲストのアプリケーション ログとシステム ログ (`wevtutil epl Application app.evtx`、`wevtutil epl System sys.evtx`) と、`vssadmin list writers` / `vssadmin list providers` の出力を収集してください。',
	'QL112.fix.hostLogs': () => 'その時刻の VM の vmware.log とホストの hostd.log をバンドルに追加してください。',
	'QL112.fix.analyse': () => '新しいバンドルを分析してください。',
	'QL112.fix.productLog': (p) => `${p.requester ?? 'バックアップ製品'} 自身のそのジョブのログ (エラー テキストとコードを含むセッション ログまたはジョブ ログ) をバンドルに追加してください。`,
	'QL112.fix.hyperv': () => 'その時刻のホストの Hyper-V-VMMS Admin ログ (`wevtutil epl Microsoft-Windows-Hyper-V-VMMS-Admin vmms.evtx`) を追加し、VM の設定で統合サービスのバックアップ (ボリューム シャドウ コピー) が有効か確認してください。',

	// Hover explanations
	'QL550.title': (p) => `${p.product} がバックアップの失敗を報告しました: ${p.label}${p.writer ? ` (${p.writer})` : ''}`,
	'QL550.message': (p) =>
		`VSS リクエスターである ${p.product} が ${p.label}${p.printed ? ` (表記: ${p.printed})` : ''} を報告しています${p.meaning ? `。意味: ${p.meaning}` : ''}。${p.own ? `製品自身のエラー ${p.own.code}: ${p.own.meaning}。` : ''}${p.writer ? `報告されたライターは '${p.writer}' です。` : ''}${p.operation ? `処理: ${p.operation}。` : ''}${p.path ? `対象: ${p.path}。` : p.volume ? `ボリューム: ${p.volume}。` : ''}${p.echo ?? (p.hresult ? 'VSSControl -2147467259 (E_FAIL) のようなラッパー コードは要求が失敗したことしか示しません。原因は上記のコードです。' : '')}`,
	'QL550.page.title': (p) => `本文は ${p.label} を説明しています`,
	'QL550.page.message': (p) => `${p.label}${p.meaning ? `: ${p.meaning}` : ''}。${p.own ? `製品自身のエラー ${p.own.code}: ${p.own.meaning}。` : ''}本文はこのコードの説明であり、バックアップの実行記録ではありません。`,
	'QL550.fix.code': (p) => {
		switch (p.code) {
			case '0x80042306':
				return 'シャドウ コピー プロバイダーがスナップショットを拒否しました (プロバイダー拒否)。Microsoft Software Shadow Copy プロバイダーの場合、よくある 3 つの原因を確認してください: バックアップ対象のボリュームがすべて NTFS (または ReFS) であること、各ディスクに 100 MB 以上の空きがある NTFS ボリュームがあること (`Get-Volume` で確認)、バックアップ開始時の I/O 負荷が高いとプロバイダーが区切りを決められないこと (I/O のピークを避けてジョブを実行)。`vssadmin list providers` で使われたプロバイダーを確認し、不要なサードパーティ プロバイダーを削除してください。';
			case '0x8004231F':
				return 'シャドウ コピー記憶域 (差分領域) に空きがありません。ボリュームの空き容量を増やし (10～20% 以上)、上限を引き上げてください (例: `vssadmin resize shadowstorage /for=C: /on=C: /maxsize=10%`)。別のボリュームに置くこともできます (`vssadmin add shadowstorage /for=C: /on=D:`)。';
			case '0x800423F2':
				return `${p.writer ?? 'ライター'} が Freeze と Thaw の間でタイムアウトしました。VSS ライターがフリーズを保持できるのは約 60 秒${p.exchange ? 'で、Exchange ライターは約 20 秒しか許容しません' : 'です'}。フリーズ時間を短くし (高速なスナップショット用ストレージ、メモリを含めない、古いスナップショットの削除)、I/O の多いジョブをバックアップの時間帯から外してください${p.service ? `。ライターをリセットするには \`${p.service}\` を再起動します` : ''}。`;
			case '0x800423F0':
				return `${p.writer ?? 'ライター'} のデータがシャドウ コピー セットに含まれないボリュームにあります (不整合なシャドウ コピー)。データベースとログがあるすべてのボリュームをバックアップに含めるか、ファイルを移動してください。`;
			case '0x800423F4':
			case '0x800423F3':
				return `\`vssadmin list writers\` を実行して ${p.writer ?? '失敗したライター'} を確認し、ホストしているサービスを再起動してください${p.service ? ` (\`Restart-Service -Name ${p.service}\`)` : ''}。バックアップ時刻のアプリケーション ログでライター自身のエラーを確認してください。`;
			case '0x81000019':
			case '0x807800A1':
				return 'シャドウ コピーの作成に失敗しました。同じレポート内のライターまたは VSS のエラー (またはその時刻の VSS 8229/12289 イベント) が原因です。まずそのライターに対処してください。';
			case '0x807800C5':
				return 'Windows Server Backup がボリュームの 1 つのバックアップ イメージを準備できませんでした。まず保存先を確認してください (WSB が専用にフォーマットした空きのあるディスク、大きなファイルを受け付けるネットワーク共有、古いビルドでの 4K セクターの保存先)。次に各バックアップ元ボリュームにシャドウ コピー用の余地があるかを確認してください。空きが数 MB しかない小さなシステムで予約済み・EFI・回復パーティションにはシャドウ コピーを置けないため、より大きなボリュームにシャドウ コピー記憶域を割り当て (`vssadmin add shadowstorage /for=<そのボリューム> /on=E: /maxsize=1GB`、コマンドのためにドライブ文字を割り当てる)、バックアップを再実行してください。';
			case '0x80780049':
				return (
					'何もバックアップされませんでした。Windows Server Backup のエラー ログ (`C:\\Windows\\Logs\\WindowsServerBackup\\Backup_Error-*.log`) を開いてください。`C:\\windows\\\\systemroot\\` のようなパスでの列挙エラー 0x8007007B は、`HKLM\\SYSTEM\\CurrentControlSet\\Services\\<name>` の `ImagePath` が不正なサービスやドライバー' +
					(p.hyperV ? '' : ' (Tools のアップグレード後の VMware vsock ドライバーなど)') +
					' が原因です。ImagePath を修正するか不要なサービスを削除してから、システム状態のバックアップを再実行してください。'
				);
			case '0x8007007B':
				return `System Writer が構文の正しくないファイル パスを列挙しました${p.path ? ` (${p.path})` : ''}。そのパスを \`ImagePath\` に持つサービスを探し (\`Get-CimInstance Win32_SystemDriver | Select Name, PathName\`、または HKLM\\SYSTEM\\CurrentControlSet\\Services を検索)、修正または削除してください。`;
			case '0x80070005':
				if (p.setup)
					return 'ライターが関わる前に、リクエスター自身の準備の呼び出し (CreateVssBackupComponents または InitializeForBackup) が拒否されました。プロセスにバックアップの権限がありません。管理者として (コンソールでは "管理者として実行" で) 実行するか、LocalSystem または Administrators / Backup Operators グループのアカウントでサービスとして実行してください。Volume Shadow Copy サービスのスタートアップの種類が "手動" であることも確認してください。';
				return `${p.path ? `${p.path} への` : ''}アクセスが拒否されました。バックアップを実行するアカウントを確認し、ファイル単位の選択からシステムのメタデータ フォルダー (\\$Extend\\$RmMetadata など) を除外し、ウイルス対策の除外設定を確認してください。`;
			case '0x8000FFFF':
				return 'リクエスターの VSS 呼び出しが予期せず失敗しました。ログで続くライターの状態ブロックに失敗したライターが示されています。そのライターをリセットしてください。';
			case '-1022':
			case '-1018':
				return 'ESE がデータベースまたはログを読み取れませんでした。ディスクとコントローラー (システム ログの disk/ntfs エラー)、データベースとログのフォルダーのウイルス対策除外を確認し、データベースに `eseutil /k` を実行してください。';
			case '-2403':
				return 'ESE がスナップショットを拒否しました。別のバックアップや回復が実行中だったか、ログ ファイルが手動で移動・削除されています。バックアップが 1 つだけ実行されるようにし、ストアをマウントし直すか Information Store サービスを再起動してください。';
			case '0xE000FED1':
			case '0xA000FED1':
				return '保護対象のサーバーで `vssadmin list writers` を実行し、失敗したライターをリセット (サービスを再起動) してからジョブを再実行してください。';
			case '0xE000FEDD':
				return '保護対象のサーバーで、HKLM\\SYSTEM\\CurrentControlSet\\Services の `ImagePath` が存在しないファイルやフォルダーを指しているサービスまたはドライバーを探してください (`Get-CimInstance Win32_Service | Select Name, PathName`、Win32_SystemDriver も同様。`vssadmin list writers` で System Writer の状態を確認できます)。パスを修正する (ウイルス対策エージェントのサービスが既知の例です) か不要なサービスを削除してから、システム状態のバックアップを再実行してください。';
			case '0xE00084AF':
			case '0xA00084AF':
				return '保護対象のサーバーで、ジョブ ログに記載された項目を確認してください。複数のボリュームを同時にスナップショットしている場合は、1 ボリュームずつ処理する設定 (Advanced Open File Option の「バックアップの論理ボリュームを一度に 1 つずつ処理する」) にし、各ボリュームのスナップショット用の空き容量を確認してください。';
			case '0xA000851C':
				return 'スナップショット プロバイダーのキャッシュ ファイルを置くボリュームの空き容量を増やすか、容量のあるボリュームへ移してから、ジョブを再実行してください。';
			case '<43426>':
				return 'Hyper-V ホストで、VM のフォルダーに Hyper-V マネージャーのどのチェックポイントにも対応しない .avhdx チェックポイント ファイルがないか確認してください (`Get-VMSnapshot <vm>`、ディスク チェーンは `Get-VMHardDiskDrive <vm> | Get-VHD`)。孤立したファイルを統合または削除してからバックアップを再実行してください。エラーの内容は winclustersvc.log と Hyper-V-VMMS 管理ログにあります。';
			case 'ANS4251W':
				return "見つからないファイルをバイナリとするサービスまたはドライバーを探してください (`Get-CimInstance Win32_SystemDriver | Where-Object PathName -like '*<ファイル名>*'`、Win32_Service も同様、または HKLM\\SYSTEM\\CurrentControlSet\\Services でそのファイルを指す ImagePath を検索)。その古いエントリを削除するか、それが属するプログラムを再インストールしてから、システム状態のバックアップを再実行してください。";
			case '0xE000853E':
				return 'ジョブ ログの最後 (ジョブ完了状態) の UMI コードを確認してください。AOFO の本当のエラーを示します。保護対象のサーバーに Advanced Open File Option とそのドライバー vsp.sys がインストールされ、インストール後に再起動されたことを確認してください。Windows Server 2008 以降は VSS でのみスナップショットを作成します。';
			case 'job error 32768':
			case 'job error 32770':
			case 'job error 32774':
			case 'job error 32775':
				return 'Hyper-V ホストの Hyper-V-VMMS Admin ログ (アプリケーションとサービス ログ > Microsoft > Windows > Hyper-V-VMMS > Admin) のその時刻のエラーを確認してください。VM とチェックポイントまたはバックアップのジョブが失敗した理由がわかります。その VM、またはディスクを共有する VM のほかのチェックポイント、バックアップ、レプリケーションが同時に実行されていなかったこと、VM の構成 (共有 VHDX、VHD セット、パススルー ディスク) が運用チェックポイントに対応していることを確認してください。';
			case 'DPM ID 2033':
				return 'DPM がシャドウ コピー経由で読み取ったファイルが壊れています (0x80070017 のようなデータ エラーはチェックサムの不一致で、VSS の障害ではありません)。Exchange では、エラーが示すトランザクション ログを確認してください: 保護対象サーバーではその名前を変更し、別のデータベース コピー (DAG メンバー) から正常なものをコピーします。パスが DPM のレプリカ ボリュームの場合はそちらで置き換えます。その後、整合性チェックを実行してください。';
			case 'DPM ID 30146':
			case '-528':
				return 'Exchange データベースに必要なトランザクション ログ ファイルがありません (ESE -528)。Exchange サーバーと DPM サーバーのウイルス対策ソフトが削除・隔離したログ ファイルがないか確認し、データベース、ログ、DPM レプリカのフォルダーをスキャン対象から除外してください。ログ セットに `eseutil /ml` を実行して欠落を確認し、整合性チェックを実行してください。';
			case 'DPM ID 30216':
				return '前回の同期以降、データベースのログ チェーンが途切れています: ほかのバックアップ プログラムや手作業の削除が Exchange のログを切り詰めていないことを確認し、新しいチェーンを始める高速完全バックアップを実行してください (再び失敗する場合は、そのデータベースの循環ログを一度有効にしてから無効にしてください)。';
			case 'DPM ID 30229':
				return '保護対象コンピューターで、ジョブの時刻の Microsoft-Windows-Backup ログ (DPM のメッセージが示す WSB のイベントとエラー コード。イベント 5、517、521) を確認してください。そのコードが Windows Server バックアップの失敗の理由を示します。原因を直してからジョブを再実行してください。';
			case 'DPM ID 30111':
			case 'DPM ID 30112':
				return '保護対象コンピューターで `vssadmin list writers` を実行し、[1] Stable でないライターのサービスを再起動してください。Hyper-V ホストのバックアップでは `vssadmin list providers` も実行してください。自動回復に対応しない VSS ハードウェア プロバイダーがあると、オンラインの VM バックアップはすべて失敗します。DPM のエージェントにシステム プロバイダーを使わせるか (HKLM\\SOFTWARE\\Microsoft\\Microsoft Data Protection Manager\\Agent の `UseSystemSoftwareProvider` キー、KB 2462424)、VM を保存状態でバックアップしてください。';
			case 'status 156':
				return 'クライアントでスナップショット用の領域を確保してください: バックアップするボリュームのシャドウ コピー記憶域 (`vssadmin list shadowstorage`、`vssadmin resize shadowstorage /for=C: /on=C: /maxsize=20%`) または VSP のキャッシュを大きくし、ジョブの bpfis と bpbkar のログで失敗したボリュームを確認してください。使用中のファイルを保護する必要がなければ、そのクライアントの Windows Open File Backup を無効にしてください。';
			case '0xA000971E':
				return 'VM のほかのバックアップが実行されていなければ、Hyper-V ホストで残った回復チェックポイントを削除し (Hyper-V マネージャー、または `Get-VMSnapshot -VMName <vm> -SnapshotType Recovery | Remove-VMSnapshot`)、マージが終わってからジョブを再実行してください。Backup Exec 15 FP3 以降は Hyper-V のバックアップの間にチェックポイントを 1 つ保持することがあります (Veritas 100031826)。サーバーの Hyper-V の増分方式の設定を確認してください。';
			case '0xA0009723':
				return 'ジョブの時刻の Hyper-V ホストの Hyper-V-VMMS Admin ログを確認してください。VM の回復チェックポイントを作成できなかった理由 (残ったチェックポイント、VM のストレージ、ゲストの統合サービス) がわかります。原因を直してからジョブを再実行してください。';
			case '0xE0008488':
				return 'ジョブの Backup Exec ログオン アカウントに保護対象サーバーの管理者権限 (とエージェントに必要なユーザー権利) を与えてから、ジョブを再実行してください。';
			case 'ExtensionFailedVssWriterInBadState':
				return 'VM 内で管理者として `vssadmin list writers` を実行し、[1] Stable でないライターのサービスをすべて再起動する (`net stop <サービス>` の後 `net start <サービス>`) か、VM を再起動してから、バックアップを再実行してください。';
			case 'ExtensionFailedVssServiceInBadState':
				return 'VM 内で Volume Shadow Copy サービスを再起動し (`net stop VSS` の後 `net start VSS`、または VM の再起動)、`vssadmin list writers` が応答することを確認してから、バックアップを再実行してください。';
			case 'ExtensionSnapshotFailedCOM':
			case 'ExtensionInstallationFailedCOM':
			case 'ExtensionInstallationFailedMDTC':
				return 'VM 内で COM+ System Application と Distributed Transaction Coordinator のサービスを開始してから (`net start COMSysApp`、`net start MSDTC`。MSDTC が開始しない場合は `msdtc -uninstall` の後 `msdtc -install`)、バックアップを再実行してください。';
			case 'ExtensionSnapshotBitlockerError':
				return 'VM 内で BitLocker によってロックされているドライブのロックを解除するか (`manage-bde -status` で該当ドライブを確認し、`manage-bde -unlock <ドライブ>` と `manage-bde -autounlock -enable <ドライブ>` でデータ ドライブをロック解除のままにできます)、Microsoft の案内どおり VM のドライブの BitLocker をオフにしてから、バックアップを再実行してください。';
			case 'ExtensionFailedTimeoutVMNetworkUnresponsive':
				return 'スナップショットがタイムアウトしました。ホスト側でスナップショットを取得させるか (VM 内の管理者コマンド プロンプトで `REG ADD "HKLM\\SOFTWARE\\Microsoft\\BcdrAgentPersistentKeys" /v SnapshotMethod /t REG_SZ /d firstHostThenGuest /f`)、CPU と I/O の負荷が低い時間帯にバックアップを移すか、VM のサイズを大きくしてから、バックアップを再実行してください。';
			case 'UserErrorFsFreezeFailed':
				return 'Linux VM 内で、フリーズに失敗したファイル システムをアンマウントし (`umount`)、`fsck` で検査して再マウントしてから、バックアップを再実行してください。';
			case 'VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED':
				return 'Windows ゲストに XenServer VSS プロバイダー (XenServer / Citrix VM Tools の VSS コンポーネント) をインストールするか、静止なしで VM のスナップショットを取得してください。Citrix Hypervisor 8.1 以降には静止スナップショット自体がありません (`MESSAGE_REMOVED`)。';
			case 'VM_SNAPSHOT_WITH_QUIESCE_PLUGIN_DEOS_NOT_RESPOND':
				return 'ゲストで XenServer ゲスト エージェントと XenServer VSS プロバイダーのサービスが実行されていることを確認し (サービスまたは VM を再起動)、静止スナップショットを再試行してください。';
			case 'VM_SNAPSHOT_WITH_QUIESCE_TIMEOUT':
			case 'VM_SNAPSHOT_WITH_QUIESCE_FAILED':
				return 'ゲストで、スナップショット時刻のアプリケーション ログの VSS イベントを読み、`vssadmin list writers` を実行してください。[1] Stable でないライターのサービスを再起動し、ディスクの負荷が低い時間帯に再試行してください。静止なしのスナップショットにフォールバックするツールでは、クラッシュ整合性になります。';
			default:
				return p.advice ? `${p.advice}` : `製品のドキュメントと、バックアップ時刻のアプリケーション ログ (VSS、VolSnap、ライター自身のソース) で ${p.code} を確認してください。`;
		}
	},
	'QL550.fix.events': () => 'その時刻のゲストのアプリケーション ログとシステム ログ (VSS 8193/8229/12289/12293、VolSnap 25/36) と `vssadmin list writers` を確認してください。VSS 側の検出結果が対処すべきライターやプロバイダーを示します。',
	'QL550.fix.truncation': (p) => `修正後、${p.product} のログ切り捨てを確認してください: ${p.truncation}。`,
	'QL552.title': (p) => `${p.product} が仮想マシンを静止できませんでした`,
	'QL552.message': (p) =>
		`バックアップ製品の静止スナップショットが失敗しました${p.code ? ` (${p.code})` : ''}${p.meaning ? ` (${p.meaning})` : ''}。VMware Tools がゲストの VSS にアプリケーションのフリーズを要求し、VSS ライターまたはアプリケーションのサービスが時間内にフリーズ (またはソー) しませんでした。`,
	'QL552.fix.guestLogs': () => 'バックアップ時刻のゲストのアプリケーション ログ (VSS 8193/8229/12289) と VMware Tools のログ、VM の vmware.log の静止エラーを確認してください。',
	'QL552.fix.writers': () => 'ゲストで `vssadmin list writers` を実行し、[1] 安定 でないライターはサービスを再起動してリセットしてください。',
	'QL552.fix.services': () => '特定のアプリケーションが常にフリーズを妨げる場合は、VMware Tools の pre-freeze/post-thaw スクリプト (backupScripts.d) でスナップショット前にそのサービスを停止し、後で開始してください。',
	'QL553.title': (p) => `ジョブはオペレーターによって停止されました${p.user ? ` (${p.user})` : ''}`,
	'QL553.message': (p) =>
		`"Operation was canceled by user${p.user ? ` ${p.user}` : ''}": VSS や静止の失敗ではなく、停止要求です。${p.tasks > 0 ? `${p.tasks} 個のタスクのうち ${p.tasksOk} 個は既に状態 Success で完了しており、それらの VM のバックアップは成功しています。` : ''}${p.jobStatus ? `ジョブの状態 '${p.jobStatus}' は停止によるものです。` : ''}${p.failedSteps.length > 0 ? `停止で中断された処理: ${p.failedSteps.map((s) => `"${s}"`).join('; ')}。` : ''}`,
	'QL553.fix.rerun': () => '修復は不要です。ジョブを再実行する (または次のスケジュール実行を完了させる) と、保持期間の処理や合成変換 (Transform) など中断された処理が完了します。',
	'QL553.fix.who': () => '意図した停止でない場合は、停止したユーザー (上記) と、ジョブを停止するスクリプトや別のコンソールがないかを確認してください。',
	'QL555.title': (p) =>
		p.failed
			? `${p.product}: ゲスト エージェントによるゲストのファイルシステムの${p.action === 'thaw' ? 'フリーズ解除' : 'フリーズ'}が失敗しました`
			: `${p.product} はファイルシステムをフリーズせずに VM をバックアップしました: ${p.disabled ? 'VM のオプションでフリーズが無効です' : 'ゲスト エージェントが応答しませんでした'}`,
	'QL555.message': (p) =>
		(p.unreachable
			? `ホスト${p.vm ? ` (VM ${p.vm})` : ''}はゲスト エージェントの fs-${p.action} を求めましたが、libvirt は QEMU ゲスト エージェントに接続できませんでした (${p.detail})。ゲストには何も送られていません。`
			: p.failed
				? `ホスト${p.vm ? ` (VM ${p.vm})` : ''}は QEMU ゲスト エージェントにゲストのファイルシステムの${p.action === 'thaw' ? 'フリーズ解除' : 'フリーズ'} (fs-${p.action}) を求め、エージェントのコマンドが${p.detail || !p.timedOut ? `失敗しました${p.detail ? `: ${p.detail}` : ''}` : '時間内に戻りませんでした'}。` +
					(p.timedOut ? ` フリーズがホストのタイムアウトを超えたため、ホストはスナップショットを中止しました (${p.timedOut})。` : '')
				: p.disabled
					? `バックアップ${p.vm ? ` (VM ${p.vm})` : ''}はゲスト エージェントの fs-${p.action} を省略しました (${p.detail})。VM のゲスト エージェント オプションでバックアップ時のフリーズが無効 (\`freeze-fs-on-backup=0\`) のため、エージェントには要求されていません。`
					: `バックアップ${p.vm ? ` (VM ${p.vm})` : ''}はゲスト エージェントの fs-${p.action} を省略しました${p.detail ? ` (${p.detail})` : ''}。エージェントは VM のオプションで有効ですが応答しませんでした (ゲストに未インストールか未起動、またはエージェントのチャネルを追加する前から VM が起動している)。`) +
		(p.action === 'thaw' && p.failed
			? ' ゲストのファイルシステムはまだフリーズされている可能性があり、解除されるまで書き込みが止まります。'
			: p.noSnapshot
				? ' フリーズが失敗したため、静止スナップショットは作成されませんでした。'
				: ' ホストはフリーズなしで続行したため、スナップショットはアプリケーション整合ではなくクラッシュ整合です (フラッシュなし、Windows では VSS ライターも呼ばれません)。') +
		(p.hook ? ' エージェントのエラーは fsfreeze フックのものです。フリーズ時にゲストで実行されるスクリプトが失敗し、エージェントはそのためにフリーズを失敗させました。' : ''),
	'QL555.fix.agent': (p) =>
		`ゲストに QEMU ゲスト エージェントをインストールして起動し (Linux: \`qemu-guest-agent\` パッケージ、\`systemctl enable --now qemu-guest-agent\`、Windows: VirtIO ゲスト ツール)、VM のオプションで有効にしてから、エージェントのチャネルが付くようにホストから VM を停止して起動してください。\`${p.ping}\` で確認できます。`,
	'QL555.fix.enable': () =>
		'意図してフリーズを無効にしたのでなければ (よくある理由は、VSS を単独で使いたい Windows ゲスト内のバックアップです)、再び有効にしてください: `qm set <vm> --agent enabled=1,freeze-fs-on-backup=1` (VM のオプション、QEMU ゲスト エージェント)。無効のままではバックアップはクラッシュ整合のままです。',
	'QL555.fix.hook': () =>
		'ゲストでフックを手動で実行し (`/etc/qemu/fsfreeze-hook freeze`、続いて `/etc/qemu/fsfreeze-hook thaw`)、失敗する `/etc/qemu/fsfreeze-hook.d/` のスクリプト (またはフック自体) を直して、そのログ (`/var/log/qga-fsfreeze-hook.log`) を確認してください。',
	'QL555.fix.test': (p) => `失敗した時刻のゲストのエージェントのログ (\`journalctl -u qemu-guest-agent\`、Windows: アプリケーション ログの VSS イベント) を確認し、ホストからフリーズを試してください: \`${p.freeze}\`、続いて \`${p.thaw}\`。`,
	'QL555.fix.thaw': (p) => `ホストから今すぐゲストのフリーズを解除してください: \`${p.thaw}\`。`,
	'QL554.title': (p) => (p.said ? `${p.product} のジョブが失敗しました。ログにはコードもスナップショットの原因もありません` : `${p.product} のジョブが失敗しましたが、このログには理由がありません`),
	'QL554.message': (p) => `ジョブ セッションは状態 Failed で終了しました${p.details ? ` (詳細: ${p.details})` : ''}が、このファイルにはコード付きのエラーがありません。`,
	'QL554.fix.taskLog': () => 'VM ごとのタスク ログ (Veeam: `C:\\ProgramData\\Veeam\\Backup\\<job>\\Task.<vm>.log`) またはコンソールのジョブのエラー テキストをバンドルに加えて、再度分析してください。',
	'QL554.fix.hostLogs': () =>
		'ジョブの時刻の VM の vmware.log とホストの hostd.log、vmkernel.log をバンドルに加えてください。ホストにスナップショットを要求する製品は失敗したことしか記録しないことが多く、理由 (スナップショットや静止処理のエラー、データストアの I/O エラー) はホストが記録します。',
	'QL554.fix.byHand': (p) =>
		`${p.product} はスナップショット要求に対するホストの応答を記録しません。ホストのシェルで同じスナップショットを手動で作成し、表示されるエラーを確認してください (\`${p.command}\`。最後の 2 つの引数はメモリと静止処理です。テスト用スナップショットは後で削除してください)。静止処理を 1 にしたときだけ失敗する場合は、ゲストの静止処理が原因です。`,
	'QL554.fix.virsh': (p) =>
		`コマンドの後に virsh が出力したエラー (\`error: …\`) を確認してください。ツールのログにコマンドが失敗したことしかない場合は、ホストで同じコマンドを手動で実行し、virsh のエラーを確認してください。\`--quiesce\` を付けたときだけ失敗する場合、原因はゲスト エージェントのフリーズです: \`${p.ping}\` でエージェントを確認し、\`${p.freeze}\` と \`${p.thaw}\` でフリーズを試してください。`,
	'QL554.fix.kvm': () =>
		'このタスク ログがジョブの唯一の記録です。`failed -` の後のテキストがその理由です。ゲスト エージェントのフリーズとフリーズ解除 (thaw) が失敗していない (または要求されていない) 場合、原因はゲストの静止処理ではありません。バックアップ ストレージとホストからの接続、ジョブの時刻のホストのジャーナル (`journalctl`) を確認してください。',
	'QL554.fix.guest': () => 'ジョブの時刻のゲストのアプリケーション ログとシステム ログ、`vssadmin list writers` の出力を加えてください。',
	'QL560.title': (p) => `${p.product} がゲストに接続またはログオンできませんでした${p.code !== null ? ` (Win32 ${p.code}${p.name ? ` ${p.name}` : ''})` : ''}`,
	'QL560.message': (p) =>
		`ゲスト処理は VSS を呼び出す前に失敗しました。${p.product} はゲスト内のコンポーネントを実行するためにゲスト (管理共有、RPC${p.vmware ? '、または VMware VIX' : ''}) に接続できませんでした${p.code !== null ? `。Windows は Win32 エラー ${p.code}${p.name ? ` ${p.name}` : ''}${p.meaning ? ` (${p.meaning})` : ''} を返しました` : ''}。これは VSS${p.vmware ? ' や VMware Tools の静止' : ''} の失敗ではありません。シャドウ コピーは要求されていないため、ライターやプロバイダーの問題ではありません。`,
	'QL560.fix.credentials': () => 'ジョブのゲスト OS 資格情報を確認してください ([Guest Processing] → [Credentials] で [Test Now])。ゲストのローカル管理者権限を持ち、`DOMAIN\\user` または `HOST\\user` の形式で、現在のパスワードを持つアカウントが必要です。',
	'QL560.fix.account': () =>
		'アカウントは存在しますが、現在ログオンできません。アカウントのロックアウト解除、有効化、または更新を行い (Active Directory ユーザーとコンピューター、または `net user <name> /domain`)、ロックアウトの原因 (別のジョブ、サービス、タスク スケジューラ、ネットワーク ドライブに保存された古いパスワード) を探してください。',
	'QL560.fix.rights': (p) =>
		`ゲスト処理に必要な権限をアカウントに与えてください: ゲストのローカル Administrators グループのメンバーであること (組み込みの Administrator 以外のローカル アカウントは UAC のリモート制限で権限が外されるため、ドメイン アカウントか組み込みの Administrator を使用してください)${p.code === 1385 ? '。また「バッチ ジョブとしてログオン」の権利を与えるか、Veeam が対話型ログオンに切り替えられるようにしてください' : ''}。`,
	'QL560.fix.network': (p) =>
		`ゲスト インタラクション プロキシからゲストに到達できるようにしてください: ゲストのファイアウォールで「ファイルとプリンターの共有」と RPC (TCP 445、135、動的 RPC ポート) を許可し、ADMIN$ 共有があり、ゲストの名前が DNS で解決できること。またはゲストと同じネットワークのゲスト インタラクション プロキシを選んでください。${p.vmware ? 'ネットワーク経路がない場合、Veeam は VMware VIX を使います。これにはゲストで VMware Tools が動作していることと同じ資格情報が必要です。' : ''}`,
	'QL560.fix.session': () =>
		'プロキシは別のユーザー名でゲストへの接続を既に持っています。ゲスト インタラクション プロキシでその接続を削除するか (`net use` で一覧表示、`net use \\\\<guest>\\ADMIN$ /delete`)、このゲストを処理するすべてのジョブで同じアカウントを使用してください。',
	'QL560.fix.retry': () => 'ジョブを再試行し、VM のゲスト処理のステップが成功することを確認してください。',
	'QL561.title': (p) => `ゲストの VSS 準備が ${p.product} の待機時間を超えました`,
	'QL561.message': (p) =>
		`${p.product} はゲストがフリーズの準備を終えるのを待つのをやめました。VSS の準備 (ライターによるコンポーネント、ファイル、ボリュームの列挙) が制限時間 (既定 900 秒) 内に終わりませんでした。多くの場合、ゲストの CPU やディスク性能の不足、非常に多くのファイルを列挙するライター、または VSS を遅くするセキュリティ ソフトウェアが原因です。`,
	'QL561.fix.writers': () => '失敗直後にゲストで `vssadmin list writers` を実行し、その時刻のアプリケーション ログで VSS エラー (8193、12289、8229) を確認してください。遅い、または停止しているライターが対処 (再起動) すべきものです。',
	'QL561.fix.antivirus': () => 'バックアップと VSS のプロセスをウイルス対策のスキャン対象から除外してください。切り分けとしては、ウイルス対策をアンインストールして (無効化ではフィルター ドライバーが残ることがあります) 再起動し、ジョブを再実行してください。',
	'QL561.fix.performance': () => 'ジョブ中のゲストの CPU、メモリ、ディスク遅延を確認し、重い処理 (スキャン、データベースのメンテナンス) をバックアップの時間帯から外してください。',
	'QL561.fix.timeout': () => '準備が本質的に長い場合 (数百万のファイルを持つライターなど) は、Veeam KB1377 の説明に従ってバックアップ サーバーで VSS 準備のタイムアウトを延長してください。',
	'QL562.title': (p) => `${p.product} が VM スナップショットを終える前に、ゲストの VSS フリーズの時間枠が閉じました`,
	'QL562.message': (p) =>
		`${p.product} はゲストのライターをフリーズした後、フリーズの確認、ハイパーバイザーでの VM スナップショットの作成、解凍 (Thaw) の送信を、ライターのフリーズ時間枠 (最大 60 秒、Exchange は 20 秒) 内に行う必要がありましたが、先に時間枠が閉じました。主な原因は、${p.vmware ? 'スナップショット作成の遅さ (古いまたは大きなスナップショット、データストアの遅延、vCenter やホストの高負荷) と、ネットワークではなく VMware VIX 経由でゲストに接続していること (各ステップに遅延が加わる)' : 'スナップショット作成の遅さ (ストレージの遅延、ホストの高負荷)'} です。この制限は VSS 自身のもので、延長できません。`,
	'QL562.fix.snapshot': () => 'VM スナップショットを速くしてください: VM の古いスナップショットを削除または統合し、ジョブの時刻のデータストアの遅延と vCenter およびホストの負荷を確認してください。',
	'QL562.fix.network': () => 'ゲスト インタラクション プロキシからゲストへのネットワーク経路 (ファイアウォール、DNS) を用意し、フリーズと解凍の呼び出しで Veeam が VMware VIX に切り替えないようにしてください。',
	'QL562.fix.load': () => 'I/O の多い処理 (データベースのメンテナンス、ウイルス スキャン、ほかのバックアップ) をバックアップの時間帯から外し、バックアップと VSS のプロセスをウイルス対策のスキャン対象から除外してください。',
	'QL563.title': (p) => `${p.product} のゲスト内ヘルパーがシャドウ コピーを閉じました: TTL 内にキープアライブが届きませんでした${p.ttl !== null ? ` (${p.ttl} 秒)` : ''}`,
	'QL563.message': (p) =>
		`アプリケーション認識処理の間、ゲストの VeeamVssSupport サービスは、バックアップ サーバーが更新し続ける間だけシャドウ コピーを保持します (KeepSnapshotEx 呼び出し、TTL の 10 分の 1 ごと)。更新がないまま ${p.ttl} 秒${p.stated ? '' : ' (既定値)'} が経過したため${p.renewedAt ? ` (最後の更新はゲスト時刻 ${p.renewedAt})` : ''}、スナップショットを閉じました ("Snapshot timeout occurred")${p.label ? `。バックアップ サーバーの次の呼び出しは ${p.label} で失敗しました` : ''}。更新が届かなかった原因は、バックアップ サーバー (またはゲスト インタラクション プロキシ) とゲストの間のネットワークの切断か、VM のディスクを読み取っている間にゲスト、ホスト、ストレージが遅すぎて応答できなかったことです。`,
	'QL563.fix.network': () => 'その時刻のバックアップ サーバーまたはゲスト インタラクション プロキシとゲストの間のネットワーク経路を確認してください: 切断、ファイアウォールや VPN のアイドル タイムアウト、ゲストのアドレス変更。',
	'QL563.fix.performance': () => 'ジョブ中のゲストの CPU、メモリ、ディスク遅延とストレージの遅延を確認してください。RPC 呼び出しに応答できないほど忙しいゲストは更新を受け取り損ねます。',
	'QL563.fix.timeout': (p) => `再発する場合は、バックアップ サーバーでキープアライブの時間枠を広げてください: Veeam KB2825 に記載のレジストリ値 \`VSSGuestSnapshotTimeout\` (既定 ${p.ttl} 秒)。`,
	'QL570.title': (p) => `${p.product} が VSS ライター ${p.writers.join('、')} を失敗状態で検出しました`,
	'QL570.message': (p) =>
		`VSS リクエスターである ${p.product} は、シャドウ コピーを要求した時点で安定状態にない${p.writers.length === 1 ? 'ライター' : 'ライター群'}を報告しています: ${p.writers
			.map((w) => `'${w.name}'${w.state ? ` (${w.state}${w.meaning ? `: ${w.meaning}` : ''})` : ' (状態の記載なし)'}${w.service ? `、ホストするサービスは ${w.service}` : ''}`)
			.join('。')}。この状態のライターはそのデータをバックアップから外すか、バックアップを失敗させます。横に表示される成功コード (0x00000000) は原因ではありません。`,
	'QL570.fix.list': () => 'そのマシンで `vssadmin list writers` を実行し、上記の各ライターの状態と最後のエラーを確認してください。',
	'QL570.fix.restart': (p) =>
		p.service
			? `${p.writer} をサービスの再起動 (\`Restart-Service -Name ${p.service}\`) でリセットし、[1] 安定 になったことを確認してください。`
			: `${p.writer} をホストするサービスまたはアプリケーションを再起動してリセットし、[1] 安定 になったことを確認してください。`,
	'QL570.fix.events': () => 'バックアップ時刻のアプリケーション ログで、ライター自身のエラーと VSS 8193/8229/12289/12298 イベントを確認してください。失敗の理由がわかります。',
	'QL571.title': (p) => `${p.product} の Exchange ストリーミング バックアップ${p.store ? ` ('${p.store}')` : ''} が ESE バックアップ API で失敗しました`,
	'QL571.message': (p) =>
		`${p.store ? `'${p.store}'` : 'ストア'} が ${p.calls.join('、')} の呼び出しで '${p.error}' を返しました${p.code ? ` (${p.code}${p.meaning ? `: ${p.meaning}` : ''})` : ''}。これは Exchange の ESE バックアップ API による従来のオンライン (ストリーミング) バックアップで、VSS のシャドウ コピーでもマシンのスナップショットでもありません。ライター、プロバイダー、スナップショットの設定は関係しません。`,
	'QL571.fix.store': () => 'Microsoft Exchange Information Store サービスが実行中で、そのストレージ グループのデータベースがマウントされていることを確認してから再試行してください。',
	'QL571.fix.events': () => 'バックアップ時刻の Exchange サーバーのアプリケーション ログで ESE、ESE BACKUP、MSExchangeIS のイベントを確認してください。データベース、ESE のエラー番号とその理由がわかります。',
	'QL571.fix.oneBackup': () => 'ストレージ グループのオンライン バックアップは同時に 1 つしか実行できません。別のバックアップ (2 つ目のジョブや他の製品) が同じ対象で実行中でなかったか、前回のバックアップが終了しているかを確認してください。',

	'consistency.failed': () => 'スナップショットの試行は失敗しました。復元ポイントは残っていません。',
	'consistency.crash': () => 'スナップショットは quiesced=0 で作成されました。ゲストは静止されていないため、復元ポイントはクラッシュ整合です。',
	'consistency.productCrash': (p) => `${p.product} は、スナップショットがアプリケーション整合ではなく${p.code ? ` (${p.code})` : ''}、VM をクラッシュ整合でバックアップしたと報告しています。ゲストは静止されていないため、復元ポイントはクラッシュ整合です。`,
	'consistency.fallback': (p) => `失敗した静止スナップショットの試行 ${p.id} の代わりに作成されました。バックアップは通知なくクラッシュ整合に切り替わっています。`,
	'consistency.notKnown': () => 'ゲストが静止されたかどうか、またはスナップショットが成功したかどうかは、バンドルからは分かりません。',
	'consistency.application': (p) => `${p.path} には backup.xml と ${p.writers} 個のライター メタデータ ドキュメントがあります。VSS ライターが参加しています (アプリケーション整合)。`,
	'consistency.manifestOnly': (p) => `${p.path} には backup.xml しかありません。VSS ライターは参加していません (ファイルシステム整合)。`,
	'consistency.disableApp': (p) => `tools.conf で vss.disableAppQuiescing = ${p.value} が設定されています (${p.where})。アプリケーションの静止は無効です。`,
	'consistency.guestOs': (p) => `ゲスト OS は ${p.os} です。Windows 以外のゲストはファイルシステムのフリーズで静止されます (ファイルシステム整合)。`,
	'consistency.ide': (p) => `VM に IDE ディスクがあります (${p.device}、${p.where})。VMware がアプリケーションを静止するのは SCSI ディスクだけなので、ファイルシステム整合です。`,
	'consistency.noUuid': () => 'VM で disk.EnableUUID = TRUE が設定されていません。この場合、Windows ゲストはファイルシステムの静止だけになります。',
	'consistency.agentFreeze': (p: { product: string }) =>
		`${p.product} は QEMU ゲスト エージェントでゲストのファイルシステムを凍結 (guest-fsfreeze-freeze) してスナップショットを作成しました。ファイルシステム整合です。アプリケーションが関与したのはエージェントの凍結がそれを呼び出した場合だけで (Windows ゲストでは VSS ライター、Linux では fsfreeze-hook スクリプト)、バンドルからは分かりません。`,
	'consistency.undecided': () => '静止スナップショットは成功しましたが、アプリケーション整合かファイルシステム整合かを判断できるマニフェストやゲストの設定がバンドルにありません。',

	'explain.source': (p) => `出典: ${p.source}`,
	'explain.unknownHresult': () => 'このツールが認識している VSS の HRESULT ではありません。',
	'explain.idispatch': (p) => `VMware Tools では IDispatch error #${p.n} と表示されます。`,
	'explain.writerState': (p) => `ライターの状態: ${p.short}${p.phase ? ` (VSS フェーズ: ${p.phase})` : ''}。`,
	'explain.success': () => '成功',
	'explain.eventTitle': (p) => `イベント ${p.id}`,
	'explain.event': (p) => `${p.provider}: ${p.meaning}。${p.impact}。`,

	'word.writerState': (p) => (p.code === null ? '状態を読み取れません (一覧が途中で切れています)' : (WRITER_STATES[p.code] ?? `未定義の状態 [${p.code}]`)),
	'word.consistency': (p) => (p.fallback && p.consistency === 'crash' ? 'クラッシュ整合へのフォールバック' : (CONSISTENCIES[p.consistency] ?? `${p.consistency}`)),
	'word.phase': (p) => PHASES[p.phase] ?? `${p.phase}`,
	'word.window': (p) => WINDOWS[p.name] ?? `${p.name}`,
	'word.vssPhase': (p) => VSS_PHASES[p.phase] ?? `${p.phase}`,
	'word.vssRole': (p) => VSS_ROLES[p.role] ?? `${p.role}`,
	'word.component': (p) => `${COMPONENTS[p.type] ?? p.type}${p.name ? ` ${p.name}` : p.type === 'requester' ? ' (製品名の記載なし)' : ''}`,
	'word.attemptKind': (p) => ATTEMPT_KINDS[p.kind] ?? `${p.kind}`,
	'word.timeUnknown': () => '時刻不明',
	'word.clockConfidence': (p) => (p.confidence === 'exact' ? '確定' : p.confidence === 'inferred' ? `${p.anchors} 組の対応から推定 (ばらつき ${p.spread})` : p.confidence === 'none' ? '自身の対応なし' : `${p.confidence}`),
	'word.join': (p) =>
		p.by === 'vmx-log'
			? '試行自身の vmware.log'
			: p.by === 'opid'
				? `opID ${p.id}`
				: p.by === 'task'
					? `タスク ${p.id ?? '(ID なし)'}`
					: p.by === 'window'
						? `時間枠 ${p.from} – ${p.to}`
						: p.by === 'requester'
							? `スナップショット作成呼び出し (${p.id} 行目) の後`
							: `${p.by}`,

	'QL101.short': () => 'ゲストの静止処理がゲスト自身のエラー (VmBackupStatus 5) で失敗し、より具体的な原因が見つからない',
	'QL102.short': () => 'ゲストが以前の静止処理をまだ実行中だった (VmBackupStatus 1)',
	'QL103.short': () => 'カスタムのフリーズ/解凍スクリプトが失敗した (VmBackupStatus 2、またはスクリプトが 0 以外で終了)',
	'QL104.short': () => 'ゲストがファイルシステムをフリーズできなかった (VmBackupStatus 3: 同期ドライバーまたは Linux の fsfreeze)',
	'QL105.short': () => 'ホストが静止処理を中止した (VmBackupStatus 4)',
	'QL106.short': () => 'ホストがゲストの静止処理を待つ間にタイムアウトした',
	'QL107.short': () => 'スナップショットの作成が、フリーズしたゲストの I/O を保留できる時間を超えた',
	'QL108.short': () => 'VMware Tools を利用できず、ゲストに静止要求が送られなかった',
	'QL115.short': () => 'VMware Tools が静止を拒否した: ゲストで別の静止がすでに進行中だった',
	'QL116.short': () => 'ホストで変更ブロック追跡 (DiskLib の CBT/CTK と VMkernel ステータス) が失敗し、スナップショットが失敗した',
	'QL109.short': () => 'ゲストの静止イベントがホストに届かなかった ("Guest not privileged" で破棄された、または送信できなかった)',
	'QL114.short': () => 'ホストの LWD スナップショット データ パスがデータストアで失敗し、スナップショットが取り消された',
	'QL110.short': () => '失敗した静止スナップショットの代わりに、クラッシュ整合のスナップショット (quiesced=0) が作成された、または製品がバックアップをクラッシュ整合で続行したと報告している',
	'QL111.short': () => 'Windows ゲストのスナップショットがファイルシステム整合のみだった',
	'QL112.short': () => '静止スナップショットが失敗し、原因がバンドルからわからない (次に収集するもの)',
	'QL113.short': () => '静止スナップショットは VSS コピー バックアップで、SQL Server と Exchange のログは切り捨てられない',
	'QL201.short': () => 'VSS ライターが失敗状態 ([6]–[15]) にある',
	'QL202.short': () => 'VSS ライターがまだ BackupComplete を待っている ([5])',
	'QL203.short': () => 'VSS ライターがバックアップの途中だった ([2]–[4])',
	'QL204.short': () => 'VSS ライターが不明な状態 ([0]) を報告している',
	'QL205.short': () => 'ライターのフリーズから解凍までの許容時間が切れた (0x800423F2、または測定したフリーズが 60 秒、Exchange では 20 秒を超えた)',
	'QL206.short': () => 'VSS ライターがフェーズを拒否した (VSS 8229)',
	'QL208.short': () => 'ライターをホストするサービスがライターの失敗を記録した (MSExchangeRepl、MSExchangeIS、SQLWRITER)',
	'QL209.short': () => '安定状態の VSS ライターの最後のエラーが以前のバックアップの失敗を示している ([1] とエラー)',
	'QL207.short': () => 'シャドウ コピー セットに、ライターが必要とするボリュームがない (0x800423F0、SQLWRITER 24579)',
	'QL301.short': () => 'vssadmin がライターの一覧の代わりにエラーを表示した',
	'QL302.short': () => 'vssadmin の一覧に VSS ライターが 1 つもない',
	'QL303.short': () => '組み込みライターまたはアプリケーションのライターが一覧にない',
	'QL304.short': () => 'VSS がライターに到達するための COM+ イベントの登録が壊れている (VSS 22、34、12302、0x80040154)',
	'QL307.short': () => 'スナップショットが使うサービス (VSS、swprv、SQLWriter、VMTools など) が停止した、または開始できなかった (SCM 7000/7009/7023/7031/7034 など)',
	'QL305.short': () => 'VSS が書き込みを時間内にフラッシュまたは保留できなかった (0x80042313/14、VSS 12297/12298、volsnap 8/9)',
	'QL306.short': () => 'Windows Server バックアップが失敗した (10 進数のエラー コードを解読)',
	'QL311.short': () => 'Windows Server バックアップで一部のファイルをバックアップできなかった (Backup_Error ログ、イベント 546/547)',
	'QL312.short': () => 'Hyper-V で仮想マシンのバックアップ チェックポイントを作成できず、ライターがその仮想マシンを除外した',
	'QL313.short': () => 'VssAccessControl に登録されたアカウントを VSS が解決できない (VSS 8230): バックアップには影響しない',
	'QL314.short': () => 'シャドウ コピーは作成されたが、VSS がそのデバイス (HarddiskVolumeShadowCopyN) を開けなかった',
	'QL315.short': () => '8229 の拒否以外の VSS エラーまたは警告でライターが失敗した (VSS 8193、8194、12289、12290)',
	'QL318.short': () => 'SQL Server の仮想デバイス (SQLVDI) がスナップショット バックアップに失敗または中止した',
	'QL319.short': () => 'SQL Server がデータベースの BACKUP の失敗を記録した (イベント 3041、デバイスは 18210)',
	'QL323.short': () => 'Hyper-V がチェックポイントを拒否したか種類を変えた: チェックポイント無効、運用チェックポイント不可、標準チェックポイントへのフォールバック',
	'QL324.short': () => 'バックアップ後に Hyper-V がチェックポイントの差分ディスクをマージできなかった (VMMS 19100)',
	'QL322.short': () => 'System Writer がレガシー ドライバーのイメージをスキップした (CAPI2 513、AddLegacyDriverFiles): 無害',
	'QL321.short': () => 'VSS がライターの放置されたセッション状態を削除した (VSS 12289、0x80042409): 繰り返さなければ無害',
	'QL320.short': () => 'VSS ライターのイベント ハンドラーが処理されない例外で失敗した (VSS 12366)',
	'QL317.short': () => 'VSS がルーチンの呼び出しに失敗し、ほかに失敗を説明するものがない (VSS 8193、8194、12289、12292)',
	'QL316.short': () => 'ライターの状態の語が [n] の番号と矛盾している (手で編集された一覧)',
	'QL401.short': () => 'VSS プロバイダーがスナップショットを拒否または中止した (0x80042306、VSS 12293、volsnap 5/14/20/28)',
	'QL402.short': () => '複数のサードパーティ製 VSS プロバイダーがスナップショットを取り合っている',
	'QL403.short': () => 'VSS プロバイダーが二重に登録されている、古い登録が残っている、または登録されていない',
	'QL404.short': () => 'シャドウ コピーの記憶域が不足した、または小さすぎるかほぼいっぱい (volsnap 24/25/36、0x8004231F)',
	'QL405.short': () => 'Windows VM で disk.EnableUUID が FALSE になっている',
	'QL406.short': () => 'tools.conf でアプリケーションの静止処理が無効になっている',
	'QL407.short': () => 'tools.conf で同期ドライバーが無効になっている: 静止済みと記録されたスナップショットはクラッシュ整合、または静止処理が失敗',
	'QL501.short': () => 'CBT 修正前の ESXi 6.0 で変更ブロック追跡 (CBT) が有効になっている',
	'QL502.short': () => 'VMware ゲストに Hyper-V 統合サービスの VSS プロバイダーが残っている: 影響なし',
	'QL503.short': () => 'ESXi の RAM ディスクがいっぱいで、管理エージェントが書き込めない (hostdstats、"No space left")',
	'QL550.short': () => 'バックアップ製品が決定的なコード (HRESULT または製品独自のコード) で失敗を報告した',
	'QL552.short': () => 'VMware ベースのバックアップ製品が仮想マシンを静止できなかった',
	'QL553.short': () => 'オペレーターがバックアップ ジョブを停止した (各タスクの実際の結果付き)',
	'QL555.short': () => 'KVM ホストのバックアップがゲスト エージェントのフリーズなしで行われた (省略または失敗): クラッシュ整合',
	'QL554.short': () => 'バックアップ ジョブが失敗し、そのログに理由が記録されていない',
	'QL560.short': () => 'Veeam のゲスト処理がゲストに接続またはログオンできなかった (Win32 エラー。VSS の失敗ではない)',
	'QL561.short': () => 'ゲストの VSS 準備が Veeam の待機時間を超えた (KB1377)',
	'QL562.short': () => 'Veeam が VM スナップショットを終える前にゲストの VSS フリーズの時間枠が閉じた (KB1377)',
	'QL563.short': () => 'Veeam のゲスト内ヘルパーがキープアライブが届かずシャドウ コピーを閉じた (KB2825)',
	'QL570.short': () => 'バックアップ製品が失敗状態の VSS ライターを検出した (コードの記載なし)',
	'QL571.short': () => 'Exchange のストリーミング (ESE API) バックアップが失敗した: VSS でもスナップショットでもない',
};
