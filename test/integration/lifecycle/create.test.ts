import { CREATE_ACTIONS } from '../../../src/core/requests/create-request.js';
import { MINUTE, simClustersNamed, startLifecycleHarness, type LifecycleHarness } from './harness.js';

describe('/kube create, tracked to the end', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('creates once, edits one progress message with Heat progress, mentions the requester at CREATE_COMPLETE and enqueues the follow-up health checks', async () => {
    await h.command('create alpha --template k8s-1.27-no-volume --nodes 2');
    const anchor = await h.waitForMessage(/^Creating alpha: CREATE_IN_PROGRESS/);
    expect(simClustersNamed(h.sim, 'alpha')).toBe(1);

    h.advance(6 * MINUTE);
    await h.slack.waitFor(() => h.slack.thread('C1OPS', anchor.threadTs ?? '').find((m) => m.ts === anchor.ts && /\(6 min\)/.test(m.text)));
    h.advance(13 * MINUTE);
    const done = await h.waitForMessage(/alpha is ready/);

    const versions = h.slack.thread('C1OPS', anchor.threadTs ?? '').find((m) => m.ts === anchor.ts);
    const texts = [...(versions?.history ?? []).map((v) => v.text), versions?.text];
    expect(texts.some((t) => /\(6 min\)/.test(t ?? ''))).toBe(true);
    const blocksText = JSON.stringify(versions?.history.map((v) => v.blocks));
    expect(blocksText).toMatch(/Heat stacks: .* \d+\/\d+ complete/);
    expect(blocksText).toMatch(/usually 15-25 min/);
    expect(done.text).toContain('<@U1ALICE>');
    expect(done.threadTs).toBe(anchor.threadTs);
    const jobs = await h.jobs();
    const followups = jobs.filter((j) => j.name === 'cluster-followup');
    expect(followups.map((j) => (j.data as { after: string }).after)).toEqual(['create']);
    expect(simClustersNamed(h.sim, 'alpha')).toBe(1);
    const decisions = (await h.audit())
      .filter((r) => r.target === 'alpha')
      .map((r) => r.decision)
      .reverse();
    expect(decisions).toEqual(['requested', 'started', 'finished']);
  });

  it('posts status_reason, faults and failed Heat resources on CREATE_FAILED and enqueues the diagnosis', async () => {
    await h.command('create beta --template k8s-1.27-no-volume --label sim_scenario=create-failed');
    await h.waitForMessage(/^Creating beta: CREATE_IN_PROGRESS/);

    h.advance(13 * MINUTE);
    const failed = await h.waitForMessage(/creating beta failed: CREATE_FAILED/i);

    const body = JSON.stringify(failed.blocks);
    expect(body).toContain('status_reason');
    expect(body).toContain('default-master');
    expect(body).toContain('master_config_deployment');
    const diagnose = (await h.jobs()).filter((j) => j.name === 'cluster-diagnose');
    expect(diagnose.map((j) => j.data)).toEqual([
      expect.objectContaining({ cluster: 'beta', reason: 'create-failed', threadTs: failed.threadTs, channel: 'C1OPS' }),
    ]);
    const decisions = (await h.audit()).filter((r) => r.target === 'beta').map((r) => r.decision);
    expect(decisions[0]).toBe('failed');
  });

  it('warns before a docker volume size on an overlay2 template and, by default, creates without the volume', async () => {
    await h.command('create gamma --template k8s-1.27-no-volume --docker-volume-size 20');
    const warning = await h.waitForMessage(/^Before creating gamma: A docker volume size on the overlay2 template/);
    const choice = await h.waitForMessage(/^Create gamma without the docker volume \(recommended\)/);
    expect(choice.threadTs).toBe(warning.threadTs);
    expect(simClustersNamed(h.sim, 'gamma')).toBe(0);

    await h.click(choice, CREATE_ACTIONS.withoutVolume);
    await h.waitForMessage(/^Creating gamma: CREATE_IN_PROGRESS/);

    const created = h.sim.state.clusters.filter((c) => c.name === 'gamma');
    expect(created.map((c) => c.dockerVolumeSize)).toEqual([null]);
    const warningNow = h.allMessages().find((m) => m.ts === warning.ts);
    expect(warningNow?.text).toBe(warning.text);
  });

  it('refuses a name that already exists without creating a second cluster', async () => {
    await h.command('create healthy --template k8s-1.27-no-volume');
    await h.waitForMessage(/already exists/);

    expect(simClustersNamed(h.sim, 'healthy')).toBe(1);
  });

  it('refuses a create that does not fit in the quotas, with the numbers, and creates nothing', async () => {
    const project = h.sim.state.projects[0];
    if (!project) throw new Error('no project');
    project.quotas = { ...project.quotas, cores: 1, floatingip: 2 };

    await h.command('create big --template k8s-1.27-no-volume --nodes 3');
    const refusal = await h.waitForMessage(/does not fit in the project's quotas/);

    expect(refusal.text).toMatch(/Nova cores: needs 8, 0 free \(quota 1, \d+ in use\)/);
    expect(refusal.text).toMatch(/Neutron floatingip: needs \d+, 0 free \(quota 2, \d+ in use\)/);
    expect(refusal.text).toContain('Nothing was created.');
    expect(simClustersNamed(h.sim, 'big')).toBe(0);
  });

  it('refuses a create whose load balancers (Octavia) or docker volumes (Cinder) do not fit, with the numbers, and creates nothing', async () => {
    const project = h.sim.state.projects[0];
    if (!project) throw new Error('no project');
    const lbsInUse = h.sim.state.loadBalancers.filter((lb) => lb.goneAt === null && lb.projectId === project.id).length;
    project.quotas = { ...project.quotas, load_balancer: lbsInUse + 1, gigabytes: 1000 };

    await h.command('create vol --template k8s-1.27-no-volume --nodes 2 --docker-volume-size 500');
    const choice = await h.waitForMessage(/^Create vol without the docker volume \(recommended\)/);
    await h.click(choice, CREATE_ACTIONS.withVolume);
    const refusal = await h.waitForMessage(/^vol does not fit in the project's quotas/);

    expect(refusal.text).toMatch(/Octavia load_balancer: needs 2, 1 free \(quota \d+, \d+ in use\)/);
    expect(refusal.text).toMatch(/Cinder gigabytes: needs 1500 GB, \d+ GB free \(quota 1000 GB, \d+ GB in use\)/);
    expect(refusal.text).toContain('openstack loadbalancer quota show');
    expect(simClustersNamed(h.sim, 'vol')).toBe(0);
  });
});
