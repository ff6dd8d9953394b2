import { UsageError } from '../src/core/errors.js';
import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { Namespace, ObjectName, splitRef } from './kube-names.js';
import { ClusterName, noExtra, parseFlags, validate } from './parse-args.js';

const usage = '/kube restart NAME NAMESPACE/POD | NAMESPACE/deployment/OBJECT';

export const restart = defineCommand({
  name: 'restart',
  summary: 'Recreates a pod (deletes it so its controller makes a new one) or rolls a Deployment (Murano’s recreatePod/restartContainers).',
  usage,
  examples: ['/kube restart prod-a kube-system/coredns-5d78c9869d-abcde', '/kube restart prod-a web/deployment/api'],
  role: 'operator',
  parse(argv) {
    const { positionals } = parseFlags(argv, {}, usage);
    noExtra(positionals, 2, usage);
    const cluster = validate(ClusterName, positionals[0], usage);
    const word = positionals[1];
    const parts = splitRef(word, 'pod or deployment (NAMESPACE/POD or NAMESPACE/deployment/OBJECT)', usage);
    const namespace = validate(Namespace, parts[0], usage);
    if (parts.length === 2) return { cluster, namespace, kind: 'Pod' as const, name: validate(ObjectName, parts[1], usage) };
    const kind = (parts[1] ?? '').toLowerCase();
    if (parts.length === 3 && ['deployment', 'deployments', 'deploy'].includes(kind)) {
      return { cluster, namespace, kind: 'Deployment' as const, name: validate(ObjectName, parts[2], usage) };
    }
    if (parts.length === 3)
      throw new UsageError(`Cannot restart a \`${kind.slice(0, 40)}\`: give a pod (NAMESPACE/POD) or a deployment.`, usage);
    throw new UsageError(`Give NAMESPACE/POD or NAMESPACE/deployment/OBJECT, not \`${(word ?? '').slice(0, 80)}\`.`, usage);
  },
  async handle(ctx) {
    await enqueueForRequest(ctx, 'workload-restart', { ...ctx.args });
  },
});
