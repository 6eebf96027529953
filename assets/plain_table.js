/* layouts.plain_table.PlainTable: a table drawn from plain data, one Dash component for
   all its rows (see that module for why and for the shape of rows, cells and pieces).
   Texts are React text nodes, never HTML. A link navigates in the app as dcc.Link does.
   Columns whose head says "sort" sort the rows in the browser when their head is clicked. */
window.cxdash = Object.assign({}, window.cxdash, {
  /* A click on a link drawn here (PlainTable, PlainTree), as dcc.Link handles one: a plain
     click opens the page in the app; a modified one is the browser's. */
  navigate: function (event) {
    if (event.metaKey || event.shiftKey || event.altKey || event.ctrlKey ||
        event.button !== 0) { return; }
    event.preventDefault();
    window.history.pushState({}, "", event.currentTarget.getAttribute("href"));
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
  },
  PlainTable: function PlainTable(props) {
    var h = window.React.createElement;
    var clean = (window.dash_clientside && window.dash_clientside.clean_url) ||
      function (url) { return url; };
    // [column, 1 ascending | -1 descending]; kept when new rows arrive, as a DataTable's.
    var state = window.React.useState(null);
    var order = state[0], setOrder = state[1];

    function piece(p, key) {
      if (p === null || p === undefined) { return null; }
      if (typeof p !== "object") { return String(p); }
      var attrs = {key: key, className: p.className, title: p.title};
      if (p.href) {
        attrs.href = clean(p.href);
        attrs.onClick = window.cxdash.navigate;
        return h("a", attrs, p.text);
      }
      return h("span", attrs, p.text);
    }
    function pieces(content) {
      if (!Array.isArray(content)) { return piece(content, 0); }
      return content.map(piece);
    }
    function plain(c) {
      return c === null || typeof c !== "object" || Array.isArray(c) || !("content" in c);
    }
    function cell(c, i) {
      return h("td", {key: i, className: plain(c) ? undefined : c.className},
               pieces(plain(c) ? c : c.content));
    }
    function text(content) {
      if (content === null || content === undefined) { return ""; }
      if (Array.isArray(content)) { return content.map(text).join(""); }
      return typeof content === "object" ? String(content.text || "") : String(content);
    }
    function sortValue(c) {
      if (!plain(c) && "sort" in c) { return c.sort; }
      var s = text(plain(c) ? c : c.content).trim();
      return s === "" || s === "–" ? null : s;
    }
    function compare(a, b) {  // empty values last whichever the direction
      var x = sortValue(a.cells[order[0]]), y = sortValue(b.cells[order[0]]);
      if (x === null || y === null) { return (x === null) - (y === null); }
      if (typeof x === "number" && typeof y === "number") { return order[1] * (x - y); }
      return order[1] * String(x).localeCompare(String(y), undefined, {numeric: true});
    }
    function toggle(i) {
      if (!order || order[0] !== i) { setOrder([i, 1]); }
      else if (order[1] === 1) { setOrder([i, -1]); }
      else { setOrder(null); }
    }
    var head = (props.head || []).map(function (entry, i) {
      var e = typeof entry === "object" && entry !== null ? entry : {text: entry};
      if (!e.sort) { return h("th", {key: i, className: e.className, title: e.title}, e.text); }
      var dir = order && order[0] === i ? order[1] : 0;
      return h("th", {key: i, className: e.className,
                      "aria-sort": dir === 1 ? "ascending" : dir === -1 ? "descending" : "none"},
               h("button", {type: "button", className: "plain-sort", title: e.title,
                            onClick: function () { toggle(i); }},
                 e.text, h("span", {className: "plain-sort-mark", "aria-hidden": "true"},
                           dir === 1 ? " ▲" : dir === -1 ? " ▼" : " ⇅")));
    });
    var given = (props.rows || []).map(function (row, i) { return [row, i]; });
    if (order) {  // stable: equal values keep their given order
      given.sort(function (a, b) {
        return compare(a[0], b[0]) || a[1] - b[1];
      });
    }
    var rows = given.map(function (pair) {
      var row = pair[0];
      return h("tr", {key: pair[1], className: row.className}, (row.cells || []).map(cell));
    });
    return h("table", {id: props.id, className: props.className, style: props.style},
             head.length ? h("thead", null, h("tr", null, head)) : null,
             h("tbody", null, rows));
  }
});
