// The diary's JSON text for a save, built from each entry's own text, kept while the entry lives: a save of
// 10,000 entries stringifies the new entry only, not 2.7 MB again (docs/quality.md, "Diary at 10,000 entries").
// The text is JSON.stringify(diary)'s, byte for byte. An entry is never changed once it is in a diary (a change
// makes a new object), and it is frozen when its text is kept: code that changed one would fail loudly, never
// save a stale text.
const diaryTexts = new WeakMap();

function diaryFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) diaryFreeze(value[key]);
  }
  return value;
}

export function diaryJson(diary) {
  const keys = Object.keys(diary);
  if (keys.length !== 1 || keys[0] !== 'entries' || !Array.isArray(diary.entries)) return JSON.stringify(diary);
  const parts = [];
  for (const entry of diary.entries) {
    let text = diaryTexts.get(entry);
    if (text === undefined) {
      text = JSON.stringify(diaryFreeze(entry));
      diaryTexts.set(entry, text);
    }
    parts.push(text);
  }
  return `{"entries":[${parts.join(',')}]}`;
}
