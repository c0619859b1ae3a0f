import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterQuestions, readFaqIndex } from '../../static/js/lib/faq-filter.js';

const SYNONYMS = [['numb', 'numbness', 'tingling', 'pins and needles'], ['pee', 'bladder', 'urine'],
  ['painkiller', 'painkillers', 'ibuprofen'], ['flare', 'flare-up', 'flare up']];
const TEXTS = ['Which warning signs need help? pain tingling weakness numbness both legs bladder fever',
  'How much pain is OK? scale exercise morning'];
const listed = (results) => results.map((r) => r.index);
const wordsOf = (results, index) => results.find((r) => r.index === index)?.words ?? null;

test('a synonym finds an answer that uses another word for it', () => {
  const results = filterQuestions(TEXTS, 'pee', SYNONYMS);
  assert.deepEqual(listed(results), [0]);
  assert.deepEqual(wordsOf(results, 0), ['bladder']);
});

test('a phrase from the synonym list is one term, and the matched words are returned', () => {
  const words = wordsOf(filterQuestions(TEXTS, 'pins and needles', SYNONYMS), 0);
  assert.ok(words.includes('tingling') && words.includes('numbness'));
});

test('a typed word matches the start of a word, and one unknown word does not wipe the search', () => {
  assert.deepEqual(listed(filterQuestions(TEXTS, 'numb legs')), [0]);
  assert.deepEqual(listed(filterQuestions(TEXTS, 'numb xqzzv')), [0]);
  assert.deepEqual(listed(filterQuestions(TEXTS, 'xqzzv')), []);
});

test('a typo of one letter in a word of 5 or more letters still finds the answer, and its synonyms', () => {
  for (const typed of ['numbess', 'nubmness', 'numbnesss', 'bladdr']) {
    assert.deepEqual(listed(filterQuestions(TEXTS, typed, SYNONYMS)), [0], typed);
  }
  assert.deepEqual(listed(filterQuestions(['tingling only'], 'numbess', SYNONYMS)), [0]);
  // Short words are not stretched: "pen" is not "pee".
  assert.deepEqual(listed(filterQuestions(TEXTS, 'pen', SYNONYMS)), []);
});

test('apostrophes are ignored, so "cant" and "can\'t" are the same', () => {
  const texts = ['You can\u2019t walk', 'walk tall'];
  const first = [[0, ['cant walk']]];
  assert.deepEqual(listed(filterQuestions(texts, 'cant walk', [], first)), [0, 1]);
  assert.deepEqual(listed(filterQuestions(texts, "can't walk", [], first)), [0, 1]);
});

test('more typed words matched rank higher, then title above summary above answer', () => {
  const questions = [['Sleep', 'rest', 'back legs numb'], ['Numb legs', 'what to do', ''], ['Work', 'numb feet', ''],
    ['Legs', 'x', 'numb']];
  assert.deepEqual(listed(filterQuestions(questions, 'numb', SYNONYMS)), [1, 2, 0, 3]);
  assert.deepEqual(listed(filterQuestions(questions, 'numb legs', SYNONYMS)), [1, 3, 0, 2]);
});

test('a put-first word brings its answer to the top, in the rules\' order, even when the answer lacks the word', () => {
  const questions = [['Is pain normal?', 'Usually not serious', 'numb'], ['Emergency room', '', 'what to bring'],
    ['Warning signs', '', 'tingling bladder']];
  const first = [[2, ['numb', 'numbness', 'emergency', 'fall']], [1, ['emergency']]];
  assert.deepEqual(listed(filterQuestions(questions, 'numbness in my legs', SYNONYMS, first)).slice(0, 1), [2]);
  assert.deepEqual(listed(filterQuestions(questions, 'numbess', SYNONYMS, first))[0], 2);
  assert.deepEqual(listed(filterQuestions(questions, 'emergency', SYNONYMS, first)).slice(0, 2), [2, 1]);
  assert.deepEqual(listed(filterQuestions(questions, 'I had a fall', SYNONYMS, first)), [2]);
  assert.deepEqual(listed(filterQuestions(questions, 'normal', SYNONYMS, first)), [0]);
});

test('nothing typed shows every question in list order', () => {
  assert.deepEqual(filterQuestions(TEXTS, '   '), [{ index: 0, words: [] }, { index: 1, words: [] }]);
});

test('a stale or foreign index is ignored rather than trusted', () => {
  assert.equal(readFaqIndex(null), null);
  assert.equal(readFaqIndex({ version: 2, questions: [] }), null);
  const index = readFaqIndex({ version: 1, questions: [['a', 'x y'], [1, 2], 'junk'], synonyms: [['A', 'b'], 'c', [1]],
    first: [['warning-signs', ['Numb']], ['x', 'numb'], 3] });
  assert.deepEqual({ ...index.words }, { a: 'x y' });
  assert.deepEqual(index.synonyms, [['a', 'b']]);
  assert.deepEqual(index.first, [['warning-signs', ['numb']]]);
  assert.deepEqual(readFaqIndex({ version: 1, questions: [] }).first, []);
});

test('a word of the synonym list matches whole words with common endings, not longer words it starts', () => {
  const texts = ['pick a number from 0 to 10', 'numbness in both legs', 'a week of exercise'];
  assert.deepEqual(listed(filterQuestions(texts, 'numb', SYNONYMS)), [1]);
  assert.deepEqual(listed(filterQuestions(texts, 'num', SYNONYMS)).sort(), [0, 1]);
  assert.deepEqual(listed(filterQuestions(texts, 'wee', [['wee', 'pee']])), []);
});
