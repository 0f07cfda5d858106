// The shapes of support bundle the bench and the scale tests generate, each deterministic (seeded): the
// same shape, size and seed give byte-identical files. Each is generateBundle's bundle with one thing
// pushed to its extreme, so that a regression that only one shape shows (a quadratic join, a per-file
// cost, a line that does not fit a window, a stream that is not inflated as it is read) shows in the bench.
import { zipSync } from 'fflate';
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { generateBundle, Out, type GeneratedBundle, type Sink, type Wrap } from './generateBundle';

export const SHAPES = ['chatter', 'records', 'vms', 'files', 'long', 'big', 'gz'] as const;
export type Shape = (typeof SHAPES)[number];

/** What each shape is, for the bench's help and the docs. */
export const SHAPE_TITLES: Readonly<Record<Shape, string>> = {
	chatter: 'chatter-dense: 4 VMs, most lines make no record (the bench of issue 8)',
	records: 'record-dense: debug-level Tools logs and a hostd with warnings of several components, most lines a record',
	vms: 'many VMs: 10,000 attempts across 500 VMs',
	files: 'many small files: about 20,000 files in nested folders, a quarter of them in zips',
	long: 'long lines: half the bytes in 1 MiB lines of vmware.log and event XML',
	big: 'one big file: the whole size in one vmware.log',
	gz: '.gz rotations: every log rotated in 8 pieces, all but the newest gzipped',
};

/** Pieces the `files` shape cuts its text into (the smaller logs are cut in fewer: about 20,000 files in all). */
const MANY_FILES = 28_000;
/** VMs of the `files` shape: streams enough to cut into MANY_FILES pieces at attempt-slot boundaries. */
const FILES_VMS = 40;
/** Pieces each log of the `gz` shape is rotated into. */
const GZ_PIECES = 8;

/** A shape's bundle: what generateBundle says, plus the files and bytes on disk (zips and .gz compressed). */
export interface ShapeBundle extends GeneratedBundle {
	shape: Shape;
	/** Bytes on disk (compressed where the shape compresses); `bytes` is the text written. */
	diskBytes: number;
}

/**
 * A log written in pieces, cut only between attempt slots once a piece holds `pieceBytes`: piece k of
 * `dir/a/b.log` is `dir/collect-<k / 100>/a/b-<k>.log` (nested), or with `gzip` the rotation a host leaves,
 * `dir/a/b-<k>.log.gz`, all pieces but the last compressed and the last named as the log itself.
 */
class Rotating implements Sink {
	/** The piece being written; null between a cut and the next line (no empty piece at the end). */
	private current: Out | null = null;
	private readonly done: string[] = [];
	private k = 0;
	chars = 0;
	entries = 0;
	bytes = 0;

	constructor(
		private readonly dir: string,
		private readonly rel: string,
		private readonly pieceBytes: number,
		private readonly gzip: boolean,
		private readonly wrap?: Wrap,
	) {}

	private name(k: number): string {
		const ext = path.extname(this.rel);
		const base = this.rel.slice(0, this.rel.length - ext.length);
		// Nested above the log's own folder (a collection per 100 pieces): a vmware.log stays in its VM's folder.
		return this.gzip ? `${base}-${k}${ext}` : path.join(`collect-${Math.floor(k / 100)}`, `${base}-${k}${ext}`);
	}

	private open(): Out {
		return new Out(path.join(this.dir, this.name(this.k)), this.wrap);
	}

	line(text: string): void {
		this.current ??= this.open();
		this.current.line(text);
		this.chars += text.length + 1;
	}

	slotDone(): void {
		if (this.current === null) return;
		this.current.flush();
		if (this.current.bytes < this.pieceBytes) return;
		this.finishPiece(false);
		this.k++;
		this.current = null;
	}

	/** Closes the current piece; with gzip, compresses it (the last one is renamed to the log's own name). */
	private finishPiece(last: boolean): void {
		if (this.current === null) return;
		this.current.close();
		this.bytes += this.current.bytes;
		const file = this.current.file;
		if (!this.gzip) {
			this.done.push(file);
		} else if (last) {
			const plain = path.join(this.dir, this.rel);
			fs.renameSync(file, plain);
			this.done.push(plain);
		} else {
			fs.writeFileSync(`${file}.gz`, gzipSync(fs.readFileSync(file)));
			fs.rmSync(file);
			this.done.push(`${file}.gz`);
		}
	}

	close(): void {
		this.finishPiece(true);
	}

	files(): string[] {
		return this.done;
	}
}

/** Every file under `dir`, sorted (what the bench hands to wc -l and warms). */
export function filesUnder(dir: string): string[] {
	const out: string[] = [];
	const walk = (d: string) => {
		for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) walk(p);
			else if (e.isFile()) out.push(p);
		}
	};
	walk(dir);
	return out;
}

/** Replaces the folder `sub` of `dir` with `sub.zip` holding its files (paths inside relative to `sub`). */
function zipFolder(dir: string, sub: string): void {
	const root = path.join(dir, sub);
	const members: Record<string, Uint8Array> = {};
	for (const f of filesUnder(root)) members[path.relative(root, f).split(path.sep).join('/')] = fs.readFileSync(f);
	fs.writeFileSync(`${root}.zip`, zipSync(members, { level: 6 }));
	fs.rmSync(root, { recursive: true, force: true });
}

/** Writes the bundle of `shape` of about `targetBytes` of text into `dir` (created or overwritten). */
export function generateShape(shape: Shape, dir: string, targetBytes: number, seed?: number): ShapeBundle {
	fs.rmSync(dir, { recursive: true, force: true });
	let bundle: GeneratedBundle;
	switch (shape) {
		case 'chatter':
			bundle = generateBundle(dir, targetBytes, { seed });
			break;
		case 'records':
			bundle = generateBundle(dir, targetBytes, { seed, chatter: 'records', share: { vmx: 0.2, hostd: 0.4, tools: 0.3, events: 0.1 } });
			break;
		case 'vms':
			bundle = generateBundle(dir, targetBytes, { seed, vms: 500, attempts: 10_000 });
			break;
		case 'long':
			bundle = generateBundle(dir, targetBytes, { seed, longLines: 0.5 });
			break;
		case 'big':
			bundle = generateBundle(dir, targetBytes, { seed, vms: 1, share: { vmx: 1, hostd: 0, tools: 0, events: 0 } });
			break;
		case 'files': {
			const pieceBytes = targetBytes / MANY_FILES;
			bundle = generateBundle(dir, targetBytes, { seed, vms: FILES_VMS, out: (rel, wrap) => new Rotating(dir, rel, pieceBytes, false, wrap) });
			// A quarter of the guests' folders come zipped, as a support engineer receives them.
			for (const collection of fs.readdirSync(dir)) {
				for (let k = 0; k < FILES_VMS; k += 4) {
					const guest = path.join(collection, `guest-SQL-PRD-${String(k + 1).padStart(2, '0')}`);
					if (fs.existsSync(path.join(dir, guest))) zipFolder(dir, guest);
				}
			}
			break;
		}
		case 'gz': {
			// 4 VMs' vmware.log, Tools log and events, and hostd: 13 logs of 8 pieces each.
			const pieceBytes = targetBytes / 13 / GZ_PIECES;
			bundle = generateBundle(dir, targetBytes, { seed, out: (rel, wrap) => new Rotating(dir, rel, pieceBytes, true, wrap) });
			break;
		}
	}
	const files = filesUnder(dir);
	return { ...bundle, shape, files, diskBytes: files.reduce((n, f) => n + fs.statSync(f).size, 0) };
}
