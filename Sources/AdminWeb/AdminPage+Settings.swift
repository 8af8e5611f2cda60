import HTTPServer
import ShopCore

/// What the settings screens share: the API's refusal shown beside the form it answers, and
/// the page of a module the shop lacks. (Which forms a role sees is `may(_:)`, from `GET /me`.)
extension AdminPage {
    /// The error messages of a refused call by field (`error.field`, or each of `error.errors`),
    /// with the whole message under `""` for a refusal naming no field.
    static func fieldErrors(_ answer: AdminAPI.Answer) -> [String: String] {
        guard let error = answer.error else { return ["": "The request failed (\(answer.status))."] }
        var errors: [String: String] = [:]
        for item in error["errors"]?.elements ?? [] {
            if let field = item["field"]?.stringValue { errors[field] = item["message"]?.stringValue ?? "" }
        }
        let message = error["message"]?.stringValue ?? "The request failed (\(answer.status))."
        if errors.isEmpty { errors[error["field"]?.stringValue ?? ""] = message }
        return errors
    }

    /// A notice at the top of a page: an error (`role="alert"`) or a confirmation.
    static func notice(_ message: String?, error: Bool = true) -> HTML {
        guard let message, !message.isEmpty else { return .empty }
        return error
            ? "<p class=\"notice error\" role=\"alert\">\(message)</p>" : "<p class=\"notice ok\" role=\"status\">\(message)</p>"
    }

    /// The error shown beside a field, nothing when it has none.
    static func fieldError(_ errors: [String: String], _ field: String) -> HTML {
        guard let message = errors[field] else { return .empty }
        return "<span class=\"field-error\" data-error-for=\"\(field)\">\(message)</span>"
    }

    /// The page of a screen whose module the shop lacks: 404, as the API answers.
    func moduleOff(title: String) -> HTTPResponse {
        respond(
            title: title, status: .notFound,
            "<main><h1>\(title)</h1>\(AdminPage.notice(strings[settings: .moduleOff]))<p><a href=\"\(base)/features\">\(strings[.features])</a></p></main>"
        )
    }

    /// A page of the settings screens with the way back to the settings.
    func settingsPage(title: String, status: HTTPStatus = .ok, notice: HTML = .empty, _ body: HTML) -> HTTPResponse {
        respond(
            title: title, status: status,
            """
            <main>
            <p><a href="\(base)/settings">← \(strings[settings: .settings])</a></p>
            <h1>\(title)</h1>
            \(notice)
            \(body)
            </main>
            """)
    }
}
