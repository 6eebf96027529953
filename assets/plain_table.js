/* layouts.plain_table.PlainTable: a table drawn from plain data, one Dash component for
   all its rows (see that module for why and for the shape of rows, cells and pieces).
   Texts are React text nodes, never HTML. A link navigates in the app as dcc.Link does. */
window.cxdash = Object.assign({}, window.cxdash, {
  PlainTable: function PlainTable(props) {
    var h = window.React.createElement;
    var clean = (window.dash_clientside && window.dash_clientside.clean_url) ||
      function (url) { return url; };

    function navigate(event) {
      // As dcc.Link: a plain click stays in the app; a modified one is the browser's.
      if (event.metaKey || event.shiftKey || event.altKey || event.ctrlKey ||
          event.button !== 0) { return; }
      event.preventDefault();
      window.history.pushState({}, "", event.currentTarget.getAttribute("href"));
      window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
      window.scrollTo(0, 0);
    }
    function piece(p, key) {
      if (p === null || p === undefined) { return null; }
      if (typeof p !== "object") { return String(p); }
      var attrs = {key: key, className: p.className, title: p.title};
      if (p.href) {
        attrs.href = clean(p.href);
        attrs.onClick = navigate;
        return h("a", attrs, p.text);
      }
      return h("span", attrs, p.text);
    }
    function pieces(content) {
      if (!Array.isArray(content)) { return piece(content, 0); }
      return content.map(piece);
    }
    function cell(c, i) {
      var plain = c === null || typeof c !== "object" || Array.isArray(c) || !("content" in c);
      return h("td", {key: i, className: plain ? undefined : c.className},
               pieces(plain ? c : c.content));
    }
    var head = (props.head || []).map(function (text, i) { return h("th", {key: i}, text); });
    var rows = (props.rows || []).map(function (row, i) {
      return h("tr", {key: i, className: row.className}, (row.cells || []).map(cell));
    });
    return h("table", {id: props.id, className: props.className, style: props.style},
             head.length ? h("thead", null, h("tr", null, head)) : null,
             h("tbody", null, rows));
  }
});
