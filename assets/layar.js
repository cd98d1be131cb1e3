/* Layar publik (/layar): the clock, and coming back by itself after a server restart.
 *
 * Plain JavaScript, no libraries, nothing fetched from outside the server.
 * Dash loads every file in assets/ on every page, so the watchdog only acts
 * while the display (#ly-root) is on screen.
 */
(function () {
  "use strict";

  var DAYS = {
    id: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
    en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
  };
  var MONTHS = {
    id: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember"],
    en: ["January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"]
  };

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* Same format as ilp_dash.ui.layar_view.clock_text: "14.05" + "Senin, 2 Juni 2025". */
  function clock(n, state) {
    var lang = state && state.lang === "en" ? "en" : "id";
    var now = new Date();
    var time = pad(now.getHours()) + (lang === "en" ? ":" : ".") + pad(now.getMinutes());
    var date = DAYS[lang][now.getDay()] + ", " + now.getDate() + " " + MONTHS[lang][now.getMonth()] + " " +
      now.getFullYear();
    return [time, date];
  }

  /* Zoom and centre that fit lon/lat bounds [minx, miny, maxx, maxy] into the graph's free area
   * (fractions of its height kept clear at the top and bottom). MapLibre: 512 px per world at
   * zoom 0, Web Mercator vertically. Returns a Patch of the figure's layout, or no_update. */
  function mercY(lat) { return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)); }

  function fit(graphId, bounds, top, bottom) {
    var dc = window.dash_clientside;
    var el = document.getElementById(graphId);
    if (!bounds || !el || !el.clientWidth || !el.clientHeight || !dc.Patch) { return dc.no_update; }
    var w = el.clientWidth * 0.94;
    var h = el.clientHeight * (1 - top - bottom) * 0.94;
    var dLon = Math.max(bounds[2] - bounds[0], 1e-4);
    var dY = Math.max(mercY(bounds[3]) - mercY(bounds[1]), 1e-6);
    var zoom = Math.min(Math.log2(w * 360 / (512 * dLon)), Math.log2(h * 2 * Math.PI / (512 * dY)));
    var perY = 512 * Math.pow(2, zoom) / (2 * Math.PI);  // px per Mercator unit
    var shift = (bottom - top) / 2 * el.clientHeight / perY;  // free area's centre is above the graph's
    var y = (mercY(bounds[1]) + mercY(bounds[3])) / 2 - shift;
    var lat = (2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180 / Math.PI;
    return new dc.Patch()
      .assign(["layout", "map", "zoom"], Math.round(zoom * 100) / 100)
      .assign(["layout", "map", "center"], {lon: (bounds[0] + bounds[2]) / 2, lat: lat})
      .build();
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.layar = {
    clock: clock,
    fit_main: function (b) { return fit("village-map", b && b.main, 0.02, 0.18); },
    fit_inset: function (b) { return fit("inset-map", b && b.inset, 0.2, 0.0); }
  };

  /* Watchdog: ask the server for its (small) layout every POLL_MS. After DOWN_AFTER failed checks
   * in a row (the server is gone, not merely busy), the first success reloads the page, so a
   * restarted or updated server is picked up with fresh code and data. A page that has run for a
   * day reloads too, but only right after a successful check, so the browser never lands on an
   * error page it cannot leave. */
  var POLL_MS = 15000;
  var TIMEOUT_MS = 20000;
  var DOWN_AFTER = 2;
  var MAX_AGE_MS = 24 * 3600 * 1000;
  var started = Date.now();
  var failures = 0;
  var busy = false;

  function root() { return document.getElementById("ly-root"); }

  /* The layout URL under the app's path prefix (Dash writes it into #_dash-config). */
  function layoutUrl() {
    var prefix = "/";
    try {
      var cfg = JSON.parse(document.getElementById("_dash-config").textContent);
      prefix = cfg.requests_pathname_prefix || cfg.url_base_pathname || "/";
    } catch (e) { /* keep "/" */ }
    return prefix + "_dash-layout";
  }

  function offline(on) {
    var el = root();
    if (el) { el.classList.toggle("ly-offline", on); }
  }

  function check() {
    if (busy || !root()) { return; }
    busy = true;
    var ctrl = window.AbortController ? new AbortController() : null;
    var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, TIMEOUT_MS) : null;
    fetch(layoutUrl(), {cache: "no-store", signal: ctrl ? ctrl.signal : undefined})
      .then(function (resp) {
        if (!resp.ok) { throw new Error("HTTP " + resp.status); }
        return resp.text();
      })
      .then(function () {
        if (failures >= DOWN_AFTER || Date.now() - started > MAX_AGE_MS) {
          window.location.reload();
          return;
        }
        failures = 0;
        offline(false);
      })
      .catch(function () {
        failures += 1;
        offline(failures >= DOWN_AFTER);
      })
      .then(function () {
        if (timer) { clearTimeout(timer); }
        busy = false;
      });
  }

  setInterval(check, POLL_MS);
})();
