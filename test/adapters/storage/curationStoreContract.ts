/** What every CurationStore must do (SQLite today, another engine later): `curationStoreContract(name, factory)`. */
import { describe, expect, it } from 'vitest';
import type { CurationDecision, CurationStore } from '../../../adapters/console/CurationStore.js';
import { disposedAfterEach } from '../helpers/disposedAfterEach.js';

export interface CurationContractSubject {
  readonly store: CurationStore;
  reopen(): Promise<CurationStore>;
  dispose(): Promise<void>;
}

const decision = (key: string, extra: Partial<CurationDecision> = {}): CurationDecision => ({
  key, kind: 'proposal', status: 'accepted', text: 'le MOS est-il obligatoire', entryId: 'mos-nos-pourquoi', time: '2026-04-01T10:00:00.000Z', user: 'admin', ...extra,
});

export function curationStoreContract(name: string, factory: () => Promise<CurationContractSubject>): void {
  describe(`CurationStore contract: ${name}`, () => {
    const open = disposedAfterEach(factory);

    it('keeps one decision per key, the last one, oldest first, and everything across a reopen', async () => {
      const subject = await open();
      expect(await subject.store.decisions()).toEqual([]);
      await subject.store.decide(decision('a'));
      const cluster = decision('b', { kind: 'cluster', status: 'out-of-scope', entryId: undefined, text: 'carte CPS', time: '2026-04-01T11:00:00.000Z' });
      const { entryId: _none, ...clusterStored } = cluster;
      await subject.store.decide(cluster);
      await subject.store.decide(decision('a', { status: 'rejected', time: '2026-04-01T12:00:00.000Z', user: 'marie@esante.gouv.fr' }));
      expect(await subject.store.decisions()).toEqual([clusterStored, decision('a', { status: 'rejected', time: '2026-04-01T12:00:00.000Z', user: 'marie@esante.gouv.fr' })]);
      await subject.store.close();
      await subject.store.close();
      const again = await subject.reopen();
      expect(await again.decisions()).toHaveLength(2);
      await again.close();
    });

    it('keeps a new entry’s phrasings and answer, and replaces them with the next decision on the key', async () => {
      const { store } = await open();
      const draft = { phrasings: ['Où trouver la carte CPS ?', 'carte CPS « médecin »'], answer: 'Ligne 1\n\n- point ; deux' };
      const written = decision('c', { kind: 'cluster', status: 'new-entry', text: draft.phrasings[0], entryId: 'mos-nos-pourquoi', draft });
      await store.decide(written);
      const unwritten = decision('d', { kind: 'cluster', status: 'new-entry', text: 'sans réponse', draft: { phrasings: ['sans réponse'] } });
      await store.decide(unwritten);
      expect(await store.decisions()).toEqual([written, unwritten]);
      await store.decide(decision('c', { kind: 'cluster', status: 'out-of-scope', entryId: undefined, text: draft.phrasings[0] }));
      expect((await store.decisions()).find((d) => d.key === 'c')).not.toHaveProperty('draft');
      await store.close();
    });
  });
}
