// Progressive enhancement for the supplier pages; every page works the same without it.
// - Shows a question as soon as the answer it depends on allows it (and hides it again).
// - Keeps the progress count to the questions shown, as answers change.
// - Warns before leaving the questionnaire with changes not yet saved.
// - Puts the focus on the error summary, and offers a Print button on the receipt.
(function () {
  'use strict';

  var summary = document.querySelector('.nhsuk-error-summary');
  if (summary) {
    summary.focus();
    // A link in the summary goes to the field's first input; shown alone at the top of the window,
    // it hides the question and its error above it. Bring the question's legend (or the field's
    // label) into view instead, then put the focus in the field.
    summary.addEventListener('click', function (event) {
      var link = event.target && event.target.closest ? event.target.closest('a[href^="#"]') : null;
      var input = link ? document.getElementById(link.getAttribute('href').slice(1)) : null;
      if (!input) return;
      var fieldset = input.closest('fieldset');
      var heading = (fieldset && fieldset.querySelector('legend')) || document.querySelector('label[for="' + input.id + '"]') || input;
      event.preventDefault();
      heading.scrollIntoView();
      input.focus({ preventScroll: true });
      if (window.history && window.history.replaceState) window.history.replaceState(null, '', link.getAttribute('href'));
    });
  }

  var print = document.querySelector('[data-print]');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', function () { window.print(); });
  }

  var form = document.getElementById('questionnaire');
  if (!form) return;
  var dependants = form.querySelectorAll('[data-show-if]');
  var questions = form.querySelectorAll('[data-required]');

  function inputs(code) {
    return form.querySelectorAll('[name="q.' + code + '.value"]');
  }

  function chosen(code) {
    var list = inputs(code);
    var values = [];
    for (var i = 0; i < list.length; i++) if ((list[i].type === 'radio' || list[i].type === 'checkbox') && list[i].checked) values.push(list[i].value);
    return values;
  }

  function answered(code) {
    var na = document.getElementById('q-' + code + '-na');
    if (na && na.checked) return true;
    var list = inputs(code);
    for (var i = 0; i < list.length; i++) {
      var input = list[i];
      if (input.type === 'radio' || input.type === 'checkbox' ? input.checked : input.value.trim() !== '') return true;
    }
    return false;
  }

  function updateVisibility() {
    for (var i = 0; i < dependants.length; i++) {
      var group = dependants[i];
      var accepted = group.getAttribute('data-show-values').split(' ');
      var source = document.getElementById('q-' + group.getAttribute('data-show-if'));
      var shown = !!source && !source.hidden && chosen(group.getAttribute('data-show-if')).some(function (v) { return accepted.indexOf(v) !== -1; });
      group.hidden = !shown;
      var fieldset = group.querySelector('fieldset');
      if (fieldset) fieldset.disabled = !shown;
    }
  }

  function updateProgress() {
    var shown = 0;
    var done = 0;
    var missing = 0;
    for (var i = 0; i < questions.length; i++) {
      var group = questions[i];
      if (group.hidden) continue;
      var code = group.id.slice(2);
      shown++;
      if (answered(code)) done++;
      else if (group.getAttribute('data-required') === 'true') missing++;
    }
    var a = document.querySelector('[data-progress-answered]');
    var q = document.querySelector('[data-progress-questions]');
    var m = document.querySelector('[data-progress-missing]');
    if (a) a.textContent = String(done);
    if (q) q.textContent = String(shown);
    if (m) m.textContent = missing ? '; ' + missing + ' required still to answer' : '';
  }

  var dirty = false;
  function changed(event) {
    var name = event.target && event.target.name;
    if (!name || !/^q\./.test(name)) return;
    dirty = true;
    if (/\.(value|na)$/.test(name)) {
      updateVisibility();
      updateProgress();
    }
  }
  form.addEventListener('change', changed);
  form.addEventListener('input', changed);
  form.addEventListener('submit', function () { dirty = false; });
  window.addEventListener('beforeunload', function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = '';
  });
})();
