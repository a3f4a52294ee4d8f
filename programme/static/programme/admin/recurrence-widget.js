/*
 * Starts django-recurrence's rule editor on every recurrence textarea in a
 * Wagtail admin form.
 *
 * Replaces django-recurrence's own recurrence-widget.init.js, which needs
 * Django admin's jQuery and looks for the Django admin's #container element to
 * watch for inline forms. This needs neither: it starts each widget once, now
 * and whenever Wagtail adds a form to the page (e.g. a new inline panel item).
 */
(function () {
  'use strict';

  var SELECTOR = 'textarea.recurrence-widget:not([id*="__prefix__"])';

  function start(textarea) {
    if (textarea.dataset.recurrenceWidget === 'started' || !textarea.id) {
      return;
    }
    textarea.dataset.recurrenceWidget = 'started';
    try {
      // Options may be given as a global named after the field, as django-recurrence allows.
      new window.recurrence.widget.Widget(textarea.id, window[textarea.id] || {});
    } catch (error) {
      // Leave the plain text box usable: the server checks what is typed in it.
      textarea.classList.remove('hidden');
      textarea.dataset.recurrenceWidget = 'failed';
      if (window.console && window.console.warn) {
        window.console.warn('Recurrence editor could not start for #' + textarea.id, error);
      }
    }
  }

  function startAll(root) {
    if (!window.recurrence || !window.recurrence.widget) {
      return;
    }
    if (root.matches && root.matches(SELECTOR)) {
      start(root);
    }
    if (root.querySelectorAll) {
      root.querySelectorAll(SELECTOR).forEach(start);
    }
  }

  function init() {
    startAll(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) {
            startAll(node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
