import { z } from 'zod';
import { UsageError } from '../src/core/errors.js';
import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { Namespace, ObjectName, splitRef } from './kube-names.js';
import { ClusterName, noExtra, parseFlags, validate } from './parse-args.js';

const usage = '/kube logs NAME NAMESPACE/POD [-c CONTAINER] [--previous] [--tail N]';

const Tail = z.coerce
  .number({ error: 'The `--tail` value must be a number.' })
  .int({ error: 'The `--tail` value must be a whole number.' })
  .min(1, { error: 'The `--tail` value must be at least 1.' })
  .max(5000, { error: 'The `--tail` value is at most 5000 lines.' });

export const logs = defineCommand({
  name: 'logs',
  summary: 'The tail of a container’s log, as a snippet (secrets redacted).',
  usage,
  examples: ['/kube logs prod-a kube-system/coredns-5d78c9869d-abcde', '/kube logs prod-a web/api-0 -c app --previous --tail 500'],
  role: 'viewer',
  parse(argv) {
    const { positionals, flags } = parseFlags(
      argv,
      { container: { kind: 'string', alias: 'c' }, previous: { kind: 'boolean', alias: 'p' }, tail: { kind: 'string' } },
      usage,
    );
    noExtra(positionals, 2, usage);
    const cluster = validate(ClusterName, positionals[0], usage);
    const parts = splitRef(positionals[1], 'pod (NAMESPACE/POD)', usage);
    if (parts.length !== 2) throw new UsageError(`Give the pod as NAMESPACE/POD, not \`${(positionals[1] ?? '').slice(0, 80)}\`.`, usage);
    const namespace = validate(Namespace, parts[0], usage);
    const pod = validate(ObjectName, parts[1], usage);
    const container = flags['container'] === undefined ? undefined : validate(ObjectName, flags['container'], usage);
    const tail = flags['tail'] === undefined ? 200 : validate(Tail, flags['tail'], usage);
    return { cluster, namespace, pod, container, previous: flags['previous'] === true, tail };
  },
  async handle(ctx) {
    const { container, ...rest } = ctx.args;
    await enqueueForRequest(ctx, 'pod-logs', { ...rest, ...(container ? { container } : {}) });
  },
});
