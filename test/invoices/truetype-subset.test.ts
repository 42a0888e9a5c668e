import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dejavuTtfDirectory } from "../../src/invoices/fonts.js";
import { TrueTypeSubsetter } from "../../src/invoices/truetype-subset.js";

interface Glyph {
  id: number;
  advanceWidth: number;
  path: { toSVG(): string };
}
interface Font {
  numGlyphs: number;
  glyphsForString(text: string): Glyph[];
  getGlyph(id: number): Glyph;
}
const require = createRequire(import.meta.url);
const fontkit = createRequire(require.resolve("pdfkit"))("fontkit") as { create(data: Uint8Array): Font };

// Composites (é, Ż, Ğ, ą: a base and an accent) beside simple glyphs.
const TEXT = "Żółć Gęślą Jaźń Ñandú — “quotes” … ✓ Rp1.234.567 ĞğİıŞş Привет Σωκράτης";

describe("TrueTypeSubsetter", () => {
  for (const file of ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]) {
    it(`keeps every glyph's outline and advance in ${file}, whatever the order`, () => {
      const bytes = readFileSync(join(dejavuTtfDirectory(), file));
      const original = fontkit.create(Buffer.from(bytes));
      const subsetter = new TrueTypeSubsetter(bytes);
      const glyphs = original.glyphsForString(TEXT);
      // Twice, in two orders, from one subsetter: a subset must not disturb the next one.
      for (const order of [glyphs, [...glyphs].reverse()]) {
        const subset = subsetter.createSubset();
        const ids = order.map((glyph) => subset.includeGlyph(glyph.id));
        expect(subset.includeGlyph(0)).toBe(0);
        const cut = fontkit.create(Buffer.from(subset.encode()));
        expect(cut.numGlyphs).toBeLessThan(glyphs.length + 20);
        order.forEach((glyph, i) => {
          const copy = cut.getGlyph(ids[i]!);
          expect(copy.path.toSVG()).toBe(glyph.path.toSVG());
          expect(copy.advanceWidth).toBe(glyph.advanceWidth);
        });
      }
    });
  }
});
