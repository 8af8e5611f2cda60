import HTTPServer
import ShopCore

/// The shop's jobs (imports, mass actions): the list with state, done/total, rate, time left
/// and result (`GET /jobs`, one call), one job's page with a progress bar that refreshes itself
/// while the job runs (a `<meta http-equiv="refresh">`, no script needed), and cancel.
enum JobsPage {
    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/jobs", gate.signedIn { page in try await list(page) })
        pages.get("/jobs/{id}", gate.signedIn { page in try await show(page, id: try jobID(page)) })
        pages.post(
            "/jobs/{id}/cancel", bodyLimit: 64 * 1024,
            gate.signedIn { page in
                let id = try jobID(page)
                let answer = await page.api.call(.post, "/jobs/\(id)/cancel")
                guard answer.succeeded else {
                    return try await show(
                        page, id: id, problem: answer.error?["message"]?.stringValue, status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/jobs/\(id)")
            })
    }

    static func jobID(_ page: AdminPage) throws -> Int64 {
        let text = page.parameters["id"] ?? ""
        guard let id = Int64(text), id > 0 else { throw HTTPError.notFound("No job \(text).") }
        return id
    }

    static func state(_ job: JSONValue, _ strings: AdminStrings) -> HTML {
        let status = job["status"]?.stringValue ?? ""
        let text: CustomerWorkText
        let tone: String
        switch status {
        case "done": (text, tone) = (.jobDone, "ok")
        case "failed": (text, tone) = (.jobFailed, "bad")
        case "cancelled": (text, tone) = (.jobCancelled, "")
        default: (text, tone) = (.jobRunning, "")
        }
        let cancel: HTML =
            status == "running" && job["cancelRequested"]?.bool == true
            ? " <span class=\"muted\">(\(strings[.cancelRequested]))</span>" : .empty
        return "<span class=\"badge \(tone)\" data-status=\"\(status)\">\(strings[text])</span>\(cancel)"
    }

    /// `done / total`.
    static func counts(_ job: JSONValue) -> String {
        let progress = job["progress"] ?? .null
        let done = progress["done"]?.int64 ?? 0
        return progress["total"]?.int64.map { "\(done) / \($0)" } ?? String(done)
    }

    static func rate(_ job: JSONValue, _ strings: AdminStrings) -> String {
        guard let rate = number(job["progress"]?["rowsPerSecond"]) else { return "" }
        return "\(Int(rate.rounded())) \(strings[.rowsPerSecond])"
    }

    static func eta(_ job: JSONValue, _ strings: AdminStrings) -> String {
        guard job["status"]?.stringValue == "running", let seconds = number(job["progress"]?["etaSeconds"]) else { return "" }
        return "\(Int(seconds.rounded())) \(strings[.seconds])"
    }

    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let number)?: return Double(number)
        case .double(let number)?: return number
        default: return nil
        }
    }

    /// The result's counts in one line (`created: 3, failed: 1`), problems left for the job's page.
    static func summary(_ job: JSONValue, _ strings: AdminStrings) -> String {
        if let error = job["error"]?.stringValue { return error }
        let result = job["result"]?.members ?? [:]
        return result.keys.sorted().filter { key in
            if case .int = result[key] { return true } else { return false }
        }.map { "\($0): \(result[$0]!.display(strings))" }.joined(separator: ", ")
    }

    static func list(_ page: AdminPage) async throws -> HTTPResponse {
        let strings = page.strings
        let jobs = try await page.api.get("/jobs", query: [("limit", "100")])["jobs"]?.elements ?? []
        let rows = HTML.join(
            jobs.map { job in
                let id = job["id"]?.int64 ?? 0
                return """
                    <tr data-job-id="\(id)"><td><a href="\(page.base)/jobs/\(id)">\(id)</a></td><td>\(job["kind"]?.stringValue)</td>\
                    <td>\(state(job, strings))</td><td class="number">\(counts(job))</td><td class="number">\(rate(job, strings))</td>\
                    <td class="number">\(eta(job, strings))</td><td>\(summary(job, strings))</td>\
                    <td>\(AdminFormat.time(job["createdAt"] ?? .null))</td><td>\(job["createdBy"]?.stringValue)</td></tr>
                    """
            })
        let empty: HTML = jobs.isEmpty ? "<tr><td colspan=\"9\" class=\"muted\">\(strings[.noJobs])</td></tr>" : .empty
        return page.respond(
            title: strings[.jobs],
            """
            <main>
            <h1>\(strings[.jobs])</h1>
            <table class="jobs"><thead><tr><th>\(strings[.id])</th><th>\(strings[.kind])</th><th>\(strings[.status])</th>\
            <th class="number">\(strings[.progress])</th><th class="number">\(strings[.rate])</th><th class="number">\(strings[.timeLeft])</th>\
            <th>\(strings[.result])</th><th>\(strings[.started])</th><th>\(strings[.startedBy])</th></tr></thead>
            <tbody>\(rows)\(empty)</tbody></table>
            </main>
            """)
    }

    static func show(_ page: AdminPage, id: Int64, problem: String? = nil, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let strings = page.strings
        let job = try await page.api.get("/jobs/\(id)")["job"] ?? .null
        let running = job["status"]?.stringValue == "running"
        let progress = job["progress"] ?? .null
        let done = progress["done"]?.int64 ?? 0
        let total = progress["total"]?.int64
        let bar: HTML =
            total.map { total in
                "<progress id=\"job-progress\" max=\"\(max(total, 1))\" value=\"\(min(done, max(total, 1)))\">\(done) / \(total)</progress>"
            } ?? "<progress id=\"job-progress\"></progress>"
        let refresh: HTML =
            running ? "<meta http-equiv=\"refresh\" content=\"2\"><p class=\"muted\">\(strings[.refreshing])</p>" : .empty
        let cancel: HTML =
            running && page.may(.customersWrite) && job["cancelRequested"]?.bool != true
            ? """
            <form method="post" action="\(page.base)/jobs/\(id)/cancel">\(page.csrfField)
            <button type="submit" class="secondary" id="cancel-job">\(strings[.cancelJob])</button></form>
            """ : .empty
        let result = job["result"]?.members ?? [:]
        // Counts and texts; the problems get their own table, other lists are left out.
        let scalars = result.keys.sorted().filter { key in
            switch result[key]! {
            case .array, .object: return false
            default: return true
            }
        }
        let resultList: HTML = HTML.join(
            scalars.map { key in "<dt>\(key)</dt><dd data-result=\"\(key)\">\(result[key]!.display(strings))</dd>" })
        let problems = result["problems"]?.elements ?? []
        let error: HTML = job["error"]?.stringValue.map { "<p class=\"notice error\" id=\"job-error\">\($0)</p>" as HTML } ?? .empty
        return page.respond(
            title: "\(strings[.job]) \(id)", status: status,
            """
            <main>
            <p><a href="\(page.base)/jobs">← \(strings[.jobs])</a></p>
            <h1>\(strings[.job]) \(id) <span class="muted">\(job["kind"]?.stringValue)</span></h1>
            \(AdminPage.outcome(problem, error: true))
            \(refresh)
            <section class="card">
            <dl class="fields">
            <dt>\(strings[.status])</dt><dd id="job-status">\(state(job, strings))</dd>
            <dt>\(strings[.progress])</dt><dd>\(bar) <span id="job-counts">\(counts(job))</span></dd>
            <dt>\(strings[.rate])</dt><dd>\(rate(job, strings))</dd>
            <dt>\(strings[.timeLeft])</dt><dd>\(eta(job, strings))</dd>
            <dt>\(strings[.started])</dt><dd>\(AdminFormat.time(job["createdAt"] ?? .null)) · \(job["createdBy"]?.stringValue)</dd>
            </dl>
            \(cancel)
            </section>
            \(error)
            <section class="card"><h2>\(strings[.result])</h2><dl class="fields" id="job-result">\(resultList)</dl>
            \(problems.isEmpty ? HTML.empty : ImportPage.problemTable(problems, strings))
            </section>
            </main>
            """)
    }
}
