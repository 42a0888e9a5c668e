// The payer's phone (right of the page): the OVO app's Konfirmasi Pembayaran push, scanning a QRIS code, a transfer
// to a virtual account from m-banking, and an e-wallet's checkout (DANA, ShopeePay, LinkAja). What it shows comes
// from the Xendit emulator, through /playground/state and the event stream; what it does is what a payer does.
import { $, api, clockTime, h, rupiah } from "./dom.js";

const ui = {
  phoneSelect: $("#phone-number"),
  phoneLabel: $("#phone-number-label"),
  phoneClock: $("#phone-clock"),
  pushArea: $("#push-area"),
  idle: $("#payer-idle"),
  history: $("#history"),
};

const ALL_NUMBERS = "all";
/** Still waiting for the payer: an OVO charge, or a payment request. */
const OPEN = new Set(["PENDING", "ACCEPTING_PAYMENTS", "REQUIRES_ACTION", "AUTHORIZED"]);

const state = {
  users: [],
  /** @type {Map<string, any>} OVO charges by id */
  charges: new Map(),
  /** @type {Map<string, any>} payment requests (QRIS, virtual accounts, checkouts) by id */
  requests: new Map(),
  /** server clock minus browser clock (ms) */
  skew: 0,
  windowMs: 60_000,
  phone: ALL_NUMBERS,
  expiring: new Set(),
  fresh: new Set(),
};

let showError = (error) => console.error(error);

// ---- Formatting --------------------------------------------------------------------------------------------

/** "+6281234567890" → "0812-3456-7890" */
function localPhone(e164) {
  const digits = String(e164).replace(/\D/g, "");
  const local = digits.startsWith("62") ? `0${digits.slice(2)}` : digits;
  return local.replace(/^(\d{4})(\d{4})(\d+)$/, "$1-$2-$3");
}
const digitsOf = (phone) => String(phone).replace(/\D/g, "").replace(/^0/, "62");
/** "1076 6123 4567 8901": how a bank app prints an account number. */
const grouped = (digits) => digits.replace(/(\d{4})(?=\d)/g, "$1 ");

function countdown(ms) {
  const seconds = Math.ceil(ms / 1000);
  const two = (n) => String(n).padStart(2, "0");
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds % 60)}` : `${minutes}:${two(seconds % 60)}`;
}

// ---- What each payment looks like --------------------------------------------------------------------------

const forPhone = (charge) => state.phone === ALL_NUMBERS || digitsOf(charge.mobileNumber) === state.phone;

function chargeChip(charge) {
  if (charge.status === "SUCCEEDED") return h("span", { class: "chip ok", text: "Terbayar" });
  if (charge.status === "PENDING") return h("span", { class: "chip wait", text: "Menunggu" });
  if (charge.status === "FAILED" && charge.failureCode === "USER_DECLINED_PAYMENT") return h("span", { class: "chip bad", text: "Ditolak" });
  if (charge.status === "FAILED" && /AUTHORIZE|EXPIRED/.test(charge.failureCode ?? "")) return h("span", { class: "chip grey", text: "Kedaluwarsa" });
  if (charge.status === "FAILED") return h("span", { class: "chip bad", text: "Gagal" });
  return h("span", { class: "chip grey", text: charge.status });
}

function requestChip(request) {
  if (request.status === "SUCCEEDED" && request.paidAmount !== request.amount) return h("span", { class: "chip warn", text: `Dibayar ${rupiah(request.paidAmount)}` });
  if (request.status === "SUCCEEDED") return h("span", { class: "chip ok", text: "Terbayar" });
  if (OPEN.has(request.status)) return h("span", { class: "chip wait", text: "Menunggu" });
  if (request.status === "EXPIRED") return h("span", { class: "chip grey", text: "Kedaluwarsa" });
  if (request.status === "CANCELED") return h("span", { class: "chip grey", text: "Dibatalkan" });
  if (request.status === "FAILED" && /DECLINED|AUTHORIZE/.test(request.failureCode ?? "")) return h("span", { class: "chip bad", text: "Ditolak" });
  return h("span", { class: "chip bad", text: "Gagal" });
}

const APP = { qr: "QRIS", va: "m-Banking", redirect: "E-Wallet" };
const requestLabel = (request) =>
  request.flow === "va" ? `VA ${request.method} ${grouped(request.payCode)}` : `${request.method} · ${request.merchantName}`;

/** Charges and payment requests as one list, newest first. */
function payments() {
  const charges = [...state.charges.values()].filter(forPhone).map((charge) => ({
    id: charge.id,
    created: charge.created,
    open: charge.status === "PENDING",
    card: () => pushCard(charge),
    row: () => historyRow(charge.id, charge.amount, `${charge.merchantName} · ${localPhone(charge.mobileNumber)}`, chargeChip(charge)),
  }));
  const requests = [...state.requests.values()].map((request) => ({
    id: request.id,
    created: request.created,
    open: OPEN.has(request.status),
    card: () => requestCard(request),
    row: () => historyRow(request.id, request.amount, requestLabel(request), requestChip(request)),
  }));
  return [...charges, ...requests].sort((a, b) => Date.parse(b.created) - Date.parse(a.created));
}

function historyRow(id, amount, label, chip) {
  return h("li", { class: state.fresh.has(id) ? "fresh" : undefined, "data-payment": id },
    h("div", { class: "h-main" }, h("div", { class: "h-amount", text: rupiah(amount) }), h("div", { class: "h-sub", text: label })),
    chip);
}

function renderPhoneOptions() {
  const numbers = new Map(state.users.map((user) => [digitsOf(user.phone), `${user.firstName} · ${localPhone(user.phone)}`]));
  for (const charge of state.charges.values()) {
    const digits = digitsOf(charge.mobileNumber);
    if (!numbers.has(digits)) numbers.set(digits, localPhone(charge.mobileNumber));
  }
  const options = [[ALL_NUMBERS, "Semua nomor (tampilkan semua)"], ...numbers];
  if (!options.some(([value]) => value === state.phone)) state.phone = ALL_NUMBERS;
  ui.phoneSelect.replaceChildren(...options.map(([value, label]) => h("option", { value, selected: value === state.phone, text: label })));
}

function renderPhone() {
  ui.phoneLabel.textContent = state.phone === ALL_NUMBERS ? "Simulasi: semua nomor OVO" : `Akun OVO ${localPhone(state.phone)}`;
  const all = payments();
  const open = all.filter((payment) => payment.open);
  const done = all.filter((payment) => !payment.open);

  // Keep cards that still show the same payment, so focus, a typed amount and the countdown do not jump.
  const keep = new Set(open.map((payment) => payment.id));
  for (const card of ui.pushArea.querySelectorAll(".push")) if (!keep.has(card.dataset.payment)) card.remove();
  for (const payment of [...open].reverse()) {
    if (!ui.pushArea.querySelector(`.push[data-payment="${payment.id}"]`)) ui.pushArea.prepend(payment.card());
  }
  ui.idle.hidden = ui.pushArea.childElementCount > 0;

  ui.history.replaceChildren(...(done.length === 0 ? [h("li", { class: "empty", text: "Belum ada transaksi." })] : done.slice(0, 12).map((payment) => payment.row())));
  state.fresh.clear();
  tick();
}

// ---- Cards: one per payment waiting for the payer ----------------------------------------------------------

function timer() {
  return h("div", { class: "timer", role: "timer", "aria-label": "Sisa waktu" },
    h("span", { "aria-hidden": "true", text: "Sisa waktu" }),
    h("div", { class: "bar" }, h("div", { class: "fill" })),
    h("span", { class: "left", text: "" }));
}

function paymentCard({ id, app, appName, title, merchant, amount, details = [], body = [], actions, expiresAt, windowMs, note }) {
  const titleId = `push-title-${id}`;
  return h("article", { class: `push push-${app}`, "data-payment": id, "data-expires": expiresAt, "data-window": windowMs, "aria-labelledby": titleId },
    h("div", { class: "push-top" }, h("span", { class: "push-app", "aria-hidden": "true", text: appName.slice(0, 4) }), `${appName} · sekarang`),
    h("h3", { id: titleId, text: title }),
    h("p", { class: "merchant", text: merchant }),
    h("p", { class: "amount", text: rupiah(amount) }),
    details.length > 0 ? h("dl", {}, ...details.flatMap(([term, value]) => [h("dt", { text: term }), h("dd", { text: value })])) : null,
    ...body,
    timer(),
    actions,
    note ? h("p", { class: "push-note", text: note }) : null,
  );
}

function pushCard(charge) {
  const pay = h("button", { type: "button", class: "btn-pay", text: "Bayar" });
  const reject = h("button", { type: "button", class: "btn-reject", text: "Tolak" });
  pay.addEventListener("click", () => act("ovo/pay", { chargeId: charge.id }, [pay, reject]));
  reject.addEventListener("click", () => act("ovo/reject", { chargeId: charge.id }, [pay, reject]));
  return paymentCard({
    id: charge.id,
    app: "ovo",
    appName: "OVO",
    title: "Konfirmasi Pembayaran",
    merchant: charge.merchantName,
    amount: charge.amount,
    details: [["Nomor OVO", localPhone(charge.mobileNumber)], ["Metode", "Saldo OVO Cash"]],
    actions: h("div", { class: "push-actions" }, reject, pay),
    expiresAt: charge.expiresAt,
    windowMs: state.windowMs,
    note: "Simulasi: tidak ada saldo sungguhan yang terpotong.",
  });
}

function requestCard(request) {
  const common = {
    id: request.id,
    app: request.flow,
    appName: request.flow === "redirect" ? request.method : APP[request.flow],
    merchant: request.merchantName,
    amount: request.amount,
    expiresAt: request.expiresAt,
    windowMs: Date.parse(request.expiresAt) - Date.parse(request.created),
  };
  const expire = h("button", { type: "button", class: "btn-link", text: "Biarkan kedaluwarsa" });
  const buttons = [expire];
  const on = (path) => () => act(path, { requestId: request.id }, buttons);
  expire.addEventListener("click", on("payment-request/expire"));
  const until = ["Berlaku sampai", clockTime(new Date(request.expiresAt))];

  if (request.flow === "qr") {
    const scan = h("button", { type: "button", class: "btn-pay", text: "Pindai QR & Bayar" });
    buttons.push(scan);
    scan.addEventListener("click", on("qris/pay"));
    return paymentCard({
      ...common,
      title: "Bayar dengan QRIS",
      details: [until],
      body: [h("p", { class: "push-hint", text: "Pindai kode QR yang dikirim bot di chat, lalu konfirmasi nominalnya." })],
      actions: h("div", { class: "push-actions stacked" }, scan, expire),
      note: "Simulasi: seperti memindai dengan aplikasi bank atau e-wallet mana pun.",
    });
  }
  if (request.flow === "va") return vaCard(request, common, { expire, buttons, until });

  const approve = h("button", { type: "button", class: "btn-pay", text: "Setujui" });
  const decline = h("button", { type: "button", class: "btn-reject", text: "Tolak" });
  buttons.push(approve, decline);
  approve.addEventListener("click", on("checkout/approve"));
  decline.addEventListener("click", on("checkout/decline"));
  return paymentCard({
    ...common,
    title: `Checkout ${request.method}`,
    details: [until],
    body: [h("p", { class: "push-hint" }, "Tombol di chat membuka ", h("a", { href: request.payCode, target: "_blank", rel: "noopener noreferrer", text: "halaman checkout ↗" }), "; atau putuskan di sini.")],
    actions: h("div", { class: "push-actions-wrap" }, h("div", { class: "push-actions" }, decline, approve), expire),
  });
}

/** m-banking's transfer form, filled in with the account and the exact amount; either can be changed before Transfer. */
function vaCard(request, common, { expire, buttons, until }) {
  const ids = { account: `va-account-${request.id}`, amount: `va-amount-${request.id}` };
  const account = h("input", { id: ids.account, name: "accountNumber", inputmode: "numeric", autocomplete: "off", value: request.payCode, required: true });
  const amount = h("input", { id: ids.amount, name: "amount", inputmode: "numeric", autocomplete: "off", value: String(request.amount), required: true });
  const transfer = h("button", { type: "submit", class: "btn-pay", text: "Transfer" });
  buttons.push(transfer);
  const form = h("form", { class: "va-form", "aria-label": `Transfer ke Virtual Account ${request.method}` },
    h("label", { for: ids.account, text: "Nomor Virtual Account" }), account,
    h("label", { for: ids.amount, text: "Nominal transfer (Rp)" }), amount,
    h("p", { class: "push-hint", text: `Diminta tepat ${rupiah(request.amount)}. Ubah nominal untuk mencoba transfer yang salah.` }),
    h("div", { class: "push-actions stacked" }, transfer, expire));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = Number(amount.value.replace(/\D/g, ""));
    void act("va/pay", { accountNumber: account.value.replace(/\s/g, ""), amount: typed }, buttons);
  });
  return paymentCard({ ...common, title: `Transfer Virtual Account ${request.method}`, details: [until], body: [form], actions: null });
}

// ---- Acting as the payer -----------------------------------------------------------------------------------

/** Answers carry the payment as it is now, also when refused (409: it ended meanwhile). */
async function act(path, body, buttons) {
  for (const button of buttons) button.disabled = true;
  try {
    applyAnswer(await api(path, body));
  } catch (error) {
    if (error.data?.charge || error.data?.request) applyAnswer(error.data);
    else {
      showError(error);
      for (const button of buttons) button.disabled = false;
    }
  }
}

function applyAnswer({ charge, request }) {
  if (charge) applyCharge(charge);
  if (request) applyRequest(request);
}

export function applyCharge(charge) {
  const previous = state.charges.get(charge.id);
  const finished = previous?.status === "PENDING" && charge.status !== "PENDING";
  if (finished) state.fresh.add(charge.id);
  state.charges.set(charge.id, charge);
  if (!previous) renderPhoneOptions();
  renderPhone();
  if (finished && forPhone(charge)) showResult(charge.status === "SUCCEEDED", chargeChip(charge), `${rupiah(charge.amount)} · ${charge.merchantName}`);
}

export function applyRequest(request) {
  const previous = state.requests.get(request.id);
  const finished = previous !== undefined && OPEN.has(previous.status) && !OPEN.has(request.status);
  if (finished) state.fresh.add(request.id);
  state.requests.set(request.id, request);
  renderPhone();
  if (finished) showResult(request.status === "SUCCEEDED", requestChip(request), `${rupiah(request.paidAmount ?? request.amount)} · ${requestLabel(request)}`);
}

/** For a few seconds after a payment ends, the phone says what happened, as the payer's app does. */
function showResult(paid, chip, line) {
  const card = h("div", { class: `push-result ${paid ? "ok" : "bad"}`, role: "status" },
    h("span", { class: "result-icon", "aria-hidden": "true", text: paid ? "✓" : "✕" }),
    h("div", {},
      h("strong", { text: paid ? "Transaksi selesai" : `Transaksi ${chip.textContent.toLowerCase()}` }),
      h("div", { class: "muted", text: line })),
  );
  ui.pushArea.append(card);
  ui.idle.hidden = true;
  setTimeout(() => {
    card.remove();
    ui.idle.hidden = ui.pushArea.childElementCount > 0;
  }, 6000);
}

/**
 * Counts every card down. An OVO push at zero is ignored, which expires the charge like the real OVO app; a QR,
 * an account or a checkout is expired by the emulator itself (the playground looks every second).
 */
function tick() {
  const now = Date.now() + state.skew;
  ui.phoneClock.textContent = clockTime(new Date(now));
  for (const card of ui.pushArea.querySelectorAll(".push")) {
    const windowMs = Number(card.dataset.window);
    const left = Math.min(windowMs, Math.max(0, Date.parse(card.dataset.expires) - now));
    const seconds = Math.ceil(left / 1000);
    const timer = card.querySelector(".timer");
    timer.classList.toggle("low", seconds <= 10);
    timer.querySelector(".fill").style.width = `${(left / windowMs) * 100}%`;
    timer.querySelector(".left").textContent = countdown(left);
    timer.setAttribute("aria-label", `Sisa waktu ${countdown(left)}`);
    if (left > 0 || state.expiring.has(card.dataset.payment)) continue;
    state.expiring.add(card.dataset.payment);
    for (const button of card.querySelectorAll("button")) button.disabled = true;
    if (state.charges.has(card.dataset.payment)) void act("ovo/expire", { chargeId: card.dataset.payment }, []);
  }
}

/** Everything anew from /playground/state (at start and after a reconnect). */
export function loadPayer({ users, charges, paymentRequests, windowMs, skew }) {
  state.users = users;
  state.windowMs = windowMs;
  state.skew = skew;
  state.charges = new Map(charges.map((charge) => [charge.id, charge]));
  state.requests = new Map(paymentRequests.map((request) => [request.id, request]));
  renderPhoneOptions();
  renderPhone();
}

export function startPayer(options) {
  showError = options.showError;
  ui.phoneSelect.addEventListener("change", () => {
    state.phone = ui.phoneSelect.value;
    renderPhone();
  });
  setInterval(tick, 250);
}
