import { startWebhookReceiver, type WebhookReceiver } from '../../../src/sim/index.js';
import { buttons, startBotHarness, type BotHarness } from '../diagnostics/bot-harness.js';

const SECRET = 'webhook-flow-secret';

describe('"Attach to support ticket" with the webhook sink', () => {
  let h: BotHarness;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver({ secret: SECRET });
    h = await startBotHarness(() => ({ TICKET_SINK: 'webhook', TICKET_WEBHOOK_URL: receiver.url, TICKET_WEBHOOK_SECRET: SECRET }));
  });
  afterAll(async () => {
    await h.stop();
    await receiver.close();
  });

  it('sends the signed bundle once, shows the ticket in the thread and turns the button into a link; a second click adds to the same ticket', async () => {
    await h.command('diagnose crash-loop');
    const diagnosis = await h.waitForMessage(/^Diagnosis of crash-loop/);

    await h.click(diagnosis, 'ticket-attach');
    const opened = await h.waitForMessage(/^Opened .*WH-1/);

    expect(opened.threadTs).toBe(diagnosis.threadTs);
    expect(receiver.deliveries).toHaveLength(1);
    const delivery = receiver.deliveries[0]?.json as {
      event: string;
      bundle: { json: { cluster: { name: string }; findings: { rule: string }[]; clusterShow: string } };
    };
    const bundle = delivery.bundle.json;
    expect(delivery.event).toBe('kube-chatops.ticket-bundle');
    expect(bundle.cluster.name).toBe('crash-loop');
    expect(bundle.findings.map((f) => f.rule)).toEqual(['pod-crash-loop', 'pod-oom-killed']);
    expect(bundle.clusterShow).toContain('| name                 | crash-loop');
    const updated = await h.slack.waitFor(
      () => h.allMessages().find((m) => m.ts === diagnosis.ts && buttons(m)['ticket-open'] !== undefined),
      20_000,
    );
    expect(buttons(updated)).toEqual({ 'ticket-open': 'https://tickets.example.test/WH-1' });

    // The cluster moved on (restart ages changed): the thread root's button sends the new bundle to the same ticket.
    h.sim.clock.advance(15 * 60_000);
    const root = h.allMessages().find((m) => m.ts === diagnosis.threadTs);
    if (!root) throw new Error('no thread root');
    await h.click(root, 'ticket-attach');
    await h.waitForMessage(/^Added the support bundle to .*WH-1/);

    expect(receiver.deliveries.map((d) => d.ticketId)).toEqual(['WH-1', 'WH-1']);
    expect(new Set(receiver.deliveries.map((d) => d.idempotencyKey)).size).toBe(1);
  });

  it('/kube ticket NAME in a thread that never had a diagnosis: the bundle carries one made at attach time', async () => {
    const before = receiver.deliveries.length;
    await h.command('ticket image-pull');
    await h.waitForMessage(/^Opened .*WH-2/);

    const delivery = receiver.deliveries[before]?.json as {
      bundle: { text: string; json: { findings: { rule: string }[]; diagnosedAt: string } };
    };
    expect(delivery.bundle.json.findings.map((f) => f.rule)).toContain('pod-image-pull');
    expect(Math.abs(Date.parse(delivery.bundle.json.diagnosedAt) - h.sim.clock.now())).toBeLessThan(2000);
    expect(delivery.bundle.text).toMatch(/== Diagnosis \([1-9]\d*, made at attach time: /);
    expect(delivery.bundle.text).not.toContain('== Diagnosis (0');
  });
});
