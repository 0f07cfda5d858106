// Preloaded into the CLI by test/hostile.ts (`node -r`): at exit, writes the process's peak resident
// memory (KiB) to the file QL_RSS_FILE names, so the hostile run can bound memory without a profiler.
import * as fs from 'fs';

const file = process.env.QL_RSS_FILE;
if (file) process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));
