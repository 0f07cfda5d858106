// `npm run web`: serves the packaged extension in a throw-away code-server (VS Code 1.100.3)
// for a manual look in any browser; the run dir and server go away on Ctrl+C.
// Usage: node out/test/e2e/web.js [folder]   (default: the sample bundle, samples/sql-freeze-timeout)
// Env:   QL_VSIX (default <repo>/<name>-<version>.vsix); QL_WEB_PORT (default: a random free port;
//        the server listens on 127.0.0.1 only, without authentication).
import * as path from 'path';
import { startCodeServer, type CodeServer } from './lib/codeServer';
import { defaultVsix, repoRoot, requireFile } from '../lib/paths';
import { stepLogger } from '../lib/results';

const log = stepLogger('web');

async function main(): Promise<void> {
	const folder = requireFile(path.resolve(process.argv[2] ?? path.join(repoRoot, 'samples', 'sql-freeze-timeout')), 'pass a folder to open');
	const vsix = requireFile(path.resolve(process.env.QL_VSIX ?? defaultVsix()), 'run `npm run package` first');
	const running: { server?: CodeServer } = {};
	let stopping = false;
	// Registered before startCodeServer, so it replaces codeServer.ts's exit-on-signal handling.
	const shutdown = () => {
		if (stopping) {
			return;
		}
		stopping = true;
		log('stopping code-server…');
		void (running.server?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);

	const server = await startCodeServer({ folder, vsix, log, port: Number(process.env.QL_WEB_PORT || 0) });
	running.server = server;
	const url = server.workbenchUrl(folder);
	const rule = '='.repeat(Math.min(100, url.length + 4));
	console.log(`\n${rule}\n  Quiesce Lens in VS Code (code-server): open\n  ${url}\n${rule}\nPress Ctrl+C to stop.\n`);
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});
