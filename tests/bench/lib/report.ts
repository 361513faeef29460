/** Output helpers shared by the benchmarks: a readable table, then one JSON object on the last line. */

export function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const cell = (v: string | number | undefined) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : (v ?? ''));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  console.log(`\n${title}`);
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(columns.map((c) => cell(r[c]))));
}

/** The result's JSON line, with the glibc trim and mmap thresholds it ran under (see run.ts; 'default' when not set). */
export function printResult(result: Record<string, unknown>): void {
  console.log(JSON.stringify({ ...result, malloc_trim_threshold: process.env.MALLOC_TRIM_THRESHOLD_ ?? 'default', malloc_mmap_threshold: process.env.MALLOC_MMAP_THRESHOLD_ ?? 'default' }));
}

/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Samples this process's resident set size every few milliseconds; returns the peak in MB. */
export function trackPeakRss(intervalMs = 20): { stop(): number; peakMb(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, intervalMs);
  timer.unref();
  return {
    peakMb: () => Math.max(peak, process.memoryUsage.rss()) / 1e6,
    stop() { clearInterval(timer); peak = Math.max(peak, process.memoryUsage.rss()); return peak / 1e6; },
  };
}
