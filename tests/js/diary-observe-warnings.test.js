// B2 (physio review of issue 14): a saved Emergency or Urgent pain-check result, or an entry whose own answers
// are a warning sign (S5), comes first in the observations and holds back every reassuring line.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import { emptyEntry, diaryDayToDate, diaryParseAt } from '../../static/js/lib/diary-model.js';
import { observe } from '../../static/js/lib/diary-observe.js';

// What ptguide/diary.py's warning_words() gives with the default settings (tests/test_diary_pages.py checks it).
const warnings = {
  emergency: 'It said: Emergency: call the emergency number or go to the emergency department now. If you have not '
    + 'had help yet, do not wait: call your local emergency number. Tell your therapist too.',
  urgent: 'It said: Urgent: get a doctor\'s appointment today. If you have not had help yet, contact a doctor today '
    + 'for an urgent appointment. If you get any emergency sign, do not wait: call your local emergency number. '
    + 'Tell your therapist too.',
};
const reassuring = /good sign|settl|closer to your back|fine|nothing to worry/i;

// Daily entries from Sat 1 Nov 2025.
const day = (n, fields = {}) => ({
  ...emptyEntry(`d${n}`, `${diaryDayToDate(diaryParseAt('2025-11-01T18:00').dayNumber + n)}T18:00`), ...fields,
});
// The review's diary: pain reaching from the foot up to the back over four entries (what alone gives the
// "staying closer to your back" line), then the latest entry.
const centralising = (from) => ['foot', 'below-knee', 'thigh', 'buttock'].map((reach, i) => day(from + i, { reach }));

describe('a saved warning-sign pain check in the diary', () => {
  test('an Emergency result as the latest entry comes first, says what to do, and holds back "often a good sign"', () => {
    const list = [...centralising(0), day(4, { reach: 'back', note: 'Numb when wiping' })];
    assert.ok(observe(list).some((o) => o.id === 'staying-closer-to-back'), 'the same diary without the check');
    list[4].check = 'emergency';
    const found = observe(list, { warnings });
    assert.equal(found[0].id, 'pain-check-warning');
    assert.equal(found[0].text, `Your diary has a pain check from 5 Nov 2025. ${warnings.emergency}`);
    assert.equal(found[0].link, 'warning-signs');
    assert.equal(found[0].warning, true);
    for (const { id, text } of found) assert.doesNotMatch(text, reassuring, id);
  });

  test('an Urgent result as the latest entry says to get medical help today, and holds back the good-sign line too', () => {
    const found = observe([...centralising(0), day(4, { reach: 'back', check: 'urgent' })], { warnings });
    assert.equal(found[0].text, `Your diary has a pain check from 5 Nov 2025. ${warnings.urgent}`);
    assert.match(found[0].text, /contact a doctor today/);
    assert.deepEqual(found.map((o) => o.id), ['pain-check-warning']);
  });

  test('an Emergency result outranks a later Urgent one; milder results give no such line', () => {
    const both = observe([day(0, { check: 'emergency' }), day(1, { check: 'urgent' })], { warnings });
    assert.match(both[0].text, /from 1 Nov 2025\. It said: Emergency/);
    assert.equal(both.filter((o) => o.id === 'pain-check-warning').length, 1);
    for (const check of ['keep-going', 'tell-therapist', 'see-doctor']) {
      assert.deepEqual(observe([day(0, { check })], { warnings }), [], check);
    }
  });

  test('an Emergency two weeks ago, then calm entries: still the first line, and no good-sign line; older, it ends', () => {
    // Sat 1 Nov, then daily calm entries to Sat 15 Nov: 1 Nov is in the three calendar weeks counted back from
    // the week of the latest entry (Mon 27 Oct to Sun 16 Nov).
    const calm = (from) => [...centralising(from), day(from + 4, { reach: 'back', painDuring: 2 })];
    const early = Array.from({ length: 9 }, (_, i) => day(i + 1, { reach: 'foot', painDuring: 2 }));
    const found = observe([day(0, { check: 'emergency' }), ...early, ...calm(10)], { warnings });
    assert.equal(found[0].text, `Your diary has a pain check from 1 Nov 2025. ${warnings.emergency}`);
    for (const { id, text } of found) assert.doesNotMatch(text, reassuring, id);
    // Entries from 23 Nov: the week of Mon 24 Nov counts back to Mon 10 Nov, so 1 Nov is outside the window
    // and not among the last entries. The line ends, as every pattern does; the entry stays in the list.
    const later = observe([day(0, { check: 'emergency', reach: 'foot' }), ...calm(22)], { warnings });
    assert.deepEqual(later.map((o) => o.id), ['staying-closer-to-back']);
  });

  test('an old Emergency among the last entries of a diary kept now and then still shows', () => {
    const list = [day(0, { check: 'emergency' }), day(40, { painDuring: 2 }), day(80, { painDuring: 2 })];
    assert.equal(observe(list, { warnings })[0].id, 'pain-check-warning');
  });

  test('without the site\'s wording the line still points to the warning signs', () => {
    const [found] = observe([day(0, { check: 'urgent' })]);
    assert.equal(found.text, 'Your diary has a pain check from 1 Nov 2025. Check the warning signs now and get help as they say. Tell your therapist.');
  });
});

describe('an entry whose own answers are a warning sign (S5)', () => {
  test('pain in both legs holds back the good-sign line', () => {
    const found = observe([...centralising(0), day(4, { reach: 'buttock', side: 'both', feelings: ['pins-and-needles'] })]);
    assert.deepEqual(found.map((o) => o.id), ['both-legs']);
    assert.equal(found[0].warning, true);
  });
});
