import SQLite

/// What a new shop starts with: its stores, the built-in customer groups and its owner.
enum ShopSeed {
    static func seed(
        _ db: Database, record: ShopRecord, stores: [ProvisioningRequest.StoreSpec], owner: ProvisioningRequest,
        passwordHash: String
    ) throws {
        let now = Timestamp.now()
        for store in stores {
            try db.execute(
                "INSERT INTO store(code, name, locale, currency, country, created_at) VALUES(?, ?, ?, ?, ?, ?)",
                [store.code, store.name, store.locale, store.currency, store.country, now])
        }
        for group in CoreSchema.builtInGroups {
            try db.execute(
                "INSERT INTO customer_group(name, tax_class, built_in, created_at) VALUES(?, ?, 1, ?)",
                [group.name, group.taxClass, now])
        }
        let email = EmailAddress.normalized(owner.ownerEmail)
        try db.execute(
            "INSERT INTO staff(email, name, role, password_hash, created_at) VALUES(?, ?, 'owner', ?, ?)",
            [email, owner.ownerName ?? "Owner", passwordHash, now])
        try AuditLog.record(
            db, actor: .operator, action: "shop.provisioned", entity: "shop", entityID: record.slug.value,
            after: .object([
                "tier": .string(record.tier.rawValue), "stores": .array(stores.map { .string($0.code) }),
                "owner": .string(email),
            ]))
    }
}
