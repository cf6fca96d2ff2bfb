// Figures drawn on a canvas from the server's JSON: a heat map with a curve over it, and line plots.
// Nothing is vendored: two plot kinds did not justify a charting library, and drawing from the numbers
// keeps every pixel traceable to the JSON the tests read.
const Plot = (() => {
  const margin = { left: 56, right: 14, top: 14, bottom: 44 };

  function frame(canvas, xRange, yRange, xLabel, yLabel) {
    const g = canvas.getContext('2d');
    const w = canvas.width - margin.left - margin.right, h = canvas.height - margin.top - margin.bottom;
    g.clearRect(0, 0, canvas.width, canvas.height);
    const x = v => margin.left + (v - xRange[0]) / (xRange[1] - xRange[0]) * w;
    const y = v => margin.top + h - (v - yRange[0]) / (yRange[1] - yRange[0]) * h;
    return { g, w, h, x, y, axes: () => axes(g, canvas, xRange, yRange, x, y, xLabel, yLabel) };
  }

  function ticks([lo, hi]) {
    const step = Math.pow(10, Math.floor(Math.log10((hi - lo) / 4)));
    const nice = [1, 2, 5, 10].map(m => m * step).find(s => (hi - lo) / s <= 6);
    const out = [];
    for (let v = Math.ceil(lo / nice) * nice; v <= hi + 1e-9; v += nice) out.push(+v.toPrecision(6));
    return out;
  }

  function axes(g, canvas, xRange, yRange, x, y, xLabel, yLabel) {
    g.strokeStyle = '#333'; g.fillStyle = '#333'; g.lineWidth = 1; g.font = '12px DejaVu Sans, sans-serif';
    const bottom = canvas.height - margin.bottom;
    g.strokeRect(margin.left, margin.top, canvas.width - margin.left - margin.right, bottom - margin.top);
    g.textAlign = 'center';
    for (const v of ticks(xRange)) { g.fillText(v, x(v), bottom + 15); g.beginPath(); g.moveTo(x(v), bottom); g.lineTo(x(v), bottom + 4); g.stroke(); }
    g.fillText(xLabel, margin.left + (canvas.width - margin.left - margin.right) / 2, bottom + 34);
    g.textAlign = 'right';
    for (const v of ticks(yRange)) { g.fillText(v, margin.left - 6, y(v) + 4); g.beginPath(); g.moveTo(margin.left - 4, y(v)); g.lineTo(margin.left, y(v)); g.stroke(); }
    g.save(); g.translate(14, margin.top + (bottom - margin.top) / 2); g.rotate(-Math.PI / 2); g.textAlign = 'center'; g.fillText(yLabel, 0, 0); g.restore();
  }

  function polyline(f, xs, ys, colour, width) {
    f.g.strokeStyle = colour; f.g.lineWidth = width; f.g.beginPath();
    let drawing = false;
    xs.forEach((xv, i) => {
      const yv = ys[i];
      if (yv === null || !isFinite(yv)) { drawing = false; return; }
      if (drawing) f.g.lineTo(f.x(xv), f.y(yv)); else f.g.moveTo(f.x(xv), f.y(yv));
      drawing = true;
    });
    f.g.stroke();
  }

  // Blue below 1, white at 1, red above, on log χ₁ clipped at ±1 (χ₁ from e⁻¹ to e).
  function diverging(value) {
    const t = Math.max(-1, Math.min(1, Math.log(value)));
    const fade = c => Math.round(255 - (255 - c) * Math.abs(t));
    return t < 0 ? [fade(33), fade(102), fade(172)] : [fade(178), fade(24), fade(43)];
  }

  function heatmap(canvas, xs, ys, z, line, xLabel, yLabel) {
    const xRange = [0, xs[xs.length - 1]], yRange = [ys[0], ys[ys.length - 1]];
    const f = frame(canvas, xRange, yRange, xLabel, yLabel);
    const image = f.g.createImageData(Math.round(f.w), Math.round(f.h));
    for (let py = 0; py < image.height; py++) {
      const i = Math.min(ys.length - 1, Math.floor((1 - (py + 0.5) / image.height) * ys.length));
      for (let px = 0; px < image.width; px++) {
        const j = Math.min(xs.length - 1, Math.floor((px + 0.5) / image.width * xs.length));
        const v = z[i][j], k = 4 * (py * image.width + px);
        const [r, g, b] = v === null ? [200, 200, 200] : diverging(v);
        image.data[k] = r; image.data[k + 1] = g; image.data[k + 2] = b; image.data[k + 3] = 255;
      }
    }
    f.g.putImageData(image, margin.left, margin.top);
    f.g.save(); f.g.beginPath(); f.g.rect(margin.left, margin.top, f.w, f.h); f.g.clip();
    polyline(f, line.x, line.y, 'black', 2);
    f.g.restore();
    f.axes();
  }

  // A series is a curve, dashed if s.dashed, or dots if s.markers. options.xLog / yLog draw log₁₀ of the values on
  // that axis (and say so in its label).
  function lines(canvas, series, xLabel, yLabel, yMax, marks, options = {}) {
    const log = on => v => v === null || !isFinite(v) ? null : on ? (v > 0 ? Math.log10(v) : null) : v;
    const toX = log(options.xLog), toY = log(options.yLog);
    series = series.map(s => ({ ...s, x: s.x.map(toX), y: s.y.map(toY) }));
    const xs = series.flatMap(s => s.x).filter(v => v !== null), ys = series.flatMap(s => s.y).filter(v => v !== null);
    const yTop = yMax ?? Math.max(...ys);
    const yBottom = options.yLog ? Math.min(...ys) : Math.min(0, ...ys);
    const pad = (yTop - yBottom) * 0.05 || 1;
    // Dots at the ends of the range would be cut in half by the frame: they get a margin.
    const xPad = series.some(s => s.markers) ? (Math.max(...xs) - Math.min(...xs)) * 0.04 : 0;
    const xRange = Math.min(...xs) < Math.max(...xs) ? [Math.min(...xs) - xPad, Math.max(...xs) + xPad] : [xs[0] - 1, xs[0] + 1];
    const f = frame(canvas, xRange, [options.yLog ? yBottom - pad : yBottom, yTop + pad],
      options.xLog ? `log₁₀ ${xLabel}` : xLabel, options.yLog ? `log₁₀ ${yLabel}` : yLabel);
    f.g.save(); f.g.beginPath(); f.g.rect(margin.left, margin.top, f.w, f.h); f.g.clip();
    for (const m of marks ?? []) {
      f.g.setLineDash([5, 4]); f.g.strokeStyle = '#888'; f.g.beginPath(); f.g.moveTo(f.x(m), margin.top); f.g.lineTo(f.x(m), margin.top + f.h); f.g.stroke(); f.g.setLineDash([]);
    }
    for (const s of series) {
      const clipped = s.y.map(v => v === null ? null : Math.min(v, yTop + pad * 0.8));
      if (s.markers) dots(f, s.x, clipped, s.colour);
      else { f.g.setLineDash(s.dashed ? [6, 4] : []); polyline(f, s.x, clipped, s.colour, 2); f.g.setLineDash([]); }
    }
    f.g.restore();
    f.axes();
  }

  function dots(f, xs, ys, colour) {
    f.g.fillStyle = colour;
    xs.forEach((xv, i) => {
      if (xv === null || ys[i] === null) return;
      f.g.beginPath(); f.g.arc(f.x(xv), f.y(ys[i]), 3, 0, 2 * Math.PI); f.g.fill();
    });
  }

  return { heatmap, lines };
})();
