import { startWebhookReceiver, startZendeskStandIn } from '../../../src/sim/index.js';
import { attachTicket } from '../../../src/tickets/attach-ticket.js';
import { buildBundle } from '../../../src/tickets/bundle.js';
import { MemoryTicketStore } from '../../helpers/memory-ticket-store.js';
import { createTicketSink } from '../../../src/tickets/sinks/create-ticket-sink.js';
import type { TicketSink } from '../../../src/tickets/types.js';
import { fixedClock, RecordingLogger, RecordingSlack, recordingRetry } from '../../unit/tickets/fakes.js';
import { leakedSecrets, SEEDED_SECRETS, seededBundleInput } from '../../unit/tickets/seeded-secrets.js';

const urlPassword = SEEDED_SECRETS.find((s) => s.startsWith('SeededUrl')) ?? '';
const bundle = buildBundle(seededBundleInput());
const thread = { channel: 'C01OPS', threadTs: '1700000000.000100', bundle, owner: 'job-1' };

function world(sink: (slack: RecordingSlack) => TicketSink) {
  const slack = new RecordingSlack();
  const logger = new RecordingLogger();
  const deps = { sink: sink(slack), slack, store: new MemoryTicketStore(fixedClock), logger, clock: fixedClock };
  return { deps, slack, logger, everything: () => JSON.stringify({ slack: slack.calls, logs: logger.lines }) };
}

describe('secrets seeded in every field never leave the bot', () => {
  it('the seeded input really carries them', () => {
    expect(leakedSecrets(JSON.stringify(seededBundleInput()))).toEqual(SEEDED_SECRETS);
  });

  it('through the Slack sink: not in the snippet, messages or logs', async () => {
    const w = world((slack) => createTicketSink({ sink: 'slack' }, { slack, wallClock: fixedClock }));
    await attachTicket(w.deps, thread);
    expect(w.slack.of('snippet')).toHaveLength(1);
    expect(leakedSecrets(w.everything())).toEqual([]);
  });

  it('through the webhook sink: not in the body or headers the receiver got', async () => {
    const receiver = await startWebhookReceiver({ now: fixedClock.now, secret: 'hook-secret' });
    try {
      const w = world((slack) =>
        createTicketSink({ sink: 'webhook', webhook: { url: receiver.url, secret: 'hook-secret' } }, { slack, wallClock: fixedClock }),
      );
      await attachTicket(w.deps, thread);
      expect(receiver.deliveries).toHaveLength(1);
      expect(leakedSecrets(JSON.stringify(receiver.requests))).toEqual([]);
      expect(leakedSecrets(w.everything())).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('through the Zendesk sink: not in the upload, the ticket or the comment', async () => {
    const zd = await startZendeskStandIn({ email: 'bot@example.com', apiToken: 'zd-token' });
    try {
      const w = world((slack) =>
        createTicketSink(
          { sink: 'zendesk', zendesk: { url: zd.url, email: 'bot@example.com', apiToken: 'zd-token' } },
          { slack, wallClock: fixedClock },
        ),
      );
      await attachTicket(w.deps, thread);
      expect(zd.state.tickets[0]?.comments[0]?.attachments).toHaveLength(1);
      expect(leakedSecrets(JSON.stringify(zd.requests))).toEqual([]);
      expect(leakedSecrets(JSON.stringify(zd.state.tickets))).toEqual([]);
      expect(leakedSecrets(w.everything())).toEqual([]);
    } finally {
      await zd.close();
    }
  });

  it('on the fallback path, with a sink URL that itself carries credentials: not in Slack or the logs', async () => {
    const receiver = await startWebhookReceiver({ now: fixedClock.now, secret: 'hook-secret', failTimes: 10 });
    try {
      const url = `${receiver.url}?token=${urlPassword}`;
      const w = world((slack) =>
        createTicketSink(
          { sink: 'webhook', webhook: { url, secret: 'hook-secret' } },
          { slack, wallClock: fixedClock, retry: recordingRetry(2).retry },
        ),
      );
      const result = await attachTicket(w.deps, thread);
      expect(result.fellBack).toBe(true);
      expect(w.logger.lines.some((l) => JSON.stringify(l).includes('token=[redacted]'))).toBe(true);
      expect(leakedSecrets(w.everything())).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
