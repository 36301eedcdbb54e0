import { isFacet, isRecord, type Facet } from '../knowledge/index.js';

/** Version of the card payload format; cards carrying another version are treated as foreign. */
export const PAYLOAD_VERSION = 1;

/**
 * What a card button sends back (Action.Submit `data`, delivered by Web Chat
 * and Teams as the message's `value`). `turn` is the nonce of the card that
 * carried the button, so a click on an old card is recognised.
 */
export type FaqPayload =
  | { readonly action: 'choose'; readonly facet: Facet; readonly value: string; readonly turn: number }
  | { readonly action: 'answer'; readonly id: string; readonly turn: number }
  | { readonly action: 'vote'; readonly helpful: boolean; readonly turn: number }
  | { readonly action: 'none'; readonly turn: number }
  | { readonly action: 'skip'; readonly turn: number }
  | { readonly action: 'restart' }
  | { readonly action: 'ask' }
  | { readonly action: 'contact' };

/** Result of reading a `value`: one of our payloads, or the reason it is not usable. */
export type PayloadParse =
  | { readonly kind: 'payload'; readonly payload: FaqPayload }
  | { readonly kind: 'invalid'; readonly reason: string };

/** The `data` object of an Action.Submit button. */
export function toCardData(payload: FaqPayload): Record<string, unknown> {
  return { faq: PAYLOAD_VERSION, ...payload };
}

/** Validates an incoming `value` field by hand: it comes from the client and may be anything. */
export function parsePayload(value: unknown): PayloadParse {
  if (!isRecord(value)) return invalid('not an object');
  if (value.faq !== PAYLOAD_VERSION) return invalid('not a FAQ card payload of this version');
  const turn = value.turn;
  const hasTurn = typeof turn === 'number' && Number.isSafeInteger(turn) && turn >= 0;
  switch (value.action) {
    case 'choose': {
      const { facet, value: choice } = value;
      if (!hasTurn || typeof facet !== 'string' || !isFacet(facet) || !isShortString(choice)) return invalid('malformed choose');
      return ok({ action: 'choose', facet, value: choice, turn });
    }
    case 'answer':
      if (!hasTurn || !isShortString(value.id)) return invalid('malformed answer');
      return ok({ action: 'answer', id: value.id, turn });
    case 'vote':
      if (!hasTurn || typeof value.helpful !== 'boolean') return invalid('malformed vote');
      return ok({ action: 'vote', helpful: value.helpful, turn });
    case 'none':
    case 'skip':
      if (!hasTurn) return invalid(`malformed ${value.action}`);
      return ok({ action: value.action, turn });
    case 'restart':
    case 'ask':
    case 'contact':
      return ok({ action: value.action });
    default:
      return invalid('unknown action');
  }
}

/** Longest string accepted inside a payload (ids and facet values are short slugs). */
const MAX_PAYLOAD_STRING = 100;

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_PAYLOAD_STRING;
}

function ok(payload: FaqPayload): PayloadParse {
  return { kind: 'payload', payload };
}

function invalid(reason: string): PayloadParse {
  return { kind: 'invalid', reason };
}
