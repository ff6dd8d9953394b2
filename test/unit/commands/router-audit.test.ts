import { COMMANDS } from '../../../commands/index.js';
import { createRegistry } from '../../../commands/registry.js';
import type { Role } from '../../../src/core/access.js';
import type { AuditRecord } from '../../../src/core/audit.js';
import type { JobQueue, Logger, Message } from '../../../src/core/ports.js';
import { unexpectedPort } from '../../helpers/job-deps.js';

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};
const AT = Date.parse('2026-11-21T12:00:00Z');

/** The real router over every command, a user of the given role, and a queue that knows job ids already used. */
function kit(role: Role, options: { auditFails?: boolean } = {}) {
  const records: AuditRecord[] = [];
  const replies: Message[] = [];
  const enqueued: string[] = [];
  const queue: JobQueue = {
    enqueue: async (_name, _data, { jobId }) => {
      const created = !enqueued.includes(jobId);
      if (created) enqueued.push(jobId);
      return { jobId, created };
    },
    enqueueMany: async () => undefined,
  };
  const { commands: router } = createRegistry(COMMANDS, {
    queue,
    access: {
      authorize: async (_actor, needed) =>
        needed === 'viewer' || role !== 'viewer'
          ? { allowed: true, role }
          : { allowed: false, role, message: `\`x\` needs the ${needed} role; you are a viewer.` },
      cloudFor: () => 'sim',
      kubeconfigAllowed: () => true,
    },
    modals: { open: async () => undefined },
    clock: { now: () => AT },
    logger: silent,
    audit: {
      write: async (record) => {
        if (options.auditFails) throw new Error('redis down');
        records.push(record);
      },
      recent: async () => [],
    },
    confirmations: unexpectedPort('confirmations'),
    messages: unexpectedPort('messages'),
    metrics: { handled: () => undefined },
  });
  const slash = async (text: string, triggerId = 'trig.1') => {
    const plan = router.plan({ text, userId: 'U2VIEWER', teamId: 'T1', channelId: 'C1OPS', triggerId });
    if (plan.kind !== 'run') throw new Error(`expected a run plan for ${text}`);
    await plan.run(async (m) => void replies.push(m));
  };
  return { records, replies, enqueued, slash };
}

describe('the router’s audit records', () => {
  it('records a denied command: who, where, which command on what, the role needed and the role held', async () => {
    const { records, replies, enqueued, slash } = kit('viewer');

    await slash('resize prod-a --nodes 5');

    expect(records).toEqual([
      {
        at: '2026-11-21T12:00:00.000Z',
        actor: 'U2VIEWER',
        channelId: 'C1OPS',
        cloud: 'sim',
        action: 'resize',
        target: 'prod-a',
        decision: 'denied',
        outcome: 'needs the operator role; the user has viewer',
        role: 'viewer',
      },
    ]);
    expect(replies.map((r) => r.text)).toEqual(['`x` needs the operator role; you are a viewer.']);
    expect(enqueued).toEqual([]);
  });

  it.each([
    ['create delta --template k8s', 'create', 'delta'],
    ['delete healthy', 'delete', 'healthy'],
    ['scale prod-a web/deployment/api --replicas 0', 'scale', 'prod-a'],
    ['restart prod-a web/api-1', 'restart', 'prod-a'],
  ])('records the denial of `%s`', async (text, action, target) => {
    const { records, enqueued, slash } = kit('viewer');

    await slash(text);

    expect(records.map((r) => [r.decision, r.action, r.target, r.role])).toEqual([['denied', action, target, 'viewer']]);
    expect(enqueued).toEqual([]);
  });

  it('still answers the user when the audit log cannot be written', async () => {
    const { replies, enqueued, slash } = kit('viewer', { auditFails: true });

    await slash('delete healthy');

    expect(replies.map((r) => r.text)).toEqual(['`x` needs the operator role; you are a viewer.']);
    expect(enqueued).toEqual([]);
  });

  it('records the request of a mutation whose job does not, with the job id, once for a Slack retry', async () => {
    const { records, enqueued, slash } = kit('operator');

    await slash('restart  prod-a   web/api-1');
    await slash('restart  prod-a   web/api-1');

    expect(enqueued).toEqual(['workload-restart-C1OPS-trig.1']);
    expect(records).toEqual([
      {
        at: '2026-11-21T12:00:00.000Z',
        actor: 'U2VIEWER',
        channelId: 'C1OPS',
        cloud: 'sim',
        action: 'workload-restart',
        target: 'prod-a',
        decision: 'requested',
        outcome: '/kube restart prod-a web/api-1',
        jobId: 'workload-restart-C1OPS-trig.1',
      },
    ]);
  });

  it.each(['create delta --template k8s', 'delete healthy', 'resize prod-a --nodes 5', 'scale prod-a web/deployment/api --replicas 3'])(
    'leaves the request of `%s` to its job (no double record)',
    async (text) => {
      const { records, enqueued, slash } = kit('operator');

      await slash(text);

      expect(enqueued).toHaveLength(1);
      expect(records).toEqual([]);
    },
  );

  it('records nothing for an allowed read-only command', async () => {
    const { records, enqueued, slash } = kit('viewer');

    await slash('list');

    expect(enqueued).toHaveLength(1);
    expect(records).toEqual([]);
  });

  it('marks exactly the mutations (and the operator-only console read, audited like them) whose jobs write their own request record', () => {
    const own = COMMANDS.filter((c) => c.auditsRequest).map((c) => c.name);
    const mutations = COMMANDS.filter((c) => c.role !== 'viewer').map((c) => c.name);

    expect(own.sort()).toEqual(['create', 'delete', 'resize', 'scale', 'upgrade']);
    expect(mutations.sort()).toEqual(['console', 'create', 'delete', 'resize', 'restart', 'scale', 'upgrade', 'watch']);
  });
});
