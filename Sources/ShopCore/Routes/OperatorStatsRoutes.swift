import Foundation
import HTTPServer

/// `GET /operator/shops/{slug}/stats`: what the operator's console shows of a shop beyond its
/// registry row, its customer count and database size. Kept out of the shop list, which
/// answers from memory: counting opens the shop's database.
public struct OperatorStatsRoutes {
    let service: ShopService

    public init(service: ShopService) { self.service = service }

    public func addRoutes(to routes: RouteGroup) {
        let service = self.service
        routes.get("/shops/{slug}/stats", summary: "A shop's customer count and database size") { _, context in
            let record = try service.record(try OperatorRoutes.slug(context))
            // A suspended shop is still counted: the operator looks at it from outside.
            let customers = try await service.pool.withDatabase(
                record.slug, modules: service.catalog.enabledModules(for: record)
            ) { database in
                try await database.read { db in try CustomerTally.count(db, CustomerTally.Filter()) }
            }
            let attributes = try? FileManager.default.attributesOfItem(atPath: service.databasePath(record.slug))
            return .json(
                .object([
                    "slug": .string(record.slug.value), "customerCount": .int(customers),
                    "databaseBytes": .int(Int64((attributes?[.size] as? Int) ?? 0)),
                ]))
        }
    }
}
