// A minimal Japanese language pack for the e2e code-server, generated at test time into the
// run's temp dir (never into the repo). code-server offline has no language pack, and without one
// `--locale ja` falls back to English everywhere: the workbench serves no NLS messages, so the
// browser's language (and with it the extension host's vscode.env.language) stays 'en', and VS Code
// never reads our package.nls.ja.json or l10n/bundle.l10n.ja.json.
//
// How VS Code 1.100 (code-server 4.100.3) resolves a display language on the server:
//   - the workbench page asks for the locale from --locale (or user-data argv.json "locale");
//   - it looks the locale up in <user-data>/languagepacks.json; an entry needs a `hash` and a
//     `translations.vscode` path to an existing main.i18n.json ({ contents: { module: { key: msg } } });
//   - it then writes <user-data>/clp/<hash>.<locale>/<commit>/nls.messages.json (the core messages
//     in nls.keys.json order, translated where the pack has the key, English otherwise) and serves
//     the matching nls.messages.js, which sets the browser's language; the extension host gets it too.
// The server process writes languagepacks.json itself only when it installs a pack; the
// `--install-extension` CLI does not, so registerLanguagePacks() writes it the way VS Code's
// LanguagePacksCache does (vs/platform/languagePacks/node/languagePacks.ts).
import { createVSIX } from '@vscode/vsce';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { codeServerBin } from './codeServer';

export interface LanguagePack {
	/** publisher.name, as VS Code identifies the installed extension. */
	id: string;
	version: string;
	languageId: string;
	label: string;
	/** The packaged pack, for --install-extension. */
	vsix: string;
	/** How many core (workbench) messages the pack translates. */
	translatedMessages: number;
}

const PUBLISHER = 'quiesce-lens-test';
const VERSION = '0.0.1';

/**
 * A few workbench strings, by their English text: every core message with exactly this text is
 * translated (the same words VS Code's own Japanese pack uses). Enough to see at a glance that the
 * workbench itself runs in Japanese; everything else stays English.
 */
const WORKBENCH_JA: Record<string, string> = {
	'Problems': '問題',
	'Explorer': 'エクスプローラー',
	'Search': '検索',
	'Source Control': 'ソース管理',
	'Run and Debug': '実行とデバッグ',
	'Extensions': '拡張機能',
	'Output': '出力',
	'Debug Console': 'デバッグ コンソール',
	'Terminal': 'ターミナル',
	'Ports': 'ポート',
	'Accounts': 'アカウント',
	'Manage': '管理',
	'Outline': 'アウトライン',
	'Timeline': 'タイムライン',
	'Open Editors': '開いているエディター',
	'Views and More Actions...': 'ビューとその他のアクション...',
	'Show All Commands': 'すべてのコマンドの表示',
	'Quick Fix': 'クイック フィックス',
	'No problems have been detected in the workspace.': 'ワークスペースで問題は検出されていません。',
	'Filter (e.g. text, **/*.ts, !**/node_modules/**)': 'フィルター (例: テキスト、**/*.ts、!**/node_modules/**)',
};

/** The English text → Japanese table the pack applies to the workbench. */
export const workbenchJapanese: Readonly<Record<string, string>> = WORKBENCH_JA;

/** code-server's VS Code build output (nls.keys.json, nls.messages.json), found from its bin. */
function vscodeOutDir(): string {
	let dir = path.dirname(fs.realpathSync(codeServerBin()));
	for (let i = 0; i < 6; i++) {
		const out = path.join(dir, 'lib', 'vscode', 'out');
		if (fs.existsSync(path.join(out, 'nls.keys.json'))) {
			return out;
		}
		dir = path.dirname(dir);
	}
	throw new Error(`no lib/vscode/out/nls.keys.json above ${codeServerBin()}`);
}

/** main.i18n.json contents: { module: { key: translation } } for every core message in `table`. */
function coreTranslations(table: Record<string, string>): { contents: Record<string, Record<string, string>>; count: number } {
	const out = vscodeOutDir();
	const keys = JSON.parse(fs.readFileSync(path.join(out, 'nls.keys.json'), 'utf8')) as [string, string[]][];
	const messages = JSON.parse(fs.readFileSync(path.join(out, 'nls.messages.json'), 'utf8')) as string[];
	const contents: Record<string, Record<string, string>> = {};
	let index = 0;
	let count = 0;
	for (const [module, moduleKeys] of keys) {
		for (const key of moduleKeys) {
			const english = messages[index++];
			if (Object.prototype.hasOwnProperty.call(table, english)) {
				(contents[module] ??= {})[key] = table[english];
				count++;
			}
		}
	}
	if (index !== messages.length) {
		throw new Error(`nls.keys.json names ${index} messages, nls.messages.json has ${messages.length}`);
	}
	return { contents, count };
}

/**
 * Writes a Japanese language pack extension into `workDir` and packages it as a .vsix there.
 * It contributes `localizations` for 'ja' with a core translation only: our own extension ships
 * its Japanese strings itself (package.nls.ja.json, l10n/bundle.l10n.ja.json).
 */
export async function buildJapaneseLanguagePack(workDir: string): Promise<LanguagePack> {
	const name = 'language-pack-ja';
	const root = path.join(workDir, name);
	fs.mkdirSync(path.join(root, 'translations'), { recursive: true });
	const label = '日本語';
	const manifest = {
		name,
		displayName: 'Japanese Language Pack (Quiesce Lens e2e test)',
		description: 'A minimal Japanese language pack generated by the Quiesce Lens e2e test.',
		publisher: PUBLISHER,
		version: VERSION,
		license: 'MIT',
		engines: { vscode: '^1.100.0' },
		categories: ['Language Packs'],
		contributes: {
			localizations: [
				{
					languageId: 'ja',
					languageName: 'Japanese',
					localizedLanguageName: label,
					translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
				},
			],
		},
	};
	const { contents, count } = coreTranslations(WORKBENCH_JA);
	fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(manifest, null, '\t'));
	fs.writeFileSync(path.join(root, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents }, null, '\t'));
	fs.writeFileSync(path.join(root, 'README.md'), `# ${manifest.displayName}\n\n${manifest.description}\n`);
	fs.writeFileSync(path.join(root, 'LICENSE'), 'MIT\n');
	fs.writeFileSync(path.join(root, '.vscodeignore'), '');
	const vsix = path.join(workDir, `${PUBLISHER}.${name}-${VERSION}.vsix`);
	// vsce lists the packaged files on stdout; keep the test's output about the test.
	const write = process.stdout.write;
	process.stdout.write = (() => true) as typeof process.stdout.write;
	try {
		await createVSIX({ cwd: root, packagePath: vsix, dependencies: false, allowMissingRepository: true, skipLicense: true });
	} finally {
		process.stdout.write = write;
	}
	return { id: `${PUBLISHER}.${name}`, version: VERSION, languageId: 'ja', label, vsix, translatedMessages: count };
}

/**
 * Writes <user-data>/languagepacks.json for packs installed in `extensionsDir`, in the shape VS
 * Code's LanguagePacksCache writes when its own server installs a pack.
 */
export function registerLanguagePacks(userData: string, extensionsDir: string, packs: LanguagePack[]): void {
	interface Localization {
		languageId: string;
		languageName?: string;
		localizedLanguageName?: string;
		translations: { id: string; path: string }[];
	}
	interface Entry {
		hash: string;
		extensions: { extensionIdentifier: { id: string }; version: string }[];
		translations: Record<string, string>;
		label: string;
	}
	const result: Record<string, Entry> = {};
	for (const pack of packs) {
		const location = path.join(extensionsDir, `${pack.id}-${pack.version}`);
		const manifestFile = path.join(location, 'package.json');
		if (!fs.existsSync(manifestFile)) {
			throw new Error(`language pack ${pack.id} is not installed in ${extensionsDir}`);
		}
		const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { contributes?: { localizations?: Localization[] } };
		for (const loc of manifest.contributes?.localizations ?? []) {
			const entry = (result[loc.languageId] ??= { hash: '', extensions: [], translations: {}, label: loc.localizedLanguageName ?? loc.languageName ?? loc.languageId });
			entry.extensions.push({ extensionIdentifier: { id: pack.id }, version: pack.version });
			for (const t of loc.translations) {
				const file = path.join(location, t.path);
				if (!fs.existsSync(file)) {
					throw new Error(`language pack ${pack.id}: ${t.path} is missing`);
				}
				entry.translations[t.id] = file;
			}
		}
	}
	for (const entry of Object.values(result)) {
		const md5 = createHash('md5');
		for (const e of entry.extensions) {
			md5.update(e.extensionIdentifier.id).update(e.version);
		}
		entry.hash = md5.digest('hex');
	}
	fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify(result));
}
