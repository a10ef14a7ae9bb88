// gloss search: runs queries in the browser against the index the build
// writes under search/ (generator/search documents its format). It fetches
// the manifest, then for each query only the term shards of its words and
// the document shards of the results it shows. Without JavaScript the page
// says that search needs it and links to the articles and the glossary.
(function () {
  "use strict";
  var doc = document, win = window;
  var box = doc.getElementById("search-page-q");
  var out = doc.getElementById("search-results");
  var status = doc.getElementById("search-status");
  if (!box || !out || !status || !win.fetch || !win.URL) return;

  var DEBOUNCE = 150;
  var base = new URL(out.getAttribute("data-index") || "./", win.location.href);
  var root = new URL("../", base);
  var manifest = null, stop = {}, fold = {}, foldRe = null;
  var cache = {}, seq = 0, timer = 0;
  var hits = [], shown = 0, list = null, more = null, lastQ = null;

  var CODE = {};
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) { CODE[c] = i; });

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function get(name) {
    if (!cache[name]) {
      var url = new URL(name + (manifest ? "?v=" + manifest.hash : ""), base);
      cache[name] = fetch(url, manifest ? {} : {cache: "no-cache"}).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status + " for " + url);
        return r.json();
      });
      cache[name].catch(function () { delete cache[name]; });
    }
    return cache[name];
  }

  // tokens splits text into words as the index does: NFKD, marks removed,
  // lower case, the fold table, split on anything but letters and digits.
  function tokens(s) {
    s = s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    if (foldRe) s = s.replace(foldRe, function (c) { return fold[c]; });
    return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // parse turns a query into words. Stop words are dropped, except a last
  // word still being typed when it is the only one. The last word, unless a
  // space follows it, is also a prefix ("medin" finds Medinsky).
  function parse(q) {
    var ws = tokens(q), open = !/\s$/.test(q), words = [], seen = {};
    ws.forEach(function (t, i) {
      var last = open && i === ws.length - 1;
      if (stop[t] && !(last && !words.length)) return;
      var w = {t: t, prefix: last && Array.from(t).length >= manifest.minPrefix};
      var key = t + (w.prefix ? "*" : "");
      if (!seen[key]) { seen[key] = 1; words.push(w); }
    });
    return words;
  }

  // shardsOf returns the term shards that may hold the word: the last shard
  // whose bound is at or below it, and for a prefix the following shards
  // whose bounds start with it, up to manifest.prefixShards.
  function shardsOf(w) {
    var b = manifest.shards, lo = 0, hi = b.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (b[mid] <= w.t) lo = mid; else hi = mid - 1;
    }
    var s = [lo];
    if (w.prefix) for (var j = lo + 1; j < b.length && s.length < manifest.prefixShards && b[j].indexOf(w.t) === 0; j++) s.push(j);
    return s;
  }

  // decode adds a term's postings to m (id → weight), keeping the larger
  // weight; it returns whether the term's list is capped.
  function decode(s, m) {
    var capped = s.charAt(0) === "*", id = -1, v = 0, mul = 1;
    for (var i = capped ? 1 : 0; i < s.length; i++) {
      var c = CODE[s.charAt(i)];
      v += (c & 31) * mul;
      if (c & 32) { mul *= 32; continue; }
      id += Math.floor(v / 16) + 1;
      var w = v % 16;
      if (!(m.get(id) >= w)) m.set(id, w);
      v = 0; mul = 1;
    }
    return capped;
  }

  // search returns the ids of the documents that match every word, best
  // first. A capped word (in more documents than the index lists) is
  // optional: it adds to the score of the documents it lists.
  function search(words) {
    return Promise.all(words.map(function (w) {
      return Promise.all(shardsOf(w).map(function (i) { return get("t/" + i + ".json"); })).then(function (shards) {
        w.m = new Map();
        w.capped = false;
        shards.forEach(function (sh) {
          if (!w.prefix) {
            if (Object.prototype.hasOwnProperty.call(sh, w.t)) w.capped = decode(sh[w.t], w.m);
            return;
          }
          for (var k in sh) if (k.indexOf(w.t) === 0) w.capped = decode(sh[k], w.m) || w.capped;
        });
      });
    })).then(function () {
      var req = words.filter(function (w) { return !w.capped; });
      if (!req.length) req = words;
      req.sort(function (a, b) { return a.m.size - b.m.size; });
      var found = [];
      req[0].m.forEach(function (_, id) {
        for (var i = 1; i < req.length; i++) if (!req[i].m.has(id)) return;
        var score = 0;
        words.forEach(function (w) { score += w.m.get(id) || 0; });
        found.push([score, id]);
      });
      found.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
      return found.map(function (f) { return f[1]; });
    });
  }

  // docs fetches the display data of the ids.
  function docs(ids) {
    var per = manifest.docShard;
    return Promise.all(ids.map(function (id) {
      return get("d/" + Math.floor(id / per) + ".json").then(function (sh) { return sh[id % per]; });
    }));
  }

  function say(text) { status.textContent = text; }

  function clear() {
    out.textContent = "";
    list = more = null;
    hits = [];
    shown = 0;
  }

  function item(d, n) {
    var li = el("li", "search-hit search-hit-" + d.k), id = "search-hit-" + n;
    var a = el("a", "search-hit-link", d.t);
    a.href = new URL(d.u, root).href;
    a.id = id;
    var h = el("p", "search-hit-meta");
    h.id = id + "-meta";
    h.appendChild(el("span", "search-hit-kind", manifest.labels[d.k] || d.k));
    var extra = d.r || d.d;
    if (extra) h.appendChild(el("span", "search-hit-detail", extra));
    var desc = [h.id];
    li.appendChild(el("h2", "search-hit-title")).appendChild(a);
    li.appendChild(h);
    if (d.s) {
      var p = el("p", "search-hit-snippet", d.s);
      p.id = id + "-snippet";
      desc.push(p.id);
      li.appendChild(p);
    }
    a.setAttribute("aria-describedby", desc.join(" "));
    return li;
  }

  // page shows the next page of hits; focus moves to its first result when
  // focusNew is set (the "More results" button).
  function page(my, focusNew) {
    var ids = hits.slice(shown, shown + manifest.page);
    return docs(ids).then(function (ds) {
      if (my !== seq) return;
      if (!list) {
        list = el("ol", "search-list");
        list.setAttribute("aria-label", "Results");
        out.appendChild(list);
      }
      var first = null;
      ds.forEach(function (d) {
        var li = item(d, shown++);
        list.appendChild(li);
        first = first || li.querySelector("a");
      });
      if (shown < hits.length && !more) {
        more = el("button", "search-more", "More results");
        more.type = "button";
        more.addEventListener("click", function () {
          page(seq, true).catch(function (err) { say("Search is not available right now: " + err.message); });
        });
        out.appendChild(more);
      } else if (shown >= hits.length && more) {
        more.remove();
        more = null;
      }
      if (focusNew && first) first.focus();
    });
  }

  function run(q) {
    clearTimeout(timer);
    if (!manifest || q === lastQ) return;
    lastQ = q;
    var my = ++seq, shownQ = q.trim();
    var url = new URL(win.location.href);
    if (shownQ) url.searchParams.set("q", shownQ); else url.searchParams.delete("q");
    if (url.href !== win.location.href) win.history.replaceState(win.history.state, "", url.href);
    if (!shownQ) { clear(); say(""); return; }
    var words = parse(q);
    (words.length ? search(words) : Promise.resolve([])).then(function (ids) {
      if (my !== seq) return;
      clear();
      hits = ids;
      if (!ids.length) { say("No results for “" + shownQ + "”."); return; }
      return page(my, false).then(function () {
        if (my === seq) say(ids.length + (ids.length === 1 ? " result" : " results") + " for “" + shownQ + "”");
      });
    }).catch(function (err) {
      if (my !== seq) return;
      lastQ = null;
      clear();
      say("Search is not available right now: " + err.message);
    });
  }

  function targets() {
    return Array.prototype.slice.call(out.querySelectorAll("a.search-hit-link, button.search-more"));
  }

  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(box.value); }, DEBOUNCE);
  });
  box.form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(box.value);
  });
  box.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown") return;
    var t = targets();
    if (!t.length) return;
    e.preventDefault();
    t[0].focus();
  });
  // ArrowDown and ArrowUp move the focus through the results; above the
  // first is the search box; Escape goes back to it. Enter follows the
  // focused link.
  out.addEventListener("keydown", function (e) {
    var t = targets(), i = t.indexOf(doc.activeElement);
    if (i < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    var next = e.key === "ArrowDown" ? t[i + 1] : e.key === "ArrowUp" ? (t[i - 1] || box) :
      e.key === "Escape" ? box : e.key === "Home" ? t[0] : e.key === "End" ? t[t.length - 1] : null;
    if (!next) return;
    e.preventDefault();
    next.focus();
  });

  get("index.json").then(function (m) {
    manifest = m;
    (m.stop || []).forEach(function (w) { stop[w] = 1; });
    fold = m.fold || {};
    var keys = Object.keys(fold);
    if (keys.length) foldRe = new RegExp("[" + keys.join("") + "]", "gu");
    win.glossSearch = {tokens: tokens, parse: parse};
    var q = new URLSearchParams(win.location.search).get("q");
    if (q) box.value = q;
    if (box.value) run(box.value);
  }, function (err) {
    say("Search is not available right now: " + err.message);
  });
})();
