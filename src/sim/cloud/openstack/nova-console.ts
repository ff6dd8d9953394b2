import type { SimCluster } from './sim-state.js';

/** The server whose console is written: its cluster, role and index, when it booted, its address. */
export interface ConsoleServer {
  cluster: SimCluster;
  name: string;
  role: 'master' | 'worker';
  index: number;
  createdAt: number;
  ip: string;
}

const SEC = 1_000;

/** `[  201.114023]`: the kernel's seconds since boot, as a serial console shows every line. */
function stamp(seconds: number): string {
  return `[${seconds.toFixed(6).padStart(12)}]`;
}

/** `2026-11-21 12:53:40,123`: cloud-init's own timestamps. */
function cloudInitTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.(\d{3})Z$/, ',$1');
}

/** The boot of a Fedora CoreOS node of Magnum's driver, up to the agents that configure it. */
function bootLines(s: ConsoleServer): [number, string][] {
  const host = s.name;
  return [
    [0.0, 'Linux version 6.5.6-300.fc39.x86_64 (mockbuild@bkernel01.iad2.fedoraproject.org) #1 SMP PREEMPT_DYNAMIC'],
    [0.0, 'Command line: BOOT_IMAGE=(hd0,gpt3)/ostree/fedora-coreos/vmlinuz-6.5.6-300.fc39.x86_64 console=tty0 console=ttyS0,115200n8'],
    [2.91, 'systemd[1]: Detected virtualization kvm.'],
    [3.4, `systemd[1]: Set hostname to <${host}>.`],
    [6.02, 'ignition[812]: Ignition finished successfully'],
    [14.51, `cloud-init[1342]: Cloud-init v. 23.1.2 running 'init' at ${cloudInitTime(s.createdAt + 14 * SEC)}. Up 14.49 seconds.`],
    [15.2, `cloud-init[1342]: ci-info: | eth0 | True | ${s.ip} | 255.255.255.0 | global | fa:16:3e:${hex2(s.index)}:2c:91 |`],
    [31.77, 'systemd[1]: Started heat-container-agent.service - Run heat-container-agent.'],
    [32.05, 'heat-container-agent[1621]: INFO os-collect-config: Starting collection of heat metadata'],
  ];
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** What a failing scenario leaves on the node's serial console, after the boot. */
function failureLines(s: ConsoleServer): [number, string][] {
  const scenario = s.cluster.scenario;
  if (scenario === 'create-failed' && s.role === 'master' && s.index === 0) {
    const at = cloudInitTime(s.createdAt + 201 * SEC);
    return [
      [201.11, `cloud-init[1342]: ${at} - util.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/part-001 [1]`],
      [
        201.12,
        `cloud-init[1342]: ${at} - cc_scripts_user.py[WARNING]: Failed to run module scripts-user (scripts in /var/lib/cloud/instance/scripts)`,
      ],
      [201.13, `cloud-init[1342]: Cloud-init v. 23.1.2 finished at ${at}. Datasource DataSourceOpenStackLocal. Up 201.13 seconds`],
      [
        415.88,
        'heat-container-agent[1621]: ERROR os-refresh-config: configure-kubernetes-master.sh failed: [Errno 2] deployment master_config_deployment exited with status 1',
      ],
      [415.9, 'heat-container-agent[1621]: ERROR os-collect-config: signalling Heat: deploy_status_code 1'],
      [416.02, 'systemd[1]: heat-container-agent.service: Main process exited, code=exited, status=1/FAILURE'],
      [416.03, "systemd[1]: heat-container-agent.service: Failed with result 'exit-code'."],
    ];
  }
  if (scenario === 'slow-create' && s.role === 'master') {
    const url = s.cluster.discoveryUrl;
    return [28, 36, 52, 84, 148].map((t, i): [number, string] => [
      40 + t,
      `etcd[1702]: {"level":"warn","msg":"discovery: cluster status check: error connecting to ${url}, retrying in ${2 ** (i + 1)}s","error":"dial tcp: lookup discovery.etcd.io on 8.8.8.8:53: read udp ${s.ip}:41253->8.8.8.8:53: i/o timeout"}`,
    ]);
  }
  if (scenario === 'node-not-ready' && s.role === 'worker' && s.index === s.cluster.nodeCount - 1) {
    return [
      [
        778.4,
        'containerd[1288]: time="2026-11-21T13:05:11Z" level=error msg="failed to write layer" error="write /var/lib/containerd/io.containerd.content.v1.content/ingest/5f1c/data: no space left on device"',
      ],
      [
        779.02,
        'kubelet[1911]: E1121 13:05:12.031417    1911 kubelet.go:1480] "Failed to start ContainerManager" err="failed to get rootfs info: no space left on device"',
      ],
      [779.05, 'systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE'],
      [779.06, "systemd[1]: kubelet.service: Failed with result 'exit-code'."],
      [789.31, 'systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 14.'],
    ];
  }
  return [
    [44.6, 'heat-container-agent[1621]: INFO os-refresh-config: Completed phase configure'],
    [61.2, 'kubelet[1911]: I1121 12:59:01.000000    1911 kubelet_node_status.go:76] "Successfully registered node"'],
  ];
}

/**
 * The serial console log of a Heat-driver node at `now` (what `os-getConsoleOutput` returns):
 * the Fedora CoreOS boot, then what its scenario leaves there, each line once its time has come.
 */
export function heatConsoleLines(s: ConsoleServer, now: number): string[] {
  return [...bootLines(s), ...failureLines(s)].filter(([t]) => s.createdAt + t * SEC <= now).map(([t, text]) => `${stamp(t)} ${text}`);
}
