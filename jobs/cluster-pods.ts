import { postKey } from '../src/core/job.js';
import { z } from 'zod';
import { serverNow } from '../src/core/server-clock.js';
import { isProblemPod, renderPodsTable } from '../src/diagnostics/pods-view.js';
import { podsTableIsLong, renderPodsMessage } from '../src/render/pods-message.js';
import { AnswerState, openKube, postAnswer } from './cluster-access.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';

export const PodsData = Origin.extend({
  cluster: z.string().min(1),
  namespace: z.string().min(1).optional(),
  problemsOnly: z.boolean().default(false),
}).extend(AnswerState.shape);

/** `/kube pods NAME [-n NS] [--problems]`: the `kubectl get pods -A -o wide` view, problems first. */
export const clusterPods = defineJob({
  name: 'cluster-pods',
  data: PodsData,
  async process(data, ctx) {
    const { api } = await openKube(ctx, data, data.cluster);
    const { state } = await api.readState(data.namespace ? { namespace: data.namespace } : {});
    // Ages on the API server's clock, not the bot's.
    const now = serverNow(ctx.clock.now(), api.clockSkewMs?.());
    const all = data.namespace ? state.pods.filter((p) => p.namespace === data.namespace) : state.pods;
    const problems = all.filter(isProblemPod);
    const table = renderPodsTable(data.problemsOnly ? problems : all, now, { problemsFirst: true, wide: true });
    const message = renderPodsMessage({
      cluster: data.cluster,
      namespace: data.namespace ?? null,
      problemsOnly: data.problemsOnly,
      total: all.length,
      problems: problems.length,
      table,
      requester: data.user,
    });
    const { threadTs } = await postAnswer(data, ctx, message);
    if (podsTableIsLong(table)) {
      await ctx.slack.uploadSnippet(
        data.channel,
        threadTs,
        {
          filename: `pods-${data.cluster}.txt`,
          title: 'kubectl get pods -A -o wide',
          content: table,
        },
        { key: postKey(ctx.runtime, 'snippet') },
      );
    }
    return { threadTs, pods: all.length, problems: problems.length };
  },
});
