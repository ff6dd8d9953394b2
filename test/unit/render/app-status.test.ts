import { appStatusItems, renderAppStatusMessage } from '../../../src/render/app-status.js';
import { aConfigMapLike, kollaState } from './app-status-fixture.js';

describe('app status (Kolla-Kubernetes order)', () => {
  it('lists pv, pvc, svc, configmap, bootstrap and pods in dependency order with marks', () => {
    const items = appStatusItems(kollaState(), 'mariadb');

    expect(items.map((i) => [i.kind, i.name, i.mark])).toEqual([
      ['pv', 'mariadb', 'ok'],
      ['pvc', 'kolla/mariadb', 'ok'],
      ['svc', 'kolla/mariadb', 'fail'],
      ['configmap', 'kolla/mariadb', 'ok'],
      ['bootstrap', 'kolla/mariadb-bootstrap', 'ok'],
      ['pod', 'kolla/mariadb-0', 'pending'],
    ]);
  });

  it('marks what is missing', () => {
    const items = appStatusItems({ ...kollaState(), configMaps: [aConfigMapLike('keystone')] }, 'mariadb');

    expect(items.find((i) => i.kind === 'configmap')).toEqual({ kind: 'configmap', name: '-', mark: 'missing', detail: 'not found' });
  });

  it('renders one line per object and escapes details', () => {
    const message = renderAppStatusMessage({
      cluster: 'kolla',
      app: 'mariadb',
      items: appStatusItems(kollaState(), 'mariadb'),
      requester: 'U1',
    });
    const text = JSON.stringify(message.blocks);

    expect(text).toContain(':large_orange_circle: Status of `mariadb` on `kolla`: 2 not ready');
    expect(text).toContain(':x: *svc* `kolla/mariadb`: 0 ready endpoints');
    expect(text).toContain(':hourglass_flowing_sand: *pod* `kolla/mariadb-0`: ContainerCreating 0/1 ready on node-1');
  });
});
