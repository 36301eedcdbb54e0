/**
 * Renders the two Teams icons from the SVG sources in assets/teams/ (editable by a designer)
 * and inspects PNGs for the validator. sharp is loaded lazily: only packaging needs it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type sharp from 'sharp';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** The two PNG icons Teams requires (192×192 colour, 32×32 transparent outline). */
export interface TeamsIcons {
  readonly color: Buffer;
  readonly outline: Buffer;
}

/** What the validator needs to know about a PNG. */
export interface PngFacts {
  readonly format: string;
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
  /** Pixels with alpha 0. */
  readonly transparentPixels: number;
  /** Pixels with alpha > 0 whose colour is not pure white. */
  readonly nonWhiteVisiblePixels: number;
  readonly totalPixels: number;
}

export async function renderTeamsIcons(assetsDir: string): Promise<TeamsIcons> {
  const sharp = await loadSharp();
  try {
    const colorSvg = await readFile(path.join(assetsDir, 'color.svg'));
    const outlineSvg = await readFile(path.join(assetsDir, 'outline.svg'));
    const color = await sharp(colorSvg)
      .resize(COLOR_ICON_SIZE, COLOR_ICON_SIZE)
      .png({ compressionLevel: 9 })
      .toBuffer();
    const outline = await renderWhiteOnTransparent(sharp, outlineSvg);
    return { color, outline };
  } catch (cause) {
    throw new Error(`renderTeamsIcons: cannot render the icons in ${assetsDir}`, { cause });
  }
}

/**
 * Teams wants the outline icon pure white on transparent. Anti-aliased SVG edges can carry
 * off-white colour through un-premultiplication, so every pixel's colour is forced to white
 * and only the alpha channel keeps the shape.
 */
async function renderWhiteOnTransparent(sharp: SharpFactory, svg: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(svg)
    .resize(OUTLINE_ICON_SIZE, OUTLINE_ICON_SIZE)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += 4) {
    data[i] = 255;
    data[i + 1] = 255;
    data[i + 2] = 255;
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

export async function inspectPng(png: Buffer): Promise<PngFacts> {
  const sharp = await loadSharp();
  try {
    const metadata = await sharp(png).metadata();
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    let transparentPixels = 0;
    let nonWhiteVisiblePixels = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      const alpha = data[i + 3];
      if (alpha === 0) transparentPixels += 1;
      else if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) nonWhiteVisiblePixels += 1;
    }
    return {
      format: metadata.format ?? 'unknown',
      width: metadata.width ?? 0,
      height: metadata.height ?? 0,
      hasAlpha: metadata.hasAlpha === true,
      transparentPixels,
      nonWhiteVisiblePixels,
      totalPixels: info.width * info.height,
    };
  } catch (cause) {
    throw new Error('inspectPng: not a readable image', { cause });
  }
}

type SharpFactory = typeof sharp;

async function loadSharp(): Promise<SharpFactory> {
  const module = await import('sharp');
  return module.default;
}
