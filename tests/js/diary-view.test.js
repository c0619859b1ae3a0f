import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import { viewWhen, viewEntryLines, viewSplitExercises, viewRecentExercises, viewSuggestions, viewPeriod, viewInPeriod, viewPeriodText } from '../../static/js/lib/diary-view.js';
import { emptyEntry, DIARY_EXERCISES_MAX, DIARY_EXERCISE_MAX } from '../../static/js/lib/diary-model.js';

const entry = (fields = {}) => ({ ...emptyEntry('a1', '2026-11-03T18:30'), ...fields });

describe('dates in words', () => {
  test('name the weekday, day, month, year and time', () => {
    assert.equal(viewWhen('2026-11-03T18:30'), 'Tue 3 Nov 2026, 18:30');
    assert.equal(viewWhen('2026-11-01T07:05'), 'Sun 1 Nov 2026, 07:05');
    assert.equal(viewWhen('1969-12-31T00:00'), 'Wed 31 Dec 1969, 00:00', 'before 1970 too');
  });

  test('leave a date that is not one as it was', () => {
    assert.equal(viewWhen('soon'), 'soon');
  });
});

describe('an entry in words', () => {
  test('list only what was noted', () => {
    assert.deepEqual(viewEntryLines(entry()), ['No pain numbers']);
    assert.deepEqual(viewEntryLines(entry({ painBefore: 0, painNextMorning: 4 })), ['Pain before 0, next morning 4']);
  });

  test('say where it reaches, how it feels, the exercises and the pain check', () => {
    const lines = viewEntryLines(entry({
      painDuring: 6, reach: 'below-knee', side: 'both', feelings: ['aching', 'pins-and-needles'],
      exercises: ['Bridges', 'Cat-cow'], check: 'tell-therapist',
    }), { 'tell-therapist': 'Tell your therapist' });
    assert.deepEqual(lines, [
      'Pain during 6',
      'Reaches below the knee, both sides',
      'Feels aching, pins and needles',
      'Exercises: Bridges, Cat-cow',
      'Pain check: Tell your therapist',
    ]);
  });

  test('never show a level the pain check does not have, not even one named like an Object method', () => {
    const lines = viewEntryLines(entry({ side: 'left', check: 'urgent' }));
    assert.deepEqual(lines.slice(1), ['Reaches left side', 'Pain check: a result this version does not know']);
    for (const level of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const text = viewEntryLines(entry({ check: level }), { 'keep-going': 'Keep going' }).join(' ');
      assert.doesNotMatch(text, /function|\[native code\]|Object/, level);
    }
  });
});

describe('exercises typed in one box', () => {
  test('are one a line, so a name may hold a comma or a semicolon, trimmed and without repeats', () => {
    assert.deepEqual(viewSplitExercises(' Bridges, slow\ncat-cow; 10 times\r\n\nBridges, slow\n '), ['Bridges, slow', 'cat-cow; 10 times']);
    assert.deepEqual(viewSplitExercises(''), []);
  });

  test('are cut between characters, never in half an emoji', () => {
    const name = `${'x'.repeat(DIARY_EXERCISE_MAX - 1)}💪`;
    const [cut] = viewSplitExercises(name);
    assert.equal(cut, 'x'.repeat(DIARY_EXERCISE_MAX - 1));
    assert.doesNotMatch(cut, /[\ud800-\udfff]/);
  });

  test('keep within what the diary accepts', () => {
    const many = Array.from({ length: DIARY_EXERCISES_MAX + 5 }, (_, i) => `e${i}`).join('\n');
    assert.equal(viewSplitExercises(many).length, DIARY_EXERCISES_MAX);
    assert.equal(viewSplitExercises('x'.repeat(500))[0].length, DIARY_EXERCISE_MAX);
  });

  test('offer recent ones newest first, once each', () => {
    const newestFirst = [entry({ exercises: ['Walk', 'Bridges'] }), entry({ exercises: ['Bridges', 'Plank'] })];
    assert.deepEqual(viewRecentExercises(newestFirst), ['Walk', 'Bridges', 'Plank']);
    assert.deepEqual(viewRecentExercises(newestFirst, 2), ['Walk', 'Bridges']);
  });

  test('offer each recent exercise not listed yet', () => {
    const recent = ['Walk', 'Bridges', 'Plank'];
    assert.deepEqual(viewSuggestions('', recent), recent);
    assert.deepEqual(viewSuggestions('Bridges\n', recent), ['Walk', 'Plank']);
  });
});

describe('the period shown', () => {
  test('is whole weeks from a Monday up to today, or everything', () => {
    const friday = Math.round(Date.UTC(2026, 10, 27) / 86400000);
    assert.deepEqual(viewPeriod(4, friday), { from: '2026-11-02', to: '2026-11-27' });
    assert.deepEqual(viewPeriod(1, friday), { from: '2026-11-23', to: '2026-11-27' });
    assert.deepEqual(viewPeriod(0, friday), {});
  });

  test('takes in every minute of its first and last day', () => {
    const period = { from: '2026-11-02', to: '2026-11-27' };
    assert.ok(viewInPeriod(entry({ at: '2026-11-02T00:00' }), period));
    assert.ok(viewInPeriod(entry({ at: '2026-11-27T23:59' }), period));
    assert.ok(!viewInPeriod(entry({ at: '2026-11-01T23:59' }), period));
    assert.ok(!viewInPeriod(entry({ at: '2026-11-28T00:00' }), period));
    assert.ok(viewInPeriod(entry({ at: '1999-01-01T00:00' }), {}));
  });

  test('is described in words with the count', () => {
    assert.equal(viewPeriodText('2026-11-02', '2026-11-27', 1), '2 Nov 2026 to 27 Nov 2026: 1 entry.');
    assert.equal(viewPeriodText('2026-11-02', '2026-11-27', 0), '2 Nov 2026 to 27 Nov 2026: 0 entries.');
    assert.equal(viewPeriodText(null, null, 0), 'No entries yet.');
  });
});
