// French for everything Web Chat says itself (the bot's own words come from bot/messages.ts).
// Web Chat 4.18 formats dates with precompiled Unicode CLDR data and a 12-hour skeleton ('MMMMdhm'), so its screen
// reader text read « Envoyé à 29 novembre à 3:44 PM ». Its localized strings accept a GLOBALIZE object (read by the
// Composer before the precompiled one), which is where the browser's own Intl formatting replaces it. That key is not
// in Web Chat's documentation: the browser test (pageKeyboard.test.ts) fails if an upgrade stops honouring it.
// Plain browser JavaScript (no build step), loaded before app.js; it defines window.AnsFaqWebChatFrench.
(function (root) {
  'use strict';

  var LOCALE = 'fr-FR';
  var time = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });
  var dayMonth = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long' });
  var dayMonthYear = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric' });
  var relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'always' });

  /**
   * When a message was sent, to follow « Envoyé » (« Envoyé à 15:44 », « Envoyé le 28 novembre à 09:05 »).
   * Also Web Chat's visible timestamp for messages older than two days.
   */
  function sentAt(date, now) {
    var sameDay = date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
    if (sameDay) return 'à ' + time.format(date);
    var day = date.getFullYear() === now.getFullYear() ? dayMonth : dayMonthYear;
    return 'le ' + day.format(date) + ' à ' + time.format(date);
  }

  /** « Il y a 5 minutes »: capitalised like Web Chat's own « Il y a une minute ». */
  function ago(value, unit) {
    var text = relative.format(value, unit);
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /** File sizes (« 12 octets », « 3 ko »): Web Chat asks for bytes in long form, larger units in short form. */
  function size(unit, options) {
    var format = new Intl.NumberFormat(LOCALE, { style: 'unit', unit: unit, unitDisplay: options && options.form === 'long' ? 'long' : 'short' });
    return function (value) { return format.format(value); };
  }

  var plurals = new Intl.PluralRules(LOCALE);

  /** What Web Chat uses of its precompiled Globalize object (plural rules and three formatters), from Intl. */
  var globalize = {
    plural: function (count) { return plurals.select(count); },
    dateFormatter: function () {
      return function (date) { return sentAt(new Date(date), new Date()); };
    },
    relativeTimeFormatter: function (unit) {
      return function (value) { return ago(value, unit); };
    },
    unitFormatter: size,
  };

  /**
   * Web Chat's fr-FR strings, with typographic apostrophes and the bot called « l’assistant ».
   * Strings not listed keep Web Chat's translation.
   */
  var strings = {
    GLOBALIZE: globalize,
    ACTIVITY_BOT_SAID_ALT: 'L’assistant a dit :',
    ACTIVITY_BOT_ATTACHED_ALT: 'L’assistant a joint :',
    ACTIVITY_ERROR_BOX_TITLE: 'Message d’erreur',
    ACTIVITY_STATUS_SEND_FAILED_RETRY: 'Échec de l’envoi. [Réessayer][RETRY].',
    ACTIVITY_STATUS_SEND_STATUS_ALT_SENT_AT: 'Envoyé $1',
    ACTIVITY_STATUS_TIMESTAMP_JUST_NOW: 'À l’instant',
    ACTIVITY_STATUS_TIMESTAMP_TODAY: 'Aujourd’hui',
    ADAPTIVE_CARD_ERROR_BOX_TITLE_PARSE: 'Erreur d’analyse de la carte',
    ADAPTIVE_CARD_ERROR_BOX_TITLE_RENDER: 'Erreur d’affichage de la carte',
    CONNECTIVITY_STATUS_ALT_RECONNECTING: 'La connexion a été interrompue. Reconnexion en cours…',
    CONNECTIVITY_STATUS_ALT_SLOW_CONNECTION: 'La connexion prend plus de temps que d’habitude.',
    CONNECTIVITY_STATUS_ALT_CONNECTING: 'Connexion en cours…',
    TEXT_INPUT_ALT: 'Votre question',
    TEXT_INPUT_PLACEHOLDER: 'Tapez votre question',
    TYPING_INDICATOR_ALT: 'L’assistant écrit',
    TYPING_INDICATOR_SINGLE_TEXT: 'L’assistant écrit…',
  };

  root.AnsFaqWebChatFrench = { locale: LOCALE, strings: strings, sentAt: sentAt };
})(window);
