/**
 * Finding 7 of issue 10: the fallback `text` of a message carries untrusted words (a Magnum
 * status_reason, a finding's title, a template name) and Slack parses it like mrkdwn in
 * notifications. Posted through the real poster to the stand-in, it arrives escaped exactly as
 * the blocks are: no `<!channel>`, no `<@U…>` ping, no `<url|label>` link.
 */
import { createSilentLogger } from '../../../src/logging/logger.js';
import { renderCreateComplete, renderOperationFailed } from '../../../src/render/create-result.js';
import { renderCreateFromTwinTemplate } from '../../../src/render/create-preflight.js';
import { renderWatchAlert } from '../../../src/render/watch-message.js';
import { createSlackPoster } from '../../../src/slack/slack-poster.js';
import { createWebApiCaller } from '../../../src/slack/web-api-call.js';
import { startSlackStandIn, type SlackStandIn } from '../../../src/sim/index.js';
import { aCluster } from '../../helpers/snapshot-builders.js';

const HOSTILE = '<!channel> quota & <@U0BOSS> see <https://evil.example|the fix>';
const ESCAPED = '&lt;!channel&gt; quota &amp; &lt;@U0BOSS&gt; see &lt;https://evil.example|the fix&gt;';

describe('the fallback text of posted messages', () => {
  let slack: SlackStandIn;

  beforeEach(async () => {
    slack = await startSlackStandIn();
  });

  afterEach(async () => {
    await slack.close();
  });

  it('is escaped like the blocks, whatever builder made it', async () => {
    const client = createWebApiCaller({ signingSecret: 's', botToken: slack.botToken, apiUrl: slack.apiUrl }, createSilentLogger());
    const poster = createSlackPoster(client);
    const cluster = aCluster({ name: 'prod-a', status: 'CREATE_FAILED', statusReason: HOSTILE });
    const finding = { rule: 'x', severity: 'critical' as const, title: HOSTILE, evidence: [], objects: [], explanation: '', remedy: '' };

    const root = await poster.post(
      'C1OPS',
      renderOperationFailed(cluster, { user: 'U1ALICE', verb: 'Creating', elapsedMs: 1, failedResources: [], diagnosisQueued: false }),
    );
    await poster.post('C1OPS', renderWatchAlert('prod-a', finding), root.ts);
    await poster.post('C1OPS', renderCreateFromTwinTemplate('prod-a', HOSTILE, 'k8s & co'), root.ts);

    await poster.post('C1OPS', renderCreateComplete(cluster, { user: 'U1ALICE', elapsedMs: 60_000 }), root.ts);

    const texts = slack.thread('C1OPS', root.ts).map((m) => m.text);
    expect(texts).toEqual([
      `Creating prod-a failed: CREATE_FAILED (${ESCAPED})`,
      `prod-a: ${ESCAPED}`,
      `Creating prod-a from template k8s &amp; co (the same as ${ESCAPED} without docker_volume_size), so it gets no docker volume.`,
      // The bot's own mention of the requester stays a mention: the blocks carry it too.
      '<@U1ALICE> prod-a is ready (CREATE_COMPLETE after 1 min).',
    ]);
    for (const text of texts.slice(0, 3)) expect(text).not.toMatch(/<[!@#h]/);
  });
});
