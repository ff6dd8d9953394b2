import { z } from 'zod';
import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { ClusterName, noExtra, parseFlags, validate } from './parse-args.js';
import { upgradeActions } from './upgrade-actions.js';

const usage = '/kube upgrade NAME --template T';

const UpgradeArgs = z.object({
  cluster: ClusterName,
  template: z
    .string({ error: '`--template T` is required: the cluster template with the newer Kubernetes version.' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}$/, { error: '`--template` is not a valid template name or UUID.' }),
});

/** `/kube upgrade NAME --template T`: Magnum's upgrade action (1.8) to a newer template, previewed and confirmed, tracked. */
export const upgrade = defineCommand({
  name: 'upgrade',
  summary:
    'Upgrade a cluster to the Kubernetes version of another template (same driver, newer version): a preview and a Confirm button first; tracked to the end, health-checked after.',
  usage,
  examples: ['/kube upgrade prod-a --template k8s-1.31-capi-helm'],
  role: 'operator',
  auditsRequest: true,
  parse(argv) {
    const { positionals, flags } = parseFlags(argv, { template: { kind: 'string', alias: 't' } }, usage);
    noExtra(positionals, 1, usage);
    return validate(UpgradeArgs, { cluster: positionals[0], template: flags['template'] }, usage);
  },
  async handle(ctx) {
    const { cluster, template } = ctx.args;
    await enqueueForRequest(ctx, 'cluster-upgrade', { cluster, template });
  },
  actions: upgradeActions,
});
