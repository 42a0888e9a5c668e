import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invoiceFonts } from "../../src/invoices/fonts.js";
import { drawableGraphemes, drawableText, type GlyphSource } from "../../src/invoices/text.js";

const { regular, bold } = invoiceFonts();
const fonts: readonly GlyphSource[] = [regular, bold];

describe("drawableText", () => {
  it("keeps what DejaVu Sans can draw", () => {
    expect(drawableText("Sari Wulandari", fonts)).toBe("Sari Wulandari");
    expect(drawableText("Café Ñoño – Rp100.000 ✓ …", fonts)).toBe("Café Ñoño – Rp100.000 ✓ …");
    expect(drawableText("مرحبا", fonts)).toBe("مرحبا");
  });

  it("replaces each character the font lacks with one question mark", () => {
    expect(drawableText("Toko 你好 Sari", fonts)).toBe("Toko ?? Sari");
    // A whole emoji sequence (joined by ZWJ, or with a skin tone) is one character to a reader.
    expect(drawableText("A 👨‍👩‍👧 B", fonts)).toBe("A ? B");
    expect(drawableText("A 👍🏽 B", fonts)).toBe("A ? B");
    expect(drawableText("🇮🇩", fonts)).toBe("?");
  });

  it("drops invisible characters and collapses whitespace", () => {
    expect(drawableText("\u2068Rp100.000\u2069", fonts)).toBe("Rp100.000");
    expect(drawableText("  Ayu\n\tLestari\u200b\u0000 ", fonts)).toBe("Ayu Lestari");
    expect(drawableText("e\u0301", fonts)).toBe("é");
    expect(drawableText("", fonts)).toBe("");
  });

  it("bounds the work on huge input without splitting a surrogate pair", () => {
    const out = drawableText("😀".repeat(10_000), fonts);
    expect(out.length).toBeLessThanOrEqual(600);
    expect(out).toMatch(/^(?:😀)+$/u);
  });

  it("judges Latin, punctuation and symbols one code point at a time exactly as it judges graphemes", () => {
    // The blocks the per-code-point path takes, and some around them whose characters join (combining marks).
    const blocks: [number, number][] = [[0x21, 0x7e], [0xa1, 0x2ff], [0x300, 0x36f], [0x2010, 0x205e], [0x20a0, 0x20ff], [0x2100, 0x27bf], [0xfe00, 0xfe0f]];
    const codePoint = fc.oneof(...blocks.map(([min, max]) => fc.integer({ min, max })));
    const text = fc.array(fc.oneof(codePoint, fc.constant(0x20)), { maxLength: 24 }).map((cps) => String.fromCodePoint(...cps));
    // Fonts that draw nothing turn every grapheme into one "?": a character wrongly judged alone shows as an extra one.
    const none: GlyphSource[] = [{ hasGlyphForCodePoint: () => false }];
    fc.assert(
      fc.property(text, (value) => {
        const clean = value.normalize("NFC").replace(/[\p{Cc}\p{Zs}\p{Zl}\p{Zp}]+/gu, " ");
        for (const source of [fonts, none]) {
          expect(drawableText(value, source)).toBe(drawableGraphemes(clean, source).replace(/ {2,}/g, " ").trim());
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
