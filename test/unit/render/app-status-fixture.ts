import type { KConfigMap, KubeState } from '../../../src/core/kube-state.js';
import { aContainer, aJob, aKubeState, aPod, aPv, aPvc, aService, anEndpoints } from '../../helpers/snapshot-builders.js';

export function aConfigMapLike(name: string): KConfigMap {
  return { namespace: 'kolla', name, keys: ['config.json'] };
}

/** The Kolla mariadb of seed 003 with known issue #1: bootstrap done, the pod still ContainerCreating. */
export function kollaState(): KubeState {
  return aKubeState({
    pvs: [aPv({ name: 'mariadb', claim: { namespace: 'kolla', name: 'mariadb' }, source: 'rbd' })],
    pvcs: [aPvc({ namespace: 'kolla', name: 'mariadb', volumeName: 'mariadb' })],
    services: [aService({ namespace: 'kolla', name: 'mariadb', selector: { service: 'mariadb' } })],
    endpoints: [anEndpoints({ namespace: 'kolla', name: 'mariadb', readyAddresses: 0 })],
    configMaps: [aConfigMapLike('mariadb')],
    jobs: [aJob({ namespace: 'kolla', name: 'mariadb-bootstrap' })],
    pods: [
      aPod({ namespace: 'kolla', name: 'mariadb-bootstrap-x1', status: 'Completed', owner: { kind: 'Job', name: 'mariadb-bootstrap' } }),
      aPod({
        namespace: 'kolla',
        name: 'mariadb-0',
        status: 'ContainerCreating',
        node: 'node-1',
        labels: { service: 'mariadb' },
        containers: [aContainer({ name: 'mariadb', ready: false, state: 'waiting', reason: 'ContainerCreating' })],
      }),
    ],
  });
}
