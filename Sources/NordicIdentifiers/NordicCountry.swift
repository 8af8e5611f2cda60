/// The four Nordic countries whose identifiers this module checks in depth; everything else is
/// checked by format only.
public enum NordicCountry: String, Sendable, Equatable, CaseIterable {
    case finland = "FI"
    case sweden = "SE"
    case norway = "NO"
    case denmark = "DK"

    /// The ISO 3166-1 alpha-2 code, such as `FI`.
    public var isoCode: String { rawValue }

    /// The international calling code without the plus (ITU-T E.164 assignments).
    public var callingCode: String {
        switch self {
        case .finland: "358"
        case .sweden: "46"
        case .norway: "47"
        case .denmark: "45"
        }
    }

    /// The English adjective used in error messages, such as "Finnish".
    public var adjective: String {
        switch self {
        case .finland: "Finnish"
        case .sweden: "Swedish"
        case .norway: "Norwegian"
        case .denmark: "Danish"
        }
    }

    /// Finds the country for an ISO 3166-1 alpha-2 code in any letter case.
    /// - Parameter isoCode: A code such as `FI` or `se`.
    /// - Returns: The country, or nil when the code is not one of the four.
    public init?(isoCode: String) {
        self.init(rawValue: isoCode.uppercased())
    }
}
