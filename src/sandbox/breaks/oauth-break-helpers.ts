import type { OauthResponse } from './oauth-standards.js';

export const obj = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : {};
export const without = (body: unknown, key: string) => {
  const o = obj(body);
  delete o[key];
  return o;
};
export const set = (body: unknown, key: string, value: unknown) => ({ ...obj(body), [key]: value });
export const header = (res: OauthResponse, name: keyof OauthResponse['headers'], value: string | undefined) => ({
  ...res,
  headers: { ...res.headers, [name]: value },
});
export const textPlain = (res: OauthResponse) => header(res, 'content-type', 'text/plain; charset=utf-8');
export const inLocation = (res: OauthResponse, edit: (params: URLSearchParams) => void) => {
  if (!res.headers.location) return res;
  const url = new URL(res.headers.location);
  edit(url.searchParams);
  return header(res, 'location', url.toString());
};

export const TOKEN = 'POST /token';
export const META = 'GET /.well-known/oauth-authorization-server';

/** One break per rule of the standards registry (src/standards/rules*.ts), in its order. */
