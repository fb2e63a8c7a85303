// A function of an object worked out once per object. The directory's rows stay the same objects until
// it is read again, so what is derived from them (a volunteer's parsed shifts) is derived once per read,
// not once per ring — a street office has a thousand volunteers (issue 15).
export function rememberPer<K extends object, V>(derive: (k: K) => V): (k: K) => V {
  const held = new WeakMap<K, V>()
  return (k) => {
    if (held.has(k)) return held.get(k)!
    const v = derive(k)
    held.set(k, v)
    return v
  }
}
