/** The report's stylesheet, inlined so the file opens with no network. */
export const REPORT_CSS = `
:root { --pass: #1a7f37; --fail: #cf222e; --flaky: #9a6700; --skip: #6e7781; --err: #8250df; --bg: #f6f8fa; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #fff; }
header { padding: 16px 24px; background: var(--bg); border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
h4 { margin: 12px 0 4px; font-size: 13px; }
h5 { margin: 8px 0 2px; font-size: 12px; color: #59636e; }
main { padding: 0 24px 32px; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--bg); border: 1px solid var(--line); padding: 8px; overflow: auto; max-height: 360px; white-space: pre-wrap; word-break: break-word; margin: 0; }
.muted { color: #59636e; }
.tiles { display: flex; gap: 8px; flex-wrap: wrap; margin: 12px 0 0; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; background: #fff; min-width: 86px; }
.tile b { display: block; font-size: 20px; }
.tile-passed b { color: var(--pass); } .tile-failed b { color: var(--fail); } .tile-flaky b { color: var(--flaky); }
.tile-skipped b { color: var(--skip); } .tile-errored b { color: var(--err); }
.aborted { margin-top: 12px; padding: 8px 12px; border: 1px solid var(--fail); color: var(--fail); border-radius: 6px; background: #fff5f5; }
.filters { position: sticky; top: 0; z-index: 1; background: #fff; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 12px 0; border-bottom: 1px solid var(--line); }
.filters label { white-space: nowrap; }
.filters input[type=search] { min-width: 260px; padding: 4px 8px; }
.card { border: 1px solid var(--line); border-left-width: 4px; border-radius: 6px; margin: 8px 0; }
.card > summary { cursor: pointer; padding: 8px 12px; list-style-position: inside; }
.card[open] > summary { border-bottom: 1px solid var(--line); background: var(--bg); }
.outcome-passed { border-left-color: var(--pass); } .outcome-failed { border-left-color: var(--fail); }
.outcome-flaky { border-left-color: var(--flaky); } .outcome-skipped { border-left-color: var(--skip); } .outcome-errored { border-left-color: var(--err); }
.badge { display: inline-block; min-width: 60px; text-align: center; border-radius: 10px; color: #fff; font-size: 12px; padding: 0 8px; }
.badge-passed { background: var(--pass); } .badge-failed { background: var(--fail); } .badge-flaky { background: var(--flaky); }
.badge-skipped { background: var(--skip); } .badge-errored { background: var(--err); }
.endpoint { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 600; }
.reason { margin: 4px 0 0 68px; color: #59636e; }
.outcome-failed .reason, .outcome-errored .reason { color: var(--fail); }
.card-body { padding: 8px 12px 12px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
.meta dt { color: #59636e; }
.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
.check-failed { background: #ffebe9; } .check-failed td:first-child { color: var(--fail); font-weight: 600; }
.check-warning { background: #fff8c5; } .check-passed td:first-child { color: var(--pass); }
.check-off { color: var(--muted, #57606a); }
.skip-reason { background: var(--bg); border-left: 3px solid var(--skip); padding: 6px 10px; }
.exchange { border: 1px solid var(--line); border-radius: 4px; margin: 4px 0; }
.exchange > summary { cursor: pointer; padding: 4px 8px; }
.exchange-body { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; padding: 8px; }
.label { color: #59636e; font-size: 12px; }
.status-bad { color: var(--fail); font-weight: 600; }
.chip { display: inline-block; border-radius: 4px; padding: 0 6px; font: 12px ui-monospace, Menlo, monospace; border: 1px solid; }
.chip-hit { color: var(--pass); border-color: var(--pass); background: #dafbe1; }
.chip-miss { color: var(--fail); border-color: var(--fail); background: #fff; }
.chip-extra { color: var(--flaky); border-color: var(--flaky); background: #fff8c5; }
.skipped-only td { color: var(--skip); }
#no-match { padding: 16px; text-align: center; }
@media (max-width: 800px) { .exchange-body { grid-template-columns: 1fr; } }
`;
