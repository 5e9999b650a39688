// A one-question SCORM 1.2 SCO: saves the answer as suspend data, resumes it, and
// reports passed (right answer, score 100) or failed (score 0) on submit.
(function () {
  "use strict";
  function findAPI(win) {
    for (var depth = 0; win && depth < 10; depth++) {
      if (win.API) { return win.API; }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  var api = findAPI(window);
  var message = document.getElementById("message");
  if (!api) { message.textContent = "No SCORM 1.2 API found."; return; }
  api.LMSInitialize("");
  var saved = api.LMSGetValue("cmi.suspend_data");
  if (api.LMSGetValue("cmi.core.entry") === "resume" && saved) {
    var box = document.getElementById("answer-" + saved);
    if (box) { box.checked = true; }
    document.getElementById("welcome").textContent = "Welcome back. Your answer was kept.";
  }
  if (api.LMSGetValue("cmi.core.lesson_status") === "not attempted") {
    api.LMSSetValue("cmi.core.lesson_status", "incomplete");
  }
  function chosen() {
    var picked = document.querySelector("input[name=answer]:checked");
    return picked ? picked.value : "";
  }
  var finished = false;
  document.getElementById("save").addEventListener("click", function () {
    api.LMSSetValue("cmi.suspend_data", chosen());
    api.LMSSetValue("cmi.core.lesson_location", "question-1");
    api.LMSSetValue("cmi.core.exit", "suspend");
    api.LMSCommit("");
    api.LMSFinish("");
    finished = true;
    message.textContent = "Saved. You can leave this page.";
  });
  document.getElementById("submit").addEventListener("click", function () {
    var right = chosen() === "money";
    api.LMSSetValue("cmi.suspend_data", chosen());
    api.LMSSetValue("cmi.core.score.raw", right ? "100" : "0");
    api.LMSSetValue("cmi.core.lesson_status", right ? "passed" : "failed");
    api.LMSSetValue("cmi.core.exit", "");
    api.LMSCommit("");
    api.LMSFinish("");
    finished = true;
    message.textContent = right ? "Correct. You have passed." : "Not quite. Try again later.";
  });
  window.addEventListener("pagehide", function () {
    if (!finished) { api.LMSFinish(""); }
  });
})();
