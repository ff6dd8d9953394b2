import { jest } from '@jest/globals';
import { CREATE_ACTIONS } from '../../../src/core/requests/create-request.js';
import type { StandInMessage } from '../../../src/sim/index.js';
import { CHANNEL, MINUTE, startLifecycleHarness, type LifecycleHarness } from './harness.js';

jest.setTimeout(120_000);

/** Every version a message has had, oldest first. */
function versions(message: StandInMessage | undefined): string[] {
  return [...(message?.history ?? []).map((v) => v.text), message?.text ?? ''];
}

/** Waits until no follow-up job is still waiting, delayed or running. */
async function followupsSettle(h: LifecycleHarness): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const jobs = (await h.jobs()).filter((j) => j.name === 'cluster-followup');
    if (jobs.length > 0 && jobs.every((j) => j.state === 'completed' || j.state === 'failed')) return;
    if (Date.now() > deadline) throw new Error(`follow-up jobs still ${jobs.map((j) => j.state).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('follow-up health checks after a create', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('a create "with the volume anyway" on overlay2 ends with the known issue named in its thread by a follow-up check, nobody asking', async () => {
    await h.command('create ovl --template k8s-1.27-no-volume --nodes 1 --docker-volume-size 20');
    const choice = await h.waitForMessage(/^Create ovl without the docker volume \(recommended\)/);
    await h.click(choice, CREATE_ACTIONS.withVolume);
    const anchor = await h.waitForMessage(/^Creating ovl: CREATE_IN_PROGRESS/);
    const created = h.sim.state.clusters.find((c) => c.name === 'ovl');
    expect(created?.dockerVolumeSize).toBe(20);

    // Exactly at CREATE_COMPLETE: the add-on pods have just been scheduled and no event says why they wait.
    h.advance(18 * MINUTE);
    await h.waitForMessage(/ovl is ready/);
    const first = await h.waitForMessage(/^Health check of ovl: no finding yet/);
    expect(first.threadTs).toBe(anchor.threadTs);
    expect(h.allMessages().some((m) => /^No problems found on ovl/.test(m.text))).toBe(false);

    // Two minutes later the kubelet's sandbox failures are there: the same message becomes the diagnosis.
    h.advance(2 * MINUTE);
    const diagnosis = await h.slack.waitFor(
      () => h.allMessages().find((m) => m.ts === first.ts && /^Diagnosis of ovl/.test(m.text)),
      30_000,
    );
    const body = JSON.stringify(diagnosis.blocks);
    expect(body).toContain('docker_volume_size with overlay2 (known issue');
    expect(body).toContain('Cluster is created but pods fail');
    expect(body).toMatch(/FailedCreatePodSandBox.*error creating overlay mount.*invalid argument/);
    expect(body).toContain('check 2 of 5 at +2 min');
    expect(versions(diagnosis)).toEqual([first.text, diagnosis.text]);

    // One follow-up job for the operation, under its deterministic id, finished: no more checks.
    await followupsSettle(h);
    const followups = (await h.jobs()).filter((j) => j.name === 'cluster-followup');
    expect(followups.map((j) => [j.id, j.state])).toEqual([[expect.stringMatching(/^cluster-followup-/), 'completed']]);
    h.advance(30 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const thread = h.slack.thread(CHANNEL, anchor.threadTs ?? '');
    expect(thread.filter((m) => /^(Health check|Diagnosis|No problems found) of ovl|^No problems found on ovl/.test(m.text))).toHaveLength(
      1,
    );

    // The simulator's cluster really fails that way: the events the kubelet records.
    await h.command('events ovl -n kube-system');
    const events = await h.slack.waitFor(
      () => h.allMessages().find((m) => m.ts !== diagnosis.ts && /FailedCreatePodSandBox/.test(JSON.stringify(m.blocks))),
      20_000,
    );
    expect(JSON.stringify(events.blocks)).toMatch(/error creating overlay mount/);
  });

  it('a healthy create: one message, updated until the cluster is settled, then no more checks', async () => {
    await h.command('create fine --template k8s-1.27-no-volume --nodes 1');
    await h.waitForMessage(/^Creating fine: CREATE_IN_PROGRESS/);
    h.advance(18 * MINUTE);
    await h.waitForMessage(/fine is ready/);
    const first = await h.waitForMessage(/^Health check of fine: /);

    h.advance(2 * MINUTE);
    const last = await h.slack.waitFor(
      () => h.allMessages().find((m) => m.ts === first.ts && /^Health check of fine: healthy/.test(m.text)),
      30_000,
    );
    expect(last.text).toMatch(/healthy \(check [12] of 5/);
    await followupsSettle(h);
  });
});
