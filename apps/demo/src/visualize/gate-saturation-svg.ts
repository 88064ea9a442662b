import { escapeXml } from "../report/escape-xml.js";

/**
 * Karpathy et al.'s saturation plot for one gate: a dot per unit at (fraction of steps with the
 * gate < 0.1 "left-saturated", fraction > 0.9 "right-saturated"). Dots near the top left are
 * gates almost always open, near the bottom right almost always closed, near the origin gates
 * that work in between.
 */
export function gateSaturationSvg(
  title: string,
  gate: Float32Array,
  steps: number,
  units: number,
  color: string,
): string {
  const size = 220;
  const margin = 36;
  const plot = size - 2 * margin + 20;
  const dots: string[] = [];
  for (let j = 0; j < units; j++) {
    let left = 0;
    let right = 0;
    for (let t = 0; t < steps; t++) {
      const v = gate[t * units + j] as number;
      if (v < 0.1) left++;
      else if (v > 0.9) right++;
    }
    const x = margin + (left / steps) * plot;
    const y = margin - 16 + (1 - right / steps) * plot;
    dots.push(
      `<circle class="sat-dot" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${color}" fill-opacity="0.6"><title>unit ${j}: ${((100 * left) / steps).toFixed(0)}% < 0.1, ${((100 * right) / steps).toFixed(0)}% > 0.9</title></circle>`,
    );
  }
  const x0 = margin;
  const y1 = margin - 16 + plot;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" font-family="sans-serif" font-size="10">`,
    `<text x="${size / 2}" y="12" text-anchor="middle" font-weight="bold">${escapeXml(title)}</text>`,
    `<rect x="${x0}" y="${margin - 16}" width="${plot}" height="${plot}" fill="none" stroke="#333"/>`,
    `<line x1="${x0}" y1="${y1}" x2="${x0 + plot}" y2="${margin - 16}" stroke="#ddd"/>`,
    `<text x="${x0 + plot / 2}" y="${y1 + 26}" text-anchor="middle">fraction left-saturated (&lt; 0.1)</text>`,
    `<text transform="translate(12 ${margin - 16 + plot / 2}) rotate(-90)" text-anchor="middle">fraction right-saturated (&gt; 0.9)</text>`,
    `<text x="${x0}" y="${y1 + 12}">0</text><text x="${x0 + plot}" y="${y1 + 12}" text-anchor="end">1</text>`,
    `<text x="${x0 - 3}" y="${margin - 13}" text-anchor="end">1</text>`,
    ...dots,
    "</svg>",
  ].join("\n");
}
