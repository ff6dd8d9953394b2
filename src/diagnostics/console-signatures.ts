import { SOURCES, type SourceRef } from '../core/sources.js';

/** A known failure as it shows on a node's serial console (Nova's console log). */
export interface ConsoleSignature {
  id: string;
  /** Matches one console line. */
  pattern: RegExp;
  /** What it means, one line. */
  title: string;
  remedy: string;
  reference: SourceRef;
}

/**
 * The known signatures, most specific first. Lines are matched one by one; a line counts for
 * the first signature it matches.
 */
export const CONSOLE_SIGNATURES: readonly ConsoleSignature[] = [
  {
    id: 'disk-full',
    pattern: /no space left on device/i,
    title: 'the node’s disk is full',
    remedy:
      'Free space on the node (images, logs under /var/log) or replace it with a larger flavor or docker volume; the kubelet cannot start until it has room.',
    reference: SOURCES.magnumKubernetesServices,
  },
  {
    id: 'etcd-discovery',
    pattern: /\betcd\b.*\bdiscovery\b.*\b(error|fail|failed|timeout|retrying)\b/i,
    title: 'etcd cannot reach its discovery service',
    remedy:
      'The masters need to reach the etcd discovery URL (discovery.etcd.io unless the template sets its own): check the router to the external network, DNS on the subnet and any proxy, then recreate the cluster.',
    reference: SOURCES.magnumInternetAccess,
  },
  {
    id: 'heat-container-agent',
    pattern: /heat-container-agent(\.service)?(\[\d+\])?:.*\b(ERROR|failed|Failed|exited, code=exited, status=[1-9])/,
    title: 'heat-container-agent failed: the node’s software deployment did not finish',
    remedy:
      'The script named in the quoted line failed on the node, so Heat got a failure signal (or none): fix its cause (often the cloud’s APIs unreachable from the node) and recreate the cluster.',
    reference: SOURCES.magnumHeatStacks,
  },
  {
    id: 'cloud-init',
    pattern: /cloud-init(\[\d+\])?:.*(Failed running|Failed to run module|finished with errors|\[ERROR\])/,
    title: 'cloud-init failed on the node',
    remedy:
      'The user-data scripts Magnum gave the node failed: the quoted lines name the script; its output is in /var/log/cloud-init-output.log on the node.',
    reference: SOURCES.magnumHeatStacks,
  },
  {
    id: 'kubelet',
    pattern: /kubelet(\.service)?(\[\d+\])?:.*(Main process exited, code=exited|Failed with result|"Failed to start|failed to run Kubelet)/,
    title: 'the kubelet keeps failing',
    remedy:
      'The kubelet exits on start (the quoted error says why); until it runs the node stays NotReady. Fix the cause, or replace the node by resizing the nodegroup.',
    reference: SOURCES.magnumKubernetesServices,
  },
];

export interface SignatureMatch {
  signature: ConsoleSignature;
  lines: string[];
}

/** The signatures found in a console log, in table order, each with its matching lines (the last `perSignature`). */
export function matchSignatures(lines: readonly string[], perSignature = 3): SignatureMatch[] {
  const found = new Map<string, string[]>();
  for (const line of lines) {
    const signature = CONSOLE_SIGNATURES.find((s) => s.pattern.test(line));
    if (signature) found.set(signature.id, [...(found.get(signature.id) ?? []), line.trim()]);
  }
  return CONSOLE_SIGNATURES.flatMap((signature) => {
    const matched = found.get(signature.id);
    return matched ? [{ signature, lines: matched.slice(-perSignature) }] : [];
  });
}
