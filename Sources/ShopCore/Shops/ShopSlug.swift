/// A shop's identifier in URLs, folders and the registry. Validated before any
/// path is built from it, so `../x`, `a/b` or unicode never reach the file system.
public struct ShopSlug: Hashable, Sendable, CustomStringConvertible, Codable {
    public let value: String

    /// Accepts `^[a-z0-9][a-z0-9-]{1,39}$` and nothing else.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.count <= 40 else { return nil }
        for (index, byte) in bytes.enumerated() {
            let isLowerOrDigit = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if index == 0 ? !isLowerOrDigit : !(isLowerOrDigit || byte == UInt8(ascii: "-")) { return nil }
        }
        value = text
    }

    /// Validates or throws a 422 naming the field.
    public static func parse(_ text: String, field: String = "slug") throws -> ShopSlug {
        guard let slug = ShopSlug(text) else {
            throw HTTPError.invalid(
                field,
                "A shop slug is 2 to 40 characters of a-z, 0-9 and '-', starting with a letter or digit.",
                code: "invalid_slug")
        }
        return slug
    }

    public var description: String { value }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let slug = ShopSlug(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a valid shop slug"))
        }
        self = slug
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
