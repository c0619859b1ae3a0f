// The diary's share features, loaded by diary.js only when the patient first
// exports, imports or downloads a set-aside copy (bundle "diary-share"). This
// bundle has its own scope, so the hand-off is one global: window.ptguideDiaryShare.
// It holds no diary of its own: the page passes the diary in and saves what
// comes back, so storage stays the page's business.
import { diaryAtFromDate } from './lib/diary-model.js';
import { DIARY_IMPORT_MAX_BYTES, parseImport, mergeDiaries, toExportJson, toCsv, parseSetAside, setAsideFile } from './lib/diary-share.js';

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

function diaryShareName(extension) {
  return `pt-guide-diary-${diaryAtFromDate(new Date()).slice(0, 10)}.${extension}`;
}

window.ptguideDiaryShare = {
  deliver: diaryShareDeliver,

  // Each returns the message for the share section.
  exportCsv(diary) {
    diaryShareDeliver(diaryShareName('csv'), `\uFEFF${toCsv(diary)}`, 'text/csv');
    return 'Your spreadsheet file is ready.';
  },
  exportJson(diary) {
    diaryShareDeliver(diaryShareName('json'), toExportJson(diary), 'application/json');
    return 'Your full copy is ready. Keep it somewhere safe: it holds your health notes.';
  },

  // Reads and checks a chosen file: { ok, diary, problems } as parseImport gives.
  async readImport(file) {
    if (file.size > DIARY_IMPORT_MAX_BYTES) {
      return { ok: false, diary: null, problems: ['This file is too big to be a diary export. Nothing was changed.'] };
    }
    return parseImport(await file.text());
  },

  // A set-aside copy in a form Import accepts.
  downloadSetAside(name, raw) {
    const file = setAsideFile(raw);
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
