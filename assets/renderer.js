/* Keeps Dash's renderer from doing the same work once per component.

   Every component that a callback's answer draws anew tells the renderer's store, once
   drawn, to forget the update marks ("layout hashes") recorded under its path
   (RESET_COMPONENT_STATE). The store answers each such message with a new state object
   even when there is nothing to forget, and every mounted component then re-reads its
   props: a view that draws 300 components re-reads 300 × 400 times, 0.2–0.3 s of a filter
   change. Here a reset that has nothing to forget is not sent: the renderer's own test
   (a mark whose key starts with the path's key) finds none, so the state it would make
   equals the state there is. Any other message passes unchanged. */
(function () {
  "use strict";

  function patch(store) {
    if (!store || store.__cxdashPatched || typeof store.dispatch !== "function") {
      return;
    }
    var dispatch = store.dispatch;
    store.dispatch = function (action) {
      var path = action && action.type === "RESET_COMPONENT_STATE" &&
        action.payload && action.payload.itempath;
      if (Array.isArray(path)) {
        var prefix = path.join(",");
        var hashes = (store.getState() || {}).layoutHashes || {};
        var marked = Object.keys(hashes).some(function (key) {
          return key.indexOf(prefix) === 0;
        });
        if (!marked) {
          return action;
        }
      }
      return dispatch.apply(this, arguments);
    };
    store.__cxdashPatched = true;
  }

  // The renderer sets window.store once it made its store, after the assets ran.
  var current = window.store;
  patch(current);
  Object.defineProperty(window, "store", {
    configurable: true,
    enumerable: true,
    get: function () { return current; },
    set: function (value) { patch(value); current = value; }
  });
})();
