// Decision-table tests of the pain check's rules, generated from the site's own data,
// so a new item in site/checklists/pain-check.toml is covered without a new test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { evaluatePainCheck, painCheckExercise, painCheckWarningsCleared, PAIN_CHECK_BUILDING_ITEM, PAIN_CHECK_LEVELS, PAIN_CHECK_SESSION_SIGNS } from '../../static/js/lib/pain-check-rules.js';

const DEFAULTS = {
  emergency: 'call your local emergency number (for example 911 in the US and Canada, 999 in the UK, 112 in the EU)',
  urgent_care: 'contact a doctor today for an urgent appointment',
  acceptable_pain: 5,
};

// Fill placeholders as the build does, so the tests see what the page sees.
function render(value) {
  if (typeof value === 'string') return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => String(DEFAULTS[name]));
  if (Array.isArray(value)) return value.map(render);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, render(inner)]));
  }
  return value;
}

const checklist = render(parse(readFileSync(new URL('../../site/checklists/pain-check.toml', import.meta.url), 'utf8')));
const groupOf = new Map(checklist.groups.map((group) => [group.id, group]));
const rank = (level) => PAIN_CHECK_LEVELS.indexOf(level);
const highest = (...levels) => levels.reduce((a, b) => (rank(a) >= rank(b) ? a : b));
const options = { acceptablePain: 5 };

const items = checklist.items;
const warningItems = items.filter((item) => groupOf.get(item.group).question === 'warning');
const exerciseItems = items.filter((item) => groupOf.get(item.group).question === 'exercise');
const choiceGroups = checklist.groups.filter((group) => group.type === 'choice');

const warningGroups = checklist.groups.filter((group) => group.question === 'warning').map((group) => group.id);
// Answers with every warning group answered "I have none of these": the exercise rules apply.
const none = () => ({ pain: null, when: null, behaviour: null, ticked: [], none: [...warningGroups] });

// The answers that select one item and nothing else.
function answersFor(item) {
  const group = groupOf.get(item.group);
  if (group.type === 'scale') return { ...none(), pain: item.applies === 'above-acceptable' ? 10 : 0 };
  if (group.type === 'choice') return { ...none(), [group.id]: item.id };
  return { ...none(), ticked: [item.id] };
}

// Combine the answers of several items, as a patient filling the form would.
function combine(...answers) {
  const merged = none();
  for (const answer of answers) {
    for (const [key, value] of Object.entries(answer)) {
      if (key === 'ticked') merged.ticked.push(...value);
      else if (value !== null) merged[key] = value;
    }
  }
  return merged;
}

test('the data has items at every level and both questions, so the table is not empty', () => {
  for (const level of PAIN_CHECK_LEVELS) {
    assert.ok(items.some((item) => item.level === level), `no item at level ${level}`);
  }
  assert.ok(warningItems.length > 0 && exerciseItems.length > 0);
});

test('every outcome level has exactly one outcome card', () => {
  for (const level of PAIN_CHECK_LEVELS) {
    assert.equal(checklist.outcomes.filter((outcome) => outcome.level === level).length, 1, level);
  }
});

test('no answers at all give no outcome yet, not keep going', () => {
  assert.deepEqual(evaluatePainCheck(checklist, none(), options), { level: null, outcome: null, reasons: [], also: [], carry: null, note: null, faq: null, warningsCleared: true });
});

// A choice that only says when or how the pain changes cannot on its own say "keep going".
const choiceOnlyKeepGoing = (item) => groupOf.get(item.group).type === 'choice' && item.level === 'keep-going';

for (const item of items.filter((candidate) => choiceOnlyKeepGoing(candidate))) {
  test(`"${item.id}" alone gives no outcome yet: keep going needs a pain score or how it feels`, () => {
    assert.equal(evaluatePainCheck(checklist, answersFor(item), options).level, null);
    assert.equal(evaluatePainCheck(checklist, combine(answersFor(item), { pain: 2 }), options).level, 'keep-going');
  });
}

for (const item of items.filter((candidate) => !choiceOnlyKeepGoing(candidate))) {
  test(`"${item.id}" alone gives its own level, ${item.level}, and names itself as the reason`, () => {
    const result = evaluatePainCheck(checklist, answersFor(item), options);
    assert.equal(result.level, item.level);
    assert.equal(result.outcome.level, item.level);
    assert.deepEqual(result.reasons.map((reason) => reason.id), [item.id]);
    assert.equal(result.reasons[0].text, item.text);
    assert.equal(result.faq, result.outcome.faq);
  });
}

for (const item of warningItems) {
  test(`warning sign "${item.id}" with pain 0 gives ${item.level}`, () => {
    const result = evaluatePainCheck(checklist, combine(answersFor(item), { pain: 0 }), options);
    assert.ok(['urgent', 'emergency'].includes(item.level));
    assert.equal(result.level, item.level);
    assert.deepEqual(result.reasons.map((reason) => reason.id), [item.id]);
  });
}

test('pain 10 alone gives tell-therapist, not an emergency', () => {
  assert.equal(evaluatePainCheck(checklist, { ...none(), pain: 10 }, options).level, 'tell-therapist');
});

test('every pain score alone is keep-going up to the threshold and tell-therapist above it', () => {
  for (let pain = 0; pain <= 10; pain += 1) {
    assert.equal(evaluatePainCheck(checklist, { ...none(), pain }, options).level, pain > 5 ? 'tell-therapist' : 'keep-going', `pain ${pain}`);
  }
});

test('the threshold is a setting: pain 4 is over a threshold of 3 but within 5', () => {
  const answers = { ...none(), pain: 4 };
  assert.equal(evaluatePainCheck(checklist, answers, { acceptablePain: 3 }).level, 'tell-therapist');
  assert.equal(evaluatePainCheck(checklist, answers, { acceptablePain: 5 }).level, 'keep-going');
  assert.equal(evaluatePainCheck(checklist, answers, { acceptablePain: 4 }).level, 'keep-going');
});

test('an invalid threshold falls back to 5', () => {
  for (const acceptablePain of [undefined, null, '3', -1, 11, 2.5, Number.NaN]) {
    assert.equal(evaluatePainCheck(checklist, { ...none(), pain: 5 }, { acceptablePain }).level, 'keep-going', String(acceptablePain));
    assert.equal(evaluatePainCheck(checklist, { ...none(), pain: 6 }, { acceptablePain }).level, 'tell-therapist', String(acceptablePain));
  }
  assert.equal(evaluatePainCheck(checklist, { ...none(), pain: 6 }).level, 'tell-therapist');
});

test('the highest level wins for every pair of one exercise answer and one warning sign', () => {
  for (const exercise of exerciseItems) {
    for (const warning of warningItems) {
      const result = evaluatePainCheck(checklist, combine(answersFor(exercise), answersFor(warning)), options);
      const label = `${exercise.id} + ${warning.id}`;
      assert.equal(result.level, highest(exercise.level, warning.level), label);
      assert.equal(result.level, warning.level, `the warning sign outranks the exercise answer: ${label}`);
      assert.ok(result.reasons.some((reason) => reason.id === warning.id), label);
    }
  }
});

test('the highest level wins for every pair of items, and lower concerns are listed as also', () => {
  for (const first of items) {
    for (const second of items) {
      const a = groupOf.get(first.group);
      const b = groupOf.get(second.group);
      // Two answers to one single-choice question cannot both be given.
      if (first.id !== second.id && a.id === b.id && a.type !== 'tick') continue;
      const result = evaluatePainCheck(checklist, combine(answersFor(first), answersFor(second)), options);
      const top = choiceOnlyKeepGoing(first) && choiceOnlyKeepGoing(second) ? null : highest(first.level, second.level);
      assert.equal(result.level, top, `${first.id} + ${second.id}`);
      for (const reason of [...result.reasons, ...result.also]) assert.ok([first.id, second.id].includes(reason.id));
      assert.ok(result.also.every((reason) => rank(reason.level) < rank(top) && reason.level !== 'keep-going'));
    }
  }
});

test('nothing is keep-going or below urgent while any warning sign is ticked, whatever else is answered', () => {
  const painScores = [null, 0, 3, 5, 6, 10];
  const choiceAnswers = choiceGroups.map((group) => [null, ...items.filter((item) => item.group === group.id).map((item) => item.id)]);
  const keepGoingTicks = items.filter((item) => item.level === 'keep-going' && groupOf.get(item.group).type === 'tick').map((item) => item.id);
  const choiceCombos = choiceAnswers.reduce((combos, values) => combos.flatMap((combo) => values.map((value) => [...combo, value])), [[]]);
  for (const warning of warningItems) {
    for (const pain of painScores) {
      for (const combo of choiceCombos) {
        for (const extra of [[], keepGoingTicks]) {
          const answers = { ...none(), pain, ticked: [...extra, warning.id] };
          choiceGroups.forEach((group, index) => { answers[group.id] = combo[index]; });
          const result = evaluatePainCheck(checklist, answers, options);
          assert.ok(rank(result.level) >= rank('urgent'), `${warning.id} with ${JSON.stringify(answers)} gave ${result.level}`);
          assert.doesNotMatch(`${result.outcome.heading} ${result.outcome.body}`, /\bfine\b/i);
        }
      }
    }
  }
});

test('no outcome text says "fine"', () => {
  for (const outcome of checklist.outcomes) {
    assert.doesNotMatch(`${outcome.heading} ${outcome.body}`, /\bfine\b/i, outcome.level);
  }
});

test('unknown ids in saved answers are ignored and the known ones still count', () => {
  assert.equal(evaluatePainCheck(checklist, { ...none(), ticked: ['an-item-that-was-removed'] }, options).level, null);
  const fever = warningItems.find((item) => item.level === 'urgent');
  const result = evaluatePainCheck(checklist, { ...none(), ticked: ['an-item-that-was-removed', fever.id] }, options);
  assert.equal(result.level, 'urgent');
  assert.deepEqual(result.reasons.map((reason) => reason.id), [fever.id]);
});

test('a choice answer naming an item of another group is ignored', () => {
  const tick = items.find((item) => groupOf.get(item.group).type === 'tick');
  const choices = Object.fromEntries(choiceGroups.map((group) => [group.id, tick.id]));
  assert.equal(evaluatePainCheck(checklist, { ...none(), ...choices }, options).level, null);
});

test('pain scores that are not whole numbers from 0 to 10 count as not answered', () => {
  for (const pain of [-1, 11, 4.5, '4', Number.NaN, Number.POSITIVE_INFINITY, true, [5], { value: 5 }]) {
    assert.equal(evaluatePainCheck(checklist, { ...none(), pain }, options).level, null, String(pain));
  }
});

test('junk answers, options and checklists do not throw', () => {
  const junkAnswers = [
    undefined, null, 42, 'x', [], {}, { ticked: 'fever' }, { ticked: [null, 3, {}, ['fever']] },
    { when: 5, behaviour: {} }, { pain: null, when: null, behaviour: null, ticked: null },
    Object.create(null),
  ];
  for (const answers of junkAnswers) {
    const result = evaluatePainCheck(checklist, answers, options);
    assert.equal(result.level, null, JSON.stringify(answers));
  }
  for (const junkChecklist of [undefined, null, {}, { items: 5, groups: 'x' }, { items: [null, 1], groups: [null] }]) {
    assert.equal(evaluatePainCheck(junkChecklist, { ...none(), pain: 8, ticked: ['fever'] }, options).level, null);
  }
  for (const junkOptions of [undefined, null, 7, 'x', {}]) {
    assert.equal(evaluatePainCheck(checklist, { ...none(), pain: 8 }, junkOptions).level, 'tell-therapist');
  }
});

test('a warning sign with a mistaken low level in the data still ranks urgent', () => {
  const broken = structuredClone(checklist);
  const sign = broken.items.find((item) => groupOf.get(item.group).question === 'warning');
  sign.level = 'keep-going';
  assert.equal(evaluatePainCheck(broken, { ...none(), ticked: [sign.id] }, options).level, 'urgent');
});

test('a pain score with a mistaken high level in the data never goes above tell-therapist', () => {
  const broken = structuredClone(checklist);
  for (const item of broken.items) if (groupOf.get(item.group).type === 'scale') item.level = 'emergency';
  assert.equal(evaluatePainCheck(broken, { ...none(), pain: 10 }, options).level, 'tell-therapist');
});

test('the check asks the warning signs first: every warning group comes before the exercise questions', () => {
  const questions = checklist.groups.map((group) => group.question);
  assert.ok(warningGroups.length >= 2);
  assert.deepEqual(questions, [...questions].sort((a, b) => (a === b ? 0 : a === 'warning' ? -1 : 1)));
});

// Every subset of the warning groups short of all of them: "none" not given for at least one.
const notAllNone = warningGroups.flatMap((_, size) => warningGroups.slice(0, size).map((__, i) => warningGroups.slice(i, i + size)))
  .concat([[]], warningGroups.map((id) => [id]));

test('no answer set without "none" for every warning group gives keep going', () => {
  const choiceAnswers = choiceGroups.map((group) => [null, ...items.filter((item) => item.group === group.id).map((item) => item.id)]);
  const choiceCombos = choiceAnswers.reduce((combos, values) => combos.flatMap((combo) => values.map((value) => [...combo, value])), [[]]);
  const keepGoingTicks = items.filter((item) => item.level === 'keep-going' && groupOf.get(item.group).type === 'tick').map((item) => item.id);
  let checked = 0;
  for (const given of notAllNone.filter((subset) => subset.length < warningGroups.length)) {
    for (const pain of [null, 0, 3, 5]) {
      for (const combo of choiceCombos) {
        for (const ticked of [[], keepGoingTicks, keepGoingTicks.slice(0, 1)]) {
          const answers = { pain, ticked, none: given, when: null, behaviour: null };
          choiceGroups.forEach((group, index) => { answers[group.id] = combo[index]; });
          const result = evaluatePainCheck(checklist, answers, options);
          assert.notEqual(result.level, 'keep-going', JSON.stringify(answers));
          assert.equal(result.warningsCleared, false);
          checked += 1;
        }
      }
    }
  }
  assert.ok(checked > 100);
});

test('one tap on a low score shows no outcome until the warning signs are answered "none"', () => {
  const answers = { pain: 3, when: null, behaviour: null, ticked: [], none: [] };
  assert.equal(evaluatePainCheck(checklist, answers, options).level, null);
  assert.equal(evaluatePainCheck(checklist, { ...answers, none: warningGroups.slice(0, 1) }, options).level, null);
  assert.equal(evaluatePainCheck(checklist, { ...answers, none: warningGroups }, options).level, 'keep-going');
});

test('"none" ticked together with a warning sign of that group does not clear the warning signs', () => {
  const sign = warningItems[0];
  const answers = { ...none(), pain: 0, ticked: [sign.id] };
  assert.equal(painCheckWarningsCleared(checklist, answers), false);
  assert.equal(evaluatePainCheck(checklist, answers, options).level, sign.level);
});

test('a high score or a change answer is still shown before the warning signs are answered, never as keep going', () => {
  assert.equal(evaluatePainCheck(checklist, { pain: 8, ticked: [], none: [] }, options).level, 'tell-therapist');
  assert.equal(evaluatePainCheck(checklist, { pain: 2, when: null, ticked: ['worse-next-morning'], none: [] }, options).level, 'tell-therapist');
});

test('the next morning back to the usual level keeps going; still worse than before tells the therapist (A6)', () => {
  assert.equal(evaluatePainCheck(checklist, { ...none(), pain: 3, when: 'when-next-morning-usual' }, options).level, 'keep-going');
  assert.equal(evaluatePainCheck(checklist, { ...none(), pain: 3, ticked: ['worse-next-morning'] }, options).level, 'tell-therapist');
});

test('"still worse the next morning" is asked once, not as an answer to "when" and again as a tick', () => {
  const worse = items.filter((item) => /next morning/i.test(item.text) && item.level === 'tell-therapist');
  assert.deepEqual(worse.map((item) => item.id), ['worse-next-morning']);
});

test('a doctor\'s card keeps the change-or-stop advice when the pain is also above the limit (pain 9 + worried)', () => {
  const result = evaluatePainCheck(checklist, { ...none(), pain: 9, ticked: ['worried'] }, options);
  assert.equal(result.level, 'see-doctor');
  const change = checklist.outcomes.find((outcome) => outcome.level === 'tell-therapist');
  assert.ok(result.carry && change.body.startsWith(result.carry), result.carry);
  assert.match(result.carry, /do less of this exercise, and stop it if it still hurts/i);
  assert.equal(evaluatePainCheck(checklist, { ...none(), pain: 3, ticked: ['worried'] }, options).carry, null, 'nothing to carry');
});

test('the change-or-stop card asks to do less first, keeps daily activities, and tells a patient above the limit to ask', () => {
  const change = checklist.outcomes.find((outcome) => outcome.level === 'tell-therapist');
  assert.match(change.body, /^Do less of this exercise/);
  assert.match(change.body, /Keep up your daily activities/);
  assert.doesNotMatch(change.body, /leave this exercise out/i);
  const alone = evaluatePainCheck(checklist, { ...none(), pain: 8 }, options);
  assert.equal(alone.note, 'Already above the limit before you started? Ask your therapist what limit to use.');
  assert.equal(evaluatePainCheck(checklist, { ...none(), pain: 8, ticked: ['sharp-or-shooting'] }, options).note, null);
});

test('keep going lists how the pain feels as reasons, not neutral answers such as "during exercise"', () => {
  const result = evaluatePainCheck(checklist, { ...none(), pain: 3, when: 'when-during', behaviour: 'behaviour-steady', ticked: ['feels-like-stretch'] }, options);
  assert.equal(result.level, 'keep-going');
  assert.deepEqual(result.reasons.map((reason) => reason.id), ['pain-up-to-acceptable', 'feels-like-stretch']);
  const keepGoing = checklist.outcomes.find((outcome) => outcome.level === 'keep-going');
  assert.match(keepGoing.body, /Stop if it builds up as you go on, or if pain and stiffness build up from week to week/);
});

test('the emergency card says to call for an ambulance if you cannot get there safely, as the answers do (G8)', () => {
  // "Do not drive" is in none of the stored sources (both physiotherapist reviews): the card and the answers agree.
  const emergency = checklist.outcomes.find((outcome) => outcome.level === 'emergency');
  assert.match(emergency.body, /If you cannot get there safely on your own, call for an ambulance/);
  assert.doesNotMatch(emergency.body, /do not drive/i);
});

test('tired muscles and warning-sign heavy legs cannot be confused, and the leg hint names its warning sign (S1, S2)', () => {
  const byId = new Map(items.map((item) => [item.id, item]));
  assert.match(byId.get('legs-heavy-or-trouble-walking').text, /stay heavy or weak after you rest/);
  assert.match(byId.get('feels-like-effort').hint, /Legs that stay heavy or weak are a warning sign/);
  const worsening = byId.get('leg-weakness-getting-worse');
  assert.match(worsening.text, /one or both legs/);
  assert.ok(byId.get('spreads-down-leg').hint.includes(worsening.text), 'the hint points at the one-leg warning sign by name');
});

test('the emergency signs include the cauda equina card signs (S4)', () => {
  const emergency = warningItems.filter((item) => item.level === 'emergency').map((item) => `${item.text} ${item.hint || ''}`).join(' | ');
  for (const pattern of [/lose feeling when you pee or poo/i, /ejaculat/i, /heavy or weak/i, /trouble walking/i,
    /pee or poo yourself without meaning to/i, /bladder or bowel is full or empty/i]) {
    assert.match(emergency, pattern);
  }
});

test('the keep going card says it holds only with none of the warning signs (S3)', () => {
  const keepGoing = checklist.outcomes.find((outcome) => outcome.level === 'keep-going');
  assert.match(keepGoing.body, /if you have none of the warning signs/i);
});

// The guided session judges each exercise with painCheckExercise; the pain check with evaluatePainCheck.
// Both read the one table (painCheckExerciseItems): the same answers give the same level.
test('the session and the pain check give the same level for the same pain and build-up, at any limit', () => {
  for (const acceptablePain of [0, 3, 5, 7, 10]) {
    for (const pain of [null, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      for (const builtUp of [false, true]) {
        const session = painCheckExercise(checklist, { pain, builtUp }, { acceptablePain });
        const check = evaluatePainCheck(checklist, {
          ...none(), pain, behaviour: builtUp ? PAIN_CHECK_BUILDING_ITEM : 'behaviour-steady',
        }, { acceptablePain });
        const label = `pain ${pain}, built up ${builtUp}, limit ${acceptablePain}`;
        assert.equal(session.level, check.level, label);
        const expected = builtUp || (pain !== null && pain > acceptablePain) ? 'tell-therapist' : pain === null ? null : 'keep-going';
        assert.equal(session.level, expected, label);
        if (session.level === 'tell-therapist') assert.deepEqual(session.outcome, check.outcome, label);
      }
    }
  }
});

test('the session\'s advice is the pain check\'s own tell-therapist card, and within the limit it gives no card', () => {
  const card = checklist.outcomes.find((outcome) => outcome.level === 'tell-therapist');
  assert.equal(painCheckExercise(checklist, { pain: 8, builtUp: false }, options).outcome, card);
  assert.equal(painCheckExercise(checklist, { pain: 2, builtUp: true }, options).outcome, card);
  const noted = painCheckExercise(checklist, { pain: 3, builtUp: false }, options);
  assert.equal(noted.level, 'keep-going');
  assert.equal(noted.outcome, null, 'no "Keep going" card: the patient has not answered the warning signs');
});

test('a checklist without the building item still advises telling the therapist when the pain built up', () => {
  const trimmed = { ...checklist, items: checklist.items.filter((item) => item.id !== PAIN_CHECK_BUILDING_ITEM) };
  assert.equal(painCheckExercise(trimmed, { pain: 1, builtUp: true }, options).level, 'tell-therapist');
  assert.equal(painCheckExercise(null, { pain: 1, builtUp: true }, options).level, 'tell-therapist');
});

test('the session rule takes the default limit when given none, and ignores a score out of range', () => {
  assert.equal(painCheckExercise(checklist, { pain: 6, builtUp: false }).level, 'tell-therapist');
  assert.equal(painCheckExercise(checklist, { pain: 5, builtUp: false }, { acceptablePain: 42 }).level, 'keep-going');
  assert.equal(painCheckExercise(checklist, { pain: 11, builtUp: false }, options).level, null);
});

// Review P1: the session asks the pain check's own exercise signs; a ticked one gives the same level in both.
test('the session\'s exercise signs are the pain check\'s items, and a ticked one gives the same level in both', () => {
  for (const id of PAIN_CHECK_SESSION_SIGNS) {
    const item = checklist.items.find((entry) => entry.id === id);
    assert.ok(item && item.group === 'exercise-signs', id);
    for (const pain of [null, 2, 8]) {
      const session = painCheckExercise(checklist, { pain, builtUp: false, signs: [id] }, options);
      const check = evaluatePainCheck(checklist, { ...none(), pain, behaviour: 'behaviour-steady', ticked: [id] }, options);
      assert.equal(session.level, 'tell-therapist', `${id}, pain ${pain}`);
      assert.equal(session.level, check.level, `${id}, pain ${pain}`);
      assert.ok(session.reasons.some((reason) => reason.id === id), id);
    }
  }
  // Only the session's signs count: an unknown id or another group's item is ignored.
  assert.equal(painCheckExercise(checklist, { pain: 2, builtUp: false, signs: ['bogus', 'nearly-every-movement-hurts'] }, options).level, 'keep-going');
  const trimmed = { ...checklist, items: checklist.items.filter((item) => item.id !== 'sharp-or-shooting') };
  assert.equal(painCheckExercise(trimmed, { pain: 1, builtUp: false, signs: ['sharp-or-shooting'] }, options).level, 'tell-therapist');
});
