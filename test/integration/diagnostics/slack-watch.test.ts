import { SCALE_ACTIONS } from '../../../src/core/requests/scale-request.js';
import { startBotHarness, type BotHarness } from './bot-harness.js';

describe('/kube watch through signed Slack requests', () => {
  let h: BotHarness;

  beforeAll(async () => {
    // Checks every 4 poll intervals: 4 s here.
    h = await startBotHarness(() => ({ POLL_INTERVAL_SECONDS: '1' }));
  });
  afterAll(async () => {
    await h.stop();
  });

  it('posts one message per incident, marks it resolved when the problem goes away, and stops on `off`', async () => {
    await h.command('watch crash-loop');
    await h.waitForMessage(/^Watching crash-loop$/);

    const crash = await h.waitForMessage(/^crash-loop: 1 pod crash looping/, 20_000);
    // The incident's ticket button: the bundle goes into the incident's thread (default sink).
    await h.click(crash, 'ticket-attach');
    const bundle = await h.slack.waitFor(() => h.slack.files('C1OPS').find((f) => f.threadTs === crash.ts), 20_000);
    expect(bundle.content).toMatch(/^Kubernetes cluster crash-loop \(CREATE_COMPLETE\): support bundle/);
    await h.waitForMessage(/^crash-loop: 1 pod killed for running out of memory/, 20_000);

    await h.command('scale crash-loop default/deployment/orders-api --replicas 0');
    // Scaling to 0 takes the workload down: it waits for the requester's Confirm.
    const preview = await h.waitForMessage(/^Scale default\/deployment\/orders-api on crash-loop to 0 replicas\?/);
    await h.click(preview, SCALE_ACTIONS.confirm);
    const resolved = await h.slack.waitFor(
      () => h.allMessages().find((m) => m.ts === crash.ts && m.text.startsWith('Resolved on crash-loop')),
      30_000,
    );
    expect(resolved.text).toBe('Resolved on crash-loop: 1 pod crash looping');
    expect(h.allMessages().filter((m) => m.text.includes('crash looping'))).toHaveLength(1);

    await h.command('watch crash-loop off');
    await h.waitForMessage(/^Stopped watching crash-loop$/);
  }, 90_000);
});
