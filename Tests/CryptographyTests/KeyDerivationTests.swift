import Testing

@testable import Cryptography

@Suite struct KeyDerivationTests {
    // Expected values from Python: hashlib.pbkdf2_hmac("sha256", b"password", b"salt", c, 32)
    @Test func pbkdf2OneIteration() throws {
        let key = try KeyDerivation.pbkdf2SHA256(
            password: Array("password".utf8), salt: Array("salt".utf8), iterations: 1, keyLength: 32
        )
        #expect(
            Hex.encode(key) == "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
    }

    @Test func pbkdf2FourThousandNinetySixIterations() throws {
        let key = try KeyDerivation.pbkdf2SHA256(
            password: Array("password".utf8), salt: Array("salt".utf8), iterations: 4096,
            keyLength: 32)
        #expect(
            Hex.encode(key) == "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")
    }

    @Test func pbkdf2LongerKey() throws {
        let key = try KeyDerivation.pbkdf2SHA256(
            password: Array("passwordPASSWORDpassword".utf8),
            salt: Array("saltSALTsaltSALTsaltSALTsaltSALTsalt".utf8), iterations: 4096,
            keyLength: 40)
        #expect(
            Hex.encode(key)
                == "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9"
        )
    }

    // RFC 7914 §12, first vector: empty password and salt, N = 16, r = 1, p = 1.
    @Test func scryptRFC7914EmptyInputs() throws {
        let key = try KeyDerivation.scrypt(
            password: [], salt: [], logN: 4, r: 1, p: 1, keyLength: 64)
        #expect(
            Hex.encode(key)
                == "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")
    }

    // RFC 7914 §12, second vector: "password", "NaCl", N = 1024, r = 8, p = 16.
    @Test func scryptRFC7914NaCl() throws {
        let key = try KeyDerivation.scrypt(
            password: Array("password".utf8), salt: Array("NaCl".utf8), logN: 10, r: 8, p: 16,
            keyLength: 64)
        #expect(
            Hex.encode(key)
                == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
    }

    @Test func scryptOverMemoryCapReportsOpenSSLError() {
        // N = 2^22, r = 8 needs 4 GiB, above the 256 MiB cap: OpenSSL refuses, we throw.
        #expect {
            try KeyDerivation.scrypt(password: [1], salt: [2], logN: 22, r: 8, p: 1, keyLength: 32)
        } throws: { error in
            (error as? CryptographyError)?.code == .openSSL
        }
    }

    @Test func algorithmValidationCatchesMemoryBeforeOpenSSL() throws {
        try PasswordAlgorithm.scrypt(logN: 17, r: 8, p: 1).validate()
        #expect(throws: CryptographyError.self) {
            try PasswordAlgorithm.scrypt(logN: 18, r: 8, p: 1).validate()
        }
        #expect(throws: CryptographyError.self) {
            try PasswordAlgorithm.scrypt(logN: 0, r: 8, p: 1).validate()
        }
        #expect(throws: CryptographyError.self) {
            try PasswordAlgorithm.scrypt(logN: 4, r: 0, p: 1).validate()
        }
        #expect(throws: CryptographyError.self) {
            try PasswordAlgorithm.scrypt(logN: 4, r: 1, p: 17).validate()
        }
        #expect(throws: CryptographyError.self) {
            try PasswordAlgorithm.scrypt(logN: 4, r: Int.max / 64, p: 1).validate()
        }
        #expect(throws: CryptographyError.self) {
            try PasswordAlgorithm.pbkdf2SHA256(iterations: 0).validate()
        }
        #expect(throws: CryptographyError.self) {
            try PasswordAlgorithm.pbkdf2SHA256(iterations: 10_000_001).validate()
        }
    }
}
