/**
 * `npm run bench`: builds the bot (bench/cold-start.ts and bench/tracked-ops.ts time the compiled
 * JavaScript, as production runs it), then runs every benchmark in bench/, one child process
 * each, one after another, and ends with the summary of every target line they printed
 * (bench/targets.ts). Exit status 1 when a benchmark failed or a target was missed.
 * A benchmark is a `bench/*.ts` file no other bench file imports (those are helpers).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { isMissed, isTargetLine } from './targets.js';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== self);
const imported = new Set(
  files.flatMap((f) => [...readFileSync(join(here, f), 'utf8').matchAll(/from '\.\/([^']+)\.js'/g)].map((m) => `${m[1] ?? ''}.ts`)),
);
const benches = files.filter((f) => !imported.has(f)).sort();

console.log('# npm run build');
const tsc = join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc');
const build = spawnSync(process.execPath, [tsc, '-p', join(here, '..', 'tsconfig.build.json')], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error(`the build failed (exit ${build.status ?? build.signal})`);
  process.exit(1);
}

/** Runs one benchmark, echoing its output; resolves with its exit status and its target lines. */
async function runBench(file: string): Promise<{ status: number | null; targets: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const targets: string[] = [];
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    console.log(line);
    if (isTargetLine(line)) targets.push(line);
  });
  const [status] = await Promise.all([
    new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))),
    new Promise((resolve) => lines.once('close', resolve)),
  ]);
  return { status, targets };
}

const failed: string[] = [];
const targets: string[] = [];
for (const file of benches) {
  console.log(`# ${file}`);
  const result = await runBench(file);
  targets.push(...result.targets);
  if (result.status !== 0) {
    failed.push(file);
    console.error(`${file} failed (exit ${result.status})`);
  }
}
console.log(`\n# targets (${targets.length}, ${targets.filter(isMissed).length} missed)`);
for (const line of targets) console.log(line);
for (const file of failed) console.log(`failed   ${file}`);
process.exit(failed.length === 0 && !targets.some(isMissed) ? 0 : 1);
