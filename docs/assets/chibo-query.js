/*
 * On /chi-bo/, ?q= filters the cell list (assets/chibo-list.js). Material opens its search
 * dialog for any ?q= in the address, so hand the value to the list script and take it out
 * of the address until that script puts it back. Loaded in <head>, before Material's
 * bundle; a file rather than an inline script because the content policy allows no inline
 * script.
 */
(function () {
  "use strict";
  var url = new URL(window.location.href);
  if (!url.searchParams.has("q")) return;
  window.__chiboListQuery = url.searchParams.get("q");
  url.searchParams.delete("q");
  try { window.history.replaceState(window.history.state, "", url.href); } catch (e) {}
})();
