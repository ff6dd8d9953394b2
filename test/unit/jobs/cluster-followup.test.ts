import { clusterFollowup } from '../../../jobs/cluster-followup.js';
import { fakeKubeApi } from '../collect/fakes.js';
import { NOW, aContainer, aKubeState, aPod, anEvent } from '../../helpers/snapshot-builders.js';
import { ORIGIN, jobKit, run } from './job-kit.js';

const BASE = { ...ORIGIN, cluster: 'dev-a', after: 'create', threadTs: '555.1' };

const creating = aPod({
  namespace: 'kube-system',
  name: 'coredns-1',
  status: 'ContainerCreating',
  createdAt: NOW - 30_000,
  containers: [aContainer({ ready: false, state: 'waiting', reason: 'ContainerCreating' })],
});
const young = aKubeState({ pods: [creating] });
const failing = aKubeState({
  pods: [creating],
  events: [
    anEvent('kube-system/Pod/coredns-1', {
      reason: 'FailedCreatePodSandBox',
      message:
        'Failed create pod sandbox: rpc error: code = Unknown desc = failed to create a sandbox for pod "coredns-1": Error response from daemon: error creating overlay mount to /var/lib/docker/overlay2/abc-init/merged: invalid argument',
    }),
  ],
});

describe('cluster-followup job', () => {
  it('before its time only sleeps: no API call, no message', async () => {
    const { ctx, slack, calls } = jobKit({ api: fakeKubeApi(young) });

    const result = await run(clusterFollowup, { ...BASE, endedAt: NOW - 60_000, step: 1 }, ctx);

    expect(result).toEqual({ rescheduleInMs: expect.any(Number), data: expect.objectContaining({ step: 1 }) });
    expect(slack).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('with no finding but pods not running yet: one message saying so, and the next check scheduled with its ts', async () => {
    const { ctx, slack } = jobKit({ api: fakeKubeApi(young) });

    const result = (await run(clusterFollowup, { ...BASE, endedAt: NOW }, ctx)) as { data: { step: number; answerTs: string } };

    expect(slack.map((c) => (c.kind === 'post' ? [c.threadTs, c.message.text] : c.kind))).toEqual([
      ['555.1', 'Health check of dev-a: no finding yet, still settling (check 1 of 5, 0 min after the create)'],
    ]);
    expect(JSON.stringify(slack[0])).toContain('kube-system/coredns-1 (ContainerCreating)');
    expect(result.data).toEqual(expect.objectContaining({ step: 1, answerTs: '100.000001' }));
  });

  it('turns the same message into the diagnosis as soon as a finding shows, and stops', async () => {
    const { ctx, slack } = jobKit({ api: fakeKubeApi(failing) });

    const result = await run(clusterFollowup, { ...BASE, endedAt: NOW - 2 * 60_000, step: 1, answerTs: '100.9' }, ctx);

    expect(result).toEqual({ done: 'finding', check: 2, rules: ['container-creating-stuck'] });
    const update = slack.find((c) => c.kind === 'update');
    expect(update?.kind === 'update' && [update.ref.ts, update.message.text]).toEqual([
      '100.9',
      expect.stringMatching(/^Diagnosis of dev-a/),
    ]);
    expect(JSON.stringify(update)).toContain('post-create, check 2 of 5 at +2 min');
  });

  it('says healthy and stops once every node is Ready and every pod runs', async () => {
    const { ctx, slack } = jobKit({ api: fakeKubeApi(aKubeState({ pods: [aPod({ namespace: 'kube-system', name: 'coredns-1' })] })) });

    const result = await run(clusterFollowup, { ...BASE, after: 'resize', endedAt: NOW - 5 * 60_000, step: 2, answerTs: '100.9' }, ctx);

    expect(result).toEqual({ done: 'healthy', check: 3 });
    expect(slack.map((c) => c.kind === 'update' && c.message.text)).toEqual([
      'Health check of dev-a: healthy (check 3 of 5, 5 min after the resize)',
    ]);
  });

  it('gives up after the last check with what is still not running, naming no cause it does not have', async () => {
    const { ctx, slack } = jobKit({ api: fakeKubeApi(young) });

    const result = await run(clusterFollowup, { ...BASE, endedAt: NOW - 20 * 60_000, step: 4, answerTs: '100.9' }, ctx);

    expect(result).toEqual({ done: 'gave-up', check: 5 });
    expect(slack.map((c) => c.kind === 'update' && c.message.text)).toEqual([
      'Health check of dev-a: not healthy after 20 min, and no known cause found',
    ]);
  });
});
