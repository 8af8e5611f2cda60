import HTTPServer

/// The shop's email log for staff who may read customers (`customers.read`): every email
/// with its delivery status, attempts, last error and Message-ID; one email with its bodies
/// and attempts; and the raw message of an email delivered to the shop's maildir.
public struct EmailLogRoutes {
    let service: ShopService

    public init(service: ShopService) { self.service = service }

    public func addRoutes(to routes: RouteGroup) {
        let service = self.service
        let read = routes.requiring(.customersRead)
        read.get("/email-log", summary: "The shop's emails with delivery status, attempts and errors, newest first") { request, context in
            let shop = try context.requireShop()
            let limit = try request.queryInt("limit", default: 50, range: 1...500)
            let status = request.query("status")
            if let status, !EmailLog.statuses.contains(status) {
                throw HTTPError.badRequest(
                    "status must be one of \(EmailLog.statuses.joined(separator: ", ")).", code: "invalid_query", field: "status")
            }
            let before = try request.query("before").map { text -> Int64 in
                guard let id = Int64(text), id > 0 else {
                    throw HTTPError.badRequest("before must be an email id.", code: "invalid_query", field: "before")
                }
                return id
            }
            let page = try await shop.database.read { db in try EmailLog.list(db, status: status, before: before, limit: limit) }
            return .json(.object(["emails": .array(page.emails), "nextBefore": page.next.map(JSONValue.int) ?? .null]))
        }

        read.get("/email-log/{id}", summary: "One email: bodies (single-use links masked) and every delivery attempt") { _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            return .json(.object(["email": try await shop.database.read { db in try EmailLog.entry(db, id: id) }]))
        }

        read.get("/email-log/{id}/source", summary: "The raw message as delivered to the shop's maildir (single-use links masked)") {
            _, context in
            let shop = try context.requireShop()
            let id = try context.idParameter()
            let file = try await shop.database.read { db in try EmailLog.maildirFile(db, id: id) }
            guard let message = await Maildir(databasePath: service.databasePath(shop.slug)).read(file) else {
                throw HTTPError.notFound("The maildir copy of email \(id) is gone.", code: "no_local_copy")
            }
            // Quoted-printable keeps a token on one line (see QuotedPrintable), so it is masked whole.
            let text = EmailOutbox.maskTokens(String(decoding: message, as: UTF8.self))
            var headers = HTTPHeaders()
            headers.set("Content-Type", "text/plain; charset=utf-8")
            return HTTPResponse(status: .ok, headers: headers, body: .bytes(Array(text.utf8)))
        }
    }
}
