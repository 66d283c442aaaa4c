import type { RequestRecord } from '../../core/result.js';
import type { Raw } from './escape-html.js';
import { html } from './escape-html.js';

function headersBlock(title: string, headers: Record<string, string> | undefined): Raw {
  const entries = Object.entries(headers ?? {});
  if (entries.length === 0) return html``;
  return html`<h5>${title}</h5><pre class="headers">${entries.map(([k, v]) => `${k}: ${v}\n`)}</pre>`;
}

function bodyBlock(title: string, body: string | undefined): Raw {
  if (body === undefined || body === '') return html``;
  // Shown as recorded: the engine pretty-printed JSON before redacting it. Decoding it again here would show
  // what redaction never saw.
  return html`<h5>${title}</h5><pre class="body">${body}</pre>`;
}

/** One request and its response, redacted by the engine before it reached the model. */
export function renderExchange(r: RequestRecord): Raw {
  const ex = r.exchange;
  const status = r.error !== undefined ? `error: ${r.error}` : String(r.status ?? '—');
  const bad = r.error !== undefined || (r.status !== undefined && r.status >= 400);
  return html`<details class="exchange">
<summary><span class="label">${r.label}</span> <code>${r.method} ${ex?.url ?? r.path}</code> → <span class="status${bad ? ' status-bad' : ''}">${status}</span> <span class="muted">${r.durationMs} ms</span></summary>
<div class="exchange-body">
<div class="side"><h4>Request</h4>${headersBlock('Headers', ex?.requestHeaders)}${bodyBlock('Body', ex?.requestBody)}${ex ? '' : html`<p class="muted">Not recorded.</p>`}</div>
<div class="side"><h4>Response</h4>${headersBlock('Headers', ex?.responseHeaders)}${bodyBlock('Body', ex?.responseBody)}${ex?.responseHeaders || ex?.responseBody ? '' : html`<p class="muted">No response recorded.</p>`}</div>
</div>
</details>`;
}
