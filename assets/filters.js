/* The filter bar and the URL, kept in step in the browser: a filter change costs no server
   round trip before the view's own callback. The URL is the state; what the server knows
   (the default period, the presets' periods, what a page adds to the URL) comes with the
   page in the shell store (layouts.shell.shell_state). Mirrors callbacks/filters.py. */
(function () {
  var DIMENSIONS = ["journey", "persona", "phase", "channel", "department"];
  var FILTER_PARAMS = DIMENSIONS.concat(["touchpoint", "from", "to", "period"]);
  var PAGED = ["page", "apage"];  // a changed filter starts paged lists on page 1

  function pairs(search) {
    var out = [];
    (search || "").replace(/^\?/, "").split("&").forEach(function (part) {
      if (!part) { return; }
      var i = part.indexOf("=");
      var key = decode(i < 0 ? part : part.slice(0, i));
      var value = i < 0 ? "" : decode(part.slice(i + 1));
      if (value !== "") { out.push([key, value]); }
    });
    return out;
  }
  function decode(text) {
    try { return decodeURIComponent(text.replace(/\+/g, " ")); } catch (e) { return text; }
  }
  function encode(text) {  // as Python's urlencode(..., safe=",")
    return encodeURIComponent(text).replace(/%2C/g, ",").replace(/%20/g, "+")
      .replace(/[!'()*]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
  }
  function join(list) {
    return list.length ? "?" + list.map(function (p) { return encode(p[0]) + "=" + encode(p[1]); }).join("&") : "";
  }
  function param(search, name) {
    var found = pairs(search).filter(function (p) { return p[0] === name; });
    return found.length ? found[0][1] : null;
  }
  function iso(value) {
    return value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
  }
  function keysOf(search, dim) {
    var seen = [];
    pairs(search).forEach(function (p) {
      if (p[0] !== dim) { return; }
      p[1].split(",").forEach(function (v) {
        v = v.trim();
        if (v && seen.indexOf(v) < 0) { seen.push(v); }
      });
    });
    return seen;
  }
  function searchFromValues(values, start, end, keep) {
    var list = [];
    DIMENSIONS.forEach(function (dim, i) {
      if (values[i] && values[i].length) { list.push([dim, values[i].join(",")]); }
    });
    if (start) { list.push(["from", start.slice(0, 10)]); }
    if (end) { list.push(["to", end.slice(0, 10)]); }
    if (!start && !end) { list.push(["period", "all"]); }
    pairs(keep).forEach(function (p) {
      if (FILTER_PARAMS.indexOf(p[0]) < 0 && PAGED.indexOf(p[0]) < 0) { list.push(p); }
    });
    return join(list);
  }
  function withParams(search, own) {  // as callbacks/filters.py's with_params ("" removes)
    var names = own.map(function (p) { return p[0]; });
    return join(pairs(search).filter(function (p) { return names.indexOf(p[0]) < 0; })
      .concat(own.filter(function (p) { return p[1] !== ""; })));
  }
  function same(a, b) {
    return a.length === b.length && a.every(function (v, i) { return v === b[i]; });
  }
  function period(search, state) {
    var start = iso(param(search, "from")), end = iso(param(search, "to"));
    if (param(search, "period") !== "all" && !start && !end) {
      start = state.default[0]; end = state.default[1];
    }
    return [start, end];
  }
  function prepared(page, search, state) {
    var adds = (state.prepare || {})[page] || {};
    var missing = Object.keys(adds).filter(function (key) { return !param(search, key); });
    if (!missing.length) { return search || ""; }
    return join(pairs(search).concat(missing.map(function (key) { return [key, adds[key]]; })));
  }
  /* What the page at a path offers, [data download, charts]: the first registry entry
     that matches it (as dashboard.pages.find), from the shell state; without the
     registry in the state, every page offers both (the server says 400 where there is
     no download). */
  function offers(path, state) {
    if (!state.pages) { return [true, true]; }
    var page = pageOf(path, state);
    return page ? [!!page[2], !!page[3]] : [false, false];
  }
  /* The registry entry of a path (the first that matches, as dashboard.pages.find). */
  function pageOf(path, state) {
    for (var i = 0; i < (state.pages || []).length; i++) {
      var page = state.pages[i], start = page[0], rest = path.slice(start.length);
      if (page[1] ? path.indexOf(start) === 0 && rest && rest.indexOf("/") < 0
                  : path === start) {
        return page;
      }
    }
    return null;
  }
  var drawn = false;  // syncShell ran once: the app's first page has opened
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.cxdash = Object.assign({}, window.dash_clientside.cxdash, {
    /* URL <-> filter bar: (search, five dropdowns, start, end) for the side that did not
       cause the change (no_update there). */
    syncFilters: function (search, journey, persona, phase, channel, department, start, end,
                           reset, state) {
      var no = window.dash_clientside.no_update;
      var ctx = window.dash_clientside.callback_context;
      var trigger = ((ctx.triggered[0] || {}).prop_id || "").split(".")[0];
      state = state || {default: [null, null]};
      if (trigger === "filter-reset") {
        return ["", [], [], [], [], [], state.default[0], state.default[1]];
      }
      if (trigger && trigger !== "url") {
        var fresh = searchFromValues([journey, persona, phase, channel, department], start,
                                     end, search);
        return [fresh !== (search || "") ? fresh : no, no, no, no, no, no, no, no];
      }
      // The side that follows the URL: only controls whose value differs are set (a
      // control set to its own value is drawn again all the same).
      var when = period(search, state);
      var shown = [journey, persona, phase, channel, department];
      return [no].concat(DIMENSIONS.map(function (d, i) {
        var keys = keysOf(search, d);
        return Array.isArray(shown[i]) && same(keys, shown[i]) ? no : keys;
      }), [when[0] && when[0] === start ? no : when[0], when[1] && when[1] === end ? no : when[1]]);
    },
    /* The one callback that follows the filter bar and the URL (callbacks/shell.py): a
       page that opens gets what it adds to the URL (shell state's prepare), the URL and
       the filter bar in step (syncFilters), then, from the URL as it is after
       this change, the share & export links, the active presets, the page links and the
       links inside the view. One callback instead of five: each callback the renderer
       runs costs every mounted component a look at the store, several times over. An
       output that already shows its value is not sent again (no_update). */
    syncShell: function (pathname, search, journey, persona, phase, channel, department,
                         start, end, reset, state, presetIds, presetsNow, navIds, navNow,
                         linkIds, linksNow) {
      var api = window.dash_clientside.cxdash, no = window.dash_clientside.no_update;
      var exportsNow = Array.prototype.slice.call(arguments, 17);
      // A page as it opens (a new path, or the first draw) gets what it adds to the URL:
      // its controls' defaults, an owner's department.
      var triggers = (window.dash_clientside.callback_context.triggered || [])
        .map(function (t) { return t.prop_id; }).filter(function (p) { return p && p !== "."; });
      var opened = triggers.indexOf("url.pathname") >= 0 || (!triggers.length && !drawn);
      drawn = true;  // later calls without a trigger: a view drew links, no page opened
      var path = (pathname || "/").replace(/\/+$/, "") || "/", page = pageOf(path, state || {});
      var wanted = opened ? prepared(page ? page[0] : path, search, state || {}) : (search || "");
      var own = api.syncFilters(wanted, journey, persona, phase, channel, department, start,
                                end, reset, state);
      if (wanted !== (search || "") && own[0] === no) { own[0] = wanted; }
      var now = own[0] === no ? (search || "") : own[0];
      var href = window.location.origin + (pathname || "/") + now;
      function fresh(values, current) {
        return values.map(function (v, i) { return (current || [])[i] === v ? no : v; });
      }
      return own.concat(fresh(api.exportHrefs(pathname, now, href, state), exportsNow), [
        fresh(api.activePresets(now, presetIds || [], state), presetsNow),
        fresh(api.navHrefs(now, navIds || [], state), navNow),
        fresh(api.filterHrefs(now, linkIds || []), linksNow)]);
    },
    /* A clicked period preset sets its period (from the shell state's presets, counted
       from the newest data) in the URL, as callbacks.shell.apply_preset did on the server:
       from and to last, period removed, everything else kept. */
    applyPreset: function (clicks, search, state) {
      var no = window.dash_clientside.no_update;
      if (!(clicks || []).some(Boolean)) { return no; }
      var ctx = window.dash_clientside.callback_context;
      var trigger = (ctx.triggered[0] || {}).prop_id || "", id;
      try { id = JSON.parse(trigger.slice(0, trigger.lastIndexOf("."))); } catch (e) { return no; }
      var when = ((state || {}).presets || {})[id && id.preset];
      if (!when) { return no; }
      var list = pairs(search).filter(function (p) {
        return ["from", "to", "period"].indexOf(p[0]) < 0;
      });
      list.push(["from", when[0]], ["to", when[1]]);
      var out = join(list);
      return out === (search || "") ? no : out;
    },
    /* Which preset the URL's period is. */
    activePresets: function (search, presetIds, state) {
      state = state || {presets: {}};
      var when = period(search, state);
      return presetIds.map(function (id) {
        var p = (state.presets || {})[id.preset];
        return !!(p && when[0] === p[0] && when[1] === p[1]);
      });
    },
    /* Page links keep the filters (and add what a page adds, e.g. an owner's department). */
    navHrefs: function (search, linkIds, state) {
      return linkIds.map(function (link) { return link.page + prepared(link.page, search, state || {}); });
    },
    /* Links inside a view's content (ids.filter_link) keep the URL's query string, with
       their own parameters set over it, as callbacks/filters.py's with_params does. */
    filterHrefs: function (search, linkIds) {
      return linkIds.map(function (link) {
        var own = (link.params || "").split("&").filter(Boolean).map(function (part) {
          var i = part.indexOf("=");
          return i < 0 ? [decode(part), ""] : [decode(part.slice(0, i)), decode(part.slice(i + 1))];
        });
        return link.path + withParams(search, own);
      });
    },
    /* An action started from a comment: the clicked row's draft (title, reference); the
       click count makes a second click on the same comment a new request. A list drawn
       anew (no click) asks for nothing. */
    commentRequest: function (clicks, drafts) {
      var no = window.dash_clientside.no_update;
      var ctx = window.dash_clientside.callback_context;
      var hit = (ctx.triggered || []).filter(function (t) { return t.value; })[0];
      if (!hit || !drafts) { return no; }
      var row;
      try { row = JSON.parse(hit.prop_id.slice(0, hit.prop_id.lastIndexOf("."))).row; }
      catch (e) { return no; }
      if (typeof row !== "number" || row >= drafts.length) { return no; }
      return {origin: "comment", ref: drafts[row].ref, title: drafts[row].title,
              clicks: hit.value};
    },
    /* Share & export links for the view on screen, with its filters; the data items
       disabled (no link) on a page without a data download, the chart images on a page
       without charts. */
    exportHrefs: function (pathname, search, href, state) {
      var path = (pathname || "/").replace(/\/+$/, "") || "/";
      var offered = offers(path, state || {}), none = !offered[0], flat = !offered[1];
      var query = (search || "").replace(/^\?/, "");
      var data = "view=" + encodeURI(path) + (query ? "&" + query : "");
      var keep = ["journey", "department"].map(function (k) {
        var v = param(search, k);
        return v && v.indexOf(",") < 0 ? k + "=" + encodeURIComponent(v) : null;
      }).filter(Boolean).join("&");
      var week = "week=last" + (keep ? "&" + keep : "");
      var files = ["/export/data.csv?", "/export/data-de.csv?", "/export/data.xlsx?"];
      return [href || ""].concat(files.map(function (f) { return none ? "#" : f + data; }), [
              "/export/poster.pdf?size=A3&" + query,
              "/export/poster.pdf?size=A2&" + query, "/export/report.html?" + week,
              "/export/report.pdf?" + week], [none, none, none, flat, flat]);
    }
  });
})();
