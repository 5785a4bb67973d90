// A bounded memo for pure functions of a string: blocklist entries repeat their streets, towns, given
// names and surnames, so each is read once. Forgets everything when full, so that a long-running worker
// screening OCR'd text does not grow without end; results must be immutable (they are shared).
export function boundedMemo<T>(limit: number, make: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key: string): T => {
    let v = known.get(key);
    if (v === undefined) {
      v = make(key);
      if (known.size >= limit) known.clear();
      known.set(key, v);
    }
    return v;
  };
}
