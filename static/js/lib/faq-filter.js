// Matching for the question filter: every word typed must appear, in any order, ignoring case and accents.
function faqFilterFold(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function filterQuestions(texts, query) {
  const words = faqFilterFold(query).split(/\s+/).filter(Boolean);
  return texts.map((text) => {
    const folded = faqFilterFold(text);
    return words.every((word) => folded.includes(word));
  });
}
