import { CREATE_ACTIONS } from '../../../src/core/requests/create-request.js';
import { simClustersNamed, startLifecycleHarness, type LifecycleHarness } from './harness.js';

describe('/kube create checks what the cloud can tell before asking Magnum', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('answers a mistyped flavor in the thread with the closest flavors Nova has, and leaves the name free', async () => {
    await h.command('create delta --template k8s-1.27-no-volume --flavor c1.c2r5');
    const refusal = await h.waitForMessage(/There is no flavor `c1\.c2r5`/);

    expect(refusal.text).toMatch(
      /^There is no flavor `c1\.c2r5` \(given as `--flavor`\)\. Flavors, closest first: `c1\.c2r2`, `c1\.c2r4`, `c1\.c2r8`, .* and 10 more\.\nNothing was created\.$/,
    );
    expect(refusal.threadTs).toBeDefined();
    expect(simClustersNamed(h.sim, 'delta')).toBe(0);
    const decisions = (await h.audit())
      .filter((r) => r.target === 'delta')
      .map((r) => r.decision)
      .reverse();
    expect(decisions).toEqual(['requested', 'failed']);

    await h.command('create delta --template k8s-1.27-no-volume --flavor c1.c2r4');
    await h.waitForMessage(/^Creating delta: CREATE_IN_PROGRESS/);
    expect(h.sim.state.clusters.filter((c) => c.name === 'delta').map((c) => c.flavorId)).toEqual(['c1.c2r4']);
  });

  it('answers a keypair the bot’s OpenStack user does not have, naming the ones it has', async () => {
    await h.command('create epsilon --template k8s-1.27-no-volume --keypair demo_key');
    const refusal = await h.waitForMessage(/has no keypair/);

    expect(refusal.text).toContain(
      "The bot's OpenStack user has no keypair `demo_key` (given as `--keypair`). Its keypairs, closest first: `demo-key`.",
    );
    expect(simClustersNamed(h.sim, 'epsilon')).toBe(0);
  });

  it('catches the template’s own docker volume on overlay2 and creates from its twin without the volume', async () => {
    await h.command('create zeta --template k8s-1.27-overlay2');
    await h.waitForMessage(/^Before creating zeta: A docker volume size on the overlay2 template k8s-1\.27-overlay2/);
    const choice = await h.waitForMessage(/^Create zeta without the docker volume \(recommended: from template k8s-1\.27-no-volume/);
    expect(simClustersNamed(h.sim, 'zeta')).toBe(0);

    await h.click(choice, CREATE_ACTIONS.withoutVolume);
    await h.waitForMessage(/^Creating zeta: CREATE_IN_PROGRESS/);

    const noVolume = h.sim.state.templates.find((t) => t.name === 'k8s-1.27-no-volume');
    const created = h.sim.state.clusters.filter((c) => c.name === 'zeta');
    expect(created.map((c) => [c.templateId, c.dockerVolumeSize])).toEqual([[noVolume?.uuid, null]]);
    expect(h.allMessages().some((m) => /^Creating zeta from template k8s-1\.27-no-volume/.test(m.text))).toBe(true);
  });
});
