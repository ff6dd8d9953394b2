/** Why a cluster without findings is not yet known healthy (empty when it is). */
export interface Unsettled {
  /** Pods neither Running with every container ready nor Completed, as `namespace/name (STATUS)`. */
  pods: string[];
  /** Nodes whose Ready condition is not True. */
  nodes: string[];
  /** What else is missing: the Kubernetes API could not be read, Magnum says UNHEALTHY... */
  other: string[];
}
