import { ADMIN, OTHER_OPERATOR, hasButton, startLifecycleHarness, type LifecycleHarness } from './harness.js';

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
});
