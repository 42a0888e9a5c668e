import { describe, expect, it } from "vitest";
import { invoiceFonts } from "../../src/invoices/fonts.js";
import { drawableText, type GlyphSource } from "../../src/invoices/text.js";

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
});
