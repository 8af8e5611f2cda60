import Foundation
import HTTPServer
import SQLite

/// The export to a file as a job: `POST /customers/export-jobs` takes the parameters of
/// `GET /customers/export.csv` (format, fields, separator, bom, the list's search and filters)
/// and answers 202 with the job; `GET /jobs/{id}/file` streams the finished file. Both need
/// `customers.export`; starting and downloading are audited.
struct CustomerExportJobRoutes {
    let service: ShopService

    func addRoutes(to routes: RouteGroup) {
        let service = self.service
        let catalog = service.catalog
        let export = routes.requiring(.customersExport)
        export.post(
            "/customers/export-jobs",
            summary: "Export customers to a file as a job (the parameters of export.csv); download it from /jobs/{id}/file when done"
        ) { request, context in
            let shop = try context.requireShop()
            let parameters = request.queryItems
            let customerExport = try CustomerCSVRoutes.export(request, shop: shop, catalog: catalog)
            let folder = JobFile.folder(dataDirectory: service.dataDirectory, slug: shop.slug)
            // Files of exports finished more than a week ago go before a new one is written.
            await JobFile.sweepExports(folder: folder)
            let name = "\(Timestamp.compact(Date()))-\(context.requestID.filter { $0.isLetter || $0.isNumber })"
            let path = "\(folder)/\(name)-customers-\(customerExport.format.rawValue).csv"
            let (actor, requestID) = (context.auditActor, context.requestID)
            let id = try await shop.database.write { db in
                try CustomerExportJob.start(
                    db, export: customerExport, parameters: parameters, path: path, actor: actor, requestID: requestID)
            }
            let job = CustomerExportJob(export: customerExport, file: JobFile(path: path), actor: actor)
            CustomerExportJob.runInBackground(service: service, slug: shop.slug, modules: shop.modules, job: job, jobID: id)
            return .json(.object(["job": try await shop.database.read { db in try ShopJobs.require(db, id: id) }]), status: .accepted)
        }

        export.get("/jobs/{id}/file", summary: "The file a finished export job wrote, as CSV") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let (actor, requestID) = (context.auditActor, context.requestID)
            let path = try await shop.database.write { db -> String in
                let job = try ShopJobs.require(db, id: id)
                guard job["kind"]?.stringValue == CustomerExportJob.kind, case .string(let path)? = job["parameters"]?["file"] else {
                    throw HTTPError.notFound("Job \(id) is not an export; only an export job has a file.", code: "job_has_no_file")
                }
                guard job["status"]?.stringValue == "done" else {
                    throw HTTPError.conflict(
                        "Job \(id) is \(job["status"]?.stringValue ?? "unknown"); its file is ready when the job is done.",
                        code: "export_not_ready")
                }
                try AuditLog.record(
                    db, actor: actor, action: "customers.export_downloaded", entity: "job", entityID: String(id), requestID: requestID)
                return path
            }
            let file = JobFile(path: path)
            guard await file.size() != nil else {
                throw HTTPError.notFound(
                    "The file of job \(id) is gone: export files are kept for 7 days; run the export again.", code: "export_file_gone")
            }
            var headers = HTTPHeaders()
            headers.set("Content-Type", "text/csv; charset=utf-8")
            headers.set("Content-Disposition", "attachment; filename=\"\(shop.slug.value)-\((path as NSString).lastPathComponent)\"")
            return HTTPResponse(
                status: .ok, headers: headers,
                body: .stream { writer in
                    var offset = 0
                    while true {
                        let chunk = try await file.read(at: offset, count: 256 * 1024)
                        if chunk.isEmpty { return }
                        try await writer.write(chunk)
                        offset += chunk.count
                    }
                })
        }
    }
}
