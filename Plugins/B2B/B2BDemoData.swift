import SQLite
import ShopCore

/// The demo shop's B2B sample data, the same on every machine: a company per Nordic store with
/// two of that store's business customers as its people, and one application waiting for review.
/// Created through the module's own rules (validation, people, groups, audit) as staff would.
enum B2BDemoData {
    struct SampleCompany {
        let store: String
        let fields: [String: JSONValue]
    }

    static let companies: [SampleCompany] = [
        SampleCompany(
            store: "fi",
            fields: fields(
                name: "Oy Pohjola Tuote Ab", country: "FI", businessID: "1572860-0", vat: "FI15728600",
                website: "www.pohjolatuote.example.fi", outstanding: (2_000_000, "EUR"), days: 30, risk: "low", erp: "F1001")),
        SampleCompany(
            store: "se",
            fields: fields(
                name: "Nordic Tools AB", country: "SE", businessID: "556703-7485", vat: "SE556703748501",
                website: "www.nordictools.example.se", outstanding: (15_000_000, "SEK"), days: 30, risk: "medium", erp: "F1002")),
        SampleCompany(
            store: "no",
            fields: fields(
                name: "Fjord Handel AS", country: "NO", businessID: "923609016", vat: "NO923609016MVA", website: nil, outstanding: nil,
                days: 14, risk: "high", erp: "F1003")),
    ]

    static func fields(
        name: String, country: String, businessID: String, vat: String, website: String?, outstanding: (Int64, String)?, days: Int64,
        risk: String, erp: String
    ) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "name": .string(name), "country": .string(country), "businessId": .string(businessID), "vatNumber": .string(vat),
            "maxPaymentDays": .int(days), "riskRating": .string(risk), "erpCustomerNumber": .string(erp),
        ]
        if let website { fields["website"] = .string(website) }
        if let (amount, currency) = outstanding {
            fields["allowedOutstanding"] = .object(["amount": .int(amount), "currency": .string(currency)])
        }
        return fields
    }

    static func add(_ db: Database) throws {
        let actor = AuditActor(kind: "system", id: nil, label: "demo")
        let customers = ModuleCustomers(db, actor: actor, requestID: nil)
        let wholesale = try db.scalar("SELECT id FROM customer_group WHERE name = 'Wholesale'", as: Int64.self)
        for (index, sample) in companies.enumerated() {
            guard try db.scalar("SELECT 1 FROM store WHERE code = ?", [sample.store], as: Int.self) != nil else { continue }
            var fields = sample.fields
            if index == 0, let wholesale { fields["groupId"] = .int(wholesale) }
            let id = try CompanyStore.create(db, try CompanyInput(fields, current: [:], in: db))
            try AuditLog.record(
                db, actor: actor, action: "b2b.company_created", entity: "b2b_company", entityID: String(id),
                after: try CompanyStore.json(db, try CompanyStore.require(db, id: id)))
            let people = try db.query(
                """
                SELECT customer.id FROM customer JOIN store ON store.id = customer.store_id
                WHERE store.code = ? AND customer.company IS NOT NULL AND customer.blocked_reason IS NULL ORDER BY customer.id LIMIT 2
                """, [sample.store]
            ).map { try $0.get("id", as: Int64.self) }
            for person in people {
                try CompanyPeople.add(db, companyID: id, customerID: person, admin: false, customers: customers)
            }
        }
        guard let store = try db.queryRow("SELECT id, code FROM store WHERE code = 'fi'") else { return }
        try db.execute(
            """
            INSERT INTO b2b_application(store_id, store_code, company_name, country, business_id, vat_number, website, first_name,
                last_name, email, email_key, phone, message, submitted_at)
            VALUES(?, ?, 'Lapin Puu Oy', 'FI', '2345678-0', 'FI23456780', 'https://lapinpuu.example.fi', 'Kaisa', 'Niemi',
                'kaisa.niemi@lapinpuu.example.fi', 'kaisa.niemi@lapinpuu.example.fi', '+358401234567',
                'We build log cabins and would like to order fittings on invoice, 30 days net.', ?)
            """, [store["id"], store["code"], Timestamp.now()] as [(any SQLValueConvertible)?])
        try AuditLog.record(
            db, actor: actor, action: "b2b.application_submitted", entity: "b2b_application", entityID: String(db.lastInsertRowID),
            after: .object(["store": .string("fi"), "companyName": .string("Lapin Puu Oy"), "businessId": .string("2345678-0")]))
    }
}
