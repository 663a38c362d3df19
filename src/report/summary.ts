/** Job summary helpers over core.summary: one heading and table per mode, written once at the end. */
import * as core from '@actions/core';

export type Cell = string | number | undefined;

export function summaryTable(title: string, headers: string[], rows: Cell[][]): void {
  core.summary.addHeading(title, 3);
  core.summary.addTable([
    headers.map((header) => ({ data: header, header: true })),
    ...rows.map((row) => row.map((cell) => String(cell ?? ''))),
  ]);
}

export function summaryLine(text: string): void {
  core.summary.addRaw(text, true);
}
