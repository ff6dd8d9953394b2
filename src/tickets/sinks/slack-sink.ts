import type { SlackPoster } from '../../core/ports.js';
import { redactText } from '../../security/redact.js';
import type { SinkContext, TicketBundle, TicketRef, TicketSink } from '../types.js';

/** Uploads the bundle's text as a snippet file into the request's Slack thread. */
export async function uploadBundleSnippet(slack: SlackPoster, channel: string, threadTs: string, bundle: TicketBundle): Promise<void> {
  await slack.uploadSnippet(channel, threadTs, {
    filename: bundle.filename,
    title: redactText(bundle.title),
    content: redactText(bundle.text),
  });
}

/** The default sink: the thread itself is the ticket; each attach adds the bundle as a snippet. */
export function createSlackSink(slack: SlackPoster): TicketSink {
  return {
    name: 'slack',
    async send(bundle: TicketBundle, ctx: SinkContext): Promise<TicketRef> {
      await uploadBundleSnippet(slack, ctx.channel, ctx.threadTs, bundle);
      return { sink: 'slack', id: ctx.threadKey, display: 'the support bundle in this thread' };
    },
  };
}
