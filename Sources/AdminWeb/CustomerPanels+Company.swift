import HTTPServer
import ShopCore

extension CustomerPanels {
    /// The B2B company the customer orders for (`GET /customers/{id}/company`, the b2b module's
    /// route): its name, numbers and terms, the customer's role in it, and its other people,
    /// each linked to their own page. A customer in no company gets a line saying so.
    static func company(_ page: AdminPage, id: Int64) async -> HTML {
        let strings = page.strings
        let answer = await page.api.call(.get, "/customers/\(id)/company")
        guard answer.succeeded else { return .empty }
        let company = answer.json["company"] ?? .null
        guard company != .null else {
            return panel("b2b", strings[.company], "<p class=\"muted\" id=\"company-none\">\(strings[.notInCompany])</p>")
        }
        let role = answer.json["admin"]?.bool == true ? strings[.companyAdmin] : strings[.companyPerson]
        func text(_ key: String) -> String { company[key]?.stringValue ?? "" }
        var terms: [(String, String)] = [
            (strings[.businessId], text("businessId")), (strings[settings: .erpNumber], text("erpCustomerNumber")),
            (strings[.allowedOutstanding], amount(company["allowedOutstanding"], currency: nil)),
            (strings[.paymentDays], (company["maxPaymentDays"] ?? .null).display(strings)),
            (strings[.riskRating], text("riskRating")), (strings[.companyGroup], company["group"]?["name"]?.stringValue ?? ""),
        ]
        if let vat = company["vatNumber"]?.stringValue { terms.insert((strings[.vatNumber], vat), at: 1) }
        let people = HTML.join(
            (company["people"]?.elements ?? []).map { person in
                let personID = person["customerId"]?.int64 ?? 0
                let name = [person["firstName"], person["lastName"]].compactMap { $0?.stringValue }.joined(separator: " ")
                let admin: HTML = person["admin"]?.bool == true ? " <span class=\"badge\">\(strings[.companyAdmin])</span>" : .empty
                let this: HTML = personID == id ? " aria-current=\"true\"" : .empty
                return """
                    <li data-person="\(String(personID))"\(this)><a href="\(page.base)/customers/\(String(personID))">\(name.isEmpty ? "#\(personID)" : name)</a> \
                    <span class="muted">\(person["email"]?.stringValue)</span>\(admin)</li>
                    """
            })
        return panel(
            "b2b", strings[.company],
            """
            <p><strong id="company-name" data-company-id="\((company["id"] ?? .null).display(strings))">\(text("name"))</strong> \
            · <span id="company-role">\(role)</span></p>
            <dl class="fields">\(HTML.join(terms.filter { !$0.1.isEmpty }.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" as HTML }))</dl>
            <h3>\(strings[.companyPeople])</h3><ul id="company-people">\(people)</ul>
            """)
    }
}
