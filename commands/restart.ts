import { UsageError } from '../src/core/errors.js';
import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { Namespace, ObjectName, splitRef, WORKLOAD_KINDS } from './kube-names.js';
import { ClusterName, noExtra, parseFlags, validate } from './parse-args.js';

const usage = '/kube restart NAME NAMESPACE/POD | NAMESPACE/KIND/OBJECT (KIND: deployment, statefulset, daemonset, rc)';

export const restart = defineCommand({
  name: 'restart',
  summary:
    'Recreates a pod (deletes it so its controller makes a new one), rolls a Deployment, StatefulSet or DaemonSet, or recreates the pods of a ReplicationController (Murano’s recreatePod/restartContainers).',
  usage,
  examples: [
    '/kube restart prod-a kube-system/coredns-5d78c9869d-abcde',
    '/kube restart prod-a web/deployment/api',
    '/kube restart prod-a murano/rc/nginx-app',
  ],
  role: 'operator',
  parse(argv) {
    const { positionals } = parseFlags(argv, {}, usage);
    noExtra(positionals, 2, usage);
    const cluster = validate(ClusterName, positionals[0], usage);
    const word = positionals[1];
    const parts = splitRef(word, 'pod or workload (NAMESPACE/POD or NAMESPACE/KIND/OBJECT)', usage);
    const namespace = validate(Namespace, parts[0], usage);
    if (parts.length === 2) return { cluster, namespace, kind: 'Pod' as const, name: validate(ObjectName, parts[1], usage) };
    const word1 = (parts[1] ?? '').toLowerCase();
    const kind = WORKLOAD_KINDS[word1];
    if (parts.length === 3 && kind !== undefined) return { cluster, namespace, kind, name: validate(ObjectName, parts[2], usage) };
    if (parts.length === 3)
      throw new UsageError(`Cannot restart a \`${word1.slice(0, 40)}\`: give a pod, a deployment, statefulset, daemonset or rc.`, usage);
    throw new UsageError(`Give NAMESPACE/POD or NAMESPACE/KIND/OBJECT, not \`${(word ?? '').slice(0, 80)}\`.`, usage);
  },
  async handle(ctx) {
    await enqueueForRequest(ctx, 'workload-restart', { ...ctx.args });
  },
});
