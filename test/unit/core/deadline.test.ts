import { withDeadline } from '../../../src/core/deadline.js';

describe('withDeadline', () => {
  it('passes through a promise that settles in time', async () => {
    await expect(withDeadline(Promise.resolve('ok'), 10_000, () => new Error('late'))).resolves.toEqual('ok');
    await expect(withDeadline(Promise.reject(new Error('boom')), 10_000, () => new Error('late'))).rejects.toThrow('boom');
  });

  it('rejects with the given error when the promise never settles', async () => {
    await expect(withDeadline(new Promise(() => undefined), 10, () => new Error('late'))).rejects.toThrow('late');
  });
});
