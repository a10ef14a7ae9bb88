// gloss: glossary cards for mentions. Progressive enhancement: without this
// script a mention is a plain link to its entry page, and the cards are listed
// under "In this story".
(function () {
  "use strict";
  var OPEN_DELAY = 400, CLOSE_GRACE = 300, MARGIN = 8;
  var doc = document, win = window;
  var popup = null, owner = null, openTimer = 0, closeTimer = 0;
  var lastScroll = 0, lastTouch = 0, dismissed = null, hovering = false;

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function part(card, cls) {
    var e = card.querySelector("." + cls);
    return e ? e.textContent.trim() : "";
  }

  // build makes the popup for a mention from the entry's static card.
  function build(a) {
    var card = doc.getElementById("card-" + a.getAttribute("data-entry"));
    if (!card) return null;
    var p = el("span", "card-popup");
    p.id = "card-popup";
    p.setAttribute("role", "group");
    p.setAttribute("aria-label", part(card, "entry-card-name"));
    var img = card.querySelector("img");
    if (img) {
      var i = img.cloneNode(false);
      i.removeAttribute("loading");
      i.className = "card-popup-image";
      p.appendChild(i);
    }
    p.appendChild(el("span", "card-popup-kind", part(card, "entry-card-kind")));
    p.appendChild(el("span", "card-popup-name", part(card, "entry-card-name")));
    var role = part(card, "entry-card-role");
    if (role) p.appendChild(el("span", "card-popup-role", role));
    var summary = part(card, "entry-card-summary");
    if (summary) p.appendChild(el("span", "card-popup-summary", summary));
    var more = el("a", "card-popup-more", "Full entry");
    more.href = a.href;
    p.appendChild(more);
    p.addEventListener("pointerenter", function () { hovering = true; clearTimeout(closeTimer); });
    p.addEventListener("pointerleave", function () { hovering = false; scheduleClose(); });
    return p;
  }

  function open(a) {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (owner === a || dismissed === a) return;
    close();
    var p = build(a);
    if (!p) return;
    popup = p;
    owner = a;
    a.setAttribute("aria-expanded", "true");
    a.after(p);
    place(a, p);
  }

  function close() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (popup) popup.remove();
    if (owner) owner.removeAttribute("aria-expanded");
    popup = owner = null;
    hovering = false;
  }

  function scheduleClose() {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(function () {
      if (!hovering && !(owner && (owner.matches(":hover") || owner.contains(doc.activeElement) ||
          (popup && popup.contains(doc.activeElement))))) close();
    }, CLOSE_GRACE);
  }

  // place puts the card below the mention, or above it when there is more
  // room there, and keeps it inside the viewport horizontally.
  function place(a, p) {
    var rects = a.getClientRects(), r = rects[0] || a.getBoundingClientRect();
    var vw = doc.documentElement.clientWidth, vh = win.innerHeight;
    p.style.left = "0px";
    p.style.top = "0px";
    p.style.maxHeight = "";
    var base = p.getBoundingClientRect(); // where (0,0) lands in the viewport
    var w = p.offsetWidth, h = p.offsetHeight;
    var below = vh - r.bottom - 2 * MARGIN, above = r.top - 2 * MARGIN;
    var top;
    if (h <= below) top = r.bottom + MARGIN;
    else if (h <= above) top = r.top - MARGIN - h;
    else if (below >= above) { // fits neither way: the roomier side, scrolling
      p.style.maxHeight = below + "px";
      top = r.bottom + MARGIN;
    } else {
      p.style.maxHeight = above + "px";
      top = MARGIN;
    }
    var left = Math.max(MARGIN, Math.min(r.left, vw - w - MARGIN));
    p.style.left = (left - base.left) + "px";
    p.style.top = (top - base.top) + "px";
    p.setAttribute("data-placement", top < r.top ? "above" : "below");
  }

  function mentionOf(e) {
    var t = e.target;
    return t && t.closest ? t.closest("a.mention[data-entry]") : null;
  }

  doc.addEventListener("pointerover", function (e) {
    var a = mentionOf(e);
    if (!a || e.pointerType === "touch") return;
    if (a === owner) { clearTimeout(closeTimer); return; }
    if (Date.now() - lastScroll < 150) return;
    clearTimeout(openTimer);
    openTimer = setTimeout(function () {
      if (Date.now() - lastScroll >= 150 && a.matches(":hover")) open(a);
    }, OPEN_DELAY);
  });
  doc.addEventListener("pointerout", function (e) {
    var a = mentionOf(e);
    if (!a || (e.relatedTarget && a.contains(e.relatedTarget))) return;
    clearTimeout(openTimer);
    if (dismissed === a) dismissed = null;
    if (a === owner) scheduleClose();
  });
  doc.addEventListener("pointerdown", function (e) {
    if (e.pointerType === "touch") lastTouch = Date.now();
    if (popup && !popup.contains(e.target) && mentionOf(e) !== owner) close();
  });
  doc.addEventListener("focusin", function (e) {
    var a = mentionOf(e);
    if (a && Date.now() - lastTouch > 800) open(a);
  });
  doc.addEventListener("focusout", function (e) {
    var to = e.relatedTarget;
    // Before the return: after Escape there is no owner, and focus leaving
    // the dismissed mention must still end the dismissal.
    if (mentionOf(e) === dismissed) dismissed = null;
    if (!owner || (to && (owner.contains(to) || (popup && popup.contains(to))))) return;
    if (owner.contains(e.target) || (popup && popup.contains(e.target))) scheduleClose();
  });
  // A first tap on a touch screen opens the card; a second tap follows the link.
  doc.addEventListener("click", function (e) {
    var a = mentionOf(e);
    if (!a || Date.now() - lastTouch > 800 || a === owner) return;
    e.preventDefault();
    dismissed = null;
    open(a);
  });
  doc.addEventListener("keydown", function (e) {
    if ((e.key === "Escape" || e.key === "Esc") && popup) {
      var a = owner, inside = popup.contains(doc.activeElement);
      dismissed = a;
      close();
      if (inside) a.focus(); // never strand focus on a removed element
    }
  });
  win.addEventListener("scroll", function () {
    lastScroll = Date.now();
    clearTimeout(openTimer);
  }, { passive: true });
  win.addEventListener("resize", function () { if (owner && popup) place(owner, popup); });

  // Notes: on narrow screens a button beside each reference shows and hides
  // its note; opening the page at #note-id shows and highlights that note.
  // On narrow screens an open note goes after its paragraph (or at the end of
  // its list item), so that it does not split the sentence; on wide screens it
  // sits beside its reference, in the margin.
  var narrow = win.matchMedia && win.matchMedia("(max-width: 61.99rem)");
  function placeNote(b, note) {
    if (narrow && narrow.matches) {
      var block = b.closest("p, li, td, th, dd, h1, h2, h3, h4, h5, h6");
      if (block && /^(P|H\d)$/.test(block.tagName)) block.after(note);
      else if (block) block.appendChild(note);
    } else if (b.nextSibling !== note) {
      b.after(note);
    }
  }
  function setOpen(b, note, on) {
    if (on) placeNote(b, note);
    note.classList.toggle("is-open", on);
    b.setAttribute("aria-expanded", on ? "true" : "false");
  }
  function showTarget() {
    var marked = doc.querySelectorAll(".is-target");
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove("is-target");
    var id = decodeURIComponent(location.hash.slice(1));
    var note = id && doc.getElementById(id);
    if (!note || !note.classList.contains("note")) return;
    var b = doc.querySelector('.note-toggle[aria-controls="' + CSS.escape(id) + '"]');
    if (b) setOpen(b, note, true);
    note.classList.add("is-target");
    var marks = doc.querySelectorAll('mark[data-annotation="' + CSS.escape(id) + '"]');
    for (var j = 0; j < marks.length; j++) marks[j].classList.add("is-target");
  }
  var refs = doc.querySelectorAll("a.anno-ref[data-note]");
  for (var k = 0; k < refs.length; k++) {
    (function (ref) {
      var id = ref.getAttribute("data-note"), note = doc.getElementById(id);
      if (!note) return;
      var b = el("button", "note-toggle", ref.textContent);
      b.type = "button";
      b.setAttribute("aria-expanded", "false");
      b.setAttribute("aria-controls", id);
      b.setAttribute("aria-label", "Note " + ref.textContent + ": " + (note.querySelector(".note-kind") || ref).textContent);
      b.addEventListener("click", function () { setOpen(b, note, !note.classList.contains("is-open")); });
      ref.after(b);
      ref.classList.add("has-toggle");
    })(refs[k]);
  }
  win.addEventListener("hashchange", showTarget);
  showTarget();
  if (narrow && narrow.addEventListener) {
    narrow.addEventListener("change", function () {
      var bs = doc.querySelectorAll(".note-toggle");
      for (var i = 0; i < bs.length; i++) {
        var n = doc.getElementById(bs[i].getAttribute("aria-controls"));
        if (n) placeNote(bs[i], n);
      }
    });
  }

  // "/" focuses the search box, unless the reader is typing somewhere.
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    var box = doc.querySelector("#search-page-q, #site-search-q");
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.select();
  });
})();
