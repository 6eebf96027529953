/* "Charts as PNG / SVG": download every chart of the page with Plotly's own exporter. */
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.cxdash = Object.assign({}, window.dash_clientside.cxdash, {
    downloadCharts: function (pngClicks, svgClicks, pathname) {
      var ctx = window.dash_clientside.callback_context;
      var trigger = (ctx.triggered[0] || {}).prop_id || "";
      var format = trigger.indexOf("export-svg") === 0 ? "svg" : "png";
      var view = (pathname || "/").replace(/^\/|\/$/g, "").replace(/\//g, "-") || "overview";
      var charts = document.querySelectorAll("#page-content .js-plotly-plot");
      charts.forEach(function (chart, i) {
        var name = "cxdash-" + view + (charts.length > 1 ? "-" + (i + 1) : "");
        window.Plotly.downloadImage(chart, {format: format, filename: name,
                                            width: chart.offsetWidth, height: chart.offsetHeight,
                                            scale: format === "png" ? 2 : 1});
      });
      return {format: format, charts: charts.length, at: Date.now()};
    }
});
