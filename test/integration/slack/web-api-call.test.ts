/**
 * The outbox's Web API caller (undici) against the WebClient it replaces, on the Slack stand-in:
 * the same request reaches Slack and every outcome (answer, refusal, 429, HTTP error, no
 * connection) comes back as the same error class with the same fields, so the outbox's retry
 * decisions and toSlackError's messages do not change.
 */
import { createSilentLogger } from '../../../src/logging/logger.js';
import { toSlackError } from '../../../src/slack/slack-errors.js';
import { createWebApiCaller, type WebApiCaller } from '../../../src/slack/web-api-call.js';
import { createSlackWebClient } from '../../../src/slack/web-client.js';
import { startSlackStandIn, type InjectedFailure, type SlackStandIn } from '../../../src/sim/index.js';

const ARGS = {
  channel: 'C1OPS',
  text: 'Clusters of default: 2',
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*dev-a* CREATE_COMPLETE' } }],
  metadata: { event_type: 'kube_chatops_post', event_payload: { key: 'job-1/thread' } },
  thread_ts: undefined,
};

/** What an outcome looks like to the outbox: the answer's fields, or the error's class, its fields and toSlackError's view. */
async function outcome(client: WebApiCaller, channel: string): Promise<unknown> {
  try {
    const result = (await client.apiCall('chat.postMessage', { ...ARGS, channel })) as {
      ok?: boolean;
      channel?: string;
      ts?: unknown;
      response_metadata?: unknown;
    };
    return { ok: result.ok, channel: result.channel === channel, hasTs: typeof result.ts === 'string', metadata: result.response_metadata };
  } catch (error) {
    const e = error as Error & { code?: string; data?: unknown; retryAfter?: number; statusCode?: number; body?: unknown };
    const slack = toSlackError(error, 'chat.postMessage');
    return {
      class: e.constructor.name,
      code: e.code,
      data: e.data,
      retryAfter: e.retryAfter,
      statusCode: e.statusCode,
      body: e.body,
      slack: { code: slack.code, message: slack.message, retryable: slack.retryable, status: slack.status },
    };
  }
}

describe('the outbox Web API caller', () => {
  let slack: SlackStandIn;
  const config = () => ({ signingSecret: 's', botToken: slack.botToken, apiUrl: slack.apiUrl });

  beforeEach(async () => {
    slack = await startSlackStandIn();
  });

  afterEach(async () => {
    await slack.close();
  });

  it('sends what the WebClient sends', async () => {
    await createSlackWebClient(config(), createSilentLogger()).apiCall('chat.postMessage', ARGS);
    await createWebApiCaller(config(), createSilentLogger()).apiCall('chat.postMessage', { ...ARGS, channel: 'C2OPS' });

    const [viaWebClient, viaCaller] = slack.callsTo('chat.postMessage').map((call) => call.body);
    expect(viaCaller).toEqual({ ...viaWebClient, channel: 'C2OPS' });
    expect(slack.callsTo('chat.postMessage').map((call) => call.status)).toEqual([200, 200]);
    expect(viaCaller).toMatchObject({ blocks: ARGS.blocks, metadata: ARGS.metadata });
  });

  const failures: [string, InjectedFailure | null][] = [
    ['an answer', null],
    ['a refusal', { error: 'not_in_channel' }],
    ['a retryable refusal', { error: 'internal_error' }],
    ['a 429 with Retry-After', { status: 429, retryAfter: 3 }],
    ['an HTTP 503', { status: 503 }],
  ];
  it.each(failures)('gives %s as the WebClient does', async (_name, failure) => {
    // A channel each: Slack's one post a second per channel must not answer the second call.
    if (failure !== null) slack.failNext('chat.postMessage', failure);
    const viaWebClient = await outcome(createSlackWebClient(config(), createSilentLogger()), 'C1OPS');
    if (failure !== null) slack.failNext('chat.postMessage', failure);
    const viaCaller = await outcome(createWebApiCaller(config(), createSilentLogger()), 'C2OPS');

    expect(viaCaller).toEqual(viaWebClient);
    if (failure === null) expect(viaCaller).toMatchObject({ ok: true, channel: true, hasTs: true });
    else expect(viaCaller).toHaveProperty('class');
  });

  it('gives no connection as a request error, Slack unreachable', async () => {
    const gone = { signingSecret: 's', botToken: 'xoxb-x', apiUrl: 'http://127.0.0.1:1/api/' };
    const error = await createWebApiCaller(gone, createSilentLogger())
      .apiCall('chat.postMessage', ARGS)
      .catch((e: unknown) => e);

    expect((error as Error).constructor.name).toBe('WebAPIRequestError');
    expect(toSlackError(error, 'chat.postMessage')).toMatchObject({ code: 'slack_unreachable', service: 'slack' });
  });
});
