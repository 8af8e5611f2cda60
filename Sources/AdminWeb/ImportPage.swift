import Foundation
import HTTPServer
import ShopCore

/// Importing customers from CSV: upload a file (`multipart/form-data`), check it with the
/// API's dry run (every problem as row, column and message; nothing written), then run it as a
/// job (`POST /customers/import`) and follow its progress on the job's page.
enum ImportPage {
    /// The largest file the admin's form takes; larger files go through the API directly.
    static let uploadLimit = 64 << 20
    /// Files up to this size ride along in the report page, so "import this file" needs no second upload.
    static let carriedLimit = 1 << 20
    static let separators: [(value: String, text: CustomerWorkText)] = [
        ("", .separatorDetect), ("comma", .separatorComma), ("semicolon", .separatorSemicolon), ("tab", .separatorTab),
    ]

    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/imports", gate.signedIn { page in await render(page) })
        pages.post("/imports", bodyLimit: uploadLimit, gate.signedIn { page in try await upload(page) })
    }

    static func uploadForm(_ page: AdminPage, separator: String) -> HTML {
        let strings = page.strings
        let options = HTML.join(separators.map { CustomerListPage.option($0.value, strings[$0.text], selected: separator) })
        return """
            <form method="post" action="\(page.base)/imports" enctype="multipart/form-data" id="import-form" class="card">\(page.csrfField)
            <label class="field">\(strings[.csvFile])<input type="file" name="file" id="import-file" accept=".csv,text/csv,text/plain"></label>
            <label class="field">\(strings[.separator])<select name="separator" id="import-separator">\(options)</select></label>
            <div class="actions"><button type="submit" name="mode" value="dry-run" id="import-dry-run">\(strings[.dryRun])</button>
            <button type="submit" name="mode" value="run" class="secondary" id="import-run">\(strings[.runImport])</button></div>
            </form>
            """
    }

    /// The shop's recent imports with their state and counts (one `GET /jobs`).
    static func recent(_ page: AdminPage) async -> HTML {
        let strings = page.strings
        let jobs = (await page.api.call(.get, "/jobs", query: [("limit", "50")])).json["jobs"]?.elements ?? []
        let imports = jobs.filter { $0["kind"]?.stringValue == "customer-import" }.prefix(10)
        guard !imports.isEmpty else { return .empty }
        let rows = HTML.join(
            imports.map { job in
                let id = job["id"]?.int64 ?? 0
                return """
                    <tr data-job-id="\(id)"><td><a href="\(page.base)/jobs/\(id)">\(id)</a></td><td>\(JobsPage.state(job, strings))</td>\
                    <td class="number">\(JobsPage.counts(job))</td><td>\(JobsPage.summary(job, strings))</td>\
                    <td>\(AdminFormat.time(job["createdAt"] ?? .null))</td><td>\(job["createdBy"]?.stringValue)</td></tr>
                    """
            })
        return """
            <section class="card" id="recent-imports"><h2>\(strings[.imports])</h2>
            <table><thead><tr><th>\(strings[.job])</th><th>\(strings[.status])</th><th class="number">\(strings[.progress])</th>\
            <th>\(strings[.result])</th><th>\(strings[.started])</th><th>\(strings[.startedBy])</th></tr></thead><tbody>\(rows)</tbody></table>
            </section>
            """
    }

    static func render(
        _ page: AdminPage, report: HTML = .empty, problem: String? = nil, status: HTTPStatus = .ok, separator: String = ""
    ) async -> HTTPResponse {
        let strings = page.strings
        let form: HTML =
            page.may(.customersWrite) ? uploadForm(page, separator: separator) : AdminPage.outcome(strings[.notAllowed], error: true)
        return page.respond(
            title: strings[.importTitle], status: status,
            """
            <main>
            <div class="actions"><h1>\(strings[.importTitle])</h1><a class="button secondary" href="\(page.base)/jobs">\(strings[.jobs])</a></div>
            \(AdminPage.outcome(problem, error: true))
            \(report)
            \(form)
            \(await recent(page))
            </main>
            """)
    }

    static func upload(_ page: AdminPage) async throws -> HTTPResponse {
        let strings = page.strings
        guard page.may(.customersWrite) else { return await render(page, problem: strings[.notAllowed], status: .forbidden) }
        let separator = separators.contains { $0.value == page.form["separator"] } ? page.form["separator"] ?? "" : ""
        var bytes: [UInt8] = []
        if let boundary = MultipartForm.boundary(page.request.headers["Content-Type"]) {
            let form = MultipartForm(body: page.request.body, boundary: boundary)
            bytes = form.files["file"]?.bytes ?? []
            // The report page's "import this file" carries the checked file as text.
            if bytes.isEmpty, let text = form.fields["csv"] { bytes = Array(text.utf8) }
        } else if let text = page.form["csv"] {
            bytes = Array(text.utf8)
        }
        guard !bytes.isEmpty else {
            return await render(page, problem: strings[.missingFile], status: HTTPStatus(code: 422), separator: separator)
        }
        let dryRun = page.form["mode"] != "run"
        var query: [(String, String)] = dryRun ? [("dryRun", "true")] : []
        if !separator.isEmpty { query.append(("separator", separator)) }
        let response = await page.api.send(.post, "/customers/import", query: query, body: bytes, contentType: "text/csv; charset=utf-8")
        var json = JSONValue.null
        if case .bytes(let data) = response.body, let decoded = try? JSONDecoder().decode(JSONValue.self, from: Data(data)) {
            json = decoded
        }
        guard (200..<300).contains(response.status.code) else {
            let message = json["error"]?["message"]?.stringValue ?? "The import failed (\(response.status.code))."
            return await render(page, problem: message, status: response.status, separator: separator)
        }
        if !dryRun, let id = json["job"]?["id"]?.int64 { return AdminResponse.redirect("\(page.base)/jobs/\(id)") }
        return await render(page, report: report(page, json, file: bytes, separator: separator), separator: separator)
    }

    /// The dry run's report: counts, columns it does not know or ignores, every problem.
    static func report(_ page: AdminPage, _ report: JSONValue, file: [UInt8], separator: String) -> HTML {
        let strings = page.strings
        func count(_ key: String) -> String { (report[key] ?? .null).display(strings) }
        let unknown = (report["unknownColumns"]?.elements ?? []).compactMap(\.stringValue)
        let ignored = (report["ignoredColumns"]?.elements ?? []).map {
            "\($0["column"]?.stringValue ?? ""): \($0["reason"]?.stringValue ?? "")"
        }
        let problems = report["problems"]?.elements ?? []
        // The checked file again, as text in the form, when it is small and UTF-8.
        let text = String(validating: file, as: UTF8.self)
        let carry: HTML
        if let text, file.count <= carriedLimit {
            carry = """
                <form method="post" action="\(page.base)/imports" enctype="multipart/form-data" id="import-checked">\(page.csrfField)
                <textarea name="csv" hidden>\(text)</textarea><input type="hidden" name="separator" value="\(separator)">
                <button type="submit" name="mode" value="run" id="import-run-checked">\(strings[.runThisFile])</button></form>
                """
        } else {
            carry = "<p class=\"muted\">\(strings[.chooseAgain])</p>"
        }
        return """
            <section class="card" id="dry-run-report"><h2>\(strings[.dryRunReport])</h2>
            <dl class="fields">
            <dt>\(strings[.format])</dt><dd id="report-format">\(report["format"]?.stringValue)</dd>
            <dt>\(strings[.rows])</dt><dd id="report-rows">\(count("rows"))</dd>
            <dt>\(strings[.willCreate])</dt><dd id="report-created">\(count("created"))</dd>
            <dt>\(strings[.willUpdate])</dt><dd id="report-updated">\(count("updated"))</dd>
            <dt>\(strings[.unchanged])</dt><dd id="report-unchanged">\(count("unchanged"))</dd>
            <dt>\(strings[.failed])</dt><dd id="report-failed">\(count("failed"))</dd>
            \(unknown.isEmpty ? HTML.empty : "<dt>\(strings[.unknownColumns])</dt><dd>\(unknown.joined(separator: ", "))</dd>")
            \(ignored.isEmpty ? HTML.empty : "<dt>\(strings[.ignoredColumns])</dt><dd>\(ignored.joined(separator: "; "))</dd>")
            </dl>
            \(problems.isEmpty ? "<p id=\"no-problems\">\(strings[.noProblems])</p>" : problemTable(problems, strings))
            \(carry)
            </section>
            """
    }

    /// Problems of an import (row, column) or of a mass action (customer), with the message.
    static func problemTable(_ problems: [JSONValue], _ strings: AdminStrings) -> HTML {
        let byCustomer = problems.first?["customerId"] != nil
        let rows = HTML.join(
            problems.map { problem in
                let first = (problem[byCustomer ? "customerId" : "row"] ?? .null).display(strings)
                return
                    "<tr><td class=\"number\">\(first)</td><td>\(problem["column"]?.stringValue)</td><td>\(problem["message"]?.stringValue)</td></tr>"
            })
        return """
            <h3>\(strings[.problems])</h3>
            <table class="problems" id="problems"><thead><tr><th class="number">\(byCustomer ? strings[.customer] : strings[.row])</th>\
            <th>\(strings[.column])</th><th>\(strings[.problem])</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }
}
