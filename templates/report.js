// The HTML report's behaviour: selecting a claim shows its detail (cloned
// from the inert <template> the page holds for it: no HTML is ever parsed
// from text here), the findings list jumps to a finding, and the filters
// hide findings by kind and severity. Elements are looked up once, so a
// filter costs one pass over the findings, however many drafts there are.
(function () {
  "use strict";
  var detail = document.getElementById("detail-body");
  var form = document.getElementById("filters");
  var status = document.getElementById("filter-status");
  var listed = Array.prototype.slice.call(document.querySelectorAll("#findings li[data-kind]"));
  var marked = Array.prototype.slice.call(document.querySelectorAll(".badge[data-kind], .loose"));
  var drafts = Array.prototype.slice.call(document.querySelectorAll("section.draft"));
  var selected = null;
  var hiddenKinds = {};
  var hiddenSeverities = {};
  var onlyFlagged = false;

  function isHidden(element) {
    var kind = element.getAttribute("data-kind");
    var severity = element.getAttribute("data-severity");
    if (kind === null) {
      var inner = element.querySelector("[data-kind]");
      if (inner === null) { return false; }
      kind = inner.getAttribute("data-kind");
      severity = inner.getAttribute("data-severity");
    }
    return hiddenKinds[kind] === true || hiddenSeverities[severity] === true;
  }

  function filterDetail() {
    var findings = detail.querySelectorAll(".finding[data-kind]");
    for (var i = 0; i < findings.length; i++) {
      findings[i].hidden = isHidden(findings[i]);
    }
  }

  function applyFilters() {
    hiddenKinds = {};
    hiddenSeverities = {};
    var boxes = form.querySelectorAll("input[type=checkbox]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.name === "kind" && !box.checked) { hiddenKinds[box.value] = true; }
      if (box.name === "severity" && !box.checked) { hiddenSeverities[box.value] = true; }
      if (box.name === "only-flagged") { onlyFlagged = box.checked; }
    }
    var shownByDraft = {};
    var shown = 0;
    for (var j = 0; j < listed.length; j++) {
      var hide = isHidden(listed[j]);
      listed[j].hidden = hide;
      if (!hide) {
        shown++;
        var draft = listed[j].getAttribute("data-draft");
        shownByDraft[draft] = (shownByDraft[draft] || 0) + 1;
      }
    }
    for (var k = 0; k < marked.length; k++) {
      marked[k].hidden = isHidden(marked[k]);
    }
    for (var d = 0; d < drafts.length; d++) {
      drafts[d].hidden = onlyFlagged && !shownByDraft[drafts[d].id];
    }
    filterDetail();
    status.textContent = shown === listed.length
      ? listed.length + (listed.length === 1 ? " finding shown" : " findings shown")
      : shown + " of " + listed.length + " findings shown";
  }

  function select(claim) {
    if (selected !== null) {
      selected.classList.remove("selected");
      selected.setAttribute("aria-pressed", "false");
    }
    selected = claim;
    claim.classList.add("selected");
    claim.setAttribute("aria-pressed", "true");
    var template = document.getElementById("t-" + claim.id);
    if (template !== null) {
      detail.replaceChildren(template.content.cloneNode(true));
      filterDetail();
    }
  }

  function jumpTo(id) {
    var target = document.getElementById(id);
    if (target === null) { return; }
    var draft = target.closest("section.draft");
    if (draft !== null) { draft.hidden = false; }
    if (target.classList.contains("claim")) { select(target); }
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var origin = event.target instanceof Element ? event.target : null;
    if (origin === null) { return; }
    var link = origin.closest("a[data-target]");
    if (link !== null) {
      event.preventDefault();
      jumpTo(link.getAttribute("data-target"));
      return;
    }
    var claim = origin.closest(".claim");
    if (claim !== null) { select(claim); }
  });

  document.addEventListener("keydown", function (event) {
    var claim = event.target instanceof Element ? event.target.closest(".claim") : null;
    if (claim !== null && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(claim);
    }
  });

  if (form !== null) { form.addEventListener("change", applyFilters); }
  if (location.hash.length > 1) { jumpTo(decodeURIComponent(location.hash.slice(1))); }
  document.documentElement.setAttribute("data-ready", "true");
})();
