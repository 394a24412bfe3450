// The report page's only style sheet, inlined so the page needs nothing from the network.
export const REPORT_CSS = `
:root{--ok:#1a7f37;--bad:#cf222e;--warn:#bf8700;--muted:#6e7781;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:24px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 6px}h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:0 0 8px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--bg);padding:1px 4px;border-radius:4px}
.verdict{margin:10px 0;padding:10px 14px;border-radius:6px;font-weight:600}.verdict.ok{background:#dafbe1;color:var(--ok)}.verdict.bad{background:#ffebe9;color:var(--bad)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}.card{flex:1 1 160px;border:1px solid var(--line);border-radius:8px;padding:12px;background:var(--bg);color:var(--muted)}
.card b{display:block;font-size:24px;color:#1f2328}
.region{font-size:12px;font-weight:400;color:var(--muted)}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;font-weight:600;background:#eaeef2;color:#1f2328}
.badge.succeeded,.badge.completed,.badge.resolved{background:#dafbe1;color:var(--ok)}.badge.failed,.badge.unresolved,.badge.terminated{background:#ffebe9;color:var(--bad)}.badge.timedOut{background:#fff8c5;color:var(--warn)}
.scenario{border:1px solid var(--line);border-radius:8px;padding:12px;margin:12px 0}
.track{position:relative;height:22px;background:var(--bg);border:1px solid var(--line);border-radius:4px;margin:6px 0}
.bar{position:absolute;top:2px;bottom:2px;border-radius:3px;background:var(--ok);opacity:.85}
.bar.succeeded.step-deploy{background:#2da44e}.bar.succeeded.step-operate{background:#0969da}.bar.succeeded.step-cleanup{background:#8250df}
.bar.succeeded.step-createResourceGroups,.bar.succeeded.step-provisionPrincipal,.bar.succeeded.step-assignRoles,.bar.succeeded.step-rolePropagation,.bar.succeeded.step-deletePrincipal{background:#57606a}
.bar.failed{background:var(--bad)}.bar.timedOut{background:var(--warn)}.bar.skipped{background:#afb8c1}.bar.step-operate{top:5px;bottom:5px}
.legend{color:var(--muted)}.bar-key{display:inline-block;width:14px;height:10px;border-radius:2px;margin:0 4px 0 10px;background:var(--ok)}
.bar-key.principal{background:#57606a}.bar-key.deploy{background:#2da44e}.bar-key.operate{background:#0969da}.bar-key.cleanup{background:#8250df}.bar-key.failed{background:var(--bad)}.bar-key.timedOut{background:var(--warn)}.bar-key.skipped{background:#afb8c1}
.office{position:absolute;top:0;bottom:0;background:#fff8c5}.bar-key.office{background:#fff8c5;border:1px solid #d4a72c}
.facts{color:var(--muted);margin:4px 0 8px}.deadline{color:var(--warn)}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:var(--bg)}
td.ok{color:var(--ok);font-weight:600}td.bad,.bad{color:var(--bad);font-weight:600}
.errors li{color:var(--bad)}.muted{color:var(--muted)}footer{margin-top:32px;color:var(--muted);font-size:12px}
`;
