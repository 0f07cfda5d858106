import type { KnownBackupError, KnownHresult } from '../hresults';

/**
 * Japanese prose of the knowledge tables (hresults.ts, events.ts, vmbackup.ts, faults.ts, writerServices.ts,
 * writerStates.ts and the writer phase meanings), keyed as they are. The HRESULT table is held to every
 * code by its type; test/unit/messages.test.ts checks the others against their English tables. Meanings
 * are plain-form clauses: the findings show them in parentheses or after a colon.
 */

const h = (meaning: string, advice?: string) => ({ meaning, ...(advice ? { advice } : {}) });

/** hresults.ts AGENT_LINK, in Japanese. */
const JA_AGENT_LINK =
	'バックアップ サーバーが保護対象マシンのエージェントとの接続を失いました。エージェントのサービスが実行されていること、ネットワーク経路とファイアウォールが RPC (TCP 135 と動的 RPC ポート) と製品のデータ ポートを通すこと、バックアップの時間帯にネットワークが飽和していないこと (製品のデータ転送を調整する、ジョブの時刻をずらす。DPM: KB 971411 のエージェントのタイムアウト) を確認してから、ジョブを再実行してください。';

export const JA_HRESULTS: Readonly<Record<KnownHresult, { meaning: string; advice?: string }>> = {
	'0x80042301': h(
		'VSS の呼び出しが誤った状態または順序で行われた',
		'多くの場合、別の VSS 操作がまだ実行中だったか、フリーズが VSS の許容時間を超えています。同時にほかのバックアップやシャドウ コピーが実行されていないことを確認し (`vssadmin list shadows`、`vssadmin list writers`)、Volume Shadow Copy サービスを再起動して (`Restart-Service -Name VSS`) 再試行してください。',
	),
	'0x80042302': h('VSS コンポーネントで予期しないエラーが発生した (アプリケーション ログを参照)', 'その時刻のアプリケーション イベント ログで、失敗したルーチンを示す VSS のエラー (イベント 8193、22、12289、12292) を探し、その原因に対処してください。'),
	'0x80042303': h('プロバイダーが二重に登録されている'),
	'0x80042304': h('プロバイダーが登録されていない'),
	'0x80042306': h('シャドウ コピー プロバイダーでエラーが発生した'),
	'0x80042307': h('プロバイダーが使用中のため登録を解除できない'),
	'0x80042308': h('オブジェクトが見つからない'),
	'0x00042309': h('非同期操作が保留中 (成功コード)'),
	'0x0004230A': h('非同期操作が完了した (成功コード)'),
	'0x0004230B': h('非同期操作がキャンセルされた'),
	'0x8004230C': h('このボリュームのシャドウ コピーはサポートされていない', 'このボリュームをバックアップから除外するか、VSS がサポートする NTFS または ReFS のボリュームにデータを移動してください。'),
	'0x8004230D': h('オブジェクトが既に存在する'),
	'0x8004230E': h('プロバイダーがこのボリュームのシャドウ コピーをサポートしていない'),
	'0x8004230F': h('プロバイダーで予期しないエラーが発生した'),
	'0x80042310': h('XML ドキュメントの形式が正しくない (非推奨のコード)'),
	'0x80042311': h('XML ドキュメントの形式が正しくないか、スキーマに一致しない'),
	'0x80042312': h('操作で扱えるボリュームの最大数に達した'),
	'0x80042313': h('プロバイダーが書き込みのフラッシュ中にタイムアウトした (ボリュームの I/O 負荷が高い)'),
	'0x80042314': h('プロバイダーが書き込みの保留中にタイムアウトした (ボリュームの I/O 負荷が高い)'),
	'0x80042315': h('VSS がライターにイベントを送信できなかった', 'COM+ Event System サービスと Volume Shadow Copy サービスが実行されていることを確認し (`Get-Service EventSystem, VSS`)、アプリケーション ログで VSS エラー 8193/22 を確認してください。'),
	'0x80042316': h('別のシャドウ コピーの作成が既に進行中', '別のバックアップ、システムの復元、または 2 つ目のバックアップ製品が同時にシャドウ コピーを作成していました。実行時刻をずらしてから再試行してください。'),
	'0x80042317': h('ボリュームのシャドウ コピーが既に最大数に達している', 'ボリュームの古いシャドウ コピーを削除してから (`vssadmin delete shadows /for=C: /oldest`) 再試行してください。'),
	'0x80042318': h('VSS がライターに接続できなかった (COM+ Event System / VSS サービス)'),
	'0x80042319': h('ライターが GatherWriterStatus に応答しなかった', 'ライターがハングしています。ライターのサービスを再起動してください。'),
	'0x8004231A': h('ライターは既にサブスクライブしている'),
	'0x8004231B': h('要求された種類のシャドウ コピーをプロバイダーがサポートしていない'),
	'0x8004231D': h('シャドウ コピー記憶域の関連付けが使用中のため削除できない'),
	'0x8004231E': h('シャドウ コピー記憶域の関連付けが最大数に達した'),
	'0x8004231F': h('シャドウ コピー記憶域 (差分領域) に十分な空き領域がない', 'シャドウ コピー記憶域を置いているボリュームの空き領域を増やすか、記憶域を拡張してください (`vssadmin resize shadowstorage /for=C: /on=C: /maxsize=10%`)。'),
	'0x80042320': h('シャドウ コピーが 1 つもインポートされなかった'),
	'0x00042321': h('一部のシャドウ コピーがインポートされなかった (成功コード)'),
	'0x80042321': h('一部のシャドウ コピーがインポートされなかった'),
	'0x80042322': h('リモート コンピューターの最大数に達した'),
	'0x80042323': h('リモート サーバーを利用できない'),
	'0x80042324': h('リモート サーバーがリモート シャドウ コピーをサポートしていない'),
	'0x80042325': h('ボリュームの復帰 (revert) が進行中'),
	'0x80042326': h('復帰 (revert) 中にボリュームが失われた'),
	'0x80042327': h('操作を完了するには再起動が必要', 'ゲストを再起動してから再試行してください。'),
	'0x80042328': h('トランザクション マネージャー (KTM) のフリーズ中にタイムアウトが発生した'),
	'0x80042329': h('トランザクション マネージャー (KTM) のフリーズから解凍までに時間がかかりすぎた'),
	'0x8004232A': h('選択されていないボリュームが操作によって上書きされる'),
	'0x8004232B': h('シャドウ コピー ID がバックアップ コンポーネント ドキュメントにない'),
	'0x8004232C': h('ボリュームの入れ子が深すぎる (VHD の中の VHD)'),
	'0x8004232D': h('ボリュームがローカル ホストにマウントされていない'),
	'0x8004232E': h('クラスターの共有ボリュームの準備中にタイムアウトが発生した'),
	'0x8004232F': h('この操作はサポートされていない'),
	'0x80042336': h('ライターの一部のコンポーネントが失敗した'),
	'0x800423F0': h('ライターが必要とするボリュームがシャドウ コピー セットにない', 'アプリケーションのデータを格納しているすべてのボリューム (たとえば複数のボリュームにまたがるデータベース) をスナップショットに含めてください。'),
	'0x800423F1': h('ライターのリソースが不足した', '再試行する前に、ゲストの負荷 (メモリ、ハンドル、I/O) を下げてください。'),
	'0x800423F2': h('ライターのフリーズから解凍までの許容時間が切れた', 'バックアップ時間帯のゲストの I/O と負荷を下げてから (ほかのジョブ、デフラグ、ウイルス対策スキャンを移動する)、再試行してください。'),
	'0x800423F3': h('一時的なライター エラーで、再試行すると成功する可能性がある', '一時的なエラーです。まずバックアップを再試行し、失敗が続く場合にのみサービスを再起動してください。'),
	'0x800423F4': h('一時的ではないライター エラーで、ライターを修復する必要がある', '一時的なエラーではありません。その時刻のアプリケーション イベント ログでライター自身のエラーを確認し、対処してから再試行してください。'),
	'0x800423F5': h('ライターがシャドウ コピー ボリュームを回復できなかった'),
	'0x800423F6': h('シャドウ コピー セットの分割時にディスク ID を元に戻せなかった'),
	'0x800423F7': h('このバージョンのハードウェア プロバイダーはこの操作をサポートしていない'),
	'0x800423F8': h('予期していたディスクが認識されなかった'),
	'0x800423F9': h('予期していた非表示のボリュームが認識されなかった'),
	'0x800423FA': h('予期していたボリュームが認識されなかった'),
	'0x800423FB': h(
		'シャドウ コピーの自動回復が失敗した',
		'Hyper-V ホストでは、以前に失敗したバックアップが VM の AutoRecovery.avhdx を残すと、以後のバックアップの自動回復 (またはチェックポイント、0x80070050 "ファイルが存在します") がそのファイルで失敗します。VM のフォルダーにあるそのファイルを削除するか名前を変更してから (KB 3175561) 再試行してください。',
	),
	'0x800423FC': h('関係するダイナミック ディスクの処理中にエラーが発生した'),
	'0x800423FD': h('バックアップ コンポーネント ドキュメントが転送不可能なシャドウ コピーのもの'),
	'0x800423FE': h('ディスクの MBR 署名または GPT ID を設定できなかった'),
	'0x800423FF': h('別の LUN の再同期が進行中'),
	'0x80042400': h('クラスター ディスクを列挙できなかったか、メンテナンス モードにできなかった'),
	'0x80042401': h('ASR による復元: ディスクの数が足りないか、容量が小さすぎる'),
	'0x80042402': h('ASR による復元: ディスクを作成できなかった'),
	'0x80042403': h('ASR による復元: ディスクの準備のために再起動が必要'),
	'0x80042404': h('ダイナミック ボリュームのディスクが見つからない'),
	'0x80042405': h('重要なボリュームがクラスターの共有ディスク上にある'),
	'0x80042406': h('ASR による復元: データ ディスクが BIOS でアクティブに設定されている'),
	'0x80042407': h('ASR による復元: アクティブなディスクの容量が小さすぎる'),
	'0x80042408': h('ASR による復元: 適切なディスクが足りない'),
	'0x80042409': h('ライターの状態を取得できない (ライターのバックアップ セッション状態が不足した)'),
	'0x8004240A': h('重要なダイナミック ディスクが VHD である'),
	'0x80042411': h('重要なボリュームが、ASR でバックアップできないディスク上にある'),
	'0x80042412': h('ASR による復元: システム ディスクの復元先にできるディスクがない'),
	'0x80042413': h('ASR による復元: 使用できる固定ディスクがない'),
	'0x80042414': h('ASR による復元: 使用できるディスクがすべて除外されている'),
	'0x80042415': h('ASR による復元: 重要なディスクが除外されている'),
	'0x80042416': h('システム パーティションが非表示になっているか、不明なファイルシステムである'),
	'0x80042417': h('ファイル共有のシャドウ コピーの準備中にタイムアウトが発生した'),
	'0x80040154': h('COM クラスが登録されていない'),
	'0x800401FB': h('COM オブジェクトが登録されていない'),
	'0x800401FD': h('COM オブジェクトがサーバーに接続されていない'),
	'0x80080005': h('COM サーバーの起動に失敗した'),
	'0x8000FFFF': h('致命的なエラー'),
	'0x80070001': h('ファンクションが間違っている (例: フロッピーや CD デバイスに送られた I/O 制御)'),
	'0x80070005': h('アクセスが拒否された', 'VSS とライターを実行しているアカウントと、VssAccessControl レジストリ キーを確認してください。'),
	'0x8007000E': h('メモリが不足している'),
	'0x80070018': h(
		'ライターのメタデータ ドキュメントが長すぎる',
		'ライターが、VSS のバックアップ ドキュメントに収まらない数のコンポーネントやファイルを列挙しました (KB 3098315: 多くは System Writer と、.NET の `Temporary ASP.NET Files` や `TemporaryInternetFiles` のような小さなファイルが大量にあるフォルダー)。ライターのメタデータを保存し (`diskshadow /l C:\\Metadata.txt` の後に `list writers detailed`)、コンポーネントやファイルが最も多いライターを見つけて、それらを整理するか除外してください。',
	),
	'0x80070057': h('パラメーターが正しくない'),
	'0x80070079': h('セマフォのタイムアウト期間が満了した (保護対象マシンへのネットワーク呼び出しがタイムアウトした)', JA_AGENT_LINK),
	'0x800706BA': h('RPC サーバーを利用できない (保護対象マシンまたはそのエージェント サービスに到達できない)', JA_AGENT_LINK),
	'0x80072746': h('既存の接続はリモート ホストに強制的に切断された', JA_AGENT_LINK),
	'0x8007274D': h('対象のコンピューターによって拒否されたため、接続できなかった', JA_AGENT_LINK),
	'0x8007138F': h('クラスター リソースが見つからない'),
	'0x8007173D': h(
		'同じクラスター共有ボリュームの別のバックアップが進行中',
		'クラスター共有ボリュームを共有する VM のホスト レベルのバックアップは、システム ソフトウェア プロバイダーでは順番にボリュームを使います。バックアップ製品で直列化するか (DPM: クラスターと CSV のシリアル化。DataSourceGroups.xml の VM 名に `&` がないこと)、ボリュームの取得を再試行させるか (DPM: HKLM\\SOFTWARE\\Microsoft\\Microsoft Data Protection Manager\\Agent\\CSV の `CsvMaxRetryAttempt`、`CsvAttemptWaitTime`)、VSS ハードウェア プロバイダーを使ってください (KB 2549533)。',
	),
};

export const JA_BACKUP_ERRORS: Readonly<Record<KnownBackupError, string>> = {
	'0x807800A1': 'バックアップ対象ボリュームのシャドウ コピーが失敗した (Windows Server バックアップのイベント 521。VSS ライターが失敗している)',
	'0x80780102': 'バックアップに System Writer が見つからない (Windows Server バックアップのイベント 517)',
	'0x8078015B': 'Windows バックアップがリモートの共有フォルダーにアクセスできなかった (保存先の共有が使用できないか、SMB のタイムアウトより長く応答しなかった。たとえば DPM のベア メタル バックアップで DPM サーバーのディスクの遅延)',
};

/** By provider (lower case) and event id, as events.ts. */
export const JA_EVENTS: Readonly<Record<string, Readonly<Record<number, string>>>> = {
	'vss': {
		8193: 'ルーチンの呼び出し中に予期しないエラーが発生した (hr 付き)',
		8194: 'IVssWriterCallback インターフェイスの照会中に予期しないエラーが発生した',
		8213: 'ライターをホストしているプロセスが、十分な権限を持つアカウントで実行されていない',
		8224: 'アイドル タイムアウトのため VSS サービスをシャットダウンしている',
		8229: 'VSS ライターがイベントを拒否した (ライターの拒否)',
		8230: 'VssAccessControl のアカウントを解決できなかった',
		11: 'COM サーバーを起動できなかった (CPU の高負荷)',
		12: 'COM サーバーを起動できなかった (シャットダウン中またはメモリ不足)',
		13: 'CLSID を持つ COM サーバーを起動できなかった',
		20: 'セーフ モードでは VSS を使用できない',
		22: 'VSS に必要な重要なコンポーネントが登録されていない',
		34: 'VSS イベント クラスが登録されていない',
		12289: '予期しないエラー (ルーチンと hr 付き)',
		12290: 'VSS の警告 (ルーチンと hr 付き)',
		12292: 'シャドウ コピー プロバイダーの COM クラスの作成中にエラーが発生した',
		12293: 'シャドウ コピー プロバイダーのルーチンの呼び出し中にエラーが発生した',
		12297: 'シャドウ コピーの作成期間中に I/O の書き込みをフラッシュできない',
		12298: 'シャドウ コピーの作成期間中に I/O の書き込みを保留できない',
		12301: 'ライターが GatherWriterStatus の呼び出しに応答しなかった',
		12302: 'ライターへの接続中に内部の不整合が発生した',
		12366: 'ライターのイベント コールバック メソッドで処理されない例外が発生した',
		12310: 'シャドウ コピーをコミットできなかった: 操作がタイムアウトした',
		12338: 'VSS がボリュームのオープンとフラッシュに時間をかけすぎた',
		12340: 'VSS がボリュームのフラッシュを長く待ちすぎた',
		8222: 'シャドウ コピーが作成された',
	},
	'volsnap': {
		5: 'ビットマップ構造用の非ページ プール メモリが不足しているため、シャドウ コピーを作成できなかった',
		8: '書き込みのフラッシュと保留が、書き込み解放コマンドの待機中にタイムアウトした',
		9: '書き込みのフラッシュと保留が、ファイルシステムのクリーンアップの待機中にタイムアウトした',
		14: 'I/O エラーのためシャドウ コピーが中止された',
		20: '空き領域の計算に失敗したためシャドウ コピーが中止された',
		28: '必要なディスク上の構造を作成できなかったため、シャドウ コピーを作成できなかった',
		24: 'シャドウ コピー記憶域を拡張するディスク領域が足りず、ボリュームのシャドウ コピーが削除されるおそれがある',
		25: 'シャドウ コピー記憶域を時間内に拡張できなかったため、シャドウ コピーが削除された',
		33: '上限を守るために最も古いシャドウ コピーが削除された',
		35: 'シャドウ コピー記憶域を拡張できなかったため、シャドウ コピーが中止された',
		36: 'ユーザーが設定した上限 (user imposed limit) のため記憶域を拡張できず、シャドウ コピーが中止された',
		41: '新しいシャドウ コピーに必要な大きさの連続ブロックがシャドウ コピー記憶域になかった',
	},
	'sqlwriter': {
		24579: 'データベースが複数のボリュームに格納されており、その一部だけがシャドウ コピーされている',
		24583: 'Sqllib エラー: データベースの VSS バックアップの実行中に OLEDB エラーが発生した',
	},
	'msexchangerepl': {
		2034: 'Exchange レプリケーション サービスの VSS ライターがバックアップ完了イベントの処理に失敗した',
	},
	'msexchangeis': {
		9607: 'Exchange の VSS ライターがバックアップの準備に失敗した (エラー コードが示される)',
		9611: 'Exchange の VSS ライターがストレージ グループのフリーズに失敗した (エラー コードが示される)',
	},
	'sqlvdi': {
		1: 'SQLVDI: スナップショット バックアップの仮想デバイスが中止された (Loc=…、Desc=…)',
	},
	'mssqlserver': {
		3041: 'BACKUP コマンドを完了できなかった (コマンドがデータベースを示す)',
		3197: 'スナップショット バックアップのためにデータベースの I/O が凍結された',
		3198: 'スナップショット バックアップの後にデータベースの I/O が再開された',
		18210: 'バックアップ デバイスがオペレーティング システム エラーで失敗した (スナップショット バックアップの仮想デバイスは GUID で示される)',
	},
	'microsoft-windows-backup': {
		5: 'Windows Server バックアップの操作が失敗した (エラー コードとその説明がメッセージにある)',
		517: 'Windows Server バックアップが失敗した (エラー コードは 10 進数)',
		521: 'ボリューム シャドウ コピーが失敗したため、Windows Server バックアップが失敗した (エラー コードは 10 進数)',
		546: 'Windows Server バックアップがボリュームのバックアップに失敗した',
		547: 'Windows Server バックアップでボリュームにエラーが発生した (バックアップできなかったファイルは Backup_Error ログにある)',
	},
	'microsoft-windows-capi2': {
		513: 'Cryptographic Services が System Writer の OnIdentity 呼び出しの処理に失敗した',
	},
};

/** Why each event matters for a quiesced backup, by provider (lower case) and id, as events.ts. */
export const JA_EVENT_IMPACT: Readonly<Record<string, Readonly<Record<number, string>>>> = {
	'vss': {
		8193: 'VSS の一般的なエラーで、ルーチン名が原因を示す (CoCreateInstance なら COM の登録、RegOpenKeyExW ならアクセス許可)',
		8194: 'ライターまたはリクエスターの DCOM のアクセス許可',
		8213: 'ライター (多くは System Writer) が一覧から消える。VssAccessControl を修正する',
		8224: '影響なし。VSS セッションの終了を示す',
		8229: 'コンテキストに記録されたライターがそのフェーズを拒否した。HRESULT が理由を示す',
		8230: 'VssAccessControl レジストリに古いエントリが残っている',
		11: 'プロバイダーまたはライターの COM の起動に失敗した',
		12: 'プロバイダーまたはライターの COM の起動に失敗した',
		13: '多くの場合、COM+ Event System (CEventSystem) が登録されていない',
		20: 'セーフ モードではシャドウ コピーを作成できない',
		22: 'COM の登録 (VSSEvent / Eventcls.dll など) が壊れており、ライターに到達できない',
		34: 'どのライターもイベントを受け取らず、一覧が空になる',
		12289: '例: VM のフロッピー デバイスに対する DeviceIoControl',
		12290: '診断のための情報',
		12292: 'プロバイダーの登録が壊れている',
		12293: 'プロバイダーによる拒否。GUID がプロバイダー (VMware または Microsoft) を示す',
		12297: '高い I/O 負荷による VSS_E_FLUSH_WRITES_TIMEOUT',
		12298: '高い I/O 負荷による VSS_E_HOLD_WRITES_TIMEOUT',
		12301: 'ライターがハングした',
		12302: 'VSS_E_WRITER_INFRASTRUCTURE。Event System サービスと VSS サービスを確認する',
		12366: 'それを記録したプロセスがホストするライターは、そのプロセスが再起動するまで失敗する',
		12310: 'コミットのタイムアウト',
		12338: 'フリーズ中の高い I/O 負荷',
		12340: 'フリーズ中の高い I/O 負荷',
		8222: '成功を示す (VSS の監査が有効な場合)',
	},
	'volsnap': {
		5: 'ドライバーのカーネル メモリが不足した (クラスター サイズの小さい大きなボリュームほど多く必要、KB 833167)',
		8: 'フリーズが VSS の許容時間 (フラッシュと保留で 10 秒) を超えた',
		9: 'フリーズ中の高い I/O 負荷',
		14: 'ゲストの下にあるストレージの問題',
		20: '差分領域の問題',
		28: 'ドライバーがボリューム上にシャドウ コピーを準備できなかった (メモリまたはディスク)',
		24: 'シャドウ コピー記憶域が不足した',
		25: '書き込み負荷によりシャドウ コピー記憶域が不足した',
		33: '情報のみ',
		35: 'シャドウ コピー記憶域が不足した (その置き場所の空き、または上限)',
		36: 'シャドウ コピー記憶域の上限が小さすぎる',
		41: 'シャドウ コピー記憶域の置き場所のボリュームがいっぱい、または断片化している',
	},
	'sqlwriter': {
		24579: 'ライターが 0x800423F0 で拒否する。データベースのすべてのボリュームを含める',
		24583: 'メッセージに記録されたデータベースのスナップショット バックアップが失敗した',
	},
	'msexchangerepl': {
		2034: 'Microsoft Exchange Writer がバックアップ完了で失敗した。ログは切り捨てられず、サービスを再起動するまでライターは失敗したままになる',
	},
	'msexchangeis': {
		9607: "データに 'Backup in progress' がある場合、以前のスナップショット バックアップが完了していない。それが完了するかサービスを再起動するまでバックアップは失敗する",
		9611: 'ESE がフリーズを拒否した (例: -2403、バックアップまたは回復が進行中)',
	},
	'sqlvdi': {
		1: '最初のイベントが、失敗している SQL Server インスタンスを示す',
	},
	'mssqlserver': {
		3041: 'データベースはバックアップされていない。理由はバックアップ アプリケーション (要求元、VSS、SQLWRITER) のログにある',
		3197: 'SQL Server ライターによるデータベースの凍結が始まる',
		3198: '凍結が終わる。3197 からの時間がデータベースの凍結されていた時間',
		18210: 'エラー 995 は要求元によるバックアップの中止を示す。その前の失敗が原因',
	},
	'microsoft-windows-backup': {
		5: 'メッセージのエラー コードが失敗の理由を示す',
		517: 'コードを parseHresult で変換する (例: 2155348226 = 0x80780102、System Writer が見つからない)',
		521: 'VSS ライターが失敗した。同じ時刻の SQLWRITER / SQLVDI または 8229 のイベントを確認する',
		546: '指定されたボリュームはバックアップされていない',
		547: 'バックアップは不完全。イベントが示す Backup_Error ログを確認する',
	},
	'microsoft-windows-capi2': {
		513: 'System Writer が失敗するか一覧から消える (%windir%\\winsxs 配下のファイルのアクセス許可)',
	},
};

export const JA_VMBACKUP_STATUS: Readonly<Record<number, string>> = {
	1: 'バックアップ ステート マシンがアイドル状態でないときに、ゲストが静止要求を受け取った (前回の静止処理が完了していなかった)',
	2: 'カスタム静止スクリプト (backupScripts.d、pre-freeze-script / post-thaw-script) が失敗した',
	3: 'ゲストがファイルシステムをフリーズできなかった (同期ドライバーまたはファイルシステムのフリーズが失敗した)',
	4: 'ホストが静止処理を中止した (タイムアウトしたか、スナップショット タスクがキャンセルされた)',
	5: 'ゲストの静止処理が、ゲスト自身の報告するエラーで失敗した (Windows では VSS のエラー)',
};

export const JA_FAULTS: Readonly<Record<string, string>> = {
	'vim.fault.ApplicationQuiesceFault': 'ゲストでの静止処理が失敗したため、静止スナップショットの作成に失敗した (API はカスタムの pre-freeze スクリプトが 0 以外で終了した場合としているが、ホストはゲストの VSS エラーもこの形で報告する)',
	'vim.fault.FilesystemQuiesceFault': 'スナップショットの作成操作が、フリーズした仮想マシンの I/O を保留できる制限時間を超えたため、スナップショットがロールバックされた',
	'vim.fault.ToolsUnavailable': '仮想マシン内で実行されている VMware Tools に接続できなかった',
};

const HOSTED_BY_VSS = 'Volume Shadow Copy サービスだけが再起動されます。その時点で実行中のバックアップは失敗するため、バックアップが実行されていないときに行ってください。';
const EXCHANGE_REPL = 'サービスの再起動中は Exchange のレプリケーション (データベース コピー、ログ配布) が一時停止します。ピーク時間外に行ってください。';

/** By the writer name of writerServices.ts. */
/** What restarting the service behind a writer's event source interrupts (writerServices.ts EVENT_SOURCE_HOSTS), by service. */
export const JA_HOST_RESTART_IMPACT: Readonly<Record<string, string>> = {
	MSExchangeIS: 'インフォメーション ストアが停止します。再開するまでサーバーのメールボックス データベースはオフラインになります。業務時間外に実施してください。',
};

export const JA_RESTART_IMPACT: Readonly<Record<string, string>> = {
	'System Writer': 'Cryptographic Services が再起動されます。署名とカタログのチェックが数秒間待たされます。',
	'WMI Writer': 'WMI と、それに依存するサービスが再起動されます (-Force)。監視エージェントや管理エージェントは再接続します。',
	'SqlServerWriter': 'SQL Server VSS Writer サービスだけが再起動されます。SQL Server 自体は実行を続けます。',
	'Microsoft Exchange Writer': EXCHANGE_REPL,
	'Microsoft Exchange Replica Writer': EXCHANGE_REPL,
	'NTDS': '再起動中、このドメイン コントローラーの Active Directory ドメイン サービスは停止します。クライアントはほかのドメイン コントローラーを使用します。',
	'Registry Writer': HOSTED_BY_VSS,
	'Shadow Copy Optimization Writer': HOSTED_BY_VSS,
	'COM+ REGDB Writer': HOSTED_BY_VSS,
	'VSS Metadata Store Writer': HOSTED_BY_VSS,
	'ASR Writer': HOSTED_BY_VSS,
	'Task Scheduler Writer': 'Windows Server 2012 以降では Task Scheduler サービスを停止できません。このライターをリセットするには、ゲストを再起動してください。',
	'BITS Writer': 'バックグラウンド転送 (Windows Update のダウンロードなど) は一時停止し、その後再開します。',
	'IIS Config Writer': 'Application Host Helper サービスが再起動されます。Web サイトは実行を続けます。',
	'IIS Metabase Writer': 'IIS Admin が再起動され、-Force を指定するとそれに依存する Web サービスも再起動されます。Web サイトの接続は切断されます。',
	'Microsoft Hyper-V VSS Writer': 'Hyper-V の管理サービスが再起動されます。実行中の仮想マシンは実行を続けます。',
	'DFS Replication service writer': 'DFS レプリケーションは一時停止し、再起動後に追いつきます。',
	'Certificate Authority': 'サービスの再起動中は証明書の登録を利用できません。',
	'Dhcp Jet Writer': '再起動の数秒間、DHCP はリースを払い出しません。',
	'FRS Writer': 'SYSVOL のレプリケーションは一時停止し、再起動後に追いつきます。',
	'MSSearch Service Writer': '検索のインデックス作成が再起動されます。',
	'Cluster Database': 'このノードのクラスター サービスが再起動され、その役割がフェールオーバーする場合があります。メンテナンス時間帯に行ってください。',
	'Cluster Shared Volume VSS Writer': 'このノードのクラスター サービスが再起動され、その役割がフェールオーバーする場合があります。メンテナンス時間帯に行ってください。',
	'SharePoint Services Writer': 'SharePoint VSS Writer サービスだけが再起動されます。SharePoint のサイトは実行を続けます。',
	'OSearch VSS Writer': 'Office SharePoint Server Search サービスが再起動されます。クロールは一時停止し、その後再開します。',
	'WIDWriter': 'Windows Internal Database の VSS ライター サービスだけが再起動されます。データベースは実行を続けます。',
	'Oracle VSS Writer':
		'そのデータベース (SID ごとに 1 つ) の Oracle VSS Writer サービスだけが再起動されます。データベースは実行を続けます。オンライン バックアップにはデータベースが ARCHIVELOG モードである必要があります (SQL*Plus で `ARCHIVE LOG LIST`)。NOARCHIVELOG モードでは、オープンではなくマウント状態のデータベースしかスナップショットできません。',
};

/** What a writer's failure in each phase means (failed states 6–15), as full clauses without the final 。. */
export const JA_PHASE_MEANING: Readonly<Record<number, string>> = {
	6: 'ライターはメタデータを報告できなかったため、どのバックアップでもライターのデータが除外されるか、バックアップが失敗します',
	7: 'ライターは、スナップショットの作成前のバックアップの準備中にバックアップを拒否しました',
	8: 'ライターはスナップショットに向けたデータの準備中に拒否したため、アプリケーション整合のスナップショットは作成できませんでした',
	9: 'ライターは時間内にアプリケーションをフリーズ (書き込みのフラッシュと保留) できなかったため、スナップショットはアプリケーション整合ではありません',
	10: 'ライターはスナップショットの後に処理を再開できませんでした。フリーズから解凍までの許容時間 (ほとんどのライターで 60 秒) が切れていた場合、スナップショットはこのライターについて整合していません',
	11: 'ライターはスナップショットの作成後に失敗しました',
	12: 'ライターはバックアップ後のクリーンアップで失敗しました (たとえばログの切り捨てが行われていません)',
	13: 'ライターは復元の準備中に失敗しました',
	14: 'ライターは復元の後に失敗しました',
	15: 'リクエスターがバックアップの途中でいなくなりました (クラッシュしたか、中止されました。例: ホストによってキャンセルされた VMware Tools の静止処理)',
};

/** The QEMU guest agent's VSS backup type on Windows (productCodes.ts QEMU_GA_TRUNCATION), in Japanese. */
const JA_QEMU_GA_TRUNCATION =
	'Windows 上の QEMU ゲスト エージェントは既定で VSS に VSS_BT_FULL を求め、SQL Server と Exchange のログを切り捨てます。これらのアプリケーションを別の製品でバックアップする場合は、エージェントをコピー バックアップに設定してください (qemu-ga 0.1.262 以降: `HKLM\\SYSTEM\\CurrentControlSet\\Services\\QEMU Guest Agent VSS Provider` の DWORD `VssOption` = 5、VSS_BT_COPY)';

/** What each requester does to SQL Server and Exchange logs (productCodes.ts PRODUCTS `truncation`), in Japanese. */
export const JA_PRODUCT_TRUNCATION: Readonly<Record<string, string>> = {
	'veeam': 'アプリケーション対応処理が SQL Server と Exchange のログを切り捨てるのは、ジョブのゲスト処理で "Truncate logs" を選んだときだけです。"Perform copy only" やクラッシュ整合の実行ではログは残ります',
	'windows-server-backup': 'Windows Server Backup は "VSS full backup" を選ばない限り VSS コピー バックアップを取ります (`wbadmin start backup -vssFull`、または [パフォーマンスの構成] / 詳細設定 → VSS の設定)',
	'ntbackup': 'NTBackup の "標準" と "増分" は Exchange のログを切り捨て、"コピー" は切り捨てません',
	'hyper-v-vmms': 'ホスト側からの VM のバックアップは、ホストのリクエスターが選んだ種類をゲストに求めます。"運用チェックポイント" で COPY を求めると、ゲストのログは切り捨てられません',
	'vmware-data-recovery':
		'VMware Tools の静止処理は常に VSS_BT_COPY を求めます。ログはアプリケーション自身のログ バックアップ (SQL Server の `BACKUP LOG`、ゲスト内での Exchange データベースのバックアップ) で切り捨てるか、製品のゲスト内アプリケーション処理を有効にしてください',
	'vsphere':
		'VMware Tools の静止処理は常に VSS_BT_COPY を求めます。ログはアプリケーション自身のログ バックアップ (SQL Server の `BACKUP LOG`、ゲスト内での Exchange データベースのバックアップ) で切り捨てるか、製品のゲスト内アプリケーション処理を有効にしてください',
	'bacula': 'Windows のファイル デーモンが完全な VSS バックアップを求めるのはアプリケーション プラグインのときだけです。通常のファイル ジョブと vSphere プラグイン (VMware Tools の静止処理、VSS_BT_COPY) ではログは残ります',
	'activeimage': 'イメージ バックアップは VSS コピー バックアップを使います。アプリケーション自身のログ バックアップを続けてください',
	'axcient': '使用中ファイルのバックアップに必要なのは整合したスナップショットだけです。アプリケーション自身のログ バックアップを続けてください',
	'backup-exec': 'SQL Server / Exchange 用エージェントは "完全" と "ログ" の方式でログを切り捨てます。"コピー" の方式と、詳細な復元 (GRT) のない VM 単位のジョブでは切り捨てません',
	'netbackup': 'Windows Open File Backup はファイルのスナップショットだけを取ります。SQL Server と Exchange のログは NetBackup for SQL Server / Exchange エージェント自身の完全バックアップとログ バックアップで切り捨てられます',
	'tsm': 'Data Protection for VMware は、ゲスト内のアプリケーション保護 (INCLUDE.VMTSMVSS) がログを切り捨てる設定でない限り VSS_BT_COPY を求めます',
	'avamar': "Hyper-V のイメージ レベルのバックアップはゲストに VSS コピー バックアップを求めます (ログの 'Copy' guest backup type)。SQL Server と Exchange のログは切り捨てられないので、アプリケーション プラグイン自身のバックアップで切り捨ててください",
	'azure-backup':
		'Azure Backup は Windows VM の VSS 完全バックアップを取ります。VM をコピー バックアップに設定した場合 (`HKLM\\SOFTWARE\\Microsoft\\BCDRAGENT` の値 `USEVSSCOPYBACKUP` = `TRUE`) を除きます。SQL Server と Exchange のログは完全バックアップで、コピー バックアップの設定ではそれぞれのログ バックアップで切り捨てられます',
	'dpm': 'DPM のエージェントは、完全または一括ログ復旧モデルのデータベースの同期で SQL Server のログを、高速完全バックアップの後で Exchange のログを切り捨てます。コピーのみのバックアップや保存状態での Hyper-V バックアップでは、ゲストのログは残ります',
	'proxmox': JA_QEMU_GA_TRUNCATION,
	'libvirt': JA_QEMU_GA_TRUNCATION,
	'ovirt': JA_QEMU_GA_TRUNCATION,
	'agent': '製品が完全 (full) とコピー (copy) のどちらの VSS バックアップを求めるかを確認してください。SQL Server と Exchange がログを切り捨てるのは完全バックアップのときだけです',
};

/** What each product code means (productCodes.ts PRODUCT_CODES `meaning`), in Japanese. */
export const JA_PRODUCT_CODE_MEANING: Readonly<Record<string, string>> = {
	'0x80780049': 'バックアップ対象の項目が 1 つもバックアップされませんでした (Windows Server Backup)。失敗した項目はエラー ログ Backup_Error-*.log に記録されます',
	'0x81000019': 'シャドウ コピーを作成できませんでした (Windows バックアップ)。原因は同じレポートにあるライターまたは VSS のエラーです',
	'0x8078002A': 'バックアップの保存先が使用できないか、アクセスできません (Windows Server Backup)',
	'0x807800C5': 'ボリュームのバックアップ イメージの準備中に失敗しました (Windows Server Backup)。多くは保存先ディスクか使用中の VHD が原因です',
	'0x8078014B': 'Windows Server Backup がバックアップするボリュームを見つけられませんでした (選択した対象が何も指していません)',
	'0xE000FED1': 'Backup Exec: ライターの状態の照会中に失敗しました (VSS ライターが失敗しています。どのライターかは `vssadmin list writers` でわかります)',
	'0xA000FED1': 'Backup Exec: ライターの状態の照会中に失敗しました (VSS ライターが失敗しています。どのライターかは `vssadmin list writers` でわかります)',
	'0xE00084AF': 'Backup Exec: ディレクトリまたはファイルが見つからないか、アクセスできませんでした (複数のボリュームを同時にスナップショットした際の 1 つのボリュームであることが多い)',
	'0xA00084AF': 'Backup Exec: ディレクトリまたはファイルが見つからないか、アクセスできませんでした (複数のボリュームを同時にスナップショットした際の 1 つのボリュームであることが多い)',
	'0xA000851C': 'Backup Exec Advanced Open File Option: スナップショット プロバイダーがキャッシュ ファイルを割り当てられませんでした (キャッシュ ボリュームの空き容量)',
	'0xE000853E': 'Backup Exec Advanced Open File Option: 初期化の失敗。AOFO の汎用エラーです (原因はジョブ ログの最後の UMI コードが示します)',
	'0xA000971E': 'Backup Exec: Hyper-V の VM に別の回復チェックポイントがあるため、回復チェックポイントを作成できません (以前のジョブが残したもの、または Backup Exec 15 FP3 以降がバックアップの間に保持するもの)',
	'0xA0009723': 'Backup Exec: Hyper-V の VM の回復チェックポイントを作成できませんでした (理由は Hyper-V ホストの Hyper-V-VMMS ログにあります)',
	'0xE0008488': 'Backup Exec: アクセスが拒否されました (ログオン アカウントに、保護対象サーバーでエージェントが必要とする権限がありません)',
	'-1018': 'ESE: バックアップのためにデータベースを読み取った際、ページのチェックサムが一致しませんでした (データベースの破損かストレージの障害)',
	'-1022': 'ESE: データベースまたはログの読み取り中にディスク I/O エラーが発生しました (ストレージ、ドライバー、またはファイルをロックするウイルス対策ソフト)',
	'-2403': 'ESE: 今はスナップショットを取れません (別のバックアップか回復が進行中、またはログ ファイルが手作業で移動・削除されています)',
	'status 156': 'NetBackup: スナップショット エラー。クライアントのボリュームのスナップショット (VSS または VSP による Windows Open File Backup) が失敗しました。多くはキャッシュ (VSS のシャドウ コピー記憶域、または VSP のキャッシュ ファイル) の容量不足です',
	'<43426>': 'Dell Avamar Hyper-V プラグイン: VM のバックアップ チェックポイントを作成できず、VM はバックアップから除外されました (原因は winclustersvc.log とホストの Hyper-V-VMMS ログにあります。以前のバックアップが残した孤立した .avhdx が既知の原因です)',
	'ANS4251W': 'IBM Spectrum Protect: VSS ライター (先頭に名前。多くは System Writer) がバックアップ対象として挙げたファイルが存在しません。System Writer の場合、プログラムの削除後に残ったサービスまたはドライバーの ImagePath が指すバイナリです',
	'DPM ID 30111': 'DPM: 保護対象コンピューターのアプリケーションの VSS ライターまたは VSS プロバイダーが異常な状態です (以前から、またはジョブ中にその状態になりました)。詳細のコードが失敗を示します',
	'DPM ID 30112': 'DPM: 保護対象コンピューターで再試行可能な VSS エラー (ライターの一時的な失敗) が発生しました。Hyper-V ホストのバックアップでは、自動回復に対応しない VSS ハードウェア プロバイダーも原因になります',
	'DPM ID 30229': 'DPM: 保護対象コンピューターの Windows Server Backup が、DPM の求めたシステム状態またはベア メタルのバックアップに失敗しました。DPM のメッセージに WSB のイベントとエラー コードが示されます',
	'DPM ID 32612': 'DPM: 同じクラスター共有ボリューム (CSV) を使う別のバックアップが進行中のため、CSV をバックアップ用に準備できませんでした (1 つの CSV 上の VM のホスト レベル バックアップが直列化されていません)',
	'job error 32768': 'Hyper-V: WMI ジョブが失敗しました (汎用の失敗。原因はその時刻の Hyper-V-VMMS Admin のイベントにあります)',
	'job error 32769': 'Hyper-V: WMI ジョブへのアクセスが拒否されました (アカウント、または VM のファイルのアクセス許可)',
	'job error 32770': 'Hyper-V: この仮想マシンの構成 (ディスク、グループ、状態) ではこの操作はサポートされていません',
	'job error 32771': 'Hyper-V: WMI ジョブの状態が不明です',
	'job error 32772': 'Hyper-V: WMI ジョブがタイムアウトしました',
	'job error 32773': 'Hyper-V: WMI ジョブに無効なパラメーターが渡されました',
	'job error 32774': 'Hyper-V: システムが使用中です (仮想マシンでほかの操作が実行中です)',
	'job error 32775': 'Hyper-V: この操作には無効な状態です (仮想マシン、またはディスクを共有するほかの仮想マシンが、操作を許さない状態です)',
	'job error 32776': 'Hyper-V: WMI ジョブに渡されたデータ型が正しくありません',
	'job error 32777': 'Hyper-V: システムを利用できません',
	'job error 32778': 'Hyper-V: メモリが不足しています',
	'job error 32779': 'Hyper-V: ファイルが見つかりません',
	'-3960': 'vSphere Data Recovery: VM の静止スナップショットが失敗しました (仮想マシンを静止できません)',
	'ExtensionFailedVssWriterInBadState': 'Azure VM Backup: VM 内の VSS ライターが不正な状態だったため、スナップショットが失敗しました (`vssadmin list writers` で [1] Stable でないライターがわかります)',
	'ExtensionFailedVssServiceInBadState': 'Azure VM Backup: VM 内のボリューム シャドウ コピー サービス (VSS) が不正な状態だったため、スナップショットが失敗しました',
	'ExtensionSnapshotFailedCOM': 'Azure VM Backup: VM 内の COM+ エラー (VSS が必要とする COM+ System Application または Distributed Transaction Coordinator サービス) のため、スナップショットが失敗しました',
	'ExtensionInstallationFailedCOM': 'Azure VM Backup: VM 内の COM+ エラー (COM+ System Application または Distributed Transaction Coordinator サービス) のため、バックアップ拡張機能をインストールまたは実行できませんでした',
	'ExtensionInstallationFailedMDTC': 'Azure VM Backup: VM 内の Distributed Transaction Coordinator (MSDTC) サービスが失敗したため、バックアップ拡張機能をインストールできませんでした',
};
