import Foundation
import HTTPServer

/// `/operator/...`: the SaaS operator's API (and support's B2B switch). Every change is
/// written to the registry's audit trail.
public struct OperatorRoutes {
    let service: ShopService

    public init(service: ShopService) { self.service = service }

    struct ShopPatch: Decodable {
        var name: String?
        var tier: String?
        var addOns: [String]?
        var flags: [String]?
    }
    struct TierBody: Decodable { var tier: String }
    struct ReasonBody: Decodable { var reason: String }

    public func addRoutes(to routes: RouteGroup) {
        let service = self.service

        routes.get("/shops", summary: "List shops") { request, _ in
            var shops = service.registry.allShops()
            if let status = request.query("status") {
                guard let wanted = ShopStatus(rawValue: status) else {
                    throw HTTPError.badRequest("status must be active or suspended.", code: "invalid_query", field: "status")
                }
                shops = shops.filter { $0.status == wanted }
            }
            if let tier = request.query("tier") {
                let wanted = try Tier.parse(tier)
                shops = shops.filter { $0.tier == wanted }
            }
            return .json(.object(["shops": .array(shops.map(\.json)), "total": .int(Int64(shops.count))]))
        }

        routes.post("/shops", summary: "Provision a shop") { request, context in
            let body = try request.decode(
                ProvisioningRequest.self,
                allowing: ["slug", "name", "tier", "addOns", "flags", "stores", "ownerEmail", "ownerName", "ownerPassword"])
            let provisioned = try await service.provision(body, actor: context.auditActor.label)
            var result: [String: JSONValue] = ["shop": OperatorRoutes.detail(provisioned.record, service)]
            if let password = provisioned.ownerPassword { result["ownerPassword"] = .string(password) }
            return .json(.object(result), status: .created, headers: ["Location": "/operator/shops/\(provisioned.record.slug)"])
        }

        routes.get("/shops/{slug}", summary: "Show a shop") { _, context in
            .json(.object(["shop": OperatorRoutes.detail(try service.record(try OperatorRoutes.slug(context)), service)]))
        }

        routes.patch("/shops/{slug}", summary: "Change a shop's name, tier, add-ons or flags") { request, context in
            let patch = try request.decode(ShopPatch.self, allowing: ["name", "tier", "addOns", "flags"])
            let slug = try OperatorRoutes.slug(context)
            if let name = patch.name, name.trimmedWhitespace().isEmpty || name.count > 200 {
                throw HTTPError.invalid("name", "name must be 1 to 200 characters.")
            }
            let tier = try patch.tier.map { try Tier.parse($0) }
            let addOns = try patch.addOns.map { try Set($0.map { try AddOn.parse($0) }) }
            let flags = try patch.flags.map { try Set($0.map { try ShopFlag.parse($0) }) }
            let record = try await service.registry.update(slug, actor: context.auditActor.label, action: "shop.updated") {
                if let name = patch.name { $0.name = name.trimmedWhitespace() }
                if let tier { $0.tier = tier }
                if let addOns { $0.addOns = addOns }
                if let flags { $0.flags = flags }
            }
            return .json(.object(["shop": OperatorRoutes.detail(record, service)]))
        }

        routes.put("/shops/{slug}/tier", summary: "Set a shop's tier") { request, context in
            let body = try request.decode(TierBody.self, allowing: ["tier"])
            let record = try await service.setTier(
                try OperatorRoutes.slug(context), try Tier.parse(body.tier), actor: context.auditActor.label)
            return .json(.object(["shop": OperatorRoutes.detail(record, service)]))
        }

        for enabled in [true, false] {
            let method: HTTPMethod = enabled ? .put : .delete
            routes.on(method, "/shops/{slug}/add-ons/{addOn}", summary: enabled ? "Enable an add-on" : "Disable an add-on") { _, context in
                let addOn = try AddOn.parse(try context.parameter("addOn"), field: "addOn")
                let record = try await service.setAddOn(
                    try OperatorRoutes.slug(context), addOn, enabled: enabled, actor: context.auditActor.label)
                return .json(.object(["shop": OperatorRoutes.detail(record, service)]))
            }
            routes.on(method, "/shops/{slug}/flags/{flag}", summary: enabled ? "Set a flag (support: B2B mode)" : "Clear a flag") {
                _, context in
                let flag = try ShopFlag.parse(try context.parameter("flag"), field: "flag")
                let record = try await service.setFlag(
                    try OperatorRoutes.slug(context), flag, enabled: enabled, actor: context.auditActor.label)
                return .json(.object(["shop": OperatorRoutes.detail(record, service)]))
            }
        }

        routes.post("/shops/{slug}/suspend", summary: "Suspend a shop") { request, context in
            let body = try request.decode(ReasonBody.self, allowing: ["reason"])
            let record = try await service.suspend(try OperatorRoutes.slug(context), reason: body.reason, actor: context.auditActor.label)
            return .json(.object(["shop": OperatorRoutes.detail(record, service)]))
        }

        routes.post("/shops/{slug}/resume", summary: "Resume a suspended shop") { _, context in
            let record = try await service.resume(try OperatorRoutes.slug(context), actor: context.auditActor.label)
            return .json(.object(["shop": OperatorRoutes.detail(record, service)]))
        }

        routes.delete("/shops/{slug}", summary: "Delete a shop (moved to the trash)") { _, context in
            let trash = try await service.delete(try OperatorRoutes.slug(context), actor: context.auditActor.label)
            return .json(.object(["deleted": .string(try OperatorRoutes.slug(context).value), "trash": .string(trash)]))
        }

        routes.post("/shops/{slug}/migrate", summary: "Apply a shop's pending migrations") { _, context in
            let applied = try await service.migrate(try OperatorRoutes.slug(context))
            return .json(.object(["applied": .array(applied.map { .string($0) })]))
        }

        routes.post("/shops/{slug}/backups", summary: "Back up a shop online") { _, context in
            let slug = try OperatorRoutes.slug(context)
            let folder = "\(service.dataDirectory)/.backups"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let file = "\(folder)/\(slug.value)-\(Timestamp.compact(Date())).sqlite"
            try await service.backup(slug, to: file)
            return .json(.object(["file": .string(file)]), status: .created)
        }

        routes.get("/shops/{slug}/audit", summary: "The operator's audit trail for a shop") { request, context in
            let limit = try request.queryInt("limit", default: 100, range: 1...1000)
            let entries = try await service.registry.auditTrail(for: try OperatorRoutes.slug(context), limit: limit)
            return .json(.object(["entries": .array(entries)]))
        }

        routes.post("/migrations", summary: "Migrate every shop (resumes a stopped run)") { _, _ in
            do {
                let report = try await MigrationRunner(service: service).run()
                return try .json(report)
            } catch let failure as MigrationRunner.Failure {
                throw HTTPError(
                    .internalServerError, code: "migration_failed", message: failure.description,
                    details: [
                        "runId": .int(failure.runID), "shop": .string(failure.slug.value),
                        "done": .int(Int64(failure.done)), "total": .int(Int64(failure.total)),
                    ])
            }
        }

        routes.get("/migrations", summary: "Recent migration runs") { _, _ in
            .json(.object(["runs": .array(try await MigrationRunner(service: service).history())]))
        }

        routes.get("/tiers", summary: "The tier matrix: which module each tier, add-on and flag gives") { _, _ in
            let modules: [JSONValue] = service.catalog.entries.map { entry in
                .object([
                    "id": .string(entry.module.id), "name": .string(entry.module.name),
                    "requires": entry.availability.json,
                    "tiers": .object(
                        Dictionary(
                            uniqueKeysWithValues: Tier.allCases.map { tier in
                                (
                                    tier.rawValue,
                                    .bool(entry.availability.isEnabled(for: ShopRecord(slug: ShopSlug("xx")!, name: "", tier: tier)))
                                )
                            })),
                ])
            }
            return .json(
                .object([
                    "tiers": .array(Tier.allCases.map { .string($0.rawValue) }),
                    "addOns": .array(AddOn.known.map { .string($0.rawValue) }),
                    "flags": .array(ShopFlag.known.map { .string($0.rawValue) }),
                    "modules": .array(modules),
                ]))
        }
    }

    /// The `{slug}` of the path; a slug that cannot exist finds no shop.
    static func slug(_ context: RequestContext) throws -> ShopSlug {
        let text = try context.parameter("slug")
        guard let slug = ShopSlug(text) else { throw HTTPError.notFound("No shop named \(text).", code: "shop_not_found") }
        return slug
    }

    /// A shop with its enabled modules and database size, for show and change responses.
    static func detail(_ record: ShopRecord, _ service: ShopService) -> JSONValue {
        guard case .object(var object) = record.json else { return record.json }
        object["modules"] = .array(service.catalog.enabledModules(for: record).map { .string($0) })
        let attributes = try? FileManager.default.attributesOfItem(atPath: service.databasePath(record.slug))
        object["databaseBytes"] = .int(Int64((attributes?[.size] as? Int) ?? 0))
        return .object(object)
    }
}
