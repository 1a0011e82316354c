/* Show or hide every code cell at once (each can also be opened on its own). No network. */
(function () {
  var button = document.getElementById("ks-toggle-code");
  if (!button) { return; }
  var shown = false;
  button.addEventListener("click", function () {
    shown = !shown;
    document.querySelectorAll("details.ks-code").forEach(function (d) { d.open = shown; });
    button.textContent = shown ? button.dataset.hide : button.dataset.show;
  });
})();
