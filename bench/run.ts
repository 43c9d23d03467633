// `npm run bench [-- NAME…]`: runs each benchmark in bench/ (every .ts file but this one and
// files starting with "_"), one after another; each prints one JSON line per figure.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();
const chosen = wanted.length ? all.filter((n) => wanted.some((w) => n.includes(w))) : all;
if (!chosen.length) {
  process.stderr.write(`no benchmark matches ${wanted.join(', ')}; there are: ${all.join(', ')}\n`);
  process.exit(2);
}
let failed = 0;
for (const name of chosen) {
  process.stderr.write(`# ${name}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, `${name}.ts`)], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    failed++;
    process.stderr.write(`# ${name} failed with exit code ${result.status}\n`);
  }
}
process.exit(failed ? 1 : 0);
