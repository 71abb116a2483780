// raport serve: small progressive enhancement; every action also works without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    // Drag and drop onto the upload field's label: the dropped files are uploaded.
    var drop = document.querySelector("label.drop");
    var input = document.getElementById("pliki");
    if (drop && input) {
      ["dragenter", "dragover"].forEach(function (name) {
        drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add("over"); });
      });
      ["dragleave", "drop"].forEach(function (name) {
        drop.addEventListener(name, function () { drop.classList.remove("over"); });
      });
      drop.addEventListener("drop", function (event) {
        event.preventDefault();
        if (event.dataTransfer && event.dataTransfer.files.length) {
          input.files = event.dataTransfer.files;
          input.form.submit();
        }
      });
    }

    // Copy the metryczka with one click.
    var copy = document.getElementById("kopiuj");
    if (copy) {
      var source = document.getElementById(copy.dataset.copy);
      var state = document.getElementById("kopiuj-stan");
      copy.hidden = false;
      copy.addEventListener("click", function () {
        function done() { state.textContent = "Skopiowano do schowka."; }
        function fallback() {
          source.select();
          state.textContent = document.execCommand("copy") ? "Skopiowano do schowka." :
            "Nie udało się skopiować – zaznacz tekst i naciśnij Ctrl+C.";
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(source.value).then(done, fallback);
        } else {
          fallback();
        }
      });
    }

    // Build progress: ask the server every 700 ms, then show the result.
    var box = document.getElementById("postep");
    if (box) {
      var bar = document.getElementById("pasek");
      var label = document.getElementById("etap");
      var poll = function () {
        fetch(box.dataset.stateUrl, { headers: { "Accept": "application/json" } })
          .then(function (response) { return response.json(); })
          .then(function (state) {
            bar.value = state.step;
            bar.textContent = "krok " + state.step + " z " + state.steps;
            label.textContent = state.label + (state.finished ? "." : "…");
            if (state.finished) { window.location.assign(box.dataset.doneUrl); } else { window.setTimeout(poll, 700); }
          })
          .catch(function () { window.setTimeout(poll, 2000); });
      };
      window.setTimeout(poll, 700);
    }
  });
})();
