import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import {
  DIARY_MIGRATIONS, DIARY_READ_OPTIONS, DIARY_NOTE_MAX,
  newId, emptyEntry, emptyDiary, validateEntry, diaryEntryIsBlank, diaryCutText, diarySalvage, validateDiary, normalizeEntry, sortNewestFirst,
  diaryParseAt, diaryWeekStart, diaryDayToDate, diaryAtFromDate,
} from '../../static/js/lib/diary-model.js';
import { observe } from '../../static/js/lib/diary-observe.js';
import { createStorage } from '../../static/js/lib/storage.js';
import { PAIN_CHECK_LEVELS } from '../../static/js/lib/pain-check-rules.js';

function entry(id, at, fields = {}) {
  return { ...emptyEntry(id, at), ...fields };
}

// A seeded generator, so "random" ids are the same on every run.
function seeded(seed = 1) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const full = entry('abc123', '2025-11-03T18:30', {
  painBefore: 2, painDuring: 4, painAfter: 3, painNextMorning: 1,
  reach: 'thigh', side: 'left', feelings: ['aching', 'stiff'], exercises: ['Bridges', 'Cat-cow'],
  note: 'Felt OK.', check: 'keep-going',
});

describe('dates', () => {
  test('are read from their digits, whatever the machine time zone', () => {
    const when = diaryParseAt('2025-11-03T18:30');
    assert.equal(when.dayNumber, 20395);
    assert.equal(when.minuteOfDay, 18 * 60 + 30);
    assert.equal(diaryDayToDate(when.dayNumber), '2025-11-03');
  });

  test('reject impossible days, times and shapes', () => {
    for (const bad of ['2025-02-29T10:00', '2025-13-01T10:00', '2025-11-03T24:00', '2025-11-03', '2025-11-03T18:30:00', '0099-01-01T00:00', 42]) {
      assert.equal(diaryParseAt(bad), null, String(bad));
    }
    assert.ok(diaryParseAt('2024-02-29T10:00'), 'a leap day is real');
  });

  test('put every day of a week on the Monday that starts it', () => {
    const monday = diaryParseAt('2025-11-03T00:00').dayNumber;
    for (let d = 0; d < 7; d += 1) assert.equal(diaryWeekStart(monday + d), monday);
    assert.equal(diaryWeekStart(monday - 1), monday - 7);
  });

  test('are written from a Date as the wall-clock time the patient sees', () => {
    assert.equal(diaryAtFromDate(new Date(2025, 10, 3, 7, 5)), '2025-11-03T07:05');
  });
});

describe('ids', () => {
  test('come from an injected random source, so tests need no crypto', () => {
    const a = newId(seeded(7));
    assert.equal(a, newId(seeded(7)));
    assert.match(a, /^[a-z0-9]{16}$/);
  });

  test('are unique across many draws without an injected source', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId()));
    assert.equal(ids.size, 1000);
  });
});

describe('validating an entry', () => {
  test('accepts a complete entry', () => {
    assert.deepEqual(validateEntry(full), []);
  });

  test('accepts an entry with only an id and a date, and fills the rest when normalised', () => {
    assert.deepEqual(validateEntry({ id: 'a', at: '2025-11-03T10:00' }), []);
    assert.deepEqual(normalizeEntry({ id: 'a', at: '2025-11-03T10:00' }), emptyEntry('a', '2025-11-03T10:00'));
  });

  test('accepts every level the pain check can save', () => {
    for (const level of PAIN_CHECK_LEVELS) assert.deepEqual(validateEntry({ ...full, check: level }), [], level);
  });

  const cases = [
    ['a pain above 10', { painDuring: 11 }, /pain during exercise must be a whole number from 0 to 10/],
    ['a negative pain', { painBefore: -1 }, /pain before exercise/],
    ['a fractional pain', { painAfter: 4.5 }, /pain after exercise/],
    ['a pain given as text', { painNextMorning: '5' }, /pain the next morning/],
    ['an unknown reach', { reach: 'knee' }, /how far the pain reaches/],
    ['an unknown side', { side: 'middle' }, /left, right or both/],
    ['an unknown feeling', { feelings: ['tickly'] }, /feels like/],
    ['feelings that are not a list', { feelings: 'sharp' }, /feels like/],
    ['an exercise that is not text', { exercises: [3] }, /exercises must be a list/],
    ['a note that is too long', { note: 'x'.repeat(DIARY_NOTE_MAX + 1) }, /longer than 2000/],
    ['a note that is not text', { note: { html: true } }, /note must be text/],
    ['a pain-check result holding markup', { check: '<b>urgent</b>' }, /pain-check result/],
    ['a missing id', { id: undefined }, /id is missing/],
    ['a date without a time', { at: '2025-11-03' }, /date and time/],
  ];
  for (const [what, change, message] of cases) {
    test(`rejects ${what} with a plain message`, () => {
      const problems = validateEntry({ ...full, ...change });
      assert.equal(problems.length, 1, problems.join(' | '));
      assert.match(problems[0], message);
    });
  }
});

describe('validating a diary', () => {
  test('names the entry and its date for each problem', () => {
    const problems = validateDiary({ entries: [full, { ...full, id: 'b', painDuring: 12 }] });
    assert.deepEqual(problems, ['Entry 2 (2025-11-03 18:30): pain during exercise must be a whole number from 0 to 10, or left empty.']);
  });

  test('finds two entries with the same id', () => {
    assert.match(validateDiary({ entries: [full, full] })[0], /same id/);
  });

  test('refuses something that is not a diary', () => {
    assert.deepEqual(validateDiary([]), ['The diary has no list of entries.']);
    assert.deepEqual(validateDiary(emptyDiary()), []);
  });

  test('keeps its list of problems short enough to read', () => {
    const entries = Array.from({ length: 50 }, (_, i) => ({ id: `e${i}`, at: 'soon' }));
    const problems = validateDiary({ entries });
    assert.equal(problems.length, 21);
    assert.equal(problems[20], '… and 30 more problems.');
  });
});

describe('sorting', () => {
  test('puts the newest first and, within one minute, the last added first', () => {
    const list = [
      entry('a', '2025-11-01T10:00'),
      entry('b', '2025-11-03T09:00'),
      entry('c', '2025-11-02T10:00'),
      entry('d', '2025-11-03T09:00'),
    ];
    assert.deepEqual(sortNewestFirst(list).map((e) => e.id), ['d', 'b', 'c', 'a']);
    assert.deepEqual(list.map((e) => e.id), ['a', 'b', 'c', 'd'], 'the input is not changed');
  });
});

describe('the schema 1 migration', () => {
  const v1 = { entries: [{ date: '2025-10-01', pain: 6, note: 'first week' }, { id: 'keep-me', date: '2025-10-02T08:15', pain: null }] };

  test('moves the single pain number to pain during exercise and gives each entry a full shape', () => {
    const v2 = DIARY_MIGRATIONS[1](v1);
    assert.deepEqual(validateDiary(v2), []);
    assert.deepEqual(v2.entries[0], { ...emptyEntry('v1-20251001-0', '2025-10-01T12:00'), painDuring: 6, note: 'first week' });
    assert.equal(v2.entries[1].id, 'keep-me');
    assert.equal(v2.entries[1].at, '2025-10-02T08:15');
  });

  test('gives the same ids every time, so importing an old file twice adds nothing the second time', () => {
    assert.deepEqual(DIARY_MIGRATIONS[1](v1), DIARY_MIGRATIONS[1](v1));
  });

  test('runs through the storage module and is saved back as the current schema (3)', () => {
    const map = new Map([['ptguide:/pt-guide/:diary', JSON.stringify({ schema: 1, savedAt: '2025-10-02T08:00:00.000Z', data: v1 })]]);
    const backend = {
      get length() { return map.size; },
      key: (i) => [...map.keys()][i] ?? null,
      getItem: (k) => (map.has(k) ? map.get(k) : null),
      setItem: (k, v) => map.set(k, String(v)),
      removeItem: (k) => map.delete(k),
    };
    const store = createStorage(backend, '/pt-guide/');
    const result = store.read('diary', DIARY_READ_OPTIONS);
    assert.equal(result.problem, null);
    assert.equal(result.data.entries[0].painDuring, 6);
    assert.equal(JSON.parse(map.get('ptguide:/pt-guide/:diary')).schema, 3);
  });

  test('fails (so storage sets the data aside) on a schema 1 value without entries', () => {
    assert.throws(() => DIARY_MIGRATIONS[1]({ nothing: 1 }), TypeError);
  });
});

describe('observations', () => {
  // A helper for a run of daily entries from 1 Nov 2025 (a Saturday).
  const day = (n, fields) => entry(`d${n}`, `${diaryDayToDate(diaryParseAt('2025-11-01T18:00').dayNumber + n)}T18:00`, fields);
  const ids = (list, options) => observe(list, options).map((o) => o.id);

  test('say nothing about an empty diary', () => {
    assert.deepEqual(observe([]), []);
  });

  test('flag next-morning pain higher than before exercise on the latest entry alone (A8)', () => {
    const list = [
      day(0, { painBefore: 2, painNextMorning: 2 }),
      day(1, { painBefore: 2, painNextMorning: 2 }),
      day(2, { painBefore: 2, painNextMorning: 3 }),
      day(3, { painBefore: 3, painNextMorning: null }),
    ];
    const found = observe(list);
    assert.deepEqual(found.map((o) => o.id), ['next-morning-higher']);
    assert.match(found[0].text, /higher than before you exercised/);
    assert.match(found[0].text, /Tell your therapist/);
  });

  // Review P4: a next-morning "Worse" counts with or without a number; "Better" or "same" later ends it.
  test('flag a next-morning "worse" answer on the latest answered session, with or without a number', () => {
    const session = (nextMorning) => ({ programmeId: null, items: [{ key: null, exerciseId: null, name: 'Bridge', planned: {}, done: { sets: 1 }, pain: 3 }], nextMorning });
    const worse = observe([day(0, { painBefore: 1 }), day(1, { painBefore: 1, session: session('worse') })]);
    assert.deepEqual(worse.map((o) => o.id), ['next-morning-worse']);
    assert.match(worse[0].text, /still worse than before you exercised\. Tell your therapist/);
    assert.ok(!/fine|normal|keep going/i.test(worse[0].text));
    assert.deepEqual(ids([day(0, { session: session('worse') }), day(1, { session: session('better') })]), []);
    assert.deepEqual(ids([day(0, { session: session('worse') }), day(1, { session: session('dismissed') })]), ['next-morning-worse']);
  });

  test('do not flag next-morning pain when the latest morning settled, however the ones before went', () => {
    assert.deepEqual(ids([
      day(0, { painBefore: 2, painNextMorning: 5 }),
      day(1, { painBefore: 2, painNextMorning: 4 }),
      day(2, { painBefore: 2, painNextMorning: 2 }),
    ]), []);
  });

  test('flag next-morning pain above the limit even when it was as high before (A8)', () => {
    const found = observe([day(0, { painBefore: 7, painNextMorning: 7 })]);
    assert.deepEqual(found.map((o) => o.id), ['next-morning-above-limit']);
    assert.match(found[0].text, /above 5 out of 10, the general limit this guide uses/);
  });

  test('flag pain in both legs, reaching the foot or with pins and needles, and point to the warning signs (S5)', () => {
    for (const fields of [{ side: 'both', reach: 'foot' }, { side: 'both', feelings: ['pins-and-needles'] }, { side: 'both', reach: 'thigh' }]) {
      const found = observe([day(0, fields)]);
      assert.equal(found[0].id, 'both-legs', JSON.stringify(fields));
      assert.equal(found[0].link, 'warning-signs');
      assert.match(found[0].text, /both legs.*warning sign/);
      assert.doesNotMatch(found[0].text, /fine|good sign/);
    }
    assert.deepEqual(ids([day(0, { side: 'both', reach: 'back' })]), [], 'back pain on both sides is not leg pain');
    assert.deepEqual(ids([day(0, { side: 'left', reach: 'foot' })]), []);
  });

  test('name the limit as the guide\'s general one, or the clinic\'s when it set one (A7)', () => {
    const list = [day(0, { painDuring: 7 })];
    assert.match(observe(list)[0].text, /the general limit this guide uses/);
    assert.doesNotMatch(observe(list)[0].text, /programme allows/);
    assert.match(observe(list, { limitFromClinic: true })[0].text, /the limit your clinic set/);
  });

  test('compare next-morning pain with the lowest pain of that day when pain before was left empty', () => {
    const list = [day(0, { painDuring: 3, painAfter: 2, painNextMorning: 3 })];
    assert.deepEqual(ids(list), ['next-morning-higher']);
  });

  test('flag pain during exercise above the acceptable level on one of the last entries', () => {
    const found = observe([day(0, { painDuring: 3 }), day(1, { painDuring: 6 }), day(2, { painDuring: 4 })]);
    assert.deepEqual(found.map((o) => o.id), ['above-acceptable']);
    assert.match(found[0].text, /above 5 out of 10.*Tell your therapist/);
  });

  test('flag pain after exercise above the acceptable level too', () => {
    assert.deepEqual(ids([day(0, { painAfter: 7 })]), ['above-acceptable']);
  });

  test('do not flag pain at the acceptable level, or an old high pain outside the last entries', () => {
    assert.deepEqual(ids([day(0, { painDuring: 5 }), day(1, { painAfter: 5 })]), []);
    assert.deepEqual(ids([day(0, { painDuring: 9 }), day(1, { painDuring: 3 }), day(2, { painDuring: 2 }), day(3, { painDuring: 4 })]), []);
  });

  test('use the clinic\'s acceptable level from the settings', () => {
    const list = [day(0, { painDuring: 4 })];
    assert.deepEqual(ids(list, { acceptablePain: 3 }), ['above-acceptable']);
    assert.match(observe(list, { acceptablePain: 3 })[0].text, /above 3 out of 10/);
    assert.deepEqual(ids(list, { acceptablePain: 4 }), []);
  });

  test('flag pain reaching further down the leg than in the entries before', () => {
    const found = observe([day(0, { reach: 'buttock' }), day(1, { reach: 'thigh' }), day(2, { reach: 'below-knee' })]);
    assert.deepEqual(found.map((o) => o.id), ['spreading-down-leg']);
    assert.match(found[0].text, /stop that exercise and tell your therapist/);
  });

  test('do not flag pain that reaches no further than before', () => {
    assert.deepEqual(ids([day(0, { reach: 'thigh' }), day(1, { reach: 'thigh' })]), []);
    assert.deepEqual(ids([day(0, { reach: 'foot' })]), [], 'one entry has nothing to compare with');
  });

  test('mention pain staying closer to the back than before as a good sign, without saying all is well', () => {
    const found = observe([day(0, { reach: 'foot' }), day(1, { reach: 'thigh' }), day(2, { reach: 'buttock' }), day(3, { reach: 'back' })]);
    assert.deepEqual(found.map((o) => o.id), ['staying-closer-to-back']);
    assert.match(found[0].text, /good sign, if your leg is not getting more numb or weaker\. If it is, check the warning signs now\. Mention it to your therapist/);
    assert.doesNotMatch(found[0].text, /fine|healed|cured|will/i);
  });

  test('do not call it centralising when only the latest entry moved up', () => {
    assert.deepEqual(ids([day(0, { reach: 'foot' }), day(1, { reach: 'foot' }), day(2, { reach: 'back' })]), []);
  });

  test('do not report both spreading and staying closer at once', () => {
    const list = [day(0, { reach: 'foot' }), day(1, { reach: 'back' }), day(2, { reach: 'back' }), day(3, { reach: 'back' }), day(4, { reach: 'thigh' })];
    assert.deepEqual(ids(list), ['spreading-down-leg']);
  });

  test('flag a weekly average pain that rose two weeks in a row', () => {
    // Weeks starting Mon 3, 10 and 17 Nov 2025.
    const list = [
      entry('w1a', '2025-11-03T10:00', { painDuring: 2 }), entry('w1b', '2025-11-05T10:00', { painDuring: 3 }),
      entry('w2a', '2025-11-10T10:00', { painDuring: 3 }), entry('w2b', '2025-11-16T23:59', { painDuring: 4 }),
      entry('w3a', '2025-11-17T00:00', { painDuring: 4 }), entry('w3b', '2025-11-19T10:00', { painDuring: 5 }),
    ];
    const found = observe(list);
    assert.deepEqual(found.map((o) => o.id), ['weekly-pain-rising']);
    assert.match(found[0].text, /build up from week to week\. Tell your therapist/);
  });

  test('do not flag weekly pain that rose once and then held, or skipped a week', () => {
    assert.deepEqual(ids([
      entry('a', '2025-11-03T10:00', { painDuring: 2 }),
      entry('b', '2025-11-10T10:00', { painDuring: 4 }),
      entry('c', '2025-11-17T10:00', { painDuring: 4 }),
    ]), []);
    assert.deepEqual(ids([
      entry('a', '2025-11-03T10:00', { painDuring: 2 }),
      entry('b', '2025-11-17T10:00', { painDuring: 3 }),
      entry('c', '2025-11-24T10:00', { painDuring: 4 }),
    ]), []);
  });

  test('do not mix kinds of pain when comparing weeks', () => {
    assert.deepEqual(ids([
      entry('a', '2025-11-03T10:00', { painBefore: 1 }),
      entry('b', '2025-11-10T10:00', { painDuring: 3 }),
      entry('c', '2025-11-17T10:00', { painAfter: 4 }),
    ]), []);
  });

  test('read the entries in time order whatever order they are given in', () => {
    const list = [day(2, { reach: 'below-knee' }), day(0, { reach: 'buttock' }), day(1, { reach: 'thigh' })];
    assert.deepEqual(ids(list), ['spreading-down-leg']);
  });

  test('are only ever fixed referral sentences: no scores, predictions or reassurance', () => {
    const everything = observe([
      entry('a', '2025-11-03T10:00', { painBefore: 1, painDuring: 6, painNextMorning: 2, reach: 'thigh' }),
      entry('b', '2025-11-10T10:00', { painBefore: 2, painDuring: 7, painNextMorning: 3, reach: 'thigh' }),
      entry('c', '2025-11-17T10:00', { painBefore: 3, painDuring: 8, painNextMorning: 4, reach: 'foot' }),
    ]);
    assert.deepEqual(everything.map((o) => o.id), ['next-morning-higher', 'above-acceptable', 'spreading-down-leg', 'weekly-pain-rising']);
    const bothLegs = observe([entry('d', '2025-11-18T10:00', { side: 'both', reach: 'foot', painNextMorning: 8 })]);
    everything.push(...bothLegs);
    for (const { text } of everything) {
      assert.match(text, /(tell|mention it to) your therapist/i);
      assert.doesNotMatch(text, /score|risk|%|will get|you are fine|nothing to worry|diagnos/i);
    }
  });
});

describe('entries that cannot be right', () => {
  test('a date before 2000 or after 2099 is refused with a clear reason (issue 12 #4)', () => {
    for (const at of ['1900-01-01T10:00', '1999-12-31T23:59', '2999-12-30T10:00', '2100-01-01T00:00']) {
      const problems = validateEntry(entry('x', at));
      assert.equal(problems.length, 1, at);
      assert.match(problems[0], /before 2000 or after 2099/);
    }
    assert.deepEqual(validateEntry(entry('x', '2000-01-01T00:00')), []);
  });

  test('an entry with nothing noted is blank; a pain value, a tick or a note is enough (issue 12 #8)', () => {
    assert.equal(diaryEntryIsBlank(emptyEntry('x', '2025-11-03T10:00')), true);
    for (const fields of [{ painAfter: 0 }, { feelings: ['stiff'] }, { side: 'left' }, { note: 'sore' }, { exercises: ['Walk'] }, { check: 'keep-going' }]) {
      assert.equal(diaryEntryIsBlank(normalizeEntry(entry('x', '2025-11-03T10:00', fields))), false, JSON.stringify(fields));
    }
  });

  test('text is cut between characters', () => {
    assert.equal(diaryCutText('ab💪', 3), 'ab');
    assert.equal(diaryCutText('ab💪', 4), 'ab💪');
  });

  test('carry a version that starts at 1 and must be a whole number', () => {
    assert.equal(normalizeEntry(entry('x', '2025-11-03T10:00')).rev, 1);
    assert.equal(normalizeEntry(entry('x', '2025-11-03T10:00', { rev: 4 })).rev, 4);
    assert.match(validateEntry(entry('x', '2025-11-03T10:00', { rev: 'two' }))[0], /version/);
  });
});

describe('a stored diary with bad entries', () => {
  test('keeps the good entries and sets aside only the bad ones (issue 12 #2)', () => {
    const good = [entry('a', '2025-11-01T10:00', { painDuring: 3 }), entry('b', '2025-11-02T10:00'), entry('c', '2025-11-03T10:00')];
    const bad = entry('d', '2025-11-04T10:00', { painDuring: 11 });
    const result = diarySalvage({ entries: [good[0], bad, good[1], good[2], { ...good[1] }] });
    assert.deepEqual(result.data.entries.map((e) => e.id), ['a', 'b', 'c']);
    assert.deepEqual(result.rejected.entries.map((e) => e.id), ['d', 'b']);
    assert.equal(diarySalvage({ entries: good }), null, 'nothing to set aside');
    assert.equal(diarySalvage('junk'), null);
  });
});
