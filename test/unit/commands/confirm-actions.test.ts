import { RESIZE_ACTIONS } from '../../../src/core/requests/resize-request.js';
import { SCALE_ACTIONS } from '../../../src/core/requests/scale-request.js';
import { COMMANDS } from '../../../commands/index.js';
import { createRegistry } from '../../../commands/registry.js';
import { recordingQueue } from '../../helpers/recording-queue.js';
import type { Access } from '../../../src/core/access.js';
import type { EnqueueOptions, Logger, Message, MessageRef } from '../../../src/core/ports.js';
import type { ActionRequest } from '../../../src/core/slack-request.js';
import type { AuditRecord } from '../../../src/core/audit.js';
import { createConfirmation } from '../../../src/security/confirmation.js';
import { createMemorySingleUse } from '../../helpers/memory-single-use.js';

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};
const TTL = 600_000;

/** The real interaction router over real confirmations; U1 and U2 are operators, U9 an admin, U3 a viewer. */
function kit() {
  let now = Date.parse('2026-11-21T12:00:00Z');
  const clock = { now: () => now };
  const enqueued: { name: string; data: object; options: EnqueueOptions }[] = [];
  const replies: Message[] = [];
  const audit: AuditRecord[] = [];
  const updated: { ref: MessageRef; message: Message }[] = [];
  const roles: Record<string, 'viewer' | 'operator' | 'admin'> = { U1: 'operator', U2: 'operator', U9: 'admin', U3: 'viewer' };
  const rank = ['viewer', 'operator', 'admin'];
  const access: Access = {
    authorize: async (actor, needed) => {
      const role = roles[actor.userId] ?? 'viewer';
      return rank.indexOf(role) >= rank.indexOf(needed)
        ? { allowed: true, role }
        : { allowed: false, role, message: `You need the ${needed} role.` };
    },
    cloudFor: () => 'sim',
    kubeconfigAllowed: () => true,
  };
  const confirmations = createConfirmation({ secret: 'actions-test-secret-0123456789', clock, singleUse: createMemorySingleUse(clock) });
  const { interactions: router } = createRegistry(COMMANDS, {
    queue: recordingQueue(enqueued),
    access,
    clock,
    logger: silent,
    confirmations,
    audit: { write: async (r) => void audit.push(r), recent: async () => [] },
    messages: { update: async (ref, message) => void updated.push({ ref, message }) },
    modals: { open: async () => undefined },
    metrics: { handled: () => undefined },
  });
  const click = (actionId: string, value: string, over: Partial<ActionRequest> = {}) =>
    router.onAction(
      { actionId, value, userId: 'U1', teamId: 'T1', channelId: 'C1', messageTs: '300.2', threadTs: '300.1', triggerId: 'trig', ...over },
      async (m) => void replies.push(m),
    );
  const resizeToken = (params: Record<string, unknown> = {}) =>
    confirmations.issueWithClaim({
      action: 'cluster-resize',
      params: { cluster: 'prod-a', uuid: 'uuid-a', group: 'default-worker', nodes: 1, from: 3, threadTs: '300.1', ...params },
      requester: 'U1',
      channelId: 'C1',
      ttlMs: TTL,
    });
  const scaleToken = () =>
    confirmations.issueWithClaim({
      action: 'workload-scale',
      params: { cluster: 'dev-a', namespace: 'web', kind: 'Deployment', name: 'api' },
      requester: 'U1',
      channelId: 'C1',
      ttlMs: TTL,
    });
  return { click, resizeToken, scaleToken, enqueued, replies, audit, updated, advance: (ms: number) => void (now += ms) };
}

describe('Confirm and Cancel of a shrinking resize', () => {
  it('starts the resize pinned to the previewed UUID and count, under the confirmation’s job id, audited as confirmed', async () => {
    const k = kit();
    const { token, claim } = k.resizeToken({ nodegroup: 'gpu', group: 'gpu' });

    await k.click(RESIZE_ACTIONS.confirm, token);

    expect(k.enqueued).toEqual([
      {
        name: 'cluster-resize',
        data: {
          cloud: 'sim',
          teamId: 'T1',
          channel: 'C1',
          user: 'U1',
          cluster: 'prod-a',
          uuid: 'uuid-a',
          nodes: 1,
          confirmedFrom: 3,
          threadTs: '300.1',
          nodegroup: 'gpu',
        },
        options: { jobId: `cluster-resize-${claim.id}` },
      },
    ]);
    expect(k.audit.map((r) => [r.actor, r.action, r.target, r.decision, r.outcome, r.jobId, r.threadTs])).toEqual([
      ['U1', 'cluster-resize', 'prod-a', 'confirmed', 'gpu from 3 to 1 nodes', `cluster-resize-${claim.id}`, '300.1'],
    ]);
    expect(k.updated.map((u) => [u.ref.ts, u.message.text])).toEqual([
      ['300.2', 'Resize gpu of prod-a from 3 to 1 nodes :white_check_mark: Confirmed by <@U1>: resizing, progress in this thread.'],
    ]);
  });

  it('works once: a second click is refused and starts nothing', async () => {
    const k = kit();
    const { token } = k.resizeToken();

    await k.click(RESIZE_ACTIONS.confirm, token);
    await k.click(RESIZE_ACTIONS.confirm, token);

    expect(k.enqueued).toHaveLength(1);
    expect(k.enqueued[0]?.data).not.toHaveProperty('nodegroup');
    expect(k.replies.map((r) => r.text)).toEqual(['This confirmation was already used: each one works once.']);
  });

  it('is refused to another operator and a viewer, allowed to an admin on the requester’s behalf', async () => {
    const k = kit();
    const { token } = k.resizeToken();

    await k.click(RESIZE_ACTIONS.confirm, token, { userId: 'U2' });
    await k.click(RESIZE_ACTIONS.confirm, token, { userId: 'U3' });
    expect(k.enqueued).toEqual([]);
    await k.click(RESIZE_ACTIONS.confirm, token, { userId: 'U9' });

    expect(k.replies.map((r) => r.text)).toEqual([
      'Only the person who asked (or an admin) can confirm this.',
      'You need the operator role.',
    ]);
    expect(k.enqueued.map((e) => (e.data as { user: string }).user)).toEqual(['U1']);
    expect(k.audit.map((r) => [r.actor, r.decision])).toEqual([
      ['U2', 'denied'],
      ['U3', 'denied'],
      ['U9', 'confirmed'],
    ]);
  });

  it('expires', async () => {
    const k = kit();
    const { token } = k.resizeToken();
    k.advance(TTL + 1);

    await k.click(RESIZE_ACTIONS.confirm, token);

    expect(k.enqueued).toEqual([]);
    expect(k.replies.map((r) => r.text)).toEqual(['This confirmation has expired: run the command again for a fresh one.']);
  });

  it('Cancel uses the token up, audits the refusal under the job id it would have had, and keeps the nodes', async () => {
    const k = kit();
    const { token, claim } = k.resizeToken();

    await k.click(RESIZE_ACTIONS.cancel, token);
    await k.click(RESIZE_ACTIONS.confirm, token);

    expect(k.enqueued).toEqual([]);
    expect(k.audit.map((r) => [r.decision, r.outcome, r.jobId])).toEqual([
      ['denied', 'cancelled by the user', `cluster-resize-${claim.id}`],
      ['denied', 'confirmation already_used', undefined],
    ]);
    expect(k.updated[0]?.message.text).toBe('Resize default-worker of prod-a from 3 to 1 nodes :no_entry_sign: Cancelled by <@U1>.');
  });

  it('refuses a scale confirmation on the resize button', async () => {
    const k = kit();

    await k.click(RESIZE_ACTIONS.confirm, k.scaleToken().token);

    expect(k.enqueued).toEqual([]);
    expect(k.replies.map((r) => r.text)).toEqual(['This button does not belong here.']);
  });
});

describe('Confirm and Cancel of a scale to 0', () => {
  it('starts the confirmed scale in the preview’s thread, under the confirmation’s job id', async () => {
    const k = kit();
    const { token, claim } = k.scaleToken();

    await k.click(SCALE_ACTIONS.confirm, token, { messageTs: '400.1', threadTs: undefined });

    expect(k.enqueued).toEqual([
      {
        name: 'workload-scale',
        data: {
          cloud: 'sim',
          teamId: 'T1',
          channel: 'C1',
          user: 'U1',
          cluster: 'dev-a',
          namespace: 'web',
          kind: 'Deployment',
          name: 'api',
          replicas: 0,
          confirmed: true,
          threadTs: '400.1',
        },
        options: { jobId: `workload-scale-${claim.id}` },
      },
    ]);
    expect(k.audit.map((r) => [r.action, r.target, r.decision, r.jobId, r.threadTs])).toEqual([
      ['workload-scale', 'dev-a:web/deployment/api', 'confirmed', `workload-scale-${claim.id}`, '400.1'],
    ]);
    expect(k.updated[0]?.message.text).toBe(
      'Scale web/deployment/api on dev-a to 0 replicas :white_check_mark: Confirmed by <@U1>: scaling to 0.',
    );
  });

  it('Cancel scales nothing and the token no longer confirms', async () => {
    const k = kit();
    const { token } = k.scaleToken();

    await k.click(SCALE_ACTIONS.cancel, token);
    await k.click(SCALE_ACTIONS.confirm, token);

    expect(k.enqueued).toEqual([]);
    expect(k.audit.map((r) => [r.target, r.decision, r.outcome])).toEqual([
      ['dev-a:web/deployment/api', 'denied', 'cancelled by the user'],
      ['-', 'denied', 'confirmation already_used'],
    ]);
  });
});
