import * as path from 'path';
import { main } from './cli';

// `npm start [-- <folder>...]`: analyse the given folders, or the sample bundle shipped in samples/,
// and print the text report.
// npm runs scripts from the package root; INIT_CWD is where the user typed the command.
const cwd = process.env.INIT_CWD ?? process.cwd();
const given = process.argv.slice(2).map((p) => path.resolve(cwd, p));
const paths = given.length > 0 ? given : [path.join(__dirname, '..', '..', 'samples', 'sql-freeze-timeout')];
void main(
	['analyze', ...paths, '--format', 'text'],
	(s) => process.stdout.write(s),
	(s) => process.stderr.write(s),
).then((code) => {
	process.exitCode = code;
});
