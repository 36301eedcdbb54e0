import { MemoryDirectLineStore } from '../../../adapters/directline/index.js';
import { directLineStoreContract } from './directLineStoreContract.js';

directLineStoreContract('memory (one instance)', async (limits, onExpired) => {
  const store = await MemoryDirectLineStore.factory(limits, onExpired);
  return { store, peer: async () => store, dispose: () => store.close() };
});
