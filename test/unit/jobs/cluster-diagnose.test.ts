import { clusterDiagnose } from '../../../jobs/cluster-diagnose.js';
import { fakeKubeApi } from '../collect/fakes.js';
import { aContainer, aKubeState, aPod, minutesAgo } from '../../helpers/snapshot-builders.js';
import { ORIGIN, jobKit, run, sectionTexts } from './job-kit.js';

const crashLooping = aKubeState({
  pods: [
    aPod({
      namespace: 'web',
      name: 'api-<!channel>',
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

describe('cluster-diagnose job', () => {
  it('starts a thread at the cluster summary and posts the findings in it', async () => {
    const { ctx, slack, updates } = jobKit({ api: fakeKubeApi(crashLooping) });

    const result = await run(clusterDiagnose, { ...ORIGIN, cluster: 'dev-a', reason: 'manual' }, ctx);

    const posts = slack.filter((c) => c.kind === 'post');
    expect(posts.map((p) => [p.threadTs, p.message.text])).toEqual([
      [undefined, 'Cluster dev-a is CREATE_COMPLETE (Magnum health HEALTHY; kube-chatops: 0 critical, 1 warning)'],
      ['100.000001', 'Diagnosis of dev-a: 0 critical, 1 warning, 0 info'],
    ]);
    expect(result).toEqual({ threadTs: '100.000001', rules: ['pod-crash-loop'] });
    expect(updates.at(-1)).toMatchObject({ threadTs: '100.000001', answerTs: '100.000002' });
    const texts = sectionTexts(posts[1]?.message).join('\n');
    expect(texts).toContain('api-&lt;!channel&gt;');
    expect(texts).not.toContain('<!channel>');
  });

  it('posts into the given thread only (automatic runs)', async () => {
    const { ctx, slack } = jobKit({ api: fakeKubeApi(crashLooping) });

    await run(clusterDiagnose, { ...ORIGIN, cluster: 'dev-a', threadTs: '555.1', reason: 'post-create' }, ctx);

    expect(slack.map((c) => (c.kind === 'post' ? [c.kind, c.threadTs] : [c.kind]))).toEqual([['post', '555.1']]);
    expect(JSON.stringify(slack[0])).toContain('automatic check (post-create)');
  });

  it('updates its message instead of posting again when retried', async () => {
    const { ctx, slack } = jobKit({ api: fakeKubeApi(crashLooping) });

    await run(clusterDiagnose, { ...ORIGIN, cluster: 'dev-a', threadTs: '555.1', answerTs: '555.2' }, ctx);

    expect(slack.map((c) => c.kind)).toEqual(['update']);
  });

  it('answers a healthy cluster with "no problems found"', async () => {
    const { ctx, slack } = jobKit();

    await run(clusterDiagnose, { ...ORIGIN, cluster: 'dev-a', threadTs: '555.1' }, ctx);

    expect(slack[0]?.kind === 'post' && slack[0].message.text).toBe('No problems found on dev-a');
  });

  it('diagnoses a kubeconfig cluster without the Magnum parts: the diagnosis is the thread root, its ticket button naming the cluster', async () => {
    const { ctx, slack, calls } = jobKit({ api: fakeKubeApi(crashLooping), kubeconfigClusters: ['kolla'] });

    await run(clusterDiagnose, { ...ORIGIN, cluster: 'kolla' }, ctx);

    // Magnum is asked only whether the name is also one of its clusters (it is not).
    expect(calls).toEqual(['magnum.getCluster("kolla")', 'kube.forKubeconfigCluster(kolla)']);
    expect(slack.map((c) => (c.kind === 'post' ? [c.threadTs, c.message.text] : c.kind))).toEqual([
      [undefined, 'Diagnosis of kolla: 0 critical, 1 warning, 0 info'],
    ]);
    expect(JSON.stringify(slack[0])).toMatch(/"action_id":"ticket-attach","text":\{[^}]*\},"value":"kolla"/);
  });

  it('uploads the full text as a snippet when there are many findings', async () => {
    const pods = Array.from({ length: 14 }, (_, i) =>
      aPod({
        namespace: `ns${i}`,
        name: `p${i}`,
        status: 'ErrImagePull',
        containers: [aContainer({ ready: false, state: 'waiting', reason: 'ErrImagePull' })],
      }),
    );
    const crash = crashLooping.pods;
    const { ctx, slack } = jobKit({ api: fakeKubeApi(aKubeState({ pods: [...pods, ...crash] })) });

    await run(clusterDiagnose, { ...ORIGIN, cluster: 'dev-a', threadTs: '555.1' }, ctx);

    const snippet = slack.find((c) => c.kind === 'snippet');
    expect(snippet?.kind === 'snippet' && snippet.file.content).toContain('Diagnosis of cluster dev-a:');
  });
});
