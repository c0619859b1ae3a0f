import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { chartGeometry, CHART_SERIES } from '../../static/js/lib/diary-chart.js';
import { emptyEntry, diaryDayToDate, diaryParseAt } from '../../static/js/lib/diary-model.js';

const entry = (id, at, fields = {}) => ({ ...emptyEntry(id, at), ...fields });
const size = { width: 400, height: 200 };
// With the default padding the plot runs x 28..392 and y 176 (pain 0) up to 8 (pain 10).
const twoWeeks = { ...size, from: '2025-11-03', to: '2025-11-16' };

describe('the chart scales', () => {
  test('map pain 0 to the bottom of the plot and 10 to the top', () => {
    const g = chartGeometry([], twoWeeks);
    assert.deepEqual(g.plot, { left: 28, top: 8, right: 392, bottom: 176 });
    assert.deepEqual(g.scales.y, { domain: [0, 10], range: [176, 8] });
    assert.equal(g.yOf(0), 176);
    assert.equal(g.yOf(10), 8);
    assert.equal(g.yOf(5), 92);
    assert.deepEqual(g.yTicks.map((t) => t.value), [0, 2, 4, 6, 8, 10]);
  });

  test('map the date range, last day included, across the plot width', () => {
    const g = chartGeometry([], twoWeeks);
    assert.deepEqual(g.scales.x, { domain: ['2025-11-03', '2025-11-17'], days: 14, range: [28, 392] });
    assert.equal(g.xOf('2025-11-03T00:00'), 28);
    assert.equal(g.xOf('2025-11-03T12:00'), 41, 'half a day is half of 26 px');
    assert.equal(g.xOf('2025-11-10T00:00'), 210);
    assert.equal(g.xOf('not a date'), null);
  });

  test('draw the acceptable-pain line from the setting across the plot', () => {
    assert.deepEqual(chartGeometry([], twoWeeks).acceptable, { value: 5, y: 92, path: 'M28 92H392' });
    assert.equal(chartGeometry([], { ...twoWeeks, acceptablePain: 3 }).acceptable.y, 125.6);
  });

  test('honour custom padding', () => {
    const g = chartGeometry([], { ...twoWeeks, padding: { left: 0, right: 0, top: 0, bottom: 0 } });
    assert.deepEqual(g.plot, { left: 0, top: 0, right: 400, bottom: 200 });
  });

  test('refuse a missing width or height', () => {
    assert.throws(() => chartGeometry([], { width: 0, height: 100 }), TypeError);
  });
});

describe('the chart series', () => {
  const entries = [
    entry('b', '2025-11-05T12:00', { painDuring: 6, painNextMorning: 3 }),
    entry('a', '2025-11-03T12:00', { painBefore: 1, painDuring: 2 }),
    entry('out', '2025-12-01T12:00', { painDuring: 9 }),
  ];

  test('give one path per kind of pain, in time order, skipping empty values and entries outside the range', () => {
    const g = chartGeometry(entries, twoWeeks);
    assert.deepEqual(g.series.map((s) => s.key), CHART_SERIES.map((s) => s.key));
    const during = g.series.find((s) => s.key === 'painDuring');
    assert.deepEqual(during.points.map((p) => [p.id, p.value, p.x, p.y]), [['a', 2, 41, 142.4], ['b', 6, 93, 75.2]]);
    assert.equal(during.path, 'M41 142.4L93 75.2');
    assert.equal(g.series.find((s) => s.key === 'painBefore').path, 'M41 159.2');
    assert.equal(g.series.find((s) => s.key === 'painAfter').path, '');
    assert.equal(g.entryCount, 2);
  });

  test('default to whole weeks around the entries when no range is given', () => {
    const g = chartGeometry(entries, size);
    assert.equal(g.from, '2025-11-03');
    assert.equal(g.to, '2025-12-07');
    assert.equal(g.weeks.length, 5);
  });

  test('put a week label on the x axis, fewer on a narrow chart', () => {
    const wide = chartGeometry([], { width: 800, height: 200, from: '2025-11-03', to: '2025-12-28' });
    assert.deepEqual(wide.xTicks.map((t) => t.label), ['3 Nov', '10 Nov', '17 Nov', '24 Nov', '1 Dec', '8 Dec', '15 Dec', '22 Dec']);
    const narrow = chartGeometry([], { width: 200, height: 200, from: '2025-11-03', to: '2025-12-28' });
    assert.ok(narrow.xTicks.length < wide.xTicks.length);
  });

  test('return an empty chart with the scales when there is nothing to show', () => {
    const g = chartGeometry([], size);
    assert.equal(g.from, null);
    assert.deepEqual(g.weeks, []);
    assert.equal(g.acceptable.path, 'M28 92H392');
  });
});

describe('the text equivalent for screen readers', () => {
  test('gives one sentence per week with the count and the range of each kind of pain', () => {
    const g = chartGeometry([
      entry('a', '2025-11-03T09:00', { painDuring: 2, painNextMorning: 1 }),
      entry('b', '2025-11-04T09:00', { painDuring: 6 }),
      entry('c', '2025-11-06T09:00', { painDuring: 4, painNextMorning: 1 }),
      entry('d', '2025-11-09T23:59', { painBefore: 3 }),
      entry('e', '2025-11-10T00:00'),
    ], { ...size, from: '2025-11-03', to: '2025-11-23' });
    assert.deepEqual(g.weeks.map((w) => w.summary), [
      'Week of 3 Nov: 4 entries, pain before exercise 3, pain during exercise from 2 to 6, pain the next morning 1.',
      'Week of 10 Nov: 1 entry, no pain numbers.',
      'Week of 17 Nov: no entries.',
    ]);
    assert.deepEqual(g.weeks.map((w) => [w.start, w.count]), [['2025-11-03', 4], ['2025-11-10', 1], ['2025-11-17', 0]]);
  });

  test('adds the year when the range crosses a new year', () => {
    const g = chartGeometry([], { ...size, from: '2025-12-29', to: '2026-01-04' });
    assert.equal(g.weeks[0].label, 'Week of 29 Dec 2025');
  });
});

describe('time zones', () => {
  test('do not change any date or number', () => {
    const here = fileURLToPath(new URL('../../static/js/lib/diary-chart.js', import.meta.url));
    const script = `import(${JSON.stringify(here)}).then((m) => {
      const e = (id, at, d) => ({ id, at, painBefore: null, painDuring: d, painAfter: null, painNextMorning: null });
      const g = m.chartGeometry([e('a', '2025-03-30T01:30', 3), e('b', '2025-10-26T02:30', 5), e('c', '2025-11-02T23:59', 7)], { width: 500, height: 200 });
      process.stdout.write(JSON.stringify(g));
    });`;
    const outputs = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Europe/London', 'Asia/Kathmandu'].map((tz) => {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      return run.stdout;
    });
    for (const out of outputs) assert.equal(out, outputs[0]);
    assert.match(outputs[0], /"from":"2025-03-24"/);
  });
});

describe('a diary of 1,000 entries', () => {
  test('gives every point and a summary for every week', () => {
    const start = diaryParseAt('2023-01-02T00:00').dayNumber;
    const entries = [];
    for (let i = 0; i < 1000; i += 1) {
      const day = start + Math.floor(i / 2);
      entries.push(entry(`e${i}`, `${diaryDayToDate(day)}T${i % 2 ? '18' : '08'}:00`, {
        painBefore: i % 4, painDuring: i % 11, painAfter: (i * 3) % 11, painNextMorning: i % 3 ? null : (i % 7),
      }));
    }
    // Newest first, as the diary keeps them for the list.
    const g = chartGeometry(entries.slice().reverse(), { width: 1000, height: 300 });
    assert.equal(g.entryCount, 1000);
    assert.equal(g.series.find((s) => s.key === 'painDuring').points.length, 1000);
    const xs = g.series.find((s) => s.key === 'painDuring').points.map((p) => p.x);
    assert.ok(xs.every((x, i) => i === 0 || x >= xs[i - 1]), 'points are in time order');
    assert.equal(g.weeks.length, 72);
    assert.equal(g.weeks.reduce((sum, w) => sum + w.count, 0), 1000);
  });
});

describe('the date labels under the chart', () => {
  // What the page draws: each label starts at its tick and is about this wide (see diary-chart.js).
  const box = (tick, fontSize) => [tick.x, tick.x + fontSize * (tick.label.length > 7 ? 6.5 : 3.8)];

  test('never meet or leave the chart, at any width, span and text size', () => {
    const spans = [['2025-11-03', '2025-11-09'], ['2025-11-03', '2025-12-28'], ['2025-10-06', '2026-03-29'], ['2025-01-06', '2026-12-27']];
    for (const fontSize of [14, 21, 28]) {
      for (let width = 160; width <= 1200; width += 37) {
        for (const [from, to] of spans) {
          const g = chartGeometry([], { width, height: 220, from, to, fontSize });
          assert.ok(g.xTicks.length >= 1, `${width} px ${from}..${to}: at least one date`);
          const boxes = g.xTicks.map((t) => box(t, fontSize));
          if (boxes[0][1] - boxes[0][0] > width - g.plot.left) {
            assert.equal(g.xTicks.length, 1, `${width} px, ${fontSize} px text: narrower than one label, one date`);
            continue;
          }
          boxes.forEach(([start, end], i) => {
            assert.ok(start >= g.plot.left - 0.01 && end <= width, `${width} px, ${fontSize} px text: "${g.xTicks[i].label}" inside the chart`);
            if (i) assert.ok(start >= boxes[i - 1][1] + fontSize - 0.01, `${width} px, ${fontSize} px text: "${g.xTicks[i - 1].label}" and "${g.xTicks[i].label}" a font size apart`);
          });
          assert.ok(g.xTicks.every((t) => t.labelY + fontSize / 3 <= 220), 'the labels fit under the plot');
        }
      }
    }
  });

  test('leave room for the pain numbers and dates when the text is large', () => {
    const g = chartGeometry([], { width: 400, height: 220, from: '2025-11-03', to: '2025-11-16', fontSize: 28 });
    assert.ok(g.plot.left >= 28 * 1.3, 'room for "10" left of the plot');
    assert.ok(g.plot.bottom + 28 + 4 <= 220 - 6, 'room for the dates under the plot');
  });
});
