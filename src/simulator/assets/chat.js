// The simulator page's script: no framework, no build step. Words come from the
// #sim-strings block (locales/<lang>/simulator.json); text from the bot is always set
// with textContent, never as HTML.
(function () {
  "use strict";
  var S = JSON.parse(document.getElementById("sim-strings").textContent);
  var POLL_MS = 700;
  var chat = document.getElementById("chat");
  var userInput = document.getElementById("user-id");
  var textInput = document.getElementById("text");
  var state = { channel: "zalo", userId: "", after: 0, generation: 0, failed: {}, timer: null, inflight: false, again: false };

  function fmt(s, vars) {
    return s.replace(/\{\{(\w+)\}\}/g, function (_, k) { return vars[k] === undefined ? "" : String(vars[k]); });
  }

  function randomUserId() {
    var digits = "";
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    for (var i = 0; i < bytes.length; i++) digits += String(bytes[i] % 10);
    return "9" + digits.slice(1);
  }

  function storedUser(channel) {
    var key = "sim.user." + channel;
    var id = sessionStorage.getItem(key);
    if (!id) { id = randomUserId(); sessionStorage.setItem(key, id); }
    return id;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showEmpty() {
    chat.replaceChildren(el("p", "empty", S.empty));
  }

  function reset() {
    state.generation++;
    state.after = 0;
    state.failed = {};
    document.body.className = state.channel;
    showEmpty();
    poll();
  }

  function chipElement(chip) {
    if (chip.kind === "call") {
      // Shown as "📞 113": the number is always visible, the icon never doubled.
      var label = chip.title || chip.phone;
      if (label.indexOf(chip.phone) < 0) label = chip.phone + " · " + label;
      if (label.indexOf("📞") < 0) label = "📞 " + label;
      var call = el("a", "chip call", label);
      call.href = "tel:" + chip.phone;
      return call;
    }
    if (chip.kind === "url") {
      var link = el("a", "chip url", "🔗 " + chip.title);
      link.href = chip.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      return link;
    }
    var b = el("button", "chip", chip.title);
    b.type = "button";
    b.addEventListener("click", function () {
      send({ payload: chip.payload, title: chip.title, via: chip.via });
    });
    return b;
  }

  function render(m) {
    var box = el("div", "msg " + m.from);
    box.dataset.seq = String(m.seq);
    box.appendChild(el("span", "who-said", m.from === "user" ? S.you : S.bot));
    var text = m.text;
    if (m.location) text = fmt(S.locationShown, m.location);
    if (m.sticker) text = S.stickerShown;
    if (text) box.appendChild(el("div", "bubble", text));
    if (m.chips && m.chips.length) {
      var chips = el("div", "chips");
      m.chips.forEach(function (c) { chips.appendChild(chipElement(c)); });
      box.appendChild(chips);
    }
    if (m.failed || state.failed[m.seq] !== undefined) markFailed(box, state.failed[m.seq]);
    return box;
  }

  function markFailed(box, status) {
    if (box.classList.contains("failed")) return;
    box.classList.add("failed");
    box.appendChild(el("span", "error", fmt(S.failed, { status: status === undefined ? "?" : status })));
  }

  // One request at a time: a poll asked for while one is in flight runs right after it,
  // so two answers for the same "after" can never both be drawn.
  function poll() {
    clearTimeout(state.timer);
    if (state.inflight) { state.again = true; return; }
    state.inflight = true;
    var gen = state.generation;
    var q = "channel=" + encodeURIComponent(state.channel) + "&userId=" + encodeURIComponent(state.userId) + "&after=" + state.after;
    fetch("/simulator/api/messages?" + q, { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : { messages: [] }; })
      .then(function (data) {
        if (gen !== state.generation) return;
        if (data.messages.length && chat.querySelector(".empty")) chat.replaceChildren();
        data.messages.forEach(function (m) {
          if (m.seq <= state.after) return;
          chat.appendChild(render(m));
          state.after = m.seq;
        });
        if (data.messages.length) chat.scrollTop = chat.scrollHeight;
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () {
        state.inflight = false;
        if (state.again) { state.again = false; poll(); return; }
        state.timer = setTimeout(poll, POLL_MS);
      });
  }

  function send(what) {
    var body = Object.assign({ channel: state.channel, userId: state.userId }, what);
    var gen = state.generation;
    return fetch("/simulator/api/send", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    })
      .then(function (r) { return r.json().catch(function () { return { ok: false, webhookStatus: r.status }; }); })
      .then(function (res) {
        if (gen !== state.generation) return;
        if (!res.ok && res.seq !== undefined) {
          state.failed[res.seq] = res.webhookStatus;
          var box = chat.querySelector('.msg[data-seq="' + res.seq + '"]');
          if (box) markFailed(box, res.webhookStatus);
        }
        poll();
      })
      .catch(function () { poll(); });
  }

  document.getElementById("composer").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = textInput.value.trim();
    if (!text) return;
    textInput.value = "";
    send({ text: text });
  });

  document.getElementById("location").addEventListener("submit", function (e) {
    e.preventDefault();
    var lat = Number(document.getElementById("lat").value);
    var lng = Number(document.getElementById("lng").value);
    if (!isFinite(lat) || !isFinite(lng)) { alert(S.badLocation); return; }
    send({ location: { lat: lat, lng: lng } });
  });

  document.getElementById("sticker").addEventListener("click", function () { send({ sticker: true }); });

  document.querySelectorAll('input[name="channel"]').forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (!radio.checked) return;
      state.channel = radio.value;
      state.userId = storedUser(state.channel);
      userInput.value = state.userId;
      reset();
    });
  });

  userInput.addEventListener("change", function () {
    var id = userInput.value.trim();
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) { userInput.value = state.userId; return; }
    state.userId = id;
    sessionStorage.setItem("sim.user." + state.channel, id);
    reset();
  });

  document.getElementById("new-user").addEventListener("click", function () {
    state.userId = randomUserId();
    sessionStorage.setItem("sim.user." + state.channel, state.userId);
    userInput.value = state.userId;
    reset();
  });

  var checked = document.querySelector('input[name="channel"]:checked');
  state.channel = checked ? checked.value : "zalo";
  state.userId = storedUser(state.channel);
  userInput.value = state.userId;
  reset();
})();
