import { rbdVolumeLocked } from '../../../../src/diagnostics/rules/rbd-volume-locked.js';
import { aKubeconfigSnapshot, aNode, aPod, aPv, aPvc, anEvent, minutesAgo } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';
import { SOURCES } from '../../../../src/core/sources.js';

const volume = { name: 'data', pvcClaimName: 'mariadb', kind: 'persistentVolumeClaim' };
const moved = aPod({ namespace: 'kolla', name: 'mariadb-0', status: 'ContainerCreating', node: 'k8s-minion-2', volumes: [volume] });
const pvc = aPvc({ namespace: 'kolla', name: 'mariadb', volumeName: 'pv-rbd' });
const rbdPv = aPv({ name: 'pv-rbd', claim: { namespace: 'kolla', name: 'mariadb' }, source: 'rbd' });
const cinderPv = aPv({ name: 'pv-rbd', claim: { namespace: 'kolla', name: 'mariadb' }, source: 'cinder' });
const locked = anEvent('kolla/Pod/mariadb-0', {
  reason: 'FailedMount',
  message: 'MountVolume.SetUp failed for volume "pv-rbd" : rbd: image mariadb is locked by other nodes',
});
const multiAttach = anEvent('kolla/Pod/mariadb-0', {
  reason: 'FailedAttachVolume',
  message: 'Multi-Attach error for volume "pv-rbd" Volume is already exclusively attached to one node and can\'t be attached to another',
});
const lostNode = aNode({ name: 'k8s-minion-1', ready: false });

describe('rbd-volume-locked', () => {
  it.each([
    ['an "image is locked" event', [locked], [rbdPv]],
    ['a Multi-Attach error on an RBD volume', [multiAttach], [rbdPv]],
  ])('is critical with %s', (_case, events, pvs) => {
    const snapshot = aKubeconfigSnapshot({ pods: [moved], events, pvcs: [pvc], pvs, nodes: [aNode({ name: 'k8s-minion-2' }), lostNode] });
    expect(severities(runRule(rbdVolumeLocked, snapshot))).toEqual(['critical']);
  });

  it.each([
    ['a Multi-Attach error on a Cinder volume', [multiAttach], [cinderPv], [moved]],
    ['an unrelated FailedMount', [anEvent('kolla/Pod/mariadb-0', { message: 'secret "x" not found' })], [rbdPv], [moved]],
    ['the pod Running again', [locked], [rbdPv], [aPod({ namespace: 'kolla', name: 'mariadb-0', volumes: [volume] })]],
  ])('stays quiet with %s', (_case, events, pvs, pods) => {
    expect(runRule(rbdVolumeLocked, aKubeconfigSnapshot({ pods, events, pvcs: [pvc], pvs }))).toEqual([]);
  });

  it('shows the lock event and the node that went away', () => {
    const snapshot = aKubeconfigSnapshot({
      pods: [moved],
      events: [locked],
      pvcs: [pvc],
      pvs: [rbdPv],
      nodes: [aNode({ name: 'k8s-minion-2' }), lostNode],
    });
    const [finding] = runRule(rbdVolumeLocked, snapshot);
    expect(finding?.objects).toEqual(['kolla/Pod/mariadb-0', 'Node/k8s-minion-1']);
    expect(finding?.evidence).toEqual([
      'kolla/Pod/mariadb-0 on k8s-minion-2: FailedMount (60s ago): MountVolume.SetUp failed for volume "pv-rbd" : rbd: image mariadb is locked by other nodes',
      'Node/k8s-minion-1 is not Ready (the node the volume was locked from?)',
    ]);
    expect(finding?.reference).toEqual(SOURCES.kollaK8sRbdLock);
  });
});

describe('rbd-volume-locked: evidence, not age, and the API server clock', () => {
  it('is critical for a pod 1 min old on its new node', () => {
    const young = { ...moved, createdAt: minutesAgo(1) };
    expect(
      severities(runRule(rbdVolumeLocked, aKubeconfigSnapshot({ pods: [young], events: [locked], pvcs: [pvc], pvs: [rbdPv] }))),
    ).toEqual(['critical']);
  });

  it.each([
    ['the lock event', [locked], [rbdPv]],
    ['a Multi-Attach error on a Cinder volume', [multiAttach], [cinderPv]],
  ])('finds the same under clock skew with %s', (_case, events, pvs) => {
    expectSameUnderSkew(rbdVolumeLocked, aKubeconfigSnapshot({ pods: [moved], events, pvcs: [pvc], pvs, nodes: [lostNode] }));
  });
});
