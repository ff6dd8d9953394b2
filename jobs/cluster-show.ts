import { postKey } from '../src/core/job.js';
import { z } from 'zod';
import { serverNow } from '../src/core/server-clock.js';
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
    const magnum = ctx.openstack(data.cloud).magnum;
    const cluster = await magnum.getCluster(data.cluster);
    // Ages on Magnum's clock, not the bot's.
    const now = serverNow(ctx.clock.now(), magnum.clockSkewMs?.());
    const threadTs = await ensureThread(data, ctx, () =>
      renderClusterSummary(cluster, { requester: data.user, now, command: `/kube show ${data.cluster}` }),
    );
    await ctx.slack.uploadSnippet(
      data.channel,
      threadTs,
      {
        filename: `coe-cluster-show-${cluster.name}.txt`,
        title: `openstack coe cluster show ${cluster.name}`,
        content: redactClusterShowDump(renderClusterShow(cluster.raw)),
      },
      { key: postKey(ctx.runtime, 'snippet') },
    );
    return { threadTs };
  },
});
