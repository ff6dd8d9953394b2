import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { parseClusterOnly } from './parse-args.js';
import { deleteActions } from './delete-actions.js';

const usage = '/kube delete NAME';

/** `/kube delete NAME`: a preview with a Confirm button; nothing is deleted before the click. */
export const del = defineCommand({
  name: 'delete',
  summary: 'Delete a cluster: a preview (UUID, project, nodes, load balancers) and a Confirm button; tracked to the end.',
  usage,
  examples: ['/kube delete old-lab'],
  role: 'operator',
  auditsRequest: true,
  parse(argv) {
    return parseClusterOnly(argv, usage);
  },
  async handle(ctx) {
    await enqueueForRequest(ctx, 'cluster-delete-preview', { cluster: ctx.args.cluster });
  },
  actions: deleteActions,
});
