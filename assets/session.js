/* A planner whose session has ended (or who logged out in another tab) gets 403 from the server on
   the next callback: say so and offer the login, instead of a screen that silently stops answering. */
(function () {
  if (!window.fetch || window.__ilpSessionWatch) { return; }
  window.__ilpSessionWatch = true;
  var original = window.fetch;
  function show() {
    if (document.getElementById("session-ended")) { return; }
    var en = (document.documentElement.lang || document.querySelector("[lang]")?.lang || "id") === "en"
      || /[?&]lang=en\b/.test(location.search);
    var box = document.createElement("div");
    box.id = "session-ended";
    box.setAttribute("role", "alert");
    var next = encodeURIComponent(location.pathname + location.search);
    box.innerHTML = (en ? "Your session has ended: log in again to continue. "
                        : "Sesi Anda telah berakhir: masuk lagi untuk melanjutkan. ")
      + '<a href="/masuk?next=' + next + (en ? "&lang=en" : "") + '">' + (en ? "Log in" : "Masuk") + "</a>";
    document.body.appendChild(box);
  }
  window.fetch = function (input, init) {
    return original.apply(this, arguments).then(function (resp) {
      var url = typeof input === "string" ? input : (input && input.url) || "";
      if (resp.status === 403 && url.indexOf("_dash-update-component") !== -1) { show(); }
      return resp;
    });
  };
})();
