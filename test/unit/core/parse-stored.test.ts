import { z } from 'zod';
import { parseStored } from '../../../src/core/parse-stored.js';

const Shape = z.object({ id: z.string(), at: z.number() });

describe('parseStored', () => {
  it('gives the value when it is JSON of the shape', () => {
    expect(parseStored(Shape, '{"id":"a","at":1}')).toEqual({ id: 'a', at: 1 });
  });

  it.each([
    ['missing (null)', null],
    ['missing (undefined)', undefined],
    ['not JSON', '{"id":'],
    ['of another shape', '{"id":1}'],
  ])('gives undefined when the value is %s, without throwing', (_what, raw) => {
    expect(parseStored(Shape, raw)).toBeUndefined();
  });
});
