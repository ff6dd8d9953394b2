/** Suggestions for a mistyped name: the known names closest to it first. */

/** Levenshtein distance, case-insensitive (names differing only in case are near misses). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= t.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (s[i - 1] === t[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/** Up to `max` distinct names of `known`, closest to `wanted` first (ties by name), and how many were left out. */
export function closestNames(wanted: string, known: readonly string[], max = 10): { names: string[]; more: number } {
  const ranked = [...new Set(known)]
    .map((name) => ({ name, distance: editDistance(wanted, name) }))
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { names: ranked.slice(0, max).map((r) => r.name), more: Math.max(0, ranked.length - max) };
}
