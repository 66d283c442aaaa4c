/** What specs/README.md says about one rule id (see ../rule-docs.ts). */
export interface RuleDoc {
  /** Stable kebab-case id, as printed after the severity. */
  id: string;
  /**
   * The severity it is reported with. `unclosed-fence` and `config-insecure-tls`
   * are warnings in their milder case (see `what`); `error` is listed for them.
   */
  severity: 'error' | 'warning';
  /** What the rule reports. */
  what: string;
  /** How to fix it. */
  fix: string;
  /** `run`: checked by `cardcheck run` only; `config`: a cardcheck.config.yaml rule. */
  when?: 'run' | 'config';
  /** Why it has no golden fixture, when it cannot have one. */
  noFixture?: string;
}
