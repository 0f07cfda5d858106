import * as fs from 'fs';
import * as path from 'path';

/** test/fixtures, from out/test/unit (compiled) or test/unit (sources). */
export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');

export const fixture = (...parts: string[]): string => path.join(FIXTURES, ...parts);
export const fixtureBytes = (...parts: string[]): Buffer => fs.readFileSync(fixture(...parts));
