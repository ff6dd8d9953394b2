import { channelJobs } from './channel-jobs.js';
import { clusterCreate } from './cluster-create.js';
import { clusterDelete } from './cluster-delete.js';
import { clusterDeletePreview } from './cluster-delete-preview.js';
import { clusterList } from './cluster-list.js';
import { clusterRecreate } from './cluster-recreate.js';
import { clusterResize } from './cluster-resize.js';
import { clusterUpgrade } from './cluster-upgrade.js';
import { clusterShow } from './cluster-show.js';
import type { JobDefinition } from './definition.js';
import { loadbalancersDelete } from './loadbalancers-delete.js';
import { operationsPoll } from './tracking/poller.js';
import { operationFinish } from './tracking/finish-job.js';
import { appStatus } from './app-status.js';
import { bootstrapJobDelete } from './bootstrap-job-delete.js';
import { clusterDiagnose } from './cluster-diagnose.js';
import { clusterFollowup } from './cluster-followup.js';
import { clusterWatch } from './cluster-watch.js';
import { clusterEvents } from './cluster-events.js';
import { clusterPods } from './cluster-pods.js';
import { podLogs } from './pod-logs.js';
import { nodeConsoleLog } from './node-console.js';
import { ticketAttach } from './ticket-attach.js';
import { workloadRestart } from './workload-restart.js';
import { workloadScale } from './workload-scale.js';

/** Every job the workers run, by name. */
export const JOBS: readonly JobDefinition[] = [
  clusterList,
  clusterShow,
  clusterCreate,
  clusterDeletePreview,
  clusterDelete,
  loadbalancersDelete,
  bootstrapJobDelete,
  clusterRecreate,
  clusterResize,
  clusterUpgrade,
  channelJobs,
  operationsPoll,
  operationFinish,
  clusterDiagnose,
  clusterFollowup,
  clusterPods,
  podLogs,
  nodeConsoleLog,
  clusterEvents,
  appStatus,
  workloadScale,
  workloadRestart,
  ticketAttach,
  clusterWatch,
];

/** The job that ends a tracked operation after it left the tracked set (the lost-operation watch waits for it). */
export { FINISH_JOB } from './tracking/finish-job.js';
