import { NotFoundError } from '../../../src/core/errors.js';
import { createOpenStackApi, type ClosableOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import { FakeCloud, json, ManualClock, PROJECT_ID, recordingLogger } from './fake-cloud.js';

const HEAT = `/heat/v1/${PROJECT_ID}`;
const STACK_ID = '6b150359-65ed-4e68-954f-5c3735fda386';
const STACK = `${HEAT}/stacks/demo3-k8s-abc/${STACK_ID}`;

describe('Heat, Octavia and Neutron over HTTP', () => {
  let cloud: FakeCloud;
  let api: ClosableOpenStackApi;

  beforeEach(async () => {
    cloud = await FakeCloud.start();
    cloud.keystone();
    api = createOpenStackApi({
      credentials: {
        cloud: 'test',
        authUrl: `${cloud.url}/identity`,
        applicationCredential: { id: 'ac', secret: 'x' },
        interface: 'public',
      },
      logger: recordingLogger(),
      clock: new ManualClock(),
      http: { sleep: async () => undefined },
    });
  });

  afterEach(async () => {
    const unexpected = [...cloud.unexpected];
    await api.close();
    await cloud.close();
    expect(unexpected).toEqual([]);
  });

  const stackRedirect = () => {
    cloud.on('GET', `${HEAT}/stacks/${STACK_ID}`, (req, res) => {
      expect(req.headers['x-auth-token']).toEqual('token-1');
      res.writeHead(302, { location: `${cloud.url}${STACK}` });
      res.end();
    });
    cloud.on('GET', STACK, (req, res) => {
      expect(req.headers['x-auth-token']).toEqual('token-1');
      json(res, 200, {
        stack: {
          id: STACK_ID,
          stack_name: 'demo3-k8s-abc',
          stack_status: 'CREATE_FAILED',
          stack_status_reason: 'Resource CREATE failed: WaitConditionTimeout',
          creation_time: '2026-11-21T12:53:40Z',
          updated_time: null,
        },
      });
    });
  };

  const link = (rel: string, name: string, id: string) => ({ rel, href: `${cloud.url}${HEAT}/stacks/${name}/${id}` });
  const resource = (name: string, type: string, stack: [string, string], extra: object = {}) => ({
    resource_name: name,
    logical_resource_id: name,
    resource_type: type,
    resource_status: 'CREATE_COMPLETE',
    resource_status_reason: 'state changed',
    physical_resource_id: `${name}-id`,
    updated_time: '2026-11-21T12:54:00',
    links: [{ rel: 'self', href: 'x' }, link('stack', ...stack)],
    ...extra,
  });

  test('shows a stack through the id redirect, sending the token to the same origin only', async () => {
    stackRedirect();
    await expect(api.heat.getStack(STACK_ID)).resolves.toEqual({
      id: STACK_ID,
      name: 'demo3-k8s-abc',
      status: 'CREATE_FAILED',
      statusReason: 'Resource CREATE failed: WaitConditionTimeout',
      createdAt: Date.parse('2026-11-21T12:53:40Z'),
      updatedAt: null,
    });
  });

  test('does not follow a redirect to another origin, so the token stays home', async () => {
    const other = await FakeCloud.start();
    try {
      cloud.on('GET', `${HEAT}/stacks/${STACK_ID}`, (_req, res) => {
        res.writeHead(302, { location: `${other.url}${STACK}` });
        res.end();
      });
      await expect(api.heat.getStack(STACK_ID)).rejects.toMatchObject({ code: 'upstream_bad_response' });
      expect(other.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });

  test('turns a missing stack into NotFoundError', async () => {
    cloud.on('GET', `${HEAT}/stacks/gone`, (_req, res) =>
      json(res, 404, {
        explanation: 'The resource could not be found.',
        code: 404,
        error: { message: 'The Stack (gone) could not be found.', type: 'EntityNotFound' },
        title: 'Not Found',
      }),
    );
    await expect(api.heat.getStack('gone')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('flattens nested resources with their parent and path from the top stack', async () => {
    stackRedirect();
    const top: [string, string] = ['demo3-k8s-abc', STACK_ID];
    const net: [string, string] = ['demo3-k8s-abc-network-x', 'net-stack'];
    const masters: [string, string] = ['demo3-k8s-abc-kube_masters-y', 'masters-stack'];
    const master0: [string, string] = ['demo3-k8s-abc-kube_masters-y-0-z', 'master0-stack'];
    cloud.on('GET', `${STACK}/resources?nested_depth=5`, (_req, res) =>
      json(res, 200, {
        resources: [
          resource('network', 'file:///network.yaml', top, { links: [link('stack', ...top), link('nested', ...net)] }),
          resource('kube_masters', 'OS::Heat::ResourceGroup', top, { links: [link('stack', ...top), link('nested', ...masters)] }),
          resource('private_subnet', 'OS::Neutron::Subnet', net, { parent_resource: 'network', resource_status: 'DELETE_FAILED' }),
          resource('0', 'file:///kubemaster.yaml', masters, {
            parent_resource: 'kube_masters',
            links: [link('stack', ...masters), link('nested', ...master0)],
          }),
          resource('kube-master', 'OS::Nova::Server', master0, { parent_resource: '0' }),
        ],
      }),
    );
    const resources = await api.heat.listResources(STACK_ID);
    expect(resources.map((r) => [r.name, r.parent, r.path, r.stackName, r.nestedStackId])).toEqual([
      ['network', null, ['network'], 'demo3-k8s-abc', 'net-stack'],
      ['kube_masters', null, ['kube_masters'], 'demo3-k8s-abc', 'masters-stack'],
      ['private_subnet', 'network', ['network', 'private_subnet'], 'demo3-k8s-abc-network-x', null],
      ['0', 'kube_masters', ['kube_masters', '0'], 'demo3-k8s-abc-kube_masters-y', 'master0-stack'],
      ['kube-master', '0', ['kube_masters', '0', 'kube-master'], 'demo3-k8s-abc-kube_masters-y-0-z', null],
    ]);
    expect(resources[2]).toMatchObject({
      status: 'DELETE_FAILED',
      type: 'OS::Neutron::Subnet',
      physicalId: 'private_subnet-id',
      updatedAt: Date.parse('2026-11-21T12:54:00Z'),
    });
  });

  test('lists load balancers by VIP subnet and project', async () => {
    cloud.on('GET', `/octavia/v2/lbaas/loadbalancers?vip_subnet_id=sub-1&project_id=${PROJECT_ID}`, (req, res) => {
      expect(req.headers['x-auth-token']).toEqual('token-1');
      json(res, 200, {
        loadbalancers: [
          {
            id: 'lb-1',
            name: 'kube_service_abc_default_web',
            description: 'Kubernetes external service default/web from cluster abc',
            vip_subnet_id: 'sub-1',
            vip_address: '10.0.0.20',
            vip_port_id: 'port-9',
            provisioning_status: 'ACTIVE',
            operating_status: 'ONLINE',
            project_id: PROJECT_ID,
            created_at: '2026-11-21T13:00:00',
            listeners: [],
          },
        ],
        loadbalancers_links: [],
      });
    });
    const lbs = await api.octavia.listLoadBalancers({ vipSubnetId: 'sub-1', projectId: PROJECT_ID });
    expect(lbs).toEqual([
      {
        id: 'lb-1',
        name: 'kube_service_abc_default_web',
        description: 'Kubernetes external service default/web from cluster abc',
        vipSubnetId: 'sub-1',
        vipAddress: '10.0.0.20',
        vipPortId: 'port-9',
        provisioningStatus: 'ACTIVE',
        operatingStatus: 'ONLINE',
        projectId: PROJECT_ID,
        createdAt: Date.parse('2026-11-21T13:00:00Z'),
      },
    ]);
  });

  test('deletes a load balancer with cascade', async () => {
    cloud.on('DELETE', '/octavia/v2/lbaas/loadbalancers/lb-1?cascade=true', (_req, res) => {
      res.writeHead(204);
      res.end();
    });
    await api.octavia.deleteLoadBalancer('lb-1', { cascade: true });
    expect(cloud.requests.at(-1)?.url).toEqual('/octavia/v2/lbaas/loadbalancers/lb-1?cascade=true');
  });

  test('lists the ports of a subnet with the fixed_ips filter, following pages', async () => {
    const port = (id: string) => ({
      id,
      name: `octavia-lb-${id}`,
      device_owner: 'Octavia',
      device_id: 'lb-1',
      status: 'DOWN',
      fixed_ips: [{ subnet_id: 'sub-1', ip_address: '10.0.0.20' }],
      mac_address: 'x',
    });
    cloud.on('GET', '/neutron/v2.0/ports?fixed_ips=subnet_id%3Dsub-1', (_req, res) =>
      json(res, 200, {
        ports: [port('p1')],
        ports_links: [{ rel: 'next', href: `${cloud.url}/neutron/v2.0/ports?fixed_ips=subnet_id%3Dsub-1&marker=p1` }],
      }),
    );
    cloud.on('GET', '/neutron/v2.0/ports?fixed_ips=subnet_id%3Dsub-1&marker=p1', (_req, res) => json(res, 200, { ports: [port('p2')] }));
    const ports = await api.neutron.listPorts({ subnetId: 'sub-1' });
    expect(ports.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(ports[0]).toEqual({
      id: 'p1',
      name: 'octavia-lb-p1',
      deviceOwner: 'Octavia',
      deviceId: 'lb-1',
      status: 'DOWN',
      fixedIps: [{ subnetId: 'sub-1', ipAddress: '10.0.0.20' }],
    });
  });

  test('shows and lists subnets', async () => {
    const subnet = { id: 'sub-1', name: 'private-subnet', network_id: 'net-1', cidr: '10.0.0.0/24', ip_version: 4 };
    cloud.on('GET', '/neutron/v2.0/subnets/sub-1', (_req, res) => json(res, 200, { subnet }));
    cloud.on('GET', '/neutron/v2.0/subnets?network_id=net-1', (_req, res) => json(res, 200, { subnets: [subnet] }));
    const expected = { id: 'sub-1', name: 'private-subnet', networkId: 'net-1', cidr: '10.0.0.0/24' };
    await expect(api.neutron.getSubnet('sub-1')).resolves.toEqual(expected);
    await expect(api.neutron.listSubnets({ networkId: 'net-1' })).resolves.toEqual([expected]);
  });

  test('reports the Neutron subnet-in-use conflict as a ConflictError with its message', async () => {
    cloud.on('GET', '/neutron/v2.0/subnets/sub-1', (_req, res) =>
      json(res, 409, {
        NeutronError: {
          type: 'SubnetInUse',
          message: 'Unable to complete operation on subnet sub-1. One or more ports have an IP allocation from this subnet.',
          detail: '',
        },
      }),
    );
    const error = await api.neutron.getSubnet('sub-1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict', userMessage: expect.stringContaining('One or more ports have an IP allocation') });
  });
});
