import { closestNames, editDistance } from '../../../jobs/closest-names.js';

describe('closestNames', () => {
  it.each([
    ['c1.c2r4', 'c1.c2r4', 0],
    ['c1.c2r4', 'C1.C2R4', 0],
    ['c1.c2r5', 'c1.c2r4', 1],
    ['opskey', 'ops-key', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('measures %s against %s as %i edits', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it('puts the nearest names first, ties by name, and counts what it leaves out', () => {
    const known = ['m1.large', 'c1.c4r8', 'c1.c2r8', 'c1.c2r4', 'c1.c2r4', 'c1.c16r64'];

    expect(closestNames('c1.c2r5', known, 3)).toEqual({ names: ['c1.c2r4', 'c1.c2r8', 'c1.c4r8'], more: 2 });
  });

  it('shows every name when there are few', () => {
    expect(closestNames('x', ['b', 'a'])).toEqual({ names: ['a', 'b'], more: 0 });
  });
});
