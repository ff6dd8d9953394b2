import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { parseNothing } from './parse-args.js';

const usage = '/kube list';

export const list = defineCommand({
  name: 'list',
  summary: 'Clusters of the channel’s project: name, status, health, nodes, age.',
  usage,
  examples: ['/kube list'],
  role: 'viewer',
  parse(argv) {
    return parseNothing(argv, usage);
  },
  async handle(ctx) {
    await enqueueForRequest(ctx, 'cluster-list', {});
  },
});
