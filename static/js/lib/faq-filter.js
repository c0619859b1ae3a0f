// Matching and ranking for the question filter, ignoring case, accents and apostrophes ("cant" = "can't").
// A question is kept when any typed word matches; more words matched rank higher, then a match in the title
// above one in the summary above one in the answer. A word matches the start of a word, so a half-typed word
// already finds something; a word of 5 letters or more also matches words one typo away ("numbess").
// A word of the publisher's synonym list is taken as finished: it and the words listed beside it match whole
// words, with common endings ("numb" finds "numbness" and "tingling", not "number").
// The publisher's put-first rules bring an answer to the top whatever else matched: the warning signs for "numb".
// Keep STOP_WORDS in step with ptguide/search_index.py, which leaves them out of the index.
const STOP_WORDS = new Set(`a an and are as at be but by can do does for from has have how i if in into is it its
of on or so that the their them then there these they this to was we what when where which who will with you your
my me am im i'm myself not no can't cant don't dont`.split(/\s+/));
const ENDINGS = ['', 's', 'es', 'ed', 'ing', 'ness'];
const WORD = /[a-z0-9&]+(?:-[a-z0-9]+)*/g;
const FIELD_WEIGHTS = [3, 2, 1]; // title, summary, answer

export function faqFilterFold(text) {
  return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['\u2019]/g, '');
}

const allWords = (text) => faqFilterFold(text).match(WORD) || [];
const faqFilterWords = (text) => allWords(text).filter((word) => !STOP_WORDS.has(word));

// One typo: a letter missing, added, changed, or two side by side swapped.
function oneTypoApart(a, b) {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// What was typed, as terms: a synonym phrase typed whole ("pins and needles") is one term; each other word is one.
// Each term lists what may stand for it: itself, the other members of its synonym groups, and, for an unknown
// word of 5 letters or more, the known words one typo away (and their synonyms).
export function faqFilterTerms(query, synonyms = [], known = []) {
  let rest = ` ${faqFilterWords(query).join(' ')} `;
  const terms = [];
  const groupsOf = (term) => synonyms.filter((group) => group.includes(term)).flat();
  for (const group of synonyms) {
    for (const phrase of group) {
      const words = faqFilterWords(phrase).join(' ');
      if (words.includes(' ') && rest.includes(` ${words} `)) {
        rest = rest.replace(` ${words} `, ' ');
        terms.push({ typed: phrase, whole: true, near: [], alternatives: [...new Set([phrase, ...groupsOf(phrase)])] });
      }
    }
  }
  for (const word of rest.split(' ').filter(Boolean)) {
    const groups = groupsOf(word);
    const near = groups.length || word.length < 5 ? [] : known.filter((other) => oneTypoApart(word, other));
    terms.push({ typed: word, whole: groups.length > 0, near, alternatives: [...new Set([word, ...groups, ...near.flatMap(groupsOf)])] });
  }
  return terms;
}

// Every word of every question, once, with the questions it is in and where (title, summary or answer): a
// keystroke then looks through the words (a few thousand) instead of every answer's text, so a long list still
// answers within a frame. A question is a string (its answer's words) or [title, summary, answer].
export function prepareFaqSearch(questions) {
  const where = new Map();
  questions.forEach((fields, i) => {
    [].concat(fields).forEach((text, field) => {
      const weight = FIELD_WEIGHTS[Array.isArray(fields) ? field : 2];
      for (const word of faqFilterWords(text)) {
        if (!where.has(word)) where.set(word, new Map());
        const places = where.get(word);
        if (!(places.get(i) >= weight)) places.set(i, weight);
      }
    });
  });
  return { where, words: [...where.keys()], count: questions.length };
}

// The questions holding a word (whole, with a common ending) or a word starting with it (a half-typed word),
// each with the weight of the best place it is in.
function faqFilterPart(search, part, whole) {
  const found = new Map();
  const add = (word) => {
    for (const [i, weight] of search.where.get(word) || []) if (!(found.get(i) >= weight)) found.set(i, weight);
  };
  if (whole) ENDINGS.forEach((ending) => add(part + ending));
  else search.words.forEach((word) => { if (word.startsWith(part)) add(word); });
  return found;
}

// A phrase matches a question holding all its words; its weight is that of its least prominent word.
function faqFilterAlternative(search, alternative, whole) {
  const parts = faqFilterWords(alternative);
  if (!parts.length) return new Map();
  return parts.map((part) => faqFilterPart(search, part, whole)).reduce((kept, next) => new Map(
    [...kept].filter(([i]) => next.has(i)).map(([i, weight]) => [i, Math.min(weight, next.get(i))])));
}

// The put-first rules ([answer index, words]) that what was typed names: a listed word or phrase typed
// (apostrophes ignored, so "cant walk" is "can't walk"), a typo of one, or the start of one 4 letters or longer.
function faqFilterFirst(query, terms, first) {
  const typed = ` ${allWords(query).join(' ')} `;
  const named = (word) => typed.includes(` ${word} `) || terms.some((term) => term.typed === word
    || term.near.includes(word) || (!term.whole && term.typed.length >= 4 && word.startsWith(term.typed)));
  return first.filter(([, words]) => words.some(named)).map(([index]) => index);
}

// search: from prepareFaqSearch, or the questions themselves. first: put-first rules as [question index, words].
// Returns the matching questions, best first, as {index, words}: the words that matched (all questions, in list
// order with no words, when nothing was typed).
export function filterQuestions(search, query, synonyms = [], first = []) {
  const prepared = Array.isArray(search) ? prepareFaqSearch(search) : search;
  const known = [...new Set([...prepared.words, ...synonyms.flat().filter((word) => !word.includes(' '))])];
  const terms = faqFilterTerms(query, synonyms, known);
  if (!terms.length) return Array.from({ length: prepared.count }, (_, index) => ({ index, words: [] }));
  const scores = new Map();
  for (const term of terms) {
    const best = new Map();
    for (const alternative of term.alternatives) {
      const whole = term.whole || alternative !== term.typed;
      // What the patient typed counts a little more than a synonym of it, never as much as a better place.
      const bonus = alternative === term.typed ? 0.5 : 0;
      for (const [i, weight] of faqFilterAlternative(prepared, alternative, whole)) {
        if (!scores.has(i)) scores.set(i, { index: i, words: [], score: 0 });
        scores.get(i).words.push(alternative);
        best.set(i, Math.max(best.get(i) || 0, weight + bonus));
      }
    }
    // Each term matched outweighs any places: more of the typed words matched always ranks higher. Between
    // equals, an answer using more of the term's synonyms is more about it ("work": the one naming job and employer).
    for (const [i, weight] of best) {
      const { words } = scores.get(i);
      scores.get(i).score += 10 + weight + 0.1 * Math.min(4, term.alternatives.filter((a) => words.includes(a)).length);
    }
  }
  const pinned = faqFilterFirst(query, terms, first);
  for (const [rank, i] of pinned.entries()) {
    if (!scores.has(i)) scores.set(i, { index: i, words: [], score: 0 });
    scores.get(i).score += 1e6 * (pinned.length - rank);
  }
  return [...scores.values()].sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ index, words }) => ({ index, words: [...new Set(words)] }));
}

// The build's index as {slug: words}, synonyms and put-first rules, or null for anything that is not one
// (a stale or foreign file).
export function readFaqIndex(data) {
  if (!data || data.version !== 1 || !Array.isArray(data.questions)) return null;
  const words = Object.create(null);
  for (const row of data.questions) {
    if (Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'string') words[row[0]] = row[1];
  }
  const strings = (list) => Array.isArray(list) && list.every((t) => typeof t === 'string');
  const synonyms = Array.isArray(data.synonyms) ? data.synonyms.filter(strings).map((g) => g.map(faqFilterFold)) : [];
  const first = Array.isArray(data.first)
    ? data.first.filter((r) => Array.isArray(r) && typeof r[0] === 'string' && strings(r[1]))
      .map(([slug, list]) => [slug, list.map(faqFilterFold)])
    : [];
  return { words, synonyms, first };
}
