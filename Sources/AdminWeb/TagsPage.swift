import HTTPServer
import ShopCore

/// The shop's tags (the tags module's API, `/tags`): each with its customer count; create,
/// rename, delete. Only where the plan gives the module.
enum TagsPage {
    static func addRoutes(to pages: RouteGroup, gate: AdminGate) {
        pages.get("/tags", gate.signedIn { page in try await render(page) })
        pages.post(
            "/tags", bodyLimit: 16 * 1024,
            gate.signedIn { page in
                let answer = await page.api.call(.post, "/tags", body: .object(["name": .string(page.form["name"] ?? "")]))
                guard answer.succeeded else {
                    return try await render(page, errors: AdminPage.fieldErrors(answer), status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/tags")
            })
        pages.post(
            "/tags/{id}", bodyLimit: 16 * 1024,
            gate.signedIn { page in
                let id = try tagID(page)
                let answer = await page.api.call(.patch, "/tags/\(id)", body: .object(["name": .string(page.form["name"] ?? "")]))
                guard answer.succeeded else {
                    return try await render(
                        page, rowErrors: [id: AdminPage.fieldErrors(answer).values.sorted().joined(separator: " ")],
                        status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/tags")
            })
        pages.post(
            "/tags/{id}/delete", bodyLimit: 16 * 1024,
            gate.signedIn { page in
                let id = try tagID(page)
                let answer = await page.api.call(.delete, "/tags/\(id)")
                guard answer.succeeded else {
                    return try await render(
                        page, rowErrors: [id: AdminPage.fieldErrors(answer).values.sorted().joined(separator: " ")],
                        status: HTTPStatus(code: answer.status))
                }
                return AdminResponse.redirect("\(page.base)/tags")
            })
    }

    static func tagID(_ page: AdminPage) throws -> Int64 {
        let text = page.parameters["id"] ?? ""
        guard let id = Int64(text), id > 0 else { throw HTTPError.notFound("No tag \(text).") }
        return id
    }

    static func render(
        _ page: AdminPage, errors: [String: String] = [:], rowErrors: [Int64: String] = [:], status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let strings = page.strings
        let answer = await page.api.call(.get, "/tags")
        if answer.status == 404 { return page.moduleOff(title: strings[settings: .tags]) }
        guard answer.succeeded else { throw AdminAPIFailure(answer: answer) }
        let tags = answer.json["tags"]?.elements ?? []
        let write = page.may(.customersWrite)
        let rows = HTML.join(
            tags.map { tag -> HTML in
                let id = tag["id"]?.int64 ?? 0
                let name = tag["name"]?.stringValue ?? ""
                let error: HTML = rowErrors[id].map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" } ?? .empty
                let count: HTML = "<td class=\"number\" data-customers>\(tag["customers"]?.int64 ?? 0)</td>"
                guard write else { return "<tr data-tag=\"\(name)\"><td>\(name)</td>\(count)<td></td></tr>" }
                return """
                    <tr data-tag="\(name)"><td><form method="post" action="\(page.base)/tags/\(id)" class="inline">\(page.csrfField)
                    <input name="name" value="\(name)" required maxlength="100" aria-label="\(strings[settings: .name])">
                    <button type="submit" class="secondary">\(strings[settings: .rename])</button></form>\(error)</td>\(count)
                    <td><form method="post" action="\(page.base)/tags/\(id)/delete" class="inline">\(page.csrfField)
                    <button type="submit" class="danger" data-action="delete">\(strings[settings: .delete])</button></form></td></tr>
                    """
            })
        let list: HTML =
            tags.isEmpty
            ? "<p class=\"muted\">\(strings[settings: .noTags])</p>"
            : """
            <table id="tags"><thead><tr><th>\(strings[settings: .name])</th><th class="number">\(strings[settings: .members])</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        let create: HTML =
            write
            ? """
            <section class="card"><h2>\(strings[settings: .newTag])</h2>
            <form method="post" action="\(page.base)/tags" class="inline">\(page.csrfField)
            <div class="field\(errors.isEmpty ? "" : " invalid" as HTML)"><label for="tag-name">\(strings[settings: .name])</label>
            <input id="tag-name" name="name" required maxlength="100" value="\(page.form["name"])">\(AdminPage.fieldError(errors, "name"))\
            \(AdminPage.fieldError(errors, ""))</div>
            <button type="submit" id="create-tag">\(strings[.create])</button></form></section>
            """ : .empty
        return page.settingsPage(title: strings[settings: .tags], status: status, "\(list)\(create)")
    }
}
