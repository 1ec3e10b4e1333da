// Progressive enhancement only: every page works without this file.
// A "select all" box ticks the boxes named by its data-select-all.
document.addEventListener("change", function (e) {
  var t = e.target;
  if (!t || !t.dataset || !t.dataset.selectAll) return;
  var boxes = document.querySelectorAll('input[type=checkbox][name="' + t.dataset.selectAll + '"]');
  for (var i = 0; i < boxes.length; i++) boxes[i].checked = t.checked;
});
