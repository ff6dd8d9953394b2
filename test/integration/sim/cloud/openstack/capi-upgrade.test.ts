import { jest } from '@jest/globals';
import type { ClosableOpenStackApi } from '../../../../../src/openstack/create-openstack-api.js';
import { startSim, type Sim } from '../../../../../src/sim/index.js';
import { simOpenStack } from '../../../diagnostics/sim-kit.js';

jest.setTimeout(120_000);

const MINUTE = 60_000;

describe("Magnum's upgrade action on the simulated Cluster API drivers (the bot's client)", () => {
  let sim: Sim;
  let api: ClosableOpenStackApi;

  beforeAll(async () => {
    sim = await startSim({ seed: true });
    api = simOpenStack(sim);
  });
  afterAll(async () => {
    await api.close();
    await sim.close();
  });

  it.each([
    ['magnum-cluster-api', 'k8s-1.30-cluster-api', 'k8s-1.31-cluster-api', 'up-vexx'],
    ['magnum-capi-helm', 'k8s-1.30-capi-helm', 'k8s-1.31-capi-helm', 'up-helm'],
  ])('upgrades a %s cluster to the newer template: machines roll, the version follows at the end', async (_driver, from, to, name) => {
    const [source, target] = await Promise.all([api.magnum.getTemplate(from), api.magnum.getTemplate(to)]);
    const { uuid } = await api.magnum.createCluster({ name, clusterTemplateId: source.uuid, nodeCount: 2, keypair: 'demo-key' });
    sim.clock.advance(10 * MINUTE);
    const before = await api.magnum.getCluster(uuid);
    expect([before.status, before.coeVersion]).toEqual(['CREATE_COMPLETE', 'v1.30.4']);

    await api.magnum.upgradeCluster(uuid, to);
    sim.clock.advance(2 * MINUTE);
    const during = await api.magnum.getCluster(uuid);
    const machines = await api.nova?.listServers(`^${before.stackId ?? '?'}-`);

    expect([during.status, during.coeVersion, during.clusterTemplateId]).toEqual(['UPDATE_IN_PROGRESS', 'v1.30.4', target.uuid]);
    expect(machines?.filter((s) => s.status === 'BUILD').length).toBeGreaterThan(0);

    sim.clock.advance(6 * MINUTE);
    const after = await api.magnum.getCluster(uuid);
    expect([after.status, after.coeVersion]).toEqual(['UPDATE_COMPLETE', 'v1.31.1']);
    expect((await api.nova?.listServers(`^${before.stackId ?? '?'}-`))?.every((s) => s.status === 'ACTIVE')).toBe(true);
  });

  it('refuses the template the cluster already runs, and a template of another driver, as Magnum does', async () => {
    const cluster = await api.magnum.getCluster('capi-lb-blocks-delete');
    const current = await api.magnum.getTemplate(cluster.clusterTemplateId);

    await expect(api.magnum.upgradeCluster(cluster.uuid, current.uuid)).rejects.toMatchObject({
      message: expect.stringContaining('already using this template'),
    });
    await expect(api.magnum.upgradeCluster(cluster.uuid, 'k8s-1.27-no-volume')).rejects.toMatchObject({
      message: expect.stringContaining("does not match the cluster's driver"),
    });
    expect((await api.magnum.getCluster(cluster.uuid)).status).toBe('CREATE_COMPLETE');
  });

  it("reads a template image's kube_version and magnum_driver from Glance, by name (as templates name it) and by id", async () => {
    const byName = await api.glance?.getImage('ubuntu-jammy-kube-v1.31.1');
    const byId = await api.glance?.getImage(byName?.id ?? '?');

    expect(byName).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'ubuntu-jammy-kube-v1.31.1',
      osDistro: 'ubuntu',
      kubeVersion: 'v1.31.1',
      magnumDriver: 'k8s_capi_helm_v1',
    });
    expect(byId).toEqual(byName);
    await expect(api.glance?.getImage('no-such-image')).rejects.toMatchObject({ code: 'not_found' });
  });
});
