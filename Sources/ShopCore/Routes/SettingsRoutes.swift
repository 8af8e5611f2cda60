import HTTPServer

/// `GET|PATCH /shops/{shop}/api/settings`: the merchant's customer-handling switches.
public struct SettingsRoutes {
    public func addRoutes(to routes: RouteGroup) {
        let manage = routes.requiring(.settingsManage)
        routes.get("/settings", summary: "The shop's customer settings") { _, context in
            let shop = try context.requireShop()
            return .json(.object(["settings": try await shop.database.read { db in try ShopSettings.load(db).json }]))
        }

        manage.patch("/settings", summary: "Change the shop's customer settings") { request, context in
            let shop = try context.requireShop()
            let patch = try CustomerRoutes.object(request)
            let (actor, requestID) = (context.auditActor, context.requestID)
            let settings = try await shop.database.write { db -> JSONValue in
                let before = try ShopSettings.load(db)
                var after = before
                try after.apply(patch)
                try after.save(db)
                if after.companyCurrency != before.companyCurrency { try CatalogSchema.touch(db) }
                try AuditLog.record(
                    db, actor: actor, action: "settings.updated", entity: "shop_setting", entityID: nil, before: before.json,
                    after: after.json, requestID: requestID)
                return after.json
            }
            return .json(.object(["settings": settings]))
        }
    }
}
