/// Folds names and addresses into search keys, so a merchant typing on any keyboard finds
/// the customer: "ahlen" finds "Åhlén", "oberg" finds "Öberg", "soren" finds "Søren", "aeroe"
/// finds "Ærø", "mueller" finds "Müller". Fold both the stored text and the query, then compare
/// or search one key in the other; never show a key.
public enum TextFolding {
    /// Lowercases `text` and folds Latin letters with diacritics to plain ASCII.
    ///
    /// Every letter of Latin-1 and Latin Extended-A folds to its base letter (å ä á à â ã → a,
    /// ö ø ó ò ô õ ő → o, é è ê ë → e, ü ú ù û → u, ñ → n, ç č ć → c, š → s, ž → z, đ ð → d,
    /// ł → l, ý ÿ → y…), the ligatures and special letters to two (æ → ae, œ → oe, ß ẞ → ss,
    /// þ → th, ĳ → ij), and Romanian ș ț to s t. Combining marks (U+0300-U+036F) are dropped,
    /// so decomposed text, as macOS file names and some pasted text carry it, folds like
    /// composed text. Other characters (digits, punctuation, Greek, Cyrillic…) are only
    /// lowercased.
    ///
    /// Then an `e` right after `a`, `o` or `u` is dropped, because Nordic and German spelling
    /// writes æ/ä, ø/ö and ü as ae, oe and ue when the letter is missing: "Ærø", "Aeroe" and
    /// "Aero" all give `aro`, "Søren" and "Soeren" `soren`, "Müller" and "Mueller" `muller`.
    /// The rule looks only at the previous output letter, so the key of a prefix is a prefix of
    /// the key: a half-typed query still finds the name. Double vowels (Finnish "Saari") are kept.
    ///
    /// Runs over 1,000,000 customers: one pass over the Unicode scalars into a byte buffer,
    /// with a table lookup per Latin letter and no Foundation calls.
    public static func fold(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x41...0x5A:
                appendASCII(UInt8(value) + 32, to: &output)
            case 0..<0x80:
                appendASCII(UInt8(value), to: &output)
            case 0x300...0x36F:
                continue
            case 0xC0..<0x180:
                let folded = latinFolds[Int(value - 0xC0)]
                switch folded {
                case UInt8(ascii: "."): UTF8.encode(scalar) { output.append($0) }
                case UInt8(ascii: "*"): for byte in ligature(value).utf8 { appendASCII(byte, to: &output) }
                default: appendASCII(folded, to: &output)
                }
            case 0x218, 0x219:
                output.append(UInt8(ascii: "s"))
            case 0x21A, 0x21B:
                output.append(UInt8(ascii: "t"))
            case 0x1E9E:
                output.append(contentsOf: "ss".utf8)
            default:
                if scalar.properties.changesWhenLowercased {
                    output.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    UTF8.encode(scalar) { output.append($0) }
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends a folded ASCII byte, dropping an `e` that follows `a`, `o` or `u` (ae, oe, ue).
    @inline(__always)
    private static func appendASCII(_ byte: UInt8, to output: inout [UInt8]) {
        if byte == UInt8(ascii: "e"), let last = output.last,
            last == UInt8(ascii: "a") || last == UInt8(ascii: "o") || last == UInt8(ascii: "u")
        {
            return
        }
        output.append(byte)
    }

    /// The two-letter folds of the letters marked `*` in ``latinFolds``.
    private static func ligature(_ value: UInt32) -> String {
        switch value {
        case 0xC6, 0xE6: "ae"
        case 0xDE, 0xFE: "th"
        case 0x132, 0x133: "ij"
        case 0x152, 0x153: "oe"
        default: "ss"  // 0xDF ß
        }
    }

    /// The folded letter for each scalar from U+00C0 to U+017F: the base letter of its
    /// canonical decomposition (or its conventional transliteration, for ø, ł, đ, ħ, ŧ, ŋ, ı),
    /// `*` for a two-letter fold and `.` for × and ÷, which are kept.
    private static let latinFolds: [UInt8] = Array(
        ("aaaaaa*ceeeeiiiidnooooo.ouuuuy**" + "aaaaaa*ceeeeiiiidnooooo.ouuuuy*y" + "aaaaaaccccccccddddeeeeeeeeeegggg"
            + "gggghhhhiiiiiiiiii**jjkkklllllll" + "lllnnnnnnnnnoooooo**rrrrrrssssss" + "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs").utf8)
}
