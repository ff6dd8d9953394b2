import { UsageError } from '../src/core/errors.js';
import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { ClusterName, noExtra, parseFlags, validate } from './parse-args.js';

const usage = '/kube watch NAME [off]';

export const watch = defineCommand({
  name: 'watch',
  summary:
    'The channel gets an alert, with diagnosis, when the cluster fails or turns unhealthy; one message per incident, updated when it resolves.',
  usage,
  examples: ['/kube watch prod-a', '/kube watch prod-a off'],
  // Watching changes what the whole channel is told: switching it on or off takes an operator
  // (a viewer switching it off would silence the alerts everyone relies on).
  role: 'operator',
  parse(argv) {
    const { positionals } = parseFlags(argv, {}, usage);
    noExtra(positionals, 2, usage);
    const cluster = validate(ClusterName, positionals[0], usage);
    const word = positionals[1]?.toLowerCase();
    if (word !== undefined && word !== 'off' && word !== 'on')
      throw new UsageError(`Expected \`off\` (or nothing), not \`${(positionals[1] ?? '').slice(0, 40)}\`.`, usage);
    return { cluster, mode: word === 'off' ? ('off' as const) : ('on' as const) };
  },
  async handle(ctx) {
    await enqueueForRequest(ctx, 'cluster-watch', { cluster: ctx.args.cluster, mode: ctx.args.mode });
  },
});
