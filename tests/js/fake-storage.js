// What the storage tests share: a fake localStorage and a clock.

// A Map-backed stand-in for window.localStorage. `quota` is the total number
// of characters (keys + values) it accepts; a write over it throws the way
// browsers do and leaves the old value in place.
export class FakeStorage {
  constructor({ quota = Infinity, errorStyle = 'standard' } = {}) {
    this.map = new Map();
    this.quota = quota;
    this.errorStyle = errorStyle;
  }

  get length() { return this.map.size; }

  key(i) { return i < this.map.size ? [...this.map.keys()][i] : null; }

  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }

  setItem(k, v) {
    const value = String(v);
    let used = 0;
    for (const [key, val] of this.map) if (key !== k) used += key.length + val.length;
    if (used + k.length + value.length > this.quota) throw this.quotaError();
    this.map.set(k, value);
  }

  removeItem(k) { this.map.delete(k); }

  quotaError() {
    if (this.errorStyle === 'firefox') return Object.assign(new Error('full'), { name: 'NS_ERROR_DOM_QUOTA_REACHED', code: 1014 });
    if (this.errorStyle === 'code22') return Object.assign(new Error('full'), { name: 'Error', code: 22 });
    return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  }

  snapshot() { return new Map(this.map); }
}

export function clock(iso = '2025-11-03T10:00:00.000Z') {
  let t = Date.parse(iso);
  return () => new Date(t++);
}
