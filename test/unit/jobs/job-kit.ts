import type { Access } from '../../../src/core/access.js';
import type { AuditLog } from '../../../src/core/audit.js';
import { createMemoryAuditLog } from '../../helpers/memory-audit-log.js';
import { fakeJobContext, memoryHeld } from '../../helpers/job-deps.js';
import { NotFoundError } from '../../../src/core/errors.js';
import type { KubeApi, KubeConnector, Message, MessageRef, OpenStackApi, SlackPoster } from '../../../src/core/ports.js';
import type { JobContext, JobDefinition } from '../../../jobs/definition.js';
import type { TicketPort } from '../../../src/core/ticket-port.js';
import { fakeConnector, fakeKubeApi, fakeLogger, fakeOpenStack, type CallLog } from '../collect/fakes.js';
import { NOW, aKubeState } from '../../helpers/snapshot-builders.js';

export type SlackCall =
  | { kind: 'post'; channel: string; message: Message; threadTs: string | undefined; ts: string }
  | { kind: 'update'; ref: MessageRef; message: Message }
  | { kind: 'ephemeral'; channel: string; user: string; message: Message }
  | { kind: 'snippet'; channel: string; threadTs: string; file: { filename: string; title: string; content: string } };

/** Records every Slack call; posts get ts `100.000001`, `100.000002`...; a keyed post is made once per key, as the outbox does. */
export function recordingSlack(calls: SlackCall[]): SlackPoster {
  let n = 0;
  const keyed = new Map<string, MessageRef>();
  return {
    post: async (channel, message, threadTs, options) => {
      const seen = options?.key === undefined ? undefined : keyed.get(options.key);
      if (seen !== undefined) return seen;
      const ts = `100.00000${++n}`;
      calls.push({ kind: 'post', channel, message, threadTs, ts });
      if (options?.key !== undefined) keyed.set(options.key, { channel, ts });
      return { channel, ts };
    },
    update: async (ref, message) => void calls.push({ kind: 'update', ref, message }),
    postEphemeral: async (channel, user, message) => void calls.push({ kind: 'ephemeral', channel, user, message }),
    uploadSnippet: async (channel, threadTs, file) => void calls.push({ kind: 'snippet', channel, threadTs, file }),
  };
}

export const ORIGIN = { cloud: 'sim', teamId: 'T1', channel: 'C1', user: 'U1' };

export interface KitOptions {
  api?: KubeApi;
  kubeconfigClusters?: string[];
  role?: 'viewer' | 'operator';
  tickets?: TicketPort;
  connector?: Partial<KubeConnector>;
  audit?: AuditLog;
}

/** A JobContext over fakes: OpenStack from the collect fakes, a recording Slack, a fixed clock. */
export function jobKit(options: KitOptions = {}) {
  const slack: SlackCall[] = [];
  const calls: CallLog = [];
  const updates: object[] = [];
  const access: Access = {
    authorize: async (_actor, needed) =>
      needed === 'viewer' || options.role !== 'viewer'
        ? { allowed: true, role: options.role ?? 'operator' }
        : { allowed: false, role: 'viewer', message: 'You need the operator role.' },
    cloudFor: () => 'sim',
    kubeconfigAllowed: () => true,
  };
  const api = options.api ?? fakeKubeApi(aKubeState());
  const ctx: JobContext = fakeJobContext(
    {
      slack: recordingSlack(slack),
      openstack: () => withoutMagnumTwins(fakeOpenStack(calls), options.kubeconfigClusters ?? [], calls),
      kube: fakeConnector(calls, api, { listKubeconfigClusters: async () => options.kubeconfigClusters ?? [], ...options.connector }),
      queue: { enqueue: async (_n, _d, o) => ({ jobId: o.jobId, created: true }), enqueueMany: async () => undefined },
      access,
      clock: { now: () => NOW },
      held: memoryHeld(),
      audit: options.audit ?? createMemoryAuditLog(),
      ...(options.tickets ? { tickets: options.tickets } : {}),
    },
    fakeLogger(),
    {},
    updates,
  );
  return { ctx, slack, calls, updates };
}

/** The fake cloud, where a name registered by kubeconfig is no Magnum cluster (404, as Magnum answers). */
function withoutMagnumTwins(openstack: OpenStackApi, kubeconfigClusters: readonly string[], calls: CallLog): OpenStackApi {
  const getCluster = openstack.magnum.getCluster.bind(openstack.magnum);
  const magnum = {
    ...openstack.magnum,
    getCluster: async (name: string) => {
      if (!kubeconfigClusters.includes(name)) return getCluster(name);
      calls.push(`magnum.getCluster(${JSON.stringify(name)})`);
      throw new NotFoundError(`Cluster \`${name}\` could not be found.`);
    },
  };
  return { ...openstack, magnum };
}

/** Validates raw data with the job's schema, then runs it, as the worker does. */
export async function run<D>(job: JobDefinition<D>, raw: object, ctx: JobContext): Promise<unknown> {
  return job.process(job.data.parse(raw), ctx);
}

export const sectionTexts = (message: Message | undefined): string[] =>
  (message?.blocks ?? []).flatMap((b) => {
    const t = (b as { text?: { text?: string } }).text?.text;
    return t === undefined ? [] : [t];
  });
