import { handleRemedyAction } from '../../../src/main/actions/remedy-action.js';
import { recordingQueue } from '../../helpers/recording-queue.js';
import { handleTicketAction } from '../../../src/main/actions/ticket-action.js';
import type { ActionDeps } from '../../../src/main/actions/redeem.js';
import type { Access } from '../../../src/core/access.js';
import type { EnqueueOptions, Logger, Message } from '../../../src/core/ports.js';
import type { ActionRequest } from '../../../src/core/slack-request.js';
import type { AuditRecord } from '../../../src/core/audit.js';

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

function kit(role: 'viewer' | 'operator' = 'operator') {
  const enqueued: { name: string; data: object; options: EnqueueOptions }[] = [];
  const replies: Message[] = [];
  const audit: AuditRecord[] = [];
  const access: Access = {
    authorize: async (_a, needed) =>
      needed === 'viewer' || role === 'operator'
        ? { allowed: true, role }
        : { allowed: false, role, message: 'You need the operator role.' },
    cloudFor: () => 'sim',
  };
  const deps: ActionDeps = {
    queue: recordingQueue(enqueued),
    access,
    clock: { now: () => Date.parse('2026-11-21T12:00:00Z') },
    logger: silent,
    confirmations: { redeem: async () => ({ ok: false, reason: 'forged' }) },
    audit: { write: async (r) => void audit.push(r), recent: async () => [] },
    messages: { update: async () => undefined },
  };
  const reply = async (m: Message) => void replies.push(m);
  return { deps, enqueued, replies, audit, reply };
}

function click(over: Partial<ActionRequest>): ActionRequest {
  return {
    actionId: 'ticket-attach',
    value: '',
    userId: 'U1',
    teamId: 'T1',
    channelId: 'C1',
    messageTs: '200.2',
    threadTs: '200.1',
    triggerId: 'trig-1',
    ...over,
  };
}

describe('ticket-attach button', () => {
  it('enqueues the ticket job for the thread, remembering the clicked message', async () => {
    const { deps, enqueued, reply, replies } = kit('viewer');

    await handleTicketAction(click({ value: 'c0ffee00-0000-4000-8000-000000000001' }), deps, reply);

    expect(enqueued).toEqual([
      {
        name: 'ticket-attach',
        data: {
          cloud: 'sim',
          teamId: 'T1',
          channel: 'C1',
          user: 'U1',
          threadTs: '200.1',
          messageTs: '200.2',
          cluster: 'c0ffee00-0000-4000-8000-000000000001',
        },
        options: { jobId: 'ticket-attach-C1-200.1-trig-1' },
      },
    ]);
    expect(replies[0]?.text).toContain('Building the support bundle');
  });

  it('uses the message as the thread when the button is on a thread root', async () => {
    const { deps, enqueued, reply } = kit();

    await handleTicketAction(click({ value: 'dev-a', threadTs: undefined, messageTs: '300.1' }), deps, reply);

    expect(enqueued[0]?.data).toMatchObject({ threadTs: '300.1', messageTs: '300.1' });
  });

  it("reads a watch incident's button: the cluster, then the rule to re-render", async () => {
    const { deps, enqueued, reply } = kit('viewer');

    await handleTicketAction(click({ value: 'c0ffee00-0000-4000-8000-000000000001 watch pod-crash-loop' }), deps, reply);

    expect(enqueued[0]?.data).toMatchObject({ cluster: 'c0ffee00-0000-4000-8000-000000000001', watchRule: 'pod-crash-loop' });
  });

  it.each(['dev-a watch <!channel>', 'dev-a watch', 'dev-a crash pod-crash-loop'])('refuses the malformed value %s', async (value) => {
    const { deps, enqueued, reply, replies } = kit();

    await handleTicketAction(click({ value }), deps, reply);

    expect(enqueued).toEqual([]);
    expect(replies.map((r) => r.text)).toEqual(['This button is not valid.']);
  });

  it('refuses a forged value', async () => {
    const { deps, enqueued, reply, replies } = kit();

    await handleTicketAction(click({ value: '<!channel>' }), deps, reply);

    expect(enqueued).toEqual([]);
    expect(replies.map((r) => r.text)).toEqual(['This button is not valid.']);
  });
});

describe('remedy buttons', () => {
  const value = JSON.stringify({ cluster: 'dev-a', uuid: 'uuid-1', loadBalancerIds: ['lb-1', 'lb-2'] });

  it('turns delete-loadbalancers into the lifecycle job, audited, for an operator', async () => {
    const { deps, enqueued, audit, reply } = kit();

    await handleRemedyAction(click({ actionId: 'remedy-delete-loadbalancers', value }), deps, reply);

    expect(enqueued).toEqual([
      {
        name: 'loadbalancers-delete',
        data: {
          cloud: 'sim',
          teamId: 'T1',
          channel: 'C1',
          user: 'U1',
          cluster: 'dev-a',
          uuid: 'uuid-1',
          threadTs: '200.1',
          loadBalancerIds: ['lb-1', 'lb-2'],
        },
        options: { jobId: 'loadbalancers-delete-C1-200.2-delete-loadbalancers' },
      },
    ]);
    expect(audit.map((r) => [r.action, r.decision, r.target])).toEqual([['loadbalancers-delete', 'confirmed', 'dev-a']]);
  });

  it('starts one job per message however often it is clicked', async () => {
    const { deps, enqueued, audit, reply, replies } = kit();

    await handleRemedyAction(click({ actionId: 'remedy-delete-loadbalancers', value, triggerId: 'trig-1' }), deps, reply);
    await handleRemedyAction(click({ actionId: 'remedy-delete-loadbalancers', value, triggerId: 'trig-2', userId: 'U2' }), deps, reply);

    expect(enqueued).toHaveLength(1);
    expect(audit.map((r) => [r.actor, r.decision])).toEqual([['U1', 'confirmed']]);
    expect(replies[1]?.text).toMatch(/^This button was already used/);
  });

  it('still reads the buttons of older messages, which carried only the UUID', async () => {
    const { deps, enqueued, reply } = kit();

    await handleRemedyAction(
      click({ actionId: 'remedy-delete-loadbalancers', value: JSON.stringify({ cluster: 'uuid-1', loadBalancerIds: ['lb-1'] }) }),
      deps,
      reply,
    );

    expect(enqueued[0]?.data).toMatchObject({ cluster: 'uuid-1', uuid: 'uuid-1', loadBalancerIds: ['lb-1'] });
  });

  it('refuses a viewer and enqueues nothing', async () => {
    const { deps, enqueued, audit, reply, replies } = kit('viewer');

    await handleRemedyAction(click({ actionId: 'remedy-delete-loadbalancers', value }), deps, reply);

    expect(enqueued).toEqual([]);
    expect(replies.map((r) => r.text)).toEqual(['You need the operator role.']);
    expect(audit.map((r) => r.decision)).toEqual(['denied']);
  });

  it.each([
    ['remedy-delete-loadbalancers', '{"cluster":"uuid-1"}'],
    ['remedy-delete-loadbalancers', 'not json'],
    ['remedy-format-disk', value],
  ])('refuses %s with value %s', async (actionId, bad) => {
    const { deps, enqueued, reply, replies } = kit();

    await handleRemedyAction(click({ actionId, value: bad }), deps, reply);

    expect(enqueued).toEqual([]);
    expect(replies.map((r) => r.text)).toEqual(['This button is not valid.']);
  });
});
