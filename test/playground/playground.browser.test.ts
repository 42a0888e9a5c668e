import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlayground, type Playground } from "../../src/playground/index.js";

/**
 * The playground in a real browser: Debian's chromium driven by playwright-core, clicking as a merchant would.
 * Skipped only on a developer machine without chromium; CI (which installs it in .ci/run) always runs it.
 */
const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts");
const STEP_TIMEOUT = 10_000;

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)("the playground in a browser", () => {
  let dir: string;
  let playground: Playground;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cp-playground-"));
    mkdirSync(ARTIFACTS, { recursive: true });
    playground = await startPlayground({ env: {}, port: 0, databasePath: join(dir, "playground.sqlite"), logger: pino({ level: "silent" }) });
    context = await chromium.launchPersistentContext(join(dir, "chromium-profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1360, height: 900 },
      locale: "id-ID",
      timezoneId: "Asia/Jakarta",
    });
    context.setDefaultTimeout(STEP_TIMEOUT);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${playground.port}/`);
    await page.locator("#connection.online").waitFor();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await playground?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const chat = () => page.locator("#messages");
  const botMessage = (text: string | RegExp) => chat().locator(".msg.in", { hasText: text }).last();
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `playground-${name}.png`), animations: "disabled" });

  async function send(text: string): Promise<void> {
    await page.getByLabel("Pesan untuk bot").fill(text);
    await page.getByLabel("Pesan untuk bot").press("Enter");
  }

  /** Taps an inline button on the newest bot message that has it (older messages may carry the same label). */
  async function tap(message: Locator, label: string): Promise<void> {
    await message.getByRole("button", { name: label, exact: true }).click();
  }

  async function switchTo(name: string): Promise<void> {
    await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
    await page.locator(".user-tab[aria-pressed='true']", { hasText: name }).waitFor();
  }

  /** /start → Top Up → the amount, up to the method step. */
  async function topUpUntilMethod(amount: string): Promise<Locator> {
    await send("/start");
    await tap(botMessage("Pilih menu di bawah ini"), "💰 Top Up Coin Premium");
    await tap(botMessage("Pilih nominal"), amount);
    return botMessage("Pilih metode pembayaran");
  }

  /** Waits for one more bot message with `text` than there were `before` of them. */
  async function nextBotMessage(text: string | RegExp, before: number): Promise<Locator> {
    const message = chat().locator(".msg.in", { hasText: text }).nth(before);
    await message.waitFor();
    return message;
  }
  const countOf = (text: string | RegExp) => chat().locator(".msg.in", { hasText: text }).count();

  /**
   * As `name`: Top Up → `amount` → each of `buttons` (the method, then the bank or e-wallet) → Lanjutkan. Resolves with
   * how many success notices the chat had before, for nextBotMessage.
   */
  async function topUpWith(name: string, amount: string, buttons: string[]): Promise<number> {
    await switchTo(name);
    const paidBefore = await countOf("Pembayaran berhasil");
    await topUpUntilMethod(amount);
    for (const label of buttons) {
      const button = page.getByRole("button", { name: label, exact: true });
      await tap(chat().locator(".msg.in").filter({ has: button }).last(), label);
    }
    await tap(botMessage("Ringkasan top up"), "✅ Lanjutkan");
    return paidBefore;
  }

  async function topUpUntilPush(amount: string, enterPhone: () => Promise<void>): Promise<Locator> {
    const method = await topUpUntilMethod(amount);
    await tap(method, "E-Wallet");
    await tap(botMessage("Pilih e-wallet"), "OVO");
    await tap(botMessage("Ringkasan top up"), "✅ Lanjutkan");
    await botMessage("Masukkan nomor HP aktif").waitFor();
    await enterPhone();
    await tap(botMessage("Tekan OK"), "OK");
    await botMessage("Konfirmasi Pembayaran").waitFor();
    const push = page.locator(".push", { hasText: amount });
    await push.waitFor();
    return push;
  }

  it("a merchant tops up Rp100.000, pays the OVO push, and sees the success and the new balance", async () => {
    expect(await page.locator(".sim-badge").textContent()).toContain("Simulasi — tidak ada uang sungguhan");
    await page.getByRole("button", { name: /^Sari/ }).click();

    const push = await topUpUntilPush("Rp100.000", async () => {
      await send("0812 3456 7890");
      await botMessage("Nomor OVO: 0812****7890").waitFor();
    });
    expect(await push.textContent()).toContain("Kasir Pintar — Coin Premium");
    expect(await push.textContent()).toContain("0812-3456-7890");
    expect(await push.locator(".timer .left").textContent()).toMatch(/^0:[0-5]\d$|^1:00$/);
    await shot("1-push");

    await push.getByRole("button", { name: "Bayar" }).click();
    const success = botMessage("Pembayaran berhasil");
    await success.waitFor();
    expect(await success.textContent()).toMatch(/Saldo Coin Premium: Rp100\.000/);
    await page.locator(".history li", { hasText: "Terbayar" }).waitFor();
    await page.locator(".push").waitFor({ state: "detached" });
    expect(playground.xendit.deliveries.at(-1)).toMatchObject({ status: 200, body: { event: "ewallet.capture", data: { status: "SUCCEEDED" } } });
    await shot("2-paid");

    // The invoice feature adds "🧾 Invoice" to the success message; open it when it is there.
    const invoiceButton = success.getByRole("button", { name: "🧾 Invoice", exact: true });
    if ((await invoiceButton.count()) > 0) {
      await invoiceButton.click();
      const link = chat().locator(".msg.in .doc-open").last();
      await link.waitFor();
      const href = await link.getAttribute("href");
      const response = await page.request.get(new URL(href!, page.url()).toString());
      expect(response.headers()["content-type"]).toBe("application/pdf");
      expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
      const [tab] = await Promise.all([context.waitForEvent("page"), link.click()]);
      await tab.waitForLoadState();
      expect(tab.url()).toContain("/playground/file/");
      await tab.close();
      await shot("3-invoice");
    }

    await send("/saldo");
    const balance = botMessage("Saldo Coin Premium");
    await balance.waitFor();
    expect(await balance.textContent()).toContain("Rp100.000");
    await shot("4-balance");
  }, 90_000);

  it("another merchant shares her number, rejects the push with Tolak, and is told it failed", async () => {
    await switchTo("Ani");

    const push = await topUpUntilPush("Rp50.000", async () => {
      await page.getByRole("button", { name: "📱 Kirim nomor saya" }).click();
      await chat().locator(".msg.out .contact-card").waitFor();
      await botMessage("Nomor OVO: 0813****5432").waitFor();
    });
    expect(await page.locator("#reply-keyboard").isHidden()).toBe(true);
    await push.getByRole("button", { name: "Tolak" }).click();

    const failed = botMessage("Pembayaran gagal");
    await failed.waitFor();
    expect(await failed.textContent()).toContain("Pembayaran ditolak di aplikasi OVO");
    await failed.getByRole("button", { name: "🔁 Coba lagi" }).waitFor();
    await page.locator(".history li", { hasText: "Ditolak" }).waitFor();
    await shot("5-rejected");
  }, 90_000);

  it("an English-speaking merchant lets the push's countdown run out, which expires it", async () => {
    // A page with a fake clock, so the 60 s countdown can be fast-forwarded.
    const first = page;
    page = await context.newPage();
    try {
      await page.clock.install();
      await page.goto(`http://127.0.0.1:${playground.port}/?user=700002`);
      await page.locator("#connection.online").waitFor();
      await page.locator(".user-tab[aria-pressed='true']", { hasText: "Budi" }).waitFor();

      await page.getByRole("button", { name: "Menu" }).click();
      await page.locator("#command-menu").getByRole("button", { name: /^\/topup/ }).click();
      await tap(botMessage("Choose an amount"), "Rp250.000");
      await tap(botMessage("Choose a payment method"), "E-Wallet");
      await tap(botMessage("Choose an e-wallet"), "OVO");
      await tap(botMessage("Top-up summary"), "✅ Continue");
      await page.getByRole("button", { name: "📱 Share my number" }).click();
      await tap(botMessage("Tap OK"), "OK");
      await botMessage("Konfirmasi Pembayaran").waitFor();

      await page.getByLabel("Ponsel OVO dengan nomor").selectOption({ label: "Budi · 0857-1234-5678" });
      const push = page.locator(".push", { hasText: "Rp250.000" });
      await push.waitFor();
      await page.clock.fastForward("01:01");
      await push.waitFor({ state: "detached" });
      await page.locator(".history li", { hasText: "Kedaluwarsa" }).waitFor();
      const charge = playground.xendit.charges().find((c) => c.charge_amount === 250_000);
      expect(charge).toMatchObject({ status: "FAILED", failure_code: "USER_DID_NOT_AUTHORIZE_THE_PAYMENT" });
      await shot("6-expired");
    } finally {
      await page.close();
      page = first;
    }

  }, 90_000);

  it("a merchant tops up with QRIS: the QR photo shows in the chat, the payer scans and pays it, and the bot says paid", async () => {
    const paidBefore = await topUpWith("Sari", "Rp50.000", ["QRIS"]);
    const qr = botMessage("QRIS · Top Up Coin Premium");
    const image = qr.locator(".photo img");
    await image.waitFor();
    // The PNG the bot rendered, served by the playground as an image the browser decodes.
    await page.waitForFunction((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0, await image.elementHandle());
    const src = await image.getAttribute("src");
    const file = await page.request.get(new URL(src!, page.url()).toString());
    expect(file.headers()["content-type"]).toBe("image/png");

    const card = page.locator(".push-qr", { hasText: "Rp50.000" });
    await card.waitFor();
    expect(await card.textContent()).toContain("KASIR PINTAR COIN PREMIUM");
    await shot("7-qris");
    // The README's picture (npm run docs:screenshot): the QR photo in the chat and the payer's phone side by side.
    if (process.env.PLAYGROUND_DOCS_SCREENSHOT) {
      await page.screenshot({ path: join(process.cwd(), "docs", "playground.png"), animations: "disabled" });
    }
    await card.getByRole("button", { name: "Pindai QR & Bayar" }).click();

    const success = await nextBotMessage("Pembayaran berhasil", paidBefore);
    expect(await success.textContent()).toContain("Rp50.000");
    // The bot takes the paid QR away, so that nobody scans it again; the chat follows.
    await chat().locator(".photo img").waitFor({ state: "detached" });
    await card.waitFor({ state: "detached" });
    await page.locator(".history li", { hasText: "QRIS" }).filter({ hasText: "Terbayar" }).waitFor();
    expect(playground.xendit.deliveries.at(-1)).toMatchObject({ status: 200, body: { event: "payment.capture", data: { channel_code: "QRIS" } } });
    await shot("8-qris-paid");
  }, 90_000);

  it("another merchant tops up with a BCA virtual account, transfers the exact amount from the payer's phone, and is told it is paid", async () => {
    const paidBefore = await topUpWith("Ani", "Rp250.000", ["Virtual Account", "BCA"]);
    const account = botMessage("Virtual Account BCA");
    await account.waitFor();
    const number = /Nomor VA: (\d{10,20})/.exec((await account.textContent()) ?? "")?.[1];
    expect(number).toBeDefined();

    const card = page.locator(".push-va", { hasText: "Rp250.000" });
    await card.waitFor();
    expect(await card.getByLabel("Nomor Virtual Account").inputValue()).toBe(number);
    expect(await card.getByLabel("Nominal transfer (Rp)").inputValue()).toBe("250000");
    await shot("9-va");
    await card.getByRole("button", { name: "Transfer" }).click();

    const success = await nextBotMessage("Pembayaran berhasil", paidBefore);
    expect(await success.textContent()).toContain("Rp250.000");
    await page.locator(".history li", { hasText: `VA BCA` }).filter({ hasText: "Terbayar" }).waitFor();
    const request = playground.xendit.paymentRequest(number!);
    expect(request).toMatchObject({ status: "SUCCEEDED", channel_code: "BCA_VIRTUAL_ACCOUNT", captures: [{ capture_amount: 250_000 }] });
    await shot("10-va-paid");
  }, 90_000);
});
