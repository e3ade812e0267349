/**
 * Where each check's documentation page lives (docs/checks/<id>.md in this repository). Hover,
 * diagnostics' codeDescription and SARIF rules all link here, so the base is defined once.
 */
export const DOCS_BASE_URL = 'https://github.com/podsec/podsec/blob/main/docs/checks/';

export function checkDocUrl(checkId: string): string {
  return `${DOCS_BASE_URL}${encodeURIComponent(checkId)}.md`;
}
