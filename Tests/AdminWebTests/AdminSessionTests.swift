import Foundation
import ShopAdminTesting
import ShopCore
import Testing

@testable import AdminWeb

/// Sign-in, the session cookie, CSRF and sign-out, over a real socket.
@Suite("Admin sessions")
struct AdminSessionTests {
    @Test func signInSetsAnHttpOnlyLaxCookieScopedToTheShopsAdmin() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("nordic")
            let browser = AdminBrowser(server: server, slug: "nordic")
            let page = try await browser.get("/shops/nordic/admin/sign-in")
            #expect(page.status == 200)
            let signInCookie = try #require(page.header("Set-Cookie"))
            #expect(signInCookie.contains("HttpOnly") && signInCookie.contains("SameSite=Lax"))
            let response = try await browser.signIn()
            #expect(response.status == 303)
            #expect(response.header("Location") == "/shops/nordic/admin/customers")
            let session = try #require(response.headerValues("Set-Cookie").first { $0.hasPrefix("sa_admin=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Lax"))
            #expect(session.contains("Path=/shops/nordic/admin"))
            #expect(!session.contains("Secure"), "plain HTTP: a Secure cookie would never come back")
            let list = try await browser.get("/shops/nordic/admin/customers")
            #expect(list.status == 200)
            #expect(list.text.contains(AdminTestServer.ownerEmail("nordic")))
        }
    }

    @Test func theCookieIsSecureWhenServedOverTLS() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("nordic")
            let page = try await server.request("GET", "/shops/nordic/admin/sign-in", headers: [("X-Forwarded-Proto", "https")])
            let token = try #require(AdminBrowser.field("csrf", in: page.text))
            let cookie = try #require(page.header("Set-Cookie"))
            #expect(cookie.contains("; Secure"))
            let response = try await server.request(
                "POST", "/shops/nordic/admin/sign-in", headers: [("X-Forwarded-Proto", "https"), ("Cookie", "sa_admin_signin=\(token)")],
                form: [("csrf", token), ("email", AdminTestServer.ownerEmail("nordic")), ("password", AdminTestServer.ownerPassword)])
            #expect(response.status == 303)
            let session = try #require(response.headerValues("Set-Cookie").first { $0.hasPrefix("sa_admin=") })
            #expect(session.contains("; Secure"))
            #expect(session.contains("HttpOnly"))
        }
    }

    @Test func aWrongPasswordShowsTheFormAgainWithTheEmailKept() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("nordic")
            let browser = AdminBrowser(server: server, slug: "nordic")
            let response = try await browser.signIn(password: "not-the-password")
            #expect(response.status == 401)
            #expect(response.text.contains("The email or password is not right."))
            #expect(response.text.contains("value=\"\(AdminTestServer.ownerEmail("nordic"))\""))
            #expect(await browser.cookies["sa_admin"] == nil)
        }
    }

    @Test func everyPostWithoutTheFormsCSRFTokenIsRefused() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("nordic")
            // Sign-in: the form's token must match the sign-in cookie.
            let refusedSignIn = try await server.request(
                "POST", "/shops/nordic/admin/sign-in",
                form: [("csrf", "forged"), ("email", AdminTestServer.ownerEmail("nordic")), ("password", AdminTestServer.ownerPassword)])
            #expect(refusedSignIn.status == 403)
            #expect(refusedSignIn.header("Set-Cookie") == nil)

            let browser = AdminBrowser(server: server, slug: "nordic")
            #expect(try await browser.signIn().status == 303)
            let form = try await browser.get("/shops/nordic/admin/customers/new")
            let token = try #require(AdminBrowser.field("csrf", in: form.text))
            let customer = [("firstName", "Anna"), ("lastName", "Virtanen"), ("email", "anna@example.fi")]
            let missing = try await browser.post("/shops/nordic/admin/customers", customer)
            #expect(missing.status == 403)
            let wrong = try await browser.post("/shops/nordic/admin/customers", customer + [("csrf", String(token.reversed()))])
            #expect(wrong.status == 403)
            #expect(wrong.header("Content-Security-Policy") != nil)
            // Nothing was created by the refused posts; the right token creates.
            let list = try await browser.get("/shops/nordic/admin/customers?q=Virtanen")
            #expect(list.text.contains("id=\"total\">0<"))
            let created = try await browser.post("/shops/nordic/admin/customers", customer + [("csrf", token)])
            #expect(created.status == 303)
            #expect(created.header("Location")?.hasPrefix("/shops/nordic/admin/customers/") == true)
        }
    }

    @Test func signOutEndsTheSessionEverywhere() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("nordic")
            let browser = AdminBrowser(server: server, slug: "nordic")
            #expect(try await browser.signIn().status == 303)
            let token = try #require(await browser.cookies["sa_admin"])
            _ = try await browser.get("/shops/nordic/admin/customers")
            let csrf = try #require(await browser.csrf)
            let out = try await browser.post("/shops/nordic/admin/sign-out", [("csrf", csrf)])
            #expect(out.status == 303)
            #expect(out.header("Location") == "/shops/nordic/admin/sign-in")
            #expect(out.headerValues("Set-Cookie").contains { $0.hasPrefix("sa_admin=;") && $0.contains("Max-Age=0") })
            // The old cookie, replayed, is sent to sign in; the API refuses the token too.
            let replay = try await server.request("GET", "/shops/nordic/admin/customers", headers: [("Cookie", "sa_admin=\(token)")])
            #expect(replay.status == 303)
            #expect(replay.header("Location") == "/shops/nordic/admin/sign-in")
            let api = try await server.request("GET", "/shops/nordic/api/me", headers: [("Authorization", "Bearer \(token)")])
            #expect(api.status == 401)
        }
    }

    @Test func aPageWithoutASessionGoesToSignIn() async throws {
        try await AdminTestServer.with { server in
            try await server.provision("nordic")
            for path in ["/shops/nordic/admin/customers", "/shops/nordic/admin/features", "/shops/nordic/admin/customers/1"] {
                let response = try await server.request("GET", path)
                #expect(response.status == 303, "\(path)")
                #expect(response.header("Location") == "/shops/nordic/admin/sign-in")
            }
            let forged = try await server.request("GET", "/shops/nordic/admin/customers", headers: [("Cookie", "sa_admin=sa_st_forged")])
            #expect(forged.status == 303)
        }
    }
}
