import { postKey } from '../src/core/job.js';
import { z } from 'zod';
import { serverNow } from '../src/core/server-clock.js';
import { recentWarnings, renderEventsMessage, renderEventsText } from '../src/render/events-message.js';
import { AnswerState, openKube, postAnswer } from './cluster-access.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';

export const EventsData = Origin.extend({ cluster: z.string().min(1), namespace: z.string().min(1).optional() }).extend(AnswerState.shape);

const INLINE = 15;

/** `/kube events NAME [-n NS]`: recent warning events, newest first. */
export const clusterEvents = defineJob({
  name: 'cluster-events',
  data: EventsData,
  async process(data, ctx) {
    const { api } = await openKube(ctx, data, data.cluster);
    const { state } = await api.readState(data.namespace ? { namespace: data.namespace } : {});
    // Ages on the API server's clock, not the bot's.
    const now = serverNow(ctx.clock.now(), api.clockSkewMs?.());
    const events = recentWarnings(state.events, data.namespace ?? null);
    const message = renderEventsMessage({
      cluster: data.cluster,
      namespace: data.namespace ?? null,
      events,
      now,
      requester: data.user,
      inline: INLINE,
    });
    const { threadTs } = await postAnswer(data, ctx, message);
    if (events.length > INLINE) {
      await ctx.slack.uploadSnippet(
        data.channel,
        threadTs,
        {
          filename: `events-${data.cluster}.txt`,
          title: 'Warning events',
          content: renderEventsText(events, now),
        },
        { key: postKey(ctx.runtime, 'snippet') },
      );
    }
    return { threadTs, events: events.length };
  },
});
