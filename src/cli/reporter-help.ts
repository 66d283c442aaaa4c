/** The --reporter help text, apart from the reporters themselves so that printing help loads none of them. */
export const REPORTER_HELP =
  'comma-separated: console, json, junit, html, github (default: console,json,html, plus github in GitHub Actions)';
