import { z } from 'zod';
import { UsageError } from '../src/core/errors.js';
import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { Namespace, ObjectName, splitRef, WORKLOAD_KINDS } from './kube-names.js';
import { ClusterName, noExtra, parseFlags, validate } from './parse-args.js';
import { scaleActions } from './scale-actions.js';

const usage = '/kube scale NAME NAMESPACE/KIND/OBJECT --replicas N';

const Replicas = z.coerce
  .number({ error: 'The `--replicas` value must be a number.' })
  .int({ error: 'The `--replicas` value must be a whole number.' })
  .min(0, { error: 'The `--replicas` value cannot be negative.' })
  .max(1000, { error: 'The `--replicas` value is at most 1000.' });

/** `/kube scale NAME NS/KIND/OBJ --replicas N`: the worker scales it; to 0 only after a confirmed preview. */
export const scale = defineCommand({
  name: 'scale',
  summary:
    'Scales a Deployment, StatefulSet or ReplicationController (Murano’s scalePodUp/Down); scaling to 0 shows a preview and a Confirm button first.',
  usage,
  examples: ['/kube scale prod-a web/deployment/api --replicas 3', '/kube scale kolla kolla/rc/memcached --replicas 2'],
  role: 'operator',
  auditsRequest: true,
  parse(argv) {
    const { positionals, flags } = parseFlags(argv, { replicas: { kind: 'string', alias: 'r' } }, usage);
    noExtra(positionals, 2, usage);
    const cluster = validate(ClusterName, positionals[0], usage);
    const parts = splitRef(positionals[1], 'object (NAMESPACE/KIND/OBJECT)', usage);
    if (parts.length !== 3)
      throw new UsageError(`Give the object as NAMESPACE/KIND/OBJECT, not \`${(positionals[1] ?? '').slice(0, 80)}\`.`, usage);
    const namespace = validate(Namespace, parts[0], usage);
    const kind = WORKLOAD_KINDS[(parts[1] ?? '').toLowerCase()];
    if (!kind || kind === 'DaemonSet') {
      const why = kind === 'DaemonSet' ? ' (a DaemonSet runs one pod per node)' : '';
      throw new UsageError(`Cannot scale a \`${(parts[1] ?? '').slice(0, 40)}\`${why}: use deployment, statefulset or rc.`, usage);
    }
    const name = validate(ObjectName, parts[2], usage);
    if (flags['replicas'] === undefined) throw new UsageError('The `--replicas` option is missing.', usage);
    const replicas = validate(Replicas, flags['replicas'], usage);
    return { cluster, namespace, kind, name, replicas };
  },
  async handle(ctx) {
    await enqueueForRequest(ctx, 'workload-scale', { ...ctx.args });
  },
  actions: scaleActions,
});
