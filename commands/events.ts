import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { Namespace } from './kube-names.js';
import { ClusterName, noExtra, parseFlags, validate } from './parse-args.js';

const usage = '/kube events NAME [-n NAMESPACE]';

export const events = defineCommand({
  name: 'events',
  summary: 'Recent warning events of a cluster, newest first.',
  usage,
  examples: ['/kube events prod-a', '/kube events prod-a -n kolla'],
  role: 'viewer',
  parse(argv) {
    const { positionals, flags } = parseFlags(argv, { namespace: { kind: 'string', alias: 'n' } }, usage);
    noExtra(positionals, 1, usage);
    const cluster = validate(ClusterName, positionals[0], usage);
    const namespace = flags['namespace'] === undefined ? undefined : validate(Namespace, flags['namespace'], usage);
    return { cluster, namespace };
  },
  async handle(ctx) {
    const { cluster, namespace } = ctx.args;
    await enqueueForRequest(ctx, 'cluster-events', { cluster, ...(namespace ? { namespace } : {}) });
  },
});
