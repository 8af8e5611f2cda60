import HTTPServer
import ShopCore

/// Migrations across shops in the console: start a run (`POST /operator/migrations`, which
/// migrates shop after shop and records its progress in the registry) and watch the runs
/// (`GET /operator/migrations`: done of total, the shop a failed run stopped at). The run
/// goes on in the background so the page can show its progress; one at a time.
enum ConsoleMigrationsPage {
    static func addRoutes(to routes: RouteGroup, gate: OperatorConsoleGate) {
        routes.get("/migrations", gate.signedIn { page in try await render(page, running: gate.migrationRunning.withLock { $0 }) })
        routes.post(
            "/migrations", bodyLimit: 4 * 1024,
            gate.signedIn { page in
                let running = gate.migrationRunning
                let start = running.withLock { running -> Bool in
                    guard !running else { return false }
                    running = true
                    return true
                }
                if start {
                    let api = page.api
                    // Not a child of the request: the run outlives the page that started it.
                    Task.detached {
                        _ = await api.call(.post, "/migrations")
                        running.withLock { $0 = false }
                    }
                }
                return AdminResponse.redirect("\(page.base)/migrations")
            })
    }

    static func render(_ page: ConsolePage, running: Bool) async throws -> HTTPResponse {
        let strings = page.strings
        let runs = try await page.api.get("/migrations")["runs"]?.elements ?? []
        let underway = running || runs.contains { $0["status"]?.stringValue == "running" }
        let rows = HTML.join(
            runs.map { run -> HTML in
                let done = run["done"]?.int64 ?? 0
                let total = run["total"]?.int64 ?? 0
                let status = run["status"]?.stringValue ?? ""
                let failed: HTML =
                    run["failed_slug"]?.stringValue.map { "\(strings[console: .failedAt]) \($0): \(run["error"]?.stringValue)" } ?? .empty
                return """
                    <tr data-run="\(run["id"]?.int64 ?? 0)"><td>\(run["id"]?.int64 ?? 0)</td><td>\(AdminFormat.time(run["started_at"] ?? .null))</td>\
                    <td>\(AdminFormat.time(run["finished_at"] ?? .null))</td><td data-status="\(status)">\(status)</td>\
                    <td><progress value="\(done)" max="\(max(total, 1))"></progress> <span data-progress>\(done) / \(total)</span></td>\
                    <td class="error">\(failed)</td></tr>
                    """
            })
        return page.respond(
            title: strings[console: .migrations],
            """
            <main>
            <h1>\(strings[console: .migrations])</h1>
            \(underway ? "<p class=\"notice\" data-refresh=\"2\">\(strings[console: .runStarted]) <a href=\"\(page.base)/migrations\">\(strings[console: .refresh])</a></p>" as HTML : .empty)
            <form method="post" action="\(page.base)/migrations">\(page.csrfField)<button type="submit" id="run-migrations">\(strings[console: .runMigrations])</button></form>
            \(runs.isEmpty ? "<p class=\"muted\">\(strings[console: .noRuns])</p>" as HTML : """
            <table id="migration-runs"><thead><tr><th>\(strings[console: .run])</th><th>\(strings[console: .started])</th>\
            <th>\(strings[console: .finished])</th><th>\(strings[console: .status])</th><th>\(strings[console: .progress])</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """)
            </main>
            """)
    }
}
