/**
 * The public documents the bot's known issues come from, each with a link a user can open.
 * The links are permalinks to the exact revision that describes the issue: the Catalyst
 * known issues were published at docs.catalystcloud.nz/kubernetes.html and later removed from
 * it, and the Kolla and Murano documents live on in archived repositories.
 */
export interface SourceRef {
  /** What a user reads: the document and its section. */
  title: string;
  url: string;
}

const CATALYST_KNOWN_ISSUES =
  'https://github.com/catalyst-cloud/catalystcloud-docs/blob/235d0d690372321d2f8eaa3e3c2feda11a43e129/source/kubernetes.rst';
const KOLLA_README = 'https://github.com/openstack/kolla/blob/7f66766c9c433238923a6011405af9b7bc321228/README.md';
const KOLLA_K8S_MULTI_NODE =
  'https://github.com/openstack-archive/kolla-kubernetes/blob/cbab284b31aec2d70d3146cef1a87e1bd994d350/doc/source/multi-node.rst';
const MAGNUM_TROUBLESHOOTING =
  'https://github.com/openstack/magnum/blob/11bcc17568e4bfd0fdee4cf04edcff3eace10ad4/doc/source/admin/troubleshooting-guide.rst';
const MURANO_K8S_README =
  'https://github.com/openstack-archive/k8s-docker-suite-app-murano/blob/2ee337aed542fe80c1d9646c97a17dcd575cb225/Kubernetes/README.rst';

const MAGNUM_CLUSTER_API = 'https://github.com/vexxhost/magnum-cluster-api/blob/3890a362b74321726e777e5203fb045da5cb59bc';
const MAGNUM_CAPI_HELM = 'https://github.com/openstack/magnum-capi-helm/blob/a8b82c2480a286a10b60ecc1d94c6cd9f1d01823';
const CAPO = 'https://github.com/kubernetes-sigs/cluster-api-provider-openstack/blob/e52de58abe6f70f4ad3ad7f7f51632bfd70354b7';

const catalyst = (section: string, anchor: string): SourceRef => ({
  title: `Catalyst Cloud Kubernetes documentation, known issue "${section}"`,
  url: `${CATALYST_KNOWN_ISSUES}#${anchor}`,
});

export const SOURCES = {
  catalystPodsFail: catalyst('Cluster is created but pods fail', 'cluster-is-created-but-pods-fail'),
  catalystDeleteFails: catalyst('Cluster fails to delete', 'cluster-fails-to-delete'),
  catalystLongDeploy: catalyst('Cluster takes a long time to deploy', 'cluster-takes-a-long-time-to-deploy'),
  kollaK8sBootstrapVolume: {
    title: 'Kolla-Kubernetes multi-node guide, known issue #1 (the bootstrap job holds the volume)',
    url: `${KOLLA_K8S_MULTI_NODE}#known-issues`,
  },
  kollaK8sRbdLock: {
    title: 'Kolla-Kubernetes multi-node guide, known issue #2 (Ceph RBD volumes do not auto-unlock)',
    url: `${KOLLA_K8S_MULTI_NODE}#known-issues`,
  },
  kollaK8sStatus: {
    title: 'Kolla-Kubernetes multi-node guide, "Check Status of all Kolla-Kubernetes Resources"',
    url: `${KOLLA_K8S_MULTI_NODE}#check-status-of-all-kolla-kubernetes-resources`,
  },
  kollaDebugging: { title: 'Kolla README, Debugging', url: `${KOLLA_README}#debugging` },
  muranoKubernetes: { title: 'Murano Kubernetes Cluster application README', url: MURANO_K8S_README },
  magnumHeatStacks: { title: 'Magnum Troubleshooting Guide, "Heat stacks"', url: `${MAGNUM_TROUBLESHOOTING}#heat-stacks` },
  magnumInternetAccess: {
    title: 'Magnum Troubleshooting Guide, "Cluster internet access" (etcd discovery)',
    url: `${MAGNUM_TROUBLESHOOTING}#cluster-internet-access`,
  },
  magnumKubernetesServices: {
    title: 'Magnum Troubleshooting Guide, "Kubernetes services"',
    url: `${MAGNUM_TROUBLESHOOTING}#kubernetes-services`,
  },
  magnumClusterApiDriver: {
    title: 'magnum-cluster-api driver (Vexxhost): status_reason from the Cluster API events, upgrade',
    url: `${MAGNUM_CLUSTER_API}/magnum_cluster_api/driver.py`,
  },
  magnumCapiHelmDriver: {
    title: 'magnum-capi-helm driver: cluster status from the Cluster API conditions, upgrade',
    url: `${MAGNUM_CAPI_HELM}/magnum_capi_helm/driver.py`,
  },
  capoLoadBalancer: {
    title: 'Cluster API Provider OpenStack, the API server load balancer',
    url: `${CAPO}/pkg/cloud/services/loadbalancer/loadbalancer.go`,
  },
  capoInstance: {
    title: 'Cluster API Provider OpenStack, creating the machines’ servers',
    url: `${CAPO}/pkg/cloud/services/compute/instance.go`,
  },
  magnumRollingUpgrade: {
    title: 'Magnum User Guide, "Rolling upgrade" (openstack coe cluster upgrade)',
    url: 'https://github.com/openstack/magnum/blob/11bcc17568e4bfd0fdee4cf04edcff3eace10ad4/doc/source/user/index.rst#rolling-upgrade',
  },
  occmLoadBalancers: {
    title: 'OpenStack cloud controller manager, "Exposing applications using services of LoadBalancer type"',
    url: 'https://github.com/kubernetes/cloud-provider-openstack/blob/06c8d75f6969049da447c934c4339f9f13d3df3f/docs/openstack-cloud-controller-manager/expose-applications-using-loadbalancer-type-service.md',
  },
  capoNetwork: { title: 'Cluster API Provider OpenStack, the cluster network', url: `${CAPO}/pkg/cloud/services/networking/network.go` },
} as const satisfies Record<string, SourceRef>;

/** `title (url)`, for plain text: tickets, snippets, the CLI. */
export function sourceText(ref: SourceRef): string {
  return `${ref.title} (${ref.url})`;
}
