import { describe, expect, it } from 'vitest';
import { askedTypes, missesAskedType } from '../../../embeddings/decision/answerTypes.js';

const entry = (answer: string, urls: string[] = []) => ({ answer, links: urls.map((url) => ({ label: 'lien', url })) });

describe('asked information types', () => {
  it('finds what kind of information a question asks for', () => {
    expect(askedTypes('Combien coûte le référencement ?').map((t) => t.name)).toEqual(['price']);
    expect(askedTypes('Quel est le délai de traitement d’une demande ?').map((t) => t.name)).toEqual(['duration']);
    expect(askedTypes('Combien d’applications sont référencées ?').map((t) => t.name)).toEqual(['count']);
    expect(askedTypes('Qui est le responsable de l’équipe ?').map((t) => t.name)).toEqual(['person']);
    expect(askedTypes('Quel est le numéro de téléphone du support ?').map((t) => t.name)).toEqual(['contact']);
    expect(askedTypes('Quelle est l’URL de l’API ?').map((t) => t.name)).toEqual(['web address', 'integration detail']);
    expect(askedTypes('Qui fait partie du comité de validation ?').map((t) => t.name)).toEqual(['person']);
    expect(askedTypes('Who can we call to follow up?').map((t) => t.name)).toEqual(['contact']);
    expect(askedTypes('Quelle version de FHIR est utilisée ?').map((t) => t.name)).toEqual(['version']);
    expect(askedTypes('Sous quelle licence réutiliser les NOS ?').map((t) => t.name)).toEqual(['licence']);
    expect(askedTypes('Y a-t-il un bac à sable pour tester l’API ?').map((t) => t.name)).toEqual(['integration detail']);
    expect(askedTypes('Quand a lieu la prochaine session de formation ?').map((t) => t.name)).toEqual(['upcoming date']);
    expect(askedTypes('Le référencement est-il obligatoire ?')).toEqual([]);
    // Funding is money asked; a chair or a named person is a person; the latest version is a version; a code of a nomenclature is a code.
    expect(askedTypes('L’agence finance-t-elle les projets ?').map((t) => t.name)).toEqual(['price']);
    expect(askedTypes('Does the agency offer funding?').map((t) => t.name)).toEqual(['price']);
    expect(askedTypes('Qui préside le comité de validation ?').map((t) => t.name)).toEqual(['person']);
    expect(askedTypes('Comment s’appelle la personne responsable du programme ?').map((t) => t.name)).toEqual(['person']);
    expect(askedTypes('What is the name of the person leading the team?').map((t) => t.name)).toEqual(['person']);
    expect(askedTypes('Quelle est la dernière version publiée du référentiel ?').map((t) => t.name)).toEqual(['version']);
    expect(askedTypes('Quel est le code de la profession sage-femme ?').map((t) => t.name)).toEqual(['code value']);
    // Naming a tool is not asking for a person; a list of codes is not a code asked.
    expect(askedTypes('Comment s’appelle l’outil d’autoévaluation ?')).toEqual([]);
    expect(askedTypes('Les NOS sont-elles des listes de codes ?')).toEqual([]);
    // « nombre de » asks for a count when it opens the question, not when it names a quantity inside it.
    expect(askedTypes('Quel est le nombre de services référencés ?').map((t) => t.name)).toEqual(['count']);
    expect(askedTypes('Nombre de services référencés ?').map((t) => t.name)).toEqual(['count']);
    expect(askedTypes('Le nombre de pas fait-il partie des mesures de Mon espace santé ?')).toEqual([]);
    expect(askedTypes('Quand pourra-t-on déposer une demande de référencement ?')).toEqual([]);
    // « qui est censé… » asks who is concerned, not for a named person; « en combien de familles » counts, « en combien de jours » is a duration.
    expect(askedTypes('Qui est censé utiliser le MOS et les NOS ?')).toEqual([]);
    expect(askedTypes('Qui sont les utilisateurs types du MOS ?')).toEqual([]);
    expect(askedTypes('En combien de familles sont découpées les NOS ?').map((t) => t.name)).toEqual(['count']);
    expect(askedTypes('En combien de jours le dossier est-il traité ?').map((t) => t.name)).toContain('duration');
  });

  it('flags an answer that states none of what is asked, not one that does', () => {
    const price = askedTypes('Le référencement est-il payant ?');
    expect(missesAskedType(price, entry('Non, le référencement n’est pas obligatoire.'))).toBe(true);
    expect(missesAskedType(price, entry('Le référencement est gratuit.'))).toBe(false);
    const count = askedTypes('Combien de familles de nomenclatures ?');
    expect(missesAskedType(count, entry('Les NOS sont publiées depuis 2022.'))).toBe(true);
    expect(missesAskedType(count, entry('Les NOS comptent 12 familles.'))).toBe(false);
    expect(missesAskedType(count, entry('Les NOS sont découpées en trois familles.'))).toBe(false);
    // A number of something else does not state the count asked.
    expect(missesAskedType(count, entry('La lettre part toutes les deux semaines.'))).toBe(true);
    expect(missesAskedType(askedTypes('Combien d’applications sont référencées ?'), entry('Plus de 120 applications sont référencées.'))).toBe(false);
    const url = askedTypes('Quelle est l’URL du serveur ?');
    expect(missesAskedType(url, entry('Voir le site.', ['https://example.org']))).toBe(false);
    const upcoming = askedTypes('À quelle date la prochaine version sort-elle ?');
    expect(missesAskedType(upcoming, entry('La version est publiée chaque mois.'))).toBe(true);
    expect(missesAskedType(askedTypes('Quelle date de démarrage ?'), entry('Lancée à la rentrée 2022.'))).toBe(false);
    const code = askedTypes('Quel est le code NOS de la profession infirmier ?');
    expect(missesAskedType(code, entry('Les NOS sont des listes de codes-libellés.'))).toBe(true);
    expect(missesAskedType(code, entry('La profession infirmier a le code 60.'))).toBe(false);
    expect(missesAskedType([], entry('Tout.'))).toBe(false);
    // A size limit is stated in bytes or pages; a supplier by who hosts or built it.
    const size = askedTypes('Quelle est la taille maximale d’un document déposé dans Mon espace santé ?');
    expect(size.map((t) => t.name)).toEqual(['size limit']);
    expect(missesAskedType(size, entry('Les documents de santé sont conservés dans le dossier médical.'))).toBe(true);
    expect(missesAskedType(size, entry('Un document pèse au plus 5 Mo.'))).toBe(false);
    const supplier = askedTypes('Chez quel hébergeur sont stockées les données de Mon espace santé ?');
    expect(supplier.map((t) => t.name)).toEqual(['supplier']);
    expect(askedTypes('Quel logiciel l’ANS utilise-t-elle pour dessiner les diagrammes ?').map((t) => t.name)).toEqual(['supplier']);
    expect(askedTypes('Quels logiciels peuvent utiliser le MOS ?')).toEqual([]);
    expect(missesAskedType(supplier, entry('Les données figurent dans le dossier médical.'))).toBe(true);
    expect(missesAskedType(supplier, entry('Les données sont hébergées chez un hébergeur certifié.'))).toBe(false);
    // A rate is stated by a percentage, not by any number; a day of the week by a day, not by a frequency.
    const rate = askedTypes('Quel est le taux d’utilisation de la messagerie ?');
    expect(rate.map((t) => t.name)).toEqual(['count']);
    expect(missesAskedType(rate, entry('Mon espace santé offre quatre grands services.'))).toBe(true);
    expect(missesAskedType(rate, entry('La messagerie est utilisée par 12 % des patients.'))).toBe(false);
    const weekday = askedTypes('Quel jour de la semaine la newsletter est-elle envoyée ?');
    expect(weekday.map((t) => t.name)).toEqual(['weekday']);
    expect(missesAskedType(weekday, entry('La newsletter est envoyée toutes les deux semaines.'))).toBe(true);
    expect(missesAskedType(weekday, entry('La newsletter part le mardi.'))).toBe(false);
  });
});
