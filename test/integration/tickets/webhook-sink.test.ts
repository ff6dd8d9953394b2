import { isBotError, UpstreamError } from '../../../src/core/errors.js';
import { startWebhookReceiver, verifyWebhookSignature, type WebhookReceiver } from '../../../src/sim/index.js';
import { buildBundle } from '../../../src/tickets/bundle.js';
import { createWebhookSink } from '../../../src/tickets/sinks/webhook-sink.js';
import { ticketThreadKey, type SinkContext } from '../../../src/tickets/types.js';
import { bundleInput } from '../../unit/tickets/bundle-fixtures.js';
import { fixedClock, recordingRetry } from '../../unit/tickets/fakes.js';

const SECRET = 'webhook-test-secret';
const ctx: SinkContext = { threadKey: ticketThreadKey('C01OPS', '1700000000.000100'), channel: 'C01OPS', threadTs: '1700000000.000100' };
const bundle = buildBundle(bundleInput());

describe('webhook sink', () => {
  const receivers: WebhookReceiver[] = [];
  const start = async (options: Parameters<typeof startWebhookReceiver>[0]) => {
    const r = await startWebhookReceiver(options);
    receivers.push(r);
    return r;
  };
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  it('delivers a signed bundle that the receiver verifies', async () => {
    const receiver = await start({ now: fixedClock.now, secret: SECRET });
    const { retry } = recordingRetry();
    const ref = await createWebhookSink({ url: receiver.url, secret: SECRET, clock: fixedClock, retry }).send(bundle, ctx);

    expect(ref).toEqual({ sink: 'webhook', id: 'WH-1', url: 'https://tickets.example.test/WH-1', display: 'ticket WH-1' });
    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    expect(delivery?.idempotencyKey).toEqual(ctx.threadKey);
    expect(delivery?.timestamp).toEqual(String(fixedClock.now() / 1000));
    const body = delivery?.json as { threadKey: string; bundle: { text: string; filename: string } };
    expect(body.threadKey).toEqual(ctx.threadKey);
    expect(body.bundle.text).toEqual(bundle.text);
    expect(body.bundle.filename).toEqual(bundle.filename);
  });

  it('signs timestamp.body so a tampered body fails verification', async () => {
    const receiver = await start({ now: fixedClock.now, secret: SECRET });
    await createWebhookSink({ url: receiver.url, secret: SECRET, clock: fixedClock, retry: recordingRetry().retry }).send(bundle, ctx);
    const request = receiver.requests[0];
    const timestamp = request?.headers['x-kubechatops-timestamp'] ?? '';
    const signature = request?.headers['x-kubechatops-signature'] ?? '';
    expect(verifyWebhookSignature(SECRET, timestamp, request?.body ?? '', signature)).toBe(true);
    expect(verifyWebhookSignature(SECRET, timestamp, `${request?.body ?? ''} `, signature)).toBe(false);
    expect(verifyWebhookSignature('other-secret', timestamp, request?.body ?? '', signature)).toBe(false);
  });

  it('is refused, without retries, when the secret is wrong', async () => {
    const receiver = await start({ now: fixedClock.now, secret: SECRET });
    const sink = createWebhookSink({ url: receiver.url, secret: 'wrong', clock: fixedClock, retry: recordingRetry().retry });
    const error = await sink.send(bundle, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'ticket_webhook_failed', status: 401, service: 'tickets', retryable: false });
    expect(receiver.requests).toHaveLength(1);
  });

  it('is refused when its timestamp is stale (a replay)', async () => {
    const receiver = await start({ now: () => fixedClock.now() + 10 * 60_000, secret: SECRET });
    const error = await createWebhookSink({ url: receiver.url, secret: SECRET, clock: fixedClock, retry: recordingRetry().retry })
      .send(bundle, ctx)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(receiver.deliveries).toHaveLength(0);
  });

  it('retries after 500s with backoff and the same delivery id', async () => {
    const receiver = await start({ now: fixedClock.now, secret: SECRET, failTimes: 2 });
    const { sleeps, retry } = recordingRetry();
    const ref = await createWebhookSink({
      url: receiver.url,
      secret: SECRET,
      clock: fixedClock,
      retry: { ...retry, baseDelayMs: 100 },
    }).send(bundle, ctx);

    expect(ref.id).toEqual('WH-1');
    expect(receiver.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(sleeps).toEqual([100, 200]);
    expect(new Set(receiver.requests.map((r) => r.headers['x-kubechatops-delivery'])).size).toEqual(1);
  });

  it('waits as long as a 429 Retry-After asks', async () => {
    const receiver = await start({ now: fixedClock.now, secret: SECRET, failTimes: 1, failStatus: 429, retryAfterSeconds: 3 });
    const { sleeps, retry } = recordingRetry();
    await createWebhookSink({ url: receiver.url, secret: SECRET, clock: fixedClock, retry }).send(bundle, ctx);
    expect(sleeps).toEqual([3000]);
  });

  it('gives up with a retryable error when the receiver keeps failing', async () => {
    const receiver = await start({ now: fixedClock.now, secret: SECRET, failTimes: 10, failStatus: 503 });
    const { retry } = recordingRetry(3);
    const error = await createWebhookSink({ url: receiver.url, secret: SECRET, clock: fixedClock, retry })
      .send(bundle, ctx)
      .catch((e: unknown) => e);
    expect(isBotError(error) && error.retryable).toBe(true);
    expect(receiver.requests).toHaveLength(3);
  });

  it('does not follow a redirect and treats it as a failure', async () => {
    const target = await start({ now: fixedClock.now, secret: SECRET });
    const redirecting = await start({ now: fixedClock.now, secret: SECRET, redirectTo: target.url });
    const error = await createWebhookSink({ url: redirecting.url, secret: SECRET, clock: fixedClock, retry: recordingRetry().retry })
      .send(bundle, ctx)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'ticket_webhook_redirect', status: 302, retryable: false });
    expect(redirecting.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
  });

  it('reports an unreachable receiver as a retryable network failure', async () => {
    const closed = await startWebhookReceiver({ secret: SECRET });
    const url = closed.url;
    await closed.close();
    const error = await createWebhookSink({ url, secret: SECRET, clock: fixedClock, retry: recordingRetry(2).retry })
      .send(bundle, ctx)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ticket_sink_unreachable', retryable: true, service: 'tickets' });
  });
});
