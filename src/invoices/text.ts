/**
 * Make arbitrary text (merchant names, store names, translations) safe to draw with a font
 * that lacks some characters: never crash, never garble the rest of the line.
 */

/** Anything we draw is cut to this many UTF-16 units first: layout time stays bounded. */
const MAX_INPUT_LENGTH = 600;

/** Stands in for a character the font cannot draw. */
export const REPLACEMENT = "?";

export interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

// Whitespace of any kind (incl. line/paragraph separators and C0/C1 controls) → one space.
const SPACES = /[\p{Cc}\p{Zs}\p{Zl}\p{Zp}]+/gu;
// Invisible format characters (bidi isolates that Fluent inserts, ZWJ/ZWNJ, soft hyphen,
// BOM, tag characters) and variation selectors: dropped, they have no glyph of their own.
const INVISIBLE = /[\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/**
 * Per-font answers to "can you draw this code point?". Bounded so that hostile input cannot
 * grow it without limit (there are only so many distinct code points in real names anyway).
 */
const coverage = new WeakMap<readonly GlyphSource[], Map<number, boolean>>();
const MAX_CACHED_CODE_POINTS = 8192;

function drawable(fonts: readonly GlyphSource[], codePoint: number): boolean {
  let known = coverage.get(fonts);
  if (!known) {
    known = new Map();
    coverage.set(fonts, known);
  }
  const hit = known.get(codePoint);
  if (hit !== undefined) return hit;
  const ok = fonts.every((font) => font.hasGlyphForCodePoint(codePoint));
  if (known.size < MAX_CACHED_CODE_POINTS) known.set(codePoint, ok);
  return ok;
}

/**
 * Text that every one of `fonts` can draw: whitespace collapsed, invisible characters removed,
 * and each user-perceived character (grapheme) the fonts cannot fully draw replaced by "?".
 * Pass the same (frozen) array each time to benefit from the coverage cache.
 */
export function drawableText(text: string, fonts: readonly GlyphSource[]): string {
  let clean = text.slice(0, MAX_INPUT_LENGTH);
  // Fast path: pure printable ASCII the fonts cover (labels, numbers, most names). Normalising changes nothing in
  // it and its only whitespace is the space, so it skips both (~1.0 → 0.7 µs a text).
  if (PRINTABLE_ASCII.test(clean) && fonts.every((f) => asciiCovered(f))) return clean.replace(/ {2,}/g, " ").trim();
  // Do not leave half a surrogate pair at the cut.
  if (/[\uD800-\uDBFF]$/.test(clean)) clean = clean.slice(0, -1);
  clean = clean.normalize("NFC").replace(SPACES, " ");

  return (SINGLE_CODE_POINTS.test(clean) ? drawableCodePoints(clean, fonts) : drawableGraphemes(clean, fonts)).replace(/ {2,}/g, " ").trim();
}

/**
 * Code points that are each a grapheme of their own once NFC-normalised: Latin (but not the combining diacritics),
 * general punctuation, currency and the symbol blocks, and no invisible character (the soft hyphen is left out).
 * The texts of an invoice ("✓ LUNAS", "·", "–", "Rp") need no segmenter, which cost ~25 µs a text.
 */
const SINGLE_CODE_POINTS = /^[\x20-\x7E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u20A0-\u20C0\u2100-\u27BF]*$/;

function drawableCodePoints(clean: string, fonts: readonly GlyphSource[]): string {
  let out = "";
  for (const ch of clean) out += drawable(fonts, ch.codePointAt(0)!) ? ch : REPLACEMENT;
  return out;
}

/** Normalised, single-spaced text with each grapheme the fonts cannot fully draw replaced by "?" (exported for its test). */
export function drawableGraphemes(clean: string, fonts: readonly GlyphSource[]): string {
  let out = "";
  for (const { segment } of segmenter.segment(clean)) {
    // Judge the grapheme without its invisible parts (ZWJ in an emoji sequence, a variation
    // selector, Fluent's bidi isolates), so one unknown emoji becomes exactly one "?".
    const visible = segment.replace(INVISIBLE, "");
    if (visible === "") continue;
    let ok = true;
    for (const ch of visible) {
      const cp = ch.codePointAt(0);
      if (cp === undefined || (cp >= 0xd800 && cp <= 0xdfff) || !drawable(fonts, cp)) {
        ok = false;
        break;
      }
    }
    out += ok ? visible : REPLACEMENT;
  }
  return out;
}

const asciiCoverage = new WeakMap<GlyphSource, boolean>();

function asciiCovered(font: GlyphSource): boolean {
  let ok = asciiCoverage.get(font);
  if (ok === undefined) {
    ok = true;
    for (let cp = 0x20; cp <= 0x7e && ok; cp++) ok = font.hasGlyphForCodePoint(cp);
    asciiCoverage.set(font, ok);
  }
  return ok;
}
