// A small RGB canvas for the chart renderer: filled rectangles, thick straight lines, filled
// circles, all clipped to a rectangle; and the CSS colour values chart builders accept.
import { GOOGLE_ERRORS } from '../../platform';

export type Rgb = readonly [number, number, number];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class Raster {
  readonly pixels: Uint8Array;
  private clip: Rect;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    this.clip = { x: 0, y: 0, width, height };
    this.fillRect({ x: 0, y: 0, width, height }, background);
  }

  /** Later drawing stays inside `rect` (and the image); null: the whole image. */
  setClip(rect: Rect | null): void {
    this.clip = rect ?? { x: 0, y: 0, width: this.width, height: this.height };
  }

  setPixel(x: number, y: number, color: Rgb): void {
    const px = Math.round(x);
    const py = Math.round(y);
    const c = this.clip;
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    if (px < c.x || py < c.y || px >= c.x + c.width || py >= c.y + c.height) return;
    const i = (py * this.width + px) * 3;
    this.pixels[i] = color[0];
    this.pixels[i + 1] = color[1];
    this.pixels[i + 2] = color[2];
  }

  getPixel(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 3;
    return [this.pixels[i], this.pixels[i + 1], this.pixels[i + 2]];
  }

  fillRect(rect: Rect, color: Rgb): void {
    const x0 = Math.round(rect.x);
    const y0 = Math.round(rect.y);
    const x1 = Math.round(rect.x + rect.width);
    const y1 = Math.round(rect.y + rect.height);
    for (let y = Math.min(y0, y1); y < Math.max(y0, y1); y++) for (let x = Math.min(x0, x1); x < Math.max(x0, x1); x++) this.setPixel(x, y, color);
  }

  /** A straight line `thickness` pixels wide (Bresenham, a square brush), cut to the clip first. */
  line(xa: number, ya: number, xb: number, yb: number, color: Rgb, thickness = 1): void {
    const cut = clipSegment(xa, ya, xb, yb, this.clip, thickness);
    if (!cut) return;
    let x0 = Math.round(cut[0]);
    let y0 = Math.round(cut[1]);
    const x1 = Math.round(cut[2]);
    const y1 = Math.round(cut[3]);
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    const from = -Math.floor((thickness - 1) / 2);
    const to = from + Math.max(1, Math.round(thickness));
    for (;;) {
      for (let oy = from; oy < to; oy++) for (let ox = from; ox < to; ox++) this.setPixel(x0 + ox, y0 + oy, color);
      if (x0 === x1 && y0 === y1) break;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }

  fillCircle(cx: number, cy: number, radius: number, color: Rgb): void {
    const r = Math.max(0, radius);
    for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++) {
      for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r + 0.25) this.setPixel(x, y, color);
      }
    }
  }
}

/** Liang-Barsky: the part of a segment inside `rect` grown by `margin`, or null when none is. */
function clipSegment(x0: number, y0: number, x1: number, y1: number, rect: Rect, margin: number): [number, number, number, number] | null {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, x0 - (rect.x - margin)],
    [dx, rect.x + rect.width + margin - x0],
    [-dy, y0 - (rect.y - margin)],
    [dy, rect.y + rect.height + margin - y0],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return null;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return null;
      if (t < t1) t1 = t;
    }
  }
  return [x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy];
}

/** The CSS colour names accepted locally; any other name throws (Google takes all of CSS's). */
const NAMED: Record<string, Rgb> = {
  black: [0, 0, 0], white: [255, 255, 255], red: [255, 0, 0], lime: [0, 255, 0], green: [0, 128, 0], blue: [0, 0, 255],
  yellow: [255, 255, 0], orange: [255, 165, 0], purple: [128, 0, 128], gray: [128, 128, 128], grey: [128, 128, 128],
  silver: [192, 192, 192], maroon: [128, 0, 0], navy: [0, 0, 128], teal: [0, 128, 128], olive: [128, 128, 0],
  aqua: [0, 255, 255], cyan: [0, 255, 255], fuchsia: [255, 0, 255], magenta: [255, 0, 255], pink: [255, 192, 203],
  brown: [165, 42, 42],
};

/**
 * A CSS colour value: #rgb, #rrggbb, rgb(r, g, b) or one of a few names. Anything else throws: a
 * malformed value as an invalid argument, a valid CSS form this runtime does not read (other names,
 * hsl(), transparency) as not implemented, rather than drawing a wrong colour.
 */
export function parseCssColor(value: unknown, argument: string): Rgb {
  if (typeof value !== 'string') throw new Error(GOOGLE_ERRORS.invalidArgument(argument));
  const v = value.trim().toLowerCase();
  let m = /^#([0-9a-f]{3})$/.exec(v);
  if (m) return [0, 1, 2].map((i) => parseInt(m![1][i] + m![1][i], 16)) as unknown as Rgb;
  m = /^#([0-9a-f]{6})$/.exec(v);
  if (m) return [0, 2, 4].map((i) => parseInt(m![1].slice(i, i + 2), 16)) as unknown as Rgb;
  m = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/.exec(v);
  if (m && [m[1], m[2], m[3]].every((c) => Number(c) <= 255)) return [Number(m[1]), Number(m[2]), Number(m[3])];
  if (v in NAMED) return NAMED[v];
  if (/^[a-z]+$/.test(v) || /^(rgba|hsla?)\(/.test(v) || /^#([0-9a-f]{4}|[0-9a-f]{8})$/.test(v)) {
    throw new Error(GOOGLE_ERRORS.notImplemented(`the CSS colour "${value}" (use #rrggbb)`));
  }
  throw new Error(GOOGLE_ERRORS.invalidArgument(argument));
}
