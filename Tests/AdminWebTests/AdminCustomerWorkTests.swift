import AccountBalanceModule
import CreditLimitModule
import Foundation
import ShopAdminTesting
import ShopCore
import TagsModule
import Testing

@testable import AdminWeb

/// The merchant's customer work through the browser's forms: bulk actions with their
/// confirmation, jobs and their pages, the export, the import's dry run and run, and the
/// customer page's panels and actions; each refused without the CSRF token, and each write
/// hidden from and refused to a read-only staff member.
@Suite("Admin customer work")
struct AdminCustomerWorkTests {
    /// The credit limit of Platinum, the account-balance add-on and the tags of Pro and up.
    static var modules: [any FeatureModule] { [CreditLimitModule(), AccountBalanceModule(), TagsModule()] }

    static func signedIn(_ server: AdminTestServer) async throws -> AdminBrowser {
        try await server.provision("nordic")
        let browser = AdminBrowser(server: server, slug: "nordic")
        #expect(try await browser.signIn().status == 303)
        return browser
    }

    /// Creates a customer through the API; their id.
    static func customer(_ browser: AdminBrowser, _ fields: [String: Any]) async throws -> Int64 {
        let created = try await browser.api("POST", "/customers", json: fields)
        #expect(created.status == 201, "\(created.text)")
        let json = try #require(try created.json() as? [String: Any])
        return try #require((json["customer"] as? [String: Any])?["id"] as? Int64)
    }

    /// The job's page until the job has finished.
    static func finishedJob(_ browser: AdminBrowser, _ location: String) async throws -> String {
        for _ in 0..<200 {
            let page = try await browser.get(location).text
            if !page.contains("data-status=\"running\"") { return page }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the job did not finish")
        return ""
    }

    @Test func bulkTagsConfirmFirstThenChangeTickedRowsAndAllMatching() async throws {
        try await AdminTestServer.with(modules: Self.modules) { server in
            let browser = try await Self.signedIn(server)
            let aino = try await Self.customer(browser, ["firstName": "Aino", "lastName": "Bulk", "email": "aino@example.fi"])
            let eino = try await Self.customer(browser, ["firstName": "Eino", "lastName": "Bulk", "email": "eino@example.fi"])
            let other = try await Self.customer(browser, ["firstName": "Olli", "lastName": "Other", "email": "olli@example.fi"])
            let list = try await browser.get("/shops/nordic/admin/customers")
            #expect(list.text.contains("name=\"customer.\(aino)\""))
            #expect(list.text.contains("id=\"all-matching\""))
            let csrf = try #require(await browser.csrf)
            let confirm = try await browser.post(
                "/shops/nordic/admin/customers/bulk",
                [
                    ("csrf", csrf), ("action", "add-tags"), ("tags", "vip, <b>gold</b>"), ("customer.\(aino)", "on"),
                    ("customer.\(eino)", "on"),
                ])
            #expect(confirm.status == 200)
            #expect(confirm.text.contains("id=\"confirm-count\">2 customers selected<"))
            #expect(confirm.text.contains("vip, &lt;b&gt;gold&lt;/b&gt;"), "tag names are escaped")
            #expect(!confirm.text.contains("<b>gold"))
            // Nothing changed before the confirmation.
            #expect(try await browser.get("/shops/nordic/admin/customers/\(aino)").text.contains("data-tag=\"vip\"") == false)
            let ids = try #require(AdminBrowser.field("ids", in: confirm.text))
            #expect(ids == "\(min(aino, eino)),\(max(aino, eino))")
            let done = try await browser.post(
                "/shops/nordic/admin/customers/bulk/run", [("csrf", csrf), ("action", "add-tags"), ("tags", "vip"), ("ids", ids)])
            #expect(done.status == 303)
            #expect(done.header("Location") == "/shops/nordic/admin/customers?tagged=2")
            #expect(try await browser.get(done.header("Location")!).text.contains("Tags changed on 2 customers."))
            #expect(try await browser.get("/shops/nordic/admin/customers/\(aino)").text.contains("data-tag=\"vip\""))
            #expect(try await browser.get("/shops/nordic/admin/customers/\(other)").text.contains("data-tag=\"vip\"") == false)
            // The tags module's list column shows the tag on the list.
            let tagged = try await browser.get("/shops/nordic/admin/customers?sort=id").text
            #expect(tagged.contains("<th data-module-column=\"tags\">Tags</th>"))
            #expect(tagged.contains("<td>vip</td></tr>"))

            // All matching: the search "bulk" reaches Aino and Eino, not Olli.
            let all = try await browser.post(
                "/shops/nordic/admin/customers/bulk/run?q=bulk",
                [("csrf", csrf), ("action", "remove-tags"), ("tags", "vip"), ("scope", "all")])
            #expect(all.header("Location") == "/shops/nordic/admin/customers?q=bulk&tagged=2")
            #expect(try await browser.get("/shops/nordic/admin/customers/\(eino)").text.contains("data-tag=\"vip\"") == false)
            // All matching with a status filter: the tags module selects it in SQL, as the list does.
            let enabled = try await browser.post(
                "/shops/nordic/admin/customers/bulk/run?status=enabled",
                [("csrf", csrf), ("action", "add-tags"), ("tags", "all"), ("scope", "all")])
            #expect(enabled.header("Location") == "/shops/nordic/admin/customers?status=enabled&tagged=3")

            let nothing = try await browser.post(
                "/shops/nordic/admin/customers/bulk", [("csrf", csrf), ("action", "add-tags"), ("tags", "x")])
            #expect(nothing.status == 422)
            #expect(nothing.text.contains("Select at least one customer"))
            let noTags = try await browser.post(
                "/shops/nordic/admin/customers/bulk", [("csrf", csrf), ("action", "add-tags"), ("customer.\(aino)", "on")])
            #expect(noTags.status == 422)
        }
    }

    @Test func bulkDisableRunsAsAJobWhosePageShowsItsProgress() async throws {
        try await AdminTestServer.with(modules: Self.modules) { server in
            let browser = try await Self.signedIn(server)
            let first = try await Self.customer(browser, ["firstName": "Aino", "lastName": "Job", "email": "aino@example.fi"])
            let second = try await Self.customer(browser, ["firstName": "Eino", "lastName": "Job", "email": "eino@example.fi"])
            _ = try await browser.get("/shops/nordic/admin/customers")
            let csrf = try #require(await browser.csrf)
            let started = try await browser.post(
                "/shops/nordic/admin/customers/bulk/run", [("csrf", csrf), ("action", "disable"), ("ids", "\(first),\(second)")])
            #expect(started.status == 303)
            let location = try #require(started.header("Location"))
            #expect(location.hasPrefix("/shops/nordic/admin/jobs/"))
            let page = try await Self.finishedJob(browser, location)
            #expect(page.contains("data-status=\"done\""))
            #expect(page.contains("id=\"job-counts\">2 / 2<"))
            #expect(page.contains("<progress id=\"job-progress\" max=\"2\" value=\"2\">"))
            #expect(page.contains("data-result=\"changed\">2<"))
            #expect(!page.contains("http-equiv=\"refresh\""), "a finished job's page stops refreshing")
            #expect(try await browser.get("/shops/nordic/admin/customers?status=disabled").text.contains("id=\"total\">2<"))
            let jobs = try await browser.get("/shops/nordic/admin/jobs")
            #expect(jobs.text.contains("customer-mass-action"))
            #expect(jobs.text.contains("2 / 2"))
            // A finished job cannot be cancelled: the API's refusal beside the job.
            #expect(!page.contains("id=\"cancel-job\""))
            let cancel = try await browser.post(location + "/cancel", [("csrf", csrf)])
            #expect(cancel.status == 409)
            #expect(cancel.text.contains("only a running job can be cancelled"))
            // The pages speak the shop's language.
            #expect(try await browser.api("PATCH", "/settings", json: ["adminLocale": "fi"]).status == 200)
            let finnish = try await browser.get(location)
            #expect(finnish.text.contains(">Valmis<"))
            #expect(finnish.text.contains(">Tuonnit</a>"))
            #expect(try await browser.api("PATCH", "/settings", json: ["adminLocale": "sv"]).status == 200)
            #expect(try await browser.get("/shops/nordic/admin/imports").text.contains("Importera kunder från CSV"))
        }
    }

    @Test func bulkDeleteShowsTheDryRunImpactAndChangesNothingUntilConfirmed() async throws {
        try await AdminTestServer.with(modules: Self.modules) { server in
            let browser = try await Self.signedIn(server)
            let id = try await Self.customer(
                browser,
                [
                    "firstName": "Aino", "lastName": "Delete", "email": "aino@example.fi",
                    "addresses": [
                        [
                            "firstName": "Aino", "lastName": "Delete", "street": "Katu 1", "postalCode": "00100", "city": "Helsinki",
                            "country": "FI",
                        ]
                    ],
                ])
            _ = try await browser.get("/shops/nordic/admin/customers")
            let csrf = try #require(await browser.csrf)
            let confirm = try await browser.post(
                "/shops/nordic/admin/customers/bulk", [("csrf", csrf), ("action", "delete"), ("customer.\(id)", "on")])
            #expect(confirm.status == 200)
            #expect(confirm.text.contains("id=\"impact\""))
            #expect(confirm.text.contains("data-impact=\"addresses\">1<"))
            #expect(confirm.text.contains("This cannot be undone."))
            #expect(try await browser.get("/shops/nordic/admin/customers").text.contains("id=\"total\">1<"))
            let started = try await browser.post(
                "/shops/nordic/admin/customers/bulk/run", [("csrf", csrf), ("action", "delete"), ("ids", "\(id)")])
            _ = try await Self.finishedJob(browser, try #require(started.header("Location")))
            #expect(try await browser.get("/shops/nordic/admin/customers").text.contains("id=\"total\">0<"))
        }
    }

    @Test func theExportDownloadsTheSearchedCustomersWithTheChosenFields() async throws {
        try await AdminTestServer.with(modules: Self.modules) { server in
            let browser = try await Self.signedIn(server)
            _ = try await Self.customer(browser, ["firstName": "Aino", "lastName": "Export", "email": "aino@example.fi"])
            _ = try await Self.customer(browser, ["firstName": "Olli", "lastName": "Other", "email": "olli@example.fi"])
            let page = try await browser.get("/shops/nordic/admin/customers/export?q=export")
            #expect(page.text.contains("The file holds the 1 customers"))
            #expect(page.text.contains("name=\"field.email\""))
            #expect(page.text.contains("<input type=\"hidden\" name=\"q\" value=\"export\">"))
            let csv = try await browser.get(
                "/shops/nordic/admin/customers/export.csv?q=export&format=native&field.email=on&field.lastName=on")
            #expect(csv.status == 200)
            #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
            #expect(csv.header("Content-Security-Policy") == AdminResponse.contentSecurityPolicy)
            let lines = csv.text.split(whereSeparator: \.isNewline)
            #expect(lines.first == "email,lastName" || lines.first == "lastName,email")
            #expect(csv.text.contains("aino@example.fi"))
            #expect(!csv.text.contains("olli@example.fi"))
            let shopify = try await browser.get("/shops/nordic/admin/customers/export.csv?q=export&format=shopify")
            #expect(shopify.text.hasPrefix("Customer ID,First Name"))
            let bad = try await browser.get("/shops/nordic/admin/customers/export.csv?format=shopify&field.email=on")
            #expect(bad.status == 400)
            #expect(bad.text.contains("native format only"))
        }
    }

    static func multipart(_ fields: [(String, String)], file: String?, boundary: String = "----admin-test-7MA4YWxk") -> [UInt8] {
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        if let file {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"customers.csv\"\r\n"
            body += "Content-Type: text/csv\r\n\r\n\(file)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return Array(body.utf8)
    }

    @Test func anImportIsCheckedByADryRunThenRunAsAJob() async throws {
        try await AdminTestServer.with(modules: Self.modules) { server in
            let browser = try await Self.signedIn(server)
            _ = try await browser.get("/shops/nordic/admin/imports")
            let csrf = try #require(await browser.csrf)
            let type = "multipart/form-data; boundary=----admin-test-7MA4YWxk"
            let bad = "firstName,lastName,email\nAino,Import,aino@example.fi\nEino,Import,<script>not-an-email\n"
            let checked = try await browser.post(
                "/shops/nordic/admin/imports", body: Self.multipart([("csrf", csrf), ("mode", "dry-run")], file: bad), contentType: type)
            #expect(checked.status == 200)
            #expect(checked.text.contains("id=\"report-rows\">2<"))
            #expect(checked.text.contains("id=\"report-failed\">1<"))
            #expect(checked.text.contains("<table class=\"problems\" id=\"problems\">"))
            #expect(checked.text.contains("<td class=\"number\">3</td><td>email</td>"), "row 3 (the header is row 1), column email")
            #expect(!checked.text.contains("<script>not-an-email"), "the file's text is escaped")
            #expect(try await browser.get("/shops/nordic/admin/customers").text.contains("id=\"total\">0<"), "a dry run writes nothing")

            let good = "firstName,lastName,email\nAino,Import,aino@example.fi\nEino,Import,eino@example.fi\n"
            let report = try await browser.post(
                "/shops/nordic/admin/imports", body: Self.multipart([("csrf", csrf), ("mode", "dry-run")], file: good), contentType: type)
            #expect(report.text.contains("id=\"no-problems\""))
            #expect(report.text.contains("id=\"import-run-checked\""))
            // "Import this file" sends the checked file again from the report page.
            let run = try await browser.post(
                "/shops/nordic/admin/imports", body: Self.multipart([("csrf", csrf), ("mode", "run"), ("csv", good)], file: nil),
                contentType: type)
            #expect(run.status == 303)
            let job = try await Self.finishedJob(browser, try #require(run.header("Location")))
            #expect(job.contains("data-status=\"done\""))
            #expect(job.contains("data-result=\"created\">2<"))
            #expect(try await browser.get("/shops/nordic/admin/customers?q=import").text.contains("id=\"total\">2<"))
            let imports = try await browser.get("/shops/nordic/admin/imports")
            #expect(imports.text.contains("id=\"recent-imports\""))
            #expect(imports.text.contains("created: 2"))

            let empty = try await browser.post(
                "/shops/nordic/admin/imports", body: Self.multipart([("csrf", csrf), ("mode", "dry-run")], file: nil), contentType: type)
            #expect(empty.status == 422)
            #expect(empty.text.contains("Choose a CSV file."))
        }
    }

    @Test func theCustomerPageShowsEmailsModulePanelsAndItsActions() async throws {
        try await AdminTestServer.with(modules: Self.modules) { server in
            try await server.provision("addon", addOns: ["account-balance"])
            let withBalance = AdminBrowser(server: server, slug: "addon")
            #expect(try await withBalance.signIn().status == 303)
            let holder = try await Self.customer(withBalance, ["firstName": "Aino", "lastName": "Balance", "email": "aino@example.fi"])
            let entry = try await withBalance.api(
                "POST", "/customers/\(holder)/balance/entries", json: ["amount": 1250, "currency": "EUR", "reason": "Refund <b>#12</b>"])
            #expect(entry.status == 201, "\(entry.text)")
            let ledger = try await withBalance.get("/shops/addon/admin/customers/\(holder)")
            #expect(ledger.text.contains("<p id=\"balance\">12.50 EUR</p>"))
            #expect(ledger.text.contains("<td>Refund &lt;b&gt;#12&lt;/b&gt;</td>"))

            let browser = try await Self.signedIn(server)
            let id = try await Self.customer(
                browser,
                [
                    "firstName": "<script>alert(1)</script>", "lastName": "Panels", "email": "aino@example.fi", "hasAccount": true,
                    "remoteAssistanceAllowed": true,
                ])
            #expect(try await browser.api("PUT", "/customers/\(id)/tags", json: ["tags": ["<i>vip</i>"]]).status == 200)
            let page = try await browser.get("/shops/nordic/admin/customers/\(id)")
            #expect(page.text.contains("id=\"emails\""))
            #expect(page.text.contains("id=\"module-credit-limit\""))
            #expect(!page.text.contains("id=\"module-account-balance\""), "the balance is an add-on this shop has not bought")
            #expect(page.text.contains("data-tag=\"&lt;i&gt;vip&lt;/i&gt;\""))
            #expect(!page.text.contains("<script>alert(1)"))
            #expect(page.text.contains("id=\"copy\""))
            #expect(page.text.contains("id=\"impersonate\""))
            #expect(page.text.contains("id=\"erase\""))
            let csrf = try #require(await browser.csrf)

            let sent = try await browser.post("/shops/nordic/admin/customers/\(id)/send-password-link", [("csrf", csrf)])
            #expect(sent.header("Location") == "/shops/nordic/admin/customers/\(id)?done=password-link")
            let afterSend = try await browser.get(sent.header("Location")!)
            #expect(afterSend.text.contains("A set-password link was emailed to the customer."))
            #expect(afterSend.text.contains("<table id=\"email-log\">"))
            #expect(afterSend.text.contains("aino@example.fi</td>"))

            let copied = try await browser.post(
                "/shops/nordic/admin/customers/\(id)/copy",
                [("csrf", csrf), ("email", "copy@example.fi"), ("firstName", "Kopio"), ("lastName", "Panels")])
            #expect(copied.status == 303, "\(copied.text.components(separatedBy: "role=\"alert\">").dropFirst().first?.prefix(200) ?? "")")
            let copy = try await browser.get(try #require(copied.header("Location")))
            #expect(copy.text.contains("Kopio Panels"))
            let duplicate = try await browser.post(
                "/shops/nordic/admin/customers/\(id)/copy", [("csrf", csrf), ("email", "copy@example.fi")])
            #expect(duplicate.status == 409 || duplicate.status == 422)
            #expect(duplicate.text.contains("role=\"alert\""))

            let impersonation = try await browser.post("/shops/nordic/admin/customers/\(id)/impersonate", [("csrf", csrf)])
            #expect(impersonation.status == 200)
            #expect(impersonation.text.contains("<code id=\"impersonation-token\">sa_it_"))
            let ended = try await browser.post("/shops/nordic/admin/customers/\(id)/impersonate/end", [("csrf", csrf)])
            #expect(ended.header("Location") == "/shops/nordic/admin/customers/\(id)?done=impersonation-ended")

            let export = try await browser.get("/shops/nordic/admin/customers/\(id)/gdpr-export.json")
            #expect(export.status == 200)
            #expect(export.header("Content-Disposition")?.contains("customer-\(id)-gdpr.json") == true)
            #expect(export.text.contains("aino@example.fi"))

            let wrong = try await browser.post(
                "/shops/nordic/admin/customers/\(id)/gdpr-erase", [("csrf", csrf), ("confirmCustomerNumber", "nope")])
            #expect(wrong.status == 422)
            let number = try #require(
                page.text.range(of: "data-field=\"customerNumber\">").map { String(page.text[$0.upperBound...].prefix { $0 != "<" }) })
            let erased = try await browser.post(
                "/shops/nordic/admin/customers/\(id)/gdpr-erase", [("csrf", csrf), ("confirmCustomerNumber", number)])
            #expect(erased.status == 200)
            #expect(erased.text.contains("personal data was erased"))
        }
    }

    @Test func everyNewFormIsRefusedWithoutItsCSRFToken() async throws {
        try await AdminTestServer.with(modules: Self.modules) { server in
            let browser = try await Self.signedIn(server)
            let id = try await Self.customer(
                browser, ["firstName": "Aino", "lastName": "Csrf", "email": "aino@example.fi", "hasAccount": true])
            let forms: [(String, [(String, String)])] = [
                ("/shops/nordic/admin/customers/bulk", [("action", "disable"), ("customer.\(id)", "on")]),
                ("/shops/nordic/admin/customers/bulk/run", [("action", "disable"), ("ids", "\(id)")]),
                ("/shops/nordic/admin/customers/\(id)/copy", [("email", "copy@example.fi")]),
                ("/shops/nordic/admin/customers/\(id)/send-password-link", []),
                ("/shops/nordic/admin/customers/\(id)/impersonate", []),
                ("/shops/nordic/admin/customers/\(id)/gdpr-erase", [("confirmCustomerNumber", "x")]),
                ("/shops/nordic/admin/jobs/1/cancel", []),
            ]
            for (path, form) in forms {
                #expect(try await browser.post(path, form + [("csrf", "forged")]).status == 403, "\(path)")
                #expect(try await browser.post(path, form).status == 403, "\(path)")
            }
            let upload = try await browser.post(
                "/shops/nordic/admin/imports",
                body: Self.multipart([("mode", "run")], file: "firstName,lastName,email\nA,B,a@example.fi\n"),
                contentType: "multipart/form-data; boundary=----admin-test-7MA4YWxk")
            #expect(upload.status == 403)
            let list = try await browser.get("/shops/nordic/admin/customers")
            #expect(list.text.contains("id=\"total\">1<"), "nothing was created, copied or deleted")
            #expect(try await browser.get("/shops/nordic/admin/jobs").text.contains("No jobs yet."))
            let emails = try await browser.api("GET", "/customers/\(id)/emails").json() as? [String: Any]
            #expect((emails?["emails"] as? [Any])?.isEmpty == true, "no password link was sent")
        }
    }

    @Test func aReadOnlyStaffMemberSeesNoWriteActionsAndTheirPostsAreRefused() async throws {
        try await AdminTestServer.with(modules: Self.modules) { server in
            let owner = try await Self.signedIn(server)
            let id = try await Self.customer(
                owner, ["firstName": "Aino", "lastName": "Read", "email": "aino@example.fi", "hasAccount": true])
            let staff = try await owner.api(
                "POST", "/staff",
                json: ["email": "viewer@nordic.example.com", "name": "Viewer", "role": "read-only", "password": "viewer-password-1"])
            #expect(staff.status == 201)
            let viewer = AdminBrowser(server: server, slug: "nordic")
            #expect(try await viewer.signIn(email: "viewer@nordic.example.com", password: "viewer-password-1").status == 303)
            let list = try await viewer.get("/shops/nordic/admin/customers")
            #expect(list.status == 200)
            #expect(!list.text.contains("id=\"bulk-form\""))
            #expect(!list.text.contains("class=\"select-row\""))
            #expect(!list.text.contains("id=\"new-customer\""))
            #expect(!list.text.contains("id=\"export\""))
            let page = try await viewer.get("/shops/nordic/admin/customers/\(id)")
            #expect(page.status == 200)
            for action in ["edit", "block", "copy", "send-password-link", "impersonate", "erase", "gdpr-export"] {
                #expect(!page.text.contains("id=\"\(action)\""), "\(action)")
            }
            #expect(!(try await viewer.get("/shops/nordic/admin/imports")).text.contains("id=\"import-form\""))
            let csrf = try #require(await viewer.csrf)
            let bulk = try await viewer.post(
                "/shops/nordic/admin/customers/bulk/run", [("csrf", csrf), ("action", "disable"), ("ids", "\(id)")])
            #expect(bulk.status == 403)
            #expect(
                try await viewer.post("/shops/nordic/admin/customers/\(id)/copy", [("csrf", csrf), ("email", "c@example.fi")]).status == 403
            )
            #expect(try await viewer.post("/shops/nordic/admin/customers/\(id)/send-password-link", [("csrf", csrf)]).status == 403)
            #expect(
                try await viewer.post("/shops/nordic/admin/customers/\(id)/gdpr-erase", [("csrf", csrf), ("confirmCustomerNumber", "x")])
                    .status == 403)
            let upload = try await viewer.post(
                "/shops/nordic/admin/imports",
                body: Self.multipart([("csrf", csrf), ("mode", "run")], file: "firstName,lastName,email\nA,B,a@example.fi\n"),
                contentType: "multipart/form-data; boundary=----admin-test-7MA4YWxk")
            #expect(upload.status == 403)
            #expect(try await viewer.get("/shops/nordic/admin/customers/export.csv").status == 403)
            #expect(try await owner.get("/shops/nordic/admin/customers?status=enabled").text.contains("id=\"total\">1<"))
        }
    }

    @Test func staffWithoutTheDeletePermissionGetNoBulkDeleteAndNoGDPRActions() async throws {
        try await AdminTestServer.with(modules: Self.modules) { server in
            let owner = try await Self.signedIn(server)
            let id = try await Self.customer(owner, ["firstName": "Aino", "lastName": "Staff", "email": "aino@example.fi"])
            let created = try await owner.api(
                "POST", "/staff",
                json: ["email": "clerk@nordic.example.com", "name": "Clerk", "role": "staff", "password": "clerk-password-1"])
            #expect(created.status == 201)
            let clerk = AdminBrowser(server: server, slug: "nordic")
            #expect(try await clerk.signIn(email: "clerk@nordic.example.com", password: "clerk-password-1").status == 303)
            let list = try await clerk.get("/shops/nordic/admin/customers")
            #expect(list.text.contains("id=\"bulk-form\""))
            #expect(list.text.contains("<option value=\"disable\">"))
            #expect(!list.text.contains("<option value=\"delete\">"))
            let page = try await clerk.get("/shops/nordic/admin/customers/\(id)")
            #expect(page.text.contains("id=\"copy\""))
            #expect(!page.text.contains("id=\"erase\"") && !page.text.contains("id=\"impersonate\""))
            let csrf = try #require(await clerk.csrf)
            let delete = try await clerk.post(
                "/shops/nordic/admin/customers/bulk/run", [("csrf", csrf), ("action", "delete"), ("ids", "\(id)")])
            #expect(delete.status == 422)
            #expect(try await owner.get("/shops/nordic/admin/customers").text.contains("id=\"total\">1<"))
        }
    }

    @Test func aMultipartBodyGivesItsFieldsAndFilesAsSent() {
        let body = Self.multipart([("csrf", "token"), ("mode", "run")], file: "a,b\r\n1,2\r\n", boundary: "XyZ")
        let form = MultipartForm(body: body, boundary: "XyZ")
        #expect(form.fields == ["csrf": "token", "mode": "run"])
        #expect(form.files["file"]?.filename == "customers.csv")
        #expect(form.files["file"].map { String(decoding: $0.bytes, as: UTF8.self) } == "a,b\r\n1,2\r\n")
        #expect(MultipartForm.boundary("multipart/form-data; boundary=\"XyZ\"") == "XyZ")
        #expect(MultipartForm.boundary("application/x-www-form-urlencoded") == nil)
        #expect(MultipartForm(body: Array("garbage".utf8), boundary: "XyZ").fields.isEmpty)
        // The boundary counts only at the start of a line: inside a line it is the file's text.
        let tricky = MultipartForm(body: Self.multipart([], file: "x--XyZ,y\r\nz--XyZ", boundary: "XyZ"), boundary: "XyZ")
        #expect(tricky.files["file"].map { String(decoding: $0.bytes, as: UTF8.self) } == "x--XyZ,y\r\nz--XyZ")
        #expect(MultipartForm.find([1, 2], in: [0, 1, 1, 2, 1], from: 0) == 2)
        #expect(MultipartForm.find([1, 2], in: [0, 1, 1, 2, 1], from: 3) == nil)
        #expect(MultipartForm.find([2, 1], in: [0, 1, 1, 2, 1], from: 3) == 3)
    }
}
