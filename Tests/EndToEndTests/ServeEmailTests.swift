import Foundation
import ShopAdminTesting
import Testing

/// `serve` starts the email delivery worker: the demo shop, which has no SMTP relay, gets its
/// email in its maildir under the data directory, readable through the email log.
@Suite("serve delivers email")
struct ServeEmailTests {
    @Test(.timeLimit(.minutes(1)))
    func theDemoShopsEmailLandsInItsMaildir() async throws {
        let data = freeTemporaryDirectory(prefix: "e2e-email")
        let server = try await ServerProcess.start(dataDirectory: data, extra: ["--demo", "--quiet"])
        let staff = try await server.signIn("demo", email: ServeTests.demoEmail, password: ServeTests.demoPassword)
        let queued = try await server.request("POST", "/shops/demo/api/customers/1/send-password-link", token: staff)
        #expect(queued.status == 202, "\(queued.text)")
        let id = try #require(queued.jsonObject?["emailId"] as? Int)

        var email: [String: Any] = [:]
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            email =
                (try await server.request("/shops/demo/api/email-log/\(id)", token: staff)).jsonObject?["email"] as? [String: Any] ?? [:]
            if email["status"] as? String == "sent" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(email["status"] as? String == "sent", "\(email)")
        #expect(email["transport"] as? String == "maildir")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: "\(data)/demo/maildir/new")) ?? []
        #expect(files.count == 1)
        let source = try await server.request("/shops/demo/api/email-log/\(id)/source", token: staff)
        #expect(source.status == 200)
        #expect(source.text.contains("Message-ID: <\(email["messageId"] as? String ?? "-")>"))
        #expect(source.text.contains("sa_ct_hidden"))
        #expect(await server.stop() == 0)
    }
}
