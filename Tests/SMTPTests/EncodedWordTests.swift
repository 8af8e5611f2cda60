import Foundation
import Testing

@testable import SMTP

@Suite("RFC 2047 encoded words and header folding")
struct EncodedWordTests {
    @Test func subjectsBeyondASCIIBecomeWordsThatDecodeBack() {
        let subject = "Välkommen som kund – Kauppa Åkerö Ström äöå ÄÖÅ 😀 " + String(repeating: "lång ", count: 20)
        let words = EncodedWord.encode(subject)
        #expect(words.count > 3)
        for word in words {
            #expect(word.hasPrefix("=?UTF-8?Q?") && word.hasSuffix("?="))
            #expect(word.utf8.count <= 75)
            #expect(!word.dropFirst(10).dropLast(2).contains(" ") && !word.dropFirst(10).dropLast(2).contains("?"))
        }
        #expect(MIMEDecoding.encodedWords(words.joined(separator: " ")) == subject)
    }

    @Test func aCharacterIsNeverSplitBetweenWords() {
        // Each ä is six characters encoded: words must end between characters.
        let subject = String(repeating: "ä", count: 100)
        for word in EncodedWord.encode(subject) {
            let payload = word.dropFirst(10).dropLast(2)
            #expect(payload.count % 6 == 0, "\(word)")
        }
    }

    @Test func plainASCIIStaysReadableAndLookalikesAreEncoded() {
        #expect(!EncodedWord.needsEncoding("Welcome to Kauppa"))
        #expect(EncodedWord.needsEncoding("Tervetuloa – Kauppa"))
        #expect(EncodedWord.needsEncoding("=?UTF-8?Q?fake?="))
        #expect(EncodedWord.needsEncoding("two  spaces"))
        #expect(EncodedWord.needsEncoding("control\u{7}"))
        #expect(EncodedWord.needsEncoding(String(repeating: "x", count: 61)))
    }

    @Test func foldedHeadersKeepLinesWithin76Characters() {
        let field = EncodedWord.fold(name: "Subject", tokens: EncodedWord.tokens(String(repeating: "Åkerö ", count: 40), field: "Subject"))
        let lines = String(decoding: field, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 3)
        for line in lines { #expect(line.utf8.count <= 76, "\(line)") }
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(field.suffix(2) == [0x0D, 0x0A])
    }
}
