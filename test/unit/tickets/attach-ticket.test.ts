import { UpstreamError } from '../../../src/core/errors.js';
import { attachTicket } from '../../../src/tickets/attach-ticket.js';
import { buildBundle } from '../../../src/tickets/bundle.js';
import { MemoryTicketStore } from '../../helpers/memory-ticket-store.js';
import { createSlackSink } from '../../../src/tickets/sinks/slack-sink.js';
import { ticketThreadKey, type SinkContext, type TicketBundle, type TicketRef, type TicketSink } from '../../../src/tickets/types.js';
import { bundleInput } from './bundle-fixtures.js';
import { fixedClock, RecordingLogger, RecordingSlack } from './fakes.js';

const CHANNEL = 'C01OPS';
const THREAD = '1700000000.000100';
const bundle = buildBundle(bundleInput());
const changed = buildBundle(bundleInput({ findings: [], generatedAt: Date.UTC(2026, 10, 21, 14, 0) }));

/** A sink that opens ticket T-1 and then adds to it; can be told to fail. */
class ScriptedSink implements TicketSink {
  readonly name = 'zendesk' as const;
  readonly sent: SinkContext[] = [];
  failWith: Error | null = null;

  async send(_bundle: TicketBundle, ctx: SinkContext): Promise<TicketRef> {
    this.sent.push(ctx);
    if (this.failWith) throw this.failWith;
    return ctx.existingTicket ?? { sink: 'zendesk', id: '1', url: 'https://zd.example/agent/tickets/1', display: 'Zendesk #1' };
  }
}

function setup() {
  const sink = new ScriptedSink();
  const slack = new RecordingSlack();
  const store = new MemoryTicketStore(fixedClock);
  const logger = new RecordingLogger();
  const deps = { sink, slack, store, logger, clock: fixedClock };
  return {
    sink,
    slack,
    store,
    logger,
    deps,
    run: (b: TicketBundle = bundle) => attachTicket(deps, { channel: CHANNEL, threadTs: THREAD, bundle: b, owner: 'job-1' }),
  };
}

describe('attachTicket', () => {
  it('opens a ticket, stores it for the thread and posts the reference with a link', async () => {
    const { run, slack, store } = setup();
    const result = await run();

    expect(result).toEqual({
      ref: { sink: 'zendesk', id: '1', url: 'https://zd.example/agent/tickets/1', display: 'Zendesk #1' },
      fellBack: false,
      duplicate: false,
    });
    expect((await store.get(ticketThreadKey(CHANNEL, THREAD)))?.ref.id).toEqual('1');
    expect(slack.of('post').map((c) => [c.channel, c.threadTs, c.text])).toEqual([
      [CHANNEL, THREAD, 'Opened <https://zd.example/agent/tickets/1|Zendesk #1> with the support bundle.'],
    ]);
  });

  it('adds to the stored ticket on a later attach of a changed bundle', async () => {
    const { run, sink, slack } = setup();
    await run();
    await run(changed);

    expect(sink.sent.map((c) => c.existingTicket?.id)).toEqual([undefined, '1']);
    expect(slack.of('post').map((c) => c.text)[1]).toEqual('Added the support bundle to <https://zd.example/agent/tickets/1|Zendesk #1>.');
  });

  it('does not send the same bundle twice (double click or retried job)', async () => {
    const { run, sink, slack } = setup();
    await run();
    const again = await run(buildBundle(bundleInput({ generatedAt: Date.UTC(2026, 10, 21, 13, 6) })));

    expect(again).toMatchObject({ fellBack: false, duplicate: true, ref: { id: '1' } });
    expect(sink.sent).toHaveLength(1);
    expect(slack.of('post')).toHaveLength(1);
  });

  it('refuses, retryably, while another attach holds the thread', async () => {
    const { run, store, sink } = setup();
    await store.tryLock(ticketThreadKey(CHANNEL, THREAD), 60_000, 'job-other');
    await expect(run()).rejects.toMatchObject({ code: 'ticket_attach_busy', retryable: true });
    expect(sink.sent).toHaveLength(0);
  });

  it('releases the thread lock after a failure', async () => {
    const { run, store, sink, slack } = setup();
    sink.failWith = new UpstreamError('ticket_sink_failed', 'Zendesk answered HTTP 500.', { service: 'tickets', status: 500 });
    slack.failSnippets = true;
    await expect(run()).rejects.toThrow('files.uploadV2 failed');
    expect(await store.tryLock(ticketThreadKey(CHANNEL, THREAD), 1, 'job-other')).toBe(true);
  });

  it('falls back to the thread when the sink fails, and says so', async () => {
    const { run, sink, slack, store, logger } = setup();
    sink.failWith = new UpstreamError('ticket_sink_failed', 'Zendesk answered HTTP 500.', { service: 'tickets', status: 500 });
    const result = await run();

    expect(result).toEqual({ ref: null, fellBack: true, duplicate: false });
    expect(slack.of('snippet').map((c) => [c.threadTs, c.file?.filename, c.file?.content])).toEqual([
      [THREAD, bundle.filename, bundle.text],
    ]);
    expect(slack.of('post')[0]?.text).toContain('Zendesk did not take the support bundle (Zendesk answered HTTP 500.)');
    expect(slack.of('post')[0]?.text).toContain('nothing is lost');
    expect(await store.get(ticketThreadKey(CHANNEL, THREAD))).toBeNull();
    expect(logger.lines.map((l) => [l.level, l.msg, l.meta])).toEqual([
      [
        'warn',
        'ticket sink failed; bundle goes to the thread',
        {
          threadKey: ticketThreadKey(CHANNEL, THREAD),
          sink: 'zendesk',
          code: 'ticket_sink_failed',
          service: 'tickets',
          status: 500,
          url: undefined,
          retryable: true,
        },
      ],
    ]);
  });

  it('says the sink failed once when the attach is retried after a late answer to that note', async () => {
    const { deps, sink, slack } = setup();
    sink.failWith = new UpstreamError('ticket_sink_failed', 'Zendesk answered HTTP 500.', { service: 'tickets', status: 500 });
    slack.lateAnswers = 1;
    const attempt = () =>
      attachTicket(deps, { channel: CHANNEL, threadTs: THREAD, bundle, owner: 'job-1', noteKey: 'job-1@1/sink-failed' });

    await expect(attempt()).rejects.toThrow('Slack answered after');
    await attempt();

    expect(slack.of('post').filter((c) => c.text.includes('did not take the support bundle'))).toHaveLength(1);
  });

  it('keeps the known ticket when a later attach falls back', async () => {
    const { run, sink } = setup();
    await run();
    sink.failWith = new Error('boom');
    expect(await run(changed)).toMatchObject({ fellBack: true, ref: { id: '1' } });
  });

  it('with the Slack sink uploads the snippet and posts nothing else', async () => {
    const slack = new RecordingSlack();
    const deps = {
      sink: createSlackSink(slack),
      slack,
      store: new MemoryTicketStore(fixedClock),
      logger: new RecordingLogger(),
      clock: fixedClock,
    };
    const result = await attachTicket(deps, { channel: CHANNEL, threadTs: THREAD, bundle, owner: 'job-1' });

    expect(result.ref).toEqual({ sink: 'slack', id: ticketThreadKey(CHANNEL, THREAD), display: 'the support bundle in this thread' });
    expect(slack.calls.map((c) => c.kind)).toEqual(['snippet']);
  });

  it('lets a Slack sink failure propagate so the job retries', async () => {
    const slack = new RecordingSlack();
    slack.failSnippets = true;
    const deps = {
      sink: createSlackSink(slack),
      slack,
      store: new MemoryTicketStore(fixedClock),
      logger: new RecordingLogger(),
      clock: fixedClock,
    };
    await expect(attachTicket(deps, { channel: CHANNEL, threadTs: THREAD, bundle, owner: 'job-1' })).rejects.toThrow(
      'files.uploadV2 failed',
    );
  });
});
