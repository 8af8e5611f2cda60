import ShopCore

/// A fragment of HTML. Text interpolated into it is escaped; only another `HTML` value goes in
/// as markup, so a page cannot forget to escape: `"<td>\(customer.name)</td>" as HTML` renders
/// `<script>` in a name as text. Values of other types do not compile in an interpolation.
///
/// ```swift
/// let cell: HTML = "<td>\(name)</td>"   // name is escaped
/// let row: HTML = "<tr>\(cell)</tr>"    // cell is markup and goes in as it is
/// ```
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    public private(set) var markup: String

    /// Markup the developer wrote: a literal in the source is trusted.
    public init(stringLiteral value: String) { markup = value }

    /// Markup built by interpolation: text escaped, `HTML` kept.
    public init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }

    /// Text shown as it is: every special character escaped.
    public init(text: String) { markup = HTML.escape(text) }

    /// The empty fragment.
    public static let empty: HTML = ""

    public var description: String { markup }

    /// Several fragments one after another.
    public static func join(_ parts: [HTML], separator: HTML = .empty) -> HTML {
        var result = HTML.empty
        for (index, part) in parts.enumerated() {
            if index > 0 { result.markup += separator.markup }
            result.markup += part.markup
        }
        return result
    }

    /// Escapes text for an element body or a double- or single-quoted attribute value.
    public static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// Builds markup: literals as written, `String`s escaped, `HTML` as it is.
    public struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""

        public init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity * 2) }

        public mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }

        /// Text that may be absent: escaped, nothing when nil.
        public mutating func appendInterpolation(_ text: String?) { markup += HTML.escape(text ?? "") }

        /// A number.
        public mutating func appendInterpolation(_ number: Int64) { markup += String(number) }

        /// A number.
        public mutating func appendInterpolation(_ number: Int) { markup += String(number) }

        /// Markup: as it is.
        public mutating func appendInterpolation(_ fragment: HTML) { markup += fragment.markup }

        /// Markup that may be absent.
        public mutating func appendInterpolation(_ fragment: HTML?) { markup += fragment?.markup ?? "" }

        /// Several fragments, one after another.
        public mutating func appendInterpolation(_ fragments: [HTML]) { for fragment in fragments { markup += fragment.markup } }
    }
}
