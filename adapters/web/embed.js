// Embeddable chat button. Any page can add:
//   <script src="https://<bot host>/embed.js" defer></script>
// A floating button opens the assistant in a panel (an iframe of this server's page, created on first opening).
// The button and the panel live in a shadow root: the host page's CSS cannot restyle them, and ours stays inside.
(function () {
  'use strict';
  var HOST_TAG = 'ans-faq-assistant';
  if (document.querySelector(HOST_TAG)) return;

  var script = document.currentScript;
  var botOrigin = new URL(script ? script.src : '/embed.js', window.location.href).origin;
  var TITLE = '{{BOT_NAME}}'; // filled in by the server (adapters/staticAssets.ts) from bot/messages.ts
  /** What the framed page posts when Escape is pressed inside it (see app.js). */
  var CLOSE_MESSAGE = 'ans-faq:close';

  // Pixels, not rem: a host page's `html { font-size: 62.5% }` would shrink rem-based sizes. The panel is full-screen
  // on phones and short windows, where the launcher would cover the chat: it is hidden while the panel is open.
  var FULL_SCREEN = '(max-width: 576px), (max-height: 480px)';
  var css = [
    ':host{all:initial!important;display:contents!important}',
    '*,*::before,*::after{box-sizing:border-box}',
    '[hidden]{display:none!important}',
    '.launcher,.panel,.close,.title{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;',
    'letter-spacing:normal;text-transform:none;text-align:left;text-decoration:none;font-style:normal}',
    '.launcher{position:fixed;right:24px;bottom:24px;z-index:2147483000;display:inline-flex;align-items:center;gap:8px;',
    'min-height:48px;margin:0;padding:12px 24px;border:0;border-radius:0;background:#000091;color:#fff;',
    'font-size:18px;font-weight:500;line-height:24px;box-shadow:0 6px 18px rgba(0,0,18,.16);cursor:pointer}',
    '.launcher:hover{background:#1212ff}',
    '.launcher:active{background:#2323ff}',
    '.launcher svg{flex:none;width:24px;height:24px}',
    '.launcher:focus-visible,.close:focus-visible{outline:2px solid #0a76f6;outline-offset:2px}',
    '.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}',
    '.panel{position:fixed;right:24px;bottom:96px;z-index:2147483000;display:flex;flex-direction:column;',
    'width:min(416px,calc(100vw - 48px));height:min(640px,calc(100vh - 120px));margin:0;padding:0;',
    'background:#fff;color:#161616;border:1px solid #ddd;box-shadow:0 6px 18px rgba(0,0,18,.16)}',
    '.header{flex:none;display:flex;align-items:center;justify-content:space-between;gap:8px;min-height:48px;margin:0;',
    'padding:4px 8px 4px 16px;background:#fff;border-bottom:1px solid #ddd}',
    '.title{margin:0;padding:0;color:#161616;font-size:16px;font-weight:700;line-height:24px}',
    '.close{flex:none;display:inline-flex;align-items:center;gap:4px;min-height:32px;margin:0;padding:4px 8px;border:0;',
    'border-radius:0;background:transparent;color:#000091;font-size:14px;font-weight:500;line-height:24px;cursor:pointer}',
    '.close:hover{background:#f6f6f6}',
    '.close:active{background:#ededed}',
    '.close svg{flex:none;width:16px;height:16px}',
    'iframe{flex:1 1 auto;display:block;width:100%;min-height:0;margin:0;padding:0;border:0}',
    '@media ' + FULL_SCREEN + '{.panel{inset:0;width:100%;height:100%;border:0;box-shadow:none}',
    '.launcher[aria-expanded="true"]{display:none}}',
  ].join('');

  // Line icons drawn with the text colour: a speech bubble and a cross.
  var icon = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2"'
    + ' stroke-linejoin="round" stroke-linecap="round">';
  var chatIcon = icon + '<path d="M4 4h16v12H10l-6 4z"/><path d="M8 8.5h8M8 12h5"/></svg>';
  var closeIcon = icon + '<path d="M6 6l12 12M18 6 6 18"/></svg>';

  var host = document.createElement(HOST_TAG);
  var root = host.attachShadow({ mode: 'open' });
  // A constructed style sheet is not an inline style: a host page whose Content-Security-Policy forbids those
  // ('unsafe-inline' absent from style-src) still styles the widget. Older browsers get a <style> element.
  var constructable = 'adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype;
  if (constructable) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  }
  // The launcher's accessible name starts with its visible text (WCAG 2.5.3, label in name).
  root.innerHTML = (constructable ? '' : '<style>' + css + '</style>')
    + '<div class="panel" id="ans-faq-panel" role="dialog" aria-labelledby="ans-faq-title" hidden>'
    + '<div class="header"><p class="title" id="ans-faq-title">' + TITLE + '</p>'
    + '<button class="close" id="ans-faq-close" type="button">Fermer<span class="sr-only"> l’assistant</span>' + closeIcon + '</button></div></div>'
    + '<button class="launcher" id="ans-faq-launcher" type="button" aria-expanded="false" aria-controls="ans-faq-panel">'
    + chatIcon + '<span>Une question ?</span><span class="sr-only"> Posez-la à l’assistant du Portail Industriels</span></button>';

  var panel = root.getElementById('ans-faq-panel');
  var launcher = root.getElementById('ans-faq-launcher');
  var close = root.getElementById('ans-faq-close');
  var frame; // created on first opening, so pages that never open the chat load nothing more

  function open() {
    if (!frame) {
      frame = document.createElement('iframe');
      // `host` tells the page where to post its Escape message (app.js).
      frame.src = botOrigin + '/?embed=1&host=' + encodeURIComponent(window.location.origin);
      frame.title = TITLE;
      frame.setAttribute('allow', 'clipboard-write');
      panel.appendChild(frame);
    }
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    close.focus();
  }

  function hide() {
    if (panel.hidden) return;
    panel.hidden = true;
    // The launcher shows again (it was hidden on a full-screen panel) before it takes the focus back.
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  launcher.addEventListener('click', function () { (panel.hidden ? open : hide)(); });
  close.addEventListener('click', hide);
  panel.addEventListener('keydown', function (event) { if (event.key === 'Escape') hide(); });
  // Escape inside the iframe: only our framed page may close the panel, not any other window or frame.
  window.addEventListener('message', function (event) {
    var fromOurFrame = frame && event.source === frame.contentWindow && event.origin === botOrigin;
    if (fromOurFrame && event.data && event.data.type === CLOSE_MESSAGE) hide();
  });

  (document.body || document.documentElement).appendChild(host);
})();
