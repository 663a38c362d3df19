/** A job summary (the Markdown and HTML that @actions/core writes) as plain text for a terminal. */
export function summaryToText(html: string): string {
  return html
    .replace(/<\/t[hd]>\s*<t[hd][^>]*>/g, ' | ')
    .replace(/<\/tr>/g, '\n')
    .replace(/<br\s*\/?>|<\/(p|h\d|li|pre|details|summary)>/g, '\n')
    .replace(/<li>/g, '- ')
    .replace(/<h(\d)>/g, (_, level: string) => `${'#'.repeat(Number(level))} `)
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The job summary's timeline rows: phase, started (seconds after the start), took (seconds), result. */
export function timelineOf(
  summary: string,
): { phase: string; started: number; took: number; result: string }[] {
  const table = summary.slice(summary.lastIndexOf('<h3>Timeline</h3>'));
  const seconds = (text: string) => {
    const m = /(?:(\d+)h)?(?:(\d+)m)?(?:([\d.]+)s)?/.exec(text.replace('+', ''));
    return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : Number.NaN;
  };
  return [...table.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td>/g)].map(
    (row) => ({
      phase: row[1],
      started: seconds(row[2]),
      took: seconds(row[3]),
      result: row[4],
    }),
  );
}

export interface TimedStep {
  /** What ran: "publish (job publish)". */
  label: string;
  startedAt: number;
  summary: string;
}

/**
 * Every step's phases (from each job summary's timeline) on one time axis, as a text chart: where
 * jobs ran side by side, their bars overlap.
 */
export function combinedTimeline(steps: TimedStep[], width = 48): string[] {
  const rows = steps.flatMap((step) =>
    timelineOf(step.summary).map((row) => ({
      label: `${step.label}: ${row.phase}`,
      from: step.startedAt / 1000 + row.started,
      to: step.startedAt / 1000 + row.started + row.took,
    })),
  );
  if (!rows.length) return [];
  const start = Math.min(...rows.map((r) => r.from));
  const end = Math.max(...rows.map((r) => r.to));
  const scale = width / Math.max(end - start, 1e-3);
  const labelWidth = Math.min(60, Math.max(...rows.map((r) => r.label.length)));
  return rows
    .sort((a, b) => a.from - b.from)
    .map((r) => {
      const left = Math.round((r.from - start) * scale);
      const length = Math.max(1, Math.round((r.to - r.from) * scale));
      const bar = `${' '.repeat(left)}${'#'.repeat(length)}`.padEnd(width);
      return `${r.label.slice(0, labelWidth).padEnd(labelWidth)} |${bar}| +${(r.from - start).toFixed(1)}s ${(r.to - r.from).toFixed(1)}s`;
    });
}
