import { main } from '../../src/cli';

/** Runs the CLI in-process and captures what it prints: exit code, stdout, stderr. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '',
		err = '';
	const code = await main(
		argv,
		(s) => {
			out += s;
		},
		(s) => {
			err += s;
		},
	);
	return { code, out, err };
}
