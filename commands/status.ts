import { UsageError } from '../src/core/errors.js';
import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { ObjectName } from './kube-names.js';
import { ClusterName, noExtra, parseFlags, validate } from './parse-args.js';

const usage = '/kube status NAME APP';

export const status = defineCommand({
  name: 'status',
  summary:
    'Kolla-Kubernetes style status of one application: its PV, PVC, service, configmap, bootstrap job and pods, in dependency order.',
  usage,
  examples: ['/kube status kolla mariadb'],
  role: 'viewer',
  parse(argv) {
    const { positionals } = parseFlags(argv, {}, usage);
    noExtra(positionals, 2, usage);
    const cluster = validate(ClusterName, positionals[0], usage);
    if (positionals[1] === undefined) throw new UsageError('The application name (APP) is missing.', usage);
    return { cluster, app: validate(ObjectName, positionals[1], usage) };
  },
  async handle(ctx) {
    await enqueueForRequest(ctx, 'app-status', { cluster: ctx.args.cluster, app: ctx.args.app });
  },
});
