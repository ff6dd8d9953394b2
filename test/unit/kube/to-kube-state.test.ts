import { EventSchema, NodeSchema, PodSchema, PvSchema, WorkloadSchema } from '../../../src/kube/kube-schemas.js';
import { toKPv, toKWorkload } from '../../../src/kube/to-kube-objects.js';
import { toKEvent, toKNode, toKPod } from '../../../src/kube/to-kube-state.js';

describe('converting API objects to the plain KubeState shapes', () => {
  it('keeps what diagnostics need of a crash-looping pod', () => {
    const raw = PodSchema.parse({
      metadata: {
        name: 'api-1',
        namespace: 'shop',
        uid: 'u1',
        creationTimestamp: '2026-05-02T09:00:00Z',
        labels: { app: 'api' },
        ownerReferences: [{ kind: 'ReplicaSet', name: 'api-7d', controller: true, uid: 'x' }],
      },
      spec: {
        nodeName: 'n0',
        containers: [{ name: 'api', image: 'api:1' }],
        volumes: [
          { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'cfg', configMap: { name: 'cfg' } },
        ],
      },
      status: {
        phase: 'Running',
        podIP: '10.100.0.5',
        conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: '2026-05-02T09:01:00Z' }],
        containerStatuses: [
          {
            name: 'api',
            image: 'api:1',
            ready: false,
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-05-02T09:10:00Z' } },
          },
        ],
      },
      extraField: 'ignored',
    });
    expect(toKPod(raw)).toEqual({
      namespace: 'shop',
      name: 'api-1',
      uid: 'u1',
      phase: 'Running',
      status: 'CrashLoopBackOff',
      nodeName: 'n0',
      podIP: '10.100.0.5',
      createdAt: Date.parse('2026-05-02T09:00:00Z'),
      deletionTimestamp: null,
      labels: { app: 'api' },
      owner: { kind: 'ReplicaSet', name: 'api-7d' },
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'ContainersNotReady',
          message: null,
          lastTransitionTime: Date.parse('2026-05-02T09:01:00Z'),
        },
      ],
      containers: [
        {
          name: 'api',
          image: 'api:1',
          init: false,
          ready: false,
          restartCount: 4,
          state: 'waiting',
          reason: 'CrashLoopBackOff',
          message: 'back-off 1m20s',
          exitCode: null,
          startedAt: null,
          lastTerminated: { reason: 'Error', exitCode: 1, finishedAt: Date.parse('2026-05-02T09:10:00Z') },
        },
      ],
      volumes: [
        { name: 'data', pvcClaimName: 'data', kind: 'persistentVolumeClaim' },
        { name: 'cfg', pvcClaimName: null, kind: 'configMap' },
      ],
      nominatedNodeName: null,
    });
  });

  it("gives nodes kubectl's roles, falling back to Magnum's role label", () => {
    const node = (labels: Record<string, string>) =>
      toKNode(
        NodeSchema.parse({
          metadata: { name: 'n', labels },
          status: { nodeInfo: { kernelVersion: '3.10.0-229.el7.x86_64' }, addresses: [{ type: 'InternalIP', address: '10.0.0.5' }] },
        }),
      );
    expect(node({ 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/control-plane': '' }).roles).toEqual([
      'control-plane',
      'master',
    ]);
    expect(node({ 'magnum.openstack.org/role': 'worker' }).roles).toEqual(['worker']);
    expect(node({}).roles).toEqual([]);
    expect(node({})).toMatchObject({ kernelVersion: '3.10.0-229.el7.x86_64', internalIP: '10.0.0.5' });
  });

  it('reads events from the old fields and from events.k8s.io series', () => {
    const old = toKEvent(
      EventSchema.parse({
        metadata: { name: 'e1', namespace: 'kube-system' },
        type: 'Warning',
        reason: 'FailedMount',
        message: 'm',
        count: 7,
        firstTimestamp: '2026-05-02T09:00:00Z',
        lastTimestamp: '2026-05-02T09:30:00Z',
        involvedObject: { kind: 'Pod', name: 'p', namespace: 'kube-system' },
        source: { component: 'kubelet', host: 'n0' },
      }),
    );
    expect(old).toMatchObject({
      count: 7,
      firstSeen: Date.parse('2026-05-02T09:00:00Z'),
      lastSeen: Date.parse('2026-05-02T09:30:00Z'),
      source: 'kubelet',
      involvedKind: 'Pod',
    });
    const series = toKEvent(
      EventSchema.parse({
        metadata: { name: 'e2', namespace: 'ns' },
        reason: 'BackOff',
        eventTime: '2026-05-02T09:00:00.000000Z',
        series: { count: 12, lastObservedTime: '2026-05-02T09:20:00.000000Z' },
        reportingComponent: 'kubelet',
      }),
    );
    expect(series).toMatchObject({
      type: 'Normal',
      count: 12,
      firstSeen: Date.parse('2026-05-02T09:00:00Z'),
      lastSeen: Date.parse('2026-05-02T09:20:00Z'),
      source: 'kubelet',
    });
  });

  it('names the volume source of a PV', () => {
    const pv = (spec: object) =>
      toKPv(
        PvSchema.parse({
          metadata: { name: 'v' },
          spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...spec },
          status: { phase: 'Bound' },
        }),
      );
    expect(pv({ rbd: { image: 'mariadb' }, claimRef: { namespace: 'kolla', name: 'mariadb' } })).toEqual({
      name: 'v',
      phase: 'Bound',
      claim: { namespace: 'kolla', name: 'mariadb' },
      storageClass: null,
      source: 'rbd',
    });
    expect(pv({ csi: { driver: 'cinder.csi.openstack.org' }, storageClassName: 'cinder' }).source).toBe('csi');
  });

  it('reads DaemonSets from their scheduling counts', () => {
    const ds = toKWorkload(
      'DaemonSet',
      WorkloadSchema.parse({
        metadata: { name: 'calico-node', namespace: 'kube-system' },
        status: { desiredNumberScheduled: 3, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 3 },
      }),
    );
    expect(ds).toEqual({
      kind: 'DaemonSet',
      namespace: 'kube-system',
      name: 'calico-node',
      desired: 3,
      ready: 2,
      available: 2,
      updated: 3,
      owner: null,
      conditions: [],
    });
  });
});
