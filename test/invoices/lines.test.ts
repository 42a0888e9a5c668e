import { describe, expect, it } from "vitest";
import { ELLIPSIS, fitLines } from "../../src/invoices/lines.js";

// Every grapheme is 1 unit wide: easy to reason about.
const measure = (s: string) => [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(s)].length;
const texts = (text: string, width: number, maxLines: number) => fitLines(text, width, maxLines, measure).map((l) => l.text);

describe("fitLines", () => {
  it("keeps text that fits on one line", () => {
    expect(fitLines("Sari Wulandari", 20, 1, measure)).toEqual([{ text: "Sari Wulandari", width: 14 }]);
    expect(fitLines("", 20, 2, measure)).toEqual([]);
  });

  it("wraps at spaces", () => {
    expect(texts("aaa bbb ccc", 7, 3)).toEqual(["aaa bbb", "ccc"]);
  });

  it("cuts the last allowed line with an ellipsis", () => {
    expect(texts("aaa bbb ccc ddd", 7, 2)).toEqual(["aaa bbb", `ccc ddd`]);
    expect(texts("aaa bbb ccc ddd eee", 7, 2)).toEqual(["aaa bbb", `ccc dd${ELLIPSIS}`]);
    expect(texts("aaa bbb ccc", 7, 1)).toEqual([`aaa bb${ELLIPSIS}`]);
  });

  it("breaks over-long words at grapheme boundaries, starting on the current line", () => {
    expect(texts("Store: " + "x".repeat(12), 10, 3)).toEqual(["Store: xxx", "xxxxxxxxx"]);
    const lines = texts("😀".repeat(30), 10, 2);
    expect(lines).toEqual(["😀".repeat(10), "😀".repeat(9) + ELLIPSIS]);
    // No lone surrogate anywhere.
    for (const line of lines) expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it("marks the cut even when the last line is exactly full", () => {
    expect(texts("x".repeat(20) + " more", 10, 2)).toEqual(["x".repeat(10), "x".repeat(9) + ELLIPSIS]);
  });

  it("never returns more than maxLines lines, each within the width", () => {
    const text = "Toko Serba Ada Sejahtera Makmur ".repeat(20).trim();
    for (const maxLines of [1, 2, 3]) {
      const lines = fitLines(text, 17, maxLines, measure);
      expect(lines.length).toBe(maxLines);
      for (const line of lines) expect(line.width).toBeLessThanOrEqual(17);
      expect(lines.at(-1)?.text.endsWith(ELLIPSIS)).toBe(true);
    }
  });
});
