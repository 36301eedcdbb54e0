/**
 * Every French string the user sees. Nothing else in bot/ writes user-facing
 * text, so wording reviews (and translations) touch one file.
 *
 * The clarifying questions themselves come verbatim from the taxonomy
 * (knowledge/data/taxonomy.yaml) and the answers verbatim from the KB.
 */

/** The bot's name, as Teams lists it (short names are limited to 30 characters). */
export const BOT_NAME = 'Assistant Portail Industriels';
/** The name shown beside its messages and on the chat page. */
export const BOT_DISPLAY_NAME = `${BOT_NAME} – ANS`;
/** The name with the agency spelt out (Teams' full name). */
export const BOT_FULL_NAME = `${BOT_NAME} – Agence du numérique en santé`;

/** Contact the agency's source names for the innovation offer. */
export const INNOVATION_CONTACT = 'innovation@esante.gouv.fr';

export const messages = {
  welcome:
    'Bonjour, je suis l’assistant du Portail Industriels de l’ANS. ' +
    'Vous pouvez taper votre question à tout moment, ou vous laisser guider en répondant à quelques questions.',
  help:
    'Je réponds aux questions fréquentes des industriels sur les offres de l’Agence du numérique en santé : ' +
    'offre innovation, référencement Mon espace santé, référentiels sémantiques MOS / NOS.\n\n' +
    '- Tapez votre question en une phrase, par exemple « Le référencement est-il obligatoire ? ».\n' +
    '- Ou répondez aux questions proposées en cliquant sur les boutons.\n' +
    '- Tapez « menu » ou « recommencer » pour reprendre depuis le début.\n' +
    '- Après chaque réponse, dites-nous si elle vous a été utile : cela nous aide à améliorer la FAQ.',

  /** Shown with the triage results. */
  triageResults: 'Voici les questions qui correspondent à vos choix :',
  triageResultsMore: (shown: number, total: number): string =>
    `Voici ${shown} des ${total} questions qui correspondent à vos choix. Vous pouvez aussi taper votre question.`,
  triageInviteTyping: 'Ce n’est pas votre question ? Tapez-la avec vos mots : je chercherai parmi les réponses de ce thème.',
  emptyBranch: (label: string): string =>
    `Je n’ai pas encore de réponse sur « ${label} ». ` +
    'Vous pouvez taper votre question, recommencer, ou écrire à l’ANS.',
  staleChoice: 'Ce bouton correspond à une étape précédente. Reprenons à la question en cours, ou tapez « menu » pour recommencer.',
  staleButton: 'Ce bouton n’est plus actif. Tapez votre question, ou « menu » pour recommencer.',
  unknownPayload: 'Je n’ai pas reconnu ce bouton. Tapez votre question, ou « menu » pour recommencer.',

  /** Free text. */
  emptyMessage: 'Votre message est vide. Tapez votre question en quelques mots, ou « menu » pour être guidé.',
  emojiOnly: 'Je ne comprends que les questions écrites. Tapez votre question en quelques mots, ou « menu » pour être guidé.',
  longMessage: (limit: number): string =>
    `Votre message est très long : j’ai cherché une réponse à partir de ses ${limit.toLocaleString('fr-FR')} premiers caractères. ` +
    'Pour une réponse plus précise, posez une question courte.',
  relaxed: 'Je n’ai rien trouvé dans le thème choisi : j’ai élargi la recherche à toute la FAQ.',
  clarify: 'Vouliez-vous dire…',
  noneOfThese: 'Aucune de ces questions',
  notFound: (quoted: string): string => `Je n’ai pas trouvé de réponse à « ${quoted} » dans la FAQ.`,
  notFoundNoted: 'Votre question a été transmise à l’équipe qui enrichit la FAQ.',
  nearby: 'Ces questions de la FAQ s’en approchent peut-être :',
  noneChosen: 'Merci, votre question a été transmise à l’équipe qui enrichit la FAQ.',
  rephrase: 'Vous pouvez reformuler votre question, ou recommencer avec les questions guidées.',
  askNow: 'Je vous écoute : tapez votre question.',

  /** Contacts: the innovation address is in the agency's text; no other address is invented. */
  contactInnovation: `Pour l’offre innovation, écrivez à ${INNOVATION_CONTACT}.`,
  contactGeneric: 'Pour les autres sujets, utilisez le formulaire de contact du Portail Industriels de l’ANS.',

  /** Before the answer to a question typed in English: the FAQ is in French only. */
  englishPreface: 'Cette FAQ n’existe qu’en français : voici ce que l’ANS répond à votre question.',

  /** Small talk: a short kind reply, never recorded as an unanswered question. */
  smallTalk: {
    greeting: 'Bonjour ! Tapez votre question en une phrase, ou « menu » pour être guidé.',
    thanks: 'Avec plaisir ! Vous pouvez poser une autre question.',
    goodbye: 'Au revoir, et merci de votre visite !',
    acknowledgement: 'Très bien. Vous pouvez poser une autre question, ou taper « menu » pour être guidé.',
    presence: 'Je suis là ! Tapez votre question en quelques mots, ou « menu » pour être guidé.',
    identity:
      'Je suis un assistant automatique : je réponds avec les réponses publiées par l’Agence du numérique en santé. ' +
      'Tapez votre question, ou « menu » pour être guidé.',
    human: 'Je suis un assistant automatique et ne peux pas vous mettre en relation directement. Vous pouvez écrire à l’ANS :',
    complaint: 'Désolé de ne pas avoir pu vous aider. Reformulez votre question en quelques mots, ou écrivez à l’ANS :',
  },

  /** Answers. */
  contactLine: (contact: string): string => `Contact : ${contact}`,
  missingFigure: 'Le schéma mentionné dans cette réponse n’est pas disponible ici : consultez la page correspondante du Portail Industriels.',
  feedbackQuestion: 'Cette réponse vous a-t-elle été utile ?',
  thumbsUp: '👍 Oui',
  thumbsDown: '👎 Non',
  thanksHelpful: 'Merci pour votre retour ! Vous pouvez poser une autre question.',
  sorryNotHelpful: 'Désolé que cette réponse ne vous ait pas aidé.',
  nextBest: 'Ces questions proches répondent peut-être à votre besoin :',
  commentPrompt: 'Si vous le souhaitez, écrivez en une phrase ce qui manquait (ou cliquez sur « Passer »).',
  commentThanks: 'Merci, votre commentaire a été enregistré. Vous pouvez poser une autre question.',
  commentSkipped: 'C’est noté. Vous pouvez poser une autre question.',

  /** Buttons. */
  buttonTypeQuestion: 'Taper ma question',
  buttonRestart: 'Recommencer',
  buttonContact: 'Écrire à l’ANS',
  buttonSkip: 'Passer',

  /** Errors. */
  /** Opens a web chat conversation the server recreated after losing it (a restart, a long pause). */
  conversationResumed: 'La conversation a redémarré après une interruption du service. Tapez votre question, ou « menu » pour être guidé.',
  turnError: 'Désolé, un problème technique m’a empêché de répondre. Reprenons depuis le début : tapez votre question ou « menu ».',
} as const;
