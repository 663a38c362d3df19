/**
 * Job summary helpers over core.summary: one heading and table per mode, written once at the end.
 * Every cell and line is text, escaped for HTML here: names, tag values, AWS messages and command
 * output can never become markup.
 */
import * as core from '@actions/core';
import { escapeHtml } from './foreign.js';

export type Cell = string | number | undefined;

export function summaryTable(title: string, headers: string[], rows: Cell[][]): void {
  core.summary.addHeading(escapeHtml(title), 3);
  core.summary.addTable([
    headers.map((header) => ({ data: escapeHtml(header), header: true })),
    ...rows.map((row) => row.map((cell) => escapeHtml(String(cell ?? '')))),
  ]);
}

export function summaryLine(text: string): void {
  core.summary.addRaw(escapeHtml(text), true);
}
