import { postKey } from '../src/core/job.js';
import { z } from 'zod';
import { logsFilename, renderLogsMessage } from '../src/render/logs-message.js';
import { redactText } from '../src/security/redact.js';
import { AnswerState, openKube, postAnswer } from './cluster-access.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';

export const LogsData = Origin.extend({
  cluster: z.string().min(1),
  namespace: z.string().min(1),
  pod: z.string().min(1),
  container: z.string().min(1).optional(),
  previous: z.boolean().default(false),
  tail: z.number().int().positive().max(5000).default(200),
}).extend(AnswerState.shape);

/** Logs larger than this are cut by the API (`limitBytes`). */
const LIMIT_BYTES = 512 * 1024;

/** `/kube logs NAME NS/POD`: the tail of a container's log as a snippet, secrets redacted. */
export const podLogs = defineJob({
  name: 'pod-logs',
  data: LogsData,
  async process(data, ctx) {
    const { api } = await openKube(ctx, data, data.cluster);
    const raw = await api.readPodLog(data.namespace, data.pod, {
      ...(data.container ? { container: data.container } : {}),
      previous: data.previous,
      tailLines: data.tail,
      limitBytes: LIMIT_BYTES,
    });
    const content = redactText(raw);
    const lines = content === '' ? 0 : content.replace(/\n$/, '').split('\n').length;
    const message = renderLogsMessage({
      cluster: data.cluster,
      namespace: data.namespace,
      pod: data.pod,
      container: data.container ?? null,
      previous: data.previous,
      tail: data.tail,
      lines,
      requester: data.user,
    });
    const { threadTs } = await postAnswer(data, ctx, message);
    await ctx.slack.uploadSnippet(
      data.channel,
      threadTs,
      {
        filename: logsFilename(data.namespace, data.pod, data.container ?? null),
        title: `${data.namespace}/${data.pod}${data.container ? ` (${data.container})` : ''}`,
        content: content === '' ? '(the log is empty)\n' : content,
      },
      { key: postKey(ctx.runtime, 'snippet') },
    );
    return { threadTs, lines };
  },
});
