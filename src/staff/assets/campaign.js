// Live progress of a campaign (GET /staff/campaigns/:id/events, server-sent events). Without
// script the page still shows the counts of when it was loaded.
(function () {
  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.EventSource) return;
  var bar = box.querySelector("progress");
  var line = box.querySelector("[data-live]");
  var source = new EventSource(box.getAttribute("data-progress-url"));
  source.addEventListener("progress", function (ev) {
    var p = JSON.parse(ev.data);
    if (bar) {
      bar.max = Math.max(1, p.total);
      bar.value = p.total - p.remaining;
    }
    if (line) {
      var eta = p.eta ? new Date(p.eta).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" }) : "–";
      line.textContent = line.getAttribute("data-template")
        .replace("{sent}", p.sent).replace("{skipped}", p.skipped).replace("{failed}", p.failed)
        .replace("{remaining}", p.remaining).replace("{perMinute}", p.perMinute).replace("{eta}", eta);
      line.setAttribute("data-remaining", String(p.remaining));
    }
    if (p.status === "done" || p.status === "cancelled") source.close();
  });
})();
