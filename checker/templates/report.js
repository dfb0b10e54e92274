// copydesk HTML report: client-side filters. Without this script everything stays visible.
"use strict";
(function () {
  var rank = { info: 1, warning: 2, error: 3 };
  var panel = document.getElementById("filters");
  if (!panel) {
    return;
  }
  document.documentElement.classList.add("js");
  panel.hidden = false;
  var all = function (selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  };
  var boxes = all("input[type=checkbox][data-kind]", panel);
  var findings = all(".finding");
  var marks = all("mark[data-f]");
  var refs = all(".fref");
  var notes = all(".notes");
  var docs = all(".doc");
  var shown = document.getElementById("shown");
  var setHidden = function (element, hidden) {
    if (element.hidden !== hidden) {
      element.hidden = hidden;
    }
  };
  var sevOf = {};
  findings.forEach(function (f) {
    sevOf[f.id] = f.dataset.sev;
  });

  function apply() {
    var off = { sev: {}, rule: {}, file: {} };
    boxes.forEach(function (box) {
      if (!box.checked) {
        off[box.dataset.kind][box.value] = true;
      }
    });
    var visible = {};
    var count = 0;
    findings.forEach(function (f) {
      var on = !off.sev[f.dataset.sev] && !off.rule[f.dataset.rule] && !off.file[f.dataset.file];
      setHidden(f, !on);
      if (on) {
        visible[f.id] = true;
        count += 1;
      }
    });
    marks.forEach(function (mark) {
      var best = "";
      var n = 0;
      mark.dataset.f.split(" ").forEach(function (id) {
        if (visible[id]) {
          n += 1;
          if (!best || rank[sevOf[id]] > rank[best]) {
            best = sevOf[id];
          }
        }
      });
      if (best && mark.dataset.sev !== best) {
        mark.dataset.sev = best;
      } else if (!best && mark.hasAttribute("data-sev")) {
        mark.removeAttribute("data-sev");
      }
      mark.classList.toggle("multi", n > 1);
    });
    refs.forEach(function (ref) {
      setHidden(ref, !visible[ref.dataset.f]);
    });
    notes.forEach(function (list) {
      setHidden(list, !list.querySelector(".finding:not([hidden])"));
    });
    docs.forEach(function (doc) {
      setHidden(doc, !doc.querySelector(".finding:not([hidden])"));
    });
    shown.textContent = count + " of " + findings.length + " findings shown";
  }

  panel.addEventListener("change", apply);
  panel.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-kind]");
    if (!button) {
      return;
    }
    boxes.forEach(function (box) {
      if (box.dataset.kind === button.dataset.kind) {
        box.checked = button.dataset.all === "1";
      }
    });
    apply();
  });
  // The page is rendered with everything shown; only a restored form state needs applying.
  var sync = function () {
    if (boxes.some(function (box) {
      return !box.checked;
    })) {
      apply();
    }
  };
  sync();
  window.addEventListener("pageshow", sync);
})();
