/**
 * Invoice Coin Premium as a one-page A4 PDF, drawn in-process with pdfkit.
 *
 * Deterministic: the same InvoiceDocument (and texts) always gives the same bytes — the PDF's
 * dates and file ID derive from `doc.issuedAt`, nothing from the clock or randomness.
 */
import PDFDocument from "pdfkit";
import { formatMethod, formatRupiah, formatWib } from "../format.js";
import type { InvoiceDocument } from "./document.js";
import { invoiceFonts, shareLayoutCache, type FontkitFont, type InvoiceFonts } from "./fonts.js";
import { cachedAdvance } from "./advances.js";
import { fitLines } from "./lines.js";
import { drawableText } from "./text.js";

/** Texts in `doc.locale`; the caller binds the locale (e.g. `(k, v) => i18n.t(locale, k, v)`). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

// ── Page geometry (points; A4 = 595.28 × 841.89) ────────────────────────────────────────────
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const LEFT = 48;
const RIGHT = PAGE_W - 48;
const WIDTH = RIGHT - LEFT;

// ── Colours: one accent, the rest greys ───────────────────────────────────────────────────
const ACCENT = "#0D6B62";
const ACCENT_TINT = "#E8F3F1";
const INK = "#1E2A32";
const MUTED = "#66737F";
const RULE = "#D5DCE1";
const PANEL = "#F4F6F8";

type Weight = "regular" | "bold";

interface Style {
  weight?: Weight;
  size: number;
  color?: string;
  align?: "left" | "right" | "center";
  /** Wrap onto at most this many lines, ending with "…" if cut (default 1). */
  maxLines?: number;
  lineGap?: number;
  characterSpacing?: number;
  /** For numbers: rather than cut the text, scale the font down (to 60% at most) until it fits. */
  shrink?: boolean;
}

const FONT_NAMES: Record<Weight, string> = { regular: "DejaVuSans", bold: "DejaVuSans-Bold" };

/**
 * Advances of drawn strings, kept across documents: pdfkit's own cache lives as long as one document, and fitting
 * a text into its box measures many candidate lines, mostly the same labels and seller lines on every invoice.
 */
const ADVANCES: Record<Weight, Map<string, number>> = { regular: new Map(), bold: new Map() };

/** Draws on one pdfkit document; every text passes through the glyph filter and a box. */
class Canvas {
  readonly pdf: PDFKit.PDFDocument;
  private readonly fonts: InvoiceFonts;
  private readonly coverage: readonly FontkitFont[];

  constructor(pdf: PDFKit.PDFDocument, fonts: InvoiceFonts, coverage: readonly FontkitFont[]) {
    this.pdf = pdf;
    this.fonts = fonts;
    this.coverage = coverage;
    // pdfkit ≥ 0.20 accepts parsed fontkit fonts; its typings only list file sources.
    pdf.registerFont(FONT_NAMES.regular, fonts.regular as unknown as PDFKit.Mixins.PDFFontSource);
    pdf.registerFont(FONT_NAMES.bold, fonts.bold as unknown as PDFKit.Mixins.PDFFontSource);
  }

  private use(style: Style): void {
    this.pdf.font(FONT_NAMES[style.weight ?? "regular"]).fontSize(style.size).fillColor(style.color ?? INK);
    shareLayoutCache(this.pdf);
  }

  /** pdfkit's widthOfString for the current font, from the cross-document cache when it can. */
  private measure(text: string, weight: Weight, size: number, characterSpacing: number): number {
    const advance = cachedAdvance(ADVANCES[weight], text, () => {
      this.pdf.fontSize(1000); // pdfkit's advance units: the width at size 1000
      const width = this.pdf.widthOfString(text);
      this.pdf.fontSize(size);
      return width;
    });
    return (advance * size) / 1000 + characterSpacing * (text.length - 1);
  }

  /**
   * Text inside a `width`-wide box whose top is at (x, y); returns the height it took. Wraps onto
   * at most `maxLines` lines and never draws outside the box.
   */
  text(value: string, x: number, y: number, width: number, style: Style): number {
    const text = drawableText(value, this.coverage);
    if (text === "") return 0;
    this.use(style);
    const characterSpacing = style.characterSpacing ?? 0;
    const weight = style.weight ?? "regular";
    let size = style.size;
    if (style.shrink) {
      const natural = this.measure(text, weight, size, characterSpacing);
      if (natural > width) {
        size = Math.max(style.size * 0.6, (style.size * width) / natural);
        this.pdf.fontSize(size);
        // Keep the baseline where the full-size text would have had it.
        const font = this.fonts[weight];
        y += ((style.size - size) * font.ascent) / font.unitsPerEm;
      }
    }
    const lines = fitLines(text, width, style.maxLines ?? 1, (s) => this.measure(s, weight, size, characterSpacing));
    const step = this.pdf.currentLineHeight(true) + (style.lineGap ?? 0);
    lines.forEach((line, i) => {
      const free = Math.max(0, width - line.width);
      const dx = style.align === "right" ? free : style.align === "center" ? free / 2 : 0;
      // lineBreak: false → pdfkit draws exactly this line here: no re-wrapping, no page breaks.
      this.pdf.text(line.text, x + dx, y + i * step, { lineBreak: false, characterSpacing });
    });
    return lines.length * step - (style.lineGap ?? 0);
  }

  width(value: string, style: Style): number {
    this.use(style);
    return this.measure(drawableText(value, this.coverage), style.weight ?? "regular", style.size, style.characterSpacing ?? 0);
  }

  rule(y: number, x1 = LEFT, x2 = RIGHT, color = RULE, thickness = 0.75): void {
    this.pdf.save().moveTo(x1, y).lineTo(x2, y).lineWidth(thickness).strokeColor(color).stroke().restore();
  }

  fill(x: number, y: number, w: number, h: number, color: string, radius = 0): void {
    const shape = radius > 0 ? this.pdf.roundedRect(x, y, w, h, radius) : this.pdf.rect(x, y, w, h);
    shape.fillColor(color).fill();
  }
}

export async function renderInvoicePdf(doc: InvoiceDocument, t: Translate): Promise<Buffer> {
  const issuedAt = parseDate(doc.issuedAt, "issuedAt");
  const paidAt = parseDate(doc.paidAt, "paidAt");
  const fonts = invoiceFonts();

  const pdf = new PDFDocument({
    size: "A4",
    margin: 0,
    // No default font: pdfkit would otherwise load Helvetica's metrics for every document.
    font: "",
    autoFirstPage: true,
    compress: true,
    pdfVersion: "1.7",
    lang: doc.locale === "id" ? "id-ID" : "en",
    displayTitle: true,
    info: {
      Title: `${t("invoice-title")} ${doc.number}`,
      Subject: t("invoice-pdf-subject"),
      Author: doc.seller.name,
      Creator: "Coin Premium",
      Producer: "PDFKit",
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  const bytes = collect(pdf);
  try {
    draw(new Canvas(pdf, fonts, coverageFonts(fonts)), doc, t, issuedAt, paidAt);
  } catch (error) {
    pdf.destroy();
    throw error;
  }
  pdf.end();
  return bytes;
}

let coverageList: readonly FontkitFont[] | undefined;
/** One stable array per process so the glyph-coverage cache is shared between renders. */
function coverageFonts(fonts: InvoiceFonts): readonly FontkitFont[] {
  coverageList ??= Object.freeze([fonts.regular, fonts.bold]);
  return coverageList;
}

function parseDate(iso: string, field: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Invoice ${field} is not a valid timestamp: ${JSON.stringify(iso)}`);
  return date;
}

function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    pdf.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
}

const ITEM_KEYS: Record<InvoiceDocument["item"]["description"], string> = {
  coin_premium: "invoice-item-coin-premium",
};

/** "Metode pembayaran: QRIS", "BCA Virtual Account", "OVO 0812****7890"; a document from OVO-only days as it was. */
function methodRows(doc: InvoiceDocument, t: Translate): [string, string][] {
  if (doc.paymentMethod === "ewallet_ovo" || !doc.methodGroup || !doc.methodName) {
    return [
      [t("invoice-payment-method"), t("invoice-method-ewallet-ovo")],
      [t("invoice-payment-phone"), doc.maskedPhone ?? ""],
    ];
  }
  return [[t("invoice-payment-method"), formatMethod(t, { group: doc.methodGroup, name: doc.methodName }, doc.maskedPhone)]];
}

function formatQuantity(quantity: number): string {
  return Math.trunc(quantity).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

function draw(c: Canvas, doc: InvoiceDocument, t: Translate, issuedAt: Date, paidAt: Date): void {
  const upper = (s: string) => s.toLocaleUpperCase(doc.locale === "id" ? "id-ID" : "en-US");
  const sectionLabel: Style = { weight: "bold", size: 7.5, color: MUTED, characterSpacing: 0.6 };

  // ── Header: accent band, title, subject, PAID badge ────────────────────────────────────
  c.fill(0, 0, PAGE_W, 6, ACCENT);

  const status = t("invoice-status-paid");
  const badgeStyle: Style = { weight: "bold", size: 11, color: "#FFFFFF", characterSpacing: 0.8 };
  const badgeText = `✓ ${upper(status)}`;
  const badgeW = Math.min(c.width(badgeText, badgeStyle) + 28, 160);
  const badgeH = 26;
  const badgeX = RIGHT - badgeW;
  const badgeY = 46;
  c.fill(badgeX, badgeY, badgeW, badgeH, ACCENT, 13);
  c.text(badgeText, badgeX, badgeY + 7.5, badgeW, { ...badgeStyle, align: "center" });

  const titleW = badgeX - LEFT - 16;
  let y = 44;
  y += c.text(t("invoice-title"), LEFT, y, titleW, { weight: "bold", size: 19, color: ACCENT, characterSpacing: 0.3 });
  y += 3;
  y += c.text(t("invoice-pdf-subject"), LEFT, y, titleW, { size: 9.5, color: MUTED });
  y = Math.max(y, badgeY + badgeH) + 18;
  c.rule(y);
  y += 18;

  // ── Parties: seller | billed to ─────────────────────────────────────────────────────────
  const colGap = 32;
  const colW = (WIDTH - colGap) / 2;
  const rightX = LEFT + colW + colGap;

  let ly = y;
  ly += c.text(upper(t("invoice-seller-heading")), LEFT, ly, colW, sectionLabel) + 6;
  ly += c.text(doc.seller.name, LEFT, ly, colW, { weight: "bold", size: 11, maxLines: 2, lineGap: 1 }) + 3;
  ly += c.text(doc.seller.address, LEFT, ly, colW, { size: 9, color: INK, maxLines: 3, lineGap: 1.5 }) + 3;
  if (doc.seller.taxId?.trim()) {
    ly += c.text(t("invoice-seller-tax-id", { taxId: doc.seller.taxId.trim() }), LEFT, ly, colW, { size: 9, color: MUTED });
  }

  let ry = y;
  ry += c.text(upper(t("invoice-billed-to")), rightX, ry, colW, sectionLabel) + 6;
  ry += c.text(doc.buyer.name, rightX, ry, colW, { weight: "bold", size: 11, maxLines: 2, lineGap: 1 }) + 3;
  if (doc.buyer.storeName?.trim()) {
    ry += c.text(t("invoice-buyer-store", { store: doc.buyer.storeName.trim() }), rightX, ry, colW, { size: 9, maxLines: 2, lineGap: 1.5 }) + 3;
  }
  const username = doc.buyer.telegramUsername?.trim().replace(/^@+/, "");
  if (username) {
    ry += c.text(t("invoice-buyer-telegram", { username: `@${username}` }), rightX, ry, colW, { size: 9, color: MUTED });
  }
  y = Math.max(ly, ry) + 22;

  // ── Meta band: number · issued · paid ───────────────────────────────────────────────────
  const metaH = 46;
  c.fill(LEFT, y, WIDTH, metaH, PANEL, 4);
  const metaPad = 14;
  const metaColW = (WIDTH - 2 * metaPad) / 3;
  const meta: [string, string][] = [
    [t("invoice-meta-number"), doc.number],
    [t("invoice-meta-issued"), formatWib(issuedAt)],
    [t("invoice-meta-paid"), formatWib(paidAt)],
  ];
  meta.forEach(([label, value], i) => {
    const x = LEFT + metaPad + i * metaColW;
    const w = metaColW - 10;
    c.text(upper(label), x, y + 10, w, sectionLabel);
    c.text(value, x, y + 23, w, { weight: "bold", size: 10 });
  });
  y += metaH + 24;

  // ── Line items ──────────────────────────────────────────────────────────────────────────
  const cols = {
    desc: { x: LEFT + 10, w: 228 },
    qty: { x: LEFT + 238, w: 62 },
    unit: { x: LEFT + 300, w: 95 },
    amount: { x: LEFT + 395, w: WIDTH - 395 - 10 },
  };
  const headH = 24;
  c.fill(LEFT, y, WIDTH, headH, ACCENT, 3);
  const head: Style = { weight: "bold", size: 8.5, color: "#FFFFFF" };
  const headY = y + 8;
  c.text(t("invoice-table-description"), cols.desc.x, headY, cols.desc.w - 8, head);
  c.text(t("invoice-table-quantity"), cols.qty.x, headY, cols.qty.w, { ...head, align: "right" });
  c.text(t("invoice-table-unit-price"), cols.unit.x, headY, cols.unit.w, { ...head, align: "right" });
  c.text(t("invoice-table-amount"), cols.amount.x, headY, cols.amount.w, { ...head, align: "right" });
  y += headH + 12;

  const rowTop = y;
  let dy = rowTop;
  dy += c.text(t(ITEM_KEYS[doc.item.description]), cols.desc.x, dy, cols.desc.w - 8, { weight: "bold", size: 10.5 }) + 3;
  dy += c.text(t(`${ITEM_KEYS[doc.item.description]}-note`), cols.desc.x, dy, cols.desc.w - 8, { size: 8.5, color: MUTED, maxLines: 2, lineGap: 1 });
  const num: Style = { size: 10, align: "right", shrink: true };
  c.text(formatQuantity(doc.item.quantity), cols.qty.x + 6, rowTop + 1, cols.qty.w - 6, num);
  c.text(formatRupiah(doc.item.unitPrice), cols.unit.x + 6, rowTop + 1, cols.unit.w - 6, num);
  c.text(formatRupiah(doc.item.amount), cols.amount.x + 6, rowTop + 1, cols.amount.w - 6, num);
  y = dy + 12;
  c.rule(y);
  y += 12;

  // Total, right-aligned under the numeric columns.
  const totalX = cols.unit.x - 10;
  const totalW = RIGHT - totalX;
  const totalH = 34;
  c.fill(totalX, y, totalW, totalH, ACCENT_TINT, 4);
  const totalLabel: Style = { weight: "bold", size: 9, color: ACCENT, characterSpacing: 0.6 };
  const totalText = upper(t("invoice-total"));
  c.text(totalText, totalX + 12, y + 12.5, 80, totalLabel);
  const amountX = totalX + 12 + Math.min(c.width(totalText, totalLabel), 80) + 12;
  c.text(formatRupiah(doc.total), amountX, y + 9.5, RIGHT - 10 - amountX, { weight: "bold", size: 14, color: ACCENT, align: "right", shrink: true });
  y += totalH + 30;

  // ── Payment details ─────────────────────────────────────────────────────────────────────
  c.text(upper(t("invoice-payment-heading")), LEFT, y, WIDTH, sectionLabel);
  y += 16;
  c.rule(y - 4, LEFT, RIGHT, RULE, 0.5);
  const keyW = 170;
  const valX = LEFT + keyW;
  const valW = RIGHT - valX;
  const rows: [string, string, Style?][] = [
    ...methodRows(doc, t),
    [t("invoice-payment-reference"), doc.reference],
    [t("invoice-payment-charge-id"), doc.gatewayChargeId],
    [t("invoice-payment-status"), upper(status), { weight: "bold", size: 10, color: ACCENT }],
  ];
  for (const [label, value, style] of rows) {
    y += 6;
    c.text(label, LEFT, y, keyW - 10, { size: 9.5, color: MUTED });
    const h = c.text(value, valX, y, valW, style ?? { size: 10, maxLines: 2, lineGap: 1 });
    y += Math.max(h, 13) + 6;
    c.rule(y, LEFT, RIGHT, "#E9EDF0", 0.5);
  }
  y += 22;

  // ── Balance after top-up ────────────────────────────────────────────────────────────────
  const balanceH = 40;
  c.fill(LEFT, y, WIDTH, balanceH, ACCENT_TINT);
  c.fill(LEFT, y, 4, balanceH, ACCENT);
  c.text(t("invoice-balance-after", { amount: formatRupiah(doc.balanceAfter) }), LEFT + 18, y + 13.5, WIDTH - 36, {
    weight: "bold",
    size: 11,
    color: INK,
  });

  // ── Footer ──────────────────────────────────────────────────────────────────────────────
  const footerY = PAGE_H - 62;
  c.rule(footerY);
  c.text(t("invoice-footer"), LEFT, footerY + 12, WIDTH, { size: 8, color: MUTED, align: "center", maxLines: 2, lineGap: 1 });
  c.text(`${doc.seller.name} · ${doc.number}`, LEFT, footerY + 34, WIDTH, { size: 7.5, color: "#98A2AB", align: "center" });
}
