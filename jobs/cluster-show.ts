import { z } from 'zod';
import { renderClusterShow } from '../src/render/cluster-show-table.js';
import { renderClusterSummary } from '../src/render/cluster-summary.js';
import { redactClusterShowDump } from '../src/security/redact-cluster.js';
import { defineJob } from './definition.js';
import { Origin, ensureThread } from './origin.js';

const ShowData = Origin.extend({ cluster: z.string().min(1) });

/** `/kube show NAME`: a summary starts the thread; the CLI-identical dump follows as a snippet. */
export const clusterShow = defineJob({
  name: 'cluster-show',
  data: ShowData,
  async process(data, ctx) {
    const cluster = await ctx.openstack(data.cloud).magnum.getCluster(data.cluster);
    const now = ctx.clock.now();
    const threadTs = await ensureThread(data, ctx, () =>
      renderClusterSummary(cluster, { requester: data.user, now, command: `/kube show ${data.cluster}` }),
    );
    await ctx.slack.uploadSnippet(data.channel, threadTs, {
      filename: `coe-cluster-show-${cluster.name}.txt`,
      title: `openstack coe cluster show ${cluster.name}`,
      content: redactClusterShowDump(renderClusterShow(cluster.raw)),
    });
    return { threadTs };
  },
});
