import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { parseClusterOnly } from './parse-args.js';

const usage = '/kube show NAME';

export const show = defineCommand({
  name: 'show',
  summary: 'The ticket-ready `openstack coe cluster show` dump, a summary and the “Attach to support ticket” button.',
  usage,
  examples: ['/kube show prod-a'],
  role: 'viewer',
  parse(argv) {
    return parseClusterOnly(argv, usage);
  },
  async handle(ctx) {
    await enqueueForRequest(ctx, 'cluster-show', { cluster: ctx.args.cluster });
  },
});
