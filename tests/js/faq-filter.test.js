import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterQuestions, readFaqIndex } from '../../static/js/lib/faq-filter.js';

const SYNONYMS = [['numb', 'numbness', 'tingling', 'pins and needles'], ['pee', 'bladder', 'urine']];
const TEXTS = ['Which warning signs need help? pain tingling weakness numbness both legs bladder fever',
  'How much pain is OK? scale exercise morning'];

test('a synonym finds an answer that uses another word for it', () => {
  const [warning, dose] = filterQuestions(TEXTS, 'pee', SYNONYMS);
  assert.deepEqual(warning, ['bladder']);
  assert.equal(dose, null);
});

test('a phrase from the synonym list is one term, and the matched words are returned', () => {
  const [warning] = filterQuestions(TEXTS, 'pins and needles', SYNONYMS);
  assert.ok(warning.includes('tingling') && warning.includes('numbness'));
});

test('a typed word matches the start of a word, and every typed word must match', () => {
  assert.notEqual(filterQuestions(TEXTS, 'numb legs')[0], null);
  assert.equal(filterQuestions(TEXTS, 'numb xqzzv')[0], null);
  assert.deepEqual(filterQuestions(TEXTS, 'Numbness in my legs').map((r) => r !== null), [true, false]);
});

test('nothing typed shows every question', () => {
  assert.deepEqual(filterQuestions(TEXTS, '   '), [[], []]);
});

test('a stale or foreign index is ignored rather than trusted', () => {
  assert.equal(readFaqIndex(null), null);
  assert.equal(readFaqIndex({ version: 2, questions: [] }), null);
  const index = readFaqIndex({ version: 1, questions: [['a', 'x y'], [1, 2], 'junk'], synonyms: [['A', 'b'], 'c', [1]] });
  assert.deepEqual({ ...index.words }, { a: 'x y' });
  assert.deepEqual(index.synonyms, [['a', 'b']]);
});

test('a word of the synonym list matches whole words with common endings, not longer words it starts', () => {
  const texts = ['pick a number from 0 to 10', 'numbness in both legs', 'a week of exercise'];
  assert.deepEqual(filterQuestions(texts, 'numb', SYNONYMS).map((r) => r !== null), [false, true, false]);
  assert.deepEqual(filterQuestions(texts, 'num', SYNONYMS).map((r) => r !== null), [true, true, false]);
  assert.deepEqual(filterQuestions(texts, 'wee', [['wee', 'pee']]).map((r) => r !== null), [false, false, false]);
});
