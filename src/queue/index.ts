/** The queue layer's public API: the only place that touches BullMQ and ioredis. */
export {
  createRedisConnection,
  redactRedisUrl,
  type ConnectionRole,
  type RedisConnection,
  type RedisTarget,
  type SentinelTarget,
} from './connection.js';
export { createJobQueue, DEFAULT_QUEUE_NAME, type BullJobQueue, type JobQueueOptions, type ScheduleOptions } from './job-queue.js';
export { JOB_LIST_STATES, type JobListState, type JobSummary } from './list-jobs.js';
export { asRescheduleRequest, rescheduleIn, type RescheduleRequest } from './reschedule.js';
export { startWorkers, WORKER_DEFAULTS, type RunningWorkers, type StartWorkersOptions } from './run-workers.js';
export { onShutdownSignals, type ShutdownControl, type ShutdownOptions } from './shutdown.js';
