import Foundation
import HTTPServer
import SQLite
import ShopCore

/// Where the signed link in the merchant's notification leads (DOMAIN.md 000, step 6), under
/// `/shops/{shop}/storefront/{store}/b2b/approval`: `GET ?token=` shows the application and a
/// small form asking for the ERP customer number; `POST` (the form, or JSON) approves with it and
/// uses the link up. No session is needed: the link's signature is the merchant's authority.
/// A browser gets its refusals as a page; an API client as the usual JSON error.
struct ApprovalLinkRoutes {
    let now: @Sendable () -> Date

    func addRoutes(to routes: RouteGroup) {
        let now = self.now
        routes.get("/b2b/approval", summary: "The approval form the merchant's signed link opens (HTML)") { request, context in
            let shop = try context.requireShop()
            let code = try context.parameter("store")
            do {
                guard let token = request.query("token"), !token.isEmpty else {
                    throw HTTPError.badRequest(
                        "The link has no token; open the whole link from the notification email.", code: "invalid_link", field: "token")
                }
                let at = now()
                let application = try await shop.database.read { db -> JSONValue in
                    _ = try StorefrontStore.require(db, code: code)
                    let settings = try B2BSettings.load(db)
                    let link = try ApprovalLink.verify(db, token: token, shop: shop.slug.value, secret: settings.linkSecret, now: at)
                    let row = try ApplicationStore.require(db, id: link.applicationID)
                    try ApplicationStore.requirePending(row)
                    return try ApplicationStore.json(row)
                }
                return ApprovalPage.response(ApprovalPage.form(application, token: token, shopName: shop.record.name))
            } catch let error as HTTPError where ApprovalLinkRoutes.wantsPage(request) {
                return ApprovalPage.response(ApprovalPage.refusal(error), status: error.status)
            }
        }

        routes.post(
            "/b2b/approval", bodyLimit: 16 * 1024, summary: "Approve an application through its signed link, with the ERP customer number"
        ) {
            request, context in
            let shop = try context.requireShop()
            let code = try context.parameter("store")
            let form = ApprovalLinkRoutes.isForm(request)
            do {
                let body = try ApprovalLinkRoutes.body(request, form: form)
                guard let token = try B2BField.text(body, "token", max: 500) else {
                    throw HTTPError.invalid("token", "token is required: the one from the approval link.", code: "missing_field")
                }
                guard let erp = try B2BField.text(body, "erpCustomerNumber", max: 64) else {
                    throw HTTPError.invalid(
                        "erpCustomerNumber", "erpCustomerNumber is required: the customer number you created in the ERP.",
                        code: "missing_field")
                }
                let erpNumber = try B2BField.erpNumber(erp, field: "erpCustomerNumber")
                let (requestID, at) = (context.requestID, now())
                let result = try await shop.database.write { db -> JSONValue in
                    _ = try StorefrontStore.require(db, code: code)
                    let settings = try B2BSettings.load(db)
                    let link = try ApprovalLink.verify(db, token: token, shop: shop.slug.value, secret: settings.linkSecret, now: at)
                    let actor = AuditActor(kind: "approval_link", id: nil, label: "merchant's approval link")
                    let decision = ApplicationDecision(db: db, outbox: ShopOutbox(db, shop: shop), actor: actor, requestID: requestID)
                    let approval = try decision.approve(link.applicationID, erpNumber: erpNumber, via: "link")
                    try link.markUsed(db)
                    return try ApplicationRoutes.approvalJSON(db, link.applicationID, approval)
                }
                if form { return ApprovalPage.response(ApprovalPage.approved(result)) }
                return .json(result)
            } catch let error as HTTPError where form {
                return ApprovalPage.response(ApprovalPage.refusal(error), status: error.status)
            }
        }
    }

    /// A browser's form post (`application/x-www-form-urlencoded`).
    static func isForm(_ request: Request) -> Bool {
        request.headers["Content-Type"]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
    }

    /// Whether a refusal should be a page: the client asked for HTML (a browser following the link).
    static func wantsPage(_ request: Request) -> Bool {
        request.headers["Accept"]?.lowercased().contains("text/html") == true
    }

    /// The form's fields or the JSON body, refusing any other member by name.
    static func body(_ request: Request, form: Bool) throws -> [String: JSONValue] {
        let allowed: Set<String> = ["token", "erpCustomerNumber"]
        guard form else { return try B2BField.body(request, allowing: allowed) }
        guard let text = String(validating: request.body, as: UTF8.self) else {
            throw HTTPError.badRequest("The form is not valid UTF-8.", code: "malformed_form")
        }
        let fields = QueryString.parse(text)
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw HTTPError.invalid(unknown, "\(unknown) is not a field here; allowed: erpCustomerNumber, token.", code: "unknown_field")
        }
        return fields.mapValues { .string($0) }
    }
}
