import { z } from 'zod';
import { UsageError } from '../src/core/errors.js';
import { renderCreateModal } from '../src/render/create-modal.js';
import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { ClusterName, noExtra, parseFlags, validate } from './parse-args.js';

const usage =
  '/kube create NAME [--template T] [--nodes N] [--masters M] [--flavor F] [--master-flavor F] [--keypair K] [--label k=v ...] [--docker-volume-size GB] [--timeout MIN]';

/** The label the bot sets on clusters it creates: a retried create finds and adopts its own cluster. */
export const OPERATION_LABEL = 'kube_chatops_op';

const count = (flag: string, min: number) =>
  z
    .string()
    .regex(/^\d{1,4}$/, { error: `\`--${flag}\` must be a whole number.` })
    .transform(Number)
    .refine((n) => n >= min, { error: `\`--${flag}\` must be at least ${min}.` });

// OpenStack resource names: printable, no spaces or quotes, so they pass into Magnum as given.
const resourceName = (flag: string) =>
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,254}$/, {
    error: (i) => `\`--${flag}\`: \`${String(i.input).slice(0, 40)}\` is not a valid name.`,
  });

const LABEL = /^([A-Za-z0-9_./-]{1,63})=([^,]{0,255})$/;

/** The validated create request: what the job and the modal both build. */
export const CreateSpec = z.object({
  cluster: ClusterName,
  template: resourceName('template').optional(),
  nodes: count('nodes', 1).optional(),
  masters: count('masters', 1).optional(),
  flavor: resourceName('flavor').optional(),
  masterFlavor: resourceName('master-flavor').optional(),
  keypair: resourceName('keypair').optional(),
  labels: z.record(z.string(), z.string()),
  dockerVolumeSize: count('docker-volume-size', 1).optional(),
  timeout: count('timeout', 1).optional(),
});
export type CreateSpec = z.infer<typeof CreateSpec>;

/** `k=v` words (also comma-joined, as the CLI's --labels takes them) into a label map. */
export function parseLabels(words: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of words.flatMap((w) => w.split(',')).filter((p) => p.trim() !== '')) {
    const m = LABEL.exec(pair.trim());
    if (!m) throw new UsageError(`\`--label ${pair.slice(0, 60)}\` must look like \`key=value\`.`, usage);
    const [, key = '', value = ''] = m;
    if (key === OPERATION_LABEL) throw new UsageError(`The label \`${OPERATION_LABEL}\` is reserved for the bot.`, usage);
    labels[key] = value;
  }
  return labels;
}

/** Validates raw flag values (from the command line or the modal) into a CreateSpec. */
export function toCreateSpec(raw: Record<string, string | undefined>, labelWords: readonly string[]): CreateSpec {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  return validate(CreateSpec, { ...defined, labels: parseLabels(labelWords) }, usage);
}

type CreateArgs = { modal: true } | { modal: false; spec: CreateSpec };

export const create = defineCommand<CreateArgs>({
  name: 'create',
  summary: 'Create a cluster (a form when given no arguments); tracked in a thread to the end, then health-checked.',
  usage,
  examples: [
    '/kube create',
    '/kube create prod-b --template k8s-1.27-no-volume --nodes 3',
    '/kube create lab --label sim_scenario=create-failed',
  ],
  role: 'operator',
  auditsRequest: true,
  parse(argv) {
    if (argv.length === 0) return { modal: true };
    const spec = {
      template: { kind: 'string' },
      nodes: { kind: 'string', alias: 'n' },
      masters: { kind: 'string' },
      flavor: { kind: 'string' },
      'master-flavor': { kind: 'string' },
      keypair: { kind: 'string' },
      label: { kind: 'list' },
      labels: { kind: 'list' },
      'docker-volume-size': { kind: 'string' },
      timeout: { kind: 'string' },
    } as const;
    const { positionals, flags } = parseFlags(argv, spec, usage);
    noExtra(positionals, 1, usage);
    const str = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
    const labelWords = [...((flags['label'] as string[] | undefined) ?? []), ...((flags['labels'] as string[] | undefined) ?? [])];
    return {
      modal: false,
      spec: toCreateSpec(
        {
          cluster: positionals[0],
          template: str('template'),
          nodes: str('nodes'),
          masters: str('masters'),
          flavor: str('flavor'),
          masterFlavor: str('master-flavor'),
          keypair: str('keypair'),
          dockerVolumeSize: str('docker-volume-size'),
          timeout: str('timeout'),
        },
        labelWords,
      ),
    };
  },
  async handle(ctx) {
    if (ctx.args.modal) {
      // The trigger id lives 3 seconds: open the form here, in the web process, right after the ack.
      await ctx.modals.open(ctx.request.triggerId, renderCreateModal({ channel: ctx.request.channelId }));
      return;
    }
    await enqueueForRequest(ctx, 'cluster-create', { spec: ctx.args.spec });
  },
});
