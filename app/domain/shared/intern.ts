/**
 * One object per key within a response. Remix's serializer (turbo-stream) sends an object it has already sent as a
 * reference to the first copy, so list rows that share a category or an author cost less to encode and to send.
 * The objects are shared: nobody may change them.
 */
export function interner<K, V>(): (key: K, make: () => V) => V {
  const known = new Map<K, V>();
  return (key, make) => {
    let value = known.get(key);
    if (value === undefined) {
      value = make();
      known.set(key, value);
    }
    return value;
  };
}
