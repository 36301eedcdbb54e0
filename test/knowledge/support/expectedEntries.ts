import type { FaqEntry } from '../../../knowledge/index.js';

/** The ids and facets of the fixture KB's entries (test/fixtures/kb), in the seed's order. */
export const EXPECTED: readonly (Pick<FaqEntry, 'id' | 'offer' | 'theme'> & { product?: string })[] = [
  { id: 'innovation-offre-construction', offer: 'innovation', theme: 'presentation' },
  { id: 'innovation-collaboration', offer: 'innovation', theme: 'collaboration' },
  { id: 'mes-referencement-eligibilite', offer: 'mon-espace-sante', product: 'catalogue-de-services', theme: 'eligibilite' },
  { id: 'mes-referencement-doctrine', offer: 'mon-espace-sante', product: 'catalogue-de-services', theme: 'eligibilite' },
  { id: 'mes-donnees-disponibles', offer: 'mon-espace-sante', product: 'dossier-medical', theme: 'donnees' },
  { id: 'mos-nos-cas-usage', offer: 'mos-nos', theme: 'usages' },
  { id: 'mos-definition', offer: 'mos-nos', product: 'mos', theme: 'presentation' },
  { id: 'mes-echange-donnees-services', offer: 'mon-espace-sante', product: 'catalogue-de-services', theme: 'donnees' },
  { id: 'mes-catalogue-definition', offer: 'mon-espace-sante', product: 'catalogue-de-services', theme: 'presentation' },
  { id: 'mes-referencement-obligatoire', offer: 'mon-espace-sante', product: 'catalogue-de-services', theme: 'procedure' },
  { id: 'mes-fonctionnalites', offer: 'mon-espace-sante', theme: 'presentation' },
  { id: 'mes-referencement-benefices', offer: 'mon-espace-sante', product: 'catalogue-de-services', theme: 'benefices' },
  { id: 'mes-referencement-calendrier', offer: 'mon-espace-sante', product: 'catalogue-de-services', theme: 'procedure' },
  { id: 'mos-nos-pourquoi', offer: 'mos-nos', theme: 'usages' },
  { id: 'mos-nos-definition', offer: 'mos-nos', product: 'nos', theme: 'presentation' },
  { id: 'mos-modelisation-uml', offer: 'mos-nos', product: 'mos', theme: 'presentation' },
  { id: 'mos-nos-mises-a-jour', offer: 'mos-nos', theme: 'mises-a-jour' },
];
