// The copy button of the new-key page. The page works without this script: the key is in a
// read-only field that can be selected and copied by hand; the button appears only with JavaScript.
(function () {
  "use strict";
  var field = document.getElementById("rawKey");
  var button = document.getElementById("copyKey");
  var status = document.getElementById("copyStatus");
  if (!field || !button || !status) {
    return;
  }

  function report(copied) {
    status.textContent = copied ? "Copied." : "Copy failed: select the key and copy it by hand.";
  }

  function copyBySelection() {
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (e) {
      copied = false;
    }
    report(copied);
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () {
        report(true);
      }, copyBySelection);
    } else {
      copyBySelection();
    }
  });

  // A browser may keep this page in its back/forward cache; take the secret out of it on leaving.
  window.addEventListener("pagehide", function () {
    field.value = "";
    button.hidden = true;
    status.textContent = "The key was removed from this page when you left it.";
  });
})();
