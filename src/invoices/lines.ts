/**
 * Line breaking for invoice text boxes: at spaces where possible, inside over-long words at
 * grapheme boundaries (never inside a surrogate pair or an emoji sequence), at most `maxLines`
 * lines, the last one ending in "…" when text had to be cut.
 *
 * pdfkit has its own wrapper, but it cuts words and ellipsises in UTF-16 units, which can leave
 * half a surrogate pair (a .notdef box) behind, and it may start a new page. Here the caller draws
 * each returned line on its own, so nothing can ever flow off the box or onto a second page.
 */

export const ELLIPSIS = "…";

export interface Line {
  text: string;
  width: number;
}

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** `text` must already be single-spaced (see drawableText). `measure` gives a string's width. */
export function fitLines(text: string, width: number, maxLines: number, measure: (s: string) => number): Line[] {
  if (text === "") return [];
  const whole = measure(text);
  if (whole <= width) return [{ text, width: whole }]; // the common case: one measurement

  const limit = Math.max(1, Math.floor(maxLines));
  const lines: string[] = [];
  let current = "";
  let overflow = false;

  const words = text.split(" ").filter((w) => w !== "");
  outer: for (const [index, word] of words.entries()) {
    const candidate = current === "" ? word : `${current} ${word}`;
    if (measure(candidate) <= width) {
      current = candidate;
      continue;
    }
    const cutAnyway = measure(word) > width;
    if (current !== "" && !cutAnyway) {
      lines.push(current);
      current = "";
      if (lines.length === limit) {
        overflow = true;
        break;
      }
    }
    // The word alone does not fit a line, so it gets cut at grapheme boundaries anyway: start it
    // right after what is already on the line (like CSS overflow-wrap: anywhere).
    let rest = graphemes(current === "" ? word : `${current} ${word}`);
    while (rest.length > 0 && measure(rest.join("")) > width) {
      const n = longestFittingPrefix(rest, width, measure);
      lines.push(rest.slice(0, n).join("").trimEnd());
      rest = rest.slice(n);
      while (rest[0] === " ") rest = rest.slice(1);
      if (lines.length === limit) {
        overflow = rest.length > 0 || index < words.length - 1;
        current = "";
        break outer;
      }
    }
    current = rest.join("");
  }
  if (current !== "") {
    if (lines.length === limit) overflow = true;
    else lines.push(current);
  }

  if (overflow) {
    const last = lines.length - 1;
    lines[last] = ellipsize(lines[last] ?? "", width, measure);
  }
  return lines.map((line) => ({ text: line, width: measure(line) }));
}

/** Largest n ≥ 1 such that the first n graphemes fit (1 even if a single one is too wide). */
function longestFittingPrefix(parts: string[], width: number, measure: (s: string) => number): number {
  let lo = 1;
  let hi = parts.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(parts.slice(0, mid).join("")) <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** `line` shortened (by whole graphemes) until `line…` fits. */
function ellipsize(line: string, width: number, measure: (s: string) => number): string {
  const parts = graphemes(line.trimEnd());
  if (measure(parts.join("") + ELLIPSIS) <= width) return parts.join("") + ELLIPSIS;
  let lo = 0;
  let hi = parts.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(parts.slice(0, mid).join("").trimEnd() + ELLIPSIS) <= width) lo = mid;
    else hi = mid - 1;
  }
  return parts.slice(0, lo).join("").trimEnd() + ELLIPSIS;
}
