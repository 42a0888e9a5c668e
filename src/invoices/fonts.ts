/**
 * DejaVu Sans (regular + bold) for invoices, read and parsed once per process.
 *
 * Parsing a 700 kB TrueType font costs ~50 ms, far more than laying out a whole invoice, so we
 * keep the parsed fontkit fonts and hand them to pdfkit (which accepts fontkit `Font` instances
 * since 0.20). fontkit is loaded *through pdfkit's own resolution*, so it is exactly the copy
 * pdfkit depends on and needs no extra entry in package.json.
 *
 * Shaping a word (GSUB/GPOS lookups) is another big cost, and pdfkit only caches it per
 * document; most words on an invoice are the same labels every time, so layouts are also cached
 * across documents here (bounded). The per-document font subsets come from our own subsetter
 * (see truetype-subset.ts) rather than fontkit's.
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
  layout(text: string, ...rest: unknown[]): GlyphRun;
}

interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** What pdfkit reads from a fontkit GlyphRun: glyphs, positions (which it scales in place) and advanceWidth. */
interface GlyphRun {
  readonly glyphs: readonly unknown[];
  readonly positions: GlyphPosition[];
  readonly advanceWidth: number;
}

interface Fontkit {
  create(data: Uint8Array, postscriptName?: string): FontkitFont;
}

export interface InvoiceFonts {
  regular: FontkitFont;
  bold: FontkitFont;
}

/** Distinct strings whose layout is kept per font; the cache is simply emptied when full. */
const LAYOUT_CACHE_LIMIT = 4_000;

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

/**
 * The same font, except that `layout(text)` without extra arguments is memoised and subsets
 * come from `subsetter`. Each layout call returns fresh position objects, because pdfkit scales
 * them in place; glyph objects are shared (fontkit itself caches them per font and nobody
 * mutates them).
 */
function forPdf(font: FontkitFont, subsetter: TrueTypeSubsetter): FontkitFont {
  const runs = new Map<string, GlyphRun>();
  const layout = (text: string, ...rest: unknown[]): GlyphRun => {
    if (rest.some((arg) => arg !== undefined)) return font.layout(text, ...rest);
    let run = runs.get(text);
    if (!run) {
      run = font.layout(text);
      if (runs.size >= LAYOUT_CACHE_LIMIT) runs.clear();
      runs.set(text, run);
    }
    return copyRun(run);
  };
  const createSubset = () => subsetter.createSubset();
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(font, {
    get(target, key) {
      if (key === "layout") return layout;
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

function copyRun(run: GlyphRun): GlyphRun {
  const positions = run.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({ xAdvance, yAdvance, xOffset, yOffset }));
  return {
    glyphs: run.glyphs,
    positions,
    get advanceWidth() {
      let width = 0;
      for (const p of positions) width += p.xAdvance;
      return width;
    },
  };
}
