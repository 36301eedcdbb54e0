import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';

/** What the layout probe found on the page as it is displayed. */
export interface LayoutReport {
  /** Rendered buttons (on screen or scrolled out of sight) whose text was checked for clipping. */
  readonly buttons: number;
  /** Their visible text. */
  readonly buttonLabels: string[];
  /** Controls (buttons, links, fields) displayed on screen, checked for overlap and for being covered. */
  readonly controls: number;
  /** Buttons whose text does not fit (an element with scrollWidth > clientWidth or scrollHeight > clientHeight). */
  readonly clipped: string[];
  /** Pairs of visible controls, or of page regions (header, notice, transcript, send box), that overlap. */
  readonly overlaps: string[];
  /** Visible controls covered by another element where they are shown. */
  readonly covered: string[];
  /** Horizontal scrolling of the page or of the transcript (RGAA 10.11 reflow). */
  readonly horizontalScroll: string[];
}

/**
 * Measures the page: every control that is displayed (inside the viewport and the scroll areas that contain it).
 * The function runs in the browser; it is written without inner named functions so it serialises as is.
 */
function probe(): LayoutReport {
  type Box = { left: number; top: number; right: number; bottom: number };
  const intersect = (a: Box, b: Box): Box => ({
    left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom),
  });
  const area = (box: Box): number => Math.max(0, box.right - box.left) * Math.max(0, box.bottom - box.top);
  const viewport: Box = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
  const label = (element: Element): string => {
    const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ');
    return text || element.getAttribute('aria-label') || element.getAttribute('title') || element.className.toString().slice(0, 60);
  };
  const name = (element: Element): string => `${element.tagName.toLowerCase()} « ${label(element).slice(0, 60)} »`;
  // The part of an element that can be seen: its box cut by the viewport and by every ancestor that clips.
  const shown = (element: Element): Box => {
    let box: Box = element.getBoundingClientRect();
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') box = intersect(box, parent.getBoundingClientRect());
    }
    return intersect(box, viewport);
  };
  // Laid out and painted, wherever it is scrolled to. Screen-reader-only content is not: a 1px box, or inside one
  // that clips (Web Chat renders cards a second time in such a box for its live region).
  const tiny = (element: Element): boolean => {
    const rect = element.getBoundingClientRect();
    return rect.width <= 1 || rect.height <= 1;
  };
  const rendered = (element: Element): boolean => {
    if (getComputedStyle(element).visibility !== 'visible' || tiny(element)) return false;
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if ((style.overflowX !== 'visible' || style.overflowY !== 'visible') && tiny(parent)) return false;
    }
    return true;
  };
  const displayed = (element: Element): boolean => rendered(element) && area(shown(element)) > 1;

  const all = Array.from(document.querySelectorAll('button, a[href], input:not([type="hidden"]), textarea, select, [role="button"]'));
  // Text clipping does not depend on scrolling: every rendered button, including those scrolled out of sight.
  const buttons = all.filter((element) => element.matches('button, [role="button"]') && rendered(element));
  const controls = all.filter(displayed);

  const clipped: string[] = [];
  for (const button of buttons) {
    for (const element of [button, ...Array.from(button.querySelectorAll('*'))]) {
      if (!(element instanceof HTMLElement) || element.clientWidth === 0) continue;
      if (element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight) {
        clipped.push(`${name(button)}: ${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight}`);
        break;
      }
    }
  }

  const overlaps: string[] = [];
  const boxes = controls.map(shown);
  for (let i = 0; i < controls.length; i += 1) {
    for (let j = i + 1; j < controls.length; j += 1) {
      if (controls[i].contains(controls[j]) || controls[j].contains(controls[i])) continue;
      if (area(intersect(boxes[i], boxes[j])) > 1) overlaps.push(`${name(controls[i])} overlaps ${name(controls[j])}`);
    }
  }
  const regions = ['.site-header', '.chat__notice', '.webchat__basic-transcript', '.webchat__send-box']
    .map((selector) => document.querySelector(selector))
    .filter((element): element is Element => element !== null && displayed(element));
  for (let i = 0; i < regions.length; i += 1) {
    for (let j = i + 1; j < regions.length; j += 1) {
      const both = intersect(regions[i].getBoundingClientRect(), regions[j].getBoundingClientRect());
      if (area(both) > 1) overlaps.push(`region ${regions[i].className} overlaps region ${regions[j].className}`);
    }
  }

  const covered: string[] = [];
  controls.forEach((control, index) => {
    // A link wrapped over two lines has a bounding box whose centre may fall between its lines: test its first line.
    const fragments = control.getClientRects();
    const box = fragments.length > 1 ? intersect(fragments[0], boxes[index]) : boxes[index];
    const root = control.getRootNode() as Document | ShadowRoot;
    const hit = root.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
    if (hit && hit !== control && !control.contains(hit)) covered.push(`${name(control)} under ${name(hit)}`);
  });

  const horizontalScroll: string[] = [];
  const page = document.scrollingElement ?? document.documentElement;
  if (page.scrollWidth > page.clientWidth) horizontalScroll.push(`page: ${page.scrollWidth} > ${page.clientWidth}`);
  for (const scroller of Array.from(document.querySelectorAll('.webchat__basic-transcript__scrollable'))) {
    if (scroller.scrollWidth > scroller.clientWidth) horizontalScroll.push(`transcript: ${scroller.scrollWidth} > ${scroller.clientWidth}`);
  }

  const buttonLabels = buttons.map((button) => label(button));
  return { buttons: buttons.length, buttonLabels, controls: controls.length, clipped, overlaps, covered, horizontalScroll };
}

/** Runs the layout probe in a page or a frame. */
export function layoutReport(target: Page | Frame): Promise<LayoutReport> {
  return target.evaluate(probe);
}

/** Runs the probe once Web Chat has stopped scrolling its transcript (it scrolls to each new message). */
export async function settledLayout(target: Page | Frame): Promise<LayoutReport> {
  await settledScroll(target);
  return layoutReport(target);
}

/** Waits (up to 6 s) until Web Chat's transcript stops scrolling: its scroll-to-bottom animation is slow on a busy machine. */
async function settledScroll(target: Page | Frame): Promise<void> {
  let previous = -1;
  for (let i = 0; i < 40; i += 1) {
    const top = await target.evaluate(() => document.querySelector('.webchat__basic-transcript__scrollable')?.scrollTop ?? 0);
    if (top === previous) return;
    previous = top;
    await new Promise((done) => setTimeout(done, 150));
  }
}

/** Fails, naming them, on clipped buttons, overlapping or covered controls and horizontal scrolling. */
export function expectTidy(report: LayoutReport, where: string): void {
  const { clipped, overlaps, covered, horizontalScroll } = report;
  expect({ clipped, overlaps, covered, horizontalScroll }, where).toEqual({ clipped: [], overlaps: [], covered: [], horizontalScroll: [] });
}

/** The focused element (inside shadow roots too) and whether it shows the focus ring, whole. */
export interface FocusReport {
  readonly element: string;
  readonly ring: boolean;
  readonly detail: string;
}

/**
 * Looks for the 2px #0a76f6 focus ring of the focused element: an outline on it or on the field that frames it, or
 * one of Web Chat's focus-indicator boxes inside it; the ring must not be cut by a box that clips.
 */
function focusRing(): FocusReport {
  const FOCUS_COLOUR = 'rgb(10, 118, 246)';
  let focused = document.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  if (!focused || focused === document.body) return { element: 'nothing', ring: false, detail: 'no element has the focus' };
  const text = (focused.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
  const element = `${focused.tagName.toLowerCase()}.${focused.className.toString().split(' ')[0]} « ${text || focused.getAttribute('title') || ''} »`;
  // Web Chat draws its rings as boxes inside the focused element or beside it (the transcript's, around its end marker).
  const indicators = '[class*="focus-indicator"], [class*="activity-indicator--focus"]';
  const candidates = [focused, focused.parentElement, focused.parentElement?.parentElement, focused.parentElement?.parentElement?.parentElement,
    ...Array.from(focused.querySelectorAll(indicators)), ...Array.from(focused.parentElement?.querySelectorAll(`:scope > :is(${indicators})`) ?? [])];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const style = getComputedStyle(candidate);
    const rect = candidate.getBoundingClientRect();
    let ring: { left: number; top: number; right: number; bottom: number } | undefined;
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && style.outlineColor === FOCUS_COLOUR) {
      const out = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
      ring = { left: rect.left - out, top: rect.top - out, right: rect.right + out, bottom: rect.bottom + out };
    } else if (style.display !== 'none' && style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) >= 2 && style.borderTopColor === FOCUS_COLOUR) {
      ring = rect;
    }
    if (!ring) continue;
    for (let parent = candidate.parentElement; parent; parent = parent.parentElement) {
      const clip = getComputedStyle(parent);
      if (clip.overflowX === 'visible' && clip.overflowY === 'visible') continue;
      const box = parent.getBoundingClientRect();
      if (ring.left < box.left - 0.5 || ring.top < box.top - 0.5 || ring.right > box.right + 0.5 || ring.bottom > box.bottom + 0.5) {
        return { element, ring: false, detail: `ring cut by ${parent.tagName.toLowerCase()}.${parent.className.toString().split(' ')[0]}` };
      }
    }
    return { element, ring: true, detail: candidate === focused ? 'outline' : `on ${candidate.className.toString().split(' ')[0]}` };
  }
  return { element, ring: false, detail: 'no 2px #0a76f6 outline or indicator' };
}

/** Runs the focus-ring check in a page or a frame. */
export async function focusReport(target: Page | Frame): Promise<FocusReport> {
  // Focusing the transcript scrolls it; a ring read mid-animation looks cut by the scroller.
  await settledScroll(target);
  return target.evaluate(focusRing);
}
