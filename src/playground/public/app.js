// Playground page: a Telegram-like chat with the real bot (left) and the payer's phone (right, payer.js).
// Plain modern JS, no build step. All server state comes from /playground/state and the /playground/events stream.
import { $, api, clockTime, h } from "./dom.js";
import { applyCharge, applyRequest, loadPayer, startPayer } from "./payer.js";

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
};

const state = {
  users: [],
  userId: Number(new URLSearchParams(location.search).get("user")) || undefined,
  commands: [],
  unread: new Map(),
};

// ---- Formatting --------------------------------------------------------------------------------------------

const time = (unixSeconds) => clockTime(new Date(unixSeconds * 1000));
const initials = (user) => (user.firstName[0] ?? "?").toUpperCase();
const fileSize = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

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
      } else if (button.copy !== undefined) {
        rowNode.append(h("button", { type: "button", text: button.text, onclick: () => copyText(button.copy) }));
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

/** Like Telegram's copy_text buttons: onto the clipboard, and a toast that says so (or shows it, where copying is refused). */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    showToast(`Disalin: ${text}`);
  } catch {
    showToast(`Salin: ${text}`, true);
  }
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
  ui.chatTitle.textContent = data.bot.name;
  ui.botUsername.textContent = `bot · @${data.bot.username}`;
  renderUsers();

  ui.messages.querySelectorAll(".msg").forEach((node) => node.remove());
  ui.emptyChat.hidden = data.messages.length > 0;
  for (const message of data.messages) addMessage(message, { scroll: false });
  scrollToBottom();
  renderReplyKeyboard(data.keyboard);
  renderCommands();

  loadPayer({ ...data, skew: Date.parse(data.serverNow) - Date.now() });
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
  events.addEventListener("payment-request", (event) => applyRequest(JSON.parse(event.data)));
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
startPayer({ showError });
connect();
