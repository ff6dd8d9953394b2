import { clusterWatch, watchKey } from '../../../jobs/cluster-watch.js';
import type { WatchStore } from '../../../src/core/watch-store.js';
import type { KubeState } from '../../../src/core/kube-state.js';
import type { KubeApi } from '../../../src/core/ports.js';
import { fakeKubeApi } from '../collect/fakes.js';
import { aContainer, aKubeState, aPod, minutesAgo } from '../../helpers/snapshot-builders.js';
import { ORIGIN, jobKit, run } from './job-kit.js';

function memoryStore(): WatchStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: async (k) => map.get(k) ?? null, set: async (k, v) => void map.set(k, v), del: async (k) => void map.delete(k) };
}

const crashing = aKubeState({
  pods: [
    aPod({
      namespace: 'web',
      name: 'api-1',
      status: 'CrashLoopBackOff',
      containers: [
        aContainer({
          ready: false,
          state: 'waiting',
          reason: 'CrashLoopBackOff',
          restartCount: 7,
          lastTerminated: { reason: 'Error', exitCode: 1, finishedAt: minutesAgo(1) },
        }),
      ],
    }),
  ],
});

function switchingApi(states: KubeState[]): KubeApi {
  let i = 0;
  return { ...fakeKubeApi(), readState: async () => ({ state: states[Math.min(i++, states.length - 1)] ?? aKubeState(), problems: [] }) };
}

describe('cluster-watch job', () => {
  it('on: records itself as the watch owner, says so, and schedules the first check', async () => {
    const watches = memoryStore();
    const { ctx, slack } = jobKit();
    ctx.watches = watches;

    const result = await run(clusterWatch, { ...ORIGIN, cluster: 'dev-a', mode: 'on' }, ctx);

    expect(watches.map.get(watchKey('C1', 'dev-a'))).toBe('job-1');
    expect(slack.map((c) => (c.kind === 'post' ? c.message.text : c.kind))).toEqual(['Watching dev-a']);
    expect(result).toEqual({
      rescheduleInMs: 4000,
      data: { ...ORIGIN, cluster: 'dev-a', mode: 'tick', generation: 'job-1', incidents: {}, tick: 0 },
    });
  });

  it('posts one message per incident and updates it when the problem is gone', async () => {
    const watches = memoryStore();
    watches.map.set(watchKey('C1', 'dev-a'), 'job-1');
    const { ctx, slack } = jobKit({ api: switchingApi([crashing, crashing, aKubeState()]) });
    ctx.watches = watches;
    let data: object = { ...ORIGIN, cluster: 'dev-a', mode: 'tick', generation: 'job-1' };

    for (let i = 0; i < 3; i++) data = ((await run(clusterWatch, data, ctx)) as { data: object }).data;

    expect(
      slack.map((c) =>
        c.kind === 'post' ? ['post', c.message.text] : c.kind === 'update' ? ['update', c.ref.ts, c.message.text] : [c.kind],
      ),
    ).toEqual([
      ['post', 'dev-a: 1 pod crash looping'],
      ['update', '100.000001', 'Resolved on dev-a: 1 pod crash looping'],
    ]);
    expect(data).toMatchObject({ incidents: {} });
    // The incident carries the ticket button, naming the cluster and the incident's rule.
    expect(JSON.stringify(slack[0])).toMatch(/"action_id":"ticket-attach","text":\{[^}]*\},"value":"[0-9a-f-]{36} watch pod-crash-loop"/);
  });

  it('posts an incident once when a check is run again after a kill, and again when the problem comes back later', async () => {
    const watches = memoryStore();
    watches.map.set(watchKey('C1', 'dev-a'), 'job-1');
    const { ctx, slack } = jobKit({ api: switchingApi([crashing, crashing, aKubeState(), crashing]) });
    ctx.watches = watches;
    const first: object = { ...ORIGIN, cluster: 'dev-a', mode: 'tick', generation: 'job-1' };

    // The worker was killed after the check posted, before its next step was saved: the same check runs again.
    await run(clusterWatch, first, ctx);
    let data = ((await run(clusterWatch, first, ctx)) as { data: object }).data;
    for (let i = 0; i < 2; i++) data = ((await run(clusterWatch, data, ctx)) as { data: object }).data;

    expect(slack.map((c) => (c.kind === 'post' ? ['post', c.ts] : c.kind === 'update' ? ['update', c.ref.ts] : [c.kind]))).toEqual([
      ['post', '100.000001'],
      ['update', '100.000001'],
      ['post', '100.000002'],
    ]);
    expect(data).toMatchObject({ tick: 3, incidents: { 'pod-crash-loop': { ts: '100.000002' } } });
  });

  it('says it watches once when the "on" run is killed after saying so and run again', async () => {
    const watches = memoryStore();
    const { ctx, slack } = jobKit();
    ctx.watches = watches;

    await run(clusterWatch, { ...ORIGIN, cluster: 'dev-a', mode: 'on' }, ctx);
    watches.map.clear();
    await run(clusterWatch, { ...ORIGIN, cluster: 'dev-a', mode: 'on' }, ctx);

    expect(slack.filter((c) => c.kind === 'post')).toHaveLength(1);
    expect(watches.map.get(watchKey('C1', 'dev-a'))).toBe('job-1');
  });

  it('stops when the watch was turned off or taken over', async () => {
    const watches = memoryStore();
    const { ctx, slack } = jobKit({ api: fakeKubeApi(crashing) });
    ctx.watches = watches;

    await run(clusterWatch, { ...ORIGIN, cluster: 'dev-a', mode: 'off' }, ctx);
    const result = await run(clusterWatch, { ...ORIGIN, cluster: 'dev-a', mode: 'tick', generation: 'job-1' }, ctx);

    expect(result).toEqual({ watching: false });
    expect(slack.map((c) => (c.kind === 'post' ? c.message.text : c.kind))).toEqual(['Stopped watching dev-a']);
  });
});
