import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { NODEGROUPS_GONE_MS } from '../../../../../src/sim/cloud/openstack/cluster-lifecycle.js';
import { startSim, type Sim } from '../../../../../src/sim/cloud/start-sim.js';
import { client } from './sim-client.js';
import { stubKube, type StubKubeLog } from './stub-kube.js';

const MINUTE = 60_000;
let sim: Sim;
let log: StubKubeLog;

beforeEach(async () => {
  const stub = stubKube();
  log = stub.log;
  sim = await startSim({ seed: true, kube: stub.backend });
});
afterEach(async () => {
  await sim.close();
});

type Json = Record<string, unknown>;

describe('cluster lifecycle on the simulated clock', () => {
  it('creates in progress, counts Heat resources done, then completes and starts its Kubernetes API', async () => {
    const c = await client(sim);
    const created = await c.call('POST', '/container-infra/v1/clusters', {
      name: 'fresh',
      cluster_template_id: 'k8s-1.27-no-volume',
      node_count: 2,
    });
    expect(created.status).toBe(202);
    const { uuid } = (await created.json()) as { uuid: string };
    const show = () => c.json(`/container-infra/v1/clusters/${uuid}`);
    expect((await show())['status']).toEqual('CREATE_IN_PROGRESS');
    expect(log.started).not.toContain('fresh');

    sim.clock.advance(9 * MINUTE);
    const stackId = (await show())['stack_id'] as string;
    const redirect = await c.call('GET', `/orchestration/v1/${sim.state.projects[0]?.id ?? ''}/stacks/${stackId}/resources?nested_depth=3`);
    expect(redirect.status).toBe(302);
    const resources = (await (await c.call('GET', redirect.headers.get('location') ?? '')).json()) as { resources: Json[] };
    const statuses = resources.resources.map((r) => r['resource_status']);
    expect(statuses).toContain('CREATE_COMPLETE');
    expect(statuses).toContain('INIT_COMPLETE');

    sim.clock.advance(10 * MINUTE);
    const done = await show();
    expect(done['status']).toEqual('CREATE_COMPLETE');
    expect(done['health_status']).toEqual('HEALTHY');
    expect(log.started).toContain('fresh');
  });

  it('resizes through UPDATE_IN_PROGRESS to UPDATE_COMPLETE and tells the Kubernetes side', async () => {
    const c = await client(sim);
    const healthy = await c.json('/container-infra/v1/clusters/healthy');
    const res = await c.call('POST', `/container-infra/v1/clusters/${String(healthy['uuid'])}/actions/resize`, { node_count: 4 });
    expect(res.status).toBe(202);
    expect((await c.json('/container-infra/v1/clusters/healthy'))['status']).toEqual('UPDATE_IN_PROGRESS');
    sim.clock.advance(3 * MINUTE);
    const after = await c.json('/container-infra/v1/clusters/healthy');
    expect([after['status'], after['node_count']]).toEqual(['UPDATE_COMPLETE', 4]);
    expect(log.nodeCounts).toContain('healthy:1/4');
  });

  it('fails the delete of lb-blocks-delete on the private subnet until the service LB is deleted', async () => {
    const c = await client(sim);
    const cluster = await c.json('/container-infra/v1/clusters/lb-blocks-delete');
    const subnetId = sim.state.clusters.find((x) => x.name === 'lb-blocks-delete')?.subnetId ?? '';
    const lbs = (await c.json(`/load-balancer/v2/lbaas/loadbalancers?vip_subnet_id=${subnetId}`)) as { loadbalancers: Json[] };
    const extra = lbs.loadbalancers.find((lb) => String(lb['name']).startsWith('kube_service_'));
    expect(extra?.['name']).toEqual(`kube_service_${String(cluster['uuid'])}_default_web`);
    expect(log.services).toEqual(['lb-blocks-delete:default/web', 'capi-lb-blocks-delete:default/web']);

    expect((await c.call('DELETE', '/container-infra/v1/clusters/lb-blocks-delete')).status).toBe(204);
    expect((await c.json('/container-infra/v1/clusters/lb-blocks-delete'))['status']).toEqual('DELETE_IN_PROGRESS');
    sim.clock.advance(2 * MINUTE);
    const failed = await c.json('/container-infra/v1/clusters/lb-blocks-delete');
    expect(failed['status']).toEqual('DELETE_FAILED');
    expect(failed['status_reason']).toEqual(
      `Failed to delete cluster because stack delete failed Error: Resource DELETE failed: Conflict: resources.network.resources.private_subnet: Unable to complete operation on subnet ${subnetId}. One or more ports have an IP allocation from this subnet.`,
    );
    const ports = (await c.json(`/network/v2.0/ports?fixed_ips=subnet_id%3D${subnetId}&device_owner=Octavia`)) as { ports: Json[] };
    expect(ports.ports.map((p) => p['name'])).toEqual([`octavia-lb-${String(extra?.['id'])}`]);

    const plain = await c.call('DELETE', `/load-balancer/v2/lbaas/loadbalancers/${String(extra?.['id'])}`);
    expect(plain.status).toBe(400);
    expect((await c.call('DELETE', `/load-balancer/v2/lbaas/loadbalancers/${String(extra?.['id'])}?cascade=true`)).status).toBe(204);
    const pending = (await c.json(`/load-balancer/v2/lbaas/loadbalancers/${String(extra?.['id'])}`)) as { loadbalancer: Json };
    expect(pending.loadbalancer['provisioning_status']).toEqual('PENDING_DELETE');
    sim.clock.advance(MINUTE);
    expect((await c.call('DELETE', '/container-infra/v1/clusters/lb-blocks-delete')).status).toBe(204);
    sim.clock.advance(2 * MINUTE);
    expect((await c.call('GET', '/container-infra/v1/clusters/lb-blocks-delete')).status).toBe(404);
    expect(log.closed).toContain('lb-blocks-delete');
  });
});

describe('the end of a delete, as real Magnum (Zed) serves it', () => {
  it('fails the show and the whole list with 400 master_count while the nodegroups are gone and the cluster is not', async () => {
    const c = await client(sim);
    const healthy = '/container-infra/v1/clusters/healthy';
    expect((await c.call('DELETE', healthy)).status).toBe(204);
    sim.clock.advance(2 * MINUTE - NODEGROUPS_GONE_MS - 1);
    expect((await c.json(healthy))['status']).toEqual('DELETE_IN_PROGRESS');
    expect((await c.call('GET', '/container-infra/v1/clusters')).status).toBe(200);

    sim.clock.advance(2);
    const expected = {
      errors: [
        {
          request_id: '',
          code: 'client',
          status: 400,
          title: 'Invalid input for field/attribute master_count',
          detail: "Invalid input for field/attribute master_count. Value: '0'. Value should be greater or equal to 1",
          links: [],
        },
      ],
    };
    for (const path of [healthy, '/container-infra/v1/clusters', '/container-infra/v1/clusters/detail']) {
      const res = await c.call('GET', path);
      expect([path, res.status, await res.json()]).toEqual([path, 400, expected]);
    }
    expect((await c.json('/container-infra/v1/clusters/docker-volume-overlay2'))['status']).toEqual('CREATE_COMPLETE');

    sim.clock.advance(NODEGROUPS_GONE_MS);
    expect((await c.call('GET', healthy)).status).toBe(404);
    const list = (await c.json('/container-infra/v1/clusters')) as { clusters: Json[] };
    expect(list.clusters.map((x) => x['name'])).not.toContain('healthy');
  });

  it('keeps serving a delete that a load balancer blocks: its nodegroups stay', async () => {
    const c = await client(sim);
    expect((await c.call('DELETE', '/container-infra/v1/clusters/lb-blocks-delete')).status).toBe(204);
    sim.clock.advance(2 * MINUTE - 1);
    expect((await c.json('/container-infra/v1/clusters/lb-blocks-delete'))['status']).toEqual('DELETE_IN_PROGRESS');
    expect((await c.call('GET', '/container-infra/v1/clusters')).status).toBe(200);
  });
});

describe('heat', () => {
  it('redirects a lookup by id to /stacks/<name>/<id> and walks failed nested stacks to the deployment output', async () => {
    const c = await client(sim);
    const project = sim.state.projects[0]?.id ?? '';
    const cluster = await c.json('/container-infra/v1/clusters/create-failed');
    const lookup = await c.call('GET', `/orchestration/v1/${project}/stacks/${String(cluster['stack_id'])}`);
    expect(lookup.status).toBe(302);
    const location = lookup.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`/stacks/create-failed-[a-z0-9]{12}/${String(cluster['stack_id'])}$`));
    const stack = (await (await c.call('GET', location)).json()) as { stack: Json };
    expect(stack.stack['stack_status']).toEqual('CREATE_FAILED');

    // What `openstack stack failures list` does: recurse into failed resources with a nested link.
    let href = `${location}/resources`;
    const path: string[] = [];
    let failedLeaf: Json | undefined;
    for (;;) {
      const list = (await (await c.call('GET', href)).json()) as { resources: Json[] };
      const failed = list.resources.find((r) => String(r['resource_status']).endsWith('FAILED'));
      if (!failed) break;
      path.push(String(failed['resource_name']));
      failedLeaf = failed;
      const nested = (failed['links'] as { rel: string; href: string }[]).find((l) => l.rel === 'nested');
      if (!nested) break;
      href = `${nested.href}/resources`;
    }
    expect(path).toEqual(['kube_masters', '0', 'master_config_deployment']);
    expect(failedLeaf?.['resource_status_reason']).toEqual(
      'Error: resources.master_config_deployment: Deployment to server failed: deploy_status_code: Deployment exited with non-zero status code: 1',
    );
    const deployment = (await c.json(
      `/orchestration/v1/${project}/software_deployments/${String(failedLeaf?.['physical_resource_id'])}`,
    )) as {
      software_deployment: { output_values: Json };
    };
    expect(deployment.software_deployment.output_values['deploy_status_code']).toEqual(1);
  });

  it('lists nested resources with parent_resource at nested_depth 2', async () => {
    const c = await client(sim);
    const project = sim.state.projects[0]?.id ?? '';
    const cluster = sim.state.clusters.find((x) => x.name === 'healthy');
    const res = await c.call(
      'GET',
      `/orchestration/v1/${project}/stacks/${cluster?.stackName ?? ''}/${cluster?.stackId ?? ''}/resources?nested_depth=2`,
    );
    const body = (await res.json()) as { resources: Json[] };
    const subnet = body.resources.find((r) => r['resource_name'] === 'private_subnet');
    expect([subnet?.['parent_resource'], subnet?.['physical_resource_id'], subnet?.['resource_status']]).toEqual([
      'network',
      cluster?.subnetId,
      'CREATE_COMPLETE',
    ]);
    expect(body.resources.filter((r) => r['parent_resource'] === undefined).map((r) => r['resource_name'])).toEqual([
      'network',
      'api_lb',
      'etcd_lb',
      'secgroup_kube_master',
      'secgroup_kube_minion',
      'master_nodes_server_group',
      'worker_nodes_server_group',
      'kube_masters',
      'kube_minions',
      'kube_cluster_config',
      'kube_cluster_deploy',
    ]);
  });
});
