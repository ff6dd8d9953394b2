/**
 * Finding 1 of issue 10: `--label` values are often secrets. The thread root's command line and
 * the audit record show the label keys with masked values; the pre-flight's buttons carry the
 * keys only (the values wait on the bot's side); the cluster still gets the values.
 */
import { jest } from '@jest/globals';
import { CREATE_ACTIONS } from '../../../src/core/requests/create-request.js';
import { CHANNEL, buttonValue, startLifecycleHarness, type LifecycleHarness } from '../lifecycle/harness.js';

jest.setTimeout(120_000);

const SECRET_VALUE = 'hunter2-grafana';

describe('label values of /kube create', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('are masked in the thread and the audit, and reach Magnum as given', async () => {
    await h.command(`create lab --template k8s-1.27-no-volume --label grafana_admin_passwd=${SECRET_VALUE} --label kube_tag=v1.27.4`);
    await h.waitForMessage(/^Creating lab: CREATE_IN_PROGRESS/);

    const root = h.slack.messages(CHANNEL).find((m) => /^Create lab requested/.test(m.text));
    expect(JSON.stringify(root?.blocks)).toContain('--label grafana_admin_passwd=•••• --label kube_tag=••••');
    const posted = JSON.stringify(h.allMessages().map((m) => [m.text, m.blocks]));
    expect(posted).not.toContain(SECRET_VALUE);
    const requested = (await h.audit()).find((r) => r.action === 'cluster-create' && r.decision === 'requested');
    expect(requested?.outcome).toContain('grafana_admin_passwd=••••');
    expect(JSON.stringify(await h.audit())).not.toContain(SECRET_VALUE);
    expect(h.sim.state.clusters.find((c) => c.name === 'lab')?.labels['grafana_admin_passwd']).toBe(SECRET_VALUE);
  });

  it('are not in the pre-flight buttons, and reach Magnum once confirmed', async () => {
    await h.command(`create gamma --template k8s-1.27-no-volume --docker-volume-size 20 --label grafana_admin_passwd=${SECRET_VALUE}`);
    const choice = await h.waitForMessage(/^Create gamma without the docker volume \(recommended\)/);
    const values = [CREATE_ACTIONS.withoutVolume, CREATE_ACTIONS.withVolume, CREATE_ACTIONS.cancel].map((id) => buttonValue(choice, id));
    for (const value of values) {
      const decoded = value
        .split('.')
        .map((part) => Buffer.from(part, 'base64url').toString('utf8'))
        .join('.');
      expect(decoded).toContain('grafana_admin_passwd');
      expect(decoded).not.toContain(SECRET_VALUE);
      expect(value).not.toContain(SECRET_VALUE);
    }

    await h.click(choice, CREATE_ACTIONS.withoutVolume);
    await h.waitForMessage(/^Creating gamma: CREATE_IN_PROGRESS/);

    expect(h.sim.state.clusters.find((c) => c.name === 'gamma')?.labels['grafana_admin_passwd']).toBe(SECRET_VALUE);
    expect(JSON.stringify(h.allMessages().map((m) => [m.text, m.blocks]))).not.toContain(SECRET_VALUE);
  });
});
