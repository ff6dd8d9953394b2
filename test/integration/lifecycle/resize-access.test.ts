import { CREATE_FORM } from '../../../src/core/requests/create-request.js';
import { sendViewSubmission } from '../../../src/sim/index.js';
import { CHANNEL, MINUTE, SECRET, VIEWER, eventually, simClustersNamed, startLifecycleHarness, type LifecycleHarness } from './harness.js';

describe('/kube resize, access and /kube jobs', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('resizes the default worker group and reports UPDATE_COMPLETE to the requester', async () => {
    await h.command('resize healthy --nodes 3');
    await h.waitForMessage(/^Resizing healthy to 3 nodes: UPDATE_IN_PROGRESS/);
    h.advance(4 * MINUTE);
    const done = await h.waitForMessage(/healthy now has 3 worker nodes/);

    expect(done.text).toContain('<@U1ALICE>');
    expect(h.sim.state.clusters.find((c) => c.name === 'healthy')?.nodeCount).toBe(3);
  });

  it('refuses a resize outside the nodegroup bounds without calling Magnum', async () => {
    await h.command('resize healthy --nodes 2 --nodegroup default-master');
    await h.waitForMessage(/master nodegroup/);

    expect(h.sim.state.clusters.find((c) => c.name === 'healthy')?.ops.length).toBe(1);
  });

  it('denies a viewer every mutation, enqueues nothing and audits each denial', async () => {
    await h.command('create delta --template k8s-1.27-no-volume', VIEWER);
    await h.command('delete healthy', VIEWER);
    await h.command('resize healthy --nodes 5', VIEWER);
    await h.slack.waitFor(
      () => h.slack.ephemerals('C1OPS').filter((e) => /needs the operator role/.test(e.text)).length === 3 || undefined,
    );

    expect(await h.jobs()).toEqual([]);
    expect(simClustersNamed(h.sim, 'delta')).toBe(0);
    const records = await h.audit();
    const why = 'needs the operator role; the user has viewer';
    expect(records.map((r) => [r.decision, r.actor, r.channelId, r.cloud, r.action, r.target, r.role, r.outcome]).sort()).toEqual([
      ['denied', VIEWER, CHANNEL, h.config.openstack.cloud, 'create', 'delta', 'viewer', why],
      ['denied', VIEWER, CHANNEL, h.config.openstack.cloud, 'delete', 'healthy', 'viewer', why],
      ['denied', VIEWER, CHANNEL, h.config.openstack.cloud, 'resize', 'healthy', 'viewer', why],
    ]);
  });

  it('opens the create form without arguments and creates from its submission, once for a double submit', async () => {
    await h.command('create');
    const view = await h.slack.waitFor(() => h.slack.views()[0]);
    expect(view.view['callback_id']).toBe('lifecycle-create');

    const submission = {
      callback_id: 'lifecycle-create',
      user_id: 'U1ALICE',
      team_id: 'T0STANDIN',
      private_metadata: String(view.view['private_metadata']),
      view_id: view.id,
      values: {
        [CREATE_FORM.fields.cluster]: { value: 'from-form' },
        [CREATE_FORM.fields.template]: { value: 'k8s-1.27-no-volume' },
        [CREATE_FORM.fields.nodes]: { value: '2' },
      },
    };
    const bad = await sendViewSubmission(h.botUrl ?? '', SECRET, {
      ...submission,
      values: { ...submission.values, [CREATE_FORM.fields.nodes]: { value: 'two' } },
    });
    expect(bad.body).toEqual({ response_action: 'errors', errors: { [CREATE_FORM.fields.nodes]: '`--nodes` must be a whole number.' } });
    await sendViewSubmission(h.botUrl ?? '', SECRET, submission);
    await sendViewSubmission(h.botUrl ?? '', SECRET, submission);
    await h.waitForMessage(/^Creating from-form: CREATE_IN_PROGRESS/);

    expect(simClustersNamed(h.sim, 'from-form')).toBe(1);
    expect((await h.jobs()).filter((j) => j.name === 'cluster-create').length).toBe(1);
  });

  it('lists the channel’s operations and other jobs with who asked and where they stand', async () => {
    await h.command('resize healthy --nodes 3');
    await h.waitForMessage(/^Resizing healthy to 3 nodes: UPDATE_IN_PROGRESS/);
    await h.command('list', VIEWER);
    await eventually(async () => (await h.jobs()).some((j) => j.name === 'cluster-list' && j.state === 'completed'));
    await h.command('jobs');
    const listed = await h.waitForEphemeral(/recent jobs? in this channel/);

    expect(listed).toBe('2 recent jobs in this channel');
    const blocks = JSON.stringify(h.slack.ephemerals('C1OPS').find((e) => e.text === listed)?.blocks);
    expect(blocks).toMatch(/cluster-resize\*.*healthy.* by <@U1ALICE>: started · now `UPDATE_IN_PROGRESS`/);
    expect(blocks).toMatch(/cluster-list\*.* by <@U2VIEWER>: done/);
  });
});
