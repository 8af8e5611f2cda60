/// What gives a shop a module: a set of tiers, a paid add-on, or a flag support sets.
public enum ModuleAvailability: Sendable, Equatable {
    case tiers(Set<Tier>)
    case addOn(AddOn)
    case flag(ShopFlag)

    /// Whether a shop with this plan has the module.
    public func isEnabled(for shop: ShopRecord) -> Bool {
        switch self {
        case .tiers(let tiers): return tiers.contains(shop.tier)
        case .addOn(let addOn): return shop.addOns.contains(addOn)
        case .flag(let flag): return shop.flags.contains(flag)
        }
    }

    /// What would enable it, in words for the 404 a shop without it gets.
    public var requirement: String {
        switch self {
        case .tiers(let tiers):
            let names = tiers.sorted().map(\.rawValue)
            return names.count == 1 ? "the \(names[0]) tier" : "one of the tiers \(names.joined(separator: ", "))"
        case .addOn(let addOn): return "the \(addOn.rawValue) add-on"
        case .flag(let flag): return "the \(flag.rawValue) flag (set by support)"
        }
    }

    /// The same requirement as data, for error bodies and the operator API.
    public var json: JSONValue {
        switch self {
        case .tiers(let tiers): return .object(["tiers": .array(tiers.sorted().map { .string($0.rawValue) })])
        case .addOn(let addOn): return .object(["addOn": .string(addOn.rawValue)])
        case .flag(let flag): return .object(["flag": .string(flag.rawValue)])
        }
    }
}
