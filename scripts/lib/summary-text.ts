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
