/// The size of a shop, which decides its feature modules (DOMAIN.md: "Shop sizes decide features").
public enum Tier: String, Sendable, Codable, CaseIterable, Comparable {
    case start, pro, business, platinum

    public static func < (a: Tier, b: Tier) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public static func parse(_ text: String, field: String = "tier") throws -> Tier {
        guard let tier = Tier(rawValue: text.lowercased()) else {
            throw HTTPError.invalid(field, "tier must be one of \(allCases.map(\.rawValue).joined(separator: ", ")).", code: "invalid_tier")
        }
        return tier
    }
}

/// A paid add-on a shop can have on any tier (DOMAIN.md 004: account balance, 300 kr/month).
public struct AddOn: RawRepresentable, Hashable, Sendable, Codable, Comparable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static func < (a: AddOn, b: AddOn) -> Bool { a.rawValue < b.rawValue }

    public static let accountBalance = AddOn(rawValue: "account-balance")
    /// Every add-on the operator can sell.
    public static let known: [AddOn] = [.accountBalance]

    public static func parse(_ text: String, field: String = "addOns") throws -> AddOn {
        guard let addOn = known.first(where: { $0.rawValue == text }) else {
            throw HTTPError.invalid(
                field, "Unknown add-on '\(text)'; known: \(known.map(\.rawValue).joined(separator: ", ")).", code: "invalid_add_on")
        }
        return addOn
    }
}

/// A switch set by support or the operator (DOMAIN.md 003: "contact support to activate B2B mode").
public struct ShopFlag: RawRepresentable, Hashable, Sendable, Codable, Comparable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static func < (a: ShopFlag, b: ShopFlag) -> Bool { a.rawValue < b.rawValue }

    public static let b2b = ShopFlag(rawValue: "b2b")
    public static let known: [ShopFlag] = [.b2b]

    public static func parse(_ text: String, field: String = "flags") throws -> ShopFlag {
        guard let flag = known.first(where: { $0.rawValue == text }) else {
            throw HTTPError.invalid(
                field, "Unknown flag '\(text)'; known: \(known.map(\.rawValue).joined(separator: ", ")).", code: "invalid_flag")
        }
        return flag
    }
}

/// Whether a shop answers requests.
public enum ShopStatus: String, Sendable, Codable {
    case active, suspended
}
