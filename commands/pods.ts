import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { Namespace } from './kube-names.js';
import { ClusterName, noExtra, parseFlags, validate } from './parse-args.js';

const usage = '/kube pods NAME [-n NAMESPACE] [--problems]';

export const pods = defineCommand({
  name: 'pods',
  summary: 'The `kubectl get pods -A -o wide` view of a cluster, problems first.',
  usage,
  examples: ['/kube pods prod-a', '/kube pods prod-a -n kube-system --problems'],
  role: 'viewer',
  parse(argv) {
    const { positionals, flags } = parseFlags(argv, { namespace: { kind: 'string', alias: 'n' }, problems: { kind: 'boolean' } }, usage);
    noExtra(positionals, 1, usage);
    const cluster = validate(ClusterName, positionals[0], usage);
    const namespace = flags['namespace'] === undefined ? undefined : validate(Namespace, flags['namespace'], usage);
    return { cluster, namespace, problemsOnly: flags['problems'] === true };
  },
  async handle(ctx) {
    const { cluster, namespace, problemsOnly } = ctx.args;
    await enqueueForRequest(ctx, 'cluster-pods', { cluster, problemsOnly, ...(namespace ? { namespace } : {}) });
  },
});
