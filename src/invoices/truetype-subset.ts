/**
 * TrueType subsets for pdfkit's embedded fonts, cut straight from the font file's bytes.
 *
 * pdfkit asks the font for a subset per document and fontkit's subset decodes every glyph's
 * outline and re-encodes the unchanged cvt/prep/fpgm tables value by value: ~4 ms per font per
 * invoice, more than the whole layout. A PDF needs only the six tables below (ISO 32000 §9.9),
 * so glyphs are copied as they are (composites get their component ids renumbered) and the
 * unchanged tables are reused byte for byte.
 *
 * Without hinting: the glyphs' TrueType instructions (half of DejaVu's glyph bytes) and the tables
 * they run on (cvt, fpgm, prep) are left out, as browsers' PDF output does. Hinting snaps outlines
 * to the pixel grid of low-resolution screens; a PDF viewer on a phone scales the outline instead,
 * and the invoice is ~40 % smaller to send and cheaper to compress.
 */

/** What pdfkit's EmbeddedFont uses of `font.createSubset()` (pdfkit 0.20). */
export interface PdfSubset {
  /** The glyph's id in the subset; glyph 0 (.notdef) is always id 0. */
  includeGlyph(glyphId: number): number;
  encode(): Uint8Array;
}

// Composite glyph component flags (OpenType `glyf` table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;
const WE_HAVE_INSTRUCTIONS = 0x0100;

interface Glyph {
  /** The glyph's bytes without instructions, zero-padded to a multiple of 4. */
  data: Uint8Array;
  /** Byte positions in `data` of the component glyph ids, for a composite glyph. */
  components: { glyphId: number; at: number }[];
}

export class TrueTypeSubsetter {
  private readonly tables = new Map<string, Uint8Array>();
  private readonly glyphOffsets: number[];
  private readonly hmtx: DataView;
  private readonly numberOfHMetrics: number;
  /** Glyphs as subsets copy them, cut once per process (at most the font's glyph count). */
  private readonly glyphs = new Map<number, Glyph>();

  constructor(bytes: Uint8Array) {
    // A plain Uint8Array view: a Buffer's slice() would share memory where a copy is meant.
    const file = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const view = viewOf(file);
    const numTables = view.getUint16(4);
    for (let i = 0; i < numTables; i++) {
      const entry = 12 + 16 * i;
      const tag = String.fromCharCode(...file.subarray(entry, entry + 4));
      const offset = view.getUint32(entry + 8);
      this.tables.set(tag, file.subarray(offset, offset + view.getUint32(entry + 12)));
    }
    const head = viewOf(this.table("head"));
    const numGlyphs = viewOf(this.table("maxp")).getUint16(4);
    const loca = viewOf(this.table("loca"));
    const longLoca = head.getInt16(50) === 1;
    this.glyphOffsets = Array.from({ length: numGlyphs + 1 }, (_, i) => (longLoca ? loca.getUint32(4 * i) : 2 * loca.getUint16(2 * i)));
    this.numberOfHMetrics = viewOf(this.table("hhea")).getUint16(34);
    this.hmtx = viewOf(this.table("hmtx"));
  }

  createSubset(): PdfSubset {
    const ids: number[] = [];
    const mapping = new Map<number, number>();
    const includeGlyph = (glyphId: number): number => {
      let id = mapping.get(glyphId);
      if (id === undefined) {
        id = ids.push(glyphId) - 1;
        mapping.set(glyphId, id);
      }
      return id;
    };
    includeGlyph(0);
    return { includeGlyph, encode: () => this.encode(ids, includeGlyph) };
  }

  private table(tag: string): Uint8Array {
    const table = this.tables.get(tag);
    if (!table) throw new Error(`TrueType font without a ${tag} table`);
    return table;
  }

  private glyph(glyphId: number): Glyph {
    let glyph = this.glyphs.get(glyphId);
    if (!glyph) {
      glyph = cutGlyph(this.table("glyf").subarray(this.glyphOffsets[glyphId], this.glyphOffsets[glyphId + 1]));
      this.glyphs.set(glyphId, glyph);
    }
    return glyph;
  }

  /** Advance width and left side bearing, as two uint16 in hmtx order. */
  private metrics(glyphId: number): [number, number] {
    const n = this.numberOfHMetrics;
    if (glyphId < n) return [this.hmtx.getUint16(4 * glyphId), this.hmtx.getUint16(4 * glyphId + 2)];
    return [this.hmtx.getUint16(4 * (n - 1)), this.hmtx.getUint16(4 * n + 2 * (glyphId - n))];
  }

  /** `ids` grows while composites pull in their components, hence the index loop. */
  private encode(ids: number[], includeGlyph: (glyphId: number) => number): Uint8Array {
    const glyphs: Uint8Array[] = [];
    for (let i = 0; i < ids.length; i++) {
      const { data, components } = this.glyph(ids[i]!);
      if (components.length === 0) {
        glyphs.push(data);
        continue;
      }
      const copy = data.slice();
      const view = viewOf(copy);
      for (const { glyphId, at } of components) view.setUint16(at, includeGlyph(glyphId));
      glyphs.push(copy);
    }

    const count = glyphs.length;
    const loca = new Uint8Array(4 * (count + 1));
    const hmtx = new Uint8Array(4 * count);
    const glyf = new Uint8Array(glyphs.reduce((sum, g) => sum + g.length, 0));
    const locaView = viewOf(loca);
    const hmtxView = viewOf(hmtx);
    let offset = 0;
    glyphs.forEach((data, i) => {
      locaView.setUint32(4 * i, offset);
      glyf.set(data, offset);
      offset += data.length;
      const [advance, bearing] = this.metrics(ids[i]!);
      hmtxView.setUint16(4 * i, advance);
      hmtxView.setUint16(4 * i + 2, bearing);
    });
    locaView.setUint32(4 * count, offset);

    const head = this.table("head").slice();
    viewOf(head).setUint32(8, 0); // checkSumAdjustment, set once the whole file is known
    viewOf(head).setInt16(50, 1); // indexToLocFormat: long offsets
    const hhea = this.table("hhea").slice();
    viewOf(hhea).setUint16(34, count);
    const maxp = this.table("maxp").slice();
    viewOf(maxp).setUint16(4, count);

    const tables: [string, Uint8Array][] = [["glyf", glyf], ["head", head], ["hhea", hhea], ["hmtx", hmtx], ["loca", loca], ["maxp", maxp]];
    tables.sort(([a], [b]) => (a < b ? -1 : 1));
    const file = sfnt(tables);
    const headAt = viewOf(file).getUint32(12 + 16 * tables.findIndex(([tag]) => tag === "head") + 8);
    viewOf(file).setUint32(headAt + 8, (0xb1b0afba - checksum(file)) >>> 0);
    return file;
  }
}

/** A glyph's bytes without its hinting instructions (the outline unchanged), and where its components are. */
function cutGlyph(data: Uint8Array): Glyph {
  if (data.length === 0) return { data, components: [] };
  const view = viewOf(data);
  const contours = view.getInt16(0);
  if (contours >= 0) {
    // Simple glyph: header and endPtsOfContours, instructionLength, instructions, then flags and coordinates.
    const lengthAt = 10 + 2 * contours;
    const instructions = view.getUint16(lengthAt);
    const copy = joinedAligned([data.subarray(0, lengthAt + 2), data.subarray(lengthAt + 2 + instructions)]);
    viewOf(copy).setUint16(lengthAt, 0);
    return { data: copy, components: [] };
  }
  const components: Glyph["components"] = [];
  let at = 10; // after numberOfContours and the bounding box
  for (;;) {
    const flagsAt = at;
    const flags = view.getUint16(at);
    components.push({ glyphId: view.getUint16(at + 2), at: at + 2 });
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (flags & MORE_COMPONENTS) continue;
    // The instructions of a composite follow its last component, announced by that component's flag.
    const copy = joinedAligned([data.subarray(0, at)]);
    viewOf(copy).setUint16(flagsAt, flags & ~WE_HAVE_INSTRUCTIONS);
    return { data: copy, components };
  }
}

/** `parts` joined into a new array, zero-padded to a multiple of 4 bytes. */
function joinedAligned(parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array((length + 3) & ~3);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** An sfnt file: offset table, table records (sorted by tag), then each table 4-byte aligned. */
function sfnt(tables: [string, Uint8Array][]): Uint8Array {
  const padded = (n: number) => (n + 3) & ~3;
  const headerLength = 12 + 16 * tables.length;
  const file = new Uint8Array(tables.reduce((sum, [, data]) => sum + padded(data.length), headerLength));
  const view = viewOf(file);
  const power = 2 ** Math.floor(Math.log2(tables.length));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tables.length);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, tables.length * 16 - power * 16);
  let offset = headerLength;
  tables.forEach(([tag, data], i) => {
    const record = 12 + 16 * i;
    for (let k = 0; k < 4; k++) view.setUint8(record + k, tag.charCodeAt(k));
    file.set(data, offset);
    view.setUint32(record + 4, checksum(file.subarray(offset, offset + padded(data.length))));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, data.length);
    offset += padded(data.length);
  });
  return file;
}

/** Sum of big-endian uint32 words, modulo 2³²; `data.length` is a multiple of 4. */
function checksum(data: Uint8Array): number {
  const view = viewOf(data);
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
