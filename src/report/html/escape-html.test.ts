import { describe, expect, it } from 'vitest';
import { escapeHtml, html, Raw } from './escape-html.js';

describe('html escaping', () => {
  it('escapes every value put into the markup, and nothing built as markup', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
    const title = '<img src=x onerror=alert(1)>';
    const out = html`<p title="${title}">${title}${[html`<b>${'&'}</b>`, 3]}${undefined}${false}</p>`;
    expect(out).toBeInstanceOf(Raw);
    expect(out.html).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;<b>&amp;</b>3</p>',
    );
  });
});
