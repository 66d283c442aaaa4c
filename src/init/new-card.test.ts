import { describe, expect, it } from 'vitest';
import { cardFileName, cardsFolder, newCardText, pathParams } from './new-card.js';

describe('new card skeletons', () => {
  it('go to the folder the config folders share, else specs', () => {
    expect(cardsFolder(['specs/vcita', 'specs/rocketchat', 'specs/youhodler'])).toBe('specs');
    expect(cardsFolder(['tests/api'])).toBe('tests/api');
    expect(cardsFolder(['a/x', 'b/y'])).toBe('specs');
    expect(cardsFolder([])).toBe('specs');
    expect(cardsFolder(['.'])).toBe('specs');
  });

  it('name the file and the path parameters from the endpoint', () => {
    expect(cardFileName('POST', '/apps/{id}/keys')).toBe('post-apps-id-keys.md');
    expect(pathParams('/orgs/{org}/repos/{repo}')).toEqual(['org', 'repo']);
  });

  it('make a UID step per path parameter, each made under the one before it', () => {
    const text = newCardText({ method: 'DELETE', path: '/orgs/{org}/repos/{repo}', from: 'test' });
    expect(text).toContain('"create_endpoint": "POST /orgs"');
    expect(text).toContain('"create_endpoint": "POST /orgs/{{resolved.org}}/repos"');
    expect(text).toContain('"cleanup_endpoint": "DELETE /orgs/{{resolved.org}}/repos/{{resolved.repo}}"');
    expect(text).toContain('"path": "/orgs/{{resolved.org}}/repos/{{resolved.repo}}"');
    // DELETE expects 204 and no body schema.
    expect(text).toMatch(/## Expected Response\n\n```json\n\{\n {2}"status": 204\n\}/);
  });
});
