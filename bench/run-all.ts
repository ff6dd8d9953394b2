/**
 * `npm run bench`: runs every benchmark in bench/, one child process each, one after another.
 * A benchmark is a `bench/*.ts` file no other bench file imports (those are helpers).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== self);
const imported = new Set(
  files.flatMap((f) => [...readFileSync(join(here, f), 'utf8').matchAll(/from '\.\/([^']+)\.js'/g)].map((m) => `${m[1] ?? ''}.ts`)),
);
const benches = files.filter((f) => !imported.has(f)).sort();
let failed = 0;
for (const file of benches) {
  console.log(`# ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`${file} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
