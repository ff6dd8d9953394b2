import { UnrecoverableError } from 'bullmq';
import { BotError, NotFoundError, TimeoutError, UpstreamError } from '../../../src/core/errors.js';
import { errorFields, isFinalFailure, originalError, toWorkerError } from '../../../src/queue/failure.js';

describe('mapping processor errors to BullMQ', () => {
  it('stops retrying a BotError that a retry cannot help, keeping the original', () => {
    const notFound = new NotFoundError('No cluster named prod.');
    const mapped = toWorkerError(notFound);

    expect(mapped).toBeInstanceOf(UnrecoverableError);
    expect(mapped.message).toEqual('not_found: No cluster named prod.');
    expect(originalError(mapped)).toBe(notFound);
  });

  it('lets retryable errors and plain errors retry unchanged', () => {
    const timeout = new TimeoutError('Magnum did not answer.');
    const upstream = new UpstreamError('upstream_error', 'Magnum failed.', { service: 'magnum', status: 502 });
    const plain = new Error('socket hang up');

    expect([timeout, upstream, plain].map(toWorkerError)).toEqual([timeout, upstream, plain]);
    expect([timeout, upstream, plain].map((e) => toWorkerError(e) instanceof UnrecoverableError)).toEqual([false, false, false]);
  });

  it('wraps a thrown non-error so BullMQ gets an Error', () => {
    expect(toWorkerError('nope')).toEqual(new Error('non-error thrown: nope'));
  });

  it('calls a failure final when attempts are used up or it is unrecoverable', () => {
    const retryable = new BotError('upstream_unavailable', 'Try again.', { retryable: true });
    expect(isFinalFailure(1, 3, retryable)).toBe(false);
    expect(isFinalFailure(3, 3, retryable)).toBe(true);
    expect(isFinalFailure(1, 3, new UnrecoverableError('no'))).toBe(true);
  });

  it('logs the code of a BotError with its message', () => {
    expect(errorFields(new NotFoundError('No cluster named prod.'))).toEqual({ err: 'No cluster named prod.', code: 'not_found' });
    expect(errorFields(new Error('socket hang up'))).toEqual({ err: 'socket hang up' });
  });
});
