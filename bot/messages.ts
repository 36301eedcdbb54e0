/**
 * Every French string the user sees. Nothing else in bot/ writes user-facing
 * text, so wording reviews (and translations) touch one file.
 *
 * The clarifying questions themselves come verbatim from the taxonomy
 * (knowledge/data/taxonomy.yaml) and the answers verbatim from the KB.
 * French spacing (no-break spaces before ; : ! ? and inside « ») comes from
 * the `fr` tag, which leaves interpolated values (user text, labels) untouched.
 */

import { fr } from './frenchTypography.js';

/** The bot's name, as Teams lists it (short names are limited to 30 characters). */
export const BOT_NAME = 'Assistant Portail Industriels';
/** The name shown beside its messages and on the chat page. */
export const BOT_DISPLAY_NAME = `${BOT_NAME} – ANS`;
/** The name with the agency spelt out (Teams' full name). */
export const BOT_FULL_NAME = `${BOT_NAME} – Agence du numérique en santé`;

/** Where every answer comes from, named on each answer card. */
export const ANSWER_SOURCE = 'FAQ du Portail Industriels de l’ANS';

export const messages = {
  welcome: fr`Bonjour, je suis l’assistant du Portail Industriels de l’ANS. Vous pouvez taper votre question à tout moment, ou vous laisser guider en répondant à quelques questions.`,
  help:
    fr`Je réponds aux questions fréquentes des industriels sur les offres de l’Agence du numérique en santé : ` +
    fr`offre innovation, référencement Mon espace santé, référentiels sémantiques MOS / NOS.\n\n` +
    fr`- Tapez votre question en une phrase, par exemple « Le référencement est-il obligatoire ? ».\n` +
    fr`- Ou répondez aux questions proposées en cliquant sur les boutons.\n` +
    fr`- Tapez « menu » ou « recommencer » pour reprendre depuis le début.\n` +
    fr`- Après chaque réponse, dites-nous si elle vous a été utile : cela nous aide à améliorer la FAQ.`,

  /** Shown with the triage results. */
  triageResults: fr`Voici les questions qui correspondent à vos choix :`,
  triageResultsMore: (shown: number, total: number): string =>
    fr`Voici ${shown} des ${total} questions qui correspondent à vos choix :`,
  /** Placed after the list of questions it refers to. */
  triageInviteTyping: fr`Ce n’est pas votre question ? Tapez-la avec vos mots : je chercherai parmi les réponses de ce thème.`,
  /** A triage branch with no entry: say so, and offer to type the question, which goes to the curators. */
  emptyBranch: (label: string): string =>
    fr`Je n’ai pas encore de réponse sur « ${label} ». ` +
    fr`Tapez votre question : elle sera transmise à l’équipe qui enrichit la FAQ, et je chercherai dans le reste de la FAQ. Vous pouvez aussi recommencer.`,
  staleChoice: fr`Ce bouton correspond à une étape précédente. Reprenons à la question en cours, ou tapez « menu » pour recommencer.`,
  staleButton: fr`Ce bouton n’est plus actif. Tapez votre question, ou « menu » pour recommencer.`,
  unknownPayload: fr`Je n’ai pas reconnu ce bouton. Tapez votre question, ou « menu » pour recommencer.`,

  /** Free text. */
  emptyMessage: fr`Votre message est vide. Tapez votre question en quelques mots, ou « menu » pour être guidé.`,
  emojiOnly: fr`Je ne comprends que les questions écrites. Tapez votre question en quelques mots, ou « menu » pour être guidé.`,
  longMessage: (limit: number): string =>
    fr`Votre message est très long : j’ai cherché une réponse à partir de ses ${limit.toLocaleString('fr-FR')} premiers caractères. ` +
    fr`Pour une réponse plus précise, posez une question courte.`,
  relaxed: fr`Je n’ai rien trouvé dans le thème choisi : j’ai élargi la recherche à toute la FAQ.`,
  clarify: fr`Vouliez-vous dire…`,
  noneOfThese: fr`Aucune de ces questions`,
  notFound: (quoted: string): string => fr`Je n’ai pas trouvé de réponse à « ${quoted} » dans la FAQ.`,
  notFoundNoted: fr`Votre question a été transmise à l’équipe qui enrichit la FAQ.`,
  nearby: fr`Ces questions de la FAQ s’en approchent peut-être :`,
  noneChosen: fr`Merci, votre question a été transmise à l’équipe qui enrichit la FAQ.`,
  rephrase: fr`Vous pouvez reformuler votre question, ou recommencer avec les questions guidées.`,
  askNow: fr`Je vous écoute : tapez votre question.`,

  /** Contacts come from the taxonomy, one per offer where the agency's text names one; none is invented. */
  contactOffer: (offerLabel: string, contact: string): string => fr`Pour « ${offerLabel} », écrivez à ${contact}.`,

  /** Before the answer to a question typed in English: the FAQ is in French only. */
  englishPreface: fr`Cette FAQ n’existe qu’en français : voici ce que l’ANS répond à votre question.`,
  /** Before « Vouliez-vous dire… » or « pas trouvé » for a question typed in English: nothing is answered yet. */
  englishNote: fr`Cette FAQ n’existe qu’en français.`,

  /** Small talk: a short kind reply, never recorded as an unanswered question. */
  smallTalk: {
    greeting: fr`Bonjour ! Tapez votre question en une phrase, ou « menu » pour être guidé.`,
    thanks: fr`Avec plaisir ! Vous pouvez poser une autre question.`,
    goodbye: fr`Au revoir, et merci de votre visite !`,
    acknowledgement: fr`Très bien. Vous pouvez poser une autre question, ou taper « menu » pour être guidé.`,
    presence: fr`Je suis là ! Tapez votre question en quelques mots, ou « menu » pour être guidé.`,
    identity:
      fr`Je suis un assistant automatique : je réponds avec les réponses publiées par l’Agence du numérique en santé. ` +
      fr`Tapez votre question, ou « menu » pour être guidé.`,
    human: fr`Je suis un assistant automatique et ne peux pas vous mettre en relation directement. Vous pouvez écrire à l’ANS :`,
    complaint: fr`Désolé de ne pas avoir pu vous aider. Reformulez votre question en quelques mots, ou écrivez à l’ANS :`,
    /** « un instant », « je réfléchis »: nothing to do but wait. */
    wait: fr`Prenez votre temps : je suis là quand vous voudrez poser votre question.`,
    /** « et alors ? », « asdfgh », « hmm »: a message that names no subject; what can be asked instead. */
    unclear:
      fr`Je n’ai pas compris votre message. Je réponds aux questions des industriels sur l’offre innovation de l’ANS, ` +
      fr`le référencement Mon espace santé et les référentiels MOS / NOS : tapez votre question en une phrase, ou « menu » pour être guidé.`,
    /** « do you speak English? »: the FAQ is French, but English questions are searched. */
    language:
      fr`Je réponds uniquement en français, mais vous pouvez taper votre question en anglais : ` +
      fr`je vous donnerai la réponse de l’ANS, en français.`,
  },

  /** Answers. */
  contactLine: (contact: string): string => fr`Contact : ${contact}`,
  /** Under every answer: where it comes from, and when it was last reviewed (a French date such as « 26 novembre 2026 »). */
  answerSource: (reviewed: string | undefined): string =>
    reviewed === undefined ? fr`Source : ${ANSWER_SOURCE}.` : fr`Source : ${ANSWER_SOURCE}. Mise à jour le ${reviewed}.`,
  /** Above an answer whose review is older than the configured age. */
  answerOutdated: (months: number): string =>
    fr`Cette réponse n’a pas été mise à jour depuis plus de ${months} mois : elle n’est peut-être plus exacte. Vérifiez-la sur le Portail Industriels de l’ANS.`,
  /** Above an answer without a review date. */
  answerUndated: fr`La date de mise à jour de cette réponse n’est pas connue : elle n’est peut-être plus exacte. Vérifiez-la sur le Portail Industriels de l’ANS.`,
  /** Before the answer's links. */
  answerLinks: fr`Pour en savoir plus :`,
  missingFigure: fr`Le schéma mentionné dans cette réponse n’est pas disponible ici : consultez la page correspondante du Portail Industriels.`,
  feedbackQuestion: fr`Cette réponse vous a-t-elle été utile ?`,
  thumbsUp: '👍 Oui',
  thumbsDown: '👎 Non',
  thanksHelpful: fr`Merci pour votre retour ! Vous pouvez poser une autre question.`,
  sorryNotHelpful: fr`Désolé que cette réponse ne vous ait pas aidé.`,
  nextBest: fr`Ces questions proches répondent peut-être à votre besoin :`,
  commentPrompt: fr`Si vous le souhaitez, écrivez en une phrase ce qui manquait (ou cliquez sur « Passer »).`,
  commentThanks: fr`Merci, votre commentaire a été enregistré. Vous pouvez poser une autre question.`,
  commentSkipped: fr`C’est noté. Vous pouvez poser une autre question.`,

  /** Buttons. */
  buttonTypeQuestion: 'Taper ma question',
  buttonRestart: 'Recommencer',
  buttonContact: 'Écrire à l’ANS',
  buttonSkip: 'Passer',

  /** Errors. */
  /** Opens a web chat conversation the server recreated after losing it (a restart, a long pause). */
  conversationResumed: fr`La conversation a redémarré après une interruption du service. Tapez votre question, ou « menu » pour être guidé.`,
  turnError: fr`Désolé, un problème technique m’a empêché de répondre. Reprenons depuis le début : tapez votre question ou « menu ».`,
} as const;
