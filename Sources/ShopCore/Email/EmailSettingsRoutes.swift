import HTTPServer

/// `GET|PUT /shops/{shop}/api/email-settings`: the shop's sender and SMTP relay, for owners and
/// admins (`settings.manage`). The relay password goes in but never comes out; changes are
/// audited without it, and waiting email is tried again at once with the new settings.
public struct EmailSettingsRoutes {
    let service: ShopService

    public init(service: ShopService) { self.service = service }

    public func addRoutes(to routes: RouteGroup) {
        let service = self.service
        let manage = routes.requiring(.settingsManage)
        manage.get("/email-settings", summary: "The shop's email sender and SMTP relay (the password is never shown)") { _, context in
            let shop = try context.requireShop()
            let settings = try await shop.database.read { db in try EmailSettings.load(db).json }
            return .json(.object(["emailSettings": settings]))
        }

        manage.put("/email-settings", summary: "Set the email sender and SMTP relay; without a relay, email goes to the shop's maildir") {
            request, context in
            let shop = try context.requireShop()
            let body: JSONValue = try request.decode()
            let (actor, requestID) = (context.auditActor, context.requestID)
            let settings = try await shop.database.write { db -> JSONValue in
                let before = try EmailSettings.load(db)
                let after = try EmailSettings.parse(body, current: before)
                try after.save(db)
                try AuditLog.record(
                    db, actor: actor, action: "email_settings.updated", entity: "email_settings", entityID: nil, before: before.json,
                    after: after.json, requestID: requestID)
                return after.json
            }
            service.outboxSignal.settingsChanged(shop.slug)
            return .json(.object(["emailSettings": settings]))
        }
    }
}
