import Foundation

/// A shop as the registry lists it: what the operator sold and whether it runs.
public struct ShopRecord: Sendable, Codable, Equatable {
    public var slug: ShopSlug
    public var name: String
    public var tier: Tier
    public var addOns: Set<AddOn>
    public var flags: Set<ShopFlag>
    public var status: ShopStatus
    /// Why the shop is suspended, shown in every 403 while it is.
    public var suspendedReason: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        slug: ShopSlug, name: String, tier: Tier, addOns: Set<AddOn> = [], flags: Set<ShopFlag> = [],
        status: ShopStatus = .active, suspendedReason: String? = nil, createdAt: Date = Date(), updatedAt: Date = Date()
    ) {
        self.slug = slug
        self.name = name
        self.tier = tier
        self.addOns = addOns
        self.flags = flags
        self.status = status
        self.suspendedReason = suspendedReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The JSON form used by the operator API and the CLI, with sorted lists.
    public var json: JSONValue {
        .object([
            "slug": .string(slug.value), "name": .string(name), "tier": .string(tier.rawValue),
            "addOns": .array(addOns.sorted().map { .string($0.rawValue) }),
            "flags": .array(flags.sorted().map { .string($0.rawValue) }),
            "status": .string(status.rawValue),
            "suspendedReason": suspendedReason.map { .string($0) } ?? .null,
            "createdAt": .string(Timestamp.format(createdAt)), "updatedAt": .string(Timestamp.format(updatedAt)),
        ])
    }
}
