/**
 * The stamps a provider listed last, in groups (one source with its annotations; the book's meetings),
 * so that after a committed write it reports exactly the keys that were added, changed or are gone.
 */
export class ListedStamps {
  private readonly groups = new Map<string, ReadonlyMap<string, string>>();

  /** Replaces one group's stamps; returns the keys whose stamp changed, that appeared or that disappeared. */
  replace(group: string, next: ReadonlyMap<string, string>): string[] {
    const before = this.groups.get(group) ?? new Map<string, string>();
    if (next.size > 0) this.groups.set(group, next);
    else this.groups.delete(group);
    const changed = [...next].filter(([key, stamp]) => before.get(key) !== stamp).map(([key]) => key);
    for (const key of before.keys()) if (!next.has(key)) changed.push(key);
    return changed;
  }

  /** Replaces every group: a group missing from `next` is gone. Returns the keys that changed. */
  replaceAll(next: ReadonlyMap<string, ReadonlyMap<string, string>>): string[] {
    const changed: string[] = [];
    for (const group of [...this.groups.keys()]) if (!next.has(group)) changed.push(...this.replace(group, new Map()));
    for (const [group, stamps] of next) changed.push(...this.replace(group, stamps));
    return changed;
  }

  /** Every key and stamp listed. */
  all(): Map<string, string> {
    const out = new Map<string, string>();
    for (const stamps of this.groups.values()) for (const [key, stamp] of stamps) out.set(key, stamp);
    return out;
  }
}
