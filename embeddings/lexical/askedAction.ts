import { foldAccents } from '../../knowledge/index.js';

/**
 * « Comment » followed by the action asked: « comment obtenir… », « comment
 * puis-je créer… », « comment un patient supprime-t-il… », also after a first
 * sentence (« …, comment le réinitialiser ? »). The words between « comment »
 * and the verb that only say who acts or how one asks are skipped. Folded,
 * lower case, straight apostrophes.
 */
const HOW_TO =
  /(?:^|[.?!:;,] ?)(?:et )?comment (?:faire pour |puis-je |peut-on |pouvons-nous |dois-je |devons-nous |faut-il |on (?:peut |doit |fait pour )?|je (?:peux |dois |fais pour )?|nous (?:pouvons |devons )?|un (?:\p{L}+ )?|une (?:\p{L}+ )?|les? |la |l')?(\p{L}+)/u;

/**
 * Pure: the word of the action a « comment… » question asks how to do
 * (« obtenir », « supprime »), or undefined. An entry that never names that
 * action rarely says how to do it: near misses ask how to do something else
 * with the FAQ's own subject (« Comment créer un compte sur le Portail
 * Industriels ? »).
 */
export function askedAction(question: string): string | undefined {
  return HOW_TO.exec(foldAccents(question).toLowerCase().replace(/[’‘ʼ`´]/gu, "'"))?.[1];
}
