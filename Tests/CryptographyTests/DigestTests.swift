import Testing

@testable import Cryptography

@Suite struct SHA256Tests {
    @Test func emptyString() {
        #expect(
            SHA256.hexHash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
        #expect(
            SHA256.hash([])
                == Hex.decode("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
    }

    @Test func abc() {
        #expect(
            SHA256.hexHash("abc")
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash("abc") == SHA256.hash(Array("abc".utf8)))
    }
}

@Suite struct HMACSHA256Tests {
    // RFC 4231 §4.2
    @Test func rfc4231TestCase1() {
        let code = HMACSHA256.authenticationCode(
            key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))
        #expect(
            Hex.encode(code) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    // RFC 4231 §4.3
    @Test func rfc4231TestCase2() {
        let code = HMACSHA256.authenticationCode(
            key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(
            Hex.encode(code) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func emptyKeyAndMessageDoNotCrash() {
        // Python: hmac.new(b"", b"", "sha256").hexdigest()
        let code = HMACSHA256.authenticationCode(key: [], message: [])
        #expect(
            Hex.encode(code) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }
}

@Suite struct ConstantTimeTests {
    @Test func comparesContentAndLength() {
        #expect(ConstantTime.equals([], []))
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([9, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
    }
}

@Suite struct SecureRandomTests {
    @Test func bytesHaveRequestedLength() {
        #expect(SecureRandom.bytes(0).isEmpty)
        #expect(SecureRandom.bytes(1).count == 1)
        #expect(SecureRandom.bytes(1000).count == 1000)
        #expect(SecureRandom.bytes(32) != SecureRandom.bytes(32))
    }

    @Test func tokensAreUniqueAndOfTheRightLength() {
        let tokens = (0..<1000).map { _ in SecureRandom.token() }
        #expect(Set(tokens).count == tokens.count)
        for token in tokens {
            #expect(token.utf8.count == 43)
            #expect(Base64URL.decode(token)?.count == 32)
            #expect(!token.contains("=") && !token.contains("+") && !token.contains("/"))
        }
        #expect(SecureRandom.token(byteCount: 16).utf8.count == 22)
        #expect(SecureRandom.token(byteCount: 3).utf8.count == 4)
        #expect(SecureRandom.token(byteCount: 0).isEmpty)
    }
}
