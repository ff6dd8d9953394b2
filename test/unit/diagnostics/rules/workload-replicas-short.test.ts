import { workloadReplicasShort } from '../../../../src/diagnostics/rules/workload-replicas-short.js';
import { aKubeconfigSnapshot, aPod, aWorkload } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const deployment = aWorkload({ kind: 'Deployment', name: 'web', desired: 2, ready: 1 });
const replicaSet = aWorkload({
  kind: 'ReplicaSet',
  name: 'web-6b7f9c8d5',
  desired: 2,
  ready: 1,
  owner: { kind: 'Deployment', name: 'web' },
});
const pod = (name: string, status: string, ageMinutes: number) =>
  aPod({ name, status, ageMinutes, owner: { kind: 'ReplicaSet', name: 'web-6b7f9c8d5' } });

describe('workload-replicas-short', () => {
  it.each([
    [
      'a Deployment with an old failing pod',
      [deployment, replicaSet],
      [pod('web-6b7f9c8d5-a', 'Running', 60), pod('web-6b7f9c8d5-b', 'CrashLoopBackOff', 60)],
    ],
    ['a StatefulSet with no pods at all', [aWorkload({ kind: 'StatefulSet', name: 'db', desired: 1, ready: 0 })], []],
    [
      'a ReplicationController (Murano) short of replicas',
      [aWorkload({ kind: 'ReplicationController', name: 'rc', desired: 3, ready: 1 })],
      [],
    ],
  ])('warns for %s', (_case, workloads, pods) => {
    expect(severities(runRule(workloadReplicasShort, aKubeconfigSnapshot({ workloads, pods })))).toEqual(['warning']);
  });

  it.each([
    ['every workload ready', [aWorkload()], []],
    ['a Deployment scaled to zero', [aWorkload({ desired: 0, ready: 0 })], []],
    [
      'a rollout in progress (all pods young)',
      [deployment, replicaSet],
      [pod('web-6b7f9c8d5-a', 'Running', 2), pod('web-6b7f9c8d5-b', 'ContainerCreating', 1)],
    ],
    ['a ReplicaSet alone (its Deployment reports)', [aWorkload({ kind: 'ReplicaSet', name: 'rs', desired: 2, ready: 0 })], []],
  ])('stays quiet for %s', (_case, workloads, pods) => {
    expect(runRule(workloadReplicasShort, aKubeconfigSnapshot({ workloads, pods }))).toEqual([]);
  });

  it('finds the pods of a Deployment through its ReplicaSet', () => {
    const pods = [pod('web-6b7f9c8d5-a', 'Running', 60), pod('web-6b7f9c8d5-b', 'CrashLoopBackOff', 60)];
    const [finding] = runRule(workloadReplicasShort, aKubeconfigSnapshot({ workloads: [deployment, replicaSet], pods }));
    expect(finding?.evidence).toEqual(['default/Deployment/web: 1/2 ready; web-6b7f9c8d5-b CrashLoopBackOff']);
  });
});

describe('workload-replicas-short: evidence first, and the API server clock', () => {
  it('warns during a rollout once a young pod already fails', () => {
    const pods = [pod('web-6b7f9c8d5-a', 'Running', 2), pod('web-6b7f9c8d5-b', 'ImagePullBackOff', 1)];
    expect(severities(runRule(workloadReplicasShort, aKubeconfigSnapshot({ workloads: [deployment, replicaSet], pods })))).toEqual([
      'warning',
    ]);
  });

  it.each([
    ['an old failing pod', [pod('web-6b7f9c8d5-a', 'Running', 60), pod('web-6b7f9c8d5-b', 'CrashLoopBackOff', 60)]],
    ['a young failing pod', [pod('web-6b7f9c8d5-a', 'Running', 2), pod('web-6b7f9c8d5-b', 'ImagePullBackOff', 1)]],
    ['a rollout in progress', [pod('web-6b7f9c8d5-a', 'Running', 2), pod('web-6b7f9c8d5-b', 'ContainerCreating', 1)]],
  ])('finds the same under clock skew with %s', (_case, pods) => {
    expectSameUnderSkew(workloadReplicasShort, aKubeconfigSnapshot({ workloads: [deployment, replicaSet], pods }));
  });
});
