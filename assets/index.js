// The HTML error index's script. The page inlines it after the npm
// package's core (js/core.js), whose `createCatalog` and `fold` it uses:
// the page picks its language and folds text for search by the library's
// rules, from that one copy (see src/docs.rs).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("errcat-data").textContent);
  var root = document.documentElement;
  var select = document.getElementById("lang");
  var search = document.getElementById("search");
  var count = document.getElementById("count");
  var noResults = document.getElementById("no-results");
  var entries = [].slice.call(document.querySelectorAll(".entry"));
  var groups = [].slice.call(document.querySelectorAll(".group, .catalog"));
  var lang = data["default"];
  var haystacks = {};
  root.classList.remove("no-js");

  // The library's search folding: case-insensitive, ё = е, punctuation
  // and extra spaces ignored.
  var norm = fold;
  // `backticked` spans are code, as in the server-rendered page.
  function rich(el, s) {
    var parts = String(s).split("`");
    el.textContent = "";
    if (parts.length % 2 === 0) { el.textContent = s; return; }
    parts.forEach(function (p, i) {
      if (i % 2) {
        var c = document.createElement("code");
        c.textContent = p;
        el.appendChild(c);
      } else if (p) {
        el.appendChild(document.createTextNode(p));
      }
    });
  }
  function each(selector, f) { [].forEach.call(document.querySelectorAll(selector), f); }

  function haystack(tag) {
    if (!haystacks[tag]) {
      var codes = data.texts[tag].codes, h = {};
      entries.forEach(function (e) {
        var t = codes[e.id] || [];
        h[e.id] = norm([e.getAttribute("data-code"), e.getAttribute("data-name"), t[0], t[1], t[2]].join(" "));
      });
      haystacks[tag] = h;
    }
    return haystacks[tag];
  }

  function filter() {
    var words = norm(search.value).split(" ").filter(Boolean);
    var h = haystack(lang), shown = 0;
    entries.forEach(function (e) {
      var hit = words.every(function (w) { return h[e.id].indexOf(w) >= 0; });
      e.classList.toggle("filtered-out", !hit);
      if (hit) { shown++; }
    });
    groups.forEach(function (g) {
      g.classList.toggle("filtered-out", !g.querySelector(".entry:not(.filtered-out)"));
    });
    noResults.hidden = shown > 0;
    count.textContent = words.length ? shown + " / " + entries.length : String(entries.length);
  }

  function setLang(tag) {
    if (!data.texts[tag]) { tag = data["default"]; }
    var t = data.texts[tag];
    lang = tag;
    root.lang = tag;
    select.value = tag;
    document.title = t.ui.doc_title;
    each("[data-ui]", function (el) {
      var v = t.ui[el.getAttribute("data-ui")];
      if (v != null) { el.textContent = v; }
    });
    search.placeholder = t.ui["index-search-placeholder"];
    each("[data-catalog]", function (el) {
      var v = t.catalogs[el.getAttribute("data-catalog")];
      if (v != null) { el.textContent = v; }
    });
    each("[data-section]", function (el) {
      var v = t.sections[el.getAttribute("data-section")];
      if (v != null) { el.textContent = v; }
    });
    entries.forEach(function (e) {
      var c = t.codes[e.id];
      if (!c) { return; }
      rich(e.querySelector(".title"), c[0]);
      rich(e.querySelector(".explanation"), c[1]);
      var hint = e.querySelector(".hint");
      rich(hint, c[2] || "");
      hint.hidden = !c[2];
      var served = e.querySelector(".served");
      served.hidden = c[3] === tag;
      var name = data.names[c[3]] || c[3];
      served.textContent = name;
      served.title = t.notes[c[3]] || "";
      if (c[3] === tag) { e.removeAttribute("lang"); } else { e.setAttribute("lang", c[3]); }
    });
    try { localStorage.setItem("errcat-lang", tag); } catch (err) { /* storage off: fine */ }
    filter();
  }

  // ?lang=kk, then the last choice, then the browser's languages, read
  // as the library reads an Accept-Language header of them (the core's
  // chain): the first locale of that chain.
  function initialLang() {
    var wanted = [];
    var m = /[?&]lang=([^&#]*)/.exec(location.search);
    if (m) { try { wanted.push(decodeURIComponent(m[1])); } catch (err) { /* ignore */ } }
    try { var saved = localStorage.getItem("errcat-lang"); if (saved) { wanted.push(saved); } } catch (err) { /* ignore */ }
    wanted = wanted.concat(navigator.languages || [navigator.language || ""]);
    // One language each: a `,` or `;` would read as more of the header.
    wanted = wanted.map(String).filter(function (w) { return !/[,;]/.test(w); });
    try {
      var first = createCatalog(data.negotiation).chain(wanted).locales[0];
      if (data.texts[first]) { return first; }
    } catch (err) { /* no usable rules: the page's own language */ }
    return data["default"];
  }

  // Following an anchor to an entry the search hides shows everything again.
  function reveal() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
    var el = id && document.getElementById(id);
    if (el && el.closest(".filtered-out")) {
      search.value = "";
      filter();
      el.scrollIntoView();
    }
  }

  select.addEventListener("change", function () { setLang(select.value); });
  search.addEventListener("input", filter);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { search.value = ""; filter(); }
  });
  document.addEventListener("keydown", function (e) {
    var a = document.activeElement;
    if (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey &&
        !(a && /^(INPUT|SELECT|TEXTAREA)$/.test(a.tagName))) {
      e.preventDefault();
      search.focus();
    }
  });
  window.addEventListener("hashchange", reveal);
  setLang(initialLang());
  reveal();
})();
