// Playground page: a Telegram-like chat with the real bot (left) and a simulated OVO app (right).
// Plain modern JS, no build step. All server state comes from /playground/state and the /playground/events stream.

const $ = (selector) => {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`missing ${selector}`);
  return element;
};

const ui = {
  users: $("#users"),
  messages: $("#messages"),
  emptyChat: $("#empty-chat"),
  toast: $("#toast"),
  replyKeyboard: $("#reply-keyboard"),
  composer: $("#composer"),
  input: $("#input"),
  menuButton: $("#menu-button"),
  commandMenu: $("#command-menu"),
  connection: $("#connection"),
  botUsername: $("#bot-username"),
  chatTitle: $("#chat-title"),
  currentUserName: $("#current-user-name"),
  phoneSelect: $("#phone-number"),
  phoneLabel: $("#phone-number-label"),
  phoneClock: $("#phone-clock"),
  pushArea: $("#push-area"),
  idle: $("#ovo-idle"),
  history: $("#history"),
};

const ALL_NUMBERS = "all";
const state = {
  users: [],
  userId: Number(new URLSearchParams(location.search).get("user")) || undefined,
  commands: [],
  /** @type {Map<string, any>} charges by id */
  charges: new Map(),
  /** server clock minus browser clock (ms) */
  skew: 0,
  windowMs: 60_000,
  unread: new Map(),
  phone: ALL_NUMBERS,
  expiring: new Set(),
  freshHistory: new Set(),
};

// ---- Formatting --------------------------------------------------------------------------------------------

const rupiah = (amount) => `Rp${new Intl.NumberFormat("id-ID").format(amount)}`;
const time = (unixSeconds) =>
  new Date(unixSeconds * 1000).toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit" }).replace(".", ":");
/** "+6281234567890" → "0812-3456-7890" */
function localPhone(e164) {
  const digits = String(e164).replace(/\D/g, "");
  const local = digits.startsWith("62") ? `0${digits.slice(2)}` : digits;
  return local.replace(/^(\d{4})(\d{4})(\d+)$/, "$1-$2-$3");
}
const digitsOf = (phone) => String(phone).replace(/\D/g, "").replace(/^0/, "62");
const initials = (user) => (user.firstName[0] ?? "?").toUpperCase();
const fileSize = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === false || value === null) continue;
    if (key === "class") element.className = value;
    else if (key === "text") element.textContent = value;
    else if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  element.append(...children.filter((child) => child !== undefined && child !== null && child !== false));
  return element;
}

// ---- Server calls ------------------------------------------------------------------------------------------

async function api(path, body) {
  const response = await fetch(`/playground/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(data.error ?? `HTTP ${response.status}`), { status: response.status, data });
  return data;
}

const showError = (error) => showToast(error instanceof Error ? error.message : String(error), true);

// ---- Chat rendering ----------------------------------------------------------------------------------------

const SAFE_URL = /^(https?:|tg:|mailto:)/i;

/** Telegram entities (UTF-16 offsets, like JS strings) → DOM, nested entities inside their parents. */
function renderEntities(text, entities = []) {
  const fragment = document.createDocumentFragment();
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const build = (parent, start, end, list) => {
    let position = start;
    for (let i = 0; i < list.length; ) {
      const entity = list[i];
      const entityStart = Math.max(entity.offset, position);
      const entityEnd = Math.min(entity.offset + entity.length, end);
      const inner = [];
      let j = i + 1;
      while (j < list.length && list[j].offset < entityEnd) inner.push(list[j++]);
      i = j;
      if (entityEnd <= entityStart) continue;
      if (entityStart > position) parent.append(text.slice(position, entityStart));
      const element = elementFor(entity, text.slice(entityStart, entityEnd));
      build(element, entityStart, entityEnd, inner);
      parent.append(element);
      position = entityEnd;
    }
    if (position < end) parent.append(text.slice(position, end));
  };
  build(fragment, 0, text.length, sorted);
  return fragment;
}

function elementFor(entity, content) {
  switch (entity.type) {
    case "bold": return h("strong");
    case "italic": return h("em");
    case "underline": return h("u");
    case "strikethrough": return h("s");
    case "code": return h("code");
    case "pre": return h("pre");
    case "blockquote":
    case "expandable_blockquote": return h("blockquote");
    case "spoiler": {
      const spoiler = h("span", { class: "spoiler", title: "Spoiler" });
      spoiler.addEventListener("click", () => spoiler.classList.add("revealed"));
      return spoiler;
    }
    case "text_link":
      return SAFE_URL.test(entity.url ?? "") ? h("a", { href: entity.url, target: "_blank", rel: "noopener noreferrer" }) : h("span");
    case "url":
      return h("a", { href: /^https?:/i.test(content) ? content : `https://${content}`, target: "_blank", rel: "noopener noreferrer" });
    case "bot_command": {
      // Tapping a /command in Telegram sends it.
      const command = content.split("@")[0];
      return h("button", { type: "button", class: "cmd-link", "data-command": command, "aria-label": `Kirim ${command}` });
    }
    default: return h("span");
  }
}

function messageNode(message) {
  const bubble = h("div", { class: "bubble" });
  if (message.text !== undefined) bubble.append(h("div", { class: "text" }, renderEntities(message.text, message.entities)));
  if (message.document) bubble.append(documentNode(message.document));
  if (message.photo) bubble.append(photoNode(message.photo));
  if (message.contact) {
    bubble.append(
      h("div", { class: "contact-card" },
        h("span", { class: "avatar avatar-c3", "aria-hidden": "true", text: "📱" }),
        h("div", {}, h("strong", { text: message.contact.name }), h("div", { class: "muted", text: `+${message.contact.phone.replace(/^\+/, "")}` }))),
    );
  }
  if (message.caption !== undefined) bubble.append(h("div", { class: "text caption" }, renderEntities(message.caption, message.captionEntities)));
  if (bubble.childElementCount === 0) bubble.append(h("div", { class: "text muted", text: "(pesan tidak didukung)" }));
  bubble.append(h("span", { class: "meta" }, message.edited ? "diedit " : "", time(message.date), message.out ? " ✓✓" : ""));

  const node = h("div", { class: `msg ${message.out ? "out" : "in"}`, "data-id": message.id }, bubble);
  if (message.buttons) node.append(inlineKeyboard(message));
  return node;
}

const fileUrl = (fileId) => `/playground/file/${encodeURIComponent(fileId)}`;

function photoNode(photo) {
  return h("a", { class: "photo", href: fileUrl(photo.fileId), target: "_blank", rel: "noopener", "aria-label": "Buka foto" },
    h("img", { src: fileUrl(photo.fileId), alt: "Foto dari bot", loading: "lazy" }));
}

function documentNode(document_) {
  const isPdf = document_.mime === "application/pdf";
  const href = fileUrl(document_.fileId);
  return h("div", { class: "doc" },
    h("span", { class: "doc-icon", "aria-hidden": "true", text: isPdf ? "PDF" : "FILE" }),
    h("div", {},
      h("div", { class: "doc-name", text: document_.name }),
      h("div", { class: "doc-info" },
        document_.size ? `${fileSize(document_.size)} · ` : "",
        h("a", { href, target: "_blank", rel: "noopener", class: "doc-open", "aria-label": `Buka ${document_.name}` }, isPdf ? "Buka PDF" : "Unduh")),
    ),
  );
}

function inlineKeyboard(message) {
  const keyboard = h("div", { class: "inline-kb", role: "group", "aria-label": "Tombol pesan" });
  for (const row of message.buttons) {
    const rowNode = h("div", { class: "row" });
    for (const button of row) {
      if (button.url) {
        rowNode.append(h("a", { href: SAFE_URL.test(button.url) ? button.url : "#", target: "_blank", rel: "noopener noreferrer", text: `${button.text} ↗` }));
      } else if (button.data !== undefined) {
        const element = h("button", { type: "button", text: button.text });
        element.addEventListener("click", () => pressInline(element, message.id, button.data));
        rowNode.append(element);
      } else {
        rowNode.append(h("button", { type: "button", text: button.text, disabled: true }));
      }
    }
    keyboard.append(rowNode);
  }
  return keyboard;
}

async function pressInline(element, messageId, data) {
  element.disabled = true;
  element.classList.add("busy");
  try {
    await api("click", { userId: state.userId, messageId, data });
  } catch (error) {
    showError(error);
  } finally {
    // The bot usually edits the buttons away; if not, the button works again.
    element.disabled = false;
    element.classList.remove("busy");
  }
}

function nearBottom() {
  const { scrollTop, scrollHeight, clientHeight } = ui.messages;
  return scrollHeight - scrollTop - clientHeight < 120;
}
function scrollToBottom() {
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function addMessage(message, { scroll = true } = {}) {
  ui.emptyChat.hidden = true;
  const existing = ui.messages.querySelector(`.msg[data-id="${message.id}"]`);
  if (existing) return existing.replaceWith(messageNode(message));
  const stick = nearBottom();
  ui.messages.append(messageNode(message));
  if (scroll && (stick || message.out)) scrollToBottom();
}

function editMessage(message) {
  const existing = ui.messages.querySelector(`.msg[data-id="${message.id}"]`);
  if (!existing) return addMessage(message);
  const stick = nearBottom();
  existing.replaceWith(messageNode(message));
  if (stick) scrollToBottom();
}

function deleteMessage(id) {
  ui.messages.querySelector(`.msg[data-id="${id}"]`)?.remove();
  ui.emptyChat.hidden = ui.messages.querySelector(".msg") !== null;
}

function renderReplyKeyboard(keyboard) {
  ui.replyKeyboard.replaceChildren();
  ui.replyKeyboard.hidden = !keyboard;
  ui.input.placeholder = keyboard?.placeholder ?? "Tulis pesan…";
  if (!keyboard) return;
  for (const row of keyboard.rows) {
    const rowNode = h("div", { class: "row" });
    for (const button of row) {
      const element = h("button", { type: "button", class: button.requestContact ? "contact" : undefined, text: button.text });
      element.addEventListener("click", () => (button.requestContact ? shareContact(element) : sendText(button.text)));
      rowNode.append(element);
    }
    ui.replyKeyboard.append(rowNode);
  }
}

async function shareContact(element) {
  element.disabled = true;
  try {
    await api("contact", { userId: state.userId });
  } catch (error) {
    showError(error);
  } finally {
    element.disabled = false;
  }
}

async function sendText(text) {
  const trimmed = text.trim();
  if (!trimmed) return;
  try {
    await api("send", { userId: state.userId, text: trimmed });
  } catch (error) {
    showError(error);
  }
}

let toastTimer;
function showToast(text, alert = false) {
  ui.toast.textContent = text;
  ui.toast.classList.toggle("alert", alert);
  ui.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (ui.toast.hidden = true), alert ? 5000 : 3000);
}

// ---- Users -------------------------------------------------------------------------------------------------

function renderUsers() {
  ui.users.replaceChildren(
    ...state.users.map((user, index) => {
      const unread = state.unread.get(user.id) ?? 0;
      const tab = h("button", {
        type: "button",
        class: "user-tab",
        "aria-pressed": String(user.id === state.userId),
        "data-user": user.id,
        "aria-label": `${user.firstName}${user.admin ? " (admin)" : ""}, ${user.role}${unread ? `, ${unread} pesan baru` : ""}`,
      },
        h("span", { class: `avatar avatar-c${index % 4}`, "aria-hidden": "true", text: initials(user) }),
        h("span", {}, user.firstName + (user.admin ? " · Admin" : ""), h("small", { text: user.role })),
        unread ? h("span", { class: "badge", "aria-hidden": "true", text: String(unread) }) : null,
      );
      tab.addEventListener("click", () => switchUser(user.id));
      return tab;
    }),
  );
  const current = state.users.find((user) => user.id === state.userId);
  if (current) ui.currentUserName.textContent = `${current.firstName} ${current.lastName ?? ""}`.trim();
}

async function switchUser(id) {
  if (id === state.userId) return;
  state.userId = id;
  state.unread.delete(id);
  const url = new URL(location.href);
  url.searchParams.set("user", String(id));
  history.replaceState(null, "", url);
  await loadState();
  ui.input.focus();
}

// ---- State -------------------------------------------------------------------------------------------------

async function loadState() {
  const query = state.userId ? `?user=${state.userId}` : "";
  const data = await api(`state${query}`).catch((error) => {
    // An unknown ?user= in the address: start with the first merchant instead.
    if (!query || (error.status !== 404 && error.status !== 400)) throw error;
    state.userId = undefined;
    return api("state");
  });
  state.users = data.users;
  state.userId = data.user;
  state.commands = data.commands;
  state.windowMs = data.windowMs;
  state.skew = Date.parse(data.serverNow) - Date.now();
  ui.chatTitle.textContent = data.bot.name;
  ui.botUsername.textContent = `bot · @${data.bot.username}`;
  renderUsers();

  ui.messages.querySelectorAll(".msg").forEach((node) => node.remove());
  ui.emptyChat.hidden = data.messages.length > 0;
  for (const message of data.messages) addMessage(message, { scroll: false });
  scrollToBottom();
  renderReplyKeyboard(data.keyboard);
  renderCommands();

  state.charges = new Map(data.charges.map((charge) => [charge.id, charge]));
  renderPhoneOptions();
  renderPhone();
}

function renderCommands() {
  ui.commandMenu.replaceChildren(
    ...state.commands.map((command) => {
      const button = h("button", { type: "button" }, h("span", { class: "cmd", text: `/${command.command}` }), h("span", { class: "desc", text: command.description }));
      button.addEventListener("click", () => {
        toggleMenu(false);
        void sendText(`/${command.command}`);
      });
      return h("li", {}, button);
    }),
  );
}

function toggleMenu(open = ui.commandMenu.hidden) {
  ui.commandMenu.hidden = !open;
  ui.menuButton.setAttribute("aria-expanded", String(open));
  if (open) ui.commandMenu.querySelector("button")?.focus();
}

// ---- OVO phone ---------------------------------------------------------------------------------------------

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

const forPhone = (charge) => state.phone === ALL_NUMBERS || digitsOf(charge.mobileNumber) === state.phone;

function statusChip(charge) {
  if (charge.status === "SUCCEEDED") return h("span", { class: "chip ok", text: "Terbayar" });
  if (charge.status === "PENDING") return h("span", { class: "chip wait", text: "Menunggu" });
  if (charge.status === "FAILED" && charge.failureCode === "USER_DECLINED_PAYMENT") return h("span", { class: "chip bad", text: "Ditolak" });
  if (charge.status === "FAILED" && /AUTHORIZE|EXPIRED/.test(charge.failureCode ?? "")) return h("span", { class: "chip grey", text: "Kedaluwarsa" });
  if (charge.status === "FAILED") return h("span", { class: "chip bad", text: "Gagal" });
  return h("span", { class: "chip grey", text: charge.status });
}

function renderPhone() {
  ui.phoneLabel.textContent = state.phone === ALL_NUMBERS ? "Simulasi: semua nomor" : `Akun ${localPhone(state.phone)}`;
  const charges = [...state.charges.values()].filter(forPhone).sort((a, b) => Date.parse(b.created) - Date.parse(a.created));
  const pending = charges.filter((charge) => charge.status === "PENDING");
  const done = charges.filter((charge) => charge.status !== "PENDING");

  // Keep cards that still show the same charge so focus and the countdown do not jump.
  const keep = new Set(pending.map((charge) => charge.id));
  for (const card of ui.pushArea.querySelectorAll(".push")) if (!keep.has(card.dataset.charge)) card.remove();
  for (const charge of pending) if (!ui.pushArea.querySelector(`.push[data-charge="${charge.id}"]`)) ui.pushArea.prepend(pushCard(charge));
  ui.idle.hidden = ui.pushArea.childElementCount > 0;

  ui.history.replaceChildren(
    ...(done.length === 0
      ? [h("li", { class: "empty", text: "Belum ada transaksi." })]
      : done.slice(0, 12).map((charge) =>
          h("li", { class: state.freshHistory.has(charge.id) ? "fresh" : undefined, "data-charge": charge.id },
            h("div", { class: "h-main" },
              h("div", { class: "h-amount", text: rupiah(charge.amount) }),
              h("div", { class: "h-sub", text: `${charge.merchantName} · ${localPhone(charge.mobileNumber)}` })),
            statusChip(charge)),
        )),
  );
  state.freshHistory.clear();
  tick();
}

function pushCard(charge) {
  const titleId = `push-title-${charge.id}`;
  const pay = h("button", { type: "button", class: "btn-pay", text: "Bayar" });
  const reject = h("button", { type: "button", class: "btn-reject", text: "Tolak" });
  pay.addEventListener("click", () => settle(charge.id, "pay", [pay, reject]));
  reject.addEventListener("click", () => settle(charge.id, "reject", [pay, reject]));
  return h("article", { class: "push", "data-charge": charge.id, "aria-labelledby": titleId },
    h("div", { class: "push-top" }, h("span", { class: "push-app", "aria-hidden": "true", text: "OVO" }), "OVO · sekarang"),
    h("h3", { id: titleId, text: "Konfirmasi Pembayaran" }),
    h("p", { class: "merchant", text: charge.merchantName }),
    h("p", { class: "amount", text: rupiah(charge.amount) }),
    h("dl", {},
      h("dt", { text: "Nomor OVO" }), h("dd", { text: localPhone(charge.mobileNumber) }),
      h("dt", { text: "Metode" }), h("dd", { text: "Saldo OVO Cash" })),
    h("div", { class: "timer", role: "timer", "aria-label": "Sisa waktu" },
      h("span", { "aria-hidden": "true", text: "Sisa waktu" }),
      h("div", { class: "bar" }, h("div", { class: "fill" })),
      h("span", { class: "left", text: "" })),
    h("div", { class: "push-actions" }, reject, pay),
    h("p", { class: "push-note", text: "Simulasi: tidak ada saldo sungguhan yang terpotong." }),
  );
}

async function settle(chargeId, action, buttons) {
  for (const button of buttons) button.disabled = true;
  try {
    const { charge } = await api(`ovo/${action}`, { chargeId });
    applyCharge(charge);
  } catch (error) {
    if (error.data?.charge) applyCharge(error.data.charge);
    else {
      showError(error);
      for (const button of buttons) button.disabled = false;
    }
  }
}

function applyCharge(charge) {
  const previous = state.charges.get(charge.id);
  const finished = previous?.status === "PENDING" && charge.status !== "PENDING";
  if (finished) state.freshHistory.add(charge.id);
  state.charges.set(charge.id, charge);
  if (!previous) renderPhoneOptions();
  renderPhone();
  if (finished && forPhone(charge)) showResult(charge);
}

/** For a few seconds after a push is answered, the phone says what happened, as the OVO app does. */
function showResult(charge) {
  const paid = charge.status === "SUCCEEDED";
  const chip = statusChip(charge);
  const card = h("div", { class: `push-result ${paid ? "ok" : "bad"}`, role: "status" },
    h("span", { class: "result-icon", "aria-hidden": "true", text: paid ? "✓" : "✕" }),
    h("div", {},
      h("strong", { text: paid ? "Transaksi selesai" : `Transaksi ${chip.textContent.toLowerCase()}` }),
      h("div", { class: "muted", text: `${rupiah(charge.amount)} · ${charge.merchantName}` })),
  );
  ui.pushArea.append(card);
  ui.idle.hidden = true;
  setTimeout(() => {
    card.remove();
    ui.idle.hidden = ui.pushArea.childElementCount > 0;
  }, 6000);
}

/** Counts pushes down; at zero the push is ignored, which expires the charge like the real OVO app. */
function tick() {
  const now = Date.now() + state.skew;
  ui.phoneClock.textContent = new Date(now).toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit" }).replace(".", ":");
  for (const card of ui.pushArea.querySelectorAll(".push")) {
    const charge = state.charges.get(card.dataset.charge);
    if (!charge) continue;
    const left = Math.min(state.windowMs, Math.max(0, Date.parse(charge.expiresAt) - now));
    const seconds = Math.ceil(left / 1000);
    const timer = card.querySelector(".timer");
    timer.classList.toggle("low", seconds <= 10);
    timer.querySelector(".fill").style.width = `${(left / state.windowMs) * 100}%`;
    timer.querySelector(".left").textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    timer.setAttribute("aria-label", `Sisa waktu ${seconds} detik`);
    if (left === 0 && !state.expiring.has(charge.id)) {
      state.expiring.add(charge.id);
      for (const button of card.querySelectorAll("button")) button.disabled = true;
      api("ovo/expire", { chargeId: charge.id }).then(
        ({ charge: updated }) => applyCharge(updated),
        (error) => (error.data?.charge ? applyCharge(error.data.charge) : showError(error)),
      );
    }
  }
}

// ---- Live updates ------------------------------------------------------------------------------------------

function connect() {
  const events = new EventSource("/playground/events");
  const setConnection = (online) => {
    ui.connection.textContent = online ? "online" : "menyambung ulang…";
    ui.connection.className = `connection ${online ? "online" : "offline"}`;
  };
  // (Re)connected: what happened while we were away is in the state, not in the stream.
  events.addEventListener("open", () => {
    setConnection(true);
    loadState().catch(showError);
  });
  events.addEventListener("error", () => setConnection(false));
  const forCurrent = (handler) => (event) => {
    const data = JSON.parse(event.data);
    if (data.chatId === state.userId) handler(data);
    else if (event.type === "chat-message" && !data.message.out) {
      state.unread.set(data.chatId, (state.unread.get(data.chatId) ?? 0) + 1);
      renderUsers();
    }
  };
  events.addEventListener("chat-message", forCurrent(({ message, keyboard }) => {
    addMessage(message);
    renderReplyKeyboard(keyboard);
  }));
  events.addEventListener("chat-edit", forCurrent(({ message, keyboard }) => {
    editMessage(message);
    renderReplyKeyboard(keyboard);
  }));
  events.addEventListener("chat-delete", forCurrent(({ messageId, keyboard }) => {
    deleteMessage(messageId);
    renderReplyKeyboard(keyboard);
  }));
  events.addEventListener("chat-answer", forCurrent(({ text, alert }) => showToast(text, alert)));
  events.addEventListener("charge", (event) => applyCharge(JSON.parse(event.data)));
}

// ---- Wiring ------------------------------------------------------------------------------------------------

ui.composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = ui.input.value;
  ui.input.value = "";
  void sendText(text);
});
ui.messages.addEventListener("click", (event) => {
  const command = event.target instanceof Element ? event.target.closest("[data-command]") : null;
  if (command) void sendText(command.getAttribute("data-command"));
});
ui.menuButton.addEventListener("click", () => toggleMenu());
ui.commandMenu.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    toggleMenu(false);
    ui.menuButton.focus();
  }
});
document.addEventListener("click", (event) => {
  if (!ui.commandMenu.hidden && event.target instanceof Node && !ui.commandMenu.contains(event.target) && !ui.menuButton.contains(event.target)) {
    toggleMenu(false);
  }
});
ui.phoneSelect.addEventListener("change", () => {
  state.phone = ui.phoneSelect.value;
  renderPhone();
});
setInterval(tick, 250);
connect();
