/** Small statistics for benchmarks: medians and percentiles of millisecond samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** One line: name, our figure, the baseline's, and the ratio ours/baseline. */
export function ratioLine(name: string, ours: number, baseline: number, unit: string): string {
  return `${name.padEnd(34)} ours ${ours.toFixed(3)} ${unit}   baseline ${baseline.toFixed(3)} ${unit}   ratio ${(ours / baseline).toFixed(2)}`;
}
