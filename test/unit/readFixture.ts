import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { decodeText } from '../../src/core/decode/decode';
import { FORMATS } from '../../src/core/formats';
import { DETECT_LINES, readLines, type ReadResult } from '../../src/core/formats/lib/format';
import type { FieldValue, LogRecord, RecordKind, RecordOf } from '../../src/core/model/records';
import { FIXTURES } from './fixtures';

/** The repository root, for fixture paths written as `test/fixtures/…` or `samples/…`. */
export const ROOT = path.resolve(FIXTURES, '..', '..');

/**
 * Decodes a file (path from the repository root), finds its format through the whole registry as the analysis
 * does, reads it, and checks the format, the variant and how many lines were not understood.
 */
export function readChecked(file: string, format: string, variant: string, unparsedLines = 0): ReadResult {
	const { lines } = decodeText(fs.readFileSync(path.join(ROOT, file)));
	const head = lines.slice(0, DETECT_LINES);
	const found = FORMATS.find((f) => f.detect(head));
	assert.equal(found?.id, format, `${file}: format`);
	const detection = found!.detect(head)!;
	assert.equal(detection.variant, variant, `${file}: variant`);
	const result = readLines(found!, file, lines, detection);
	assert.equal(result.unparsedLines, unparsedLines, `${file}: unparsed lines`);
	return result;
}

/** The records of one kind, in file order. */
export const recordsOf = <K extends RecordKind>(r: ReadResult, kind: K): RecordOf<K>[] => (r.facts.records ?? []).filter((x): x is RecordOf<K> => x.kind === kind);

/** A record's fields whatever its kind, for checks that span kinds (`run` on every Tools record …). */
export const fieldsOf = (r: LogRecord): Readonly<Record<string, FieldValue | undefined>> => r.fields as unknown as Readonly<Record<string, FieldValue | undefined>>;
