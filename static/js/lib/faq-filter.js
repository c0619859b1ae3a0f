// Matching for the question filter. Every word typed must match, in any order, ignoring case and accents.
// A word matches the start of a word in the question's title, summary or answer, so a half-typed word
// already finds something. A word of the publisher's synonym list is taken as finished: it and the words
// listed beside it match whole words, with common endings ("numb" finds "numbness" and "tingling", not "number").
// Keep STOP_WORDS in step with ptguide/search_index.py, which leaves them out of the index.
const STOP_WORDS = new Set(`a an and are as at be but by can do does for from has have how i if in into is it its
of on or so that the their them then there these they this to was we what when where which who will with you your
my me am im i'm myself not no can't cant don't dont`.split(/\s+/));
const ENDINGS = ['', 's', 'es', 'ed', 'ing', 'ness'];
const WORD = /[a-z0-9&]+(?:['-][a-z0-9]+)*/g;

export function faqFilterFold(text) {
  return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function faqFilterWords(text) {
  return (faqFilterFold(text).match(WORD) || []).filter((word) => !STOP_WORDS.has(word));
}

// What was typed, as terms: a synonym phrase typed whole ("pins and needles") is one term; each other word is one.
// Each term lists what may stand for it: itself and the other members of its synonym groups.
export function faqFilterTerms(query, synonyms = []) {
  let rest = ` ${faqFilterWords(query).join(' ')} `;
  const terms = [];
  const groupsOf = (term) => synonyms.filter((group) => group.includes(term));
  for (const group of synonyms) {
    for (const phrase of group) {
      const words = faqFilterWords(phrase).join(' ');
      if (words.includes(' ') && rest.includes(` ${words} `)) {
        rest = rest.replace(` ${words} `, ' ');
        terms.push({ typed: phrase, whole: true, alternatives: [...new Set([phrase, ...groupsOf(phrase).flat()])] });
      }
    }
  }
  for (const word of rest.split(' ').filter(Boolean)) {
    const groups = groupsOf(word);
    terms.push({ typed: word, whole: groups.length > 0, alternatives: [...new Set([word, ...groups.flat()])] });
  }
  return terms;
}

// Every word of every question, once, with the questions it is in: a keystroke then looks through the
// words (a few thousand) instead of every answer's text, so a long list still answers within a frame.
export function prepareFaqSearch(texts) {
  const where = new Map();
  texts.forEach((text, i) => {
    for (const word of new Set(faqFilterWords(text))) {
      if (!where.has(word)) where.set(word, []);
      where.get(word).push(i);
    }
  });
  return { where, words: [...where.keys()], count: texts.length };
}

// The questions holding a word (whole, with a common ending) or a word starting with it (a half-typed word).
function faqFilterPart(search, part, whole) {
  const found = new Set();
  const add = (word) => { for (const i of search.where.get(word) || []) found.add(i); };
  if (whole) ENDINGS.forEach((ending) => add(part + ending));
  else search.words.forEach((word) => { if (word.startsWith(part)) add(word); });
  return found;
}

function faqFilterAlternative(search, alternative, whole) {
  const parts = faqFilterWords(alternative);
  if (!parts.length) return new Set();
  return parts.map((part) => faqFilterPart(search, part, whole))
    .reduce((kept, next) => new Set([...kept].filter((i) => next.has(i))));
}

// search: from prepareFaqSearch, or the questions' texts themselves (one string per question: title, summary
// and, once the index has loaded, its answer's words). Returns, per question, null (hidden) or the words that
// matched (empty when nothing was typed).
export function filterQuestions(search, query, synonyms = []) {
  const prepared = Array.isArray(search) ? prepareFaqSearch(search) : search;
  const terms = faqFilterTerms(query, synonyms);
  if (!terms.length) return Array.from({ length: prepared.count }, () => []);
  const found = terms.map((term) => term.alternatives
    .map((alternative) => [alternative, faqFilterAlternative(prepared, alternative, term.whole)]));
  return Array.from({ length: prepared.count }, (_, i) => {
    const words = [];
    for (const alternatives of found) {
      const hits = alternatives.filter(([, questions]) => questions.has(i)).map(([alternative]) => alternative);
      if (!hits.length) return null;
      words.push(...hits);
    }
    return [...new Set(words)];
  });
}

// The build's index as {slug: words}, or null for anything that is not one (a stale or foreign file).
export function readFaqIndex(data) {
  if (!data || data.version !== 1 || !Array.isArray(data.questions)) return null;
  const words = Object.create(null);
  for (const row of data.questions) {
    if (Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'string') words[row[0]] = row[1];
  }
  const synonyms = Array.isArray(data.synonyms)
    ? data.synonyms.filter((g) => Array.isArray(g) && g.every((t) => typeof t === 'string')).map((g) => g.map(faqFilterFold))
    : [];
  return { words, synonyms };
}
