import { COMMANDS } from '../../../commands/index.js';
import { createRegistry } from '../../../commands/registry.js';
import { recordingQueue } from '../../helpers/recording-queue.js';
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
    kubeconfigAllowed: () => true,
  };
  const { interactions } = createRegistry(COMMANDS, {
    queue: recordingQueue(enqueued),
    access,
    clock: { now: () => Date.parse('2026-11-21T12:00:00Z') },
    logger: silent,
    confirmations: { redeem: async () => ({ ok: false, reason: 'forged' }) },
    audit: { write: async (r) => void audit.push(r), recent: async () => [] },
    messages: { update: async () => undefined },
    modals: { open: async () => undefined },
    metrics: { handled: () => undefined },
  });
  const handle = (request: ActionRequest) => interactions.onAction(request, async (m: Message) => void replies.push(m));
  return { handle, enqueued, replies, audit };
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
    const { handle, enqueued, replies } = kit('viewer');

    await handle(click({ value: 'c0ffee00-0000-4000-8000-000000000001' }));

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
    const { handle, enqueued } = kit();

    await handle(click({ value: 'dev-a', threadTs: undefined, messageTs: '300.1' }));

    expect(enqueued[0]?.data).toMatchObject({ threadTs: '300.1', messageTs: '300.1' });
  });

  it("reads a watch incident's button: the cluster, then the rule to re-render", async () => {
    const { handle, enqueued } = kit('viewer');

    await handle(click({ value: 'c0ffee00-0000-4000-8000-000000000001 watch pod-crash-loop' }));

    expect(enqueued[0]?.data).toMatchObject({ cluster: 'c0ffee00-0000-4000-8000-000000000001', watchRule: 'pod-crash-loop' });
  });

  it.each(['dev-a watch <!channel>', 'dev-a watch', 'dev-a crash pod-crash-loop'])('refuses the malformed value %s', async (value) => {
    const { handle, enqueued, replies } = kit();

    await handle(click({ value }));

    expect(enqueued).toEqual([]);
    expect(replies.map((r) => r.text)).toEqual(['This button is not valid.']);
  });

  it('refuses a forged value', async () => {
    const { handle, enqueued, replies } = kit();

    await handle(click({ value: '<!channel>' }));

    expect(enqueued).toEqual([]);
    expect(replies.map((r) => r.text)).toEqual(['This button is not valid.']);
  });
});

describe('remedy buttons', () => {
  it('answers a remedy the bot does not know as a button it no longer handles', async () => {
    const { handle, enqueued, replies } = kit();

    await handle(click({ actionId: 'remedy-format-disk', value: '{}' }));

    expect(enqueued).toEqual([]);
    expect(replies[0]?.text).toMatch(/^This button is no longer handled/);
  });

  const value = JSON.stringify({ cluster: 'dev-a', uuid: 'uuid-1', loadBalancerIds: ['lb-1', 'lb-2'] });

  it('turns delete-loadbalancers into the lifecycle job, audited, for an operator', async () => {
    const { handle, enqueued, audit } = kit();

    await handle(click({ actionId: 'remedy-delete-loadbalancers', value }));

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
    const { handle, enqueued, audit, replies } = kit();

    await handle(click({ actionId: 'remedy-delete-loadbalancers', value, triggerId: 'trig-1' }));
    await handle(click({ actionId: 'remedy-delete-loadbalancers', value, triggerId: 'trig-2', userId: 'U2' }));

    expect(enqueued).toHaveLength(1);
    expect(audit.map((r) => [r.actor, r.decision])).toEqual([['U1', 'confirmed']]);
    expect(replies[1]?.text).toMatch(/^This button was already used/);
  });

  it('still reads the buttons of older messages, which carried only the UUID', async () => {
    const { handle, enqueued } = kit();

    await handle(
      click({ actionId: 'remedy-delete-loadbalancers', value: JSON.stringify({ cluster: 'uuid-1', loadBalancerIds: ['lb-1'] }) }),
    );

    expect(enqueued[0]?.data).toMatchObject({ cluster: 'uuid-1', uuid: 'uuid-1', loadBalancerIds: ['lb-1'] });
  });

  it('refuses a viewer and enqueues nothing', async () => {
    const { handle, enqueued, audit, replies } = kit('viewer');

    await handle(click({ actionId: 'remedy-delete-loadbalancers', value }));

    expect(enqueued).toEqual([]);
    expect(replies.map((r) => r.text)).toEqual(['You need the operator role.']);
    expect(audit.map((r) => r.decision)).toEqual(['denied']);
  });

  it.each([
    ['remedy-delete-loadbalancers', '{"cluster":"uuid-1"}'],
    ['remedy-delete-loadbalancers', 'not json'],
  ])('refuses %s with value %s', async (actionId, bad) => {
    const { handle, enqueued, replies } = kit();

    await handle(click({ actionId, value: bad }));

    expect(enqueued).toEqual([]);
    expect(replies.map((r) => r.text)).toEqual(['This button is not valid.']);
  });
});
