import { I18n } from "@grammyjs/i18n";
import { describe, expect, it } from "vitest";
import { payPrompt } from "../../src/bot/pay-prompt.js";

const i18n = new I18n({ defaultLocale: "id", directory: "locales", fluentBundleOptions: { useIsolating: false } });
const t = (key: string, vars?: Record<string, string | number>) => i18n.t("id", key, vars);

const keyboardOf = (prompt: Awaited<ReturnType<typeof payPrompt>>) => prompt.keyboard.inline_keyboard.flat();

describe("payPrompt", () => {
  it("without a code from the gateway: says so, with the status check and Batalkan", async () => {
    const prompt = await payPrompt(t, { topupId: 7, amount: 100_000, method: "BRI_VA" });
    expect("text" in prompt && prompt.text).toContain("kode pembayarannya belum kami terima");
    expect(keyboardOf(prompt)).toEqual([
      { text: "🔄 Status Pembayaran", callback_data: "st:refresh" },
      { text: "✖️ Batalkan", callback_data: "pay:cancel:7" },
    ]);
  });

  it("a VA number is escaped for HTML, and the copy button copies it as given", async () => {
    const prompt = await payPrompt(t, { topupId: 7, amount: 100_000, method: "BCA_VA", payCode: "88<08>1234" });
    expect("text" in prompt && prompt.text).toContain("<code>88&lt;08&gt;1234</code>");
    expect(keyboardOf(prompt)[0]).toEqual({ text: "📋 Salin nomor VA", copy_text: { text: "88<08>1234" } });
  });

  it("a QR whose string names no merchant leaves the line out", async () => {
    const prompt = await payPrompt(t, { topupId: 7, amount: 100_000, method: "QRIS", payCode: "not-an-emvco-string" });
    expect("caption" in prompt && prompt.caption).not.toContain("Nama merchant");
  });

  it("has no code to show for an OVO push", async () => {
    await expect(payPrompt(t, { topupId: 7, amount: 100_000, method: "OVO", payCode: "x" })).rejects.toThrow(RangeError);
  });
});
