// The header's count of unclaimed danger flags, on every console page: asked for at once and
// every 10 seconds (a number only). Nothing else on any page needs a script.
(() => {
  const badge = document.getElementById("unclaimed-danger");
  if (!badge) return;
  const template = badge.dataset.template || "{n}";
  const refresh = async () => {
    try {
      const res = await fetch(badge.dataset.url, { credentials: "same-origin", headers: { accept: "application/json" } });
      if (!res.ok) return;
      const { count } = await res.json();
      badge.textContent = template.replace("{n}", String(count));
      badge.hidden = !(count > 0);
      badge.dataset.count = String(count);
    } catch {
      // offline for a moment: the next round tries again
    }
  };
  void refresh();
  setInterval(refresh, 10_000);
})();
