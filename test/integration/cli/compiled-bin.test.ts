/**
 * The package as installed: the TypeScript build (`npm run build`, which `npm ci` runs as `prepare`) emits the
 * `bin` that package.json names, and that JavaScript runs under plain node, without tsx, both
 * beside the dev dependencies and in a tree holding only `npm ci --omit=dev` (the container's
 * runtime stage).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ClosableOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import { startSim, type Sim } from '../../../src/sim/index.js';
import { simOpenStack, writeMagnumKubeconfig } from '../diagnostics/sim-kit.js';

const root = resolve(new URL('../../..', import.meta.url).pathname);
/** A full tsc build takes a minute on a busy 2-core box; npm ci --omit=dev about as long. */
const SLOW = 300_000;

interface PackageJson {
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Ran> {
  return new Promise((done) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd ?? root,
        // Only PATH and HOME: no NODE_OPTIONS (jest's --experimental-vm-modules, a tsx loader) reaches the child.
        env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...options.env },
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('the compiled kube-chatops command', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const binPath = pkg.bin['kube-chatops'] ?? '';
  let out: string;
  let bin: string;
  let sim: Sim;
  let openstack: ClosableOpenStackApi;
  let kubeconfigDir: string;

  beforeAll(async () => {
    // The package's own build (incremental: seconds when `npm ci` has just run it as `prepare`).
    out = join(root, 'dist');
    const built = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      timeoutMs: SLOW,
    });
    if (built.code !== 0) throw new Error(`tsc failed:\n${built.stdout}${built.stderr}`);
    bin = join(out, binPath.replace(/^dist\//, ''));
    sim = await startSim({ seed: true });
    openstack = simOpenStack(sim);
    kubeconfigDir = await mkdtemp(join(tmpdir(), 'compiled-bin-'));
  }, SLOW);

  afterAll(async () => {
    await openstack?.close();
    await sim?.close();
    await rm(kubeconfigDir, { recursive: true, force: true });
  }, SLOW);

  it('is what package.json names: bin and start run dist/ with node, and tsx is only a dev dependency', async () => {
    expect(binPath).toMatch(/^dist\/.+\.js$/);
    expect(pkg.scripts['prepare']).toBe('npm run build');
    expect(pkg.scripts['start']).toBe(`node ${binPath} start`);
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    const text = await readFile(bin, 'utf8');
    expect(text.split('\n')[0]).toBe('#!/usr/bin/env node');
    const emitted = (await filesUnder(out)).filter((f) => f.endsWith('.js'));
    const importsTsx = [];
    for (const file of emitted) if (/from 'tsx|import\('tsx/.test(await readFile(file, 'utf8'))) importsTsx.push(file);
    expect(importsTsx).toEqual([]);
  });

  it(
    'answers --help for every subcommand and lists the simulated failure scenarios',
    async () => {
      const [top, diagnose, show, sim, start] = await Promise.all([
        run(process.execPath, [bin, '--help']),
        run(process.execPath, [bin, 'diagnose', '--help']),
        run(process.execPath, [bin, 'show', '--help']),
        run(process.execPath, [bin, 'sim', '--list-scenarios']),
        run(process.execPath, [bin, 'start']),
      ]);

      expect(top.code).toBe(0);
      for (const command of ['start', 'demo', 'sim', 'diagnose', 'show']) expect(top.stderr).toContain(`\n  ${command} `);
      expect([diagnose.code, diagnose.stdout + diagnose.stderr]).toEqual([0, expect.stringContaining('Usage: kube-chatops diagnose')]);
      expect([show.code, show.stdout + show.stderr]).toEqual([0, expect.stringContaining('Usage: kube-chatops show')]);
      expect([sim.code, sim.stdout]).toEqual([0, expect.stringContaining('docker-volume-overlay2')]);
      // No configuration: every missing key at once, exit 1.
      expect(start.code).toBe(1);
      expect(start.stderr).toContain('SLACK_SIGNING_SECRET');
      expect(start.stderr).toContain('SLACK_BOT_TOKEN');
    },
    SLOW,
  );

  it(
    'diagnoses a cluster from the production dependencies alone (npm ci --omit=dev, as in the container)',
    async () => {
      const prod = await mkdtemp(join(tmpdir(), 'kube-chatops-prod-'));
      try {
        await copyFile(join(root, 'package.json'), join(prod, 'package.json'));
        await copyFile(join(root, 'package-lock.json'), join(prod, 'package-lock.json'));
        const npm = await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], {
          cwd: prod,
          timeoutMs: SLOW - 60_000,
        });
        if (npm.code !== 0) throw new Error(`npm ci --omit=dev failed:\n${npm.stderr}`);
        const installed = await readdir(join(prod, 'node_modules'));
        expect(installed).not.toContain('tsx');
        expect(installed).not.toContain('typescript');
        await cp(out, join(prod, 'dist'), { recursive: true, filter: (from) => !from.endsWith('.tsbuildinfo') });
        const file = await writeMagnumKubeconfig(openstack, 'kolla-bootstrap-volume', kubeconfigDir, 'kolla.yaml');

        const ran = await run(process.execPath, [join(prod, binPath), 'diagnose', '--kubeconfig', file, '--json'], { cwd: prod });

        expect(ran.code).toBe(2);
        expect((JSON.parse(ran.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule)).toEqual([
          'kolla-bootstrap-holds-volume',
        ]);
      } finally {
        await rm(prod, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
