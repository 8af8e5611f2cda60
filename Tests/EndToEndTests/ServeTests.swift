import Foundation
import ShopAdminTesting
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `shopadmin serve` as a process: the demo shop, restarts on the same data, graceful SIGTERM.
@Suite("serve")
struct ServeTests {
    static let demoEmail = "owner@demo.shopadmin.test"
    static let demoPassword = "demo-owner-2026"

    @Test(.timeLimit(.minutes(1)))
    func demoShopIsProvisionedOnceAndReused() async throws {
        let data = freeTemporaryDirectory(prefix: "e2e-demo")
        let first = try await ServerProcess.start(dataDirectory: data, extra: ["--demo", "--quiet"])
        let token = try #require(first.operatorToken, "first start prints the operator token:\n\(first.output)")
        #expect(token.hasPrefix("sa_op_"))
        #expect(first.output.contains("provisioned the demo shop demo"))

        let shops = try await first.request("/operator/shops", token: token)
        #expect(shops.status == 200, "\(shops.text)")
        let list = try #require(shops.jsonObject?["shops"] as? [[String: Any]])
        #expect(list.count == 1)
        let demo = try #require(list.first)
        #expect(demo["slug"] as? String == "demo")
        #expect(demo["tier"] as? String == "platinum")
        #expect(demo["flags"] as? [String] == ["b2b"])
        #expect(demo["addOns"] as? [String] == ["account-balance"])
        #expect(demo["status"] as? String == "active")

        let staff = try await first.signIn("demo", email: Self.demoEmail, password: Self.demoPassword)
        let stores = try await first.request("/shops/demo/api/stores", token: staff)
        let rows = try #require(stores.jsonObject?["stores"] as? [[String: Any]])
        #expect(rows.compactMap { $0["code"] as? String } == ["fi", "se", "no"])
        #expect(rows.compactMap { $0["name"] as? String } == ["Website FI", "Website SE", "Website NO"])
        #expect(rows.compactMap { $0["currency"] as? String } == ["EUR", "SEK", "NOK"])
        #expect(try await first.request("/shops/demo/api/notes", token: staff).status == 404)

        #expect(await first.stop() == 0)
        #expect(first.output.contains("stopped"))

        let second = try await ServerProcess.start(dataDirectory: data, extra: ["--demo", "--quiet"])
        #expect(second.operatorToken == nil, "no new token on a second start")
        #expect(!second.output.contains("operator token (shown once"))
        #expect(!second.output.contains("provisioned the demo shop"))
        #expect(second.output.contains("1 shops") || second.output.contains("1 shop"))
        let again = try await second.request("/operator/shops", token: token)
        #expect(again.status == 200, "the first token still works")
        #expect(again.jsonObject?["total"] as? Int == 1)
        // A session from before the restart is still valid: sessions live in the shop's database.
        #expect(try await second.request("/shops/demo/api/me", token: staff).status == 200)
        #expect(await second.stop() == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func sigtermLosesNoAnsweredWrite() async throws {
        let data = freeTemporaryDirectory(prefix: "e2e-sigterm")
        let server = try await ServerProcess.start(dataDirectory: data, extra: ["--demo", "--quiet"])
        let staff = try await server.signIn("demo", email: Self.demoEmail, password: Self.demoPassword)
        let port = server.port
        // Writes sent just before the signal: on a slow machine some are still waiting when it
        // lands, on a fast one all are answered first; either way none answered may be lost.
        let count = 400

        // A request the server is in the middle of when the signal lands, whatever the machine's
        // speed: an import dry run (a route that streams its body) whose head and first half are
        // sent before the signal and the rest after. The drain must finish it, not cut it.
        let csv =
            Array("first_name,last_name,email\r\n".utf8)
            + (0..<200).flatMap { Array("Signe,Drain,signe.drain\($0)@example.fi\r\n".utf8) }
        let upload = try await TestHTTPClient.connect(port: port)
        defer { upload.close() }
        try await upload.send(
            Array(
                """
                POST /shops/demo/api/customers/import?dryRun=true HTTP/1.1\r
                Host: h\r
                Authorization: Bearer \(staff)\r
                Content-Type: text/csv\r
                Content-Length: \(csv.count)\r
                \r

                """.utf8) + csv[..<(csv.count / 2)])

        // Connect first, then send every request back to back, then signal: the server holds
        // all of them while it drains.
        var clients: [TestHTTPClient] = []
        for _ in 0..<count { clients.append(try await TestHTTPClient.connect(port: port)) }
        for (index, client) in clients.enumerated() {
            try await client.sendRequest(
                method: "POST", path: "/shops/demo/api/groups",
                headers: [("Authorization", "Bearer \(staff)"), ("Content-Type", "application/json")],
                body: Array(#"{"name":"Signal group \#(index)"}"#.utf8))
        }
        // The upload's head went out before 400 requests: its handler is waiting for the body.
        try await Task.sleep(for: .milliseconds(100))
        server.signal(SIGTERM)
        try await Task.sleep(for: .milliseconds(100))
        try await upload.send(Array(csv[(csv.count / 2)...]))
        let dryRun = try await upload.readResponse(requestMethod: "POST")
        #expect(dryRun.status == 200, "the upload in flight at the signal: \(dryRun.text)")
        #expect(dryRun.jsonObject?["dryRun"] as? Bool == true, "\(dryRun.text)")
        #expect(dryRun.header("Connection")?.lowercased() == "close", "answered while draining")

        let tally = ResponseTally()
        await withTaskGroup(of: Void.self) { group in
            for (index, client) in clients.enumerated() {
                group.addTask {
                    defer { client.close() }
                    guard let response = try? await client.readResponse(requestMethod: "POST") else { return }
                    tally.record(response, name: "Signal group \(index)")
                }
            }
        }
        let created = tally.created
        let statuses = tally.statuses
        let answeredWhileDraining = tally.closing
        let status = await ShopAdminBinary.waitForExit(server.process)
        #expect(status == 0, "exit status; stderr: \(server.errorOutput)")
        #expect(server.output.contains("received SIGTERM"))
        #expect(server.output.contains("stopped"))
        let answered = created
        #expect(!answered.isEmpty, "no request was answered before the shutdown: \(statuses)")
        // Anything answered is either a success or a clean refusal, never a 500.
        #expect(statuses.keys.allSatisfy { [201, 503].contains($0) }, "\(statuses)")

        let restarted = try await ServerProcess.start(dataDirectory: data, extra: ["--quiet"])
        let token = try await restarted.signIn("demo", email: Self.demoEmail, password: Self.demoPassword)
        let groups = try await restarted.request("/shops/demo/api/groups", token: token)
        let names = Set((groups.jsonObject?["groups"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? [])
        let missing = answered.filter { !names.contains($0) }
        #expect(missing.isEmpty, "answered 201 but lost after the restart: \(missing)")
        print(
            "sigterm: \(answered.count) of \(count) writes answered 201 before exit, \(answeredWhileDraining) while draining; statuses \(statuses)"
        )
        #expect(await restarted.stop() == 0)
    }
}

/// Statuses of concurrent responses, and the names whose creation was answered 201.
final class ResponseTally: Sendable {
    private let state = Mutex<(created: [String], statuses: [Int: Int], closing: Int)>(([], [:], 0))

    func record(_ response: TestResponse, name: String) {
        state.withLock { state in
            state.statuses[response.status, default: 0] += 1
            if response.status == 201 { state.created.append(name) }
            if response.header("Connection")?.lowercased() == "close" { state.closing += 1 }
        }
    }

    var created: [String] { state.withLock { $0.created } }
    var statuses: [Int: Int] { state.withLock { $0.statuses } }
    /// Responses marked `Connection: close`: answered while the server was draining.
    var closing: Int { state.withLock { $0.closing } }
}
