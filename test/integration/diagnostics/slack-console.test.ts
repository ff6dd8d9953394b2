import { jest } from '@jest/globals';
import { sectionsOf, startBotHarness, type BotHarness } from './bot-harness.js';

jest.setTimeout(120_000);

describe('node evidence without SSH: Nova console logs through signed Slack requests', () => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const stackOf = (cluster: string): string => h.sim.state.clusters.find((c) => c.name === cluster)?.stackName ?? '';

  it('a CREATE_FAILED diagnosis quotes the heat-container-agent and cloud-init lines of the master console', async () => {
    await h.command('diagnose create-failed');
    const diagnosis = await h.waitForMessage(/^Diagnosis of create-failed/);

    const body = sectionsOf(diagnosis);
    expect(body).toContain(`Console of ${stackOf('create-failed')}-master-0`);
    expect(body).toContain('heat-container-agent.service: Main process exited, code=exited, status=1/FAILURE');
    expect(body).toContain('cc_scripts_user.py[WARNING]: Failed to run module scripts-user');
    expect(body).toContain('Magnum Troubleshooting Guide');
  });

  it('a NotReady node: the console of that node names the full disk and the failing kubelet', async () => {
    await h.command('diagnose node-not-ready');
    const diagnosis = await h.waitForMessage(/^Diagnosis of node-not-ready/);

    const body = sectionsOf(diagnosis);
    expect(body).toContain(`Console of ${stackOf('node-not-ready')}-node-2`);
    expect(body).toMatch(/disk-full: .*no space left on device/);
    expect(body).toMatch(/kubelet: .*kubelet\.service: Failed with result/);
  });

  it('a hanging create: etcd discovery errors, the discovery token redacted', async () => {
    await h.command('diagnose slow-create');
    const diagnosis = await h.waitForMessage(/^Diagnosis of slow-create/);

    const body = sectionsOf(diagnosis);
    const token = (h.sim.state.clusters.find((c) => c.name === 'slow-create')?.discoveryUrl ?? '').split('/').at(-1) ?? '';
    expect(body).toContain('etcd-discovery: ');
    expect(body).toContain('https://discovery.etcd.io/[redacted]');
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(h.allMessages())).not.toContain(token);
  });

  it('/kube console NAME NODE --lines N posts the tail as a snippet; an unknown node is named as such', async () => {
    const node = `${stackOf('create-failed')}-master-0`;
    await h.command(`console create-failed ${node} --lines 4`);
    const root = await h.waitForMessage(/^Console log of .*master-0 on create-failed/);
    const file = await h.slack.waitFor(() => h.slack.files('C1OPS').find((f) => f.threadTs === root.ts), 20_000);

    expect(file.content.trimEnd().split('\n')).toHaveLength(4);
    expect(file.content).toContain("heat-container-agent.service: Failed with result 'exit-code'.");

    await h.command('console create-failed create-failed-nope-master-0');
    const refused = await h.slack.waitFor(
      () =>
        [...h.allMessages().map((m) => m.text), ...h.slack.ephemerals('C1OPS').map((e) => e.text)].find((t) => /has no node named/.test(t)),
      20_000,
    );
    expect(refused).toMatch(/create-failed has no node named create-failed-nope-master-0\. Its nodes: `create-failed-/);
  });
});
