import { startZendeskStandIn, type ZendeskStandIn } from '../../../src/sim/index.js';
import { buildBundle } from '../../../src/tickets/bundle.js';
import { createZendeskSink } from '../../../src/tickets/sinks/zendesk-sink.js';
import { ticketThreadKey, type SinkContext } from '../../../src/tickets/types.js';
import { bundleInput } from '../../unit/tickets/bundle-fixtures.js';
import { fixedClock, recordingRetry } from '../../unit/tickets/fakes.js';

const EMAIL = 'bot@example.com';
const API_TOKEN = 'zd-test-api-token';
const ctx: SinkContext = { threadKey: ticketThreadKey('C01OPS', '1700000000.000100'), channel: 'C01OPS', threadTs: '1700000000.000100' };
const bundle = buildBundle(bundleInput());
const later = buildBundle(bundleInput({ generatedAt: Date.UTC(2026, 10, 21, 14, 0, 0) }));

describe('zendesk sink', () => {
  let zd: ZendeskStandIn;
  beforeEach(async () => {
    zd = await startZendeskStandIn({ email: EMAIL, apiToken: API_TOKEN });
  });
  afterEach(async () => {
    await zd.close();
  });
  const sink = (options: { apiToken?: string; sleeps?: number[] } = {}) => {
    const { retry } = recordingRetry();
    const sleeps = options.sleeps ?? [];
    const apiToken = options.apiToken ?? API_TOKEN;
    return createZendeskSink({
      url: zd.url,
      email: EMAIL,
      apiToken,
      clock: fixedClock,
      retry: { ...retry, sleep: async (ms) => void sleeps.push(ms) },
    });
  };

  it('opens a ticket with the bundle attached and the thread as external_id', async () => {
    const ref = await sink().send(bundle, ctx);

    expect(zd.state.tickets).toHaveLength(1);
    const [ticket] = zd.state.tickets;
    expect(ref).toEqual({
      sink: 'zendesk',
      id: String(ticket?.id),
      url: `${zd.url}/agent/tickets/${ticket?.id}`,
      display: `Zendesk #${ticket?.id}`,
    });
    expect(ticket?.subject).toEqual(bundle.title);
    expect(ticket?.externalId).toEqual(ctx.threadKey);
    expect(ticket?.tags).toEqual(['kube-chatops']);
    expect(ticket?.comments).toHaveLength(1);
    expect(ticket?.comments[0]?.public).toBe(false);
    expect(ticket?.comments[0]?.attachments.map((a) => [a.filename, a.content])).toEqual([[bundle.filename, bundle.text]]);
  });

  it('adds a comment with the new bundle to the existing ticket on a second attach', async () => {
    const first = await sink().send(bundle, ctx);
    const second = await sink().send(later, { ...ctx, existingTicket: first });

    expect(second).toEqual(first);
    expect(zd.state.tickets).toHaveLength(1);
    expect(zd.state.tickets[0]?.comments.map((c) => c.attachments[0]?.filename)).toEqual([bundle.filename, later.filename]);
  });

  it('finds the thread ticket by external_id when the caller lost it, instead of opening a second one', async () => {
    const first = await sink().send(bundle, ctx);
    const retried = await sink().send(later, ctx);

    expect(retried.id).toEqual(first.id);
    expect(zd.state.tickets).toHaveLength(1);
    expect(zd.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v2/tickets.json?external_id='))).toHaveLength(2);
  });

  it('opens one ticket when the answer to the create is lost and the call is retried', async () => {
    zd.fail({ route: 'POST /api/v2/tickets', times: 1, status: 'drop' });
    const ref = await sink().send(bundle, ctx);

    expect(zd.state.tickets).toHaveLength(1);
    expect(ref.id).toEqual(String(zd.state.tickets[0]?.id));
  });

  it('opens a new ticket when the thread ticket was closed', async () => {
    const first = await sink().send(bundle, ctx);
    zd.closeTicket(Number(first.id));
    const second = await sink().send(later, { ...ctx, existingTicket: first });

    expect(second.id).not.toEqual(first.id);
    expect(zd.state.tickets.map((t) => t.status)).toEqual(['closed', 'new']);
  });

  it('honours Retry-After on 429', async () => {
    zd.fail({ route: 'POST /api/v2/uploads', times: 1, status: 429, retryAfterSeconds: 7 });
    const sleeps: number[] = [];
    await sink({ sleeps }).send(bundle, ctx);
    expect(sleeps).toEqual([7000]);
    expect(zd.state.tickets).toHaveLength(1);
  });

  it('fails without retrying when the API token is wrong', async () => {
    const error = await sink({ apiToken: 'wrong' })
      .send(bundle, ctx)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ticket_sink_auth',
      status: 401,
      service: 'tickets',
      retryable: false,
      upstreamMessage: "Couldn't authenticate you",
    });
    expect(zd.requests).toHaveLength(1);
    expect(zd.state.tickets).toHaveLength(0);
  });
});
