import { z } from 'zod';
import { UsageError } from '../src/core/errors.js';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes namespace (DNS-1123 label). */
export const Namespace = z
  .string({ error: 'The namespace is missing.' })
  .max(63, { error: 'A namespace has at most 63 characters.' })
  .regex(DNS_LABEL, {
    error: (issue) => `\`${String(issue.input).slice(0, 80)}\` is not a valid namespace: lowercase letters, digits and \`-\`.`,
  });

/** A Kubernetes object name (DNS-1123 subdomain). */
export const ObjectName = z
  .string({ error: 'The object name is missing.' })
  .max(253, { error: 'An object name has at most 253 characters.' })
  .regex(DNS_SUBDOMAIN, {
    error: (issue) => `\`${String(issue.input).slice(0, 80)}\` is not a valid object name: lowercase letters, digits, \`-\` and \`.\`.`,
  });

/** Splits `a/b[/c]` into its parts; a UsageError names what is missing. */
export function splitRef(word: string | undefined, what: string, usage: string): string[] {
  if (word === undefined) throw new UsageError(`The ${what} is missing.`, usage);
  const parts = word.split('/');
  if (parts.some((p) => p === '')) throw new UsageError(`\`${word.slice(0, 80)}\` is not a valid ${what}.`, usage);
  return parts;
}

/** The workload kinds the bot acts on (scale, restart). */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicationController';

/** kubectl's spellings of the workload kinds. */
export const WORKLOAD_KINDS: Readonly<Record<string, WorkloadKind>> = {
  deployment: 'Deployment',
  deployments: 'Deployment',
  deploy: 'Deployment',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  sts: 'StatefulSet',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
  ds: 'DaemonSet',
  replicationcontroller: 'ReplicationController',
  replicationcontrollers: 'ReplicationController',
  rc: 'ReplicationController',
};
