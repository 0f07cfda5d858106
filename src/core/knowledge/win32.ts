import { normalizeLocale } from './messages/locale';

/**
 * Win32 error codes a requester prints when it cannot reach or log on to a guest (Veeam's guest processing:
 * `Win32 error: <FormatMessage text> Code: 1909`). The text is the guest's or the backup server's Windows
 * language, so a code is read by its number only; the English and Japanese lines here are the meanings the
 * findings show. Names and numbers are winerror.h's (Microsoft Learn, System Error Codes).
 */

/** What a failed guest logon or connection asks the user to fix. */
export type Win32Cause =
	/** the name or password the job uses is wrong */
	| 'credentials'
	/** the account exists but may not log on now (locked out, disabled, expired, restricted) */
	| 'account'
	/** the account may log on but lacks the rights guest processing needs */
	| 'rights'
	/** the guest (its admin share, RPC or a domain controller) cannot be reached over the network */
	| 'network'
	/** the proxy already holds a connection to the guest under another user name */
	| 'session';

interface Win32Info {
	name: string;
	cause: Win32Cause;
	/** What the code means, English (the FormatMessage text, shortened where it is long). */
	en: string;
	ja: string;
}

const w = (name: string, cause: Win32Cause, en: string, ja: string): Win32Info => ({ name, cause, en, ja });

/** The codes seen in guest processing, by number. */
const WIN32: Readonly<Record<number, Win32Info>> = {
	5: w('ERROR_ACCESS_DENIED', 'rights', 'access is denied', 'アクセスが拒否された'),
	53: w('ERROR_BAD_NETPATH', 'network', 'the network path was not found', 'ネットワーク パスが見つからない'),
	64: w('ERROR_NETNAME_DELETED', 'network', 'the specified network name is no longer available', '指定されたネットワーク名は利用できなくなった'),
	67: w('ERROR_BAD_NET_NAME', 'network', 'the network name cannot be found (the share does not exist)', 'ネットワーク名が見つからない (共有が存在しない)'),
	86: w('ERROR_INVALID_PASSWORD', 'credentials', 'the specified network password is not correct', '指定されたネットワーク パスワードが間違っている'),
	1219: w(
		'ERROR_SESSION_CREDENTIAL_CONFLICT',
		'session',
		'multiple connections to a server or shared resource by the same user, using more than one user name, are not allowed',
		'同じユーザーが複数のユーザー名でサーバーまたは共有リソースへ複数接続することは許可されていない',
	),
	1311: w('ERROR_NO_LOGON_SERVERS', 'network', 'no logon server (domain controller) is available to service the logon request', 'ログオン要求を処理できるログオン サーバー (ドメイン コントローラー) がない'),
	1326: w('ERROR_LOGON_FAILURE', 'credentials', 'the user name or password is incorrect', 'ユーザー名またはパスワードが正しくない'),
	1327: w('ERROR_ACCOUNT_RESTRICTION', 'account', 'account restrictions are preventing this user from signing in (for example a blank password or a logon-hours limit)', 'アカウントの制限によりサインインできない (空のパスワード、ログオン時間の制限など)'),
	1328: w('ERROR_INVALID_LOGON_HOURS', 'account', 'the account may not log on at this time of day', 'このアカウントは現在の時刻にはログオンできない'),
	1330: w('ERROR_PASSWORD_EXPIRED', 'account', 'the password of this account has expired', 'このアカウントのパスワードの有効期限が切れている'),
	1331: w('ERROR_ACCOUNT_DISABLED', 'account', 'the account is currently disabled', 'アカウントが現在無効になっている'),
	1385: w('ERROR_LOGON_TYPE_NOT_GRANTED', 'rights', 'the user has not been granted the requested logon type at this computer', '要求されたログオンの種類がこのコンピューターでユーザーに許可されていない'),
	1396: w('ERROR_WRONG_TARGET_NAME', 'network', 'the target account name is incorrect (Kerberos could not find the guest by the name used)', 'ターゲット アカウント名が正しくない (使用した名前で Kerberos がゲストを見つけられない)'),
	1722: w('RPC_S_SERVER_UNAVAILABLE', 'network', 'the RPC server is unavailable', 'RPC サーバーを利用できない'),
	1909: w('ERROR_ACCOUNT_LOCKED_OUT', 'account', 'the referenced account is currently locked out and may not be logged on to', '参照されたアカウントは現在ロックアウトされているため、ログオンできない'),
};

/** A Win32 code's name, meaning and what it asks to fix; undefined for a code the table does not know. */
export const win32Info = (code: number | null): Win32Info | undefined => (code === null ? undefined : WIN32[code]);

/** What a Win32 code means in the asked locale (its number, never its printed text, decides). */
export const win32Meaning = (code: number | null, locale?: string | null): string | undefined => {
	const info = win32Info(code);
	return info && (normalizeLocale(locale) === 'ja' ? info.ja : info.en);
};

/** Every code the table knows (tests walk it). */
export const WIN32_CODES: readonly number[] = Object.keys(WIN32).map(Number);
