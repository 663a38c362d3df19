/** `75` -> `1m15s`, `3600` -> `1h`, `0.4` -> `0.4s`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${Math.round(seconds * 10) / 10}s`;
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', s || (!h && !m) ? `${s}s` : ''].join('');
}

/** Ages and durations of days read best in days: `30d` rather than `720h`. */
export function formatAge(seconds: number): string {
  return seconds >= 86400 && seconds % 86400 === 0 ? `${seconds / 86400}d` : formatSeconds(seconds);
}
