/// Which module each tier, add-on and flag gives: the product's price list as data,
/// in this one place (shown by `GET /operator/tiers`). Keyed by module id, so the
/// core states the matrix without importing any module.
public struct TierMatrix: Sendable {
    public let entries: [String: ModuleAvailability]

    public init(_ entries: [String: ModuleAvailability]) { self.entries = entries }

    public func availability(of moduleID: String) -> ModuleAvailability? { entries[moduleID] }

    /// The matrix ShopAdmin sells (issue: the six feature modules).
    public static let standard = TierMatrix([
        "required-fields": .tiers([.start, .pro, .business, .platinum]),
        "tags": .tiers([.pro, .business, .platinum]),
        "included-products": .tiers([.business, .platinum]),
        "credit-limit": .tiers([.platinum]),
        "account-balance": .addOn(.accountBalance),
        "b2b": .flag(.b2b),
    ])
}
