import { escapeXml } from "./escape-xml.js";

/** One line of a chart. */
export interface ChartLine {
  label: string;
  values: readonly number[];
  color: string;
  dashed?: boolean;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Log-scale y axis (values ≤ 0 are left out). */
  logY?: boolean;
  /** The x value of index 0 (default 0), and the step between points (default 1). */
  xStart?: number;
  xStep?: number;
}

/**
 * A self-contained SVG line chart: axes with ticks, a legend, one polyline per line. No fonts or
 * scripts are loaded.
 */
export function lineChartSvg(lines: readonly ChartLine[], options: LineChartOptions): string {
  const width = options.width ?? 760;
  const height = options.height ?? 320;
  const margin = { left: 70, right: 16, top: 34, bottom: 44 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const transform = (v: number): number => (options.logY ? Math.log10(v) : v);
  const usable = (v: number): boolean => Number.isFinite(v) && (!options.logY || v > 0);
  const all = lines.flatMap((l) => l.values.filter(usable).map(transform));
  let low = all.length === 0 ? 0 : Math.min(...all);
  let high = all.length === 0 ? 1 : Math.max(...all);
  if (high === low) {
    low -= 1;
    high += 1;
  }
  const pad = (high - low) * 0.05;
  low -= pad;
  high += pad;
  const count = Math.max(...lines.map((l) => l.values.length), 2);
  const xStart = options.xStart ?? 0;
  const xStep = options.xStep ?? 1;
  const px = (i: number): number => margin.left + (i / (count - 1)) * plotWidth;
  const py = (v: number): number =>
    margin.top + (1 - (transform(v) - low) / (high - low)) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(options.title)}</text>`,
  ];
  // y ticks: 5 evenly spaced (decades on a log axis)
  const yTicks = options.logY
    ? range(Math.ceil(low), Math.floor(high))
        .filter((e, _, all) => e % Math.max(1, Math.ceil(all.length / 8)) === 0)
        .map((e) => 10 ** e)
    : range(0, 4).map((k) => low + pad + ((high - low - 2 * pad) * k) / 4);
  for (const tick of yTicks) {
    const y = py(tick);
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e5e5e5"/>`,
      `<text x="${margin.left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${formatNumber(tick)}</text>`,
    );
  }
  for (let k = 0; k <= 5; k++) {
    const i = Math.round(((count - 1) * k) / 5);
    const x = px(i);
    parts.push(
      `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight + 4}" stroke="#333"/>`,
      `<text x="${x.toFixed(1)}" y="${margin.top + plotHeight + 16}" text-anchor="middle">${formatNumber(xStart + i * xStep)}</text>`,
    );
  }
  parts.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#333"/>`,
    `<text x="${margin.left + plotWidth / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(14 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  );
  lines.forEach((line, k) => {
    const points = line.values
      .map((v, i) => (usable(v) ? `${px(i).toFixed(1)},${py(v).toFixed(1)}` : ""))
      .filter((p) => p !== "");
    parts.push(
      `<polyline fill="none" stroke="${line.color}" stroke-width="1.5"${line.dashed ? ' stroke-dasharray="4 3"' : ""} points="${points.join(" ")}"/>`,
    );
    const lx = margin.left + 10 + k * 170;
    parts.push(
      `<line x1="${lx}" x2="${lx + 22}" y1="${margin.top + 10}" y2="${margin.top + 10}" stroke="${line.color}" stroke-width="2"${line.dashed ? ' stroke-dasharray="4 3"' : ""}/>`,
      `<text x="${lx + 27}" y="${margin.top + 14}">${escapeXml(line.label)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(to - from + 1, 0) }, (_, i) => from + i);
}

function formatNumber(v: number): string {
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-2)) return v.toExponential(0);
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) >= 100 ? 0 : 2);
}
