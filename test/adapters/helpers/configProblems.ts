import { ConfigError, loadConfig, type LoadConfigOptions } from '../../../adapters/config.js';

/** The problems loadConfig reports for `env` (empty when it is valid); other errors propagate. */
export function configProblems(env: Record<string, string>, purpose?: LoadConfigOptions['purpose']): readonly string[] {
  try {
    loadConfig(env, { purpose });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
