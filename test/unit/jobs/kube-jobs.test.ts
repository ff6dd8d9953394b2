import { appStatus } from '../../../jobs/app-status.js';
import { clusterEvents } from '../../../jobs/cluster-events.js';
import { clusterPods } from '../../../jobs/cluster-pods.js';
import { podLogs } from '../../../jobs/pod-logs.js';
import type { KubeApi, PodLogOptions } from '../../../src/core/ports.js';
import { fakeKubeApi } from '../collect/fakes.js';
import { aContainer, aKubeState, aPod, anEvent } from '../../helpers/snapshot-builders.js';
import { kollaState } from '../render/app-status-fixture.js';
import { ORIGIN, jobKit, run, sectionTexts } from './job-kit.js';

describe('cluster-pods job', () => {
  const state = aKubeState({
    pods: [
      aPod({ namespace: 'web', name: 'ok-1' }),
      aPod({ namespace: 'web', name: 'bad-1', status: 'ImagePullBackOff', containers: [aContainer({ ready: false, state: 'waiting' })] }),
    ],
  });

  it('posts the kubectl table, problems first, as a new thread', async () => {
    const { ctx, slack } = jobKit({ api: fakeKubeApi(state) });

    const result = await run(clusterPods, { ...ORIGIN, cluster: 'dev-a' }, ctx);

    expect(result).toEqual({ threadTs: '100.000001', pods: 2, problems: 1 });
    const table = sectionTexts(slack[0]?.kind === 'post' ? slack[0].message : undefined)[1] ?? '';
    expect(
      table
        .split('\n')
        .slice(1, 4)
        .map((l) => l.split(/\s+/).slice(0, 4).join(' ')),
    ).toEqual(['NAMESPACE NAME READY STATUS', 'web bad-1 0/1 ImagePullBackOff', 'web ok-1 1/1 Running']);
  });

  it('uploads a long table as a snippet in the thread', async () => {
    const many = aKubeState({ pods: Array.from({ length: 60 }, (_, i) => aPod({ namespace: 'web', name: `pod-${i}` })) });
    const { ctx, slack } = jobKit({ api: fakeKubeApi(many) });

    await run(clusterPods, { ...ORIGIN, cluster: 'dev-a' }, ctx);

    expect(slack.map((c) => c.kind)).toEqual(['post', 'snippet']);
    const snippet = slack[1];
    expect(snippet?.kind === 'snippet' && [snippet.threadTs, snippet.file.content.split('\n').length]).toEqual(['100.000001', 62]);
  });

  it('shows only problem pods with --problems', async () => {
    const { ctx, slack } = jobKit({ api: fakeKubeApi(state) });

    await run(clusterPods, { ...ORIGIN, cluster: 'dev-a', problemsOnly: true }, ctx);

    expect(JSON.stringify(slack[0])).not.toContain('ok-1');
  });
});

describe('pod-logs job', () => {
  it('reads the tail of the container log and uploads it redacted as a snippet', async () => {
    const asked: unknown[] = [];
    const api: KubeApi = {
      ...fakeKubeApi(),
      readPodLog: async (ns: string, pod: string, options?: PodLogOptions) => {
        asked.push([ns, pod, options]);
        return 'starting\npassword=hunter2secret\nready\n';
      },
    };
    const { ctx, slack } = jobKit({ api });

    await run(podLogs, { ...ORIGIN, cluster: 'dev-a', namespace: 'web', pod: 'api-0', container: 'app', previous: true, tail: 50 }, ctx);

    expect(asked).toEqual([['web', 'api-0', { container: 'app', previous: true, tailLines: 50, limitBytes: 512 * 1024 }]]);
    const snippet = slack.find((c) => c.kind === 'snippet');
    expect(snippet?.kind === 'snippet' && snippet.file.filename).toBe('web_api-0_app.log');
    expect(snippet?.kind === 'snippet' && snippet.file.content).not.toContain('hunter2secret');
    expect(snippet?.kind === 'snippet' && snippet.threadTs).toBe('100.000001');
  });
});

describe('cluster-events job', () => {
  it('posts the warnings of the namespace asked', async () => {
    const state = aKubeState({
      events: [anEvent('kolla/Pod/mariadb-0', { reason: 'FailedMount' }), anEvent('web/Pod/api', { reason: 'BackOff' })],
    });
    const { ctx, slack } = jobKit({ api: fakeKubeApi(state) });

    const result = await run(clusterEvents, { ...ORIGIN, cluster: 'dev-a', namespace: 'kolla' }, ctx);

    expect(result).toEqual({ threadTs: '100.000001', events: 1 });
    expect(JSON.stringify(slack[0])).toContain('FailedMount');
    expect(JSON.stringify(slack[0])).not.toContain('BackOff');
  });
});

describe('app-status job', () => {
  it('answers with the app objects in Kolla order', async () => {
    const { ctx } = jobKit({ api: fakeKubeApi(kollaState()) });

    const result = await run(appStatus, { ...ORIGIN, cluster: 'kolla', app: 'mariadb' }, ctx);

    expect(result).toEqual({
      threadTs: '100.000001',
      items: ['pv:ok', 'pvc:ok', 'svc:fail', 'configmap:ok', 'bootstrap:ok', 'pod:pending'],
    });
  });
});
