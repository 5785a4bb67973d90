// PDF scans (scanner software often saves PDF): each page rendered with pdfjs onto an @napi-rs/canvas
// and turned into grey pixels. sharp's prebuilt binaries cannot read PDF.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { UnreadableInputError } from './types.ts';
import type { GreyPage } from './decode.ts';

/** Render scale: an A4 or DL page at ~150 dpi, the density the rest of the pipeline expects. */
const DPI = 150;

interface Limits {
  readonly maxInputPixels: number;
  readonly minSide: number;
  readonly maxPages: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

interface NodeCanvas {
  data(): Buffer;
}
interface NodeContext {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
}
interface CanvasFactory {
  create(width: number, height: number): { canvas: NodeCanvas; context: NodeContext };
  destroy(pair: { canvas: NodeCanvas; context: NodeContext }): void;
}
let pdfjs: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

function standardFontDataUrl(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return pathToFileURL(join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/').href;
  } catch {
    return undefined;
  }
}

function reasonFor(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return 'password-protected PDF';
  if (name === 'InvalidPDFException') return 'broken PDF (not a valid PDF file)';
  return 'broken PDF (could not be read)';
}

export async function renderPdfPages(bytes: Uint8Array, limits: Limits): Promise<GreyPage[]> {
  const { getDocument } = await loadPdfJs();
  const fontUrl = standardFontDataUrl();
  const task = getDocument({
    // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
    ...(fontUrl ? { standardFontDataUrl: fontUrl } : {}),
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw new UnreadableInputError(reasonFor(error), { cause: error });
  }
  try {
    if (doc.numPages > limits.maxPages) throw new UnreadableInputError(`too many pages (${doc.numPages}; at most ${limits.maxPages})`);
    const pages: GreyPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: DPI / 72 });
      const width = Math.round(viewport.width);
      const height = Math.round(viewport.height);
      if (width * height > limits.maxInputPixels) throw new UnreadableInputError(`PDF page ${n} too large`);
      if (Math.min(width, height) < limits.minSide) throw new UnreadableInputError(`PDF page ${n} too small to read`);
      // pdfjs's own Node canvas factory (over @napi-rs/canvas): a canvas made outside it crashes
      // the renderer natively. Typed against the DOM, hence the narrow local type.
      const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
      const { canvas, context } = factory.create(width, height);
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      const params = { canvas, canvasContext: context, viewport } as unknown as Parameters<typeof page.render>[0];
      await page.render(params).promise;
      const rgba = canvas.data();
      factory.destroy({ canvas, context });
      const { data, info } = await sharp(rgba, { raw: { width, height, channels: 4 } })
        .removeAlpha()
        .toColourspace('b-w')
        .raw()
        .toBuffer({ resolveWithObject: true });
      pages.push({ page: n, width: info.width, height: info.height, pixels: data });
      page.cleanup();
    }
    return pages;
  } catch (error) {
    if (error instanceof UnreadableInputError) throw error;
    throw new UnreadableInputError(reasonFor(error), { cause: error });
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
