import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import {
  PROGRAMME_STORAGE_NAME, PROGRAMME_SCHEMA, PROGRAMME_READ_OPTIONS, PROGRAMME_ITEMS_MAX, PROGRAMME_NAME_MAX, PROGRAMME_HISTORY_MAX,
  emptyProgramme, emptyProgrammeDose, programmeNewItem, validateProgramme, normalizeProgramme, programmeDueOn, programmeItemDose, programmeItemUsualDose, programmeLeftWords, programmeLeftToday,
  programmeDoseWords, programmeDaysWords, programmeTimesWords, programmeReviewPassed, programmeSame, programmeReplace,
  programmeLibraryIndex, programmeExerciseOf, programmeCutText, programmeWeekday,
} from '../../static/js/lib/programme-model.js';
import { diaryParseDate, emptyEntry } from '../../static/js/lib/diary-model.js';
import { createStorage } from '../../static/js/lib/storage.js';
import { FakeStorage } from './fake-storage.js';

const library = JSON.parse(readFileSync(new URL('./fixtures/library.json', import.meta.url), 'utf-8'));

function seeded(seed = 1) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function sample() {
  const random = seeded(3);
  const programme = emptyProgramme(random);
  const bridge = programmeNewItem(library.exercises.find((e) => e.id === 'bridge'), random);
  bridge.dose.sets = 2;
  bridge.dose.reps = 10;
  bridge.days = ['mon', 'wed', 'fri'];
  const walk = programmeNewItem('Walk to the shop', random);
  walk.dose.timesPerDay = 2;
  return { ...programme, from: 'Riverside Physio', startDate: '2026-11-30', reviewDate: '2026-12-28', items: [bridge, walk] };
}

// 2026-11-30 is a Monday.
const monday = diaryParseDate('2026-11-30').dayNumber;

describe('the programme shape', () => {
  test('is the contract\'s: name, schema, empty programme', () => {
    assert.equal(PROGRAMME_STORAGE_NAME, 'programme');
    assert.equal(PROGRAMME_SCHEMA, 1);
    const empty = emptyProgramme(seeded(1));
    assert.match(empty.id, /^p-[a-z0-9]{16}$/);
    assert.deepEqual(validateProgramme(empty), []);
    assert.deepEqual({ ...empty, id: 'x' }, { id: 'x', from: '', startDate: null, reviewDate: null, note: '', items: [], rev: 1, history: [] });
  });

  test('a good programme has no problems and normalises to itself', () => {
    const p = sample();
    assert.deepEqual(validateProgramme(p), []);
    assert.deepEqual(normalizeProgramme(p), p);
  });

  test('problems are in plain words, naming the exercise', () => {
    const p = sample();
    p.items[0].dose.reps = 1000;
    p.items[1].days = ['monday'];
    p.items[1].times = ['25:00'];
    p.reviewDate = '2026-11-01';
    const problems = validateProgramme(p);
    assert.ok(problems.includes('Exercise 1 (Bridge): repetitions must be a whole number from 1 to 100, or left empty.'), problems.join('\n'));
    assert.ok(problems.includes('Exercise 2 (Walk to the shop): its days must be days of the week (mon to sun).'));
    assert.ok(problems.some((t) => t.startsWith('Exercise 2 (Walk to the shop): its times')));
    assert.ok(problems.includes('The review date is before the start date.'));
  });

  test('hostile shapes are refused, never thrown on', () => {
    for (const bad of [null, 42, 'x', [], { items: 'no' }, { id: 'p-1', items: [null] }, { id: '<b>', items: [] },
      { id: 'p-1', items: [{ key: 'a', name: 12 }] }, { id: 'p-1', items: [{ key: 'a', name: 'x', dose: { sets: '2' } }] },
      { id: 'p-1', items: [{ key: 'a', name: 'x', dose: { sets: 2.5 } }] },
      { id: 'p-1', items: [{ key: 'a', name: 'x', exerciseId: '../../etc' }] },
      { id: 'p-1', items: [{ key: 'a', name: 'x' }, { key: 'a', name: 'y' }] },
      { id: 'p-1', items: [], startDate: '2026-02-30' }, { id: 'p-1', items: [], rev: 0 },
      { id: 'p-1', items: [], history: [{ id: 'p-2', items: [], history: [{ id: 'p-3', items: [] }] }] },
      { id: 'p-1', items: [], history: 'x' },
    ]) {
      assert.notDeepEqual(validateProgramme(bad), [], JSON.stringify(bad));
    }
  });

  test('10,000 items are refused with one problem, before any item is read', () => {
    const items = Array.from({ length: 10000 }, (_, i) => ({ key: `k${i}`, name: 'x' }));
    assert.deepEqual(validateProgramme({ id: 'p-1', items }), [`The programme has more than ${PROGRAMME_ITEMS_MAX} exercises.`]);
  });

  test('a wholly wrong programme gives a readable, capped list', () => {
    const items = Array.from({ length: PROGRAMME_ITEMS_MAX }, () => ({ key: 'same', name: '' }));
    const problems = validateProgramme({ id: 'p-1', items });
    assert.equal(problems.length, 21);
    assert.match(problems[20], /^… and \d+ more problems\.$/);
  });

  test('__proto__ and constructor are plain unknown names: nothing is polluted, nothing found', () => {
    const parsed = JSON.parse('{"id":"p-1","items":[{"key":"a","name":"x","exerciseId":"constructor","__proto__":{"polluted":1},'
      + '"dose":{"__proto__":{"sets":3}}}],"__proto__":{"polluted":1},"constructor":{"x":1}}');
    assert.deepEqual(validateProgramme(parsed), []);
    const clean = normalizeProgramme(parsed);
    assert.equal({}.polluted, undefined);
    assert.equal(Object.getPrototypeOf(clean), Object.prototype);
    assert.ok(!Object.prototype.hasOwnProperty.call(clean, '__proto__'));
    assert.equal(clean.items[0].dose.sets, null);
    assert.equal(programmeExerciseOf(clean.items[0], library), null);
    assert.equal(programmeLibraryIndex({ exercises: [{ id: '__proto__', title: 'x' }] }).size, 0);
  });

  test('HTML in a name is kept as text: the page shows it with textContent', () => {
    const p = { id: 'p-1', items: [{ key: 'a', name: '<img src=x onerror=alert(1)>' }] };
    assert.deepEqual(validateProgramme(p), []);
    assert.equal(normalizeProgramme(p).items[0].name, '<img src=x onerror=alert(1)>');
  });

  test('normalising drops unknown fields, orders days, sorts and dedupes times, fills defaults', () => {
    const clean = normalizeProgramme({ id: 'p-1', extra: 1, items: [{ key: 'a', name: ' Bridge ', days: ['fri', 'mon'], times: ['18:00', '08:00', '18:00'], x: 1 }] });
    assert.deepEqual(clean.items[0], {
      key: 'a', exerciseId: null, name: 'Bridge',
      dose: { sets: null, reps: null, holdSeconds: null, restSeconds: null, timesPerDay: null, daysPerWeek: null },
      days: ['mon', 'fri'], times: ['08:00', '18:00'], note: '',
    });
    assert.ok(!('extra' in clean));
    const all = normalizeProgramme({ id: 'p-1', items: [{ key: 'a', name: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] }] });
    assert.deepEqual(all.items[0].days, [], 'all seven days are every day');
  });

  test('text is cut on whole characters, never in half an emoji', () => {
    const cut = programmeCutText(`${'a'.repeat(PROGRAMME_NAME_MAX - 1)}😀`, PROGRAMME_NAME_MAX);
    assert.equal(cut, 'a'.repeat(PROGRAMME_NAME_MAX - 1));
    const item = programmeNewItem('😀'.repeat(100), seeded(2));
    assert.equal(item.name.length, PROGRAMME_NAME_MAX);
    assert.deepEqual(validateProgramme({ id: 'p-1', items: [item] }), []);
    assert.equal(programmeCutText(42, 10), '');
  });

  test('read through storage: a bad programme is set aside with its reason, a newer schema is left alone', () => {
    const backend = new FakeStorage();
    const store = createStorage(backend, '/app/');
    const key = store.keyFor('programme');
    backend.setItem(key, JSON.stringify({ schema: 1, savedAt: '2026-12-01T10:00:00.000Z', data: { id: 'p-1', items: 'junk' } }));
    const bad = store.read(PROGRAMME_STORAGE_NAME, PROGRAMME_READ_OPTIONS);
    assert.equal(bad.data, null);
    assert.equal(bad.reason, 'invalid');
    assert.match(bad.problem, /exercise programme could not be read, so it was put aside/);
    assert.equal(backend.getItem(key), null);
    assert.match(bad.setAsideKey, /:programme:set-aside:.*:invalid$/);
    const newer = JSON.stringify({ schema: 2, data: { anything: true } });
    backend.setItem(key, newer);
    const read = store.read(PROGRAMME_STORAGE_NAME, PROGRAMME_READ_OPTIONS);
    assert.equal(read.reason, 'newer-schema');
    assert.equal(read.problem, 'A newer version of PT Guide saved your exercise programme: reload to update.');
    assert.equal(store.write(PROGRAMME_STORAGE_NAME, sample(), PROGRAMME_SCHEMA).ok, false);
    assert.equal(backend.getItem(key), newer);
  });
});

describe('doses', () => {
  test('the item\'s own fields win, the library fills the rest', () => {
    const [bridge, walk] = sample().items;
    assert.deepEqual(programmeItemDose(bridge, library), { sets: 2, reps: 10, holdSeconds: 5, restSeconds: 30, timesPerDay: 3, daysPerWeek: 7 });
    assert.deepEqual(programmeItemDose(bridge, programmeLibraryIndex(library)), programmeItemDose(bridge, library));
    assert.deepEqual(programmeItemDose(walk, library), { sets: null, reps: null, holdSeconds: null, restSeconds: null, timesPerDay: 2, daysPerWeek: null });
    assert.deepEqual(programmeItemDose({ ...bridge, exerciseId: 'gone' }, library).holdSeconds, null, 'an id the library lacks has no defaults');
    assert.deepEqual(programmeItemDose(bridge, null).sets, 2);
  });

  test('U1: the usual dose is the library\'s only where the item has none, and the item keeps only what was typed', () => {
    const [bridge, walk] = sample().items;
    assert.deepEqual(programmeItemUsualDose(bridge, library), { sets: null, reps: null, holdSeconds: 5, restSeconds: 30, timesPerDay: 3, daysPerWeek: 7 });
    assert.deepEqual(programmeItemUsualDose(walk, library), emptyProgrammeDose(), 'a typed-in exercise has no usual dose');
    assert.deepEqual(bridge.dose, { ...emptyProgrammeDose(), sets: 2, reps: 10 });
    assert.equal(programmeDoseWords(bridge.dose), '2 sets of 10');
  });

  test('read in words', () => {
    assert.equal(programmeDoseWords({ sets: 2, reps: 10, holdSeconds: 5, restSeconds: 30, timesPerDay: 1 }),
      '2 sets of 10, hold 5 seconds, rest 30 seconds, once a day');
    assert.equal(programmeDoseWords({ sets: 1, holdSeconds: 1, restSeconds: 0, timesPerDay: 2, daysPerWeek: 3 }),
      '1 set, hold 1 second, no rest, twice a day, 3 days a week');
    assert.equal(programmeDoseWords({ reps: 8, holdSeconds: 120, timesPerDay: 3, daysPerWeek: 7 }), '8 times, hold 2 minutes, 3 times a day, every day');
    assert.equal(programmeDoseWords({}), '');
    assert.equal(programmeDoseWords(null), '');
  });
});

describe('days', () => {
  test('in words', () => {
    assert.equal(programmeDaysWords([]), 'Every day');
    assert.equal(programmeDaysWords(['mon', 'wed', 'fri']), 'Monday, Wednesday and Friday');
    assert.equal(programmeDaysWords(['sun']), 'Sunday');
    assert.equal(programmeDaysWords(['fri', 'thu', 'wed', 'tue', 'mon']), 'Monday to Friday');
    assert.equal(programmeDaysWords(['sat', 'constructor', 'sun']), 'Saturday and Sunday', 'unknown days are left out');
    assert.equal(programmeTimesWords(['08:00', '13:00', '18:00']), 'at 08:00, 13:00 and 18:00');
    assert.equal(programmeTimesWords([]), '');
  });

  test('what is due: no days is every day, nothing before the start date', () => {
    const p = sample();
    assert.equal(programmeWeekday(monday), 'mon');
    assert.equal(programmeWeekday('2026-12-06'), 'sun');
    assert.deepEqual(programmeDueOn(p, monday).map((i) => i.name), ['Bridge', 'Walk to the shop']);
    assert.deepEqual(programmeDueOn(p, '2026-12-01').map((i) => i.name), ['Walk to the shop']);
    assert.deepEqual(programmeDueOn(p, '2026-11-29'), [], 'the day before the start');
    assert.deepEqual(programmeDueOn(p, 'not a day'), []);
    assert.deepEqual(programmeDueOn(p, new Date(2026, 11, 2, 23, 30)).map((i) => i.name), ['Bridge', 'Walk to the shop'], 'a Date is read on this phone\'s calendar');
  });

  test('the review date passes the day after it', () => {
    const p = sample();
    assert.equal(programmeReviewPassed(p, '2026-12-28'), false);
    assert.equal(programmeReviewPassed(p, '2026-12-29'), true);
    assert.equal(programmeReviewPassed({ ...p, reviewDate: null }, '2030-01-01'), false);
  });
});

describe('what is left today', () => {
  function session(at, keys, programmeId) {
    const entry = emptyEntry(`e${at}`, at);
    entry.session = { programmeId, items: keys.map((key) => ({ key, skipped: false })), nextMorning: null };
    return entry;
  }

  test('items due today minus those in today\'s sessions, counting times a day', () => {
    const p = sample();
    const [bridge, walk] = p.items;
    const names = (left) => left.map((l) => `${l.item.name}:${l.timesLeft}`);
    bridge.dose.timesPerDay = 3;
    assert.deepEqual(names(programmeLeftToday(p, [], monday, library)), ['Bridge:3', 'Walk to the shop:2']);
    const morning = session('2026-11-30T08:00', [bridge.key, walk.key], p.id);
    assert.deepEqual(names(programmeLeftToday(p, [morning], monday, library)), ['Bridge:2', 'Walk to the shop:1']);
    const evening = session('2026-11-30T18:00', [walk.key, walk.key], p.id);
    assert.deepEqual(names(programmeLeftToday(p, [morning, evening], '2026-11-30', library)), ['Bridge:2'], 'one session counts an item once');
    bridge.dose.timesPerDay = null;
    assert.deepEqual(names(programmeLeftToday(p, [morning], monday, null)), ['Walk to the shop:1'], 'no library: once a day unless the item says more');
  });

  test('U1: the library\'s times a day never counts as the therapist\'s, and the words say "a day"', () => {
    const p = sample();
    const [bridge, walk] = p.items;
    const left = programmeLeftToday(p, [], monday, library);
    assert.deepEqual(left.map((l) => `${l.item.name}:${l.timesLeft}`), ['Bridge:1', 'Walk to the shop:2'], 'bridge leaves times a day to the library (3): once');
    const words = left.map(programmeLeftWords);
    assert.equal(words[0], 'Bridge (your therapist gave no times a day; this guide\'s usual starting dose is 3 times a day)');
    assert.equal(words[1], 'Walk to the shop (twice a day)');
    bridge.dose.timesPerDay = 3;
    const morning = session('2026-11-30T08:00', [bridge.key, walk.key], p.id);
    assert.deepEqual(programmeLeftToday(p, [morning], monday, library).map(programmeLeftWords),
      ['Bridge (2 more today, of 3 times a day)', 'Walk to the shop (1 more today, of twice a day)']);
    assert.equal(programmeLeftWords({ item: bridge, timesLeft: 1, timesDone: 0, usualTimes: null }), 'Bridge');
  });

  test('ignores other days, entries without a session, other programmes and junk', () => {
    const p = sample();
    const [bridge] = p.items;
    const entries = [session('2026-11-29T08:00', [bridge.key], p.id), emptyEntry('x', '2026-11-30T09:00'),
      session('2026-11-30T10:00', [bridge.key], 'p-other'), null, { at: 5 }, { at: '2026-11-30T11:00', session: { items: 'x' } },
      { at: '2026-11-30T11:00', session: { items: [null, { key: 7 }] } }];
    bridge.dose.timesPerDay = 3;
    assert.equal(programmeLeftToday(p, entries, monday, library).find((l) => l.item.key === bridge.key).timesLeft, 3);
    assert.deepEqual(programmeLeftToday(null, entries, monday), []);
    assert.deepEqual(programmeLeftToday(p, 'junk', 'junk'), []);
  });
});

describe('replacing a programme', () => {
  test('same content is the same whatever its save count; the replaced one goes into history', () => {
    const current = { ...sample(), rev: 4 };
    assert.equal(programmeSame(current, { ...current, rev: 9, history: [] }), true);
    const incoming = { ...sample(), id: 'p-new', from: 'Another clinic' };
    assert.equal(programmeSame(current, incoming), false);
    const next = programmeReplace(current, incoming);
    assert.equal(next.id, 'p-new');
    assert.equal(next.rev, 5);
    assert.equal(next.history[0].id, current.id);
    assert.deepEqual(next.history[0].history, []);
    assert.deepEqual(validateProgramme(next), []);
  });

  test('history is bounded', () => {
    let p = normalizeProgramme(sample());
    for (let i = 0; i < PROGRAMME_HISTORY_MAX + 5; i += 1) p = programmeReplace(p, { ...sample(), id: `p-${i}` });
    assert.equal(p.history.length, PROGRAMME_HISTORY_MAX);
    assert.deepEqual(validateProgramme(p), []);
  });
});
