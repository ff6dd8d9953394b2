import { serverNow } from '../src/core/server-clock.js';
import { renderClusterListMessage } from '../src/render/cluster-list-message.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';

/** `/kube list`: the project's clusters, as the root of a new thread. */
export const clusterList = defineJob({
  name: 'cluster-list',
  data: Origin,
  async process(data, ctx) {
    const magnum = ctx.openstack(data.cloud).magnum;
    const clusters = await magnum.listClusters();
    // Ages on Magnum's clock, not the bot's.
    const now = serverNow(ctx.clock.now(), magnum.clockSkewMs?.());
    const message = renderClusterListMessage(clusters, { cloud: data.cloud, requester: data.user, now });
    const ref = await ctx.slack.post(data.channel, message);
    return { clusters: clusters.length, ts: ref.ts };
  },
});
