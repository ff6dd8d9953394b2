import { z } from 'zod';
import { defineCommand } from './definition.js';
import { enqueueForRequest } from './enqueue.js';
import { ObjectName } from './kube-names.js';
import { ClusterName, noExtra, parseFlags, validate } from './parse-args.js';

const usage = '/kube console NAME NODE [--lines N]';

const Lines = z.coerce
  .number({ error: 'The `--lines` value must be a number.' })
  .int({ error: 'The `--lines` value must be a whole number.' })
  .min(1, { error: 'The `--lines` value must be at least 1.' })
  .max(1000, { error: 'The `--lines` value is at most 1000 lines.' });

/**
 * `/kube console NAME NODE`: the tail of a node's serial console log from Nova, as
 * `openstack console log show` prints it, secrets redacted. Operators only: a console log can
 * hold what boot scripts print (tokens, passwords in user data) beyond what redaction knows.
 */
export const consoleLog = defineCommand({
  name: 'console',
  summary: 'The tail of a node’s console log from Nova (no SSH needed), as a snippet, secrets redacted.',
  usage,
  examples: ['/kube console prod-a prod-a-x7k2pq3mzd4c-node-0', '/kube console prod-a prod-a-x7k2pq3mzd4c-master-0 --lines 200'],
  role: 'operator',
  parse(argv) {
    const { positionals, flags } = parseFlags(argv, { lines: { kind: 'string' } }, usage);
    noExtra(positionals, 2, usage);
    const cluster = validate(ClusterName, positionals[0], usage);
    const node = validate(ObjectName, positionals[1], usage);
    const lines = flags['lines'] === undefined ? 50 : validate(Lines, flags['lines'], usage);
    return { cluster, node, lines };
  },
  async handle(ctx) {
    await enqueueForRequest(ctx, 'node-console', ctx.args);
  },
});
