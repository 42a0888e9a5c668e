/**
 * DejaVu Sans (regular + bold) for invoices, read and parsed once per process.
 *
 * Parsing a 700 kB TrueType font costs ~50 ms, far more than laying out a whole invoice, so we
 * keep the parsed fontkit fonts and hand them to pdfkit (which accepts fontkit `Font` instances
 * since 0.20). fontkit is loaded *through pdfkit's own resolution*, so it is exactly the copy
 * pdfkit depends on and needs no extra entry in package.json.
 *
 * Shaping a word (GSUB/GPOS lookups) is another big cost, and pdfkit only caches it per
 * document; most words on an invoice are the same labels every time, so its cache is shared
 * across documents (shareLayoutCache, bounded). The per-document font subsets come from our own
 * subsetter (see truetype-subset.ts) rather than fontkit's.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { TrueTypeSubsetter } from "./truetype-subset.js";

/** The few members of a fontkit `Font` we use directly (fontkit ships no type declarations). */
export interface FontkitFont {
  readonly postscriptName: string;
  readonly ascent: number;
  readonly unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

interface Fontkit {
  create(data: Uint8Array, postscriptName?: string): FontkitFont;
}

export interface InvoiceFonts {
  regular: FontkitFont;
  bold: FontkitFont;
}

/**
 * Distinct words whose layout is kept per font (see shareLayoutCache); the cache is simply emptied when full. Small:
 * the labels of both locales fit, and what churns (names, numbers) dies young instead of in the old heap (4,000 grew
 * the bench's RSS by 34–36 MB over 10,000 invoices; 1,000 by −16 to +1 MB).
 */
const LAYOUT_CACHE_LIMIT = 1_000;

let cached: InvoiceFonts | undefined;

/** Directory holding DejaVuSans.ttf etc. — resolved from the installed package, not a fixed path. */
export function dejavuTtfDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
}

export function invoiceFonts(): InvoiceFonts {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const fontkit = createRequire(require.resolve("pdfkit"))("fontkit") as Fontkit;
  const dir = dejavuTtfDirectory();
  const load = (file: string) => {
    const bytes = readFileSync(join(dir, file));
    return forPdf(fontkit.create(bytes), new TrueTypeSubsetter(bytes));
  };
  cached = { regular: load("DejaVuSans.ttf"), bold: load("DejaVuSans-Bold.ttf") };
  return cached;
}

/** The same font, except that its subsets come from `subsetter`. */
function forPdf(font: FontkitFont, subsetter: TrueTypeSubsetter): FontkitFont {
  const createSubset = () => subsetter.createSubset();
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(font, {
    get(target, key) {
      if (key === "createSubset") return createSubset;
      // Getters and methods run against the real font, never the proxy.
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      let fn = bound.get(key);
      if (!fn) {
        fn = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(key, fn);
      }
      return fn;
    },
  });
}

/** What we touch of pdfkit's per-document font object (pdfkit 0.x `EmbeddedFont`). */
interface PdfkitFont {
  readonly font: unknown;
  layoutCache?: Record<string, unknown>;
}

const sharedLayouts = new WeakMap<object, Record<string, unknown>>();

/**
 * Gives the document's current font a layout cache shared by every document of that font. pdfkit shapes each word
 * once per document and scales the run in place into its own cache; the scaled runs depend on the text and the font
 * only, and nothing mutates them afterwards, so one shared cache spares each invoice its shaping, its scaling and
 * ~250 KB of garbage. A no-op for a font without such a cache (pdfkit's standard fonts, or a pdfkit whose internals
 * moved: invoices are then only slower).
 */
export function shareLayoutCache(pdf: PDFKit.PDFDocument): void {
  const current = (pdf as unknown as { _font?: PdfkitFont })._font;
  if (!current?.layoutCache || typeof current.font !== "object" || current.font === null) return;
  let shared = sharedLayouts.get(current.font);
  if (!shared) {
    shared = boundedRecord(LAYOUT_CACHE_LIMIT);
    sharedLayouts.set(current.font, shared);
  }
  current.layoutCache = shared;
}

/** An object that pdfkit reads and writes as a plain cache, holding at most `limit` entries (emptied when full). */
function boundedRecord(limit: number): Record<string, unknown> {
  const entries = new Map<string, unknown>();
  return new Proxy(Object.create(null) as Record<string, unknown>, {
    get: (_target, key) => (typeof key === "string" ? entries.get(key) : undefined),
    set(_target, key, value) {
      if (typeof key !== "string") return false;
      if (entries.size >= limit) entries.clear();
      entries.set(key, value);
      return true;
    },
  });
}
