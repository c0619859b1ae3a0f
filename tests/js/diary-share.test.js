// Importing and exporting the diary (static/js/lib/diary-share.js), split from diary-model.test.js
// when those functions moved to the bundle the diary page loads on demand.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import { DIARY_SCHEMA, emptyEntry } from '../../static/js/lib/diary-model.js';
import { DIARY_CSV_COLUMNS, parseImport, mergeDiaries, toExportJson, toCsv } from '../../static/js/lib/diary-share.js';

function entry(id, at, fields = {}) {
  return { ...emptyEntry(id, at), ...fields };
}

function exportText(entries, schema = DIARY_SCHEMA, extra = {}) {
  return JSON.stringify({ app: 'pt-guide', kind: 'diary', schema, exportedAt: '2025-11-03T10:00:00.000Z', entries, ...extra });
}

const full = entry('abc123', '2025-11-03T18:30', {
  painBefore: 2, painDuring: 4, painAfter: 3, painNextMorning: 1,
  reach: 'thigh', side: 'left', feelings: ['aching', 'stiff'], exercises: ['Bridges', 'Cat-cow'],
  note: 'Felt OK.', check: 'keep-going',
});

describe('importing', () => {
  test('accepts a good file and gives back a normalised diary', () => {
    const result = parseImport(exportText([full, { id: 'x', at: '2025-11-04T08:00', painNextMorning: 2, extra: 'dropped' }]));
    assert.equal(result.ok, true);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.diary.entries[0], full);
    assert.deepEqual(result.diary.entries[1], { ...emptyEntry('x', '2025-11-04T08:00'), painNextMorning: 2 });
  });

  test('accepts a file that starts with a byte-order mark', () => {
    assert.equal(parseImport(`\uFEFF${exportText([full])}`).ok, true);
  });

  test('migrates a file from an older schema', () => {
    const result = parseImport(exportText([{ date: '2025-10-01', pain: 3 }], 1));
    assert.equal(result.ok, true);
    assert.equal(result.fromSchema, 1);
    assert.equal(result.diary.entries[0].painDuring, 3);
  });

  const refusals = [
    ['a file that is too big', () => parseImport(exportText([full]), { maxBytes: 100 }), /too big/],
    ['a file over the limit only once counted in UTF-8 bytes', () => parseImport(exportText([{ ...full, note: 'é'.repeat(300) }]), { maxBytes: 700 }), /too big/],
    ['an empty file', () => parseImport(''), /empty/],
    ['a file that is not JSON', () => parseImport('Date,Pain\n2025-11-03,4'), /could not be read/],
    ['JSON that is not from this app', () => parseImport(JSON.stringify({ entries: [] })), /not a diary exported from PT Guide/],
    ['JSON from another app with a similar shape', () => parseImport(exportText([], 2, { app: 'other' })), /not a diary exported from PT Guide/],
    ['a PT Guide file that is not a diary', () => parseImport(exportText([], 2, { kind: 'pain-check' })), /not a diary/],
    ['a file without a schema version', () => parseImport(exportText([], 2, { schema: 'two' })), /which version/],
    ['a file from a newer version', () => parseImport(exportText([], 4)), /newer version of PT Guide.*version 4.*up to version 3/],
    ['an older file that cannot be migrated', () => parseImport(exportText('oops', 1)), /older version/],
    ['a file without a list of entries', () => parseImport(exportText('oops')), /no list of entries/],
    ['wrong types', () => parseImport(exportText([{ ...full, painDuring: '4', feelings: 'sharp' }])), /pain during exercise/],
    ['an out-of-range pain', () => parseImport(exportText([{ ...full, painAfter: 42 }])), /pain after exercise must be a whole number from 0 to 10/],
    ['duplicate ids', () => parseImport(exportText([full, full])), /same id/],
  ];
  for (const [what, run, message] of refusals) {
    test(`refuses ${what} with a clear message and no diary`, () => {
      const result = run();
      assert.equal(result.ok, false);
      assert.equal(result.diary, null);
      assert.ok(result.problems.length >= 1);
      assert.match(result.problems.join(' '), message);
      assert.match(result.problems.join(' '), /Nothing was changed|nothing was imported|empty/);
    });
  }

  test('keeps an HTML payload in a note as the same plain string', () => {
    const payload = '<img src=x onerror=alert(1)>';
    const result = parseImport(exportText([{ ...full, note: payload, exercises: ['<script>x</script>'] }]));
    assert.equal(result.ok, true);
    assert.equal(result.diary.entries[0].note, payload);
    assert.equal(typeof result.diary.entries[0].note, 'string');
    assert.equal(result.diary.entries[0].exercises[0], '<script>x</script>');
  });

  test('does not let a __proto__ key in the file reach the diary', () => {
    const text = exportText([full]).replace('"id":"abc123"', '"__proto__":{"polluted":true},"id":"abc123"');
    const result = parseImport(text);
    assert.equal(result.ok, true);
    assert.equal(result.diary.entries[0].polluted, undefined);
    assert.equal({}.polluted, undefined);
  });
});

describe('merging', () => {
  const a = entry('a', '2025-11-01T10:00', { painDuring: 3 });
  const b = entry('b', '2025-11-02T10:00', { painDuring: 4 });
  const c = entry('c', '2025-11-03T10:00', { painDuring: 5 });

  test('adds new entries, keeps identical ones once, and counts both', () => {
    const result = mergeDiaries({ entries: [a, b] }, { entries: [b, c] });
    assert.deepEqual(result.diary.entries.map((e) => e.id), ['a', 'b', 'c']);
    assert.deepEqual([result.added, result.updated, result.unchanged], [1, 0, 1]);
  });

  test('takes the imported version of an entry with the same id but different content, in place', () => {
    const changed = { ...a, painDuring: 7 };
    const result = mergeDiaries({ entries: [a, b] }, { entries: [changed] });
    assert.deepEqual(result.diary.entries.map((e) => [e.id, e.painDuring]), [['a', 7], ['b', 4]]);
    assert.deepEqual([result.added, result.updated, result.unchanged], [0, 1, 0]);
  });

  test('gives the same diary when a diary is merged with itself, with no duplicates', () => {
    const result = mergeDiaries({ entries: [a, b, c] }, { entries: [a, b, c] });
    assert.equal(result.diary.entries.length, 3);
    assert.deepEqual([result.added, result.updated, result.unchanged], [0, 0, 3]);
  });

  test('refuses a merge that would make the diary too big to read back', () => {
    const many = (prefix, n) => Array.from({ length: n }, (_, i) => entry(`${prefix}${i}`, '2025-11-03T10:00'));
    const result = mergeDiaries({ entries: many('a', 15000) }, { entries: many('b', 6000) });
    assert.match(result.problems[0], /more than 20000 entries/);
    assert.deepEqual(mergeDiaries({ entries: [a] }, { entries: [b] }).problems, []);
  });

  test('treats field order and missing defaults as no change', () => {
    const sparse = { at: a.at, id: 'a', painDuring: 3 };
    assert.equal(mergeDiaries({ entries: [a] }, { entries: [sparse] }).unchanged, 1);
  });
});

describe('exporting JSON', () => {
  test('is complete, marked as ours, and imports back to the same diary', () => {
    const diary = { entries: [full, entry('z', '2025-11-05T07:00', { note: 'Ünïcødé ✓ "quoted"' })] };
    const text = toExportJson(diary, { now: new Date('2025-11-06T12:00:00.000Z') });
    const parsed = JSON.parse(text);
    assert.equal(parsed.app, 'pt-guide');
    assert.equal(parsed.kind, 'diary');
    assert.equal(parsed.schema, DIARY_SCHEMA);
    assert.equal(parsed.exportedAt, '2025-11-06T12:00:00.000Z');
    const back = parseImport(text);
    assert.equal(back.ok, true);
    assert.deepEqual(back.diary, diary);
  });
});

describe('exporting CSV', () => {
  const rows = (csv) => csv.split('\r\n');

  test('a guided session\'s entry gives each exercise\'s pain in one column', () => {
    const items = [
      { key: 'i-1', exerciseId: 'bridge', name: 'Bridge', pain: 3, builtUp: false, level: 'keep-going', skipped: false },
      { key: 'i-2', exerciseId: null, name: 'Knee rolls', pain: 8, builtUp: true, level: 'tell-therapist', skipped: true },
      { key: 'i-3', exerciseId: null, name: 'Walk', pain: null, builtUp: null, level: null, skipped: true },
    ];
    const csv = toCsv({ entries: [entry('s1', '2026-12-01T09:00', { painDuring: 8, exercises: ['Bridge', 'Knee rolls'], session: { programmeId: null, items, nextMorning: null } })] });
    const column = DIARY_CSV_COLUMNS.indexOf('Pain per exercise (0-10)');
    assert.equal(rows(csv)[1].split(',')[column], '"Bridge 3; Knee rolls 8 built up"');
  });

  test('has a header row and one row per entry, oldest first, with ISO dates', () => {
    const csv = toCsv({ entries: [entry('late', '2025-11-04T09:00', { painDuring: 5 }), full] });
    const lines = rows(csv);
    assert.equal(lines[0], DIARY_CSV_COLUMNS.join(','));
    assert.equal(lines[1], '2025-11-03T18:30,2,4,3,1,thigh,left,"aching; stiff","Bridges; Cat-cow",,Felt OK.,keep-going,abc123');
    assert.equal(lines[2], '2025-11-04T09:00,,5,,,,,,,,,,late');
    assert.equal(lines[3], '', 'the file ends with a line break');
    assert.equal(lines.length, 4);
  });

  test('quotes commas, doubles quotes and keeps line breaks inside one quoted field', () => {
    const csv = toCsv({ entries: [entry('q', '2025-11-03T10:00', { note: 'Sore, then "better"\nnext line' })] });
    assert.ok(csv.includes(',"Sore, then ""better""\nnext line",'));
  });

  test('keeps non-ASCII text as it is and adds no byte-order mark', () => {
    const csv = toCsv({ entries: [entry('u', '2025-11-03T10:00', { note: 'Douleur légère – 痛み ✓' })] });
    assert.ok(csv.includes(',Douleur légère – 痛み ✓,'));
    assert.notEqual(csv.charCodeAt(0), 0xfeff);
  });

  test('neutralises text that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\n', '\0', ' =', '  \n=', ' @']) {
      const csv = toCsv({ entries: [entry('f', '2025-11-03T10:00', { note: `${start}HYPERLINK("http://x","y")`, exercises: [`${start}1+1`] })] });
      const line = rows(csv)[1];
      assert.ok(line.includes(`"'${start}HYPERLINK(""http://x"",""y"")"`), line);
      assert.doesNotMatch(line, /(^|,)"?[ ]*[=+\-@\t\r\n\0]/, JSON.stringify(line));
    }
  });

  // Attacker review C1 (#12): a no-break, ideographic or zero-width space, a byte-order mark or a full-width sign.
  test('neutralises a formula after any kind of space and in full-width signs, at the start and after ";"', () => {
    for (const [spaces, sign] of [['\u00a0', '='], ['\u3000', '='], ['\u200b', '='], ['\ufeff', '='], ['\u2003', '+'],
      ['', '＝'], ['', '＋'], ['', '－'], ['', '＠'], [' \u00a0', '＋']]) {
      const line = rows(toCsv({ entries: [entry('c', '2025-11-03T10:00', { note: `${spaces}${sign}1+1`, exercises: [`ok;${spaces}${sign}1`] })] }))[1];
      assert.ok(line.includes(`'${spaces}${sign}1+1`), JSON.stringify(line));
      assert.ok(line.includes(`ok;${spaces}'${sign}1`), JSON.stringify(line));
    }
  });

  // Attacker review K (#12): Excel with a ";" list separator split an unquoted note into a cell starting with "=".
  test('quotes a field holding ";" or a tab and guards each piece after one', () => {
    const note = "went ok;=cmd|' /C calc'!A0";
    const line = rows(toCsv({ entries: [entry('k', '2025-11-03T10:00', { note, exercises: ['a\t+1', 'b; @x'] })] }))[1];
    assert.ok(line.includes(`"went ok;'=cmd|' /C calc'!A0"`), line);
    for (const piece of line.split(/[;\t]/).slice(1)) assert.doesNotMatch(piece, /^[ ]*[=+\-@]/, piece);
    assert.ok(line.includes('"a\t\'+1'), line);
  });
});
