/*! iframe-worker 1.0.4 (shim) | MIT License | Copyright (c) 2020-2022 Martin Donath
 * The globals a worker script expects, inside the hidden iframe that shim.js makes when
 * the site is opened from file://. In the original this was an inline script written
 * into the iframe; as a file it obeys the content policy. Same behaviour: the element
 * removes itself, as Material's search worker takes the first script[src] of the iframe
 * for its own address. */
(function () {
  "use strict";
  var element = document.currentScript;
  var worker = element.getAttribute("data-worker");
  self.postMessage = function (message, origin) {
    parent.postMessage(message, origin || "*");
  };
  self.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error: event.error }));
  });
  element.remove();
})();
