import type { SlackPoster } from '../../core/ports.js';
import { redactText } from '../../security/redact.js';
import { bundleDigest } from '../bundle-digest.js';
import type { SinkContext, TicketBundle, TicketRef, TicketSink } from '../types.js';

/**
 * Uploads the bundle's text as a snippet file into the request's Slack thread, once per thread
 * and bundle (a keyed upload: an attach retried after a kill or a late answer finds it).
 */
export async function uploadBundleSnippet(
  slack: SlackPoster,
  where: { channel: string; threadTs: string; threadKey: string },
  bundle: TicketBundle,
): Promise<void> {
  const file = { filename: bundle.filename, title: redactText(bundle.title), content: redactText(bundle.text) };
  await slack.uploadSnippet(where.channel, where.threadTs, file, { key: `ticket-snippet/${where.threadKey}/${bundleDigest(bundle)}` });
}

/** The default sink: the thread itself is the ticket; each attach adds the bundle as a snippet. */
export function createSlackSink(slack: SlackPoster): TicketSink {
  return {
    name: 'slack',
    async send(bundle: TicketBundle, ctx: SinkContext): Promise<TicketRef> {
      await uploadBundleSnippet(slack, ctx, bundle);
      return { sink: 'slack', id: ctx.threadKey, display: 'the support bundle in this thread' };
    },
  };
}
