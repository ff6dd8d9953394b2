import { SOURCES } from '../core/sources.js';

/**
 * The platform's known issues, quoted where the rules explain them, with the public document
 * each comes from. Keeping the platform's own words makes a finding match what support already knows.
 */
export const CATALYST_PODS_FAIL = {
  reference: SOURCES.catalystPodsFail,
  explanation:
    'The cluster create completes and appears successful, but pods stay in ContainerCreating. ' +
    'This is a known Kubernetes issue that is due to some incompatibility between overlay2 and docker_volume_size. ' +
    'Using --docker-volume-size for the cluster creation, either from the dashboard or the cli, will cause this error state to occur.',
  remedy:
    'This is not a recoverable error: the cluster will need to be created again. ' +
    'Delete it and create it without a docker volume size (no --docker-volume-size, and a template without docker_volume_size).',
} as const;

export const CATALYST_DELETE_FAILS = {
  reference: SOURCES.catalystDeleteFails,
  explanation:
    'When deleting a cluster that has a load balancer added after the cluster was created, the delete fails with a resource conflict: ' +
    "the load balancer's ports hold IP addresses on the cluster's private subnet, so Heat cannot delete private_subnet. " +
    'Before deleting the stack Magnum removes only the load balancers whose description reads "Kubernetes ... from cluster <cluster uuid>" and its own API/etcd load balancers.',
  remedy:
    'Manually delete any load balancers within the cluster that were not created as part of the initial cluster creation, then delete the cluster again.',
} as const;

export const CATALYST_LONG_DEPLOY = {
  reference: SOURCES.catalystLongDeploy,
  explanation: 'The time taken to deploy a cluster is in the vicinity of 15-25 minutes.',
} as const;

export const KOLLA_BOOTSTRAP_VOLUME = {
  reference: SOURCES.kollaK8sBootstrapVolume,
  explanation:
    'The pod is unable to mount the network volume that was mounted before by the bootstrap job, until the bootstrap job is deleted. ' +
    'The finished job keeps its pod, and the pod keeps the volume attached to its node.',
  remedy:
    'Delete the bootstrap job once it has finished (`kolla-kubernetes resource delete <service> bootstrap`, or `kubectl delete job -n <ns> <job>`); the waiting pod then mounts the volume.',
} as const;

export const KOLLA_RBD_LOCK = {
  reference: SOURCES.kollaK8sRbdLock,
  explanation:
    'Ceph RBD volumes will not auto-unlock when Kubernetes nodes disappear: a pod that migrates to a new node cannot map the volume while the old node still holds the lock ' +
    '(meant to be fixed in Kubernetes 1.3 by https://github.com/kubernetes/kubernetes/pull/26351, which the Kolla team could not verify).',
  remedy:
    'Release the stale lock: find it with `rbd lock list <pool>/<image>` and remove it with `rbd lock remove`, or bring the old node back; ' +
    'force-delete pods left Terminating on the lost node so their volume attachments go away.',
} as const;

export const KOLLA_RESTART_CONTROL_PLANE = {
  reference: SOURCES.kollaDebugging,
  remedy:
    'On the master run `sudo systemctl restart kube-apiserver` and `sudo systemctl restart kube-scheduler` (the documented workaround), ' +
    'then read `journalctl -l -xn -u kube-apiserver -u etcd -u kube-scheduler` if pods still do not schedule.',
} as const;

export const KOLLA_VXLAN_KERNEL = {
  reference: SOURCES.kollaDebugging,
  explanation: 'The vxlan overlay network needs kernel 3.16 or newer; on older kernels pod traffic between nodes fails.',
  remedy:
    'Use a node image with kernel 3.16 or newer. If the kernel version is good, try restarting openvswitch on both nodes: this has usually fixed the connection issues.',
} as const;

export const KOLLA_MARIADB_CHECK = {
  reference: SOURCES.kollaDebugging,
} as const;
