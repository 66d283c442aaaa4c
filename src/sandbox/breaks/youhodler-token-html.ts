import type { ContractBreak } from './contract-break.js';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><h1>Session expired</h1><p>Please sign in again.</p></body></html>
`;

export const youhodlerTokenHtml: ContractBreak = {
  name: 'youhodler-token-html',
  api: 'youhodler',
  route: 'POST /oauth/token',
  kind: 'html',
  description: 'status 200 with an HTML sign-in page (text/html) instead of the JSON token body',
  apply(res) {
    return { status: res.status, contentType: 'text/html; charset=utf-8', body: PAGE };
  },
};
