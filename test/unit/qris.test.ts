import { createRequire } from "node:module";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { qrisMerchantName, qrPng } from "../../src/bot/qris.js";

/** A dynamic QRIS string as acquirers issue them (EMVCo TLV, CRC-16 in tag 63); its tag 26 holds a decoy "59". */
const QRIS =
  "00020101021226620016ID.CO.XENDIT.WWW011893600898000000001202095905FAKE00303UMI51440014ID.CO.QRIS.WWW0215ID10243341364120303UMI52045697530336054061000005802ID5912KASIR PINTAR6007JAKARTA610510340630482DD";

describe("qrisMerchantName", () => {
  it("reads the top-level merchant name (tag 59), not a 59 inside a nested template", () => {
    expect(qrisMerchantName(QRIS)).toBe("KASIR PINTAR");
  });

  it("is undefined when the string has no name or is not EMVCo TLV", () => {
    expect(qrisMerchantName("000201010212")).toBeUndefined();
    expect(qrisMerchantName("https://checkout.example/pay")).toBeUndefined();
    expect(qrisMerchantName("")).toBeUndefined();
    // Truncated: the name's length runs past the end.
    expect(qrisMerchantName("0002015920KASIR")).toBeUndefined();
    // A blank name is no name.
    expect(qrisMerchantName("0002015903   ")).toBeUndefined();
  });

  it("stops at the first malformed field rather than guessing", () => {
    expect(qrisMerchantName("000201AB045912KASIR PINTAR")).toBeUndefined();
    expect(qrisMerchantName("00020159X2KASIR PINTAR")).toBeUndefined();
  });
});

describe("qrPng", () => {
  it("renders a PNG, the same bytes for the same string", async () => {
    const image = await qrPng(QRIS);
    expect(image.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(image.equals(await qrPng(QRIS))).toBe(true);
    expect(image.equals(await qrPng(`${QRIS}0`))).toBe(false);
  });
});

describe("qrPng decodes to the QR of the string", () => {
  it("has every module where the qrcode package put it, with a quiet zone, when read back by an independent decoder", async () => {
    // pngjs (the qrcode package's own PNG library) reads the image back: our encoder is not checked by itself.
    const { PNG } = createRequire(import.meta.url)("pngjs") as { PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } } };
    const image = PNG.sync.read(await qrPng(QRIS));
    const { modules } = QRCode.create(QRIS, { errorCorrectionLevel: "M" });
    const scale = image.width / (modules.size + 8);
    expect(image.height).toBe(image.width);
    expect(Number.isInteger(scale)).toBe(true);
    const dark = (x: number, y: number) => image.data[(y * image.width + x) * 4] === 0;
    for (let my = -4; my < modules.size + 4; my++) {
      for (let mx = -4; mx < modules.size + 4; mx++) {
        const inside = my >= 0 && mx >= 0 && my < modules.size && mx < modules.size;
        const expected = inside && Boolean(modules.get(my, mx));
        // The centre and a corner pixel of each module.
        const px = (mx + 4) * scale;
        const py = (my + 4) * scale;
        expect(dark(px + scale / 2, py + scale / 2)).toBe(expected);
        expect(dark(px, py + scale - 1)).toBe(expected);
      }
    }
  });
});
