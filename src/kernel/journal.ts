/**
 * The undo journal of the main step: what is open (created and not yet finished with), saved to the
 * state store on every change so the post step can undo it if the main step never gets to.
 */
import * as core from '@actions/core';
import type { JournalEntry, SavedJournal, UndoEntry, UndoKind, UndoOf } from './state.js';
import { STATE_KEYS } from './state-keys.js';

export function saveJournal(journal: SavedJournal): void {
  core.saveState(STATE_KEYS.journal, JSON.stringify(journal));
}

/** One open entry: update it as the thing takes shape (an instance id once known), settle it when done. */
export interface Recorded<K extends UndoKind> {
  readonly entry: UndoOf<K> & { id: number; lane: string };
  update(patch: Partial<UndoOf<K>>): void;
  /** The thing needs no undo any more (finished with, or undone). */
  settle(): void;
}

export class Journal {
  private readonly open = new Map<number, JournalEntry>();
  private nextId = 1;

  constructor(
    private readonly mode: string,
    private readonly persist: typeof saveJournal = saveJournal,
  ) {}

  /** Records how to undo something, before the call that creates it. */
  record<K extends UndoKind>(lane: string, undo: UndoOf<K>): Recorded<K> {
    const entry = { ...undo, id: this.nextId++, lane } as UndoOf<K> & { id: number; lane: string };
    this.open.set(entry.id, entry as JournalEntry);
    this.save();
    return {
      entry,
      update: (patch) => {
        Object.assign(entry, patch);
        if (this.open.has(entry.id)) this.save();
      },
      settle: () => {
        if (this.open.delete(entry.id)) this.save();
      },
    };
  }

  /** The entries still open, newest first (the order to undo them in); of one lane when given. */
  openEntries(lane?: string): JournalEntry[] {
    return [...this.open.values()].filter((entry) => lane === undefined || entry.lane === lane).reverse();
  }

  settle(entry: Pick<UndoEntry, never> & { id: number }): void {
    if (this.open.delete(entry.id)) this.save();
  }

  private save(): void {
    this.persist({ version: 1, mode: this.mode, entries: [...this.open.values()] });
  }
}
