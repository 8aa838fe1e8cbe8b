/*!
 * Immuno chat widget - a small, dependency-free chat window for the Rasa socket.io
 * channel (socket.io-client 4, vendored in ../vendor/socket.io.min.js).
 *
 * Embed (two lines):
 *   <link rel="stylesheet" href="https://CHAT-HOST/widget/immuno-chat.css">
 *   <script src="https://CHAT-HOST/widget/immuno-chat.js" data-server="https://RASA-HOST" defer></script>
 *
 * Options (data-* attributes of the script tag, or window.ImmunoChatConfig):
 *   data-server     Rasa server URL (default: window.ImmunoChatConfig.server, else
 *                   this page's host on ImmunoChatConfig.rasaPort, else same origin)
 *   data-path       socket.io path (default /socket.io)
 *   data-title      window title
 *   data-open       "true": open at load
 *   data-container  CSS selector: render inline in that element instead of floating
 *
 * Every text (bot's and user's) is inserted with textContent: HTML shows as text.
 * The session id (issued and signed by the server) and the conversation are kept in
 * sessionStorage: a reload keeps the conversation (`session_request` re-joins the same
 * tracker), closing the tab forgets it, and no other tab or later visitor of a shared
 * computer can read it. The server replaces an expired or unknown id with a new one.
 */
(function () {
  "use strict";
  if (window.ImmunoChat && window.ImmunoChat.version) { return; }

  var VERSION = "1.0.0";
  var STORAGE_KEY = "immuno-chat.v1";
  var MAX_STORED = 200;
  var script = document.currentScript ||
    document.querySelector('script[src*="immuno-chat.js"]');
  var data = (script && script.dataset) || {};
  var globalConfig = window.ImmunoChatConfig || {};

  // GENERATED from knowledge/interface.yml by scripts/build_widget_text.py: do not edit.
  var WORDS = {
    title: "Assistant immunothérapie",
    open: "Ouvrir l'assistant immunothérapie",
    launcher: "Une question sur l'immunothérapie ?",
    close: "Fermer",
    closeLabel: "Fermer l'assistant",
    reset: "Effacer",
    resetLabel: "Effacer cette conversation et en commencer une nouvelle",
    disclaimerBefore: "Urgence : appelez le ",
    disclaimerAfter: " · Pas un avis médical.",
    inputLabel: "Votre message",
    placeholder: "Écrivez votre question…",
    send: "Envoyer",
    botPrefix: "L'assistant : ",
    userPrefix: "Vous : ",
    quickReplies: "Réponses proposées",
    connecting: "Connexion à l'assistant…",
    connected: "Connecté.",
    offline: "Connexion perdue, nouvelle tentative… En cas d'urgence appelez le 15.",
    unavailable: "Assistant indisponible. En cas d'urgence appelez le 15.",
    log: "Conversation avec l'assistant"
  };
  // END GENERATED
  var TEXT = {};
  Object.keys(WORDS).forEach(function (key) { TEXT[key] = WORDS[key]; });
  TEXT.title = data.title || globalConfig.title || WORDS.title;

  function serverUrl() {
    if (data.server) { return data.server; }
    if (globalConfig.server) { return globalConfig.server; }
    if (globalConfig.rasaPort) {
      return location.protocol + "//" + location.hostname + ":" + globalConfig.rasaPort;
    }
    return location.origin;
  }

  // ---- storage (sessionStorage may be unavailable: blocked cookies, sandboxed frames) ----
  function loadState() {
    try {
      var raw = window.sessionStorage.getItem(STORAGE_KEY);
      var state = raw ? JSON.parse(raw) : null;
      if (state && typeof state === "object" && Array.isArray(state.messages)) { return state; }
    } catch (e) { /* ignore */ }
    return { sessionId: null, messages: [], open: false };
  }
  function saveState() {
    try {
      state.messages = state.messages.slice(-MAX_STORED);
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (e) { /* ignore */ }
  }

  // ---- DOM helpers: never innerHTML ----
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  var state = loadState();
  var socket = null;
  var confirmed = false;
  var pending = [];
  var uid = "ic-" + Math.random().toString(36).slice(2, 8);
  var inline = !!data.container;

  var root = el("div", { "class": "ic-root" + (inline ? " ic-inline" : ""), lang: "fr" });
  var launcher = el("button", {
    type: "button", "class": "ic-launcher", "aria-controls": uid + "-panel",
    "aria-expanded": "false", title: TEXT.open
  }, TEXT.launcher);
  var panel = el("section", { id: uid + "-panel", "class": "ic-panel", "aria-labelledby": uid + "-title" });
  var header = el("div", { "class": "ic-header" });
  var title = el("h2", { id: uid + "-title", "class": "ic-title" }, TEXT.title);
  var resetBtn = el("button", { type: "button", "class": "ic-reset", title: TEXT.resetLabel },
    TEXT.reset);
  var closeBtn = el("button", { type: "button", "class": "ic-close", "aria-label": TEXT.closeLabel }, TEXT.close);
  header.appendChild(title);
  header.appendChild(resetBtn);
  if (!inline) { header.appendChild(closeBtn); }

  var disclaimer = el("p", { "class": "ic-disclaimer" });
  var urgent = el("strong", null, TEXT.disclaimerBefore);
  urgent.appendChild(el("a", { href: "tel:15" }, "15"));
  disclaimer.appendChild(urgent);
  disclaimer.appendChild(document.createTextNode(TEXT.disclaimerAfter));

  var log = el("div", { "class": "ic-log", role: "log", "aria-live": "polite",
    "aria-relevant": "additions", "aria-label": TEXT.log, tabindex: "0" });
  var status = el("p", { "class": "ic-status", role: "status", "aria-live": "polite" });
  var form = el("form", { "class": "ic-form", autocomplete: "off" });
  var label = el("label", { "for": uid + "-input", "class": "ic-sr-only" }, TEXT.inputLabel);
  var input = el("input", { id: uid + "-input", "class": "ic-input", type: "text", name: "message",
    maxlength: "1000", placeholder: TEXT.placeholder, enterkeyhint: "send", autocomplete: "off" });
  var send = el("button", { type: "submit", "class": "ic-send" }, TEXT.send);
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);

  panel.appendChild(header);
  panel.appendChild(disclaimer);
  panel.appendChild(log);
  panel.appendChild(status);
  panel.appendChild(form);
  if (!inline) { root.appendChild(launcher); }
  root.appendChild(panel);

  // ---- rendering ----
  function scrollToEnd() { log.scrollTop = log.scrollHeight; }

  function removeQuickReplies() {
    var groups = log.querySelectorAll(".ic-quick-replies");
    for (var i = 0; i < groups.length; i++) { groups[i].parentNode.removeChild(groups[i]); }
  }

  function renderQuickReplies(buttons) {
    var group = el("div", { "class": "ic-quick-replies", role: "group", "aria-label": TEXT.quickReplies });
    buttons.forEach(function (b) {
      var btn = el("button", { type: "button", "data-payload": b.payload }, b.title);
      btn.addEventListener("click", function () {
        sendMessage(b.payload, b.title);
        input.focus();
      });
      group.appendChild(btn);
    });
    log.appendChild(group);
  }

  function renderMessage(msg, withButtons) {
    var node = el("div", { "class": "ic-msg ic-msg-" + msg.from });
    node.appendChild(el("span", { "class": "ic-sr-only" },
      msg.from === "user" ? TEXT.userPrefix : TEXT.botPrefix));
    node.appendChild(document.createTextNode(msg.text));
    log.appendChild(node);
    if (withButtons && msg.buttons && msg.buttons.length) { renderQuickReplies(msg.buttons); }
    scrollToEnd();
  }

  function renderHistory() {
    while (log.firstChild) { log.removeChild(log.firstChild); }
    var last = state.messages.length - 1;
    state.messages.forEach(function (m, i) { renderMessage(m, i === last); });
  }

  function addMessage(msg) {
    if (msg.from === "user") { removeQuickReplies(); }
    state.messages.push(msg);
    saveState();
    renderMessage(msg, true);
  }

  function setStatus(text) { status.textContent = text; }

  // ---- conversation ----
  function normaliseButtons(list) {
    if (!Array.isArray(list)) { return []; }
    return list.filter(function (b) { return b && (b.title || b.payload); }).map(function (b) {
      return { title: String(b.title || b.payload), payload: String(b.payload || b.title) };
    });
  }

  function onBotMessage(msg) {
    if (!msg || typeof msg !== "object") { return; }
    var text = typeof msg.text === "string" ? msg.text : "";
    var buttons = normaliseButtons(msg.quick_replies || msg.buttons);
    if (!text && msg.attachment && msg.attachment.payload && msg.attachment.payload.text) {
      text = String(msg.attachment.payload.text);
    }
    if (!text && !buttons.length) { return; }
    addMessage({ from: "bot", text: text, buttons: buttons });
  }

  function emitUser(payload) {
    socket.emit("user_uttered", { message: payload, session_id: state.sessionId });
  }

  function sendMessage(payload, shown) {
    payload = String(payload || "").trim();
    if (!payload) { return; }
    addMessage({ from: "user", text: shown || payload });
    if (socket && confirmed) { emitUser(payload); } else { pending.push(payload); }
  }

  function connect() {
    if (socket || typeof window.io !== "function") { return; }
    setStatus(TEXT.connecting);
    socket = window.io(serverUrl(), {
      path: data.path || globalConfig.path || "/socket.io",
      transports: ["websocket", "polling"],
      reconnectionDelayMax: 10000
    });
    socket.on("connect", function () {
      confirmed = false;
      socket.emit("session_request", { session_id: state.sessionId });
    });
    socket.on("session_confirm", function (confirm) {
      var id = confirm && typeof confirm === "object" ? confirm.session_id : confirm;
      if (!id) { return; }
      if (state.sessionId && id !== state.sessionId) {
        state.messages = [];
        renderHistory();
      }
      state.sessionId = String(id);
      saveState();
      confirmed = true;
      setStatus(TEXT.connected);
      while (pending.length) { emitUser(pending.shift()); }
    });
    socket.on("bot_uttered", onBotMessage);
    socket.on("disconnect", function () { confirmed = false; setStatus(TEXT.offline); });
    socket.on("connect_error", function () { setStatus(TEXT.offline); });
  }

  function loadSocketIo(done) {
    if (typeof window.io === "function") { done(); return; }
    var src = (script && script.src) ? new URL("../vendor/socket.io.min.js", script.src).href
      : "vendor/socket.io.min.js";
    var tag = el("script", { src: src });
    tag.onload = done;
    tag.onerror = function () { setStatus(TEXT.unavailable); };
    document.head.appendChild(tag);
  }

  function open(focus) {
    root.classList.add("ic-open");
    launcher.setAttribute("aria-expanded", "true");
    state.open = true;
    saveState();
    scrollToEnd();
    if (focus !== false) { input.focus(); }
  }

  function close() {
    if (inline) { return; }
    root.classList.remove("ic-open");
    launcher.setAttribute("aria-expanded", "false");
    state.open = false;
    saveState();
    launcher.focus();
  }

  function reset() {
    state = { sessionId: null, messages: [], open: true };
    saveState();
    renderHistory();
    if (socket && socket.connected) {
      confirmed = false;
      socket.emit("session_request", { session_id: null });
    }
    input.focus();
  }

  // ---- events ----
  launcher.addEventListener("click", function () { open(); });
  closeBtn.addEventListener("click", close);
  resetBtn.addEventListener("click", reset);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    sendMessage(text);
    input.focus();
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); }
  });

  function mount() {
    var container = inline ? document.querySelector(data.container) : null;
    (container || document.body).appendChild(root);
    renderHistory();
    if (inline || state.open || data.open === "true" || globalConfig.open === true) { open(false); }
    loadSocketIo(connect);
  }

  window.ImmunoChat = { version: VERSION, open: open, close: close, reset: reset, send: sendMessage };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
