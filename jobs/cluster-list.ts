import { postKey } from '../src/core/job.js';
import { serverNow } from '../src/core/server-clock.js';
import { renderClusterList } from '../src/render/cluster-list-message.js';
import { defineJob } from './definition.js';
import { Origin, ensureThread } from './origin.js';

/** `/kube list`: the project's clusters, as the root of a new thread (the full table as a snippet there when long). */
export const clusterList = defineJob({
  name: 'cluster-list',
  data: Origin,
  async process(data, ctx) {
    const magnum = ctx.openstack(data.cloud).magnum;
    const clusters = await magnum.listClusters();
    // Ages on Magnum's clock, not the bot's.
    const now = serverNow(ctx.clock.now(), magnum.clockSkewMs?.());
    const { message, snippet } = renderClusterList(clusters, { cloud: data.cloud, requester: data.user, now });
    // A keyed root: a worker killed after posting it does not post it again on the retry.
    const ts = await ensureThread(data, ctx, () => message);
    // Every row: a table longer than one message holds goes whole into the thread.
    if (snippet) await ctx.slack.uploadSnippet(data.channel, ts, snippet, { key: postKey(ctx.runtime, 'snippet') });
    return { clusters: clusters.length, ts };
  },
});
