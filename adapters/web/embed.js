// Embeddable chat button. Any page can add:
//   <script src="https://<bot host>/embed.js" defer></script>
// A floating button opens the assistant in a panel (an iframe of this server's page).
(function () {
  'use strict';
  if (document.getElementById('ans-faq-launcher')) return;

  var script = document.currentScript;
  var origin = new URL(script ? script.src : '/embed.js', window.location.href).origin;
  var title = 'Assistant Portail Industriels – ANS';
  var blue = '#000091';

  var style = document.createElement('style');
  style.textContent = [
    '#ans-faq-launcher{position:fixed;right:1.5rem;bottom:1.5rem;z-index:2147483000;display:flex;align-items:center;gap:.5rem;',
    'padding:.75rem 1.25rem;border:0;border-radius:2rem;background:' + blue + ';color:#fff;font:600 1rem/1.2 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;',
    'box-shadow:0 4px 12px rgba(0,0,18,.3);cursor:pointer}',
    '#ans-faq-launcher:hover{background:#1212ff}',
    '#ans-faq-launcher:focus-visible,#ans-faq-close:focus-visible{outline:3px solid #0a76f6;outline-offset:3px}',
    '#ans-faq-panel{position:fixed;right:1.5rem;bottom:5.5rem;z-index:2147483000;display:flex;flex-direction:column;',
    'width:min(26rem,calc(100vw - 2rem));height:min(40rem,calc(100vh - 7rem));background:#fff;border:1px solid #ddd;',
    'border-top:4px solid ' + blue + ';box-shadow:0 8px 24px rgba(0,0,18,.25)}',
    '#ans-faq-panel[hidden]{display:none}',
    '#ans-faq-panel header{display:flex;align-items:center;justify-content:space-between;padding:.5rem .75rem;',
    'font:700 1rem/1.3 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:' + blue + '}',
    '#ans-faq-close{border:0;background:none;color:#161616;font-size:1.5rem;line-height:1;padding:.25rem .5rem;cursor:pointer}',
    '#ans-faq-panel iframe{flex:1;width:100%;border:0}',
    '@media (max-width:36rem){#ans-faq-panel{right:0;bottom:0;width:100vw;height:100vh}}',
  ].join('');
  document.head.appendChild(style);

  var launcher = document.createElement('button');
  launcher.id = 'ans-faq-launcher';
  launcher.type = 'button';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'ans-faq-panel');
  launcher.innerHTML = '<span aria-hidden="true">💬</span><span>Une question ?</span>';
  launcher.setAttribute('aria-label', 'Ouvrir l’assistant du Portail Industriels');

  var panel = document.createElement('div');
  panel.id = 'ans-faq-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', title);

  var header = document.createElement('header');
  var heading = document.createElement('span');
  heading.textContent = title;
  var close = document.createElement('button');
  close.id = 'ans-faq-close';
  close.type = 'button';
  close.setAttribute('aria-label', 'Fermer l’assistant');
  close.innerHTML = '<span aria-hidden="true">×</span>';
  header.appendChild(heading);
  header.appendChild(close);
  panel.appendChild(header);

  var frame; // created on first opening, so pages that never open the chat load nothing more
  function open() {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.src = origin + '/?embed=1';
      frame.title = title;
      frame.setAttribute('allow', 'clipboard-write');
      panel.appendChild(frame);
    }
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    launcher.setAttribute('aria-label', 'Fermer l’assistant du Portail Industriels');
    close.focus();
  }
  function hide() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-label', 'Ouvrir l’assistant du Portail Industriels');
    launcher.focus();
  }
  launcher.addEventListener('click', function () { (panel.hidden ? open : hide)(); });
  close.addEventListener('click', hide);
  panel.addEventListener('keydown', function (event) { if (event.key === 'Escape') hide(); });

  document.body.appendChild(panel);
  document.body.appendChild(launcher);
})();
