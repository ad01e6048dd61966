// Live danger flags on the inbox page (progressive enhancement: without script the page
// still works and "Tải lại" reloads it). Words come from the page's data-* attributes,
// already in the staff member's language; nothing here is inserted as HTML.
(() => {
  const live = document.getElementById("live");
  const list = document.getElementById("handovers");
  if (!live || !list || !("EventSource" in window)) return;
  const fill = (template, severity) => (template || "").replace("{severity}", String(severity));
  const known = new Set(Array.from(list.querySelectorAll("[data-id]"), (li) => li.dataset.id));
  const link = (id, text) => {
    const a = document.createElement("a");
    a.href = "/staff/handover/" + encodeURIComponent(id);
    a.textContent = text;
    return a;
  };
  const source = new EventSource(live.dataset.events);
  // Marks when the stream is up (flags from then on are news); the browser test waits for it.
  source.onopen = () => {
    live.dataset.state = "open";
  };
  source.onmessage = (event) => {
    let flag;
    try {
      flag = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!flag || !/^\d+$/.test(String(flag.id))) return;
    const id = String(flag.id);
    const banner = document.createElement("strong");
    banner.textContent = fill(live.dataset.banner, flag.severity);
    live.replaceChildren(banner, " ", link(id, live.dataset.open));
    live.hidden = false;
    if (known.has(id)) return; // a listed flag that rose: the banner is enough
    known.add(id);
    const li = document.createElement("li");
    li.className = "handover danger new";
    li.dataset.id = id;
    li.append(link(id, fill(live.dataset.row, flag.severity)));
    list.prepend(li);
    document.getElementById("empty")?.remove();
  };
})();
