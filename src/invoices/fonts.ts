/**
 * DejaVu Sans (regular + bold) for invoices, read and parsed once per process.
 *
 * Parsing a 700 kB TrueType font costs ~50 ms, far more than laying out a whole invoice, so we
 * keep the parsed fontkit fonts and hand them to pdfkit (which accepts fontkit `Font` instances
 * since 0.20). fontkit is loaded *through pdfkit's own resolution*, so it is exactly the copy
 * pdfkit depends on and needs no extra entry in package.json.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The few members of a fontkit `Font` we use (fontkit ships no type declarations). */
export interface FontkitFont {
  readonly postscriptName: string;
  readonly ascent: number;
  readonly unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string): unknown;
}

interface Fontkit {
  create(data: Uint8Array, postscriptName?: string): FontkitFont;
}

export interface InvoiceFonts {
  regular: FontkitFont;
  bold: FontkitFont;
}

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
  const load = (file: string) => fontkit.create(readFileSync(join(dir, file)));
  cached = { regular: load("DejaVuSans.ttf"), bold: load("DejaVuSans-Bold.ttf") };
  return cached;
}
