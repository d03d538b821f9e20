// Small, dependency-free SVG charts for the committee report: grouped or stacked bars by year, and
// a P10–P90 range with the P50 and the plan. Deterministic markup; every chart carries a <title>
// and a <desc> that states the figures, so it has a text alternative.

import { group } from '../model/grouped-number.js';
import { escapeHtml } from './html.js';

interface Series {
  readonly label: string;
  /** One value per year, in the units shown, already rounded for display. */
  readonly values: readonly number[];
}

const W = 640;
const H = 300;
const M = { top: 20, right: 16, bottom: 64, left: 72 };
const PALETTE = ['#1f4e79', '#c55a11', '#548235', '#7030a0', '#bf9000', '#2e75b6', '#a5a5a5'];

const fmt = (n: number): string => {
  const s = (Math.round(n * 10) / 10).toFixed(1);
  return s.endsWith('.0') ? s.slice(0, -2) : s;
};
const money = (n: number): string => {
  const abs = group(Math.abs(Math.round(n)).toString());
  return n < 0 ? `(${abs})` : abs;
};

/** Round axis bounds and a tick step of 1, 2 or 5 × 10^k. */
function axis(min: number, max: number): { lo: number; hi: number; step: number } {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return { lo: Math.floor(min / step) * step, hi: Math.ceil(max / step) * step, step };
}

function frame(id: string, title: string, desc: string, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${id}-title ${id}-desc" id="${id}">`,
    `<title id="${id}-title">${escapeHtml(title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(desc)}</desc>`,
    body,
    '</svg>',
  ].join('\n');
}

/** The units of the vertical axis, written up its left side. */
function yLabel(text: string): string {
  const cy = M.top + (H - M.top - M.bottom) / 2;
  return `<text x="10" y="${fmt(cy)}" transform="rotate(-90 10 ${fmt(cy)})" text-anchor="middle" class="tick">${escapeHtml(text)}</text>`;
}

function yAxis(lo: number, hi: number, step: number, y: (v: number) => number, label: string): string {
  const out: string[] = [yLabel(label)];
  for (let v = lo; v <= hi + step / 2; v += step) {
    out.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${fmt(y(v))}" y2="${fmt(y(v))}" class="grid"/>`,
      `<text x="${M.left - 6}" y="${fmt(y(v) + 4)}" text-anchor="end" class="tick">${money(v)}</text>`,
    );
  }
  return out.join('\n');
}

/** A key under the chart, items placed by label length and wrapped onto a second row if needed. */
function legend(series: readonly Series[]): string {
  let x = M.left;
  let row = 0;
  return series
    .map((s, i) => {
      const width = 24 + s.label.length * 6.2;
      if (x + width > W - M.right && x > M.left) {
        x = M.left;
        row++;
      }
      const y = H - 30 + row * 16;
      const item = `<rect x="${fmt(x)}" y="${y}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${fmt(x + 14)}" y="${y + 9}" class="legend">${escapeHtml(s.label)}</text>`;
      x += width;
      return item;
    })
    .join('\n');
}

/** Bars by year from zero: side by side (`grouped`) or on top of one another (`stacked`). `axisLabel` names
 * the units of the vertical axis, e.g. `£000`, as shown. */
export function barChart(
  id: string,
  title: string,
  years: readonly string[],
  series: readonly Series[],
  stacked: boolean,
  axisLabel: string,
): string {
  const totals = years.map((_, i) => series.reduce((a, s) => a + Math.max(0, s.values[i] ?? 0), 0));
  const negatives = years.map((_, i) => series.reduce((a, s) => a + Math.min(0, s.values[i] ?? 0), 0));
  const all = series.flatMap((s) => s.values);
  const { lo, hi, step } = axis(Math.min(0, ...(stacked ? negatives : all)), Math.max(0, ...(stacked ? totals : all)));
  const y = (v: number): number => M.top + ((hi - v) / (hi - lo)) * (H - M.top - M.bottom);
  const slot = (W - M.left - M.right) / years.length;
  const barW = stacked ? slot * 0.5 : (slot * 0.7) / Math.max(series.length, 1);
  const bars: string[] = [];
  years.forEach((year, i) => {
    let up = 0;
    let down = 0;
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      let from: number;
      let to: number;
      if (stacked) {
        from = v >= 0 ? up : down;
        to = from + v;
        if (v >= 0) up = to;
        else down = to;
      } else {
        from = 0;
        to = v;
      }
      const x = M.left + i * slot + (stacked ? slot * 0.25 : slot * 0.15 + j * barW);
      const top = Math.min(y(from), y(to));
      bars.push(
        `<rect x="${fmt(x)}" y="${fmt(top)}" width="${fmt(barW)}" height="${fmt(Math.abs(y(to) - y(from)))}" fill="${PALETTE[j % PALETTE.length]}"><title>${escapeHtml(`${s.label} ${year}: ${money(v)}`)}</title></rect>`,
      );
    });
    bars.push(
      `<text x="${fmt(M.left + i * slot + slot / 2)}" y="${H - M.bottom + 16}" text-anchor="middle" class="tick">${escapeHtml(year)}</text>`,
    );
  });
  const desc = `${title}, ${axisLabel}. ${series.map((s) => `${s.label}: ${years.map((yr, i) => `${yr} ${money(s.values[i] ?? 0)}`).join(', ')}`).join('. ')}.`;
  return frame(
    id,
    title,
    desc,
    [
      yAxis(lo, hi, step, y, axisLabel),
      `<line x1="${M.left}" x2="${W - M.right}" y1="${fmt(y(0))}" y2="${fmt(y(0))}" class="axis"/>`,
      ...bars,
      legend(series),
    ].join('\n'),
  );
}

/** The P10–P90 range per year as a band, the P50 and the plan as marks. The axis need not start at
 * zero, and its label says where it starts. */
export function rangeChart(
  id: string,
  title: string,
  years: readonly string[],
  p10: readonly number[],
  p50: readonly number[],
  p90: readonly number[],
  planned: readonly number[],
  units: string,
): string {
  const { lo, hi, step } = axis(Math.min(...p10, ...planned), Math.max(...p90, ...planned));
  const y = (v: number): number => M.top + ((hi - v) / (hi - lo)) * (H - M.top - M.bottom);
  const label = lo === 0 ? units : `${units} (axis from ${money(lo)})`;
  const slot = (W - M.left - M.right) / years.length;
  const marks: string[] = [];
  years.forEach((year, i) => {
    const cx = M.left + i * slot + slot / 2;
    const a = p10[i] ?? 0;
    const b = p90[i] ?? 0;
    marks.push(
      `<rect x="${fmt(cx - slot * 0.2)}" y="${fmt(y(b))}" width="${fmt(slot * 0.4)}" height="${fmt(Math.max(1, y(a) - y(b)))}" fill="${PALETTE[5]}" opacity="0.35"><title>${escapeHtml(`${year}: P10 ${money(a)} to P90 ${money(b)}`)}</title></rect>`,
      `<line x1="${fmt(cx - slot * 0.2)}" x2="${fmt(cx + slot * 0.2)}" y1="${fmt(y(p50[i] ?? 0))}" y2="${fmt(y(p50[i] ?? 0))}" stroke="${PALETTE[0]}" stroke-width="3"/>`,
      `<circle cx="${fmt(cx)}" cy="${fmt(y(planned[i] ?? 0))}" r="4" fill="${PALETTE[1]}"/>`,
      `<text x="${fmt(cx)}" y="${H - M.bottom + 16}" text-anchor="middle" class="tick">${escapeHtml(year)}</text>`,
    );
  });
  const key = [
    `<rect x="${M.left}" y="${H - 30}" width="10" height="10" fill="${PALETTE[5]}" opacity="0.35"/><text x="${M.left + 14}" y="${H - 21}" class="legend">P10–P90</text>`,
    `<rect x="${M.left + 110}" y="${H - 26}" width="12" height="3" fill="${PALETTE[0]}"/><text x="${M.left + 128}" y="${H - 21}" class="legend">P50</text>`,
    `<circle cx="${M.left + 175}" cy="${H - 25}" r="4" fill="${PALETTE[1]}"/><text x="${M.left + 184}" y="${H - 21}" class="legend">as written: every assumption at its stated value</text>`,
  ].join('\n');
  const desc = `${title}, ${units} (the axis does not start at zero). ${years
    .map(
      (yr, i) =>
        `${yr}: P10 ${money(p10[i] ?? 0)}, P50 ${money(p50[i] ?? 0)}, P90 ${money(p90[i] ?? 0)}, as written ${money(planned[i] ?? 0)}`,
    )
    .join('; ')}.`;
  return frame(id, title, desc, [yAxis(lo, hi, step, y, label), ...marks, key].join('\n'));
}
