import { postKey } from '../src/core/job.js';
import { z } from 'zod';
import { BotError, NotFoundError } from '../src/core/errors.js';
import { renderConsoleMessage } from '../src/render/console-message.js';
import { redactText } from '../src/security/redact.js';
import { exactName } from '../src/collect/collect-consoles.js';
import { AnswerState, postAnswer } from './cluster-access.js';
import { closestNames } from './closest-names.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';

export const ConsoleData = Origin.extend({
  cluster: z.string().min(1),
  node: z.string().min(1),
  lines: z.number().int().min(1).max(1000).default(50),
}).extend(AnswerState.shape);

/**
 * `/kube console NAME NODE`: the node's Nova server (Magnum names nodes after their servers),
 * checked to belong to the cluster, and the last lines of its console log as a snippet,
 * redacted. Nothing is changed.
 */
export const nodeConsoleLog = defineJob({
  name: 'node-console',
  data: ConsoleData,
  async process(data, ctx) {
    const openstack = ctx.openstack(data.cloud);
    const nova = openstack.nova;
    if (nova === undefined) {
      throw new BotError('service_not_in_catalog', 'This cloud has no compute (Nova) endpoint, so there is no console log to read.');
    }
    const cluster = await openstack.magnum.getCluster(data.cluster);
    const servers = await nova.listServers(`${exactName(cluster.name).slice(0, -1)}-`);
    const server = servers.find((s) => s.name === data.node);
    if (server === undefined) {
      const near = closestNames(
        data.node,
        servers.map((s) => s.name),
        3,
      ).names;
      const hint = near.length > 0 ? ` Its nodes: ${near.map((n) => `\`${n}\``).join(', ')}.` : '';
      throw new NotFoundError(`${cluster.name} has no node named ${data.node}.${hint}`);
    }
    const content = redactText(await nova.consoleOutput(server.id, data.lines));
    const lines = content === '' ? 0 : content.replace(/\n$/, '').split('\n').length;
    const message = renderConsoleMessage({ cluster: cluster.name, server: server.name, asked: data.lines, lines, requester: data.user });
    const { threadTs } = await postAnswer(data, ctx, message);
    await ctx.slack.uploadSnippet(
      data.channel,
      threadTs,
      {
        filename: `console-${server.name.replace(/[^A-Za-z0-9._-]+/g, '-')}.log`,
        title: `Console log of ${server.name}`,
        content: content === '' ? '(the console log is empty)\n' : content,
      },
      { key: postKey(ctx.runtime, 'snippet') },
    );
    return { threadTs, lines };
  },
});
