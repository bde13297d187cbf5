// docket: the little the pages need from JavaScript. Everything works
// without it; it places each field's box over its page image (positions
// come from data-box, fractions of the page) and highlights a field's box
// when its row is hovered or focused.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".fieldbox[data-box]").forEach(function (el) {
    var b = el.dataset.box.split(",").map(Number);
    if (b.length !== 4 || b.some(isNaN)) return;
    el.style.left = (b[0] * 100) + "%";
    el.style.top = (b[1] * 100) + "%";
    el.style.width = ((b[2] - b[0]) * 100) + "%";
    el.style.height = ((b[3] - b[1]) * 100) + "%";
  });

  function highlight(name, on) {
    document.querySelectorAll('.fieldbox[data-field="' + CSS.escape(name) + '"]').forEach(function (el) {
      el.classList.toggle("active", on);
    });
  }
  document.querySelectorAll("tr.field[data-field]").forEach(function (row) {
    var name = row.dataset.field;
    row.addEventListener("mouseenter", function () { highlight(name, true); });
    row.addEventListener("mouseleave", function () { highlight(name, false); });
    row.addEventListener("focusin", function () { row.classList.add("active"); highlight(name, true); });
    row.addEventListener("focusout", function () { row.classList.remove("active"); highlight(name, false); });
  });
});
