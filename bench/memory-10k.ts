/**
 * Memory on a 10,000-pod cluster, each figure from a fresh child process (peak RSS above the
 * process's RSS once its modules are loaded, and the heap still held once the result is kept
 * and garbage collected):
 *   - a full diagnosis (fetch, parse, every rule) against fetching and parsing alone;
 *   - our fetch and parse of every list the rules read (raw paged GETs + zod) against
 *     client-node's own typed lists of the big ones only (pods, events, nodes, namespaces),
 *     the obvious alternative (it builds a model object per item).
 * The lists come from one local HTTP server in this process speaking the Kubernetes list format.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../src/core/ports.js';
import type { ClusterSnapshot } from '../src/core/snapshot.js';
import { runDiagnosis } from '../src/diagnostics/run-diagnosis.js';
import { createKubeApi } from '../src/kube/kube-api.js';
import { startListServer } from './kube-list-server.js';
import { buildLists } from './kube-lists.js';
import { median, ratioLine } from './stats.js';

const SIZE = { pods: 10_000, nodes: 100, namespaces: 40, eventsPerPod: 2 };
const ROUNDS = 3;
const MODES = ['fetch', 'diagnose', 'client-node'] as const;
type Mode = (typeof MODES)[number];

interface Sample {
  peakMb: number;
  retainedMb: number;
}

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};
const MB = 1024 * 1024;

function kubeConfig(url: string): KubeConfig {
  // client-node refuses plain http unless TLS verification is off; this loopback server has no TLS.
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'bench', server: url, skipTLSVerify: true }],
    users: [{ name: 'bench' }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench' }],
    currentContext: 'bench',
  });
  return kc;
}

function snapshotOf(kube: ClusterSnapshot['kube'], now: number): ClusterSnapshot {
  return {
    name: 'bench-10k',
    collectedAt: now,
    cluster: null,
    template: null,
    nodegroups: [],
    stack: null,
    heatResources: [],
    subnetId: null,
    loadBalancers: [],
    ports: [],
    kube,
    problems: [],
  };
}

/** One measurement, in this (child) process. */
async function measure(mode: Mode, url: string): Promise<Sample> {
  const kc = kubeConfig(url);
  const gc = globalThis.gc as (() => void) | undefined;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  const startRss = process.memoryUsage().rss;
  const startHeap = process.memoryUsage().heapUsed;
  let kept: unknown;
  if (mode === 'client-node') {
    const core = kc.makeApiClient(CoreV1Api);
    const [pods, events, nodes, namespaces] = await Promise.all([
      core.listPodForAllNamespaces(),
      core.listEventForAllNamespaces(),
      core.listNode(),
      core.listNamespace(),
    ]);
    if (pods.items.length !== SIZE.pods) throw new Error(`expected ${SIZE.pods} pods, got ${pods.items.length}`);
    kept = { pods, events, nodes, namespaces };
  } else {
    const api = createKubeApi(kc, { clock: { now: () => Date.now() }, logger: silent, timeoutMs: 120_000 });
    const { state } = await api.readState();
    if (state.pods.length !== SIZE.pods) throw new Error(`expected ${SIZE.pods} pods, got ${state.pods.length}`);
    kept = mode === 'diagnose' ? { state, diagnosis: runDiagnosis(snapshotOf(state, Date.now()), { now: Date.now() }) } : state;
  }
  // maxRSS is in kibibytes.
  const peakMb = (process.resourceUsage().maxRSS * 1024 - startRss) / MB;
  gc();
  const retainedMb = (process.memoryUsage().heapUsed - startHeap) / MB;
  if (kept === undefined) throw new Error('nothing kept');
  return { peakMb, retainedMb };
}

/** Asynchronous: the list server lives in this process and must keep answering. */
async function inChild(mode: Mode, url: string): Promise<Sample> {
  const self = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', mode, url], {
    encoding: 'utf8',
    maxBuffer: MB,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as Sample;
}

export async function benchMemory10k(): Promise<Record<Mode, Sample>> {
  const server = await startListServer(buildLists(SIZE));
  try {
    const samples: Record<Mode, Sample[]> = { fetch: [], diagnose: [], 'client-node': [] };
    for (let round = 0; round < ROUNDS; round += 1) for (const mode of MODES) samples[mode].push(await inChild(mode, server.url));
    const summary = (mode: Mode): Sample => ({
      peakMb: median(samples[mode].map((s) => s.peakMb)),
      retainedMb: median(samples[mode].map((s) => s.retainedMb)),
    });
    return { fetch: summary('fetch'), diagnose: summary('diagnose'), 'client-node': summary('client-node') };
  } finally {
    await server.close();
  }
}

const argv = process.argv;
if (argv[2] === '--child') {
  console.log(JSON.stringify(await measure(argv[3] as Mode, argv[4] ?? '')));
} else if (argv[1] !== undefined && import.meta.url === pathToFileURL(argv[1]).href) {
  const r = await benchMemory10k();
  console.log(`memory-10k: ${SIZE.pods} pods, ${SIZE.pods * SIZE.eventsPerPod} events, ${ROUNDS} child processes per figure (medians)`);
  console.log(ratioLine('diagnose: peak RSS vs fetch+parse', r.diagnose.peakMb, r.fetch.peakMb, 'MB'));
  console.log(ratioLine('diagnose: heap kept vs fetch+parse', r.diagnose.retainedMb, r.fetch.retainedMb, 'MB'));
  console.log(ratioLine('fetch+parse: peak RSS vs client-node', r.fetch.peakMb, r['client-node'].peakMb, 'MB'));
  console.log(ratioLine('fetch+parse: heap kept vs client-node', r.fetch.retainedMb, r['client-node'].retainedMb, 'MB'));
}
