import { z } from 'zod';
import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { ClusterName, noExtra, parseFlags, validate } from './parse-args.js';
import { resizeActions } from './resize-actions.js';

const usage = '/kube resize NAME --nodes N [--nodegroup G]';

const ResizeArgs = z.object({
  cluster: ClusterName,
  nodes: z
    .string({ error: '`--nodes N` is required.' })
    .regex(/^\d{1,4}$/, { error: '`--nodes` must be a whole number.' })
    .transform(Number),
  nodegroup: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/, { error: '`--nodegroup` is not a valid nodegroup name.' })
    .optional(),
});

/** `/kube resize NAME --nodes N`: Magnum's resize action (1.7+), bounds from the nodegroup, a confirmed preview when it removes nodes, tracked. */
export const resize = defineCommand({
  name: 'resize',
  summary:
    'Resize a nodegroup (default: the default worker group) to N nodes; removing nodes shows a preview and a Confirm button first; tracked to the end.',
  usage,
  examples: ['/kube resize prod-a --nodes 5', '/kube resize prod-a --nodes 2 --nodegroup gpu'],
  role: 'operator',
  auditsRequest: true,
  parse(argv) {
    const { positionals, flags } = parseFlags(argv, { nodes: { kind: 'string', alias: 'n' }, nodegroup: { kind: 'string' } }, usage);
    noExtra(positionals, 1, usage);
    return validate(ResizeArgs, { cluster: positionals[0], nodes: flags['nodes'], nodegroup: flags['nodegroup'] }, usage);
  },
  async handle(ctx) {
    const { cluster, nodes, nodegroup } = ctx.args;
    await enqueueForRequest(ctx, 'cluster-resize', { cluster, nodes, ...(nodegroup === undefined ? {} : { nodegroup }) });
  },
  actions: resizeActions,
});
