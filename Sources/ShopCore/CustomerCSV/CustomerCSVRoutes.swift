import Foundation
import HTTPServer
import SQLite

/// The customer CSV routes and the shop's jobs under `/shops/{shop}/api`: the streamed
/// export, the import (dry run or a job), and the job list with progress and cancel.
struct CustomerCSVRoutes {
    let service: ShopService
    /// The largest upload the import route takes (the other routes keep the server's 10 MiB).
    static let uploadLimit = 1 << 30

    func addRoutes(to routes: RouteGroup) {
        let service = self.service
        let catalog = service.catalog
        routes.requiring(.customersExport).get(
            "/customers/export.csv",
            summary: "Customers as CSV: a search, list filters, ids=1,2,3 or all; native, Shopify, Magento or PrestaShop columns"
        ) { request, context in
            let shop = try context.requireShop()
            let export = try CustomerCSVRoutes.export(request, shop: shop, catalog: catalog)
            var headers = HTTPHeaders()
            headers.set("Content-Type", "text/csv; charset=utf-8")
            headers.set("Content-Disposition", "attachment; filename=\"\(shop.slug.value)-customers-\(export.format.rawValue).csv\"")
            let (actor, requestID) = (context.auditActor, context.requestID)
            // An export hands personal data out of the shop: audited before the first byte.
            try await shop.database.write { db in
                try AuditLog.record(
                    db, actor: actor, action: "customers.exported", entity: "customer", entityID: nil,
                    after: .object([
                        "format": .string(export.format.rawValue), "columns": .array(export.columns.map { .string($0) }),
                        "query": .string(request.http.head.query),
                    ]), requestID: requestID)
            }
            return HTTPResponse(
                status: .ok, headers: headers,
                body: .stream { writer in
                    _ = try await export.write(shop.database) { bytes in try await writer.write(bytes) }
                })
        }

        CustomerExportJobRoutes(service: service).addRoutes(to: routes)

        routes.requiring(.customersWrite).post(
            "/customers/import", bodyLimit: CustomerCSVRoutes.uploadLimit, streamsBody: true,
            summary: "Import customers from CSV (the body): ?dryRun=true reports every problem without writing, otherwise a job"
        ) { request, context in
            let shop = try context.requireShop()
            for key in request.queryItems.keys where key != "dryRun" && key != "separator" {
                throw HTTPError.badRequest(
                    "\(key) is not a parameter of the import; it takes dryRun and separator.", code: "unknown_parameter", field: key)
            }
            let dryRun = try CustomerCSVRoutes.flag(request, "dryRun")
            let separator = try CustomerCSVRoutes.separator(request.query("separator"))
            let modules = catalog.modules(of: shop)
            // The upload goes to the shop's folder as it arrives (constant memory whatever its
            // size); the real import keeps it there, so the job can resume after a restart.
            let folder = "\(service.dataDirectory)/\(shop.slug.value)/imports"
            let path = "\(folder)/\(Timestamp.compact(Date()))-\(context.requestID.filter { $0.isLetter || $0.isNumber }).csv"
            let size = try await CustomerCSVRoutes.receive(request, into: JobFile(path: path))
            if dryRun {
                let importer = CustomerImport(
                    modules: modules, actor: context.auditActor, requestID: context.requestID,
                    open: CustomerImport.file(path, separator: separator))
                let report: JSONValue
                do {
                    report = try await importer.dryRun(shop.database)
                } catch {
                    await JobFile(path: path).remove()
                    throw error
                }
                await JobFile(path: path).remove()
                return .json(report)
            }
            let importer = CustomerImport(
                modules: modules, actor: context.auditActor, requestID: context.requestID,
                open: CustomerImport.file(path, separator: separator))
            let total: Int
            do {
                _ = try CustomerCSVParser(reader: try importer.open(), moduleMembers: importer.moduleMembers)
                total = try importer.countRows()
            } catch {
                try? FileManager.default.removeItem(atPath: path)
                throw error
            }
            var parameters: [String: JSONValue] = ["file": .string(path), "bytes": .int(Int64(size))]
            if let separator { parameters["separator"] = .string(String(UnicodeScalar(separator))) }
            let id = try await importer.start(shop.database, parameters: .object(parameters), total: total)
            CustomerCSVRoutes.runInBackground(service: service, shop: shop, importer: importer, jobID: id)
            let job = try await shop.database.read { db in try ShopJobs.require(db, id: id) }
            return .json(.object(["job": job]), status: .accepted)
        }

        routes.requiring(.customersWrite).post(
            "/customers/mass-actions",
            summary: "Enable, disable, delete or email set-password links to ticked customers, as a job (dryRun shows the impact)"
        ) { request, context in
            let shop = try context.requireShop()
            let body = try CustomerRoutes.object(request)
            let filters = catalog.listFilters(for: shop.modules)
            let moduleFields = shop.customerFields
            let massAction = try CustomerMassAction.parse(
                body, actor: context.auditActor, requestID: context.requestID, filters: filters, moduleFields: moduleFields)
            if massAction.action == .delete, case .staff(let staff) = context.caller, !staff.permissions.contains(.customersDelete) {
                throw HTTPError(
                    .forbidden, code: "permission_denied", message: "Deleting customers needs the permission customers.delete.",
                    details: ["permission": .string(Permission.customersDelete.rawValue)])
            }
            if case .bool(true)? = body["dryRun"] {
                let impact = try await shop.database.read { db in
                    try massAction.impact(db, filters: filters, moduleFields: moduleFields)
                }
                return .json(.object(["dryRun": .bool(true), "impact": impact]))
            }
            // The set is frozen with the job, in its transaction: the customers selected now.
            let id = try await shop.database.write { db in try massAction.start(db, filters: filters, moduleFields: moduleFields) }
            CustomerMassAction.runInBackground(service: service, shop: shop, massAction: massAction, jobID: id)
            let job = try await shop.database.read { db in try ShopJobs.require(db, id: id) }
            return .json(.object(["job": job]), status: .accepted)
        }

        let read = routes.requiring(.customersRead)
        read.get("/jobs", summary: "The shop's jobs, newest first, with progress (done, total, rate, ETA) and results") {
            request, context in
            let shop = try context.requireShop()
            let limit = try request.queryInt("limit", default: 50, range: 1...500)
            let before: Int64? = try request.query("before").map { text in
                guard let id = Int64(text) else {
                    throw HTTPError.badRequest("before must be a job id.", code: "invalid_query", field: "before")
                }
                return id
            }
            return .json(
                .object(["jobs": .array(try await shop.database.read { db in try ShopJobs.list(db, limit: limit, before: before) })]))
        }
        read.get("/jobs/{id}", summary: "One job with its progress and result") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            return .json(.object(["job": try await shop.database.read { db in try ShopJobs.require(db, id: id) }]))
        }
        routes.requiring(.customersWrite).post("/jobs/{id}/cancel", summary: "Stop a running job after its current batch") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let (actor, requestID) = (context.auditActor, context.requestID)
            let job = try await shop.database.write { db in try ShopJobs.requestCancel(db, id: id, actor: actor, requestID: requestID) }
            return .json(.object(["job": job]))
        }
    }

    /// Runs an import job on its own task, leasing the shop's database from the pool for the job.
    static func runInBackground(service: ShopService, shop: Shop, importer: CustomerImport, jobID: Int64) {
        let slug = shop.slug
        let modules = shop.modules
        Task.detached {
            do {
                try await service.pool.withDatabase(slug, modules: modules) { queue in
                    _ = try await importer.run(queue, jobID: jobID)
                }
            } catch {
                // `run` has marked the job failed with the reason; nothing else to tell.
            }
        }
    }

    /// Writes the request's body into `file` as it arrives, a megabyte at a time; returns its
    /// size. An empty body, or one that breaks off, is refused (400/413 naming `file`) and the
    /// partial file removed.
    static func receive(_ request: Request, into file: JobFile) async throws -> Int {
        var size = 0
        do {
            try await file.truncate(to: 0)
            if let stream = request.bodyStream {
                var pending: [UInt8] = []
                pending.reserveCapacity(1 << 20)
                while let piece = try await stream.next() {
                    pending += piece
                    if pending.count >= 1 << 20 {
                        try await file.append(pending, at: size, sync: false)
                        size += pending.count
                        pending.removeAll(keepingCapacity: true)
                    }
                }
                if !pending.isEmpty {
                    try await file.append(pending, at: size, sync: false)
                    size += pending.count
                }
                // One sync for the whole upload, before any job relies on it.
                try await file.truncate(to: size)
            } else if !request.body.isEmpty {
                try await file.append(request.body, at: 0)
                size = request.body.count
            }
        } catch let error as HTTPRequestBodyError {
            await file.remove()
            throw HTTPError(error.status, code: error.code, message: error.message, field: "file")
        } catch {
            await file.remove()
            throw error
        }
        guard size > 0 else {
            await file.remove()
            throw HTTPError.badRequest("Send the CSV file as the request body.", code: "missing_body", field: "file")
        }
        return size
    }

    static func export(_ request: Request, shop: Shop, catalog: ModuleCatalog) throws -> CustomerCSVExport {
        try CustomerCSVExport.make(
            parameters: request.queryItems, filters: catalog.listFilters(for: shop.modules), moduleFields: shop.customerFields,
            modules: catalog.modules(of: shop))
    }

    /// The most ids one export names (a list page holds at most 500 rows).
    static let maximumSelectedIDs = 1000

    /// `ids=12,15,40`: the customers to export, deduplicated; nil when not given. A 400 naming
    /// `ids` for anything but 1 to `maximumSelectedIDs` positive ids.
    static func selectedIDs(_ text: String?) throws -> [Int64]? {
        guard let text else { return nil }
        var ids = Set<Int64>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let id = Int64(String(part).trimmedWhitespace()), id > 0 else {
                throw HTTPError.badRequest(
                    "ids must be customer ids separated by commas (ids=12,15,40).", code: "invalid_query", field: "ids")
            }
            ids.insert(id)
        }
        guard ids.count <= maximumSelectedIDs else {
            throw HTTPError.badRequest(
                "ids names at most \(maximumSelectedIDs) customers; export a search or filter for more.", code: "invalid_query",
                field: "ids")
        }
        return ids.sorted()
    }

    static func flag(_ request: Request, _ name: String) throws -> Bool {
        switch request.query(name) {
        case nil, "false", "0": return false
        case "true", "1": return true
        default: throw HTTPError.badRequest("\(name) must be true or false.", code: "invalid_query", field: name)
        }
    }

    /// `comma`, `semicolon` or `tab` (or the character itself); nil when not given.
    static func separator(_ text: String?) throws -> UInt8? {
        switch text {
        case nil: return nil
        case "comma", ",": return UInt8(ascii: ",")
        case "semicolon", ";": return UInt8(ascii: ";")
        case "tab", "\t": return 9
        default: throw HTTPError.badRequest("separator must be comma, semicolon or tab.", code: "invalid_query", field: "separator")
        }
    }
}
