// Finds text on an envelope without OCR: ink blobs that look like characters are chained into lines
// and lines into blocks. Cheap (a few milliseconds), so OCR is spent on the addressee block only.
import type { Binary } from './binarise.ts';
import type { Box } from './types.ts';

export interface Blob {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
}

export interface TextLine {
  readonly blobs: readonly Blob[];
  readonly box: Box;
  /** Median blob height: the text size. */
  readonly size: number;
  /** Slope of the line (radians), from the blobs' bottoms. */
  readonly angle: number;
  /** Where the baseline crosses the line's left edge (box.x). */
  readonly baseY: number;
}

/** The baseline's height at `x`, following the given slope (the page's, steadier than a short line's). */
export function baselineAt(line: TextLine, x: number, slope = Math.tan(line.angle)): number {
  return line.baseY + slope * (x - line.box.x);
}

export interface TextBlock {
  readonly lines: readonly TextLine[];
  readonly box: Box;
  readonly size: number;
}

const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

/** 8-connected components of ink, as boxes: runs of ink per row, joined to the touching runs above. */
export function findBlobs(bin: Binary): Blob[] {
  const { width, height, ink } = bin;
  const parent: number[] = [];
  const find = (a: number): number => {
    let r = a;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[a] !== r) {
      const next = parent[a] as number;
      parent[a] = r;
      a = next;
    }
    return r;
  };
  // Runs of the previous and current row: [start, end) and label.
  let prev: number[] = [];
  const runs: { y: number; x0: number; x1: number; label: number }[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const cur: number[] = [];
    let x = 0;
    while (x < width) {
      if (ink[row + x] === 0) {
        x++;
        continue;
      }
      const x0 = x;
      while (x < width && ink[row + x] !== 0) x++;
      let label = -1;
      for (let i = 0; i < prev.length; i += 3) {
        const p0 = prev[i] as number;
        const p1 = prev[i + 1] as number;
        if (p1 < x0 || p0 > x) continue; // 8-connected: touching diagonally counts
        const pl = find(prev[i + 2] as number);
        if (label < 0) label = pl;
        else if (pl !== label) {
          const lo = Math.min(pl, label);
          parent[Math.max(pl, label)] = lo;
          label = lo;
        }
      }
      if (label < 0) {
        label = parent.length;
        parent.push(label);
      }
      cur.push(x0, x, label);
      runs.push({ y, x0, x1: x, label });
    }
    prev = cur;
  }
  const boxes = new Map<number, Blob>();
  for (const r of runs) {
    const root = find(r.label);
    const b = boxes.get(root);
    if (!b) boxes.set(root, { x0: r.x0, y0: r.y, x1: r.x1, y1: r.y + 1, area: r.x1 - r.x0 });
    else {
      if (r.x0 < b.x0) b.x0 = r.x0;
      if (r.x1 > b.x1) b.x1 = r.x1;
      if (r.y + 1 > b.y1) b.y1 = r.y + 1;
      if (r.y < b.y0) b.y0 = r.y;
      b.area += r.x1 - r.x0;
    }
  }
  return [...boxes.values()];
}

/** Blobs the size and shape of handwritten or printed characters (not specks, stamps or rules). */
export function characterBlobs(blobs: readonly Blob[], pageWidth: number, pageHeight: number): Blob[] {
  const maxH = Math.max(20, Math.min(pageWidth, pageHeight) * 0.12);
  return blobs.filter((b) => {
    const w = b.x1 - b.x0;
    const h = b.y1 - b.y0;
    if (h < 6 || h > maxH) return false;
    if (w > maxH * 3) return false;
    if (b.area < 12) return false;
    const fill = b.area / (w * h);
    // A stamp's solid fill or a framed box is dense; a thin rule is long and flat.
    if (fill > 0.85 && w * h > 400) return false;
    return w / h < 8;
  });
}

interface OpenLine {
  blobs: Blob[];
  /** The last blob of character height: punctuation (commas, dots) does not steer the line. */
  ref: Blob;
}

const heightOf = (b: Blob): number => b.y1 - b.y0;

/** Chains blobs left to right into lines: each next blob overlaps the line's last letter in height and is close. */
export function chainLines(blobs: readonly Blob[]): TextLine[] {
  const sorted = [...blobs].sort((a, b) => a.x0 - b.x0);
  const open: OpenLine[] = [];
  for (const b of sorted) {
    const h = heightOf(b);
    let best: OpenLine | null = null;
    let bestGap = Infinity;
    for (const line of open) {
      const l = line.ref;
      const lh = heightOf(l);
      const overlap = Math.min(b.y1, l.y1) - Math.max(b.y0, l.y0);
      if (overlap < 0.45 * Math.min(h, lh)) continue;
      const lastX1 = Math.max(...line.blobs.slice(-3).map((x) => x.x1));
      const gap = b.x0 - lastX1;
      const limit = 1.6 * Math.max(h, lh);
      if (gap > limit || gap < -0.5 * Math.max(h, lh)) continue;
      if (gap < bestGap) {
        bestGap = gap;
        best = line;
      }
    }
    if (best) {
      best.blobs.push(b);
      if (h >= 0.6 * heightOf(best.ref)) best.ref = b;
    } else open.push({ blobs: [b], ref: b });
  }
  return mergeFragments(open.filter((l) => l.blobs.length >= 2).map((l) => l.blobs))
    .map((group) => {
      const x0 = Math.min(...group.map((b) => b.x0));
      const y0 = Math.min(...group.map((b) => b.y0));
      const x1 = Math.max(...group.map((b) => b.x1));
      const y1 = Math.max(...group.map((b) => b.y1));
      const angle = lineAngle(group);
      const slope = Math.tan(angle);
      // Bottoms of the letters brought back to the left edge; the median ignores descenders.
      const baseY = median(group.map((b) => b.y1 - slope * ((b.x0 + b.x1) / 2 - x0)));
      return { blobs: group, box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, size: median(group.map(heightOf)), angle, baseY };
    })
    .filter((l) => l.box.width >= 1.5 * l.size);
}

/** Joins pieces of one line split at wide punctuation or a double space ("Flat 2,  14 Acacia Road"). */
function mergeFragments(groups: Blob[][]): Blob[][] {
  const items = groups.map((g) => ({
    blobs: g,
    x0: Math.min(...g.map((b) => b.x0)),
    x1: Math.max(...g.map((b) => b.x1)),
    size: median(g.map(heightOf)),
    // Where the line's start and end sit: the baseline under its first and last few letters.
    startY: median(g.slice(0, 3).map((b) => b.y1)),
    endY: median(g.slice(-3).map((b) => b.y1)),
  }));
  items.sort((a, b) => a.x0 - b.x0);
  const merged: typeof items = [];
  for (const item of items) {
    const host = merged.find((m) => {
      const gap = item.x0 - m.x1;
      const size = Math.max(m.size, item.size);
      return gap > -0.3 * size && gap < 2.5 * size && Math.abs(item.startY - m.endY) < 0.5 * size && Math.min(m.size, item.size) / size > 0.6;
    });
    if (host) {
      host.blobs = [...host.blobs, ...item.blobs];
      host.x1 = Math.max(host.x1, item.x1);
      host.endY = item.endY;
    } else merged.push({ ...item });
  }
  return merged.map((m) => m.blobs);
}

/** Least-squares slope of the blobs' bottoms (a line's baseline, robust enough for skew). */
function lineAngle(blobs: readonly Blob[]): number {
  if (blobs.length < 3) return 0;
  const xs = blobs.map((b) => (b.x0 + b.x1) / 2);
  const ys = blobs.map((b) => b.y1);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += ((xs[i] ?? 0) - mx) * ((ys[i] ?? 0) - my);
    den += ((xs[i] ?? 0) - mx) ** 2;
  }
  return den === 0 ? 0 : Math.atan(num / den);
}

const union = (a: Box, b: Box): Box => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
};

/**
 * Stacks lines into blocks: the next line's baseline lies one to three letter heights below the
 * last one's (measured along the page's slope, so a skewed envelope stacks like a straight one),
 * it is of a similar size, and it starts near the same left edge.
 */
export function stackBlocks(lines: readonly TextLine[]): TextBlock[] {
  const slope = Math.tan(median(lines.filter((l) => l.blobs.length >= 4).map((l) => l.angle)));
  const sorted = [...lines].sort((a, b) => baselineAt(a, 0, slope) - baselineAt(b, 0, slope));
  const blocks: { lines: TextLine[]; box: Box }[] = [];
  for (const line of sorted) {
    let target: { lines: TextLine[]; box: Box } | null = null;
    let bestDrop = Infinity;
    for (const block of blocks) {
      const last = block.lines[block.lines.length - 1];
      if (!last) continue;
      const size = Math.max(line.size, last.size);
      if (Math.min(line.size, last.size) / size < 0.55) continue;
      const x = line.box.x + line.box.width / 2;
      const drop = baselineAt(line, x, slope) - baselineAt(last, x, slope);
      if (drop < 0.9 * size || drop > 4 * size) continue;
      // Left edges measured along the slope too: a turned page shifts them by the rotation.
      const leftShift = Math.abs(line.box.x - last.box.x);
      const overlapX = Math.min(line.box.x + line.box.width, block.box.x + block.box.width) - Math.max(line.box.x, block.box.x);
      if (overlapX <= 0 || leftShift > 3 * size) continue;
      if (drop < bestDrop) {
        bestDrop = drop;
        target = block;
      }
    }
    if (target) {
      target.lines.push(line);
      target.box = union(target.box, line.box);
    } else blocks.push({ lines: [line], box: line.box });
  }
  return blocks.map((b) => ({ lines: b.lines, box: b.box, size: median(b.lines.map((l) => l.size)) }));
}
