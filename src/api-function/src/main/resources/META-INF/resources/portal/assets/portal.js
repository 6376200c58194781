// The compose page's live count: the server's dry run of the form as it stands (the same code
// that prices the send), asked as the form changes, so that the browser never counts by rules of its own.
(function () {
  'use strict';
  var form = document.getElementById('compose');
  if (!form) {
    return;
  }
  var timer = null;
  var asked = 0;

  function show(id, value) {
    var el = document.getElementById(id);
    if (el) {
      el.textContent = String(value);
    }
  }

  function count() {
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      data.append(name, value);
    });
    var mine = ++asked;
    fetch('/portal/send/count', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: data.toString(),
      credentials: 'same-origin'
    }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (c) {
      if (!c || mine !== asked) {
        return;
      }
      show('count-characters', c.characters);
      show('count-encoding', c.encoding);
      show('count-parts', c.parts);
      show('count-recipients', c.recipients);
      show('count-cost', c.cost);
      show('count-balance', c.balance);
      show('count-problem', c.problem || '');
      form.setAttribute('data-counted', String(mine));
    }).catch(function () { /* the count is a help; sending does not depend on it */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(count, 200);
  }

  form.addEventListener('input', later);
  form.addEventListener('change', later);
  count();
})();
