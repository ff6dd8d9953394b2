import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { parseClusterOnly } from './parse-args.js';
import { diagnoseActions } from './diagnose-actions.js';

const usage = '/kube diagnose NAME';

export const diagnose = defineCommand({
  name: 'diagnose',
  summary:
    'Gathers OpenStack and Kubernetes state, runs every rule, and posts the findings with evidence, remedies and known-issue references.',
  usage,
  examples: ['/kube diagnose prod-a'],
  role: 'viewer',
  parse(argv) {
    return parseClusterOnly(argv, usage);
  },
  async handle(ctx) {
    await enqueueForRequest(ctx, 'cluster-diagnose', { cluster: ctx.args.cluster, reason: 'manual' });
  },
  actions: diagnoseActions,
});
