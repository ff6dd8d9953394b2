import type { Nodegroup } from '../../../../src/core/cluster.js';
import { detectDriver } from '../../../../src/core/magnum-driver.js';
import type { NovaServer } from '../../../../src/core/openstack-state.js';
import type { ClusterSnapshot } from '../../../../src/core/snapshot.js';
import { capiCreateStalled } from '../../../../src/diagnostics/rules/capi-create-stalled.js';
import { runDiagnosis } from '../../../../src/diagnostics/run-diagnosis.js';
import { NOW, aCluster, aLoadBalancer, aSnapshot, minutesAgo } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule } from './run-rule.js';

const STACK = 'kube-7ykqh';
const reason = (infra: string) =>
  `CAPI Cluster status: TopologyCreate: Created "OpenStackCluster/${STACK}-abcde". CAPI OpenstackCluster status reason: ${infra}`;
const server = (name: string, status: string, over: Partial<NovaServer> = {}): NovaServer => ({
  id: `id-${name}`,
  name: `${STACK}-${name}`,
  status,
  fault: null,
  createdAt: minutesAgo(20),
  ...over,
});
const nodegroup = (role: 'master' | 'worker', status: string): Nodegroup => ({
  uuid: `ng-${role}`,
  name: `default-${role}`,
  role,
  nodeCount: role === 'master' ? 1 : 2,
  minNodeCount: 0,
  maxNodeCount: null,
  flavorId: 'c1.c2r4',
  isDefault: true,
  status,
});

function capi(over: Partial<ClusterSnapshot> = {}, statusReason: string | null = null, status = 'CREATE_IN_PROGRESS'): ClusterSnapshot {
  const cluster = aCluster({ status, stackId: STACK, statusReason, apiAddress: null, createdAt: new Date(minutesAgo(30)).toISOString() });
  return aSnapshot({
    cluster,
    driver: detectDriver({ stackId: STACK }),
    kube: null,
    nodegroups: [nodegroup('master', 'CREATE_IN_PROGRESS')],
    ...over,
  });
}

const QUOTA_EVENT =
  'FailedCreateNetwork: Failed to create network k8s-clusterapi-cluster-magnum-system-kube-7ykqh: got 409 instead ' +
  '{"NeutronError": {"type": "OverQuota", "message": "Quota exceeded for resources: [\'network\'].", "detail": ""}}';
const CONSOLE = [
  '[init] Using Kubernetes version: v1.30.4',
  'Unfortunately, an error has occurred:',
  "error execution phase wait-control-plane: couldn't initialize a Kubernetes cluster",
].join('\n');

describe('capi-create-stalled', () => {
  const explained: [string, ClusterSnapshot, RegExp][] = [
    ['the network quota (status_reason event)', capi({}, reason(QUOTA_EVENT)), /network quota is used up/],
    [
      'the instances quota (Nova fault)',
      capi({
        servers: [
          server('default-worker-a-b', 'ERROR', {
            fault: 'Quota exceeded for instances: Requested 1, but already used 10 of 10 instances',
          }),
        ],
      }),
      /instances quota is used up/,
    ],
    [
      'machines failing to boot',
      capi({
        nodegroups: [nodegroup('master', 'CREATE_COMPLETE'), nodegroup('worker', 'CREATE_IN_PROGRESS')],
        servers: [
          server('control-plane-a-b', 'ACTIVE'),
          server('default-worker-c-d', 'ERROR', { fault: 'No valid host was found. There are not enough hosts available.' }),
          server('default-worker-c-e', 'ERROR', { fault: 'No valid host was found. There are not enough hosts available.' }),
        ],
      }),
      /^2 machines failed to boot: No valid host was found/,
    ],
    [
      'the API load balancer in ERROR',
      capi({
        loadBalancers: [
          aLoadBalancer({
            name: `k8s-clusterapi-cluster-magnum-system-${STACK}-kubeapi`,
            provisioningStatus: 'ERROR',
            operatingStatus: 'OFFLINE',
          }),
        ],
      }),
      /load balancer never became ACTIVE/,
    ],
    [
      'a listener that waits on the load balancer (event only)',
      capi(
        {},
        reason(
          'FailedCreateListener: Failed to create listener x-kubeapi-6443 with id 1: wait for load balancer active 2: timed out waiting for the condition',
        ),
      ),
      /load balancer never became ACTIVE/,
    ],
    [
      'the control plane not initialising (console)',
      capi({
        servers: [server('control-plane-a-b', 'ACTIVE')],
        consoles: [{ server: `${STACK}-control-plane-a-b`, serverId: 'id-cp', reason: 'create-in-progress', lines: CONSOLE.split('\n') }],
      }),
      /^The control plane is not initialising: 1 machine running for 20m, no Kubernetes API yet$/,
    ],
    [
      'the network quota 2 min into the create (the event is the evidence, not the time)',
      {
        ...capi({}, reason(QUOTA_EVENT)),
        cluster: aCluster({
          status: 'CREATE_IN_PROGRESS',
          stackId: STACK,
          statusReason: reason(QUOTA_EVENT),
          apiAddress: null,
          createdAt: new Date(minutesAgo(2)).toISOString(),
        }),
      },
      /network quota is used up/,
    ],
    [
      'a machine in ERROR a minute after it was asked for',
      capi({ servers: [server('default-worker-c-d', 'ERROR', { fault: 'No valid host was found.', createdAt: minutesAgo(1) })] }),
      /^1 machine failed to boot/,
    ],
  ];
  it.each(explained)('explains %s', (_case, snapshot, title) => {
    const findings = runRule(capiCreateStalled, snapshot);

    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('critical');
    expect(findings[0]?.title).toMatch(title);
    expect(findings[0]?.reference?.url).toMatch(/^https:\/\/github\.com\//);
  });

  it('quotes the kubeadm error from the console', () => {
    const snapshot = capi({
      servers: [server('control-plane-a-b', 'ACTIVE')],
      consoles: [{ server: `${STACK}-control-plane-a-b`, serverId: 'id-cp', reason: 'create-in-progress', lines: CONSOLE.split('\n') }],
    });

    expect(runRule(capiCreateStalled, snapshot)[0]?.evidence).toContain(
      `${STACK}-control-plane-a-b: error execution phase wait-control-plane: couldn't initialize a Kubernetes cluster`,
    );
  });

  const quiet: [string, ClusterSnapshot][] = [
    [
      'a Heat-driver cluster',
      { ...capi({}, reason(QUOTA_EVENT)), driver: detectDriver({ stackId: '3f2a6c1e-8d4b-4c55-9e7a-1b2c3d4e5f60' }) },
    ],
    ['a finished create', capi({ servers: [server('default-worker-c-d', 'ERROR')] }, null, 'CREATE_COMPLETE')],
    [
      'a create still moving',
      capi({ servers: [server('control-plane-a-b', 'BUILD')] }, reason('SuccessfulCreateNetwork: Created network x with id 1')),
    ],
    ['a control plane machine up for 5 min', capi({ servers: [server('control-plane-a-b', 'ACTIVE', { createdAt: minutesAgo(5) })] })],
    [
      'an API load balancer in ERROR once the API has an address',
      {
        ...capi({ loadBalancers: [aLoadBalancer({ name: 'x-kubeapi', provisioningStatus: 'ERROR' })] }),
        cluster: aCluster({ status: 'CREATE_IN_PROGRESS', stackId: STACK, apiAddress: 'https://10.0.0.5:6443' }),
      },
    ],
  ];
  it.each(quiet)('stays quiet on %s', (_case, snapshot) => {
    expect(runRule(capiCreateStalled, snapshot)).toEqual([]);
  });

  it.each([...explained.map(([c, s]) => [c, s] as const), ...quiet])('finds the same under clock skew for %s', (_case, snapshot) => {
    expectSameUnderSkew(capiCreateStalled, snapshot);
  });

  it('stands in for slow-create on the same cluster', () => {
    const diagnosis = runDiagnosis(capi({}, reason(QUOTA_EVENT)), { now: NOW });

    expect(diagnosis.findings.map((f) => f.rule)).toEqual(['capi-create-stalled']);
  });
});
