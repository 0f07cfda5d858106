// Starts and stops a throw-away code-server 4.100.3 (= VS Code 1.100.3), isolated in its own
// run dir: random port on 127.0.0.1, own --config, user-data, extensions dir and TMPDIR, so it
// neither reads nor writes anything under ~ and leaves nothing in /tmp after stop().
// It runs in its own process group; stop() and a process 'exit' hook kill the whole group
// (server, extension host, pty host). Never kill code-server by name.
import { execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import type { Logger } from '../../lib/results';

const execFileAsync = promisify(execFile);

export const CS_VERSION = '4.100.3';

export function codeServerBin(): string {
	if (process.env.CS_BIN) {
		return process.env.CS_BIN;
	}
	const dir = process.env.CS_DIR || path.join('/tmp', `code-server-${CS_VERSION}`);
	return path.join(dir, 'node_modules', '.bin', 'code-server');
}

const DEFAULT_SETTINGS: Record<string, unknown> = {
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'workbench.enableExperiments': false,
	'workbench.welcomePage.walkthroughs.openOnInstall': false,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'extensions.ignoreRecommendations': true,
	'security.workspace.trust.enabled': false,
	'window.restoreWindows': 'none',
	// The fixture workspaces live inside this git repo; don't pop up "open the parent repository?".
	'git.openRepositoryInParentFolders': 'never',
};

export interface CodeServerOptions {
	/** Folder code-server opens when the URL names none. */
	folder?: string;
	/** .vsix file(s) to install into the run's extensions dir before the server starts. */
	vsix?: string | string[];
	/** Display language (code-server --locale), e.g. 'ja'; it needs a language pack for it (see languagePack.ts). */
	locale?: string;
	/** Runs after the .vsix installs and before the server starts, e.g. to write files into user-data. */
	prepare?: (run: { dir: string; userData: string; extensions: string }) => void | Promise<void>;
	/** Extra environment for the server; its extension host inherits it. */
	env?: Record<string, string>;
	/** Overrides merged over DEFAULT_SETTINGS into user-data/User/settings.json. */
	settings?: Record<string, unknown>;
	log?: Logger;
	/** Port on 127.0.0.1; 0 (default) picks a free one. */
	port?: number;
	/** Keep the run dir (server.log, user data) after stop(); also env QL_KEEP_RUN_DIR=1. */
	keepDir?: boolean;
}

export interface CodeServer {
	/** http://127.0.0.1:PORT (no trailing slash). */
	url: string;
	pid: number;
	dir: string;
	/** Workbench URL opening `folder`; `payload` is VS Code's URL payload (e.g. extension test paths). */
	workbenchUrl(folder: string, payload?: [string, string][]): string;
	/** The workbench's remote authority, read from the page's data-settings attribute. */
	remoteAuthority(): Promise<string>;
	stop(): Promise<void>;
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
	const log = opts.log ?? (() => undefined);
	const bin = codeServerBin();
	if (!fs.existsSync(bin)) {
		throw new Error(`code-server not found at ${bin}: run \`bash test/e2e/lib/install-code-server.sh\` first`);
	}
	const keepDir = opts.keepDir ?? process.env.QL_KEEP_RUN_DIR === '1';
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-code-server-'));
	const userData = path.join(dir, 'user-data');
	const extensions = path.join(dir, 'extensions');
	const tmp = path.join(dir, 'tmp');
	for (const d of [path.join(userData, 'User'), extensions, tmp]) {
		fs.mkdirSync(d, { recursive: true });
	}
	fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, '\t'));
	// Own config file: without it code-server writes ~/.config/code-server/config.yaml.
	const config = path.join(dir, 'config.yaml');
	fs.writeFileSync(config, 'auth: none\ncert: false\n');
	const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
	// EXTENSIONS_GALLERY={} drops the default open-vsx.org gallery (unreachable: ENOTFOUND noise).
	// TMPDIR in the run dir: the server leaves vscode-ipc-*.sock, vscode-git-*.sock and
	// vscode-typescript*/ in $TMPDIR; this way they go with the run dir.
	const env = { EXTENSIONS_GALLERY: '{}', ...process.env, TMPDIR: tmp, ...opts.env };
	const removeDir = () => {
		if (!keepDir) {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};

	const vsixes = opts.vsix === undefined ? [] : [opts.vsix].flat();
	if (vsixes.length > 0) {
		const t = Date.now();
		try {
			await execFileAsync(bin, [...common, ...vsixes.flatMap((v) => ['--install-extension', path.resolve(v)])], { env });
		} catch (err) {
			removeDir();
			const e = err as { stdout?: string; stderr?: string; message: string };
			throw new Error(`installing ${vsixes.join(', ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
		}
		log(`installed ${vsixes.map((v) => path.basename(v)).join(', ')} in ${Date.now() - t} ms`);
	}
	if (opts.prepare) {
		try {
			await opts.prepare({ dir, userData, extensions });
		} catch (err) {
			removeDir();
			throw err;
		}
	}

	const t0 = Date.now();
	const args = [...common, '--bind-addr', `127.0.0.1:${opts.port ?? 0}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'];
	if (opts.locale) {
		args.push('--locale', opts.locale);
	}
	if (opts.folder) {
		args.push(path.resolve(opts.folder));
	}
	const child = spawn(bin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	const pid = child.pid;
	if (pid === undefined) {
		removeDir();
		throw new Error(`could not spawn ${bin}`);
	}
	let alive = true;
	const exited = new Promise<void>((resolve) =>
		child.on('exit', () => {
			alive = false;
			resolve();
		}),
	);
	const killGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-pid, signal);
		} catch {
			// group already gone
		}
	};
	// Never leave a server behind, even when the caller throws or is interrupted.
	const onExit = () => {
		killGroup('SIGKILL');
		removeDir();
	};
	process.on('exit', onExit);
	installSignalExit();

	const serverLog = fs.createWriteStream(path.join(dir, 'server.log'));
	serverLog.on('error', () => undefined); // the log is a debugging aid, never a reason to fail
	const toLog = (chunk: Buffer) => {
		if (!serverLog.writableEnded) {
			serverLog.write(chunk);
		}
	};
	child.stderr.on('data', toLog);
	child.stdout.on('data', toLog);
	let url: string;
	try {
		url = await new Promise<string>((resolve, reject) => {
			let buf = '';
			const done = () => {
				clearTimeout(timer);
				child.stdout.off('data', onData);
				child.off('exit', onEarlyExit);
			};
			const onData = (chunk: Buffer) => {
				buf += chunk.toString();
				const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(buf);
				if (m) {
					done();
					resolve(m[1]);
				}
			};
			const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) => {
				done();
				reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${buf}`));
			};
			const timer = setTimeout(() => {
				done();
				reject(new Error(`code-server did not start within 60 s:\n${buf}`));
			}, 60_000);
			child.stdout.on('data', onData);
			child.on('exit', onEarlyExit);
		});
	} catch (err) {
		killGroup('SIGKILL');
		await exited;
		process.off('exit', onExit);
		serverLog.end();
		removeDir();
		throw err;
	}
	log(`code-server pid ${pid} listening on ${url} after ${Date.now() - t0} ms${keepDir ? ` (run dir ${dir})` : ''}`);

	let authority: string | undefined;
	return {
		url,
		pid,
		dir,
		workbenchUrl(folder: string, payload?: [string, string][]): string {
			let u = `${url}/?folder=${encodeURIComponent(path.resolve(folder))}`;
			if (payload) {
				u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
			}
			return u;
		},
		async remoteAuthority(): Promise<string> {
			if (authority === undefined) {
				const html = await (await fetch(`${url}/`)).text();
				const m = /data-settings="([^"]*)"/.exec(html);
				if (!m) {
					throw new Error('workbench page has no data-settings attribute');
				}
				const json = m[1]
					.replace(/&quot;/g, '"')
					.replace(/&#39;/g, "'")
					.replace(/&lt;/g, '<')
					.replace(/&gt;/g, '>')
					.replace(/&amp;/g, '&');
				authority = String((JSON.parse(json) as { remoteAuthority?: string }).remoteAuthority ?? '');
				if (!authority) {
					throw new Error('workbench data-settings carry no remoteAuthority');
				}
			}
			return authority;
		},
		async stop(): Promise<void> {
			if (alive) {
				killGroup('SIGTERM');
				const hard = setTimeout(() => killGroup('SIGKILL'), 5000);
				await exited;
				clearTimeout(hard);
			}
			// The extension host or pty host may outlive the server process itself.
			killGroup('SIGKILL');
			process.off('exit', onExit);
			await new Promise<void>((resolve) => serverLog.end(resolve));
			removeDir();
		},
	};
}

let signalsInstalled = false;

/**
 * Turns SIGINT/SIGTERM into process.exit(130/143), so the 'exit' hooks above kill the servers.
 * A caller that wants its own handling (test/e2e/web.ts) registers its handlers first; then
 * these are not installed.
 */
function installSignalExit(): void {
	if (signalsInstalled) {
		return;
	}
	signalsInstalled = true;
	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143],
	] as const) {
		if (process.listenerCount(signal) === 0) {
			process.once(signal, () => process.exit(code));
		}
	}
}
