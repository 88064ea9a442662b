import { escapeXml } from "../report/escape-xml.js";
import type { CellScore } from "./rank-cells.js";
import type { LstmTrace } from "./trace-lstm.js";

export interface ReportInput {
  title: string;
  /** Lines about the model and the text, shown at the top. */
  facts: string[];
  chars: string[];
  trace: LstmTrace;
  /** The vocabulary's symbols, by index (for the next-character guesses). */
  symbols: readonly string[];
  /** Guesses shown under each character (0: none). */
  topK: number;
  /** The cell coloured first. */
  selected: { layer: number; unit: number };
  /** Per feature: its name, description and best cells (best first); empty when constant. */
  rankings: { name: string; description: string; best: CellScore[] }[];
  /** Gate-saturation SVGs, per layer. */
  saturation: { layer: number; svgs: string[] }[];
  gradientChart: string;
  gradientNote: string;
}

/**
 * The visualization as one self-contained HTML page (inline CSS, inline script, no requests):
 * a heat map with one cell per character coloured by the selected LSTM cell's tanh(c_t) (red +,
 * blue −) and the model's top-k guesses for the next character under it; a selector of the cells
 * the search found; the ranking per feature; gate-saturation plots; the gradient-norm chart.
 */
export function renderReport(input: ReportInput): string {
  const { trace, chars } = input;
  const H = trace.hiddenSize;
  const V = input.symbols.length;
  const key = (c: { layer: number; unit: number }): string => `${c.layer + 1}:${c.unit}`;
  const candidates = new Map<string, { layer: number; unit: number; why: string }>();
  candidates.set(key(input.selected), { ...input.selected, why: "selected" });
  for (const ranking of input.rankings) {
    for (const score of ranking.best) {
      const k = key(score);
      if (!candidates.has(k)) {
        candidates.set(k, {
          layer: score.layer,
          unit: score.unit,
          why: `${ranking.name}, r = ${score.r.toFixed(2)}`,
        });
      }
    }
  }
  const valuesOf = (c: { layer: number; unit: number }): number[] => {
    const cell = trace.layers[c.layer]?.cell as Float32Array;
    return chars.map((_, t) => Math.round((cell[t * H + c.unit] as number) * 100) / 100);
  };
  const data = Object.fromEntries([...candidates].map(([k, c]) => [k, valuesOf(c)]));
  const initial = valuesOf(input.selected);
  const cells = chars
    .map((ch, t) => {
      const shown = ch === "\n" ? "↵" : ch === " " ? "\u00a0" : ch === "\t" ? "⇥" : ch;
      let guesses = "";
      if (input.topK > 0) {
        const row = trace.probabilities.subarray(t * V, (t + 1) * V);
        const order = Array.from({ length: V }, (_, i) => i)
          .sort((a, b) => (row[b] as number) - (row[a] as number))
          .slice(0, input.topK);
        guesses = `<span class="guess">${order
          .map(
            (i) =>
              `${escapeXml(visible(input.symbols[i] ?? "?"))}${((row[i] as number) * 100).toFixed(0)}`,
          )
          .join("<br>")}</span>`;
      }
      const br = ch === "\n" ? "<br>" : "";
      return `<span class="hm-cell" style="background:${color(initial[t] as number)}" title="${escapeXml(`#${t} ${visible(ch)}: tanh(c) = ${(initial[t] as number).toFixed(2)}`)}"><span class="ch">${escapeXml(shown)}</span>${guesses}</span>${br}`;
    })
    .join("");
  const options = [...candidates]
    .map(
      ([k, c]) =>
        `<option value="${k}">layer ${c.layer + 1}, cell ${c.unit} (${escapeXml(c.why)})</option>`,
    )
    .join("");
  const rankingRows = input.rankings
    .map((r) => {
      if (r.best.length === 0) {
        return `<tr><th>${escapeXml(r.name)}</th><td colspan="5" class="muted">constant in this text: nothing to correlate with</td></tr>`;
      }
      const tds = r.best
        .map(
          (s) =>
            `<td><a href="#heatmap" data-cell="${key(s)}">layer ${s.layer + 1}, cell ${s.unit}</a><br><b>r = ${s.r.toFixed(3)}</b></td>`,
        )
        .join("");
      return `<tr><th>${escapeXml(r.name)}<br><span class="muted">${escapeXml(r.description)}</span></th>${tds}</tr>`;
    })
    .join("\n");
  const saturation = input.saturation
    .map((s) => `<div class="row"><h3>layer ${s.layer + 1}</h3>${s.svgs.join("\n")}</div>`)
    .join("\n");
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(input.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 24px; color: #222; max-width: 1200px; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; } h3 { font-size: 13px; margin: 4px 0; }
.muted { color: #777; font-weight: normal; font-size: 12px; }
#heatmap { font-family: ui-monospace, monospace; font-size: 14px; line-height: 1.1; border: 1px solid #ddd; padding: 8px; }
.hm-cell { display: inline-block; vertical-align: top; text-align: center; min-width: 0.62em; margin-bottom: 3px; }
.hm-cell .ch { display: block; padding: 1px 0; white-space: pre; }
.hm-cell .guess { display: block; font-size: 8px; color: #444; line-height: 1.05; border-top: 1px solid rgba(0,0,0,0.08); }
table { border-collapse: collapse; font-size: 13px; } th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
.row { display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
.legend span { display: inline-block; width: 60px; text-align: center; }
</style>
</head>
<body>
<h1>${escapeXml(input.title)}</h1>
${input.facts.map((f) => `<p class="muted">${escapeXml(f)}</p>`).join("\n")}
<h2>Cells that track something, best first</h2>
<p class="muted">Pearson correlation r between each cell's tanh(c<sub>t</sub>) and a feature of the text after character t. Click a cell to colour the text by it.</p>
<table>${rankingRows}</table>
<h2>The text, coloured by one cell's tanh(c<sub>t</sub>)</h2>
<p><label>cell: <select id="cell-select">${options}</select></label>
<span class="legend"><span style="background:${color(-1)}">−1</span><span style="background:${color(0)}">0</span><span style="background:${color(1)}">+1</span></span>
${input.topK > 0 ? `<span class="muted">under each character: the model's top ${input.topK} guesses for the next one (percent)</span>` : ""}</p>
<div id="heatmap">${cells}</div>
<h2>Gate saturation</h2>
<p class="muted">One dot per unit: how often its gate is below 0.1 (left-saturated) or above 0.9 (right-saturated) over the text.</p>
${saturation}
<h2>Gradient norm per time step</h2>
<p class="muted">${escapeXml(input.gradientNote)}</p>
${input.gradientChart}
<script type="application/json" id="cell-data">${json}</script>
<script>
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("cell-data").textContent);
  var select = document.getElementById("cell-select");
  var cells = document.querySelectorAll("#heatmap .hm-cell");
  function color(v) {
    var a = Math.min(Math.abs(v), 1) * 0.85;
    return v >= 0 ? "rgba(214,39,40," + a.toFixed(3) + ")" : "rgba(31,119,180," + a.toFixed(3) + ")";
  }
  function show(key) {
    var values = data[key];
    if (!values) return;
    select.value = key;
    for (var t = 0; t < cells.length; t++) {
      cells[t].style.background = color(values[t]);
      cells[t].title = "#" + t + ": tanh(c) = " + values[t].toFixed(2);
    }
  }
  select.addEventListener("change", function () { show(select.value); });
  document.querySelectorAll("a[data-cell]").forEach(function (link) {
    link.addEventListener("click", function () { show(link.getAttribute("data-cell")); });
  });
})();
</script>
</body>
</html>
`;
}

/** tanh(c) ∈ [−1, 1] → red for +, blue for −, stronger with |v|. */
function color(v: number): string {
  const a = Math.min(Math.abs(v), 1) * 0.85;
  return v >= 0 ? `rgba(214,39,40,${a.toFixed(3)})` : `rgba(31,119,180,${a.toFixed(3)})`;
}

function visible(symbol: string): string {
  return symbol === "\n" ? "↵" : symbol === " " ? "␣" : symbol === "\t" ? "⇥" : symbol;
}
