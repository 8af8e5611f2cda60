import Foundation
import SQLite
import ShopCore
import Synchronization

/// `shopadmin export`, `shopadmin import` and `shopadmin jobs`: the customer CSV on the
/// command line, with a progress bar on stderr.
enum CSVCommands {
    /// `export <shop> [--format F] [--fields a,b] [--separator comma|semicolon|tab] [--bom] [--output FILE]`
    static func export(_ words: [String], modules: [any FeatureModule]) async throws {
        var arguments = try CommandLineArguments(words, flags: ["bom", "quiet"])
        let (lock, app) = try ShopAdminCommand.openApplication(&arguments, modules: modules)
        defer { withExtendedLifetime(lock) {} }
        defer { app.service.registry.close() }
        let slug = try shopSlug(try arguments.argument(0, "shop"))
        let formatText = arguments.option("format") ?? "native"
        guard let format = CustomerCSVFormat(rawValue: formatText) else {
            throw CLIError.usage("--format must be one of \(CustomerCSVFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let fields = arguments.option("fields").map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        let separator = try separatorOption(arguments.option("separator"))
        let bom = arguments.flag("bom")
        let output = arguments.option("output")
        let quiet = arguments.flag("quiet")
        try arguments.finish(maxPositional: 1)
        let record = try app.service.record(slug)
        let ids = app.service.catalog.enabledModules(for: record)
        let shopModules = app.service.catalog.entries.map(\.module).filter { ids.contains($0.id) }
        let export: CustomerCSVExport
        do {
            export = try CustomerCSVExport.everyone(
                format: format, fields: fields, separator: separator, byteOrderMark: bom, modules: shopModules)
        } catch let error as HTTPError {
            throw CLIError.usage(error.message)
        }
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let file = FileHandle(forWritingAtPath: output) else {
                throw CLIError.failed("cannot write \(output)")
            }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        let started = Date()
        let written = try await app.service.pool.withDatabase(slug, modules: ids) { queue in
            let total = try await queue.read { db in try db.scalar("SELECT count(*) FROM customer", as: Int.self) ?? 0 }
            let bar = ProgressBar(label: "export", total: total, enabled: !quiet && output != nil)
            let count = try await export.write(queue, progress: { bar.update($0) }) { bytes in try handle.write(contentsOf: bytes) }
            bar.finish()
            try await queue.write { db in
                try AuditLog.record(
                    db, actor: AuditActor(kind: "system", id: nil, label: "cli"), action: "customers.exported", entity: "customer",
                    entityID: nil,
                    after: .object([
                        "format": .string(format.rawValue), "columns": .array(export.columns.map { .string($0) }),
                        "count": .int(Int64(count)),
                    ]))
            }
            return count
        }
        if output != nil { try handle.close() }
        await app.service.pool.closeAll()
        if output != nil, !quiet {
            let seconds = Date().timeIntervalSince(started)
            print(
                "\(slug): \(written) customers exported in \(String(format: "%.1f", seconds)) s (\(Int(Double(written) / max(seconds, 0.001))) rows/s)"
            )
        }
    }

    /// `import <shop> <file> [--dry-run] [--separator S] [--quiet]`: a dry run prints the report;
    /// otherwise the import runs as a job, resuming a job of the same file that a crash left running.
    static func importFile(_ words: [String], modules: [any FeatureModule]) async throws {
        var arguments = try CommandLineArguments(words, flags: ["dry-run", "quiet"])
        let (lock, app) = try ShopAdminCommand.openApplication(&arguments, modules: modules)
        defer { withExtendedLifetime(lock) {} }
        defer { app.service.registry.close() }
        let slug = try shopSlug(try arguments.argument(0, "shop"))
        let path = URL(fileURLWithPath: try arguments.argument(1, "file")).standardizedFileURL.path
        let dryRun = arguments.flag("dry-run")
        let quiet = arguments.flag("quiet")
        let separator = try separatorOption(arguments.option("separator"))
        try arguments.finish(maxPositional: 2)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let size = attributes[.size] as? Int else {
            throw CLIError.failed("cannot read \(path)")
        }
        let record = try app.service.record(slug)
        let ids = app.service.catalog.enabledModules(for: record)
        let shopModules = app.service.catalog.entries.map(\.module).filter { ids.contains($0.id) }
        let importer = CustomerImport(
            modules: shopModules, actor: AuditActor(kind: "system", id: nil, label: "cli import"),
            open: CustomerImport.file(path, separator: separator))
        let started = Date()
        let report: JSONValue
        do {
            report = try await app.service.pool.withDatabase(slug, modules: ids) { queue in
                let total = try importer.countRows()
                let bar = ProgressBar(label: dryRun ? "check" : "import", total: total, enabled: !quiet)
                defer { bar.finish() }
                if dryRun { return try await importer.dryRun(queue, progress: { bar.update($0) }) }
                let parameters: JSONValue = .object(["file": .string(path), "bytes": .int(Int64(size))])
                let resumable = try await queue.read { db in
                    try ShopJobs.running(db).first { $0.kind == "customer-import" && $0.parameters == parameters }
                }
                let jobID: Int64
                if let resumable {
                    jobID = resumable.id
                    if !quiet { FileHandle.standardError.write(Data("resuming job \(jobID) after row \(resumable.resumeAt)\n".utf8)) }
                } else {
                    jobID = try await importer.start(queue, parameters: parameters, total: total)
                }
                return try await importer.run(queue, jobID: jobID, progress: { bar.update($0) })
            }
        } catch let error as HTTPError {
            throw CLIError.failed(error.field.map { "\($0): \(error.message)" } ?? error.message)
        }
        await app.service.pool.closeAll()
        let seconds = Date().timeIntervalSince(started)
        print(summary(report, seconds: seconds))
        if case .array(let problems)? = report["problems"] {
            for problem in problems.prefix(50) {
                let row = problem["row"].map { String(decoding: $0.serialized(), as: UTF8.self) } ?? "?"
                let column = problem["column"]?.stringValue.map { " \($0):" } ?? ""
                print("  row \(row):\(column) \(problem["message"]?.stringValue ?? "")")
            }
            if problems.count > 50 { print("  … \(problems.count - 50) more in the job's report (shopadmin jobs \(slug))") }
        }
    }

    /// `jobs <shop>`: the shop's jobs with progress and outcome.
    static func jobs(_ words: [String], modules: [any FeatureModule]) async throws {
        var arguments = try CommandLineArguments(words)
        let (lock, app) = try ShopAdminCommand.openApplication(&arguments, modules: modules)
        defer { withExtendedLifetime(lock) {} }
        defer { app.service.registry.close() }
        let slug = try shopSlug(try arguments.argument(0, "shop"))
        try arguments.finish(maxPositional: 1)
        let record = try app.service.record(slug)
        let jobs = try await app.service.pool.withDatabase(slug, modules: app.service.catalog.enabledModules(for: record)) { queue in
            try await queue.read { db in try ShopJobs.list(db) }
        }
        await app.service.pool.closeAll()
        for job in jobs {
            func text(_ value: JSONValue?) -> String {
                guard let value, value != .null else { return "-" }
                return value.stringValue ?? String(decoding: value.serialized(), as: UTF8.self)
            }
            let progress = job["progress"]
            print(
                "\(text(job["id"]))\t\(text(job["kind"]))\t\(text(job["status"]))\t\(text(progress?["done"]))/\(text(progress?["total"]))\t\(text(job["createdAt"]))\t\(text(job["error"]))"
            )
        }
    }

    static func summary(_ report: JSONValue, seconds: Double) -> String {
        func number(_ key: String) -> Int64 {
            if case .int(let value)? = report[key] { return value }
            return 0
        }
        let rows = number("rows")
        var line =
            "\(report["dryRun"] == .bool(true) ? "dry run" : "import") (\(report["format"]?.stringValue ?? "?") columns): \(rows) rows, "
            + "\(number("created")) created, \(number("updated")) updated, \(number("unchanged")) unchanged, \(number("failed")) failed"
            + " in \(String(format: "%.1f", seconds)) s (\(Int(Double(rows) / max(seconds, 0.001))) rows/s)"
        if case .array(let unknown)? = report["unknownColumns"], !unknown.isEmpty {
            line += "\nunknown columns (not imported): " + unknown.compactMap(\.stringValue).joined(separator: ", ")
        }
        if case .array(let ignored)? = report["ignoredColumns"], !ignored.isEmpty {
            line +=
                "\nignored columns: "
                + ignored.map { "\($0["column"]?.stringValue ?? "") (\($0["reason"]?.stringValue ?? ""))" }.joined(separator: "; ")
        }
        return line
    }

    static func shopSlug(_ text: String) throws -> ShopSlug {
        guard let slug = ShopSlug(text) else { throw CLIError.failed("\(text) is not a valid shop slug") }
        return slug
    }

    static func separatorOption(_ text: String?) throws -> UInt8? {
        switch text {
        case nil: return nil
        case "comma", ",": return UInt8(ascii: ",")
        case "semicolon", ";": return UInt8(ascii: ";")
        case "tab": return 9
        default: throw CLIError.usage("--separator must be comma, semicolon or tab")
        }
    }
}

/// A one-line progress bar on stderr (`[#####.....] 52% 104,000/200,000 48,211 rows/s ETA 2 s`),
/// redrawn at most five times a second.
final class ProgressBar: Sendable {
    private struct State {
        var last = Date.distantPast
        var drawn = false
    }
    let label: String
    let total: Int
    let enabled: Bool
    let started = Date()
    private let state = Mutex(State())

    init(label: String, total: Int, enabled: Bool) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let now = Date()
        let draw = state.withLock { state -> Bool in
            guard now.timeIntervalSince(state.last) >= 0.2 || done >= total else { return false }
            state.last = now
            state.drawn = true
            return true
        }
        guard draw else { return }
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let seconds = now.timeIntervalSince(started)
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let eta = rate > 0 ? Int(Double(max(0, total - done)) / rate) : 0
        let line =
            "\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] "
            + "\(Int(fraction * 100))% \(done)/\(total) \(Int(rate)) rows/s ETA \(eta) s "
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled, state.withLock({ $0.drawn }) else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
