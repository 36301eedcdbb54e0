// Starts Web Chat on the page: gets a Direct Line token from this server, then renders in French.
// Plain browser JavaScript (no build step); Web Chat comes from /webchat/webchat.js.
(function () {
  'use strict';

  var status = document.getElementById('chat-status');
  var container = document.getElementById('webchat');
  var params = new URLSearchParams(window.location.search);
  if (params.has('embed')) document.documentElement.classList.add('is-embedded');

  var styleOptions = {
    accent: '#000091',
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    backgroundColor: '#f6f6f6',
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#dddddd',
    bubbleBorderRadius: 4,
    bubbleBorderWidth: 1,
    bubbleTextColor: '#161616',
    bubbleFromUserBackground: '#000091',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 4,
    bubbleMaxWidth: 640,
    botAvatarInitials: 'ANS',
    botAvatarBackgroundColor: '#000091',
    userAvatarInitials: 'Moi',
    userAvatarBackgroundColor: '#3a3a3a',
    sendBoxButtonColor: '#000091',
    sendBoxTextWrap: true,
    suggestedActionBorderColor: '#000091',
    suggestedActionTextColor: '#000091',
    suggestedActionBorderRadius: 4,
    subtle: '#595959',
    timestampColor: '#595959',
    transcriptVisualKeyboardIndicatorColor: '#0a76f6',
    transcriptActivityVisualKeyboardIndicatorColor: '#0a76f6',
    hideUploadButton: true,
  };

  function showError() {
    status.textContent = 'L’assistant est momentanément indisponible. Veuillez réessayer dans quelques instants.';
    status.classList.add('is-error');
  }

  async function start() {
    if (!window.WebChat) return showError();
    var response = await fetch('/api/directline/token', { method: 'POST', headers: { Accept: 'application/json' } });
    if (!response.ok) return showError();
    var session = await response.json();
    var directLineOptions = { token: session.token, webSocket: true };
    // Built-in endpoint: talk to this server; Azure mode: no domain, Web Chat's default (Azure) applies.
    if (session.domain) directLineOptions.domain = new URL(session.domain, window.location.href).href.replace(/\/$/, '');
    window.WebChat.renderWebChat(
      {
        directLine: window.WebChat.createDirectLine(directLineOptions),
        userID: session.userId,
        locale: 'fr-FR',
        styleOptions: styleOptions,
      },
      container,
    );
    status.textContent = '';
  }

  start().catch(showError);
})();
