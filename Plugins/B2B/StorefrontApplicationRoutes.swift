import Foundation
import SQLite
import ShopCore

/// The public application form's endpoint, `POST /shops/{shop}/storefront/{store}/b2b/applications`
/// (DOMAIN.md 000, steps 1 and 2): anyone may apply, signed in or not. In one write transaction
/// the application is stored, the applicant's receipt and the merchant's notification with the
/// signed approval link are queued, and the step is audited.
struct StorefrontApplicationRoutes {
    let now: @Sendable () -> Date

    func addRoutes(to routes: RouteGroup) {
        let now = self.now
        routes.post("/b2b/applications", bodyLimit: 64 * 1024, summary: "Apply for a B2B (business) account") { request, context in
            let shop = try context.requireShop()
            let code = try context.parameter("store")
            let body = try B2BField.body(request, allowing: ApplicationInput.keys)
            let requestID = context.requestID
            let submittedAt = now()
            let application = try await shop.database.write { db -> JSONValue in
                let store = try StorefrontStore.require(db, code: code)
                let input = try ApplicationInput(body, storeCountry: store.country)
                let id = try ApplicationStore.insert(db, input, store: store)
                let outbox = ShopOutbox(db, shop: shop)
                let settings = try B2BSettings.load(db)
                let receipt = try outbox.queue(
                    B2BEmails.received, to: input.email, locale: store.locale,
                    variables: ["firstName": input.firstName, "companyName": input.companyName])
                let (token, expiresAt) = try ApprovalLink.issue(
                    db, applicationID: id, shop: shop.slug.value, secret: settings.linkSecret, now: submittedAt)
                let base = try settings.approvalBase(outbox, shop: shop.slug.value, store: store.code)
                var notification: JSONValue = .null
                if let merchant = try settings.merchantAddress(outbox) {
                    notification = .int(
                        try outbox.queue(
                            B2BEmails.notification, to: merchant, locale: store.locale,
                            variables: [
                                "applicationId": String(id), "companyName": input.companyName, "businessId": input.businessID,
                                "vatNumber": input.vatNumber ?? B2BEmails.none, "contactName": "\(input.firstName) \(input.lastName)",
                                "email": input.email, "phone": input.phone, "message": input.message ?? B2BEmails.none,
                                "link": "\(base)/b2b/approval?token=\(token)", "expiresAt": Timestamp.format(expiresAt),
                            ]))
                }
                try db.execute(
                    "UPDATE b2b_application SET receipt_email_id = ?, notification_email_id = ? WHERE id = ?",
                    [receipt, notification.intValue, id])
                try AuditLog.record(
                    db, actor: AuditActor(kind: "applicant", id: nil, label: "storefront applicant"),
                    action: "b2b.application_submitted", entity: "b2b_application", entityID: String(id),
                    after: .object([
                        "store": .string(store.code), "companyName": .string(input.companyName), "country": .string(input.country.rawValue),
                        "businessId": .string(input.businessID), "receiptEmailId": .int(receipt), "notificationEmailId": notification,
                        "linkExpiresAt": .string(Timestamp.format(expiresAt)),
                    ]), requestID: requestID)
                let application = try ApplicationStore.json(try ApplicationStore.require(db, id: id))
                try ShopEvents.emit(db, "b2b.application.submitted", ["application": application])
                return application
            }
            return .json(
                .object([
                    "application": .object([
                        "id": application["id"] ?? .null, "status": .string("pending"), "submittedAt": application["submittedAt"] ?? .null,
                    ]),
                    "message": .string(
                        "Thank you: we have received your application and emailed you a receipt. The shop will answer by email."),
                ]), status: .created)
        }
        ApprovalLinkRoutes(now: now).addRoutes(to: routes)
    }
}
