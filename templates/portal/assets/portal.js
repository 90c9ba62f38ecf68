// Progressive enhancement for the questionnaire page: shows a question as soon as the answer it
// depends on allows it (and hides it again), without a round trip. Without JavaScript the page
// works the same, showing such questions after the section is saved.
(function () {
  'use strict';
  var dependants = document.querySelectorAll('[data-show-if]');
  if (!dependants.length) return;

  function chosen(code) {
    var inputs = document.querySelectorAll('input[name="q.' + code + '.value"]');
    var values = [];
    for (var i = 0; i < inputs.length; i++) if (inputs[i].checked) values.push(inputs[i].value);
    return values;
  }

  function update() {
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

  document.addEventListener('change', function (event) {
    if (event.target && event.target.name && /^q\..+\.value$/.test(event.target.name)) update();
  });
})();
