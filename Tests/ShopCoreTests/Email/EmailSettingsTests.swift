import Foundation
import ShopAdminTesting
import Testing

/// `GET|PUT /email-settings` and the email log's queries: clear errors naming the field, the
/// relay password never shown or audited, owners and admins only.
@Suite("Email settings and log API")
struct EmailSettingsTests {
    static var relay: [String: Any] {
        ["host": "smtp.example.fi", "security": "starttls", "username": "kauppa", "password": "Relay-Sala-1"]
    }

    @Test func settingsRoundTripWithoutThePassword() async throws {
        try await DeliveryShop.with(startWorker: false) { shop in
            let initial = try await shop.shop.api("/email-settings")
            #expect(initial.status == 200)
            let empty = try #require(initial.jsonObject?["emailSettings"] as? [String: Any])
            #expect(empty["delivery"] as? String == "maildir" && empty["smtp"] is NSNull)

            let put = try await shop.shop.api(
                "PUT", "/email-settings", json: ["fromAddress": "kauppa@example.fi", "fromName": "Kauppa Åkerö", "smtp": Self.relay])
            #expect(put.status == 200, "\(put.text)")
            #expect(!put.text.contains("Relay-Sala-1"))
            let settings = try #require(put.jsonObject?["emailSettings"] as? [String: Any])
            let smtp = try #require(settings["smtp"] as? [String: Any])
            #expect(settings["delivery"] as? String == "smtp")
            #expect(smtp["port"] as? Int == 587)  // the default for starttls
            #expect(smtp["passwordSet"] as? Bool == true)
            #expect(smtp["verifyCertificate"] as? Bool == true)
            #expect(smtp["password"] == nil)
            let read = try await shop.shop.api("/email-settings")
            #expect(!read.text.contains("Relay-Sala-1"))
            #expect((read.jsonObject?["emailSettings"] as? [String: Any])?["fromName"] as? String == "Kauppa Åkerö")

            let audit = try await shop.shop.api("/audit?entity=email_settings")
            #expect(audit.status == 200)
            #expect(audit.text.contains("email_settings.updated"))
            #expect(!audit.text.contains("Relay-Sala-1"))

            // Back to the maildir.
            let cleared = try await shop.shop.api("PUT", "/email-settings", json: ["smtp": NSNull()])
            #expect((cleared.jsonObject?["emailSettings"] as? [String: Any])?["delivery"] as? String == "maildir")
        }
    }

    @Test func theStoredPasswordIsNeverSentToANewHostOrUser() async throws {
        try await DeliveryShop.with(startWorker: false) { shop in
            #expect(
                try await shop.shop.api("PUT", "/email-settings", json: ["fromAddress": "k@example.fi", "smtp": Self.relay]).status == 200)
            var same = Self.relay
            same["password"] = nil
            same["port"] = 2525
            let kept = try await shop.shop.api("PUT", "/email-settings", json: ["fromAddress": "k@example.fi", "smtp": same])
            #expect(kept.status == 200, "\(kept.text)")
            #expect(((kept.jsonObject?["emailSettings"] as? [String: Any])?["smtp"] as? [String: Any])?["passwordSet"] as? Bool == true)
            var moved = same
            moved["host"] = "collector.example.com"
            let refused = try await shop.shop.api("PUT", "/email-settings", json: ["fromAddress": "k@example.fi", "smtp": moved])
            #expect(refused.status == 422)
            #expect(refused.errorField == "smtp.password")
            var renamed = same
            renamed["username"] = "other"
            #expect(
                try await shop.shop.api("PUT", "/email-settings", json: ["fromAddress": "k@example.fi", "smtp": renamed]).errorField
                    == "smtp.password")
        }
    }

    @Test func badSettingsNameTheField() async throws {
        try await DeliveryShop.with(startWorker: false) { shop in
            func field(_ body: [String: Any]) async throws -> String? {
                let response = try await shop.shop.api("PUT", "/email-settings", json: body)
                #expect(response.status == 422 || response.status == 400, "\(body): \(response.text)")
                return response.errorField
            }
            let from = "kauppa@example.fi"
            #expect(try await field(["fromAddress": "not an address"]) == "fromAddress")
            #expect(try await field(["fromAddress": 5]) == "fromAddress")
            #expect(try await field(["fromName": "Line\nBcc: x@example.com"]) == "fromName")
            #expect(try await field(["fromName": String(repeating: "x", count: 101)]) == "fromName")
            #expect(try await field(["form": from]) == "form")
            #expect(try await field(["fromAddress": from, "smtp": "smtp.example.fi"]) == "smtp")
            #expect(try await field(["fromAddress": from, "smtp": ["security": "tls"]]) == "smtp.host")
            #expect(try await field(["fromAddress": from, "smtp": ["host": "bad host!", "security": "tls"]]) == "smtp.host")
            #expect(try await field(["fromAddress": from, "smtp": ["host": "smtp.example.fi"]]) == "smtp.security")
            #expect(try await field(["fromAddress": from, "smtp": ["host": "smtp.example.fi", "security": "ssl"]]) == "smtp.security")
            #expect(
                try await field(["fromAddress": from, "smtp": ["host": "smtp.example.fi", "security": "tls", "port": 70000]]) == "smtp.port"
            )
            #expect(
                try await field(["fromAddress": from, "smtp": ["host": "smtp.example.fi", "security": "tls", "port": "25"]]) == "smtp.port")
            #expect(
                try await field(["fromAddress": from, "smtp": ["host": "smtp.example.fi", "security": "tls", "verifyCertificate": "no"]])
                    == "smtp.verifyCertificate")
            #expect(
                try await field(["fromAddress": from, "smtp": ["host": "smtp.example.fi", "security": "tls", "username": "u"]])
                    == "smtp.password")
            #expect(
                try await field(["fromAddress": from, "smtp": ["host": "smtp.example.fi", "security": "tls", "password": "p"]])
                    == "smtp.username")
            #expect(
                try await field(["fromAddress": from, "smtp": ["host": "smtp.example.fi", "security": "tls", "tls": true]]) == "smtp.tls")
            // A password never travels in plain text to another host; to this host it may.
            let plain: [String: Any] = ["host": "smtp.example.fi", "security": "none", "username": "u", "password": "p"]
            #expect(try await field(["fromAddress": from, "smtp": plain]) == "smtp.security")
            var local = plain
            local["host"] = "127.0.0.1"
            #expect(try await shop.shop.api("PUT", "/email-settings", json: ["fromAddress": from, "smtp": local]).status == 200)
            #expect(try await field(["smtp": ["host": "smtp.example.fi", "security": "tls"]]) == "fromAddress")
            let notObject = try await shop.shop.api("PUT", "/email-settings", json: nil)
            #expect(notObject.status == 400)
        }
    }

    @Test func onlyOwnersAndAdminsSeeTheSettings() async throws {
        try await DeliveryShop.with(startWorker: false) { shop in
            let created = try await shop.shop.api(
                "POST", "/staff", json: ["email": "myyja@example.fi", "name": "Myyjä", "role": "staff", "password": "Myyja-Sala-1"])
            #expect(created.status == 201, "\(created.text)")
            let token = try await shop.server.signIn(shop.slug, email: "myyja@example.fi", password: "Myyja-Sala-1")
            let read = try await shop.server.request("/shops/\(shop.slug)/api/email-settings", token: token)
            #expect(read.status == 403)
            #expect(read.errorObject?["permission"] as? String == "settings.manage")
            let write = try await shop.server.request(
                "PUT", "/shops/\(shop.slug)/api/email-settings", token: token, json: ["smtp": NSNull()])
            #expect(write.status == 403)
            // Staff who handle customers may read the email log.
            #expect(try await shop.server.request("/shops/\(shop.slug)/api/email-log", token: token).status == 200)
            #expect(try await shop.server.request("/shops/\(shop.slug)/api/email-log").status == 401)
        }
    }

    @Test func theLogFiltersAndPages() async throws {
        try await DeliveryShop.with(startWorker: false) { shop in
            for index in 1...3 { _ = try await shop.shop.registerSignedIn("page\(index)@example.fi") }
            let all = try await shop.log()
            #expect(all.map { $0["to"] as? String } == ["page3@example.fi", "page2@example.fi", "page1@example.fi"])
            #expect(all.allSatisfy { $0["status"] as? String == "queued" && $0["attempts"] as? Int == 0 && $0["messageId"] is NSNull })
            let first = try await shop.shop.api("/email-log?limit=2")
            let page = try #require(first.jsonObject?["emails"] as? [[String: Any]])
            let next = try #require(first.jsonObject?["nextBefore"] as? Int)
            #expect(page.count == 2)
            #expect(try await shop.log("?before=\(next)").map { $0["to"] as? String } == ["page1@example.fi"])
            #expect(try await shop.log("?status=sent").isEmpty)
            #expect(try await shop.log("?status=queued").count == 3)
            #expect(try await shop.shop.api("/email-log?status=lost").errorField == "status")
            #expect(try await shop.shop.api("/email-log?before=x").errorField == "before")
            #expect(try await shop.shop.api("/email-log?limit=0").errorField == "limit")
        }
    }
}
