// Geometry for the diary's chart of the weeks, drawn by the page as inline
// SVG. Pure numbers and strings: the page only copies them into attributes
// and text nodes. Time comes from the entries' own wall-clock digits
// (diaryParseAt), never from the machine's time zone, and everything is one
// pass over the entries and one over the weeks, so 1,000 entries stay cheap.

import { DIARY_PAIN_FIELDS, DIARY_PAIN_LABELS, DIARY_DEFAULT_ACCEPTABLE_PAIN, diaryParseAt, diaryParseDate, diaryDayToDate, diaryWeekStart, diaryShortDate } from './diary-model.js';

export const CHART_PAIN_MAX = 10;
export const CHART_DEFAULT_PADDING = { top: 8, right: 8, bottom: 24, left: 28 };
// The labels' font size in the chart's units (= CSS px: the page draws the chart at its box's width).
export const CHART_FONT_SIZE = 14;
// A date label's width in font sizes, roughly and on the wide side ("23 Nov", "23 Nov 2025").
const CHART_LABEL_EMS = 3.8;
const CHART_LABEL_EMS_WITH_YEAR = 6.5;

export const CHART_SERIES = DIARY_PAIN_FIELDS.map((key) => ({ key, label: DIARY_PAIN_LABELS[key] }));

function chartRound(value) {
  return Math.round(value * 100) / 100;
}

// Points in time order. Where several fall in one pixel column (years of entries on a phone-wide chart),
// the line keeps only the first, lowest, highest and last of them, in their order: the same picture, drawn
// from at most four points a pixel rather than 10,000. Columns of one point give every point, as before.
function chartPath(points) {
  const kept = [];
  let start = 0;
  while (start < points.length) {
    const column = Math.round(points[start].x);
    let end = start + 1;
    let low = start;
    let high = start;
    while (end < points.length && Math.round(points[end].x) === column) {
      if (points[end].y > points[low].y) low = end;
      if (points[end].y < points[high].y) high = end;
      end += 1;
    }
    const last = end - 1;
    for (const i of [start, Math.min(low, high), Math.max(low, high), last]) {
      if (kept[kept.length - 1] !== i) kept.push(i);
    }
    start = end;
  }
  let path = '';
  for (let k = 0; k < kept.length; k += 1) {
    const point = points[kept[k]];
    path += `${k ? 'L' : 'M'}${point.x} ${point.y}`;
  }
  return path;
}

// "from 2 to 6", or "4" when every value was the same.
function chartRange(min, max) {
  return min === max ? `${min}` : `from ${min} to ${max}`;
}

// Entries usually arrive already in time order (either way); only a
// shuffled list pays for a sort.
function chartInTimeOrder(items) {
  let ascending = true;
  let descending = true;
  for (let i = 1; i < items.length && (ascending || descending); i += 1) {
    if (items[i].time < items[i - 1].time) ascending = false;
    if (items[i].time > items[i - 1].time) descending = false;
  }
  if (ascending) return items;
  if (descending) return items.reverse();
  return items.sort((a, b) => a.time - b.time);
}

// options: { width, height (px, required), from, to ("YYYY-MM-DD", inclusive;
// default: whole weeks around the entries), acceptablePain (0-10),
// padding ({ top, right, bottom, left }), fontSize (of the labels, default 14) }.
export function chartGeometry(entries, options = {}) {
  const { width, height } = options;
  if (!(width > 0) || !(height > 0)) throw new TypeError('chartGeometry needs a positive width and height.');
  const fontSize = options.fontSize > 0 ? options.fontSize : CHART_FONT_SIZE;
  // Room for "10" left of the plot and for the dates under it, whatever the text size.
  const pad = {
    ...CHART_DEFAULT_PADDING,
    left: Math.max(CHART_DEFAULT_PADDING.left, Math.round(fontSize * 1.3 + 10)),
    bottom: Math.max(CHART_DEFAULT_PADDING.bottom, Math.round(fontSize * 1.45 + 4)),
    ...(options.padding || {}),
  };
  const acceptable = Number.isFinite(options.acceptablePain)
    ? Math.min(Math.max(options.acceptablePain, 0), CHART_PAIN_MAX)
    : DIARY_DEFAULT_ACCEPTABLE_PAIN;

  const parsed = [];
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const entry of entries) {
    const when = entry && diaryParseAt(entry.at);
    if (!when) continue;
    parsed.push({ entry, when, time: when.dayNumber * 1440 + when.minuteOfDay });
    if (when.dayNumber < minDay) minDay = when.dayNumber;
    if (when.dayNumber > maxDay) maxDay = when.dayNumber;
  }

  const fromParsed = diaryParseDate(options.from);
  const toParsed = diaryParseDate(options.to);
  let startDay = fromParsed ? fromParsed.dayNumber : (parsed.length ? diaryWeekStart(minDay) : null);
  let endDay = toParsed ? toParsed.dayNumber : (parsed.length ? diaryWeekStart(maxDay) + 6 : null);
  if (startDay === null || endDay === null) {
    // Nothing to place in time: one empty week ending on the other bound, if any.
    const anchor = startDay ?? endDay;
    if (anchor === null) {
      return chartEmpty(width, height, pad, acceptable);
    }
    startDay = startDay ?? anchor - 6;
    endDay = endDay ?? anchor + 6;
  }
  if (endDay < startDay) [startDay, endDay] = [endDay, startDay];

  const left = pad.left;
  const right = Math.max(width - pad.right, left + 1);
  const top = pad.top;
  const bottom = Math.max(height - pad.bottom, top + 1);
  // The domain ends after the last day, so an entry late on `to` still fits.
  const domainStart = startDay;
  const domainEnd = endDay + 1;
  const xPerMinute = (right - left) / ((domainEnd - domainStart) * 1440);
  const yPerPoint = (bottom - top) / CHART_PAIN_MAX;
  const xOfMinutes = (minutes) => chartRound(left + (minutes - domainStart * 1440) * xPerMinute);
  const yOf = (value) => chartRound(bottom - value * yPerPoint);
  const xOf = (at) => {
    const when = diaryParseAt(at);
    return when ? xOfMinutes(when.dayNumber * 1440 + when.minuteOfDay) : null;
  };

  const inRange = chartInTimeOrder(parsed.filter((p) => p.when.dayNumber >= startDay && p.when.dayNumber <= endDay));

  const firstWeek = diaryWeekStart(startDay);
  const weekCount = Math.floor((diaryWeekStart(endDay) - firstWeek) / 7) + 1;
  const weekStats = new Array(weekCount);
  for (let w = 0; w < weekCount; w += 1) {
    weekStats[w] = { count: 0, min: DIARY_PAIN_FIELDS.map(() => Infinity), max: DIARY_PAIN_FIELDS.map(() => -Infinity) };
  }

  const series = CHART_SERIES.map((s) => ({ key: s.key, label: s.label, points: [], path: '' }));
  for (const item of inRange) {
    const x = xOfMinutes(item.time);
    const stats = weekStats[Math.floor((item.when.dayNumber - firstWeek) / 7)];
    stats.count += 1;
    DIARY_PAIN_FIELDS.forEach((field, i) => {
      const value = item.entry[field];
      if (!Number.isFinite(value)) return;
      series[i].points.push({ id: item.entry.id, at: item.entry.at, value, x, y: yOf(value) });
      if (value < stats.min[i]) stats.min[i] = value;
      if (value > stats.max[i]) stats.max[i] = value;
    });
  }
  for (const s of series) s.path = chartPath(s.points);

  const withYear = diaryDayToDate(startDay).slice(0, 4) !== diaryDayToDate(endDay).slice(0, 4);
  const weeks = weekStats.map((stats, w) => {
    const day = firstWeek + w * 7;
    const label = `Week of ${diaryShortDate(day, withYear)}`;
    let summary;
    if (!stats.count) {
      summary = `${label}: no entries.`;
    } else {
      const parts = [];
      DIARY_PAIN_FIELDS.forEach((field, i) => {
        if (stats.min[i] !== Infinity) parts.push(`${DIARY_PAIN_LABELS[field]} ${chartRange(stats.min[i], stats.max[i])}`);
      });
      const count = `${stats.count} ${stats.count === 1 ? 'entry' : 'entries'}`;
      summary = parts.length ? `${label}: ${count}, ${parts.join(', ')}.` : `${label}: ${count}, no pain numbers.`;
    }
    return { start: diaryDayToDate(day), label, count: stats.count, summary };
  });

  // One date label per week, or per 2, 3... weeks when they would not fit, so that no two ever meet: each
  // starts at its tick, a font size clear of the next, and one that would run past the chart's edge is left
  // out (a chart narrower than one label still gets its first date).
  const labelWidth = fontSize * (withYear ? CHART_LABEL_EMS_WITH_YEAR : CHART_LABEL_EMS);
  const tickStep = Math.max(1, Math.ceil(weekCount / Math.max(1, Math.floor((right - left) / (labelWidth + fontSize)))));
  const xTicks = [];
  let clearFrom = -Infinity;
  for (let w = 0; w < weekCount; w += tickStep) {
    const day = Math.max(firstWeek + w * 7, startDay);
    const x = xOfMinutes(day * 1440);
    if (x < clearFrom || (xTicks.length && x + labelWidth > width)) continue;
    clearFrom = x + labelWidth + fontSize;
    xTicks.push({ date: diaryDayToDate(day), label: diaryShortDate(day, withYear), x, labelY: bottom + fontSize + 4 });
  }
  const yTicks = [];
  for (let value = 0; value <= CHART_PAIN_MAX; value += 2) yTicks.push({ value, y: yOf(value) });

  const yAcceptable = yOf(acceptable);
  return {
    width,
    height,
    plot: { left, top, right, bottom },
    from: diaryDayToDate(startDay),
    to: diaryDayToDate(endDay),
    scales: {
      x: { domain: [diaryDayToDate(domainStart), diaryDayToDate(domainEnd)], days: domainEnd - domainStart, range: [left, right] },
      y: { domain: [0, CHART_PAIN_MAX], range: [bottom, top] },
    },
    xOf,
    yOf,
    series,
    acceptable: { value: acceptable, y: yAcceptable, path: `M${left} ${yAcceptable}H${right}` },
    xTicks,
    yTicks,
    weeks,
    entryCount: inRange.length,
  };
}

function chartEmpty(width, height, pad, acceptable) {
  const left = pad.left;
  const right = Math.max(width - pad.right, left + 1);
  const top = pad.top;
  const bottom = Math.max(height - pad.bottom, top + 1);
  const yOf = (value) => chartRound(bottom - value * ((bottom - top) / CHART_PAIN_MAX));
  const yTicks = [];
  for (let value = 0; value <= CHART_PAIN_MAX; value += 2) yTicks.push({ value, y: yOf(value) });
  return {
    width,
    height,
    plot: { left, top, right, bottom },
    from: null,
    to: null,
    scales: { x: { domain: [null, null], days: 0, range: [left, right] }, y: { domain: [0, CHART_PAIN_MAX], range: [bottom, top] } },
    xOf: () => null,
    yOf,
    series: CHART_SERIES.map((s) => ({ key: s.key, label: s.label, points: [], path: '' })),
    acceptable: { value: acceptable, y: yOf(acceptable), path: `M${left} ${yOf(acceptable)}H${right}` },
    xTicks: [],
    yTicks,
    weeks: [],
    entryCount: 0,
  };
}
