import HTTPServer
import ShopCore

/// The small HTML pages the merchant's approval link shows: the application with a form for
/// the ERP customer number, the outcome, or why the link was refused. Self-contained (no
/// scripts, no external styles), every value escaped.
enum ApprovalPage {
    static func response(_ html: String, status: HTTPStatus = .ok) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.set("Content-Type", "text/html; charset=utf-8")
        // The page carries a one-time token: keep it out of caches and other sites' frames.
        headers.set("Cache-Control", "no-store")
        headers.set("X-Frame-Options", "DENY")
        headers.set("Referrer-Policy", "no-referrer")
        return HTTPResponse(status: status, headers: headers, body: .bytes(Array(html.utf8)))
    }

    /// The application and the form that approves it; the form posts back to the same path.
    static func form(_ application: JSONValue, token: String, shopName: String) -> String {
        let rows: [(String, String)] = [
            ("Company", "companyName"), ("Country", "country"), ("Organisation number", "businessId"), ("VAT number", "vatNumber"),
            ("Website", "website"), ("Contact", "firstName"), ("Email", "email"), ("Phone", "phone"), ("Message", "message"),
            ("Submitted", "submittedAt"),
        ]
        let table = rows.map { label, key -> String in
            var value = application[key]?.stringValue ?? "–"
            if key == "firstName" { value += " " + (application["lastName"]?.stringValue ?? "") }
            return "<tr><th>\(escape(label))</th><td>\(escape(value))</td></tr>"
        }.joined(separator: "\n")
        let id = application["id"].map { String(decoding: $0.serialized(), as: UTF8.self) } ?? ""
        return page(
            title: "Approve B2B application \(id) – \(shopName)",
            body: """
                <table>
                \(table)
                </table>
                <p>Check the company's credit and details, create the customer in your ERP, then enter the ERP customer number.
                The company and the customer account are created, or matched to those already synced from the ERP, and the
                applicant gets an email with sign-in instructions. This link works once.</p>
                <form method="post" action="approval">
                <input type="hidden" name="token" value="\(escape(token))">
                <label>ERP customer number <input name="erpCustomerNumber" required maxlength="64" pattern="[A-Za-z0-9][A-Za-z0-9._-]*"></label>
                <button type="submit">Approve</button>
                </form>
                """)
    }

    /// What the approval did.
    static func approved(_ result: JSONValue) -> String {
        let company = result["company"]
        let companyText = "\(company?["name"]?.stringValue ?? "") (\(result["matchedCompany"] == .bool(true) ? "matched" : "created"))"
        let customerText =
            "customer \(result["customerId"].map { String(decoding: $0.serialized(), as: UTF8.self) } ?? "") (\(result["matchedCustomer"] == .bool(true) ? "matched" : "created"))"
        return page(
            title: "Application approved",
            body: """
                <p>Company: \(escape(companyText)); \(escape(customerText)).</p>
                <p>The applicant has been emailed a link to set a password and sign in.</p>
                """)
    }

    /// Why the link or the form was refused.
    static func refusal(_ error: HTTPError) -> String {
        page(title: "This link cannot be used", body: "<p>\(escape(error.message))</p>\n<p>Code: \(escape(error.code))</p>")
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
        <title>\(escape(title))</title>
        <style>body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}th{text-align:left;padding-right:1em}</style>
        </head>
        <body>
        <h1>\(escape(title))</h1>
        \(body)
        </body></html>

        """
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
