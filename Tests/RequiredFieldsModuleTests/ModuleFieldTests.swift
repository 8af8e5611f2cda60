import Foundation
import RequiredFieldsModule
import SQLite
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// A stand-in for a module that adds a customer field (the credit limit, on Platinum): it
/// keeps the value in its own table, takes it in customer bodies through the core's record
/// hooks, and says how to tell it is empty, so the merchant may require it. A second field
/// has no such condition (like a ledger's balance) and cannot be required.
struct StandInCreditLimitModule: FeatureModule {
    let id = "credit-limit"
    let name = "Credit limit (stand-in)"

    var migrations: [ModuleMigration] {
        [
            ModuleMigration(id: "1-create") { db in
                try db.executeScript(
                    """
                    CREATE TABLE standin_limit(customer_id INTEGER PRIMARY KEY REFERENCES customer(id) ON DELETE CASCADE,
                                               amount INTEGER NOT NULL)
                    """)
            }
        ]
    }

    var customerFields: [CustomerFieldDefinition] {
        [
            CustomerFieldDefinition(
                key: "creditLimit", label: "Credit limit", kind: .money, module: id,
                missingCondition: "NOT EXISTS (SELECT 1 FROM standin_limit l WHERE l.customer_id = customer.id)"),
            CustomerFieldDefinition(key: "creditUsed", label: "Credit used", kind: .money, module: id),
        ]
    }

    var customerRecordMembers: [String: JSONSchema] { ["creditLimit": .nullable(.integer())] }

    func customerRecordValues(_ db: Database, customerID: Int64) throws -> [String: JSONValue] {
        let amount = try db.scalar("SELECT amount FROM standin_limit WHERE customer_id = ?", [customerID], as: Int64.self)
        return ["creditLimit": amount.map { .int($0) } ?? .null]
    }

    func writeCustomerRecordValues(
        _ db: Database, customerID: Int64, storeID: Int64, values: [String: JSONValue], source: CustomerWriteSource
    ) throws {
        switch values["creditLimit"] {
        case .int(let amount)?:
            try db.execute("INSERT OR REPLACE INTO standin_limit(customer_id, amount) VALUES(?, ?)", [customerID, amount])
        case .null?:
            try db.execute("DELETE FROM standin_limit WHERE customer_id = ?", [customerID])
        case nil:
            break
        default:
            throw HTTPError.invalid("creditLimit", "creditLimit must be a whole number of cents.", code: "wrong_type")
        }
    }
}

@Suite("Required fields: fields of other modules")
struct ModuleFieldTests {
    @Test func aModuleFieldWithAMissingConditionCanBeRequiredWhileItsModuleIsOn() async throws {
        try await RequiredFieldsShop.with(tier: .platinum, modules: [RequiredFieldsModule(), StandInCreditLimitModule()]) { shop in
            let refused = try await shop.api("PUT", "/required-fields/stores/fi", json: ["required": ["creditUsed"]])
            #expect(refused.errorCode == "field_not_requirable", "\(refused.text)")
            #expect(refused.errorMessage?.contains("credit-limit") == true)
            let old = try await shop.customer("old@example.fi")
            try await shop.require(["creditLimit", "phone"])

            let missing = try await shop.createCustomer("aino@example.fi")
            #expect(missing.errorFields == ["phone", "creditLimit"], "\(missing.text)")
            let id = try await shop.customer("aino@example.fi", extra: ["phone": "0401234567", "creditLimit": 500_000])
            #expect(try await shop.record(id)["creditLimit"] as? Int == 500_000)
            #expect(try await shop.api("PATCH", "/customers/\(id)", json: ["creditLimit": NSNull()]).errorFields == ["creditLimit"])
            #expect(try await shop.incomplete().missing == [old: ["phone", "creditLimit"]])
            #expect(try await shop.api("/customers?incomplete=true").jsonObject?["total"] as? Int == 1)

            // Business has no credit limit: the requirement is kept but not enforced, and the setting says so.
            #expect(
                try await shop.server.operatorRequest("PUT", "/operator/shops/\(shop.slug)/tier", json: ["tier": "business"]).status == 200)
            let settings = try await shop.api("/required-fields/stores/fi")
            let body = try #require(settings.jsonObject?["settings"] as? [String: Any])
            #expect(body["required"] as? [String] == ["phone", "creditLimit"])
            #expect(body["inactive"] as? [String] == ["creditLimit"])
            _ = try await shop.customer("eino@example.fi", extra: ["phone": "0401234568"])
            #expect(try await shop.incomplete().missing == [old: ["phone"]])
            // What was read can be sent back while the module is off; a new unknown key cannot.
            try await shop.require(["phone", "creditLimit"])
            let unknown = try await shop.api(
                "PUT", "/required-fields/stores/fi", json: ["required": ["phone", "creditLimit", "riskRating"]])
            #expect(unknown.errorObject?["unknown"] as? [String] == ["riskRating"])
        }
    }
}
