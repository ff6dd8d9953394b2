import { groupObservations, normalizeMessage, type Observation } from '../../../src/diagnostics/evidence.js';

const seen = (name: string, key: string): Observation => ({ name, key, summary: `error ${key}`, line: `${name}: error ${key}, in full` });

describe('groupObservations', () => {
  it('merges identical errors into one line with the count and the first names, the most frequent first', () => {
    const observations = [seen('a/p1', 'x'), seen('a/p2', 'y'), seen('a/p3', 'y'), seen('a/p4', 'y'), seen('a/p5', 'y')];
    const { lines, details } = groupObservations(observations, 'pods', 100);
    expect(lines).toEqual(['4 pods: error y (first: a/p2, a/p3, a/p4, ...)', 'a/p1: error x, in full']);
    expect(details).toEqual(observations.map((o) => o.line));
  });

  it('keeps every full line and gives no details when nothing repeats', () => {
    expect(groupObservations([seen('a/p1', 'x'), seen('a/p2', 'y')], 'pods', 100)).toEqual({
      lines: ['a/p1: error x, in full', 'a/p2: error y, in full'],
    });
  });

  it('caps the details', () => {
    const { details } = groupObservations(
      Array.from({ length: 5 }, (_, i) => seen(`a/p${i}`, 'x')),
      'pods',
      3,
    );
    expect(details).toEqual(['a/p0: error x, in full', 'a/p1: error x, in full', 'a/p2: error x, in full', '... and 2 more']);
  });
});

describe('normalizeMessage', () => {
  it('takes out the names, ids and UUIDs that differ between objects', () => {
    expect(
      normalizeMessage(
        'failed to create a sandbox for pod "coredns-1": mount /var/lib/docker/overlay2/0123456789abcdef0123-init for 6f1c2b9e-1b1a-4c39-9a5c-0c8f3b2d1e7f',
        ['coredns-1'],
      ),
    ).toBe('failed to create a sandbox for pod "<name>": mount /var/lib/docker/overlay2/<id>-init for <uid>');
  });

  it('leaves short numbers and words alone', () => {
    expect(normalizeMessage('0/3 nodes are available: 3 Insufficient cpu.')).toBe('0/3 nodes are available: 3 Insufficient cpu.');
  });
});
