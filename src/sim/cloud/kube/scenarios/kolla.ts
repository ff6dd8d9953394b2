import { addServiceFor } from '../base-cluster.js';
import type { ClusterContext } from '../cluster-context.js';
import type { SimPod } from '../kube-types.js';
import { buildBoundVolume, buildConfigMap, buildNamespace } from '../object-builders.js';
import { addWorkload, type PodOverride } from '../workload-builder.js';
import { MIN } from './scenario-events.js';

export const KOLLA_NS = 'kolla';
const REGISTRY = 'registry.example.com/kolla';
export const MARIADB_IMAGE = `${REGISTRY}/centos-binary-mariadb:3.0.0`;
export const MARIADB_LABELS = { service: 'mariadb' };

export type KollaStorage = 'cinder' | 'rbd';

/** Kolla-Kubernetes' mariadb pieces before its pod (seed 003 order): pv, pvc, svc, configmap. */
export function addMariadbResources(ctx: ClusterContext, storage: KollaStorage): void {
  const at = ctx.createdAt + 11 * MIN;
  ctx.store.put('namespaces', buildNamespace(KOLLA_NS, at - MIN));
  const source =
    storage === 'rbd'
      ? {
          rbd: {
            monitors: ['10.0.0.50:6789', '10.0.0.51:6789', '10.0.0.52:6789'],
            image: 'mariadb',
            pool: 'kolla',
            user: 'admin',
            keyring: '/etc/ceph/keyring',
            secretRef: { name: 'pkt-ceph-secret' },
            fsType: 'ext4',
          },
        }
      : { csi: { driver: 'cinder.csi.openstack.org', volumeHandle: '5c3b7a8e-2f1d-4d8a-9c55-0e6f3b1a9d42', fsType: 'ext4' } };
  const { pv, pvc } = buildBoundVolume({
    name: 'mariadb',
    namespace: KOLLA_NS,
    claimName: 'mariadb',
    storageClass: storage === 'rbd' ? 'ceph-rbd' : 'cinder',
    size: '10Gi',
    source,
    createdAt: at,
    labels: { 'kolla-kubernetes': 'mariadb' },
  });
  ctx.store.put('persistentvolumes', pv);
  ctx.store.put('persistentvolumeclaims', pvc);
  ctx.store.put(
    'configmaps',
    buildConfigMap(
      KOLLA_NS,
      'mariadb',
      {
        'config.json': '{"command": "/usr/bin/mysqld_safe", "config_files": []}',
        'galera.cnf': '[mysqld]\nbind-address=0.0.0.0\nport=3306\n',
      },
      at,
    ),
  );
}

/** The mariadb StatefulSet (one pod), its Service and Endpoints; returns the pod. */
export function addMariadb(ctx: ClusterContext, override: PodOverride): SimPod {
  const at = ctx.createdAt + 13 * MIN;
  const [pod] = addWorkload(ctx, {
    kind: 'StatefulSet',
    namespace: KOLLA_NS,
    name: 'mariadb',
    labels: MARIADB_LABELS,
    replicas: 1,
    createdAt: at,
    containers: [{ name: 'mariadb', image: MARIADB_IMAGE, ports: [{ containerPort: 3306, name: 'mariadb', protocol: 'TCP' }] }],
    volumes: mariadbVolumes(),
    pod: () => override,
  });
  if (!pod) throw new Error('mariadb pod not created');
  addServiceFor(
    ctx,
    {
      namespace: KOLLA_NS,
      name: 'mariadb',
      selector: MARIADB_LABELS,
      ports: [{ name: 'mariadb', port: 3306 }],
      clusterIP: ctx.nextClusterIp(),
      createdAt: ctx.createdAt + 11 * MIN,
    },
    [pod],
  );
  return pod;
}

/** The mariadb pod's volumes: the PVC and its config map. */
export function mariadbVolumes() {
  return [
    { name: 'mariadb-persistent-storage', persistentVolumeClaim: { claimName: 'mariadb' } },
    { name: 'mariadb-config', configMap: { name: 'mariadb' } },
  ];
}

/** memcached and keystone, running. */
export function addKollaServices(ctx: ClusterContext): void {
  const at = ctx.createdAt + 13 * MIN;
  const memcached = addWorkload(ctx, {
    kind: 'Deployment',
    namespace: KOLLA_NS,
    name: 'memcached',
    labels: { service: 'memcached' },
    createdAt: at,
    containers: [{ name: 'memcached', image: `${REGISTRY}/centos-binary-memcached:3.0.0` }],
  });
  addServiceFor(
    ctx,
    {
      namespace: KOLLA_NS,
      name: 'memcached',
      selector: { service: 'memcached' },
      ports: [{ name: 'memcached', port: 11211 }],
      clusterIP: ctx.nextClusterIp(),
      createdAt: at,
    },
    memcached,
  );
  ctx.store.put(
    'configmaps',
    buildConfigMap(KOLLA_NS, 'memcached', { 'config.json': '{"command": "/usr/bin/memcached -vv -l 0.0.0.0 -p 11211"}' }, at),
  );
  ctx.store.put('configmaps', buildConfigMap(KOLLA_NS, 'keystone', { 'config.json': '{"command": "/usr/sbin/httpd -DFOREGROUND"}' }, at));
}
