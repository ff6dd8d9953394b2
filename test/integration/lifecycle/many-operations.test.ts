/**
 * Issue 13's "Done when": 200 tracked creates in one channel against the Slack stand-in enforcing
 * Slack's limits. Every result arrives exactly once, and the outbox keeps 429s to at most 5% of the
 * bot's Web API calls. Simulated time runs faster than real time, so Slack's limits are scaled by
 * the same factor in the stand-in and the bot (SLACK_RATE_LIMIT_SCALE).
 */
import { jest } from '@jest/globals';
import { MINUTE, simClustersNamed, startLifecycleHarness, type LifecycleHarness } from './harness.js';

// Under a loaded 2-core machine the run takes 2-4 minutes: 200 creates, their progress, results and health checks.
jest.setTimeout(420_000);

/** Polls `check` once a second: reading 1,000 messages is not free, and the bot shares this process. */
async function eventually(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 1_000));
}

const OPERATIONS = 200;
/** Simulated time runs about this much faster than Slack's clock in this test. */
const SCALE = 20;

describe('200 tracked operations in one channel under Slack rate limits', () => {
  let h: LifecycleHarness;

  beforeAll(async () => {
    h = await startLifecycleHarness({ rateLimitScale: SCALE, workerConcurrency: 4 });
  });

  afterAll(async () => {
    await h.stop();
  });

  it('delivers every result exactly once, with at most 5% of Web API calls answered 429', async () => {
    // The admin raises the project's quotas: Magnum's clusters, and the Nova and Neutron resources
    // 200 clusters need (the bot's quota pre-flight refuses a create that does not fit); -1 is unlimited.
    const project = h.sim.state.projects[0];
    if (project === undefined) throw new Error('no project in the sim');
    project.clusterQuota = OPERATIONS + 50;
    const unlimited = ['instances', 'cores', 'ram', 'network', 'subnet', 'port', 'router', 'floatingip', 'security_group'];
    project.quotas = { ...project.quotas, ...Object.fromEntries(unlimited.map((resource) => [resource, -1])) };
    const names = Array.from({ length: OPERATIONS }, (_, i) => `bulk-${String(i).padStart(3, '0')}`);

    for (const name of names) await h.command(`create ${name} --template k8s-1.27-no-volume`);
    const anchors = () => h.allMessages().filter((m) => /^Creating bulk-\d+: CREATE_IN_PROGRESS/.test(m.history[0]?.text ?? m.text));
    await eventually(() => anchors().length >= OPERATIONS);
    expect(names.map((n) => simClustersNamed(h.sim, n))).toEqual(names.map(() => 1));

    // Progress along the way, then every create completes.
    h.advance(6 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    h.advance(20 * MINUTE);
    const results = () => h.allMessages().filter((m) => /bulk-\d+ is ready/.test(m.text));
    await eventually(() => results().length >= OPERATIONS);
    // The poller has finished every operation (a second result, if any, would have been posted by then).
    await eventually(async () => (await h.trackedOperations()) === 0);

    const perCluster = new Map<string, number>();
    for (const m of results()) {
      const name = /(bulk-\d+) is ready/.exec(m.text)?.[1] ?? '';
      perCluster.set(name, (perCluster.get(name) ?? 0) + 1);
    }
    expect(names.filter((n) => perCluster.get(n) !== 1)).toEqual([]);
    // One thread per create, each with its one progress message.
    expect(anchors()).toHaveLength(OPERATIONS);
    expect(h.slack.messages('C1OPS')).toHaveLength(OPERATIONS);

    const webApiCalls = h.slack.calls.filter((c) => c.method !== 'upload_url' && c.method !== 'response_url');
    const limited = h.slack.rateLimited();
    expect(limited.length / webApiCalls.length).toBeLessThanOrEqual(0.05);
    expect(webApiCalls.length).toBeGreaterThan(3 * OPERATIONS);
  });
});
