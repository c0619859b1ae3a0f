// The programme in the diary's JSON export and import (lib/diary-share.js with lib/programme-model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { parseImport, toExportJson } from '../../static/js/lib/diary-share.js';
import { emptyEntry } from '../../static/js/lib/diary-model.js';
import { emptyProgramme, programmeNewItem, PROGRAMME_ITEMS_MAX } from '../../static/js/lib/programme-model.js';

const NOW = new Date('2026-12-01T10:00:00Z');
const diary = { entries: [{ ...emptyEntry('e1', '2026-11-30T18:00'), painDuring: 3 }] };

function programme() {
  const p = emptyProgramme(() => 0.5);
  const item = programmeNewItem({ id: 'bridge', title: 'Bridge' }, () => 0.25);
  item.dose.sets = 2;
  return { ...p, from: 'Riverside Physio', items: [item] };
}

function fileWith(value) {
  const file = JSON.parse(toExportJson(diary, { now: NOW }));
  file.programme = value;
  return JSON.stringify(file);
}

test('the export carries the programme and the import gives it back', () => {
  const text = toExportJson(diary, { now: NOW, programme: programme() });
  assert.deepEqual(JSON.parse(text).programme, { schema: 1, data: programme() });
  const back = parseImport(text, { now: NOW });
  assert.equal(back.ok, true, back.problems.join('\n'));
  assert.deepEqual(back.programme, programme());
  assert.equal(back.diary.entries.length, 1);
});

test('an export without a programme has no programme field, and older files still import', () => {
  const text = toExportJson(diary, { now: NOW });
  assert.ok(!('programme' in JSON.parse(text)));
  const back = parseImport(text, { now: NOW });
  assert.equal(back.ok, true);
  assert.equal(back.programme, null);
  const schemaOne = JSON.stringify({ app: 'pt-guide', kind: 'diary', schema: 1, entries: [{ date: '2025-11-03', pain: 4 }] });
  assert.equal(parseImport(schemaOne, { now: NOW }).ok, true);
});

test('a hostile programme refuses the whole file with a message', () => {
  const many = { ...programme(), items: Array.from({ length: 10000 }, (_, i) => ({ key: `k${i}`, name: 'x' })) };
  const cases = {
    'wrong types': { schema: 1, data: { ...programme(), items: [{ key: 5, name: ['x'], dose: 'lots' }] } },
    '10,000 items': { schema: 1, data: many },
    'no envelope': programme(),
    'a string': '<script>alert(1)</script>',
    'an unknown day': { schema: 1, data: { ...programme(), items: [{ ...programme().items[0], days: ['__proto__'] }] } },
    'a newer programme': { schema: 2, data: {} },
  };
  for (const [what, value] of Object.entries(cases)) {
    const result = parseImport(fileWith(value), { now: NOW });
    assert.equal(result.ok, false, what);
    assert.equal(result.diary, null, what);
    assert.match(result.problems[0], /exercise programme in this file/, what);
    assert.match(result.problems[0], /Nothing was changed\.$/, what);
  }
  assert.match(parseImport(fileWith(cases['10,000 items']), { now: NOW }).problems[1], new RegExp(`more than ${PROGRAMME_ITEMS_MAX} exercises`));
  assert.match(parseImport(fileWith(cases['a newer programme']), { now: NOW }).problems[0], /newer version of PT Guide \(programme version 2/);
});

test('HTML in names and __proto__ keys come through as plain text and nothing else', () => {
  const text = fileWith(JSON.parse('{"schema":1,"data":{"id":"p-1","items":[{"key":"a","name":"<img src=x onerror=alert(1)>","__proto__":{"x":1}}],'
    + '"__proto__":{"polluted":true}}}'));
  const result = parseImport(text, { now: NOW });
  assert.equal(result.ok, true, result.problems.join('\n'));
  assert.equal(result.programme.items[0].name, '<img src=x onerror=alert(1)>');
  assert.equal({}.polluted, undefined);
  assert.deepEqual(Object.keys(result.programme), ['id', 'from', 'startDate', 'reviewDate', 'note', 'items', 'rev', 'history']);
});
