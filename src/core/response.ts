/** A response as cardcheck saw it: what http/ returns and what verify/ checks. */
export interface ObservedResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  contentType: string;
  /** Parsed JSON when the body is JSON, else undefined. */
  json?: unknown;
  text: string;
  durationMs: number;
}
