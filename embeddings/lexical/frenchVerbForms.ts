/**
 * Present-tense forms of irregular (third-group) French verbs that the Porter
 * stemmer leaves outside their verb's family: « sert » stems to « sert »,
 * « servent » to « servent », « servir » to « serv »; « permet » to « permet »,
 * « permettre » to « permettr ». Each form is read as its infinitive before
 * stemming, on the KB's side and the question's alike, so « À quoi sert le
 * MOS ? » meets « À quoi peuvent servir le MOS et les NOS… ». General French
 * conjugation (folded, lower case), not words of this KB; forms that are also
 * common nouns (« offre », « mise », « prise ») are left out, and so are verbs whose
 * participles already stem like their present (« décrit », « décrits », « inscrit »).
 */
const IRREGULAR_VERB_FORMS: Readonly<Record<string, readonly string[]>> = {
  servir: ['sers', 'sert', 'servons', 'servez', 'servent'],
  permettre: ['permets', 'permet', 'permettons', 'permettez', 'permettent'],
  prendre: ['prends', 'prend', 'prenons', 'prenez', 'prennent'],
  apprendre: ['apprends', 'apprend', 'apprenons', 'apprenez', 'apprennent'],
  contenir: ['contiens', 'contient', 'contenons', 'contenez', 'contiennent'],
  obtenir: ['obtiens', 'obtient', 'obtenons', 'obtenez', 'obtiennent'],
  venir: ['viens', 'vient', 'venons', 'venez', 'viennent'],
  convenir: ['conviens', 'convient', 'convenons', 'convenez', 'conviennent'],
  recevoir: ['recois', 'recoit', 'recevons', 'recevez', 'recoivent'],
  dependre: ['depends', 'depend', 'dependons', 'dependez', 'dependent'],
  offrir: ['offrons', 'offrez', 'offrent'],
};

const INFINITIVE_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(IRREGULAR_VERB_FORMS).flatMap(([infinitive, forms]) => forms.map((form) => [form, infinitive] as const)),
);

/** Pure: the infinitive of a folded, lower-case irregular verb form, or the word itself. */
export function infinitiveOf(word: string): string {
  return INFINITIVE_OF.get(word) ?? word;
}
