// Accord: filter a table's rows by the select boxes above it. The boxes
// are hidden until this script shows them, so without it every row shows.
// It reads only the page; it loads and sends nothing.
(function () {
  "use strict";
  document.querySelectorAll(".filters").forEach(function (box) {
    var table = box.nextElementSibling;
    while (table && table.tagName !== "TABLE") {
      table = table.nextElementSibling;
    }
    if (!table) {
      return;
    }
    var selects = box.querySelectorAll("select");
    var count = box.querySelector(".count");
    var rows = table.querySelectorAll("tbody tr");
    function apply() {
      var shown = 0;
      rows.forEach(function (tr) {
        var show = true;
        selects.forEach(function (s) {
          var words = " " + (tr.getAttribute("data-" + s.getAttribute("data-key")) || "") + " ";
          if (s.value && words.indexOf(" " + s.value + " ") < 0) {
            show = false;
          }
        });
        tr.hidden = !show;
        if (show) {
          shown++;
        }
      });
      count.textContent = shown + " of " + rows.length + " shown";
    }
    selects.forEach(function (s) {
      s.addEventListener("change", apply);
    });
    box.hidden = false;
    apply();
  });
})();
