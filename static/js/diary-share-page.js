// The diary's share features, loaded by diary.js only when the patient first
// exports, imports or downloads a set-aside copy (bundle "diary-share"). This
// bundle has its own scope, so the hand-off is one global: window.ptguideDiaryShare.
// It holds no diary of its own: the page passes the diary in and saves what
// comes back, so storage stays the page's business.
import { diaryAtFromDate, diaryParseAt, diaryShortDate, newId } from './lib/diary-model.js';
import { DIARY_IMPORT_MAX_BYTES, parseImport, mergeDiaries, toExportJson, toCsv, parseSetAside, setAsideFile } from './lib/diary-share.js';
import { PROGRAMME_STORAGE_NAME, PROGRAMME_SCHEMA, PROGRAMME_READ_OPTIONS, normalizeProgramme, programmeSame, programmeReplace } from './lib/programme-model.js';
import { storageChange, storageLocks } from './lib/storage-lock.js';

// Offers the file to the phone's share sheet when it can take files, else downloads it.
function diaryShareDeliver(name, text, type) {
  const file = new File([text], name, { type });
  const save = () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(file);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 30000);
  };
  if (navigator.canShare && navigator.canShare({ files: [file] })) {
    navigator.share({ files: [file], title: name }).catch((error) => { if (error.name !== 'AbortError') save(); });
  } else save();
}

// Why a copy was set aside, in the patient's words (reasons from lib/storage.js).
const diaryAsideWhy = {
  'bad-entries': 'these entries could not be read',
  invalid: 'it had mistakes this version cannot read',
  'not-json': 'it was not readable',
  'wrong-shape': 'it was not a diary this version can read',
  'newer-schema': 'an older version of PT Guide could not read it',
  'no-migration': 'it could not be updated for this version',
  'migration-failed': 'it could not be updated for this version',
};

// What a set-aside copy other than the diary is (names from the pages' storage). Only these two are put
// back as they are: the others are worked out again (the summary, the backup date) or are a draft.
const diaryAsideWhat = {
  'next-session': 'Your next-session list and note',
  'pain-check': 'Your pain check answers',
  'diary-backup': 'The date of your last copy',
  'diary-summary': 'The diary summary for the next-session page',
  programme: 'Your exercise programme',
};
const diaryAsidePutBack = ['diary', 'next-session', 'pain-check', 'programme'];

function diaryCopyWhat(name) {
  if (name.startsWith('diary-draft')) return 'An entry you were typing (a draft)';
  if (name.startsWith('programme-draft')) return 'A change to your programme you were typing (a draft)';
  return Object.prototype.hasOwnProperty.call(diaryAsideWhat, name) ? diaryAsideWhat[name] : 'Something this app kept';
}

function diaryDescribeCopy(copy, raw) {
  let count = null;
  try {
    const parsed = JSON.parse(raw);
    const entries = parsed.app ? parsed.entries : parsed.data.entries;
    if (Array.isArray(entries)) count = entries.length;
  } catch (error) {
    // Not a diary at all: nothing to count.
  }
  const holds = count === null ? 'It could not be read' : `It holds ${count} ${count === 1 ? 'entry' : 'entries'}`;
  const day = diaryParseAt(`${copy.at.slice(0, 10)}T00:00`);
  const when = day ? diaryShortDate(day.dayNumber, true) : copy.at.slice(0, 10);
  // Only reasons this version knows: a key's tail such as "constructor" must not reach the page.
  const why = Object.prototype.hasOwnProperty.call(diaryAsideWhy, copy.reason) ? diaryAsideWhy[copy.reason] : 'it could not be read';
  if (copy.name !== 'diary') return `${diaryCopyWhat(copy.name)}, set aside on ${when}, because ${why}.`;
  return `Set aside on ${when}, because ${why}. ${holds}.`;
}

function diaryShareName(extension) {
  return `pt-guide-diary-${diaryAtFromDate(new Date()).slice(0, 10)}.${extension}`;
}

window.ptguideDiaryShare = {
  deliver: diaryShareDeliver,

  // Drafts typed in other tabs or on earlier visits and never saved (their storage names): read, the newest 5
  // kept, and offered one by one, newest first, never put over what is typed in this form.
  offerDrafts(box, names, page) {
    const { diaryNode, diaryButton, storage } = page;
    const drafts = [];
    for (const name of names) {
      const data = page.readDraft(name);
      if (data) drafts.push({ name, data, at: String(JSON.parse(page.backend.getItem(storage.keyFor(name))).savedAt) });
    }
    drafts.sort((a, b) => (a.at < b.at ? 1 : -1));
    // At most 5 are kept: each is a tab closed with typing in it that was never brought back.
    for (const old of drafts.splice(5)) storage.remove(old.name);
    if (!drafts.length) return;
    const items = diaryNode('ul');
    box.replaceChildren(diaryNode('p', '', 'Not saved yet, typed in another tab or on an earlier visit (kept on this phone):'), items);
    for (const draft of drafts) {
      const { values } = draft.data;
      const at = Date.parse(draft.at);
      const when = Number.isNaN(at) ? 'earlier' : diaryAtFromDate(new Date(at)).replace('T', ' ');
      const item = diaryNode('li', '', `${when}: ${(values.note || values.exercises || '').slice(0, 60) || 'pain scores'} `);
      const back = diaryButton('Bring it back', 'draft', ` (typed ${when})`);
      const note = diaryNode('span', '');
      note.setAttribute('role', 'status');
      back.onclick = () => {
        if (page.hasTyping()) {
          note.textContent = ' Save or clear what is in the form first.';
          return;
        }
        page.takeDraft(draft.name, draft.data);
        item.remove();
        if (!items.children.length) box.replaceChildren();
      };
      item.append(back, note);
      items.append(item);
    }
  },

  // The set-aside copies of the diary, each with what it holds and Put back, Download and Delete.
  // `page`: what the diary page lends (its storage, save and message helpers).
  showAsides(box, copies, page) {
    const { storage, diaryNode, diaryButton, diarySay } = page;
    box.replaceChildren(diaryNode('h2', '', 'Set-aside copies'),
      diaryNode('p', '', 'These could not be read, so they were put aside. They are kept on this phone. Put a copy back, '
        + 'download it to keep or send it for help, or delete it.'));
    const items = diaryNode('ul', 'app-diary__asides');
    for (const copy of copies) {
      const raw = storage.readSetAside(copy.key) || '';
      const item = diaryNode('li', 'app-diary__aside');
      item.append(diaryNode('p', '', diaryDescribeCopy(copy, raw)));
      const back = diaryButton('Put back', 'back');
      const get = diaryButton('Download', 'get');
      const drop = diaryButton('Delete', 'drop');
      for (const button of [back, get, drop]) button.append(diaryNode('span', 'app-visually-hidden', ` the copy set aside on ${copy.at.slice(0, 10)}`));
      const note = diaryNode('div', 'app-diary__message');
      note.setAttribute('role', 'status');
      back.disabled = page.isReadOnly();
      back.hidden = !diaryAsidePutBack.includes(copy.name);
      // Another page's data goes back as it was, only where nothing is saved now (storage-recovery.js).
      if (copy.name !== 'diary') back.disabled = false;
      back.onclick = copy.name !== 'diary' ? () => {
        const result = storage.restoreSetAside(copy.key);
        diarySay(result.ok ? page.message() : note, result.ok ? `Put back: ${diaryCopyWhat(copy.name).toLowerCase()}.` : result.problem);
        if (!result.ok) return;
        page.resetProblems();
        page.showProblems();
      } : () => this.putBackDiary(copy, raw, note, page);
      get.onclick = () => this.downloadSetAside(copy.name, raw);
      drop.onclick = () => {
        if (confirm('Delete this copy? It cannot be undone. Download it first if you may need it.')) storage.removeSetAside(copy.key);
        page.showProblems();
      };
      item.append(back, ' ', get, ' ', drop, note);
      items.append(item);
    }
    box.append(items);
  },

  // Put back a diary copy: asked about against the diary as it is, then merged again in its turn with the
  // other tabs' saves (page.change); if that would replace entries the patient was not asked about, nothing changes.
  putBackDiary(copy, raw, note, page) {
    const { storage, diarySay } = page;
    const asked = this.putBack(page.fresh(), raw);
    if (asked.problems.length) return diarySay(note, asked.problems);
    if (asked.question && !confirm(asked.question)) return diarySay(note, 'Nothing was put back. Your diary is as it was.');
    let result = null;
    return page.change(note, (current) => {
      const now = this.putBack(current, raw);
      if (now.problems.length || now.question !== asked.question) {
        diarySay(note, now.problems.length ? now.problems : 'Your diary changed in another tab or window, so nothing was put back. Please try again.');
        return null;
      }
      result = now;
      // Nothing to merge (an empty diary and a copy of bad entries only): only the copy's message is said.
      return now.diary.entries.length ? now.diary : null;
    }).then((ok) => {
      if (!result || (!ok && result.diary.entries.length)) return;
      if (!result.keepCopy) storage.removeSetAside(copy.key);
      diarySay(page.message(), result.done);
      page.resetProblems();
      page.showProblems();
      page.message().scrollIntoView({ block: 'nearest' });
    });
  },

  // The entry being edited was changed or deleted in another tab or window: nothing is saved until the
  // patient chooses, and the typing stays in the form (and in the draft).
  conflict(message, mine, theirs, page) {
    const { diaryButton, diaryNode, diarySay } = page;
    const asNew = diaryButton('Save mine as a new entry', 'new');
    asNew.onclick = () => {
      const copy = { ...mine, id: newId(), rev: 1 };
      page.change(message, (current) => ({ entries: [...current.entries, copy] })).then((ok) => ok && page.saved(copy, null));
    };
    const choices = [];
    if (theirs) {
      const keepMine = diaryButton('Keep mine', 'mine');
      keepMine.onclick = () => {
        let next = null;
        page.change(message, (current) => {
          const now = current.entries.find((e) => e.id === mine.id);
          if (!now) {
            this.conflict(message, mine, null, page);
            return null;
          }
          next = { ...mine, rev: (now.rev || 1) + 1 };
          return { entries: current.entries.map((e) => (e.id === mine.id ? next : e)) };
        }).then((ok) => ok && page.saved(next, mine.id));
      };
      const keepTheirs = diaryButton('Keep theirs', 'theirs');
      keepTheirs.onclick = () => {
        page.dropDraft();
        page.fillForm(null);
        diarySay(message, 'Kept the version saved in the other tab or window. Your changes were not saved.');
        page.focusEntry(mine.id, 'edit');
      };
      choices.push(keepMine, keepTheirs, asNew);
    } else {
      const discard = diaryButton('Discard mine', 'discard');
      discard.onclick = () => {
        page.dropDraft();
        page.fillForm(null);
        diarySay(message, 'Your changes were not saved.');
      };
      choices.push(asNew, discard);
    }
    diarySay(message, theirs
      ? 'This entry was changed in another tab or window while you were editing it. Your changes are not saved yet.'
      : 'This entry was deleted in another tab or window while you were editing it. Your changes are not saved yet.');
    const row = diaryNode('p', 'app-diary__choices');
    choices.forEach((button, i) => row.append(...(i ? [' ', button] : [button])));
    message.append(row);
    choices[0].focus();
  },

  // Each returns the message for the share section.
  exportCsv(diary) {
    diaryShareDeliver(diaryShareName('csv'), `\uFEFF${toCsv(diary)}`, 'text/csv');
    return 'Your spreadsheet file is ready.';
  },
  // `newerRaw`: the stored diary as a newer version saved it (read-only mode), given back byte for byte,
  // since this version cannot read it. `asides`: how many set-aside copies of the diary the file leaves out.
  exportJson(diary, newerRaw, asides, page) {
    // The exercise programme goes in the same file; one a newer version saved stays out (this version cannot read it).
    const programme = page ? page.storage.read(PROGRAMME_STORAGE_NAME, PROGRAMME_READ_OPTIONS) : { data: null };
    const programmeLine = programme.reason === 'newer-schema'
      ? 'Your exercise programme was saved by a newer version of PT Guide, so it is not in this copy.' : '';
    if (newerRaw) {
      diaryShareDeliver(diaryShareName('json'), newerRaw, 'application/json');
      return 'Your diary was saved by a newer version of PT Guide, so this copy is exactly as that version saved it. '
        + 'Only the newer version can import it: reload to update.';
    }
    diaryShareDeliver(diaryShareName('json'), toExportJson(diary, { programme: programme.data }), 'application/json');
    return ['Your full copy is ready. Keep it somewhere safe: it holds your health notes.',
      programme.data ? 'Your exercise programme is in it too.' : programmeLine,
      asides ? 'Entries set aside below are not in it: download them with the Download button of each set-aside copy.' : ''];
  },

  // After Undo of a delete had its turn: says so, or, when storage refused it, keeps offering Retry (the entry
  // stays on this page until it is back).
  undone(undo, entry, index, result, page) {
    const { diarySay, diaryNode, diaryButton, viewWhen } = page;
    if (result.ok) {
      diarySay(undo, `The entry of ${viewWhen(entry.at)} is back.`);
      page.focusEntry(entry.id, 'delete');
      return;
    }
    const retry = diaryButton('Retry', 'retry');
    retry.onclick = () => page.undoDelete(entry, index);
    undo.replaceChildren(diaryNode('p', '', `The entry of ${viewWhen(entry.at)} is not back yet. ${result.problem} `
      + 'The entry is kept on this page until you close it: free some space, then tap Retry.'), retry);
    retry.focus();
  },

  // A change of the diary that failed (page.exclusive): nothing was written. Mostly another tab that kept the
  // diary's lock past the time limit (lib/storage-lock.js: a hung tab); the button works again. `kept`: whether
  // the form's typing is kept as a draft; `retry`: what a Retry button does (Undo).
  failed(target, error, kept, retry, page) {
    if (error.name !== 'AbortError') {
      page.diarySay(target, 'Your diary could not be saved. What was saved before is still there. Please try again.');
      return;
    }
    const why = 'another PT Guide tab or window is still using your diary.';
    const close = 'Close your other PT Guide tabs and windows, then';
    if (target.id === 'diary-form-message') {
      page.diarySay(target, `Not saved yet: ${why} What you typed is ${kept ? 'kept on this phone as a draft' : 'still in the form'}. ${close} press Save again.`);
      return;
    }
    page.diarySay(target, `Nothing was changed yet: ${why} ${close} try again.`);
    if (retry) {
      const again = page.diaryButton('Retry', 'retry');
      again.onclick = retry;
      target.append(again);
    }
  },

  // "Delete all my data": asked first, then done in turn with the other tabs' saves, so that none is half
  // done across it.
  deleteAll(message, page) {
    if (!confirm('Delete your diary, exercise programme, pain-check answers and next-session notes from this phone? This cannot be undone.')) return;
    const { storage } = page;
    page.exclusive(() => {
      const result = storage.removeAll();
      page.clearedEverywhere();
      // Tells this app's other diary tabs that the patient asked for it, then goes: they clear their forms.
      storage.write('deleted-all', true, 1);
      storage.remove('deleted-all');
      return result;
    }, message).then((result) => result && page.diarySay(message, result.ok ? 'Everything this app kept on this phone is deleted.' : result.problem));
  },

  // diary/#entry-<id> (the pain check's "See it in your diary"): that entry marked, scrolled to and focused.
  showLinkedEntry(list) {
    let id;
    try { id = decodeURIComponent(window.location.hash.slice(7)); } catch { return; } // a broken address is ignored, never a crash
    if (!id) return;
    const item = list.querySelector(`[data-id="${CSS.escape(id)}"]`);
    if (!item) return;
    list.querySelectorAll('.app-diary-entry--linked').forEach((other) => other.classList.remove('app-diary-entry--linked'));
    const heading = item.querySelector('.app-diary-entry__when');
    item.classList.add('app-diary-entry--linked');
    heading.tabIndex = -1;
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  },

  // Import: the file checked, the patient asked before anything is replaced, then merged again in its turn
  // with the other tabs' saves (page.change); if that would now replace entries the patient was not asked
  // about (another tab saved meanwhile), nothing is imported.
  async importFile(file, message, page) {
    const { diarySay } = page;
    const result = await this.readImport(file);
    if (!result.ok) return diarySay(message, result.problems);
    const merged = this.mergeImport(page.fresh(), result.diary);
    if (merged.problems.length) return diarySay(message, merged.problems);
    // The file's exercise programme: asked about before anything changes when it differs from the one stored here.
    const programme = result.programme ? this.programmeQuestion(page, result.programme) : null;
    if (programme && programme.problem) return diarySay(message, programme.problem);
    if (merged.question && !confirm(merged.question)) {
      return diarySay(message, 'Nothing was imported. Your diary is as it was.');
    }
    const takeProgramme = programme && programme.replace && (!programme.question || confirm(programme.question));
    let done = '';
    const ok = await page.change(message, (current) => {
      const now = this.mergeImport(current, result.diary);
      if (now.problems.length || now.question !== merged.question) {
        diarySay(message, now.problems.length ? now.problems : 'Your diary changed in another tab or window, so nothing was imported. Please try again.');
        return null;
      }
      done = now.done;
      return now.diary;
    });
    if (!ok) return undefined;
    if (!programme) return diarySay(message, done);
    if (!takeProgramme) return diarySay(message, [done, programme.replace ? 'Your exercise programme on this phone was kept as it was.' : 'The file\u2019s exercise programme is the same as the one on this phone.']);
    const kept = await this.importProgramme(page, programme, result.programme);
    return diarySay(message, [done, kept]);
  },

  // What importing the file's programme would do: { problem } when it cannot, else { replace, question, stored }.
  programmeQuestion(page, incoming) {
    const stored = page.storage.read(PROGRAMME_STORAGE_NAME, PROGRAMME_READ_OPTIONS);
    if (stored.reason === 'newer-schema') {
      return { problem: 'Your exercise programme on this phone was saved by a newer version of PT Guide: reload to update, then import again. Nothing was changed.' };
    }
    const current = stored.data;
    if (current && programmeSame(current, incoming)) return { replace: false, question: '', stored: current };
    const count = incoming.items.length;
    return {
      replace: true,
      stored: current,
      // No template literal inside another: the minifier (rjsmin) does not read nested ones right.
      question: current ? 'This file also has an exercise programme' + (incoming.from ? ' from ' + incoming.from : '') + ` (${count} ${count === 1 ? 'exercise' : 'exercises'}), `
        + 'different from the one on this phone. Replace the programme on this phone with the file\u2019s? The one on this phone is kept in its history.' : '',
    };
  },

  // Writes the file's programme under the programme's own lock, read again inside it: if it changed in another tab
  // since the patient was asked, nothing is replaced.
  importProgramme(page, asked, incoming) {
    const { storage } = page;
    const key = storage.keyFor(PROGRAMME_STORAGE_NAME);
    const raw = () => {
      try { return page.backend.getItem(key); } catch (error) { return null; }
    };
    return storageChange(key, raw, () => {
      const now = storage.read(PROGRAMME_STORAGE_NAME, PROGRAMME_READ_OPTIONS);
      if (now.reason === 'newer-schema' || JSON.stringify(now.data) !== JSON.stringify(asked.stored)) {
        return 'Your exercise programme changed in another tab or window, so the file\u2019s programme was not imported. Import the file again to try once more.';
      }
      const next = now.data ? programmeReplace(now.data, incoming) : { ...normalizeProgramme(incoming), rev: 1, history: [] };
      const written = storage.write(PROGRAMME_STORAGE_NAME, next, PROGRAMME_SCHEMA, { label: 'exercise programme' });
      return written.ok ? 'Your exercise programme from the file is now on this phone.' : written.problem;
    }, storageLocks()).catch(() => 'The file\u2019s exercise programme was not imported yet: another PT Guide tab or window is still using it. '
      + 'Close your other PT Guide tabs and windows, then import again.');
  },

  // Reads and checks a chosen file: { ok, diary, problems } as parseImport gives.
  async readImport(file) {
    if (file.size > DIARY_IMPORT_MAX_BYTES) {
      return { ok: false, diary: null, problems: ['This file is too big to be a diary export. Nothing was changed.'] };
    }
    return parseImport(await file.text());
  },

  // The backup nudge: `last` is the date of the last copy, or null. Its button makes the full copy.
  showNudge(nudge, last, page, dismiss) {
    const { diaryNode, diaryButton } = page;
    const lines = [(last ? `Your last copy was saved on ${last}. ` : 'You have not saved a copy of your diary yet. ')
      + 'Your diary is only on this phone: if the phone is lost or its browser data is cleared, it is gone. Save a copy to keep somewhere safe.'];
    const ua = navigator.userAgent;
    if (/iP(hone|ad|od)/.test(ua) && /Safari/.test(ua) && !/CriOS|FxiOS|EdgiOS/.test(ua) && !navigator.standalone) {
      lines.push('In Safari on iPhone and iPad, a site\u2019s data can be deleted after 7 days without a visit. Adding PT Guide to your '
        + 'Home Screen keeps it. The installed app has its own storage, so save a copy here first, then import it in the app.');
    }
    nudge.replaceChildren(diaryNode('h2', '', 'Save a copy of your diary'), ...lines.map((line) => diaryNode('p', '', line)));
    const make = diaryButton('Save a copy now', 'copy');
    const later = diaryButton('Not now', 'later');
    make.onclick = () => document.getElementById('diary-json').click();
    later.onclick = dismiss;
    nudge.append(make, ' ', later);
    nudge.hidden = false;
  },

  // A set-aside copy in a form Import accepts.
  downloadSetAside(name, raw) {
    // Only a diary copy becomes an import file; anything else is given back byte for byte.
    const file = name === 'diary' ? setAsideFile(raw) : raw;
    diaryShareDeliver(`pt-guide-${name}-set-aside.${file === raw ? 'txt' : 'json'}`, file, file === raw ? 'text/plain' : 'application/json');
  },

  // Put back: { problems } when nothing may change, else { diary, question, done, keepCopy }: ask `question`
  // (when not empty) before saving `diary`; `keepCopy` when some entries still cannot be read.
  putBack(current, raw) {
    const parsed = parseSetAside(raw);
    if (!parsed.ok) return { problems: parsed.problems };
    const merged = mergeDiaries(current, parsed.diary);
    if (merged.problems.length) return { problems: merged.problems };
    const bad = parsed.bad.length;
    return {
      problems: [],
      diary: merged.diary,
      keepCopy: bad > 0,
      question: merged.updated ? `This copy has ${merged.updated} entries that are different on this phone. Putting it back `
        + `replaces those ${merged.updated} with the copy's version. Put back?` : '',
      // No template literal inside another: the minifier (rjsmin) does not read nested ones right.
      done: (parsed.diary.entries.length ? `Put back: ${merged.added} new, ${merged.updated} replaced, ${merged.unchanged} already here. ` : '')
        + (bad ? `${bad} ${bad === 1 ? 'entry' : 'entries'} could not be put back (${parsed.bad[0].problem.replace(/\.$/, '')}), so the copy stays kept.` : ''),
    };
  },

  // Merges a checked import into the current diary. Gives { problems } when nothing may change, else
  // { diary, question, done }: ask `question` (when not empty) before saving `diary`, then show `done`.
  mergeImport(current, incoming) {
    const merged = mergeDiaries(current, incoming);
    if (merged.problems.length) return { problems: merged.problems };
    return {
      problems: [],
      diary: merged.diary,
      question: merged.updated ? `This file has ${merged.added} new entries and ${merged.updated} entries that are different `
        + `on this phone. Importing replaces those ${merged.updated} with the file's version. Import?` : '',
      done: `Imported: ${merged.added} new, ${merged.updated} replaced, ${merged.unchanged} already here.`,
    };
  },
};
