/**
 * The report's only script, inlined: outcome, domain and tag filters and a
 * text search over each card's data attributes. It reads and hides elements;
 * it never builds markup from data, so nothing needs escaping here.
 */
export const REPORT_JS = `
(function () {
  var cards = Array.prototype.slice.call(document.querySelectorAll('.card'));
  var outcomes = Array.prototype.slice.call(document.querySelectorAll('input[name=outcome]'));
  var domain = document.getElementById('filter-domain');
  var tag = document.getElementById('filter-tag');
  var search = document.getElementById('search');
  var shown = document.getElementById('shown-count');
  var none = document.getElementById('no-match');
  function apply() {
    var on = {};
    outcomes.forEach(function (o) { on[o.value] = o.checked; });
    var words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var n = 0;
    cards.forEach(function (c) {
      var d = c.dataset;
      var visible = on[d.outcome] &&
        (!domain.value || d.domain === domain.value) &&
        (!tag.value || d.tags.indexOf(' ' + tag.value + ' ') >= 0) &&
        words.every(function (w) { return d.search.indexOf(w) >= 0; });
      c.hidden = !visible;
      if (visible) n++;
    });
    shown.textContent = String(n);
    none.hidden = n > 0;
  }
  outcomes.forEach(function (o) { o.addEventListener('change', apply); });
  domain.addEventListener('change', apply);
  tag.addEventListener('change', apply);
  search.addEventListener('input', apply);
  document.getElementById('expand-all').addEventListener('click', function () { cards.forEach(function (c) { if (!c.hidden) c.open = true; }); });
  document.getElementById('collapse-all').addEventListener('click', function () { cards.forEach(function (c) { c.open = false; }); });
  apply();
})();
`;
