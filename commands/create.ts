import { CREATE_JOB, CREATE_USAGE, toCreateSpec, type CreateSpec } from '../src/core/requests/create-request.js';
import { renderCreateModal } from '../src/render/create-modal.js';
import { createActions } from './create-actions.js';
import { createForm } from './create-form.js';
import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { noExtra, parseFlags } from './parse-args.js';

type CreateArgs = { modal: true } | { modal: false; spec: CreateSpec };

const FLAGS = {
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

export const create = defineCommand<CreateArgs>({
  name: 'create',
  summary: 'Create a cluster (a form when given no arguments); tracked in a thread to the end, then health-checked.',
  usage: CREATE_USAGE,
  examples: [
    '/kube create',
    '/kube create prod-b --template k8s-1.27-no-volume --nodes 3',
    '/kube create lab --template k8s-1.27 --label kube_tag=v1.27.4 --label monitoring_enabled=true',
  ],
  role: 'operator',
  auditsRequest: true,
  parse(argv) {
    if (argv.length === 0) return { modal: true };
    const { positionals, flags } = parseFlags(argv, FLAGS, CREATE_USAGE);
    noExtra(positionals, 1, CREATE_USAGE);
    const str = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
    const labelWords = [...((flags['label'] as string[] | undefined) ?? []), ...((flags['labels'] as string[] | undefined) ?? [])];
    const raw = {
      cluster: positionals[0],
      template: str('template'),
      nodes: str('nodes'),
      masters: str('masters'),
      flavor: str('flavor'),
      masterFlavor: str('master-flavor'),
      keypair: str('keypair'),
      dockerVolumeSize: str('docker-volume-size'),
      timeout: str('timeout'),
    };
    return { modal: false, spec: toCreateSpec(raw, labelWords) };
  },
  async handle(ctx) {
    if (ctx.args.modal) {
      // The trigger id lives 3 seconds: open the form here, in the web process, right after the ack.
      await ctx.modals.open(ctx.request.triggerId, renderCreateModal({ channel: ctx.request.channelId }));
      return;
    }
    await enqueueForRequest(ctx, CREATE_JOB, { spec: ctx.args.spec });
  },
  actions: createActions,
  views: [createForm],
});
