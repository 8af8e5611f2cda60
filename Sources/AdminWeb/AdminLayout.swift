/// The frame of every admin page: the document head (our stylesheet and script, nothing
/// inline), the top bar with the navigation and the sign-out form.
enum AdminLayout {
    static func page(title: String, locale: AdminLocale, header: HTML, body: HTML) -> HTML {
        """
        <!doctype html>
        <html lang="\(locale.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · ShopAdmin</title>
        <link rel="stylesheet" href="\(AdminAssets.stylesheetPath)">
        <script src="\(AdminAssets.scriptPath)" defer></script>
        </head>
        <body>
        \(header)
        \(body)
        </body>
        </html>
        """
    }

    /// The top bar of a signed-in page.
    static func header(_ page: AdminPage) -> HTML {
        let strings = page.strings
        return """
            <header class="top">
            <a class="brand" href="\(page.base)/customers">ShopAdmin · \(page.shopName)</a>
            <nav>
            <a href="\(page.base)/customers">\(strings[.customers])</a>
            <a href="\(page.base)/imports" id="nav-imports">\(strings[CustomerWorkText.imports])</a>
            <a href="\(page.base)/jobs" id="nav-jobs">\(strings[CustomerWorkText.jobs])</a>
            <a href="\(page.base)/features">\(strings[.features])</a>
            <a href="\(page.base)/settings" id="nav-settings">\(strings[settings: .settings])</a>
            </nav>
            <div class="who">
            <span>\(strings[.signedInAs]) <strong>\(page.staffEmail)</strong> (\(page.staffRole))</span>
            <form method="post" action="\(page.base)/sign-out">\(page.csrfField)<button type="submit" class="link">\(strings[.signOut])</button></form>
            </div>
            </header>
            """
    }
}
