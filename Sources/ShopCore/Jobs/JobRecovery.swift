import Foundation
import SQLite

/// What `serve` does at start with jobs a stopped process left `running`: an import whose
/// kept file is still there resumes after its last committed batch, a mass action after the
/// last customer id it committed, an export to a file after its last committed page (over the set frozen when it started, audited under the
/// person who started it), each on its own task; any other job (an import whose file is gone,
/// parameters no longer readable) is marked failed with the reason, so no job stays "running"
/// for ever.
public enum JobRecovery {
    /// Looks at every active shop once; returns how many jobs were resumed and failed.
    @discardableResult
    public static func recover(_ service: ShopService, log: LogSink) async -> (resumed: Int, failed: Int) {
        var resumed = 0
        var failed = 0
        let actor = AuditActor(kind: "system", id: nil, label: "restart")
        for record in service.registry.allShops() where record.status == .active {
            let moduleIDs = service.catalog.enabledModules(for: record)
            let modules = service.catalog.entries.map(\.module).filter { moduleIDs.contains($0.id) }
            do {
                let jobs = try await service.pool.withDatabase(record.slug, modules: moduleIDs) { queue in
                    try await queue.read { db in
                        try db.scalar("SELECT 1 FROM sqlite_master WHERE name = 'job'", as: Int.self) == nil ? [] : try ShopJobs.running(db)
                    }
                }
                for job in jobs {
                    if job.kind == "customer-import", case .string(let path)? = job.parameters["file"],
                        FileManager.default.fileExists(atPath: path)
                    {
                        let separator = job.parameters["separator"]?.stringValue?.utf8.first
                        let importer = CustomerImport(
                            modules: modules, actor: actor, open: CustomerImport.file(path, separator: separator))
                        let slug = record.slug
                        let id = job.id
                        Task.detached {
                            try? await service.pool.withDatabase(slug, modules: moduleIDs) { queue in
                                _ = try await importer.run(queue, jobID: id)
                            }
                        }
                        resumed += 1
                    } else if job.kind == CustomerMassAction.kind, let massAction = CustomerMassAction(job: job.parameters) {
                        // The set was frozen with the job: the run continues after the last committed id.
                        let shopRecord = record
                        let id = job.id
                        Task.detached {
                            try? await service.pool.withDatabase(shopRecord.slug, modules: moduleIDs) { queue in
                                let shop = Shop(record: shopRecord, database: queue, modules: moduleIDs)
                                await massAction.run(queue, shop: shop, jobID: id) { service.outboxSignal.notify(shopRecord.slug) }
                            }
                        }
                        resumed += 1
                    } else if job.kind == CustomerExportJob.kind, let stored = CustomerExportJob.stored(job.parameters),
                        let export = try? CustomerCSVExport.make(
                            parameters: stored.query, filters: service.catalog.listFilters(for: moduleIDs),
                            moduleFields: service.catalog.customerFields(for: moduleIDs), modules: modules)
                    {
                        // The file is cut back to the length the last committed page recorded.
                        let exportJob = CustomerExportJob(export: export, file: JobFile(path: stored.path), actor: stored.actor)
                        CustomerExportJob.runInBackground(
                            service: service, slug: record.slug, modules: moduleIDs, job: exportJob, jobID: job.id)
                        resumed += 1
                    } else {
                        let reason =
                            job.kind == "customer-import"
                            ? "the server stopped during the import and its file is gone; upload it again (rows already imported are matched, not doubled)"
                            : "the server stopped while the job ran"
                        try await service.pool.withDatabase(record.slug, modules: moduleIDs) { queue in
                            try await queue.write { db in
                                try ShopJobs.finish(db, id: job.id, status: "failed", result: nil, error: reason, actor: actor)
                            }
                        }
                        failed += 1
                    }
                }
            } catch {
                log.log("job recovery in \(record.slug.value): \(error)")
            }
        }
        return (resumed, failed)
    }

    /// Sweeps every shop's export folder (`JobFile.sweepExports`); run at server start, so a shop
    /// that never exports again does not keep its old files.
    @discardableResult
    public static func sweepExportFiles(_ service: ShopService, log: LogSink) async -> Int {
        var removed = 0
        for record in service.registry.allShops() {
            removed += await JobFile.sweepExports(folder: JobFile.folder(dataDirectory: service.dataDirectory, slug: record.slug))
        }
        if removed > 0 { log.log("removed \(removed) export files older than 7 days") }
        return removed
    }
}
