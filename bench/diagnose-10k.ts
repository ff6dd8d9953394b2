/**
 * Diagnosis cost on a 10,000-pod cluster: the time of fetch + parse + diagnose, as a ratio to
 * fetching and parsing the same lists without analysis (same process, alternating rounds,
 * medians). The lists come from a local HTTP server speaking the Kubernetes list format.
 */
import { pathToFileURL } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterSnapshot } from '../src/core/snapshot.js';
import type { Logger } from '../src/core/ports.js';
import { runDiagnosis } from '../src/diagnostics/run-diagnosis.js';
import { createKubeApi } from '../src/kube/kube-api.js';
import { buildLists } from './kube-lists.js';
import { startListServer } from './kube-list-server.js';
import { targetLine } from './targets.js';

const ROUNDS = 7;
const SIZE = { pods: 10_000, nodes: 100, namespaces: 40, eventsPerPod: 2 };

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
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

export interface BenchResult {
  name: string;
  fetchParseMs: number;
  fetchParseDiagnoseMs: number;
  ratio: number;
  findings: number;
}

/** Runs the benchmark and returns medians in milliseconds. */
export async function benchDiagnose10k(): Promise<BenchResult> {
  const server = await startListServer(buildLists(SIZE));
  try {
    // client-node refuses plain http unless TLS verification is off; this loopback server has no TLS.
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'bench', server: server.url, skipTLSVerify: true }],
      users: [{ name: 'bench' }],
      contexts: [{ name: 'bench', cluster: 'bench', user: 'bench' }],
      currentContext: 'bench',
    });
    const clock = { now: () => Date.now() };
    const api = createKubeApi(kc, { clock, logger: silent, timeoutMs: 120_000 });
    const plain: number[] = [];
    const full: number[] = [];
    let findings = 0;
    await api.readState(); // warm-up: JIT, server page cache, keep-alive sockets
    for (let round = 0; round < ROUNDS; round++) {
      let t = performance.now();
      const a = await api.readState();
      if (a.state.pods.length !== SIZE.pods) throw new Error(`expected ${SIZE.pods} pods, got ${a.state.pods.length}`);
      plain.push(performance.now() - t);
      t = performance.now();
      const b = await api.readState();
      findings = runDiagnosis(snapshotOf(b.state, clock.now()), { now: clock.now() }).findings.length;
      full.push(performance.now() - t);
    }
    const fetchParseMs = median(plain);
    const fetchParseDiagnoseMs = median(full);
    return { name: 'diagnose-10k', fetchParseMs, fetchParseDiagnoseMs, ratio: fetchParseDiagnoseMs / fetchParseMs, findings };
  } finally {
    await server.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchDiagnose10k();
  console.log(
    `${r.name}: ${SIZE.pods} pods, ${SIZE.pods * SIZE.eventsPerPod} events, ${ROUNDS} rounds (medians): ` +
      `fetch+parse ${r.fetchParseMs.toFixed(0)} ms, fetch+parse+diagnose ${r.fetchParseDiagnoseMs.toFixed(0)} ms, ` +
      `ratio ${r.ratio.toFixed(2)} (${r.findings} findings)`,
  );
  console.log(targetLine('10,000-pod diagnosis, ratio', r.ratio, { atMost: 1.5 }));
}
