/**
 * The failure scenarios the simulated cloud can play, one per seed failure mode. A cluster's
 * scenario comes from its `sim_scenario` label (or its name when that names a scenario).
 */
export const SCENARIOS = {
  healthy: 'Creates in the usual 15-25 min; all nodes Ready, all pods Running.',
  'docker-volume-overlay2':
    'Template uses overlay2 and the cluster sets docker_volume_size: CREATE_COMPLETE, but kube-system pods stay in ContainerCreating (Catalyst known issue 2).',
  'lb-blocks-delete':
    'A LoadBalancer service was added after creation: its Octavia load balancer holds a port on the private subnet, so delete fails with the Heat private_subnet Conflict until it is removed (Catalyst known issue 1).',
  'create-failed': 'CREATE_FAILED: a software deployment on a master exits non-zero; faults and the failed Heat resources say so.',
  'slow-create': 'CREATE_IN_PROGRESS for about 40 min before completing: past the usual 15-25 min window (Catalyst known issue 3).',
  'kolla-bootstrap-volume':
    "Kolla-Kubernetes: a finished mariadb bootstrap job's pod still holds the PVC, so the mariadb pod cannot mount it (Kolla known issue 1).",
  'rbd-volume-locked':
    'Kolla-Kubernetes: a node was lost; the pod rescheduled elsewhere cannot map its Ceph RBD volume ("image is locked", Kolla known issue 2).',
  'crash-loop': 'A workload in CrashLoopBackOff (exit code 1) and another OOMKilled.',
  'image-pull': 'Pods in ImagePullBackOff / ErrImagePull for a tag that does not exist.',
  'node-not-ready': 'One worker node NotReady (kubelet stopped posting status) with pods stuck Terminating on it.',
  'service-no-endpoints': "The mariadb Service selects no ready pods (Kolla's MariaDB port check fails).",
  'control-plane-not-ready': 'kube-scheduler is not running after create: new pods stay Pending with no scheduling events.',
  'old-kernel': 'Nodes run kernel 3.10 with a vxlan (flannel) overlay, older than the 3.16 vxlan needs (Kolla-on-Heat note).',
  'capi-machines-fail':
    'Cluster API (magnum-cluster-api): the worker machines fail to boot (Nova ERROR, "No valid host was found"); Magnum stays CREATE_IN_PROGRESS.',
  'capi-control-plane-init':
    'Cluster API (magnum-capi-helm): the control plane server runs but kubeadm init times out; no workers follow, Magnum stays CREATE_IN_PROGRESS.',
  'capi-lb-no-address':
    "Cluster API (magnum-capi-helm): the API server's Octavia load balancer goes to ERROR, so the API never gets an address; CREATE_IN_PROGRESS.",
  'capi-quota':
    'Cluster API (magnum-cluster-api): Neutron refuses the cluster network (OverQuota); status_reason carries the event, CREATE_IN_PROGRESS.',
  'capi-upgrade-no-room':
    'Cluster API (magnum-capi-helm): an upgrade rolls a new control plane machine in before it removes an old one, and Nova has no room for it ("No valid host was found"): Magnum stays UPDATE_IN_PROGRESS.',
  'capi-lb-blocks-delete':
    "Cluster API (magnum-capi-helm): a LoadBalancer Service's Octavia load balancer holds a port on the cluster network, so the delete never finishes (DELETE_IN_PROGRESS).",
} as const;

export type ScenarioName = keyof typeof SCENARIOS;

export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** The scenarios that play on a Cluster API driver, and which one the seeded cluster uses. */
export const CAPI_SCENARIOS: Partial<Record<ScenarioName, 'magnum-capi-helm' | 'magnum-cluster-api'>> = {
  'capi-machines-fail': 'magnum-cluster-api',
  'capi-control-plane-init': 'magnum-capi-helm',
  'capi-lb-no-address': 'magnum-capi-helm',
  'capi-quota': 'magnum-cluster-api',
  'capi-lb-blocks-delete': 'magnum-capi-helm',
  'capi-upgrade-no-room': 'magnum-capi-helm',
};

export function isScenarioName(value: string): value is ScenarioName {
  return Object.hasOwn(SCENARIOS, value);
}

/** The scenario for a cluster: its `sim_scenario` label, else its name, else healthy. */
export function scenarioFor(name: string, labels: Record<string, string>): ScenarioName {
  const label = labels['sim_scenario'];
  if (label !== undefined && isScenarioName(label)) return label;
  if (isScenarioName(name)) return name;
  return 'healthy';
}
