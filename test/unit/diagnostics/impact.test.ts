import type { Finding } from '../../../src/core/finding.js';
import { impactOf } from '../../../src/diagnostics/impact.js';
import { aContainer, aKubeState, aPod, aService, aWorkload, anEndpoints } from '../../helpers/snapshot-builders.js';

const finding = (objects: string[]): Finding => ({
  rule: 'pod-crash-loop',
  severity: 'warning',
  title: 't',
  objects,
  evidence: [],
  explanation: '',
  remedy: '',
});
const crashing = (name: string) =>
  aPod({
    namespace: 'shop',
    name,
    labels: { app: 'orders' },
    status: 'CrashLoopBackOff',
    owner: { kind: 'ReplicaSet', name: 'orders-5d7' },
    containers: [aContainer({ ready: false, state: 'waiting', reason: 'CrashLoopBackOff' })],
  });
const workloads = [
  aWorkload({ namespace: 'shop', kind: 'Deployment', name: 'orders', desired: 2, ready: 0 }),
  aWorkload({
    namespace: 'shop',
    kind: 'ReplicaSet',
    name: 'orders-5d7',
    desired: 2,
    ready: 0,
    owner: { kind: 'Deployment', name: 'orders' },
  }),
];
const service = aService({
  namespace: 'shop',
  name: 'orders',
  selector: { app: 'orders' },
  ports: [
    { name: 'http', port: 8080, protocol: 'TCP' },
    { name: null, port: 9090, protocol: 'TCP' },
  ],
});

describe('impactOf', () => {
  it('names the Service with its ports and the Deployment short of replicas', () => {
    const kube = aKubeState({
      pods: [crashing('orders-5d7-a'), crashing('orders-5d7-b')],
      workloads,
      services: [service],
      endpoints: [anEndpoints({ name: 'kubernetes' }), anEndpoints({ namespace: 'shop', name: 'orders', readyAddresses: 0 })],
    });
    expect(impactOf(finding(['shop/Pod/orders-5d7-a', 'shop/Pod/orders-5d7-b']), kube)).toEqual([
      'shop/Service/orders (ports 8080/TCP http, 9090/TCP): no ready pod behind it, connections fail',
      'shop/Deployment/orders: 0/2 ready',
    ]);
  });

  it('says how far a Service still serves when only some of its pods fail', () => {
    const healthy = aPod({
      namespace: 'shop',
      name: 'orders-5d7-c',
      labels: { app: 'orders' },
      owner: { kind: 'ReplicaSet', name: 'orders-5d7' },
    });
    const kube = aKubeState({
      pods: [crashing('orders-5d7-a'), healthy],
      workloads: [
        { ...workloads[0]!, ready: 1 },
        { ...workloads[1]!, ready: 1 },
      ],
      services: [service],
    });
    expect(impactOf(finding(['shop/Pod/orders-5d7-a']), kube)).toEqual([
      'shop/Service/orders (ports 8080/TCP http, 9090/TCP): 1 pod of 2 failing, 1 still serving',
      'shop/Deployment/orders: 1/2 ready',
    ]);
  });

  it('names nothing for findings without pods, or whose pods nothing selects or owns', () => {
    const kube = aKubeState({ pods: [aPod({ name: 'lonely', status: 'CrashLoopBackOff' })], services: [service] });
    expect(impactOf(finding(['openstack/Cluster/dev-a']), kube)).toEqual([]);
    expect(impactOf(finding(['default/Pod/lonely']), kube)).toEqual([]);
    expect(impactOf(finding(['default/Pod/lonely']), null)).toEqual([]);
  });
});
