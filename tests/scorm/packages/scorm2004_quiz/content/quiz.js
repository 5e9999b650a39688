// A one-question SCORM 2004 SCO: saves the answer as suspend data, resumes it, and
// reports completed + passed (right answer, scaled score 1) or completed + failed.
(function () {
  "use strict";
  function findAPI(win) {
    for (var depth = 0; win && depth < 10; depth++) {
      if (win.API_1484_11) { return win.API_1484_11; }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  var api = findAPI(window);
  var message = document.getElementById("message");
  if (!api) { message.textContent = "No SCORM 2004 API found."; return; }
  api.Initialize("");
  if (api.GetValue("cmi.entry") === "resume") {
    var saved = api.GetValue("cmi.suspend_data");
    var box = document.getElementById("answer-" + saved);
    if (box) { box.checked = true; }
    document.getElementById("welcome").textContent = "Welcome back. Your answer was kept.";
  }
  api.SetValue("cmi.completion_status", "incomplete");
  function chosen() {
    var picked = document.querySelector("input[name=answer]:checked");
    return picked ? picked.value : "";
  }
  var finished = false;
  document.getElementById("save").addEventListener("click", function () {
    api.SetValue("cmi.suspend_data", chosen());
    api.SetValue("cmi.location", "question-1");
    api.SetValue("cmi.exit", "suspend");
    api.Commit("");
    api.Terminate("");
    finished = true;
    message.textContent = "Saved. You can leave this page.";
  });
  document.getElementById("submit").addEventListener("click", function () {
    var right = chosen() === "money";
    api.SetValue("cmi.suspend_data", chosen());
    api.SetValue("cmi.score.scaled", right ? "1" : "0");
    api.SetValue("cmi.score.raw", right ? "100" : "0");
    api.SetValue("cmi.completion_status", "completed");
    api.SetValue("cmi.success_status", right ? "passed" : "failed");
    api.SetValue("cmi.exit", "normal");
    api.Commit("");
    api.Terminate("");
    finished = true;
    message.textContent = right ? "Correct. You have passed." : "Not quite. Try again later.";
  });
  window.addEventListener("pagehide", function () {
    if (!finished) { api.Terminate(""); }
  });
})();
