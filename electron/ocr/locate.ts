// Which text block is the addressee. On an envelope it is the biggest writing, several lines, in the
// middle or lower right; the return address sits top left (or on the back) in smaller writing, the
// stamp and postmark top right, banners are a single line near an edge.
import type { TextBlock } from './layout.ts';
import type { Box } from './types.ts';

export interface RankedBlock {
  readonly block: TextBlock;
  readonly score: number;
  readonly role: 'addressee' | 'return-address' | 'other';
}

export interface BlockRanking {
  readonly ranked: readonly RankedBlock[];
  /** The best addressee candidate, or null when nothing looks like one. */
  readonly addressee: RankedBlock | null;
  /** True when the second candidate is close enough that both should be read. */
  readonly unsure: boolean;
  /** A block that looks like a return address (top left, smaller), read for the sender's number. */
  readonly returnAddress: RankedBlock | null;
}

const centre = (b: Box): { x: number; y: number } => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

function addresseeScore(block: TextBlock, biggest: number, width: number, height: number): number {
  const n = block.lines.length;
  let score = 2 * (block.size / biggest);
  score += n >= 3 && n <= 8 ? 1.5 : n === 2 ? 0.6 : 0;
  const c = centre(block.box);
  // Distance from where addressees are written (a little right of and below the middle).
  const dx = (c.x - width * 0.55) / width;
  const dy = (c.y - height * 0.58) / height;
  score -= 2.5 * Math.sqrt(dx * dx + dy * dy);
  // Top-left corner: the return address's place on the front.
  if (c.x < width * 0.35 && c.y < height * 0.3) score -= 1;
  // Top-right corner: stamp, postmark, franking.
  if (block.box.x > width * 0.75 && c.y < height * 0.3) score -= 1;
  return score;
}

export function rankBlocks(blocks: readonly TextBlock[], width: number, height: number): BlockRanking {
  const usable = blocks.filter((b) => b.lines.length >= 1 && b.box.width >= 3 * b.size);
  if (usable.length === 0) return { ranked: [], addressee: null, unsure: true, returnAddress: null };
  const biggest = Math.max(...usable.map((b) => b.size));
  const scored = usable
    .map((block) => ({ block, score: addresseeScore(block, biggest, width, height) }))
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  const second = scored[1];
  const addressee = best && best.block.lines.length >= 2 ? best : null;
  const unsure = !addressee || (second !== undefined && second.block.lines.length >= 2 && best !== undefined && best.score - second.score < 0.6);
  const returnCandidate = scored.find((s) => {
    if (s === addressee) return false;
    const c = centre(s.block.box);
    return s.block.lines.length >= 1 && s.block.lines.length <= 6 && c.y < height * 0.45 && c.x < width * 0.6;
  });
  const ranked: RankedBlock[] = scored.map((s) => ({
    ...s,
    role: s === addressee ? 'addressee' : s === returnCandidate ? 'return-address' : 'other',
  }));
  return {
    ranked,
    addressee: ranked.find((r) => r.role === 'addressee') ?? null,
    unsure,
    returnAddress: ranked.find((r) => r.role === 'return-address') ?? null,
  };
}
