import HTTPServer
import ShopCore

/// The admin's one stylesheet and one small script, served by us (nothing is fetched from
/// elsewhere); the pages work without the script.
enum AdminAssets {
    static let stylesheetPath = "/admin/assets/admin.css"
    static let scriptPath = "/admin/assets/admin.js"

    static func addRoutes(to routes: RouteGroup) {
        routes.get("/assets/admin.css") { _, _ in serve(stylesheet, type: "text/css; charset=utf-8") }
        routes.get("/assets/admin.js") { _, _ in serve(script, type: "text/javascript; charset=utf-8") }
    }

    static func serve(_ text: String, type: String) -> HTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": type, "Cache-Control": "public, max-age=300"]
        AdminResponse.securityHeaders(&headers)
        return HTTPResponse(status: .ok, headers: headers, body: .bytes(Array(text.utf8)))
    }

    static let stylesheet = """
        :root { --ink: #1d2433; --muted: #5b6475; --line: #d9dde5; --accent: #0b5cad; --bad: #b3261e; --ok: #1b6e3a; --bg: #f6f7f9; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
        a { color: var(--accent); }
        header.top { display: flex; gap: 24px; align-items: center; padding: 10px 20px; background: #14213d; color: #fff; }
        header.top a { color: #fff; text-decoration: none; }
        header.top .brand { font-weight: 600; }
        header.top nav { display: flex; gap: 16px; flex: 1; }
        header.top .who { display: flex; gap: 12px; align-items: center; font-size: 13px; }
        header.top .who form { margin: 0; }
        button.link { background: none; border: 0; color: #fff; text-decoration: underline; cursor: pointer; font: inherit; padding: 0; }
        main { padding: 20px; max-width: 1400px; margin: 0 auto; }
        main.narrow { max-width: 420px; margin-top: 60px; }
        h1 { font-size: 22px; margin: 0 0 16px; }
        h2 { font-size: 16px; margin: 24px 0 8px; }
        section.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th a { color: var(--ink); text-decoration: none; }
        th a.sorted { text-decoration: underline; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        dl.fields { display: grid; grid-template-columns: 180px 1fr; gap: 4px 12px; margin: 0; }
        dl.fields dt { color: var(--muted); }
        dl.fields dd { margin: 0; }
        form.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-bottom: 12px; }
        form.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
        input, select, textarea { font: inherit; padding: 5px 7px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
        input[type=search] { min-width: 320px; }
        button, .button { font: inherit; padding: 6px 12px; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
        button.secondary, .button.secondary { background: #fff; color: var(--accent); }
        button.danger { background: var(--bad); border-color: var(--bad); }
        .field { display: flex; flex-direction: column; gap: 3px; margin-bottom: 12px; }
        .field label { font-weight: 600; }
        .field.invalid input, .field.invalid select { border-color: var(--bad); }
        .field .field-error { color: var(--bad); font-size: 13px; }
        .field .required { color: var(--bad); }
        .field.check { flex-direction: row; align-items: center; gap: 8px; }
        .form-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 0 20px; }
        .error, .notice.error { color: var(--bad); }
        .notice { padding: 8px 12px; border-radius: 4px; background: #fff; border: 1px solid var(--line); margin-bottom: 12px; }
        .badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; background: #e7ebf2; }
        .badge.bad { background: #fbe3e1; color: var(--bad); }
        .badge.ok { background: #e2f3e8; color: var(--ok); }
        .pager { display: flex; gap: 12px; align-items: center; margin: 12px 0; }
        .actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
        .actions form { display: flex; gap: 6px; align-items: end; margin: 0; }
        .bulk { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; padding: 8px 12px; margin-bottom: 8px; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
        .bulk label, label.check { display: flex; gap: 6px; align-items: center; font-size: 13px; }
        .bulk label:not(.check) { flex-direction: column; align-items: start; color: var(--muted); }
        .notice.ok { color: var(--ok); border-color: #b9dfc6; }
        main.narrow.wide { max-width: 720px; margin-top: 20px; }
        progress { width: 320px; height: 18px; vertical-align: middle; }
        .field-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 4px 12px; margin: 8px 0 12px; }
        fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 12px; }
        details.action { display: inline-block; }
        details.action[open] { display: block; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
        details.action summary { cursor: pointer; color: var(--accent); padding: 6px 0; }
        details.action form { flex-direction: column; align-items: start; }
        .more-actions { margin-top: 8px; }
        code { background: #eef1f6; padding: 2px 6px; border-radius: 4px; word-break: break-all; }
        ul.modules { list-style: none; padding: 0; }
        ul.modules li { padding: 6px 0; border-bottom: 1px solid var(--line); }
        .muted { color: var(--muted); }
        .notice.ok { color: var(--ok); }
        form.inline { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin: 0; }
        form.inline .field { margin-bottom: 0; }
        .tabs a.sorted { font-weight: 600; text-decoration: none; color: var(--ink); }
        tr.chosen td { background: #e2f3e8; font-weight: 600; }
        .field-error { color: var(--bad); }
        pre.email-body { white-space: pre-wrap; font: 13px/1.5 ui-monospace, monospace; margin: 0; }
        """

    /// Small helps where JavaScript is on: filter selects apply at once, the list's rows ticked
    /// at once, the first invalid field focused. Every action works without it.
    static let script = """
        "use strict";
        document.addEventListener("DOMContentLoaded", function () {
          document.querySelectorAll("form.filters select").forEach(function (select) {
            select.addEventListener("change", function () { select.form.submit(); });
          });
          // The list's "select all on this page" box ticks every row's box.
          var page = document.getElementById("select-page");
          if (page) {
            page.addEventListener("change", function () {
              document.querySelectorAll("input.select-row").forEach(function (box) { box.checked = page.checked; });
            });
          }
          var invalid = document.querySelector(".field.invalid input, .field.invalid select, .field.invalid textarea");
          if (invalid) { invalid.focus(); }
          var refresh = document.querySelector("[data-refresh]");
          if (refresh) { setTimeout(function () { location.reload(); }, 1000 * Number(refresh.getAttribute("data-refresh"))); }
        });
        """
}
