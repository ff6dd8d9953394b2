import { CREATE_ACTIONS } from '../../../src/core/requests/create-request.js';
import { ADMIN, MINUTE, OTHER_OPERATOR, hasButton, startLifecycleHarness, type LifecycleHarness } from './harness.js';

/** Issue 12 item 7: the fixes the bot can carry out from a diagnosis, confirmed and audited. */
describe('one-click remedies of a diagnosis through signed Slack requests', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('deletes the finished Kolla bootstrap job that holds the volume: requester only, once, audited, and the pod then mounts it', async () => {
    await h.command('diagnose kolla-bootstrap-volume');
    const diagnosis = await h.waitForMessage(/^Diagnosis of kolla-bootstrap-volume/, 30_000);
    expect(hasButton(diagnosis, 'remedy-delete-bootstrap-job')).toBe(true);
    expect(JSON.stringify(diagnosis.blocks)).toContain('The button deletes job mariadb-bootstrap');

    await h.click(diagnosis, 'remedy-delete-bootstrap-job', OTHER_OPERATOR);
    await h.waitForEphemeral(/^Only <@U1ALICE> \(who asked for this diagnosis\) or an admin can delete this job\./);
    await h.click(diagnosis, 'remedy-delete-bootstrap-job');
    const done = await h.waitForMessage(/^kolla\/job\/mariadb-bootstrap on kolla-bootstrap-volume: deleted$/, 30_000);
    expect(done.threadTs).toBe(diagnosis.threadTs);
    await h.click(diagnosis, 'remedy-delete-bootstrap-job', ADMIN);
    await h.waitForEphemeral(/^This button was already used/);

    const records = (await h.audit()).filter((r) => r.action === 'bootstrap-job-delete').reverse();
    expect(records.map((r) => [r.decision, r.actor])).toEqual([
      ['denied', OTHER_OPERATOR],
      ['confirmed', 'U1ALICE'],
      ['started', 'U1ALICE'],
      ['finished', 'U1ALICE'],
    ]);
    expect(new Set(records.slice(1).map((r) => r.jobId)).size).toBe(1);

    // The volume is released: a fresh diagnosis no longer finds the known issue.
    const answers = () => h.allMessages().filter((m) => /^(Diagnosis of|No problems found on) kolla-bootstrap-volume/.test(m.text));
    expect(answers()).toHaveLength(1);
    await h.command('diagnose kolla-bootstrap-volume');
    const fresh = await h.slack.waitFor(() => answers()[1], 30_000);
    expect(JSON.stringify(fresh.blocks)).not.toContain('kolla-bootstrap-holds-volume');
    expect(JSON.stringify(diagnosis.blocks)).toContain('kolla-bootstrap-holds-volume');
  });

  it('recreates a cluster created "with the volume anyway" on overlay2 without the volume: delete, then the same spec, in the thread, audited', async () => {
    await h.command('create ovl --template k8s-1.27-no-volume --nodes 1 --label monitoring_enabled=true --docker-volume-size 20');
    const choice = await h.waitForMessage(/^Create ovl without the docker volume \(recommended\)/);
    await h.click(choice, CREATE_ACTIONS.withVolume);
    await h.waitForMessage(/^Creating ovl: CREATE_IN_PROGRESS/);
    const first = h.sim.state.clusters.find((c) => c.name === 'ovl');
    expect(first?.dockerVolumeSize).toBe(20);
    h.advance(20 * MINUTE);
    await h.waitForMessage(/ovl is ready/);

    await h.command('diagnose ovl');
    const diagnosis = await h.waitForMessage(/^Diagnosis of ovl/, 30_000);
    expect(JSON.stringify(diagnosis.blocks)).toContain('docker_volume_size with overlay2 (known issue');
    expect(hasButton(diagnosis, 'remedy-recreate-without-volume')).toBe(true);
    await h.click(diagnosis, 'remedy-recreate-without-volume', OTHER_OPERATOR);
    await h.waitForEphemeral(/can recreate this cluster\./);
    expect(h.sim.state.clusters.find((c) => c.name === 'ovl')?.uuid).toBe(first?.uuid);

    await h.click(diagnosis, 'remedy-recreate-without-volume');
    const deleting = await h.waitForMessage(/^:recycle: Deleting `ovl`/, 30_000);
    expect(deleting.threadTs).toBe(diagnosis.threadTs);
    expect(deleting.text).toContain('from template `k8s-1.27-no-volume` without the docker volume');
    // Magnum removes it in a few (simulated) minutes; then the same spec is created without the volume.
    // Magnum removes it in a few (simulated) minutes; then the same spec is created without the volume, in this thread.
    const ready = await h.slack.waitFor(() => {
      h.advance(MINUTE);
      return h.allMessages().filter((m) => /ovl is ready/.test(m.text))[1];
    }, 60_000);
    const creating = h.allMessages().filter((m) => /^Creating ovl: /.test(m.text))[1];
    expect(ready.threadTs).toBe(diagnosis.threadTs);
    expect(creating?.threadTs).toBe(diagnosis.threadTs);
    const second = h.sim.state.clusters.find((c) => c.name === 'ovl' && c.uuid !== first?.uuid);
    expect(second).toMatchObject({ dockerVolumeSize: null, nodeCount: 1 });
    expect(second?.labels['monitoring_enabled']).toBe('true');
    expect(h.sim.state.clusters.filter((c) => c.name === 'ovl')).toHaveLength(1);
    // Its follow-up health check finds it healthy: the volume was the cause.
    await h.waitForMessage(/^Health check of ovl: healthy/, 30_000);

    const records = (await h.audit()).filter((r) => r.action === 'cluster-recreate').reverse();
    expect(records.map((r) => [r.decision, r.actor])).toEqual([
      ['denied', OTHER_OPERATOR],
      ['confirmed', 'U1ALICE'],
      ['started', 'U1ALICE'],
      ['finished', 'U1ALICE'],
    ]);
  }, 180_000);
});
