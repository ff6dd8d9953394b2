import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { parseNothing } from './parse-args.js';

const usage = '/kube jobs';

/** `/kube jobs`: the channel's recent and running cluster operations, with who asked. */
export const jobs = defineCommand({
  name: 'jobs',
  summary: 'The channel’s recent and running operations (create, delete, resize, …), who asked and how they ended.',
  usage,
  examples: ['/kube jobs'],
  role: 'viewer',
  parse(argv) {
    return parseNothing(argv, usage);
  },
  async handle(ctx) {
    await enqueueForRequest(ctx, 'channel-jobs', {});
  },
});
