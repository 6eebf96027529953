/* layouts.plain_tree.PlainTree: static content drawn from plain data, one Dash component
   for the whole tree (see that module for why and for the shape of a node). Texts are
   React text nodes, never HTML; hrefs pass Dash's URL check; a link drawn from a
   dcc.Link opens its page in the app as dcc.Link does (cxdash.navigate, plain_table.js). */
window.cxdash = Object.assign({}, window.cxdash, {
  PlainTree: function PlainTree(props) {
    var h = window.React.createElement;
    var clean = (window.dash_clientside && window.dash_clientside.clean_url) ||
      function (url) { return url; };

    function children(list, out) {  // nested lists flattened, as Dash draws them
      (Array.isArray(list) ? list : [list]).forEach(function (c) {
        if (Array.isArray(c)) { children(c, out); } else { out.push(draw(c, out.length)); }
      });
      return out;
    }
    function draw(n, key) {
      if (n === null || n === undefined) { return null; }
      if (typeof n !== "object") { return String(n); }
      var attrs = Object.assign({key: key}, n.props);
      if (attrs.href) { attrs.href = clean(attrs.href); }
      if (n.link && (!attrs.target || attrs.target === "_self")) { attrs.onClick = window.cxdash.navigate; }
      var kids = n.children === undefined || n.children === null ? [] :
        children(n.children, []);
      return h.apply(null, [n.tag, attrs].concat(kids));
    }
    var tree = props.tree;
    if (Array.isArray(tree)) {
      return h.apply(null, [window.React.Fragment, null].concat(children(tree, [])));
    }
    return draw(tree, 0);
  }
});
