import { renderClusterListMessage } from '../src/render/cluster-list-message.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';

/** `/kube list`: the project's clusters, as the root of a new thread. */
export const clusterList = defineJob({
  name: 'cluster-list',
  data: Origin,
  async process(data, ctx) {
    const clusters = await ctx.openstack(data.cloud).magnum.listClusters();
    const message = renderClusterListMessage(clusters, { cloud: data.cloud, requester: data.user, now: ctx.clock.now() });
    const ref = await ctx.slack.post(data.channel, message);
    return { clusters: clusters.length, ts: ref.ts };
  },
});
