import { startZendeskStandIn, type ZendeskStandIn } from '../../../src/sim/index.js';
import { buttons, startBotHarness, type BotHarness } from '../diagnostics/bot-harness.js';

const EMAIL = 'bot@example.test';
const TOKEN = 'zendesk-flow-token';

describe('"Attach to support ticket" with the Zendesk sink', () => {
  let h: BotHarness;
  let zendesk: ZendeskStandIn;

  beforeAll(async () => {
    zendesk = await startZendeskStandIn({ email: EMAIL, apiToken: TOKEN });
    h = await startBotHarness(() => ({ TICKET_SINK: 'zendesk', ZENDESK_URL: zendesk.url, ZENDESK_EMAIL: EMAIL, ZENDESK_API_TOKEN: TOKEN }));
  });
  afterAll(async () => {
    await h.stop();
    await zendesk.close();
  });

  it('/kube ticket NAME opens a ticket with the bundle attached and links it from the thread root', async () => {
    await h.command('ticket node-not-ready');
    const root = await h.waitForMessage(/^Cluster node-not-ready is /);
    await h.waitForMessage(/^Opened .*#\d+/);

    expect(zendesk.state.tickets).toHaveLength(1);
    const ticket = zendesk.state.tickets[0];
    expect(ticket?.comments).toHaveLength(1);
    expect(ticket?.comments[0]?.attachments.map((a) => a.filename)).toEqual([
      expect.stringMatching(/^kube-chatops-bundle-node-not-ready-/),
    ]);
    const linked = await h.slack.waitFor(
      () => h.allMessages().find((m) => m.ts === root.ts && buttons(m)['ticket-open'] !== undefined),
      20_000,
    );
    expect(buttons(linked)['ticket-open']).toContain(`/tickets/${ticket?.id}`);
  });

  it('a second click in the same thread comments on the same ticket instead of opening another', async () => {
    await h.command('diagnose crash-loop');
    const diagnosis = await h.waitForMessage(/^Diagnosis of crash-loop/);
    const before = zendesk.state.tickets.length;

    await h.click(diagnosis, 'ticket-attach');
    await h.slack.waitFor(() => zendesk.state.tickets.length === before + 1, 20_000);
    h.sim.clock.advance(15 * 60_000);
    const root = h.allMessages().find((m) => m.ts === diagnosis.threadTs);
    if (!root) throw new Error('no thread root');
    await h.click(root, 'ticket-attach');
    await h.waitForMessage(/^Added the support bundle to /);

    expect(zendesk.state.tickets).toHaveLength(before + 1);
    expect(zendesk.state.tickets.at(-1)?.comments).toHaveLength(2);
  });

  it('falls back to the thread when Zendesk fails: the bundle is a snippet there, with a note', async () => {
    zendesk.fail({ route: 'POST /api/v2/uploads', times: 50, status: 500 });
    await h.command('diagnose image-pull');
    const diagnosis = await h.waitForMessage(/^Diagnosis of image-pull/);

    await h.click(diagnosis, 'ticket-attach');
    const note = await h.waitForMessage(/did not take the support bundle/, 30_000);

    expect(note.threadTs).toBe(diagnosis.threadTs);
    const files = h.slack.files('C1OPS').filter((f) => f.threadTs === diagnosis.threadTs);
    expect(files.map((f) => f.filename)).toEqual([expect.stringMatching(/^kube-chatops-bundle-image-pull-/)]);
    expect(files[0]?.content).toContain('pod-image-pull');
    expect(buttons(h.allMessages().find((m) => m.ts === diagnosis.ts))).toHaveProperty('ticket-attach');
  });
});
