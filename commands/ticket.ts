import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { parseClusterOnly } from './parse-args.js';
import { ticketActions } from './ticket-actions.js';

const usage = '/kube ticket NAME';

export const ticket = defineCommand({
  name: 'ticket',
  summary: 'Same as the “Attach to support ticket” button: sends the redacted support bundle to the configured ticket sink.',
  usage,
  examples: ['/kube ticket prod-a'],
  role: 'viewer',
  parse(argv) {
    return parseClusterOnly(argv, usage);
  },
  async handle(ctx) {
    await enqueueForRequest(ctx, 'ticket-attach', { cluster: ctx.args.cluster });
  },
  actions: ticketActions,
});
