const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface ConsentPageInput {
  appName: string;
  scope: string;
  csrf: string;
  action: string;
  error?: string;
}

/** The login + consent page a person sees on GET /oauth/authorize. */
export function renderConsentPage(p: ConsentPageInput): string {
  const error = p.error ? `<p class="error" role="alert">${escapeHtml(p.error)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize ${escapeHtml(p.appName)}</title></head>
<body>
<main>
<h1>Sign in to authorize ${escapeHtml(p.appName)}</h1>
<p>${escapeHtml(p.appName)} asks for access to: <strong id="scope">${escapeHtml(p.scope)}</strong></p>
${error}
<form method="post" action="${escapeHtml(p.action)}">
<input type="hidden" name="csrf_token" value="${escapeHtml(p.csrf)}">
<label>Username <input name="username" id="username" autocomplete="username"></label>
<label>Password <input name="password" id="password" type="password" autocomplete="current-password"></label>
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>
</main>
</body></html>`;
}

export function renderErrorPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorization error</title></head><body><h1>Authorization error</h1><p role="alert">${escapeHtml(message)}</p></body></html>`;
}
