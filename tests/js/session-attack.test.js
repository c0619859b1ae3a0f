// The attacker review of issue 15 (s11): a re-save never overwrites a changed entry (A1), the next
// morning's answer is honest about what was written (A2) and skips a malformed session (A3), and a draft
// that loads can be saved (A5).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { sessionAddRep, sessionStart } from '../../static/js/lib/session-flow.js';
import { sessionCleanSavableDraft, sessionDiaryEntry } from '../../static/js/lib/session-save.js';
import { diaryPutEntry } from '../../static/js/lib/pain-check-diary.js';
import { sessionMorningBlocked, sessionMorningDue, sessionMorningPain, sessionMorningToday } from '../../static/js/lib/session-morning.js';
import { createStorageWithSalvage } from '../../static/js/lib/storage-salvage.js';
import { DIARY_READ_OPTIONS } from '../../static/js/lib/diary-model.js';
import { FakeStorage } from './fake-storage.js';

const plan = {
  programmeId: null,
  items: [{ key: 'i-a', exerciseId: null, name: 'Bridge', note: '', planned: { sets: 1, reps: 2, holdSeconds: null, restSeconds: null } }],
};

test('A1: a second Save of a session changes its entry only when the entry is still at the rev the session wrote', () => {
  const store = createStorageWithSalvage(new FakeStorage(), '/pt-guide/');
  const s = { ...sessionAddRep(sessionStart(plan, 'e1', '2026-12-01T09:00')), note: 'mine' };
  const first = diaryPutEntry(store, s.id, (existing) => sessionDiaryEntry(existing, s, null));
  assert.equal(first.ok, true);
  const diary = store.read('diary', DIARY_READ_OPTIONS).data;
  const edited = { ...diary.entries[0], note: 'EDITED IN DIARY', painDuring: 7, rev: first.made.entry.rev + 1 };
  store.write('diary', { ...diary, entries: [edited] }, 3, { label: 'diary' });
  for (const savedRev of [null, first.made.entry.rev]) {
    const again = diaryPutEntry(store, s.id, (existing) => sessionDiaryEntry(existing, s, savedRev));
    assert.deepEqual([again.ok, again.made.conflict], [false, true]);
  }
  const kept = store.read('diary', DIARY_READ_OPTIONS).data.entries;
  assert.deepEqual(kept.map((e) => [e.note, e.painDuring, e.rev]), [['EDITED IN DIARY', 7, 2]]);
  const same = diaryPutEntry(store, s.id, (existing) => sessionDiaryEntry(existing, s, 2));
  assert.deepEqual([same.ok, store.read('diary', DIARY_READ_OPTIONS).data.entries[0].note], [true, 'mine']);
});

test('A5: a draft the diary would refuse does not load; a level the diary does not know is dropped, not kept', () => {
  const draft = (item, at = '2026-12-01T09:00') => ({ id: 'ab', at, index: 0, items: [{ name: 'Bridge', planned: { sets: 1000 }, ...item }] });
  assert.equal(sessionCleanSavableDraft(draft({ stage: 'answered', pain: 3, level: 'zzz' }), 0).items[0].level, null);
  assert.equal(sessionCleanSavableDraft(draft({ stage: 'do', set: 1000, reps: 1, repsBySet: Array(999).fill(1) }), 0), null);
  assert.equal(sessionCleanSavableDraft(draft({ reps: 1 }, '2999-99-99T99:99'), 0), null);
  assert.equal(sessionCleanSavableDraft(draft({ reps: 1, planned: { sets: 1, reps: 2 } }), 0).items[0].reps, 1);
});

test('A3: the next morning skips an entry whose session the diary would set aside, and never throws', () => {
  const today = sessionMorningToday(new Date(2026, 11, 2, 7, 0));
  const bad = [{ nextMorning: null }, { items: 'x' }, { items: [null] }, { items: [{}] }, { items: [], nextMorning: '__proto__' }];
  const entries = bad.map((session, i) => ({ id: `b${i}`, at: '2026-12-01T08:00', session, painNextMorning: null, rev: 1 }));
  assert.equal(sessionMorningDue(entries, today), null);
  const good = { id: 'g', at: '2026-12-01T07:00', session: { programmeId: null, items: [{ name: 'Bridge' }], nextMorning: null }, rev: 1 };
  assert.equal(sessionMorningDue([...entries, good], today).id, 'g');
});

test('A2: a typed pain that is not a whole number 0 to 10 is refused with a message; gone and answered are told apart', () => {
  assert.deepEqual(sessionMorningPain(' 7 '), { pain: 7, problem: null });
  assert.deepEqual(sessionMorningPain(''), { pain: null, problem: null });
  for (const text of ['11', '5.5', '٥', 'seven', '-1']) assert.match(sessionMorningPain(text).problem, /whole number from 0 to 10/);
  assert.deepEqual(sessionMorningBlocked(null), { why: 'gone', stored: null });
  assert.deepEqual(sessionMorningBlocked({ session: null }), { why: 'gone', stored: null });
  assert.deepEqual(sessionMorningBlocked({ session: { nextMorning: 'better' } }), { why: 'answered', stored: 'better' });
  assert.equal(sessionMorningBlocked({ session: { nextMorning: null } }), null);
});
