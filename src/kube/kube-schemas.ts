import { z } from 'zod';

/** The wire fields of Kubernetes objects that `to-kube-state` reads; everything else is ignored. */
const str = z.string();
const optStr = z.string().nullish();
const labelsSchema = z.record(z.string(), z.string()).nullish();

export const MetaSchema = z.object({
  name: str,
  namespace: optStr,
  uid: optStr,
  creationTimestamp: optStr,
  deletionTimestamp: optStr,
  labels: labelsSchema,
  ownerReferences: z.array(z.object({ kind: str, name: str, controller: z.boolean().nullish() })).nullish(),
});

export const ConditionSchema = z.object({
  type: str,
  status: z.string(),
  reason: optStr,
  message: optStr,
  lastTransitionTime: optStr,
});

const TerminatedSchema = z.object({
  exitCode: z.number().nullish(),
  signal: z.number().nullish(),
  reason: optStr,
  message: optStr,
  startedAt: optStr,
  finishedAt: optStr,
});

export const ContainerStateSchema = z.object({
  waiting: z.object({ reason: optStr, message: optStr }).nullish(),
  running: z.object({ startedAt: optStr }).nullish(),
  terminated: TerminatedSchema.nullish(),
});

export const ContainerStatusSchema = z.object({
  name: str,
  image: z.string().nullish(),
  ready: z.boolean().nullish(),
  restartCount: z.number().nullish(),
  state: ContainerStateSchema.nullish(),
  lastState: ContainerStateSchema.nullish(),
});

const ContainerSchema = z.object({ name: str, image: z.string().nullish() });

export const PodSchema = z.object({
  metadata: MetaSchema,
  spec: z
    .object({
      nodeName: optStr,
      containers: z.array(ContainerSchema).nullish(),
      initContainers: z.array(ContainerSchema).nullish(),
      volumes: z.array(z.looseObject({ name: str, persistentVolumeClaim: z.object({ claimName: str }).nullish() })).nullish(),
      readinessGates: z.array(z.object({ conditionType: str })).nullish(),
    })
    .nullish(),
  status: z
    .object({
      phase: optStr,
      reason: optStr,
      podIP: optStr,
      nominatedNodeName: optStr,
      conditions: z.array(ConditionSchema).nullish(),
      containerStatuses: z.array(ContainerStatusSchema).nullish(),
      initContainerStatuses: z.array(ContainerStatusSchema).nullish(),
    })
    .nullish(),
});
export type WirePod = z.infer<typeof PodSchema>;

export const NodeSchema = z.object({
  // Annotations only here: pods have many, and nodes carry the network plugins' own.
  metadata: MetaSchema.extend({ annotations: labelsSchema }),
  spec: z.object({ unschedulable: z.boolean().nullish() }).nullish(),
  status: z
    .object({
      conditions: z.array(ConditionSchema).nullish(),
      addresses: z.array(z.object({ type: str, address: str })).nullish(),
      nodeInfo: z.object({ kernelVersion: optStr, kubeletVersion: optStr, osImage: optStr }).nullish(),
    })
    .nullish(),
});
export type WireNode = z.infer<typeof NodeSchema>;

export const EventSchema = z.object({
  metadata: MetaSchema,
  type: optStr,
  reason: optStr,
  message: optStr,
  count: z.number().nullish(),
  firstTimestamp: optStr,
  lastTimestamp: optStr,
  eventTime: optStr,
  series: z.object({ count: z.number().nullish(), lastObservedTime: optStr }).nullish(),
  involvedObject: z.object({ kind: optStr, name: optStr, namespace: optStr }).nullish(),
  source: z.object({ component: optStr, host: optStr }).nullish(),
  reportingComponent: optStr,
});
export type WireEvent = z.infer<typeof EventSchema>;

export const ServiceSchema = z.object({
  metadata: MetaSchema,
  spec: z
    .object({
      type: optStr,
      selector: labelsSchema,
      clusterIP: optStr,
      ports: z.array(z.object({ name: optStr, port: z.number(), protocol: optStr })).nullish(),
    })
    .nullish(),
});

const AddressListSchema = z.array(z.object({ ip: optStr })).nullish();
export const EndpointsSchema = z.object({
  metadata: MetaSchema,
  subsets: z.array(z.object({ addresses: AddressListSchema, notReadyAddresses: AddressListSchema })).nullish(),
});

export const PvcSchema = z.object({
  metadata: MetaSchema,
  spec: z.object({ volumeName: optStr, storageClassName: optStr, accessModes: z.array(z.string()).nullish() }).nullish(),
  status: z.object({ phase: optStr }).nullish(),
});

export const PvSchema = z.object({
  metadata: MetaSchema,
  spec: z
    .looseObject({
      storageClassName: optStr,
      claimRef: z.object({ namespace: optStr, name: optStr }).nullish(),
    })
    .nullish(),
  status: z.object({ phase: optStr }).nullish(),
});

const SelectorSchema = z.object({ matchLabels: labelsSchema }).nullish();

export const JobSchema = z.object({
  metadata: MetaSchema,
  spec: z.object({ selector: SelectorSchema }).nullish(),
  status: z
    .object({
      active: z.number().nullish(),
      succeeded: z.number().nullish(),
      failed: z.number().nullish(),
      completionTime: optStr,
      conditions: z.array(ConditionSchema).nullish(),
    })
    .nullish(),
});

export const WorkloadSchema = z.object({
  metadata: MetaSchema.extend({ generation: z.number().nullish() }),
  spec: z.object({ replicas: z.number().nullish() }).nullish(),
  status: z
    .object({
      replicas: z.number().nullish(),
      readyReplicas: z.number().nullish(),
      availableReplicas: z.number().nullish(),
      updatedReplicas: z.number().nullish(),
      desiredNumberScheduled: z.number().nullish(),
      numberReady: z.number().nullish(),
      numberAvailable: z.number().nullish(),
      updatedNumberScheduled: z.number().nullish(),
      conditions: z.array(ConditionSchema).nullish(),
    })
    .nullish(),
});
export type WireWorkload = z.infer<typeof WorkloadSchema>;

const TemplateContainerSchema = z.object({
  name: str,
  image: optStr,
  env: z.array(z.object({ name: str, value: optStr })).nullish(),
});

/** A DaemonSet: a workload plus its pod template's containers (the network plugins run as DaemonSets). */
export const DaemonSetSchema = WorkloadSchema.extend({
  spec: z
    .object({
      replicas: z.number().nullish(),
      template: z.object({ spec: z.object({ containers: z.array(TemplateContainerSchema).nullish() }).nullish() }).nullish(),
    })
    .nullish(),
});
export type WireDaemonSet = z.infer<typeof DaemonSetSchema>;

/** Calico's IPPool (crd.projectcalico.org/v1): its CIDR and encapsulation modes. */
export const IpPoolSchema = z.object({
  metadata: MetaSchema,
  spec: z.object({ cidr: optStr, vxlanMode: optStr, ipipMode: optStr }).nullish(),
});

export const ConfigMapSchema = z.object({
  metadata: MetaSchema,
  data: z.record(z.string(), z.string()).nullish(),
  binaryData: z.record(z.string(), z.string()).nullish(),
});

export const NamespaceSchema = z.object({ metadata: MetaSchema });

export const VersionSchema = z.object({ gitVersion: z.string() });

/** A list page: items are validated one by one so a malformed object costs only itself. */
export const ListSchema = z.object({
  metadata: z.object({ continue: optStr, remainingItemCount: z.number().nullish() }).nullish(),
  items: z.array(z.unknown()).nullish(),
});

/** The `Status` body of an API error. */
export const StatusSchema = z.object({ kind: z.literal('Status'), message: optStr, reason: optStr, code: z.number().nullish() });
