/* Small screens: open and close the navbar and the filter bar without a server round trip. */
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.cxdash = Object.assign({}, window.dash_clientside.cxdash, {
  toggle: function (clicks, open) {
    return clicks ? !open : open;
  }
});
