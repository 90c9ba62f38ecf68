// The console's enhancements. Every page works without this script; it only saves page loads.
(function () {
  'use strict';

  // Live filters: the supplier list follows the search box and the filters as they change.
  var form = document.querySelector('form[data-live-filter]');
  var results = document.getElementById('supplier-results');
  if (form && results && window.fetch && window.URLSearchParams && window.DOMParser) {
    var timer = null;
    var latest = 0;
    var refresh = function () {
      var url = form.getAttribute('action') + '?' + new window.URLSearchParams(new window.FormData(form)).toString();
      var mine = ++latest;
      fetch(url, { credentials: 'same-origin' })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          if (mine !== latest) return; // a newer filter is on its way
          var fresh = new window.DOMParser().parseFromString(html, 'text/html').getElementById('supplier-results');
          if (!fresh) return;
          results.innerHTML = fresh.innerHTML;
          window.history.replaceState(null, '', url);
        })
        .catch(function () { /* the Filter button still works */ });
    };
    var later = function (ms) { return function () { window.clearTimeout(timer); timer = window.setTimeout(refresh, ms); }; };
    form.addEventListener('input', later(300));
    form.addEventListener('change', later(50));
  }

  // Upload progress: large CSV files show how far the upload is, then that the rows are being checked.
  var upload = document.querySelector('form[data-upload-progress]');
  if (upload && window.XMLHttpRequest && window.FormData) {
    upload.addEventListener('submit', function (event) {
      var file = upload.querySelector('input[type=file]');
      if (!file || !file.files || file.files.length === 0) return; // the server says what is missing
      event.preventDefault();
      var box = upload.querySelector('[data-progress]');
      var bar = box.querySelector('progress');
      var text = box.querySelector('[data-progress-text]');
      box.hidden = false;
      var request = new window.XMLHttpRequest();
      request.open('POST', upload.getAttribute('action'));
      request.upload.onprogress = function (e) {
        if (!e.lengthComputable) return;
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        bar.textContent = percent + '%';
        text.textContent = 'Uploaded ' + percent + '%';
      };
      request.upload.onload = function () {
        bar.removeAttribute('value');
        text.textContent = 'Uploaded. Checking each row…';
      };
      request.onload = function () {
        window.history.replaceState(null, '', '/console/suppliers/import');
        document.open();
        document.write(request.responseText);
        document.close();
      };
      request.onerror = function () { text.textContent = 'The upload failed. Check the connection and try again.'; };
      request.send(new window.FormData(upload));
    });
  }
})();
