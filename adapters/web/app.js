// Starts Web Chat on the page: gets a Direct Line token from this server, then renders in French.
// Plain browser JavaScript (no build step); Web Chat comes from /webchat/webchat.js, its French from /webChatFrench.js.
(function () {
  'use strict';

  var status = document.getElementById('chat-status');
  var container = document.getElementById('webchat');
  var params = new URLSearchParams(window.location.search);
  var embedded = params.has('embed');
  if (embedded) document.documentElement.classList.add('is-embedded');

  /** Message embed.js listens for (from this page's origin only) to close its panel. */
  var CLOSE_PANEL_MESSAGE = 'ans-faq:close';
  /** Card buttons whose payload asks the user to type (the bot's « Taper ma question »): the send box takes the focus. */
  var TYPE_QUESTION_ACTION = 'ask';

  // Colours and sizes of the French State design system (DSFR), drawn with Web Chat's own options; styles.css does the
  // rest (buttons, cards, send box). Bot text has one size: 16px, like the user's.
  var styleOptions = {
    accent: '#000091',
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    backgroundColor: '#f6f6f6',
    paddingRegular: 8,
    paddingWide: 16,
    avatarSize: 32,
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#dddddd',
    bubbleBorderRadius: 4,
    bubbleBorderWidth: 1,
    bubbleTextColor: '#161616',
    bubbleFromUserBackground: '#000091',
    bubbleFromUserBorderColor: '#000091',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 4,
    bubbleMaxWidth: 640,
    // Web Chat's 250px minimum overflows a 320px screen once the avatar and margins are counted.
    bubbleMinWidth: 0,
    botAvatarInitials: 'ANS',
    botAvatarBackgroundColor: '#000091',
    // No user avatar: the user's messages are told apart by side and colour, and a phone keeps 48px for text.
    sendBoxButtonColor: '#000091',
    sendBoxTextColor: '#161616',
    sendBoxPlaceholderColor: '#666666',
    sendBoxBorderTop: 'solid 1px #dddddd',
    sendBoxTextWrap: true,
    sendBoxButtonKeyboardFocusIndicatorBorderColor: '#0a76f6',
    sendBoxButtonKeyboardFocusIndicatorBorderWidth: 2,
    // Suggested actions (the bot sends cards, but any Web Chat button must wrap, never be cut): one per line.
    suggestedActionLayout: 'stacked',
    suggestedActionsStackedLayoutButtonTextWrap: true,
    suggestedActionBorderColor: '#000091',
    suggestedActionBorderWidth: 1,
    suggestedActionTextColor: '#000091',
    suggestedActionBorderRadius: 0,
    suggestedActionBackgroundColorOnHover: '#f6f6f6',
    suggestedActionBackgroundColorOnActive: '#ededed',
    suggestedActionsVisualKeyboardIndicatorColor: '#0a76f6',
    suggestedActionKeyboardFocusIndicatorBorderColor: '#0a76f6',
    suggestedActionKeyboardFocusIndicatorBorderStyle: 'solid',
    suggestedActionKeyboardFocusIndicatorBorderWidth: 2,
    subtle: '#666666',
    timestampColor: '#666666',
    transcriptVisualKeyboardIndicatorColor: '#0a76f6',
    transcriptActivityVisualKeyboardIndicatorColor: '#0a76f6',
    transcriptActivityVisualKeyboardIndicatorStyle: 'solid',
    transcriptActivityVisualKeyboardIndicatorWidth: 2,
    cardPushButtonBackgroundColor: '#000091',
    cardPushButtonTextColor: '#ffffff',
    hideUploadButton: true,
  };

  function showError() {
    status.textContent = 'L’assistant est momentanément indisponible. Veuillez réessayer dans quelques instants.';
    status.classList.add('is-error');
  }

  function focusSendBox() {
    var input = container.querySelector('.webchat__send-box textarea');
    if (input) input.focus();
  }

  /** Web Chat store middleware: a posted « Taper ma question » click moves the focus to the send box. */
  function focusSendBoxOnTypeQuestion() {
    return function (next) {
      return function (action) {
        var value = action.type === 'DIRECT_LINE/POST_ACTIVITY' && action.payload.activity.value;
        // After Web Chat's own handling of the click, which leaves the focus on the card.
        if (value && value.action === TYPE_QUESTION_ACTION) window.setTimeout(focusSendBox, 0);
        return next(action);
      };
    };
  }

  /**
   * In embed.js's panel, Escape anywhere in the chat closes the panel: the keys pressed in this frame never reach the
   * host page, so tell it. embed.js gives its page's origin in `host`; the message carries nothing else.
   */
  function closePanelOnEscape() {
    var host;
    try {
      host = new URL(params.get('host') || '').origin;
    } catch (error) {
      return;
    }
    // Capture phase: Web Chat stops some Escape presses (leaving a card) before they bubble.
    window.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') window.parent.postMessage({ type: CLOSE_PANEL_MESSAGE }, host);
    }, true);
  }

  async function start() {
    if (!window.WebChat || !window.AnsFaqWebChatFrench) return showError();
    var response = await fetch('/api/directline/token', { method: 'POST', headers: { Accept: 'application/json' } });
    if (!response.ok) return showError();
    var session = await response.json();
    var directLineOptions = { token: session.token, webSocket: true };
    // Built-in endpoint: talk to this server; Azure mode: no domain, Web Chat's default (Azure) applies.
    if (session.domain) directLineOptions.domain = new URL(session.domain, window.location.href).href.replace(/\/$/, '');
    window.WebChat.renderWebChat(
      {
        directLine: window.WebChat.createDirectLine(directLineOptions),
        store: window.WebChat.createStore({}, focusSendBoxOnTypeQuestion),
        userID: session.userId,
        locale: window.AnsFaqWebChatFrench.locale,
        overrideLocalizedStrings: window.AnsFaqWebChatFrench.strings,
        styleOptions: styleOptions,
      },
      container,
    );
    status.textContent = '';
  }

  if (embedded) closePanelOnEscape();
  start().catch(showError);
})();
