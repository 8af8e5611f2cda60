import Testing

@testable import Cryptography

@Suite struct PasswordHasherTests {
    static let fastPBKDF2 = PasswordAlgorithm.pbkdf2SHA256(iterations: 1_000)
    static let fastScrypt = PasswordAlgorithm.scrypt(logN: 4, r: 8, p: 1)

    @Test(arguments: [fastPBKDF2, fastScrypt])
    func roundTrip(_ algorithm: PasswordAlgorithm) async throws {
        let hasher = PasswordHasher(algorithm: algorithm)
        let encoded = try await hasher.hash("correct horse battery staple")
        #expect(try await hasher.verify("correct horse battery staple", against: encoded))
        #expect(try hasher.verifySync("correct horse battery staple", against: encoded))
        #expect(!hasher.needsRehash(encoded))
    }

    @Test(arguments: [fastPBKDF2, fastScrypt])
    func wrongPasswordFails(_ algorithm: PasswordAlgorithm) async throws {
        let hasher = PasswordHasher(algorithm: algorithm)
        let encoded = try hasher.hashSync("hunter2")
        #expect(try await hasher.verify("hunter3", against: encoded) == false)
        #expect(try await hasher.verify("", against: encoded) == false)
        #expect(try await hasher.verify("Hunter2", against: encoded) == false)
        #expect(try hasher.verifySync("hunter2 ", against: encoded) == false)
        #expect(try hasher.verifySync("hunter2", against: encoded))
    }

    @Test func encodedFormIsPHC() throws {
        let pbkdf2 = try PasswordHasher(algorithm: Self.fastPBKDF2).hashSync("x").split(
            separator: "$", omittingEmptySubsequences: false)
        #expect(
            pbkdf2.count == 5 && pbkdf2[0] == "" && pbkdf2[1] == "pbkdf2-sha256"
                && pbkdf2[2] == "i=1000")
        #expect(pbkdf2[3].count == 22 && pbkdf2[4].count == 43)  // 16-byte salt, 32-byte hash

        let scrypt = try PasswordHasher(algorithm: Self.fastScrypt).hashSync("x").split(
            separator: "$", omittingEmptySubsequences: false)
        #expect(scrypt.count == 5 && scrypt[1] == "scrypt" && scrypt[2] == "ln=4,r=8,p=1")
        #expect(scrypt[3].count == 22 && scrypt[4].count == 43)
    }

    @Test func saltsDiffer() throws {
        let hasher = PasswordHasher(algorithm: Self.fastPBKDF2)
        #expect(try hasher.hashSync("same") != hasher.hashSync("same"))
    }

    // Built with Python's hashlib and base64 (standard alphabet, padding stripped), so the format
    // matches other PHC implementations, not just our own encoder.
    @Test func verifiesHashesMadeElsewhere() throws {
        // Any hasher verifies with the cost stored in the hash, not its own.
        let hasher = PasswordHasher(algorithm: .scrypt(logN: 17, r: 8, p: 1))
        #expect(
            try hasher.verifySync(
                "hunter2",
                against:
                    "$pbkdf2-sha256$i=1000$AAECAwQFBgcICQoLDA0ODw$9VUOiRGfWTzTZixtfaW9P3qQ4lzS3CIfWKYWbHcnU9M"
            ))
        #expect(
            try hasher.verifySync(
                "pässwörd",
                against:
                    "$scrypt$ln=4,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$BHecd7e7pPRBAcF7C7q7Pxn+RgFr3BEbGWUw2zr+aOA"
            ))
    }

    @Test func needsRehashWhenAlgorithmOrCostChanges() throws {
        let old = try PasswordHasher(algorithm: .pbkdf2SHA256(iterations: 1_000)).hashSync("pw")
        #expect(!PasswordHasher(algorithm: .pbkdf2SHA256(iterations: 1_000)).needsRehash(old))
        #expect(PasswordHasher(algorithm: .pbkdf2SHA256(iterations: 2_000)).needsRehash(old))
        #expect(PasswordHasher(algorithm: Self.fastScrypt).needsRehash(old))

        let scrypt = try PasswordHasher(algorithm: Self.fastScrypt).hashSync("pw")
        #expect(!PasswordHasher(algorithm: .scrypt(logN: 4, r: 8, p: 1)).needsRehash(scrypt))
        #expect(PasswordHasher(algorithm: .scrypt(logN: 5, r: 8, p: 1)).needsRehash(scrypt))
        #expect(PasswordHasher(algorithm: .scrypt(logN: 4, r: 4, p: 1)).needsRehash(scrypt))
        #expect(PasswordHasher(algorithm: .scrypt(logN: 4, r: 8, p: 2)).needsRehash(scrypt))
        #expect(PasswordHasher(algorithm: Self.fastPBKDF2).needsRehash(scrypt))

        // A valid hash with a short salt or hash should be upgraded too; garbage always is.
        let shortSalt =
            "$pbkdf2-sha256$i=1000$AAECAwQFBgc$9VUOiRGfWTzTZixtfaW9P3qQ4lzS3CIfWKYWbHcnU9M"
        #expect(PasswordHasher(algorithm: Self.fastPBKDF2).needsRehash(shortSalt))
        #expect(PasswordHasher(algorithm: Self.fastPBKDF2).needsRehash("not a hash"))
    }

    // The production scrypt cost needs 128 MiB: this fails if the 256 MiB maxmem is not passed
    // (OpenSSL's 32 MiB default refuses it). About half a second.
    @Test func productionScryptCostWorks() async throws {
        let hasher = PasswordHasher(algorithm: .scrypt(logN: 17, r: 8, p: 1), maxConcurrent: 1)
        let encoded = try await hasher.hash("pw")
        #expect(encoded.hasPrefix("$scrypt$ln=17,r=8,p=1$"))
        #expect(try await hasher.verify("pw", against: encoded))
    }

    @Test func defaultsMatchTheBrief() {
        let hasher = PasswordHasher()
        #expect(hasher.algorithm == .pbkdf2SHA256(iterations: 600_000))
        #expect(hasher.maxConcurrent == 2)
    }

    static let salt = "AAECAwQFBgcICQoLDA0ODw"
    static let hash = "9VUOiRGfWTzTZixtfaW9P3qQ4lzS3CIfWKYWbHcnU9M"

    @Test(arguments: [
        "", "$", "$$$$", "plain", "pbkdf2-sha256$i=1000$\(salt)$\(hash)",
        "$pbkdf2-sha256$i=1000$\(salt)", "$pbkdf2-sha256$i=1000$\(salt)$\(hash)$",
        "$pbkdf2-sha256$i=1000$\(salt)$\(hash)$extra", "$md5$i=1000$\(salt)$\(hash)",
        "$PBKDF2-SHA256$i=1000$\(salt)$\(hash)",
        "$pbkdf2-sha256$$\(salt)$\(hash)", "$pbkdf2-sha256$i=$\(salt)$\(hash)",
        "$pbkdf2-sha256$i=abc$\(salt)$\(hash)", "$pbkdf2-sha256$i=-1000$\(salt)$\(hash)",
        "$pbkdf2-sha256$i=+1000$\(salt)$\(hash)", "$pbkdf2-sha256$i=01000$\(salt)$\(hash)",
        "$pbkdf2-sha256$i=0$\(salt)$\(hash)",
        "$pbkdf2-sha256$i=99999999999999999999$\(salt)$\(hash)",
        "$pbkdf2-sha256$i=999999999$\(salt)$\(hash)",
        "$pbkdf2-sha256$i=1000,i=1000$\(salt)$\(hash)",
        "$pbkdf2-sha256$i=1000,x=1$\(salt)$\(hash)", "$pbkdf2-sha256$ln=4,r=8,p=1$\(salt)$\(hash)",
        "$pbkdf2-sha256$i=1000$$\(hash)", "$pbkdf2-sha256$i=1000$\(salt)$",
        "$pbkdf2-sha256$i=1000$\(salt)==$\(hash)", "$pbkdf2-sha256$i=1000$\(salt)$\(hash)=",
        "$pbkdf2-sha256$i=1000$AAEC!wQFBgcICQoLDA0ODw$\(hash)",
        "$pbkdf2-sha256$i=1000$AAEC$\(hash)",
        "$pbkdf2-sha256$i=1000$\(salt)$9VUOiRGfWTzT", "$pbkdf2-sha256$i=1000$\(salt)$\(hash)AB",
        "$pbkdf2-sha256$i=1000$\(salt) $\(hash)", "$pbkdf2-sha256$i=1000$\(salt)$\(hash)\n",
        "$scrypt$i=1000$\(salt)$\(hash)", "$scrypt$ln=17,r=8$\(salt)$\(hash)",
        "$scrypt$ln=17,r=8,p=1,p=1$\(salt)$\(hash)", "$scrypt$ln=64,r=8,p=1$\(salt)$\(hash)",
        "$scrypt$ln=0,r=8,p=1$\(salt)$\(hash)", "$scrypt$ln=22,r=8,p=1$\(salt)$\(hash)",
        "$scrypt$ln=4,r=0,p=1$\(salt)$\(hash)", "$scrypt$ln=4,r=8,p=999$\(salt)$\(hash)",
        "$scrypt$ln=4;r=8;p=1$\(salt)$\(hash)", "$scrypt$ln=4,r=8,p=1,$\(salt)$\(hash)",
        "$scrypt$ln==4,r=8,p=1$\(salt)$\(hash)", "$scrypt$ln=4,r=8,p=1$\(salt)$\(hash)$",
        "$pbkdf2-sha256$i=1000$\(salt)$\(String(repeating: "A", count: 1000))",
        String(repeating: "$", count: 100_000), "$pbkdf2-sha256$i=1000$é$\(hash)",
    ])
    func malformedHashesThrow(_ encoded: String) async {
        let hasher = PasswordHasher(algorithm: Self.fastPBKDF2)
        #expect(throws: CryptographyError.self) {
            try hasher.verifySync("hunter2", against: encoded)
        }
        await #expect(throws: CryptographyError.self) {
            try await hasher.verify("hunter2", against: encoded)
        }
        #expect(hasher.needsRehash(encoded))
    }

    @Test func errorsAreMatchableAndDoNotEchoTheHash() {
        let secretish = "$scrypt$ln=4,r=8,p=1$\(Self.salt)$\(Self.hash)!"
        #expect {
            try PasswordHasher(algorithm: Self.fastPBKDF2).verifySync("pw", against: secretish)
        } throws: { error in
            guard let error = error as? CryptographyError else { return false }
            return error.code == .malformedEncodedHash && !error.description.contains(Self.salt)
        }
        #expect {
            try PasswordHasher(algorithm: Self.fastPBKDF2).verifySync(
                "pw", against: "$scrypt$ln=22,r=8,p=1$\(Self.salt)$\(Self.hash)")
        } throws: { error in
            (error as? CryptographyError)?.code == .unsupportedParameters
        }
    }

    @Test(arguments: [1, 2, 3])
    func neverRunsMoreThanMaxConcurrent(_ limit: Int) async throws {
        let hasher = PasswordHasher(
            algorithm: .pbkdf2SHA256(iterations: 20_000), maxConcurrent: limit)
        let stored = try hasher.hashSync("pw")
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<16 {
                group.addTask {
                    index.isMultiple(of: 2)
                        ? try await hasher.verify("pw", against: stored)
                        : try await hasher.verify("wrong", against: stored)
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 8)
        #expect(hasher.gauge.peak >= 1)
        #expect(hasher.gauge.peak <= limit)
        #expect(hasher.gauge.current == 0)
    }
}
