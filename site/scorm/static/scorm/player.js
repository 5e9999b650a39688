// The SCORM runtime for a SCORM lesson page: scorm-again's API on this window (where a
// package looks for it: window.API for SCORM 1.2, window.API_1484_11 for SCORM 2004),
// loaded with what the learner's package saved last time, committing to the server.
// The package itself is loaded into the iframe only once the API is ready.
(function () {
  "use strict";

  var player = document.querySelector("[data-scorm-player]");
  var settingsElement = document.getElementById("scorm-settings");
  if (!player || !settingsElement || !window.Scorm12API || !window.Scorm2004API) {
    return;
  }
  var settings = JSON.parse(settingsElement.textContent);
  var csrfToken = player.getAttribute("data-csrf-token");
  var frame = player.querySelector("iframe");
  var status = player.querySelector("[data-scorm-status]");

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  var apiSettings = {
    autocommit: true,
    autocommitSeconds: 10,
    lmsCommitUrl: settings.commitUrl,
    dataCommitFormat: "json",
    includeCommitSequence: true,
    xhrHeaders: { "X-CSRFToken": csrfToken },
    logLevel: 4,
    // The commit carries the page load's id (stale commits are ignored) and, for a
    // commit sent with sendBeacon as the page closes (no headers), the CSRF token.
    requestHandler: function (commitObject) {
      var body = {};
      for (var key in commitObject) {
        if (Object.prototype.hasOwnProperty.call(commitObject, key)) {
          body[key] = commitObject[key];
        }
      }
      body.loadId = settings.loadId;
      body.csrfToken = csrfToken;
      return body;
    },
    xhrResponseHandler: function (xhr) {
      var body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (error) {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && body.result === true) {
        if (body.complete) {
          say("You have completed this lesson. Your progress is saved.");
        } else {
          say("Your progress is saved.");
        }
        return { result: true, errorCode: 0 };
      }
      say("Your progress could not be saved. Check your connection and try again.");
      return { result: false, errorCode: 101 };
    },
  };

  var api;
  if (settings.version === "1.2") {
    api = new window.Scorm12API(apiSettings);
    window.API = api;
  } else {
    api = new window.Scorm2004API(apiSettings);
    window.API_1484_11 = api;
  }
  api.loadFromJSON(settings.data);

  frame.setAttribute("src", settings.launchUrl);
  frame.hidden = false;
})();
