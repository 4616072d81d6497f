/* lkjip: a cue above each table wider than its box ("Geser tabel ke samping ..."), kept
   up to date when the window changes size. Without JavaScript the table still scrolls. */
(function () {
  "use strict";
  var TEXT = "Geser tabel ke samping untuk melihat semua kolom";
  function mark() {
    var boxes = document.querySelectorAll(".bd-article .pst-scrollable-table-container");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var wide = box.scrollWidth > box.clientWidth + 1;
      var cue = box.previousElementSibling;
      var has = cue && cue.classList.contains("lkjip-geser");
      box.classList.toggle("lkjip-bergeser", wide);
      if (wide && !has) {
        cue = document.createElement("p");
        cue.className = "lkjip-geser";
        cue.textContent = TEXT;
        box.parentNode.insertBefore(cue, box);
      } else if (!wide && has) {
        cue.remove();
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("resize", mark);
})();
