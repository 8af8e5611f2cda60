import Testing

@testable import Cryptography

@Suite struct HexTests {
    @Test func roundTrip() {
        for count in [0, 1, 2, 15, 16, 255] {
            let bytes = SecureRandom.bytes(count)
            #expect(Hex.decode(Hex.encode(bytes)) == bytes)
        }
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.decode(Hex.encode(all)) == all)
    }

    @Test func encodesLowercase() {
        #expect(Hex.encode([0x00, 0xAB, 0xff, 0x10]) == "00abff10")
        #expect(Hex.encode([]) == "")
    }

    @Test func decodesEitherCase() {
        #expect(Hex.decode("DEADbeef") == [0xDE, 0xAD, 0xBE, 0xEF])
    }

    @Test(arguments: ["0", "abc", "0g", "zz", "0x00", " 00", "00 ", "é0", "+1", "-1"])
    func rejectsBadInput(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }
}

@Suite struct Base64URLTests {
    @Test func roundTrip() {
        for count in 0...64 {
            let bytes = SecureRandom.bytes(count)
            let text = Base64URL.encode(bytes)
            #expect(text.utf8.count == (count * 4 + 2) / 3)
            #expect(Base64URL.decode(text) == bytes)
        }
    }

    // RFC 4648 §10 test vectors, without padding.
    @Test func rfc4648Vectors() {
        let vectors = [
            "": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg",
            "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy",
        ]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func usesURLAlphabet() {
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
    }

    @Test func acceptsCorrectPadding() {
        #expect(Base64URL.decode("Zg==") == Array("f".utf8))
        #expect(Base64URL.decode("Zm8=") == Array("fo".utf8))
    }

    @Test(arguments: [
        "Z", "Zg=", "Zg===", "Zm9v=", "Z===", "Zm8==", "=", "====",  // bad length or padding
        "+/+/", "Zm 9v", "Zm9v\n", "Zm9v!", "Zé",  // outside the alphabet
        "Zh", "Zm9",  // leftover bits not zero: "Zg" and "Zm8" are the canonical forms
    ])
    func rejectsBadInput(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func standardCodecForPHC() {
        #expect(Base64Codec.standard.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
        #expect(Base64Codec.standard.decode("+/+/", allowPadding: false) == [0xFB, 0xFF, 0xBF])
        #expect(Base64Codec.standard.decode("Zg==", allowPadding: false) == nil)
    }
}
