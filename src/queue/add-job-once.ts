import { Job, type JobsOptions, type Queue } from 'bullmq';

/**
 * Adds a job under a custom id and tells whether this call created it.
 *
 * `Queue.add` answers the same way for a new id and for an id that already exists (its
 * script returns the id either way), so reading the job first and adding after would
 * race between two producers. Instead the existence check and BullMQ's own add script
 * run in one MULTI: Redis executes them back to back, so exactly one of several
 * concurrent callers sees the id absent. `addJobToTransaction` is the public backend
 * method FlowProducer uses for the same purpose.
 */
export async function addJobOnce(
  queue: Queue,
  name: string,
  data: object,
  options: JobsOptions & { jobId: string },
): Promise<{ created: boolean }> {
  const backend = queue.getBackend();
  const client = await backend.client;
  const job = new Job(queue, name, data, options, options.jobId);
  const multi = client.multi();
  multi.hgetall(queue.toKey(options.jobId));
  await backend.addJobToTransaction(multi, job.asJSON(), options.jobId);
  const results = await multi.exec();
  if (results === null) throw new Error('Redis discarded the add transaction');
  const [existing, added] = results;
  if (existing === undefined || added === undefined) throw new Error('Redis returned an incomplete add transaction');
  if (existing[0]) throw existing[0];
  if (added[0]) throw added[0];
  if (typeof added[1] === 'number' && added[1] < 0) {
    throw new Error(`BullMQ refused the job (code ${added[1]})`);
  }
  return { created: !isNonEmptyHash(existing[1]) };
}

function isNonEmptyHash(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}
