// Picking a CSV file copies its text into the paste box, so the import stays one plain
// form (with its CSRF field) and works without this script too.
"use strict";
(function () {
  var file = document.getElementById("csv-file");
  var box = document.getElementById("csv");
  if (!file || !box || !window.FileReader) return;
  file.addEventListener("change", function () {
    var f = file.files && file.files[0];
    if (!f) return;
    var reader = new FileReader();
    reader.onload = function () {
      box.value = String(reader.result || "");
    };
    reader.readAsText(f, "utf-8");
  });
})();
