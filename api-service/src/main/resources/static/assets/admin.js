// Copy Link buttons of the admin console: copy the link from the readonly field, and record the copy
// (a copied link is a credential handed out). No inline script anywhere: the CSP allows only this file.
document.addEventListener('click', function (event) {
  var button = event.target.closest('button[data-copy]');
  if (!button) {
    return;
  }
  var field = document.getElementById(button.getAttribute('data-copy'));
  var status = document.getElementById('copy-status');
  var say = function (text) { if (status) { status.textContent = text; } };
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var record = button.getAttribute('data-record');
  if (record && csrf) {
    var body = new URLSearchParams();
    body.set('linkId', button.getAttribute('data-link-id') || '');
    fetch(record, { method: 'POST', credentials: 'same-origin', body: body,
      headers: { 'X-CSRF-Token': csrf.getAttribute('content') } });
  }
  field.focus();
  field.select();
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(field.value).then(function () { say(button.getAttribute('data-copied') || 'Link copied to the clipboard.'); },
      function () { say('The browser did not allow copying; the link is selected, press Ctrl+C (or Cmd+C).'); });
  } else {
    say('The link is selected; press Ctrl+C (or Cmd+C) to copy it.');
  }
});
