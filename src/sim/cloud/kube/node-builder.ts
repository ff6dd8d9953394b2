import { iso, objectMeta as meta } from './kube-names.js';
import type { SimObject } from './kube-types.js';

/** A node of the simulated cluster as the scenarios lay it out. */
export interface SimNode {
  name: string;
  ip: string;
  role: 'master' | 'worker';
}

export interface NodeLook {
  kubeletVersion: string;
  kernelVersion: string;
  osImage: string;
  createdAt: number;
  /** null: Ready. */
  notReadySince?: number | null;
}

/** A Node with Magnum's role labels, addresses, conditions and nodeInfo. */
export function buildNode(node: SimNode, look: NodeLook): SimObject {
  const lost = look.notReadySince ?? null;
  const heartbeat = iso(lost ?? look.createdAt + 60_000);
  const pressure = (type: string, reason: string, message: string) => ({
    type,
    status: lost === null ? 'False' : 'Unknown',
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: iso(lost ?? look.createdAt + 60_000),
    reason: lost === null ? reason : 'NodeStatusUnknown',
    message: lost === null ? message : 'Kubelet stopped posting node status.',
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(node.name, look.createdAt, undefined, {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': node.name,
      'kubernetes.io/os': 'linux',
      'magnum.openstack.org/role': node.role === 'master' ? 'master' : 'worker',
      'magnum.openstack.org/nodegroup': node.role === 'master' ? 'default-master' : 'default-worker',
      ...(node.role === 'master' ? { 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/control-plane': '' } : {}),
    }),
    spec: {
      podCIDR: `10.100.${node.ip.split('.').at(-1) ?? '0'}.0/24`,
      providerID: `openstack:///${node.name}`,
      ...(node.role === 'master' ? { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] } : {}),
      ...(lost === null ? {} : { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: iso(lost + 40_000) }] }),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: node.ip },
        { type: 'Hostname', address: node.name },
      ],
      capacity: { cpu: '2', memory: '4030092Ki', pods: '110', 'ephemeral-storage': '20959212Ki' },
      allocatable: { cpu: '2', memory: '3927692Ki', pods: '110', 'ephemeral-storage': '19316009748' },
      conditions: [
        pressure('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        {
          ...pressure('Ready', 'KubeletReady', 'kubelet is posting ready status'),
          status: lost === null ? 'True' : 'Unknown',
        },
      ],
      nodeInfo: {
        machineID: node.name
          .replace(/[^a-f0-9]/g, '')
          .padEnd(32, '0')
          .slice(0, 32),
        systemUUID: node.name
          .replace(/[^a-f0-9]/g, '')
          .padEnd(32, '0')
          .slice(0, 32),
        bootID: '',
        kernelVersion: look.kernelVersion,
        osImage: look.osImage,
        containerRuntimeVersion: 'containerd://1.6.20',
        kubeletVersion: look.kubeletVersion,
        kubeProxyVersion: look.kubeletVersion,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** Magnum's fedora-coreos driver nodes. */
export const FCOS_LOOK = { kernelVersion: '6.0.18-300.fc37.x86_64', osImage: 'Fedora CoreOS 37.20230110.3.1' } as const;

/** The kernel and OS image a stored Node reports. */
export function nodeLookOf(node: SimObject | undefined): { kernelVersion: string; osImage: string } {
  const info = (node?.['status'] as { nodeInfo?: { kernelVersion?: string; osImage?: string } } | undefined)?.nodeInfo;
  return { kernelVersion: info?.kernelVersion ?? FCOS_LOOK.kernelVersion, osImage: info?.osImage ?? FCOS_LOOK.osImage };
}
