import Foundation
import ShopCore

/// `migrate`, `backup` and `operator-token`: the operator's upkeep commands.
enum MaintenanceCommands {
    static func migrate(_ words: [String], modules: [any FeatureModule]) async throws {
        var arguments = try CommandLineArguments(words, flags: ["all"])
        let all = arguments.flag("all")
        let (lock, app) = try ShopAdminCommand.openApplication(&arguments, modules: modules)
        defer { withExtendedLifetime(lock) {} }
        defer { app.service.registry.close() }
        if all {
            try arguments.finish(maxPositional: 0)
            do {
                let report = try await MigrationRunner(service: app.service).run { progress in
                    let applied = progress.applied.isEmpty ? "up to date" : "applied \(progress.applied.joined(separator: ", "))"
                    print("[\(progress.done)/\(progress.total)] \(progress.slug): \(applied)")
                }
                print(
                    "migrated \(report.done) of \(report.total) shops\(report.resumed ? " (resumed)" : ""); \(report.migrationsApplied) migrations applied"
                )
            } catch let failure as MigrationRunner.Failure {
                await app.service.pool.closeAll()
                throw CLIError.failed(failure.description)
            }
        } else {
            let text = try arguments.argument(0, "slug or --all")
            try arguments.finish(maxPositional: 1)
            guard let slug = ShopSlug(text) else { throw CLIError.failed("\(text) is not a valid shop slug") }
            let applied = try await app.service.migrate(slug)
            print(applied.isEmpty ? "\(slug): up to date" : "\(slug): applied \(applied.joined(separator: ", "))")
        }
        await app.service.pool.closeAll()
    }

    static func backup(_ words: [String], modules: [any FeatureModule]) async throws {
        var arguments = try CommandLineArguments(words)
        let (lock, app) = try ShopAdminCommand.openApplication(&arguments, modules: modules)
        defer { withExtendedLifetime(lock) {} }
        defer { app.service.registry.close() }
        let text = try arguments.argument(0, "slug")
        let file = URL(fileURLWithPath: try arguments.argument(1, "file")).standardizedFileURL.path
        try arguments.finish(maxPositional: 2)
        guard let slug = ShopSlug(text) else { throw CLIError.failed("\(text) is not a valid shop slug") }
        try await app.service.backup(slug, to: file)
        await app.service.pool.closeAll()
        print("\(slug): backed up to \(file)")
    }

    static func operatorToken(_ words: [String], modules: [any FeatureModule]) async throws {
        var arguments = try CommandLineArguments(words, flags: ["rotate"])
        let rotate = arguments.flag("rotate")
        let (lock, app) = try ShopAdminCommand.openApplication(&arguments, modules: modules)
        defer { withExtendedLifetime(lock) {} }
        defer { app.service.registry.close() }
        try arguments.finish(maxPositional: 0)
        guard rotate || !app.operatorTokens.hasToken else {
            throw CLIError.failed("an operator token exists and is stored hashed; pass --rotate to replace it")
        }
        print(try await app.operatorTokens.issue())
    }
}
