import { html, shell } from './html.js';

export interface LoginPageOptions {
  /** CSRF token of the sign-in form (bound to the pre-session cookie). */
  readonly csrf: string;
  readonly localAccount: boolean;
  readonly oidc: boolean;
  readonly error?: string;
}

/** /console/login: the local account form (fields `username`, `password`) and/or the OIDC button. */
export function loginPage(options: LoginPageOptions): string {
  const error = options.error ? html`<p class="error" role="alert">${options.error}</p>` : '';
  const local = options.localAccount
    ? html`<form method="post" action="/console/login" class="login">
<input type="hidden" name="_csrf" value="${options.csrf}">
<p><label for="username">Identifiant</label><input id="username" name="username" autocomplete="username" required></p>
<p><label for="password">Mot de passe</label><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Se connecter</button></p></form>`
    : '';
  const oidc = options.oidc ? html`<p><a class="button" href="/console/oidc/start">Se connecter avec ProConnect</a></p>` : '';
  return shell({ title: 'Connexion' }, html`${error}${local}${oidc}`);
}
