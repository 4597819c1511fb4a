// Which property keys the writes change, to say where property writes come from. PropertiesService
// keeps each store in a Map of PropertyState; a write replaces the map's contents (clear, then set
// every key) and a delete deletes one key, so watching those Map methods tells each write apart and
// which keys it changed. Keys are grouped by pattern (ids become *). Diagnostic only: the counted
// figure stays rt.counters; the bench reports when the two disagree.
import type { PropertyState } from '../apps-script/services/properties';

type Store = Map<string, string>;

/** 'sheetgram.status.6f1c...-...' -> 'sheetgram.status.*' */
export function keyPattern(key: string): string {
  return key
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '*')
    .replace(/\d{6,}/g, '*');
}

export class PropertyTrace {
  private readonly ops = new Map<string, number>();
  private total = 0;
  /** The write in progress: the store's contents before it, and the keys it changed. */
  private open: { before: Store; changed: Set<string>; name: string; store: Store } | null = null;

  constructor(state: PropertyState) {
    this.watch(state.script, 'script');
    this.watch(state.document, 'document');
    const user = state.user.bind(state);
    const watched = new Set<Store>();
    state.user = (userId: string) => {
      const store = user(userId);
      if (!watched.has(store)) {
        watched.add(store);
        this.watch(store, 'user');
      }
      return store;
    };
  }

  /** Writes so far by "store key-pattern" ("(unchanged)" when a write changed nothing). */
  snapshot(): { total: number; byKey: Record<string, number> } {
    this.close();
    return { total: this.total, byKey: Object.fromEntries(this.ops) };
  }

  private count(label: string): void {
    this.total += 1;
    this.ops.set(label, (this.ops.get(label) ?? 0) + 1);
  }

  private close(): void {
    if (!this.open) return;
    const { before, changed, name, store } = this.open;
    // A write that cleared the store first (setProperties with deleteAllOthers) also removed keys.
    for (const key of before.keys()) if (!store.has(key)) changed.add(key);
    const patterns = [...new Set([...changed].map(keyPattern))].sort();
    this.count(`${name} ${patterns.length ? patterns.join(' + ') : '(unchanged)'}`);
    this.open = null;
  }

  private watch(store: Store, name: string): void {
    const clear = store.clear.bind(store);
    const set = store.set.bind(store);
    const del = store.delete.bind(store);
    store.clear = () => {
      this.close();
      this.open = { before: new Map(store), changed: new Set(), name, store };
      clear();
    };
    store.set = (key: string, value: string) => {
      if (this.open && this.open.before.get(key) !== value) this.open.changed.add(key);
      return set(key, value);
    };
    store.delete = (key: string) => {
      this.close();
      const existed = del(key);
      this.count(`${name} ${keyPattern(key)} (delete)`);
      return existed;
    };
  }
}
