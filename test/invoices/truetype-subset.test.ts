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
    it(`keeps every glyph's outline and advance in ${file}, whatever the order, and leaves the hinting out`, () => {
      const bytes = readFileSync(join(dejavuTtfDirectory(), file));
      const original = fontkit.create(Buffer.from(bytes));
      const subsetter = new TrueTypeSubsetter(bytes);
      const glyphs = original.glyphsForString(TEXT);
      // Twice, in two orders, from one subsetter: a subset must not disturb the next one.
      for (const order of [glyphs, [...glyphs].reverse()]) {
        const subset = subsetter.createSubset();
        const ids = order.map((glyph) => subset.includeGlyph(glyph.id));
        expect(subset.includeGlyph(0)).toBe(0);
        const subsetFile = subset.encode();
        const cut = fontkit.create(Buffer.from(subsetFile));
        expect(cut.numGlyphs).toBeLessThan(glyphs.length + 20);
        order.forEach((glyph, i) => {
          const copy = cut.getGlyph(ids[i]!);
          expect(copy.path.toSVG()).toBe(glyph.path.toSVG());
          expect(copy.advanceWidth).toBe(glyph.advanceWidth);
        });
        expect(hinting(subsetFile)).toEqual({ tables: [], instructionBytes: 0 });
      }
    });
  }
});

/** What is left of TrueType hinting in a (long-loca) font file: its tables, and the simple glyphs' instructions. */
function hinting(file: Uint8Array): { tables: string[]; instructionBytes: number } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const tables = new Map<string, number>();
  for (let i = 0; i < view.getUint16(4); i++) tables.set(String.fromCharCode(...file.subarray(12 + 16 * i, 16 + 16 * i)), view.getUint32(20 + 16 * i));
  const glyf = tables.get("glyf")!;
  const loca = tables.get("loca")!;
  const count = view.getUint16(tables.get("maxp")! + 4);
  let instructionBytes = 0;
  for (let id = 0; id < count; id++) {
    const at = glyf + view.getUint32(loca + 4 * id);
    if (view.getUint32(loca + 4 * id + 4) === view.getUint32(loca + 4 * id)) continue;
    const contours = view.getInt16(at);
    if (contours >= 0) instructionBytes += view.getUint16(at + 10 + 2 * contours);
  }
  return { tables: ["cvt ", "fpgm", "prep"].filter((tag) => tables.has(tag)), instructionBytes };
}
