/**
 * Known texts of failed Magnum/Heat operations (mission-anchors §3.7, §5; real-peers §2.4).
 * Heat and Magnum give no codes for these, so the reason text is the only signal.
 */
export interface FailureSignature {
  id: string;
  pattern: RegExp;
  /** Short label for the title; `$1` is replaced with the first capture. */
  label: string;
  explanation: string;
  remedy: string;
}

export const FAILURE_SIGNATURES: readonly FailureSignature[] = [
  {
    id: 'software-deployment-exit',
    pattern: /Deployment exited with non-zero status code: (\d+)/,
    label: 'a software deployment on a node exited with code $1',
    explanation:
      'A configuration script on a node (master_config_deployment, node_config_deployment or kube_cluster_deploy) failed, so Heat marked the node failed.',
    remedy:
      '`openstack software deployment show <physical id of the failed resource>` prints deploy_stderr; fix the cause, delete the cluster and create it again.',
  },
  {
    id: 'timeout',
    pattern: /timed out/i,
    label: 'Heat timed out',
    explanation:
      'The stack did not finish within create_timeout (60 min by default). A WaitCondition or SoftwareDeployment that never completes means a script or service on a node hung.',
    remedy:
      "Read the node's `journalctl -u heat-container-agent`; delete the cluster and create it again, with a longer --timeout if the cloud is only slow.",
  },
  {
    id: 'quota',
    pattern: /quota|OverQuota/i,
    label: 'quota exceeded',
    explanation: "The project's quota ran out while Heat created servers, volumes, ports or floating IPs.",
    remedy: 'Free resources or ask for a higher quota (`openstack quota show`), then delete the cluster and create it again.',
  },
  {
    id: 'trust',
    pattern: /trustee|trust creation|create trust/i,
    label: 'trust creation failed',
    explanation:
      "Magnum could not create the trustee user or trust the cluster needs. An application credential created without --unrestricted cannot create trusts; otherwise the cloud's trustee domain is misconfigured.",
    remedy:
      'If the cluster was created with a restricted application credential, use an unrestricted one (or password auth) and recreate it; otherwise open a support ticket with the cluster show output.',
  },
  {
    id: 'endpoint',
    pattern: /region_name needs to be configured|endpoint for [\w-]+ service .*not found|Unable to establish connection/i,
    label: 'the cloud cannot reach one of its own services',
    explanation:
      'Magnum could not find or reach an OpenStack service (a region or endpoint missing from its configuration): a cloud-side problem.',
    remedy: 'Open a support ticket with the cluster show output; nothing in the request can fix it.',
  },
  {
    id: 'docker-volume-device',
    pattern: /disk device does not exist/,
    label: 'the docker volume never appeared on a node',
    explanation: 'The node configuration waited for the Cinder docker volume and it never showed up as a disk.',
    remedy: 'Check Cinder quota and capacity; create the cluster again, or without --docker-volume-size.',
  },
  {
    id: 'etcd-discovery',
    pattern: /discovery/i,
    label: 'etcd discovery failed',
    explanation: 'etcd could not reach its discovery service (discovery.etcd.io): the nodes or Magnum have no internet access.',
    remedy: 'Give the nodes outbound internet access (router with an external gateway) or pass --discovery-url with a reachable service.',
  },
  {
    id: 'no-valid-host',
    pattern: /No valid host was found/i,
    label: 'no compute host could take a server',
    explanation: 'Nova found no hypervisor with room for the requested flavor.',
    remedy: 'Try another flavor or availability zone, or later; tell support if it persists.',
  },
];

/** The first known signature found in any of the texts. */
export function matchSignature(texts: readonly string[]): { signature: FailureSignature; label: string } | null {
  for (const signature of FAILURE_SIGNATURES) {
    for (const text of texts) {
      const match = signature.pattern.exec(text);
      if (match !== null) return { signature, label: signature.label.replace('$1', match[1] ?? '') };
    }
  }
  return null;
}
