/** HTML building blocks of the console: escaping and the page shell (French, no inline script or style). */
import type { ServerResponse } from 'node:http';
import { CONSOLE_CSP } from '../consoleHttp.js';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Markup that is already safe: interpolated as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A tagged template whose interpolations are escaped unless they are `Html` (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

/** The console's sections, in menu order. */
export const NAV = [
  { path: '/console', label: 'Vue d’ensemble' },
  { path: '/console/reponses', label: 'Réponses' },
  { path: '/console/sans-reponse', label: 'Questions sans réponse' },
  { path: '/console/propositions', label: 'Propositions de formulations' },
  { path: '/console/correctif', label: 'Correctif' },
] as const;

export interface ShellOptions {
  readonly title: string;
  /** Path of the current section (highlighted in the menu); none on the sign-in page. */
  readonly active?: string;
  /** Who is signed in, and the CSRF token for the sign-out form. */
  readonly user?: { readonly name: string; readonly csrf: string };
  readonly scripts?: readonly string[];
}

export function shell(options: ShellOptions, body: Html): string {
  const current = new Html(' aria-current="page"');
  const nav = options.user
    ? html`<nav class="nav" aria-label="Sections de la console"><ul>${NAV.map(
        (item) => html`<li><a href="${item.path}"${item.path === options.active ? current : ''}>${item.label}</a></li>`,
      )}</ul>
<form method="post" action="/console/logout" class="logout"><input type="hidden" name="_csrf" value="${options.user.csrf}">
<span class="who">${options.user.name}</span> <button type="submit">Se déconnecter</button></form></nav>`
    : '';
  return html`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} – Console de la FAQ</title>
<link rel="stylesheet" href="/console/assets/console.css"><link rel="stylesheet" href="/console/assets/uPlot.min.css">
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head><body><header class="top"><p class="brand">Console de la FAQ – Portail Industriels</p>${nav}</header>
<main id="contenu"><h1>${options.title}</h1>${body}</main></body></html>`.value;
}

/** Sends a console page: strict CSP, never cached, never framed. */
export function sendHtml(res: ServerResponse, status: number, page: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': CONSOLE_CSP,
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
  });
  res.end(page);
}
