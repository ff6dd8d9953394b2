import { humanDuration, podColumns } from './pod-printer.js';
import type { SimObject, SimPod } from './kube-types.js';

/** One printed column: name, priority (1 = only with `-o wide`), description. */
export type Column = [string, number, string];

export interface TablePrinter {
  columns: Column[];
  cells(obj: SimObject, now: number): (string | number)[];
}

const age = (obj: SimObject, now: number) => humanDuration(now - Date.parse(obj.metadata.creationTimestamp));
const field = <T>(obj: SimObject, key: string) => (obj[key] ?? {}) as T;
const NAME: Column = ['Name', 0, 'Name must be unique within a namespace.'];
const AGE: Column = ['Age', 0, 'CreationTimestamp is a timestamp representing the server time when this object was created.'];

const pods: TablePrinter = {
  columns: [
    NAME,
    ['Ready', 0, 'The aggregate readiness state of this pod for accepting traffic.'],
    ['Status', 0, 'The aggregate status of the containers in this pod.'],
    [
      'Restarts',
      0,
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ],
    AGE,
    ['IP', 1, 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.'],
    ['Node', 1, 'NodeName indicates in which node this pod is scheduled.'],
    ['Nominated Node', 1, 'nominatedNodeName is set only when this pod preempts other pods on the node.'],
    ['Readiness Gates', 1, 'If specified, all readiness gates will be evaluated for pod readiness.'],
  ],
  cells: (obj, now) => {
    const c = podColumns(obj as SimPod, now);
    return [obj.metadata.name, c.ready, c.status, c.restarts, c.age, c.ip, c.node, c.nominatedNode, c.readinessGates];
  },
};

interface NodeStatus {
  conditions?: { type: string; status: string }[];
  addresses?: { type: string; address: string }[];
  nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
}

const nodes: TablePrinter = {
  columns: [
    NAME,
    ['Status', 0, 'The status of the node'],
    ['Roles', 0, 'The roles of the node'],
    AGE,
    ['Version', 0, 'Kubelet Version reported by the node.'],
    ['Internal-IP', 1, 'List of addresses reachable to the node.'],
    ['External-IP', 1, 'List of addresses reachable to the node.'],
    ['OS-Image', 1, 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).'],
    ['Kernel-Version', 1, "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."],
    ['Container-Runtime', 1, 'Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2).'],
  ],
  cells: (obj, now) => {
    const s = field<NodeStatus>(obj, 'status');
    const ready = s.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    const unschedulable = field<{ unschedulable?: boolean }>(obj, 'spec').unschedulable ? ',SchedulingDisabled' : '';
    const roles = Object.keys(obj.metadata.labels ?? {})
      .filter((k) => k.startsWith('node-role.kubernetes.io/'))
      .map((k) => k.split('/')[1])
      .sort();
    const address = (type: string) => s.addresses?.find((a) => a.type === type)?.address ?? '<none>';
    const info = s.nodeInfo ?? {};
    return [
      obj.metadata.name,
      `${ready ? 'Ready' : 'NotReady'}${unschedulable}`,
      roles.join(',') || '<none>',
      age(obj, now),
      info.kubeletVersion ?? '',
      address('InternalIP'),
      address('ExternalIP'),
      info.osImage ?? '',
      info.kernelVersion ?? '',
      info.containerRuntimeVersion ?? '',
    ];
  },
};

const deployments: TablePrinter = {
  columns: [
    NAME,
    ['Ready', 0, 'Number of the pod with ready state'],
    ['Up-to-date', 0, 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'],
    ['Available', 0, 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'],
    AGE,
  ],
  cells: (obj, now) => {
    const spec = field<{ replicas?: number }>(obj, 'spec');
    const s = field<{ readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number }>(obj, 'status');
    return [
      obj.metadata.name,
      `${s.readyReplicas ?? 0}/${spec.replicas ?? 0}`,
      s.updatedReplicas ?? 0,
      s.availableReplicas ?? 0,
      age(obj, now),
    ];
  },
};

interface EventFields {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  involvedObject?: { kind?: string; name?: string };
}

const events: TablePrinter = {
  columns: [
    ['Last Seen', 0, 'Time when last event occurred'],
    ['Type', 0, 'Type of this event (Normal, Warning), new types could be added in the future.'],
    ['Reason', 0, 'Why the action was taken.'],
    ['Object', 0, 'The object this Event is about.'],
    ['Message', 0, 'A human-readable description of the status of this operation.'],
  ],
  cells: (obj, now) => {
    const e = obj as SimObject & EventFields;
    const last = e.lastTimestamp ? humanDuration(now - Date.parse(e.lastTimestamp)) : '<unknown>';
    return [
      last,
      e.type ?? '',
      e.reason ?? '',
      `${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`,
      e.message ?? '',
    ];
  },
};

const generic: TablePrinter = { columns: [NAME, AGE], cells: (obj, now) => [obj.metadata.name, age(obj, now)] };

/** kubectl's server-side columns for the resources it is most often asked about; Name/Age otherwise. */
export function printerFor(resource: string): TablePrinter {
  return { pods, nodes, deployments, events }[resource] ?? generic;
}
