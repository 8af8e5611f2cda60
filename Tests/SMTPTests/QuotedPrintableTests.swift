import Foundation
import Testing

@testable import SMTP

@Suite("Quoted-printable bodies")
struct QuotedPrintableTests {
    static func encoded(_ text: String) -> String { String(decoding: QuotedPrintable.encode(text), as: UTF8.self) }

    @Test func nordicLettersAreEncodedAndDecodeBack() {
        let text = "Hej Åsa,\nvälkommen till Kauppa Åkerö! Ærø og Øresund: ÆØÅ æøå."
        let output = Self.encoded(text)
        #expect(output.contains("=C3=85sa"))  // Å
        #expect(!output.utf8.contains { $0 >= 0x80 })
        #expect(MIMEDecoding.quotedPrintable(output) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func everyLineIsAtMost76CharactersAndEndsInCRLF() {
        let long = String(repeating: "Pitkä rivi ilman rivinvaihtoa, jossa on ääkkösiä ja = merkkejä. ", count: 30)
        let output = QuotedPrintable.encode(long + "\n" + String(repeating: "x", count: 500) + "\r\nend")
        let lines = String(decoding: output, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.count > 20)
        for line in lines { #expect(line.utf8.count <= 76, "\(line.utf8.count): \(line)") }
        #expect(!output.enumerated().contains { index, byte in byte == 0x0A && (index == 0 || output[index - 1] != 0x0D) })
        let decoded = MIMEDecoding.quotedPrintable(String(decoding: output, as: UTF8.self))
        #expect(decoded == long + "\r\n" + String(repeating: "x", count: 500) + "\r\nend")
    }

    @Test func equalsSignsTrailingWhitespaceAndALeadingDotAreEncoded() {
        #expect(Self.encoded("a=b") == "a=3Db")
        #expect(Self.encoded("trailing space \nnext\t") == "trailing space=20\r\nnext=09")
        #expect(Self.encoded(".hidden\n..") == "=2Ehidden\r\n=2E.")
        #expect(Self.encoded("From here") == "=46rom here")
        #expect(Self.encoded("") == "")
    }

    @Test func aTokenInALongLinkIsNeverSplitAcrossLines() {
        let token = "sa_ct_" + String(repeating: "Ab9-_", count: 9)
        for prefix in 0..<80 {
            let line = String(repeating: "w", count: prefix) + " https://kauppa.example.fi/web-fi/password-reset?token=" + token
            let output = Self.encoded(line)
            #expect(output.contains(token), "prefix \(prefix): \(output)")
            let html = Self.encoded("<a href=\"https://kauppa.example.fi/x?token=\(token)\">" + String(repeating: "y", count: prefix))
            #expect(html.contains(token), "prefix \(prefix): \(html)")
        }
    }
}
