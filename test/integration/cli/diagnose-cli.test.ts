import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ClosableOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import { renderClusterShow } from '../../../src/render/cluster-show-table.js';
import { startSim, type Sim } from '../../../src/sim/index.js';
import { simOpenStack, writeMagnumKubeconfig } from '../diagnostics/sim-kit.js';

const root = resolve(new URL('../../..', import.meta.url).pathname);
/** Each child process starts tsx (several seconds on a busy 2-core box). */
const SLOW = 120_000;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kube-chatops <args>` as a child process, with only the given environment. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/bin/kube-chatops.ts', ...args],
      { cwd: root, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('kube-chatops diagnose / show (child process against the sim)', () => {
  let sim: Sim;
  let openstack: ClosableOpenStackApi;
  let dir: string;

  beforeAll(async () => {
    sim = await startSim({ seed: true });
    openstack = simOpenStack(sim);
    dir = await mkdtemp(join(tmpdir(), 'cli-kubeconfig-'));
  });
  afterAll(async () => {
    await openstack.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }, SLOW);

  it(
    'prints the findings as JSON and exits 2 for a kubeconfig cluster with a critical finding',
    async () => {
      const file = await writeMagnumKubeconfig(openstack, 'kolla-bootstrap-volume', dir, 'kolla.yaml');

      const { code, stdout } = await cli(['diagnose', '--kubeconfig', file, '--json']);

      const json = JSON.parse(stdout) as {
        cluster: string;
        findings: { rule: string; severity: string; objects: string[]; reference: { title: string; url: string } | null }[];
      };
      expect(code).toBe(2);
      expect(json.cluster).toBe('kolla');
      expect(json.findings.map((f) => [f.rule, f.severity])).toEqual([['kolla-bootstrap-holds-volume', 'critical']]);
      expect(Object.keys(json.findings[0] ?? {})).toEqual([
        'rule',
        'severity',
        'title',
        'objects',
        'evidence',
        'impact',
        'remedy',
        'reference',
      ]);
      expect(json.findings[0]?.objects.every((o) => o.split('/').length >= 2)).toBe(true);
      expect(json.findings[0]?.reference?.url).toMatch(/kolla-kubernetes\/blob\/[0-9a-f]{40}\/doc\/source\/multi-node.rst#known-issues$/);
    },
    SLOW,
  );

  it(
    'exits 0 with an empty finding list for the healthy cluster',
    async () => {
      const file = await writeMagnumKubeconfig(openstack, 'healthy', dir);

      const { code, stdout } = await cli(['diagnose', '--kubeconfig', file, '--json']);

      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ cluster: 'healthy', findings: [] });
    },
    SLOW,
  );

  it(
    'prints readable text grouped by severity without --json',
    async () => {
      const file = await writeMagnumKubeconfig(openstack, 'crash-loop', dir);

      const { code, stdout } = await cli(['diagnose', '--kubeconfig', file]);

      expect(code).toBe(0);
      expect(stdout.split('\n').slice(0, 3)).toEqual(['Diagnosis of cluster crash-loop: 0 critical, 2 warning, 0 info', '', 'WARNING (2)']);
    },
    SLOW,
  );

  it(
    'diagnoses a Magnum cluster by name with OpenStack credentials from the environment',
    async () => {
      const { code, stdout } = await cli(['diagnose', '--cluster', 'create-failed', '--json'], sim.osEnv);

      expect(code).toBe(2);
      expect((JSON.parse(stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule)).toEqual([
        'create-failed-heat',
        'node-console',
      ]);
    },
    SLOW,
  );

  it(
    'exits 1 with a message on error: unreadable kubeconfig, bad arguments',
    async () => {
      const bad = join(dir, 'broken.yaml');
      await writeFile(bad, 'not: [a kubeconfig');

      const [broken, both] = await Promise.all([
        cli(['diagnose', '--kubeconfig', bad, '--json']),
        cli(['diagnose', '--kubeconfig', bad, '--cluster', 'x']),
      ]);

      expect([broken.code, broken.stdout]).toEqual([1, '']);
      expect(broken.stderr).toContain('kubeconfig');
      expect(both.code).toBe(1);
      expect(both.stderr).toContain('Give exactly one of --kubeconfig FILE or --cluster NAME.');
    },
    SLOW,
  );

  it('show prints exactly what the openstack CLI prints for the cluster, and its 404 line', async () => {
    const expected = renderClusterShow((await openstack.magnum.getCluster('healthy')).raw);

    const [shown, missing] = await Promise.all([cli(['show', 'healthy'], sim.osEnv), cli(['show', 'nope'], sim.osEnv)]);

    expect([shown.code, shown.stdout]).toEqual([0, expected]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Cluster nope could not be found \(HTTP 404\) \(Request-ID: req-[0-9a-f-]+\)\n$/);
  });
});
