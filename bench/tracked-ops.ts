/**
 * 1,000 tracked operations (issue 13): 1,000 Heat-driver creates tracked at once by the bot's
 * real worker role (compiled, in its own process: bench/tracked-ops/worker.ts), their progress
 * edited and their results posted through the production Slack outbox to the Slack stand-in
 * enforcing Slack's tiers, until every create has completed and its result is in its thread.
 * The baseline is the same run tracking 1 operation, side by side. Simulated time and Slack's
 * limits both run SPEED times faster than real time (SLACK_RATE_LIMIT_SCALE). The simulated
 * clusters start no Kubernetes API, so the follow-up health checks the worker runs find none.
 *
 * Rounds alternate: baseline, 1,000, baseline, 1,000; each figure is the worst of its rounds.
 * Printed: Magnum list calls per poll interval (target: the same at 1 and 1,000), how long a
 * poll takes (from its list call to the next one, less the interval between them; p50 and max,
 * in intervals: well under 1 whatever ends in it), Heat stack lists per interval (the drivers'
 * progress), the worker's peak RSS (target under 150 MB), each Slack method's busiest
 * Slack-minute against its tier (target at most 1), 429 answers, results delivered exactly once,
 * and when the last one was (against the give-up time).
 * Runs the compiled JavaScript: `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kickPoller } from '../jobs/tracking/poller.js';
import type { TrackedOperation } from '../jobs/tracking/operation.js';
import { loadConfig } from '../src/config/load-config.js';
import { slackMethodLimit } from '../src/core/slack-tiers.js';
import { createSilentLogger } from '../src/logging/logger.js';
import { createRedisConnection, type RedisConnection } from '../src/queue/connection.js';
import { deleteKeysWithPrefix } from '../src/queue/delete-prefix.js';
import { createJobQueue } from '../src/queue/job-queue.js';
import { createOperationStore } from '../src/queue/operation-store.js';
import { createSlackPoster } from '../src/slack/slack-poster.js';
import { createSlackWebClient } from '../src/slack/web-client.js';
import { MAGNUM_CLUSTER_LISTS, startSim, startSlackStandIn, type Sim, type SlackStandIn } from '../src/sim/index.js';

type RecordedCall = SlackStandIn['calls'][number];
import { TEST_SETTINGS, fakeJobContext } from '../test/helpers/job-deps.js';
import { addClusters } from '../test/helpers/sim-clusters.js';
import { median, ratioLine } from './stats.js';
import { targetLine } from './targets.js';

/** What bench/tracked-ops/worker.mjs is given (as JSON in argv) and answers. */
interface WorkerInput {
  env: Record<string, string>;
  speed: number;
  /** Real milliseconds between polls. */
  pollRealMs: number;
  /** The simulated cloud's clock, read at `realNow`. */
  simNow: number;
  realNow: number;
}

interface WorkerReport {
  peakRssMb: number;
  /** RSS once the worker had started (modules loaded, connections open). */
  startedRssMb: number;
}

/** TRACKED_OPS: fewer operations for a quicker look (the figures for issue 13 are at 1,000). */
const OPERATIONS = Number(process.env['TRACKED_OPS'] ?? 1_000);
/** Rounds of each, alternating baseline and ours. */
const ROUNDS = 2;
/** Simulated time and Slack's limits run this much faster than real time. */
const SPEED = 30;
/** The poll interval in simulated time (the default POLL_INTERVAL_SECONDS is 15). */
const POLL_SIM_MS = 30_000;
/** Channels the operations are spread over (chat.postMessage is limited per channel). */
const CHANNELS = 20;
/** A run gives up this long (simulated) after its creates started; creates take 15-25 minutes. */
const GIVE_UP_SIM_MS = 90 * 60_000;
const CLOUD = 'default';
const USER = 'U1ALICE';
const redisUrl = process.argv[2]?.startsWith('redis') ? process.argv[2] : 'redis://127.0.0.1:6379';

const WORKER = fileURLToPath(new URL('./tracked-ops/worker.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/src/main/start-bot.js', import.meta.url));

interface RunFigures {
  operations: number;
  /** Poll intervals the run lasted, in simulated time. */
  intervals: number;
  /** While operations are tracked: from the poller's first Magnum list to its last. */
  magnumListsPerInterval: number;
  /** Each poll's time in intervals: from its Magnum list to the next poll's, less one interval. */
  pollTimes: number[];
  progressCallsPerInterval: number;
  peakRssMb: number;
  startedRssMb: number;
  /** Per method: the busiest Slack-minute's calls over what the tier lets through in a minute (rate + burst). */
  tierUse: Record<string, number>;
  webApiCalls: number;
  rateLimited: number;
  /** Clusters whose result was posted exactly once. */
  deliveredOnce: number;
  remaining: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A producer connection once it is ready (it does not queue commands while connecting). */
async function redis(url: string): Promise<RedisConnection> {
  const connection = createRedisConnection(url, 'producer', createSilentLogger());
  if (connection.client.status !== 'ready') await new Promise((resolve) => connection.client.once('ready', resolve));
  return connection;
}

/** Starts the worker, waits until `done` says the run is over, stops it and returns its report. */
async function runWorker(input: WorkerInput, done: () => Promise<boolean>): Promise<WorkerReport> {
  const child = spawn(process.execPath, [WORKER, JSON.stringify(input)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const message = (): Promise<unknown> => new Promise((resolve) => child.once('message', resolve));
  const started = await Promise.race([message(), exited.then((code) => Promise.reject(new Error(`worker exited with ${code}`)))]);
  if (started !== 'started') throw new Error('worker did not start');
  while (!(await done())) await sleep(500);
  const report = message();
  child.send('stop');
  const result = (await report) as WorkerReport;
  await exited;
  return result;
}

/** The most calls in any window of `windowMs`, over calls sorted by time. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** Per method, the busiest Slack-minute (60 s / SPEED of real time) against the tier's rate plus burst, per channel where Slack counts so. */
function tierUse(calls: readonly RecordedCall[]): Record<string, number> {
  const use: Record<string, number> = {};
  const groups = new Map<string, number[]>();
  for (const call of calls) {
    const limit = slackMethodLimit(call.method, SPEED);
    if (limit === null || call.method === 'upload_url' || call.method === 'response_url') continue;
    const key = limit.scope === 'channel' ? `${call.method} ${String(call.body['channel'])}` : call.method;
    groups.set(key, [...(groups.get(key) ?? []), call.at]);
  }
  for (const [key, times] of groups) {
    const method = key.split(' ')[0] ?? key;
    const limit = slackMethodLimit(method, SPEED);
    if (limit === null) continue;
    const ratio =
      busiestWindow(
        [...times].sort((a, b) => a - b),
        60_000 / SPEED,
      ) /
      (limit.perMinute / SPEED + limit.burst);
    use[method] = Math.max(use[method] ?? 0, ratio);
  }
  return use;
}

async function run(operations: number): Promise<RunFigures> {
  const logger = createSilentLogger();
  // No Kubernetes API servers for the completed clusters: follow-ups are queued, not run, here.
  const kube = {
    createCertAuthority: () => Promise.reject(new Error('no Kubernetes side in this benchmark')),
    startKubeCluster: () => Promise.reject(new Error('no Kubernetes side in this benchmark')),
  };
  const sim = await startSim({ speed: SPEED, seed: true, kube });
  const channels = Array.from({ length: CHANNELS }, (_, i) => ({ id: `C${String(i).padStart(3, '0')}OPS`, name: `ops-${i}` }));
  const slack = await startSlackStandIn({ channels, rateLimitScale: SPEED });
  const prefix = `bench-tracked-${randomUUID()}`;
  const env = {
    ROLE: 'worker',
    PORT: '0',
    METRICS_PORT: '0',
    LOG_LEVEL: 'silent',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    KUBE_OPERATORS: USER,
    SLACK_SIGNING_SECRET: 's',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.apiUrl,
    SLACK_RATE_LIMIT_SCALE: String(SPEED),
    ...sim.osEnv,
  };
  const config = loadConfig(env);
  const connection = await redis(redisUrl);
  try {
    // The anchors (what each create job posts before it tracks the create), then the tracked operations.
    const poster = createSlackPoster(createSlackWebClient(config.slack, logger), { rateLimitScale: SPEED, logger });
    const now = sim.clock.now();
    const clusters = addClusters(sim.state, operations, 'bench-', now);
    const anchors = await Promise.all(
      clusters.map((c, i) => poster.post(channels[i % CHANNELS]?.id ?? '', { text: `Creating ${c.name}: CREATE_IN_PROGRESS` })),
    );
    const store = createOperationStore(connection.client, prefix);
    for (const [i, cluster] of clusters.entries()) {
      const anchor = anchors[i];
      if (!anchor) throw new Error('anchor missing');
      const op: TrackedOperation = {
        id: `op-${i}`,
        kind: 'create',
        cloud: CLOUD,
        teamId: slack.teamId,
        channel: anchor.channel,
        user: USER,
        threadTs: anchor.ts,
        anchorTs: anchor.ts,
        cluster: cluster.name,
        clusterUuid: cluster.uuid,
        startedAt: now,
        progressed: false,
        missing: 0,
        // As the create job tracks it (jobs/cluster-create.ts): its anchor says CREATE_IN_PROGRESS.
        lastStatus: 'CREATE_IN_PROGRESS',
        lastRenderedAt: now,
      };
      await store.put(CLOUD, op.id, op);
    }

    const queue = createJobQueue({ connection, prefix, logger });
    await kickPoller(
      fakeJobContext({ operations: store, queue, settings: { ...TEST_SETTINGS, pollIntervalMs: POLL_SIM_MS / SPEED } }, logger),
      CLOUD,
    );

    const firstCall = slack.calls.length;
    const simStarted = sim.clock.now();
    const polls = watchLists(sim);
    const results = new Map<string, number>();
    let seen = firstCall;
    const countResults = (): number => {
      for (const call of slack.calls.slice(seen)) {
        const match =
          call.method === 'chat.postMessage' && call.status === 200 ? /(bench-\d+) is ready/.exec(String(call.body['text'])) : null;
        if (match?.[1]) results.set(match[1], (results.get(match[1]) ?? 0) + 1);
      }
      seen = slack.calls.length;
      return results.size;
    };
    let remaining = operations;
    const done = async (): Promise<boolean> => {
      remaining = (await store.list(CLOUD)).length;
      const over = sim.clock.now() - simStarted > GIVE_UP_SIM_MS;
      return over || (countResults() >= operations && remaining === 0);
    };
    const report = await runWorker(
      { env, speed: SPEED, pollRealMs: POLL_SIM_MS / SPEED, simNow: sim.clock.now(), realNow: Date.now() },
      done,
    );
    await queue.close();
    const lists = polls.stop();
    countResults();
    const calls = slack.calls.slice(firstCall);
    const intervals = (sim.clock.now() - simStarted) / POLL_SIM_MS;
    // The poller's own pace: from its first list to its last (the poll that found nothing left to track).
    const [first, last] = [lists[0], lists.at(-1)];
    const polling = first && last && lists.length > 1 ? (last.at - first.at) / (POLL_SIM_MS / SPEED) : Number.NaN;
    return {
      operations,
      intervals,
      magnumListsPerInterval: (lists.length - 1) / polling,
      pollTimes: lists.slice(1).map((l, k) => (l.at - (lists[k]?.at ?? l.at)) / (POLL_SIM_MS / SPEED) - 1),
      progressCallsPerInterval: ((last?.heat ?? 0) - (first?.heat ?? 0)) / polling,
      peakRssMb: report.peakRssMb,
      startedRssMb: report.startedRssMb,
      tierUse: tierUse(calls),
      webApiCalls: calls.filter((c) => c.method !== 'upload_url' && c.method !== 'response_url').length,
      rateLimited: calls.filter((c) => c.status === 429).length,
      deliveredOnce: clusters.filter((c) => results.get(c.name) === 1).length,
      remaining,
    };
  } finally {
    await deleteKeysWithPrefix(connection, prefix);
    await connection.close();
    await slack.close();
    await sim.close();
  }
}

/** When the bot listed Magnum's clusters (real ms, sampled every 20 ms), and the Heat stack lists made by then. */
function watchLists(sim: Sim): { stop(): Array<{ at: number; heat: number }> } {
  const lists: Array<{ at: number; heat: number }> = [];
  let seen = sim.requests.count(MAGNUM_CLUSTER_LISTS);
  const timer = setInterval(() => {
    const now = sim.requests.count(MAGNUM_CLUSTER_LISTS);
    for (; seen < now; seen += 1) lists.push({ at: Date.now(), heat: progressCalls(sim) });
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return lists;
    },
  };
}

/** The poller's progress reads: Heat's stack list (the follow-ups' diagnoses read each stack's resources, not this). */
function progressCalls(sim: Sim): number {
  return sim.requests.count({ service: 'orchestration', method: 'GET', route: '/stacks' });
}

async function main(): Promise<void> {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run npm run build first`);
  console.log(
    `${OPERATIONS} tracked creates against 1 (baseline), ${ROUNDS} rounds each alternating, simulated time and Slack's limits x${SPEED}, ` +
      `a poll every ${POLL_SIM_MS / 1000} s, giving up after ${GIVE_UP_SIM_MS / 60_000} min`,
  );
  const baselines: RunFigures[] = [];
  const ours: RunFigures[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const [label, operations, into] of [
      ['baseline', 1, baselines],
      ['ours', OPERATIONS, ours],
    ] as const) {
      const f = await run(operations);
      into.push(f);
      const share = f.webApiCalls === 0 ? 0 : (100 * f.rateLimited) / f.webApiCalls;
      console.log(
        `round ${round} ${label.padEnd(8)} ${f.operations} operations: every result in after ${f.intervals.toFixed(0)} intervals ` +
          `(${((f.intervals * POLL_SIM_MS) / 60_000).toFixed(0)} of ${GIVE_UP_SIM_MS / 60_000} min), delivered exactly once ${f.deliveredOnce}/${f.operations}, ` +
          `still tracked ${f.remaining}; Magnum lists per interval ${f.magnumListsPerInterval.toFixed(3)}, ` +
          `poll time p50 ${median(f.pollTimes).toFixed(2)} max ${Math.max(...f.pollTimes).toFixed(2)} intervals; ` +
          `Web API calls ${f.webApiCalls}, 429s ${f.rateLimited} (${share.toFixed(1)}%)`,
      );
    }
  }
  // Each figure: the worst of the rounds (the fewest lists per interval, the longest polls, the most memory).
  const worst = (runs: readonly RunFigures[], pick: (f: RunFigures) => number, most = true) =>
    (most ? Math.max : Math.min)(...runs.map(pick));
  const both = (pick: (f: RunFigures) => number, most = true) => [worst(ours, pick, most), worst(baselines, pick, most)] as const;
  const lists = both((f) => f.magnumListsPerInterval, false);
  const pollP50 = both((f) => median(f.pollTimes));
  const pollMax = both((f) => Math.max(...f.pollTimes));
  const rss = both((f) => f.peakRssMb);
  console.log(ratioLine('Magnum list calls per interval', ...lists, 'calls'));
  console.log(ratioLine('poll time p50 (intervals)', ...pollP50, 'x'));
  console.log(ratioLine('poll time max (intervals)', ...pollMax, 'x'));
  console.log(ratioLine('Heat stack lists per interval', ...both((f) => f.progressCallsPerInterval, false), 'calls'));
  console.log(ratioLine('worker peak RSS (target < 150 MB)', ...rss, 'MB'));
  console.log(ratioLine('worker RSS once started', ...both((f) => f.startedRssMb), 'MB'));
  const methods = [...new Set(ours.flatMap((f) => Object.keys(f.tierUse)))].sort();
  for (const method of methods) {
    console.log(ratioLine(`${method} busiest min / tier`, ...both((f) => f.tierUse[method] ?? 0), 'x'));
  }
  const failures = [
    lists[0] < lists[1] * 0.9 ? 'Magnum list calls per interval fall with the operations (polls last longer)' : '',
    pollMax[0] >= 0.5 ? `a poll took ${pollMax[0].toFixed(2)} intervals` : '',
    rss[0] >= 150 ? `worker RSS ${rss[0].toFixed(0)} MB` : '',
    ours.some((f) => Object.values(f.tierUse).some((r) => r > 1)) ? 'a Slack method over its tier' : '',
    [...ours, ...baselines].some((f) => f.deliveredOnce < f.operations || f.remaining > 0) ? 'results not delivered exactly once' : '',
  ].filter((f) => f !== '');
  console.log(failures.length > 0 ? `targets missed: ${failures.join('; ')}` : 'every target met');
  const share429 = (f: RunFigures) => (f.webApiCalls === 0 ? 0 : f.rateLimited / f.webApiCalls);
  // Constant: as many lists per interval with 1,000 tracked as with 1 (fewer means polls that outlast their interval).
  console.log(targetLine(`Magnum lists per interval, ${OPERATIONS} tracked / 1`, lists[0] / lists[1], { atLeast: 0.9 }));
  console.log(targetLine(`longest poll, ${OPERATIONS} tracked, in intervals`, pollMax[0], { below: 0.5 }));
  console.log(targetLine(`worker peak RSS, ${OPERATIONS} tracked`, Math.round(rss[0]), { below: 150 }, 'MB'));
  for (const method of methods)
    console.log(
      targetLine(
        `${method}: busiest minute / tier`,
        worst(ours, (f) => f.tierUse[method] ?? 0),
        { atMost: 1 },
      ),
    );
  console.log(targetLine(`429 answers / Web API calls, ${OPERATIONS} tracked`, worst(ours, share429), { atMost: 0.05 }));
  console.log(
    targetLine(
      `results delivered exactly once, ${OPERATIONS} tracked`,
      worst(ours, (f) => f.deliveredOnce / f.operations, false),
      {
        atLeast: 1,
      },
    ),
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
