/**
 * Failure to diagnosis: a create tracked by the whole bot (web and worker in this process) on
 * the simulated cloud; at a random moment within a poll interval Magnum starts answering
 * CREATE_FAILED (the simulated clock steps past the failure), and the bench times from then
 * until the diagnosis's finding is in the operation's thread at the Slack stand-in: the poll
 * that sees the failure, the failure post, the queued cluster-diagnose job, its collection
 * (Magnum, Heat, Nova consoles) and its post. Target: at most one poll interval plus 2 s.
 *
 * The bound is absolute, not a ratio: the poll interval is the baseline (shortened here from
 * the default 15 s, so that the bench takes seconds; the 2 s are what it measures).
 */
import { startBotWorld } from './bot-world.js';
import { median } from './stats.js';
import { targetLine } from './targets.js';

const SAMPLES = 5;
const POLL_INTERVAL_MS = 5_000;
const BOUND_MS = POLL_INTERVAL_MS + 2_000;
const MINUTE = 60_000;
const redisUrl = process.argv[2] ?? 'redis://127.0.0.1:6379';
const world = await startBotWorld(redisUrl, {
  pollIntervalMs: POLL_INTERVAL_MS,
  prepare(sim) {
    // The admin raises the project's quotas, so that every sample's create fits (-1: unlimited).
    const project = sim.state.projects[0];
    if (!project) throw new Error('sim seed missing');
    project.clusterQuota = 100;
    project.quotas = { ...project.quotas, ...Object.fromEntries(Object.keys(project.quotas ?? {}).map((resource) => [resource, -1])) };
  },
});

/** One create that fails; ms from Magnum's first CREATE_FAILED answer to the finding in the thread. */
async function sample(n: number): Promise<number> {
  const name = `bench-fail-${n}`;
  const channel = await world.command(`create ${name} --template k8s-1.27-no-volume --label sim_scenario=create-failed`);
  const progress = new RegExp(`^Creating ${name}: CREATE_IN_PROGRESS`);
  await world.slack.waitFor(() => world.messages(channel).find((m) => progress.test(m.text)), 30_000);
  // A random phase against the poller's interval.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * POLL_INTERVAL_MS));
  world.sim.clock.advance(13 * MINUTE);
  const failedAt = performance.now();
  const finding = new RegExp(`^Diagnosis of ${name}`);
  await world.slack.waitFor(() => world.messages(channel).find((m) => finding.test(m.text)), BOUND_MS * 4);
  return performance.now() - failedAt;
}

const samples: number[] = [];
for (let n = 1; n <= SAMPLES; n += 1) samples.push(await sample(n));
const worst = Math.max(...samples);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `${'failure to diagnosis in thread'.padEnd(34)} median ${seconds(median(samples))}   worst ${seconds(worst)}   ` +
    `bound ${seconds(BOUND_MS)} (poll interval ${POLL_INTERVAL_MS / 1000} s + 2 s)   worst/bound ${(worst / BOUND_MS).toFixed(2)}`,
);
console.log(`${''.padEnd(34)} samples ${samples.map(seconds).join(', ')}`);
console.log(targetLine('failure to diagnosis, worst / bound', worst / BOUND_MS, { atMost: 1 }));
await world.stop();
