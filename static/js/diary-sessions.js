// The diary page's "Exercise sessions" (templates/_diary_sessions.html): sessions done against the programme's
// days and each exercise's highest pain week by week, as a table and in words, on screen and in the print.
// The programme is only read here (My programme owns it); a value that cannot be read just leaves "planned" out.
import { sessionViewShortDate, sessionViewSummary, sessionViewWords } from './lib/session-view.js';

function diarySessionsProgramme(key) {
  try {
    const envelope = JSON.parse(window.localStorage.getItem(key));
    return envelope && envelope.schema === 1 && envelope.data && Array.isArray(envelope.data.items) ? envelope.data : null;
  } catch (error) {
    return null;
  }
}

function diarySessionsCell(tag, text, scope) {
  const cell = document.createElement(tag);
  cell.textContent = text;
  if (scope) cell.scope = scope;
  return cell;
}

// entries: the entries of the period shown; programmeKey: the programme's storage key.
export function diarySessionsDraw(entries, period, today, programmeKey, acceptablePain) {
  const root = document.getElementById('diary-sessions');
  if (!root) return;
  const summary = sessionViewSummary(entries, period, today, diarySessionsProgramme(programmeKey), acceptablePain);
  root.hidden = !summary;
  if (!summary) return;
  const words = document.getElementById('diary-sessions-words');
  words.replaceChildren(...sessionViewWords(summary, acceptablePain).map((text) => diarySessionsCell('li', text)));
  const head = document.createElement('tr');
  head.append(diarySessionsCell('th', 'Exercise', 'col'), ...summary.weeks.map((week) => diarySessionsCell('th', `Week of ${sessionViewShortDate(week)}`, 'col')));
  const rows = summary.exercises.map((exercise) => {
    const row = document.createElement('tr');
    row.append(diarySessionsCell('th', exercise.name, 'row'),
      ...exercise.weeks.map((pain) => diarySessionsCell('td', pain === null ? '–' : String(pain))));
    return row;
  });
  document.getElementById('diary-sessions-head').replaceChildren(head);
  document.getElementById('diary-sessions-body').replaceChildren(...rows);
}
