import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';

// The extension host shows reports the analysis thread (dist/analysisWorker.js) makes: it must not load the
// readers, the decoders or their code-page and XML libraries, which would only grow dist/extension.js and the
// host's start. Walks the import graph of the sources, as esbuild does, from the extension's entry point.
const SRC = path.join(__dirname, '..', '..', '..', 'src');
const IMPORT = /^(?:import|export)\s[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm;

function resolve(from: string, spec: string): string | null {
	if (!spec.startsWith('.')) return null;
	const base = path.resolve(path.dirname(from), spec);
	for (const f of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(f)) return f;
	throw new Error(`${path.relative(SRC, from)}: cannot resolve '${spec}'`);
}

/** Every source file and bare package the entry reaches, by its value imports (`import type` is erased). */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
	const files = new Set<string>([entry]);
	const packages = new Set<string>();
	for (const f of files) {
		for (const m of fs.readFileSync(f, 'utf8').matchAll(IMPORT)) {
			if (/^(?:import|export)\s+type\s/.test(m[0])) continue;
			const spec = m[1] ?? m[2];
			const to = resolve(f, spec);
			if (to === null) packages.add(spec);
			else files.add(to);
		}
	}
	return { files, packages };
}

describe('the extension host loads no reader', () => {
	const { files, packages } = reach(path.join(SRC, 'extension.ts'));
	const rel = [...files].map((f) => path.relative(SRC, f).split(path.sep).join('/'));

	it('reaches the core only through its host door, never the readers, decoders or reading', () => {
		assert.ok(rel.includes('core/host.ts'), 'the walk reached the core');
		assert.ok(rel.includes('core/report/timeline.ts') && rel.includes('core/diagnosis/explain.ts'), 'the timeline and the hovers are there');
		const readers = rel.filter((f) => /^core\/(?:formats\/(?!lib\/kinds\.ts$)|decode\/|ingest\/(?!errors\.ts$|discover\.ts$)|analyze\.ts$|index\.ts$)/.test(f));
		assert.deepEqual(readers, []);
	});

	it('loads no package but VS Code, the toolkit and Node', () => {
		assert.deepEqual([...packages].filter((p) => !/^(?:vscode|fs|path|os|crypto|util|worker_threads|child_process|perf_hooks)$/.test(p)).sort(), []);
	});
});
