import { startZendeskStandIn, type ZendeskStandIn } from '../../../src/sim/index.js';
import { attachTicket } from '../../../src/tickets/attach-ticket.js';
import { buildBundle } from '../../../src/tickets/bundle.js';
import { MemoryTicketStore } from '../../helpers/memory-ticket-store.js';
import { createTicketSink } from '../../../src/tickets/sinks/create-ticket-sink.js';
import type { StoredTicket, TicketStore } from '../../../src/tickets/types.js';
import { bundleInput } from '../../unit/tickets/bundle-fixtures.js';
import { fixedClock, RecordingLogger, RecordingSlack, recordingRetry } from '../../unit/tickets/fakes.js';

const EMAIL = 'bot@example.com';
const API_TOKEN = 'zd-test-api-token';
const input = (generatedAtMinute: number, findings = bundleInput().findings) => ({
  channel: 'C01OPS',
  threadTs: '1700000000.000100',
  bundle: buildBundle(bundleInput({ findings, generatedAt: Date.UTC(2026, 10, 21, 13, generatedAtMinute) })),
  owner: 'job-1',
});

/** A store whose writes fail: the job dies after the sink opened the ticket. */
class FailingWriteStore extends MemoryTicketStore {
  override async set(_key: string, _value: StoredTicket): Promise<void> {
    throw new Error('redis went away');
  }
}

describe('attaching a bundle to Zendesk from a Slack thread', () => {
  let zd: ZendeskStandIn;
  beforeEach(async () => {
    zd = await startZendeskStandIn({ email: EMAIL, apiToken: API_TOKEN });
  });
  afterEach(async () => {
    await zd.close();
  });

  const deps = (store: TicketStore, slack = new RecordingSlack()) => ({
    sink: createTicketSink(
      { sink: 'zendesk', zendesk: { url: zd.url, email: EMAIL, apiToken: API_TOKEN } },
      { slack, wallClock: fixedClock, retry: recordingRetry(2).retry },
    ),
    slack,
    store,
    logger: new RecordingLogger(),
    clock: fixedClock,
  });

  it('opens one ticket, then comments on it from the same thread, and links it in the thread', async () => {
    const store = new MemoryTicketStore(fixedClock);
    const d = deps(store);
    const first = await attachTicket(d, input(5));
    const second = await attachTicket(d, input(30, []));

    expect(zd.state.tickets).toHaveLength(1);
    expect(zd.state.tickets[0]?.comments).toHaveLength(2);
    expect(second.ref).toEqual(first.ref);
    expect(d.slack.of('post').map((c) => c.text)).toEqual([
      `Opened <${first.ref?.url}|${first.ref?.display}> with the support bundle.`,
      `Added the support bundle to <${first.ref?.url}|${first.ref?.display}>.`,
    ]);
  });

  it('does not open a second ticket when the job is retried after the ticket was created', async () => {
    await expect(attachTicket(deps(new FailingWriteStore(fixedClock)), input(5))).rejects.toThrow('redis went away');
    const retried = await attachTicket(deps(new MemoryTicketStore(fixedClock)), input(6));

    expect(zd.state.tickets).toHaveLength(1);
    expect(retried.ref?.id).toEqual(String(zd.state.tickets[0]?.id));
  });

  it('leaves the bundle in the thread and says so when Zendesk is down', async () => {
    zd.fail({ route: 'GET /api/v2/tickets', times: 10, status: 503 });
    const d = deps(new MemoryTicketStore(fixedClock));
    const result = await attachTicket(d, input(5));

    expect(result).toMatchObject({ ref: null, fellBack: true });
    expect(zd.state.tickets).toHaveLength(0);
    expect(d.slack.of('snippet').map((c) => c.file?.content)).toEqual([input(5).bundle.text]);
    expect(d.slack.of('post')[0]?.text).toContain('Zendesk did not take the support bundle (Zendesk answered HTTP 503.)');
  });
});
