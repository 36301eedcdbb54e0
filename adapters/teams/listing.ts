/**
 * Text of the Teams app listing (store card, app details, command menu), in French (the
 * manifest's default language) and English (an additional language file).
 *
 * This is not conversation text: what the bot says lives in bot/messages.ts. The listing is
 * read by Teams, not by the bot, and it needs both languages, so it sits next to the manifest.
 * Only the bot's French name comes from bot/messages.ts, so that it is written once.
 */
import { BOT_FULL_NAME, BOT_NAME } from '../../bot/index.js';

/** Strings that Teams localizes: one set per language. */
export interface ListingText {
  readonly nameShort: string;
  readonly nameFull: string;
  readonly descriptionShort: string;
  readonly descriptionFull: string;
  /** Descriptions of the bot commands, keyed by the command title. */
  readonly commandDescriptions: Readonly<Record<BotCommandTitle, string>>;
}

/**
 * The bot understands its French command words whatever the user's Teams language, so the
 * titles are the same in every language: only their descriptions are translated.
 */
export const BOT_COMMAND_TITLES = ['menu', 'aide'] as const;
export type BotCommandTitle = (typeof BOT_COMMAND_TITLES)[number];

export const DEVELOPER = {
  name: 'Agence du numérique en santé',
  websiteUrl: 'https://esante.gouv.fr',
  // To be confirmed by the agency before publishing (see README, "Microsoft Teams").
  privacyUrl: 'https://esante.gouv.fr/donnees-personnelles',
  termsOfUseUrl: 'https://esante.gouv.fr/mentions-legales',
} as const;

/** The agency's blue, used by Teams around the colour icon. */
export const ACCENT_COLOR = '#000091';

export const FRENCH_LISTING: ListingText = {
  nameShort: BOT_NAME,
  nameFull: BOT_FULL_NAME,
  descriptionShort: 'Réponses aux questions des industriels sur les offres et services de l’ANS',
  descriptionFull:
    'L’assistant du Portail Industriels de l’Agence du numérique en santé (ANS) répond aux questions ' +
    'fréquentes des éditeurs et des entreprises de la e-santé : offre innovation de l’ANS, référencement ' +
    'Mon espace santé, Ségur du numérique en santé, référentiels sémantiques MOS / NOS. Posez votre ' +
    'question ou laissez-vous guider par quelques questions : les réponses sont celles de l’ANS. ' +
    'Dans un canal d’équipe, mentionnez l’assistant (@) pour lui poser une question. ' +
    'Commandes : « menu » pour recommencer les questions guidées, « aide » pour savoir ce que fait l’assistant.',
  commandDescriptions: {
    menu: 'Recommencer les questions guidées',
    aide: 'Ce que fait l’assistant et comment l’utiliser',
  },
};

export const ENGLISH_LISTING: ListingText = {
  nameShort: 'ANS Industry Portal Assistant',
  nameFull: 'Industry Portal Assistant – French Digital Health Agency (ANS)',
  descriptionShort: 'Answers vendors’ questions about ANS offers and services (in French)',
  descriptionFull:
    'The assistant of the Industry Portal of the French Digital Health Agency (Agence du numérique en ' +
    'santé, ANS) answers the frequent questions of digital health vendors and companies: the ANS ' +
    'innovation offer, Mon espace santé listing, the Ségur digital health programme, the MOS / NOS ' +
    'semantic repositories. Ask your question or be guided by a few questions; the answers are the ' +
    'agency’s own, in French. In a team channel, @mention the assistant to ask it a question. ' +
    'Commands: "menu" restarts the guided questions, "aide" (help) explains what the assistant does.',
  commandDescriptions: {
    menu: 'Restart the guided questions',
    aide: 'Help: what the assistant does and how to use it',
  },
};
