import { ticketAttach } from '../../../jobs/ticket-attach.js';
import type { TicketAttachRequest, TicketPort } from '../../../src/core/ticket-port.js';
import { fakeKubeApi } from '../collect/fakes.js';
import { NOW, aContainer, aKubeState, aPod, anEvent } from '../../helpers/snapshot-builders.js';
import { ORIGIN, jobKit, run } from './job-kit.js';

const LINK = {
  type: 'button',
  action_id: 'ticket-open',
  text: { type: 'plain_text', text: 'Open Zendesk #7' },
  url: 'https://zd.example/7',
};

function recordingTickets(requests: TicketAttachRequest[], linkButton: object | null = LINK): TicketPort {
  return {
    attach: async (request) => {
      requests.push(request);
      return {
        ref: linkButton ? { display: 'Zendesk #7', url: 'https://zd.example/7' } : null,
        fellBack: linkButton === null,
        duplicate: false,
        linkButton,
      };
    },
  };
}

const state = aKubeState({
  pods: [
    aPod({
      namespace: 'web',
      name: 'bad',
      status: 'ErrImagePull',
      containers: [aContainer({ ready: false, state: 'waiting', reason: 'ErrImagePull' })],
    }),
    aPod({ namespace: 'web', name: 'fine' }),
  ],
  events: [
    anEvent('web/Pod/bad', { reason: 'Failed' }),
    anEvent('web/Pod/fine', { reason: 'Unhealthy' }),
    anEvent('Node/n1', { reason: 'NodeNotReady' }),
  ],
});

describe('ticket-attach job', () => {
  it('sends the cluster, its show dump, findings and the warnings of failing pods, then turns the clicked button into the link', async () => {
    const requests: TicketAttachRequest[] = [];
    const { ctx, slack } = jobKit({ api: fakeKubeApi(state), tickets: recordingTickets(requests) });

    const result = await run(
      ticketAttach,
      { ...ORIGIN, cluster: 'c0ffee00-0000-4000-8000-000000000001', threadTs: '555.1', messageTs: '555.1' },
      ctx,
    );

    expect(result).toEqual({ threadTs: '555.1', ticket: 'Zendesk #7', fellBack: false, duplicate: false });
    const request = requests[0];
    expect(request?.threadTs).toBe('555.1');
    expect(request?.showDump?.startsWith('+')).toBe(true);
    expect(request?.findings.map((f) => f.rule)).toEqual(['pod-image-pull']);
    expect(request?.warningEvents.map((e) => e.involvedName).sort()).toEqual(['bad', 'n1']);
    const update = slack.find((c) => c.kind === 'update');
    expect(update?.kind === 'update' && update.ref).toEqual({ channel: 'C1', ts: '555.1' });
    expect(JSON.stringify(update)).toContain('https://zd.example/7');
    expect(JSON.stringify(update)).not.toContain('"action_id":"ticket-attach"');
  });

  it("diagnoses at attach time, dated on the API server's clock, even when the thread never had a diagnosis", async () => {
    const requests: TicketAttachRequest[] = [];
    const skewed = { ...fakeKubeApi(state), clockSkewMs: () => -3 * 3600_000 };
    const { ctx } = jobKit({ api: skewed, tickets: recordingTickets(requests) });

    await run(ticketAttach, { ...ORIGIN, cluster: 'dev-a' }, ctx);

    expect(requests[0]?.findings.map((f) => f.rule)).toEqual(['pod-image-pull']);
    expect(requests[0]?.diagnosedAt).toBe(NOW - 3 * 3600_000);
  });

  it('re-renders a clicked diagnosis reply as the diagnosis with the link', async () => {
    const { ctx, slack } = jobKit({ api: fakeKubeApi(state), tickets: recordingTickets([]) });

    await run(ticketAttach, { ...ORIGIN, cluster: 'dev-a', threadTs: '555.1', messageTs: '555.9' }, ctx);

    const update = slack.find((c) => c.kind === 'update');
    expect(update?.kind === 'update' && update.message.text).toBe('Diagnosis of dev-a: 0 critical, 1 warning, 0 info');
  });

  it('from /kube ticket NAME: starts the thread at the cluster summary first', async () => {
    const requests: TicketAttachRequest[] = [];
    const { ctx, slack } = jobKit({ tickets: recordingTickets(requests) });

    await run(ticketAttach, { ...ORIGIN, cluster: 'dev-a' }, ctx);

    expect(slack.map((c) => c.kind)).toEqual(['post', 'update']);
    expect(requests[0]?.threadTs).toBe('100.000001');
  });

  it('attaches a cluster registered by kubeconfig without the Magnum parts, its diagnosis as the thread root', async () => {
    const requests: TicketAttachRequest[] = [];
    const { ctx, slack, calls } = jobKit({ api: fakeKubeApi(state), tickets: recordingTickets(requests), kubeconfigClusters: ['kolla'] });

    await run(ticketAttach, { ...ORIGIN, cluster: 'kolla' }, ctx);

    // Magnum is asked only whether the name is also one of its clusters (it is not).
    expect(calls).toEqual(['magnum.getCluster("kolla")', 'kube.forKubeconfigCluster(kolla)']);
    expect(requests.map((r) => [r.cluster, r.clusterName, r.showDump, r.template, r.findings.map((f) => f.rule)])).toEqual([
      [null, 'kolla', null, null, ['pod-image-pull']],
    ]);
    expect(slack.map((c) => (c.kind === 'post' ? c.message.text : c.kind))).toEqual([
      'Diagnosis of kolla: 0 critical, 1 warning, 0 info',
      'update',
    ]);
    expect(JSON.stringify(slack[1])).toContain('https://zd.example/7');
  });

  it('re-renders a clicked watch incident as the incident with the link, and leaves a resolved one to the watcher', async () => {
    const { ctx, slack } = jobKit({ api: fakeKubeApi(state), tickets: recordingTickets([]) });

    await run(ticketAttach, { ...ORIGIN, cluster: 'dev-a', threadTs: '555.1', messageTs: '555.1', watchRule: 'pod-image-pull' }, ctx);
    await run(ticketAttach, { ...ORIGIN, cluster: 'dev-a', threadTs: '556.1', messageTs: '556.1', watchRule: 'pod-crash-loop' }, ctx);

    const updates = slack.flatMap((c) => (c.kind === 'update' ? [[c.ref.ts, c.message.text]] : []));
    expect(updates).toEqual([['555.1', 'dev-a: 1 pod cannot pull its image']]);
    expect(JSON.stringify(slack.find((c) => c.kind === 'update'))).toContain('https://zd.example/7');
  });

  it('leaves the button alone when the sink failed on a first attach', async () => {
    const { ctx, slack } = jobKit({ tickets: recordingTickets([], null) });

    await run(ticketAttach, { ...ORIGIN, cluster: 'dev-a', threadTs: '555.1', messageTs: '555.1' }, ctx);

    expect(slack.filter((c) => c.kind === 'update')).toEqual([]);
  });
});
