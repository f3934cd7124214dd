/*
 * Vietnamese search without diacritics (appended to Material's lunr.vi.min.js).
 *
 * Material's search runs lunr with lunr-languages' "vi" support, which matches words only
 * with their diacritics: "kieu mau" finds nothing. Here both sides are folded to plain
 * letters: every indexed token (a pipeline function added by lunr.vi) and every query
 * (lunr.QueryLexer, which Material uses to read the query). Folding keeps the length of
 * each precomposed letter, so the positions Material highlights stay right, and the text
 * shown in results keeps its diacritics.
 */
(function (lunr) {
  "use strict";
  if (!lunr || !lunr.vi || lunr.vi.chiboFold) return;

  function fold(text) {
    return text.normalize("NFC").replace(/[^\u0000-\u007f]/g, function (char) {
      if (char === "đ") return "d";
      if (char === "Đ") return "D";
      var base = char.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      return base.length === 1 ? base : char;
    });
  }

  function foldToken(token) {
    return token.update(function (text) { return fold(text); });
  }
  lunr.Pipeline.registerFunction(foldToken, "chibo-fold-vi");
  // lunr-languages forgets to register this one; lunr warns on every index build.
  if (lunr.vi.stopWordFilter && !lunr.Pipeline.registeredFunctions["stopWordFilter-vi"]) {
    lunr.Pipeline.registerFunction(lunr.vi.stopWordFilter, "stopWordFilter-vi");
  }

  var vietnamese = lunr.vi;
  lunr.vi = function () {
    vietnamese.apply(this, arguments);
    this.pipeline.add(foldToken);
  };
  for (var key in vietnamese) lunr.vi[key] = vietnamese[key];
  lunr.vi.chiboFold = fold;

  var Lexer = lunr.QueryLexer;
  lunr.QueryLexer = function (text) { Lexer.call(this, fold(text)); };
  lunr.QueryLexer.prototype = Lexer.prototype;
  for (var name in Lexer) lunr.QueryLexer[name] = Lexer[name];
})(typeof self !== "undefined" ? self.lunr : undefined);
