/* Start plotly.js before the rest of the page has loaded: as an async script from a blob: URL,
 * the browser compiles it off the main thread while it is still reading the page's data, and
 * runs it when the main thread is free. page.js waits for window.__timelinePlotly (true once
 * Plotly exists) and falls back to running the source inline if this did not work.
 */
(function () {
  "use strict";
  var holder = document.getElementById("plotly-src");
  window.__timelinePlotly = new Promise(function (resolve) {
    try {
      var url = URL.createObjectURL(new Blob([holder.textContent], { type: "text/javascript" }));
      var script = document.createElement("script");
      script.async = true;
      script.onload = script.onerror = function () {
        URL.revokeObjectURL(url);
        if (window.Plotly) { holder.textContent = ""; }
        resolve(!!window.Plotly);
      };
      script.src = url;
      document.head.appendChild(script);
    } catch (e) {
      resolve(false);
    }
  });
})();
