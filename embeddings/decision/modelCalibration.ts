import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { isRecord } from '../../knowledge/index.js';
import type { DecisionThresholds } from './decide.js';

/**
 * What `npm run eval -- --tune` measured for one embedding model on one
 * version of the KB: the hybrid decision thresholds it tuned on the tuning set
 * and the outcomes they gave. A model's scores drive answers only with such a
 * calibration (see adapters/buildRetriever.ts): another model, or the same one
 * after the KB changed, spreads its similarities differently.
 */
export interface ModelCalibration {
  readonly provider: string;
  readonly model: string;
  readonly kbVersion: string;
  readonly thresholds: DecisionThresholds;
  /** The outcomes on the tuning set at these thresholds (shares in [0, 1]), for the record. */
  readonly figures: Readonly<Record<string, number>>;
  readonly tunedOn: string;
  readonly createdAt: string;
}

/** The calibration file of a provider, beside (not inside) its index folder, which `npm run index` clears. */
export function calibrationFile(indexDir: string, provider: string): string {
  return path.join(indexDir, `${provider}.calibration.json`);
}

/**
 * The calibration of `model` on KB `kbVersion`, or undefined when there is
 * none, it names another model or KB version, or it cannot be read (the
 * caller then keeps the lexical default and says why).
 */
export async function readModelCalibration(indexDir: string, provider: string, model: string, kbVersion: string): Promise<ModelCalibration | undefined> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(calibrationFile(indexDir, provider), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isCalibration(data) || data.provider !== provider || data.model !== model || data.kbVersion !== kbVersion) return undefined;
  return data;
}

export async function writeModelCalibration(indexDir: string, calibration: ModelCalibration): Promise<string> {
  const file = calibrationFile(indexDir, calibration.provider);
  await mkdir(indexDir, { recursive: true });
  await writeFile(file, JSON.stringify(calibration, null, 2) + '\n');
  return file;
}

function isCalibration(value: unknown): value is ModelCalibration {
  if (!isRecord(value) || !isRecord(value.thresholds) || !isRecord(value.figures)) return false;
  const { minScore, confidentScore, clearMargin } = value.thresholds;
  return (
    typeof value.provider === 'string' &&
    typeof value.model === 'string' &&
    typeof value.kbVersion === 'string' &&
    [minScore, confidentScore, clearMargin].every((x) => typeof x === 'number' && Number.isFinite(x)) &&
    Object.values(value.figures).every((x) => typeof x === 'number')
  );
}
