// swift-tools-version: 6.0
// ShopAdmin: a multi-tenant admin server for Nordic e-commerce.
// No package dependencies: only the toolchain, Foundation, Glibc, libsqlite3 and OpenSSL.
import PackageDescription

let package = Package(
    name: "ShopAdmin",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "shopadmin", targets: ["shopadmin"])
    ],
    targets: [
        // C libraries, reached through system-library targets.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3"),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "openssl"),
        // Linux calls Swift's Glibc module leaves out (epoll, eventfd, accept4).
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),

        // Layers that know nothing of shops.
        .target(name: "SQLite", dependencies: ["CSQLite"], path: "Sources/SQLite"),
        .target(name: "Cryptography", dependencies: ["COpenSSL"], path: "Sources/Cryptography"),
        .target(name: "HTTPServer", dependencies: ["CLinux"], path: "Sources/HTTPServer"),
        .target(name: "NordicIdentifiers", path: "Sources/NordicIdentifiers"),
        // Client connections: TCP with deadlines, and TLS over it through OpenSSL (SMTP and HTTPS).
        .target(name: "TLS", dependencies: ["COpenSSL"], path: "Sources/TLS"),
        // Our SMTP client and MIME builder (STARTTLS and implicit TLS over the TLS target).
        .target(name: "SMTP", dependencies: ["TLS"], path: "Sources/SMTP"),
        // The pricing engine: price and discount lists over an in-memory book; no I/O.
        .target(name: "Pricing", path: "Sources/Pricing"),
        // A small HTTP/1.1 client for outbound calls (webhooks), over TCP or TLS.
        .target(name: "HTTPClient", dependencies: ["TLS"], path: "Sources/HTTPClient"),

        // The core host and domain: router, middleware, shops, module API.
        .target(
            name: "ShopCore",
            dependencies: ["SQLite", "Cryptography", "HTTPServer", "NordicIdentifiers", "SMTP", "Pricing", "HTTPClient"],
            path: "Sources/ShopCore"
        ),

        // The command line and server bootstrap; takes the plugin list from the executable.
        .target(
            name: "ShopAdminCLI",
            dependencies: ["ShopCore", "SQLite", "HTTPServer"],
            path: "Sources/ShopAdminCLI"
        ),

        // The merchant's admin in the browser: server-rendered pages over the shop's API, mounted by the executable.
        .target(name: "AdminWeb", dependencies: ["ShopCore", "HTTPServer", "Cryptography"], path: "Sources/AdminWeb"),

        // The executable: the only place that lists the plugins.
        .executableTarget(
            name: "shopadmin",
            dependencies: [
                "ShopAdminCLI", "ShopCore", "AdminWeb", "TagsModule", "AccountBalanceModule", "B2BModule", "RequiredFieldsModule",
                "CreditLimitModule", "IncludedProductsModule",
            ],
            path: "Sources/shopadmin"
        ),

        // Feature modules: each imports ShopCore and the layers below it, never another plugin.
        .target(name: "TagsModule", dependencies: ["ShopCore", "SQLite"], path: "Plugins/Tags"),
        .target(name: "AccountBalanceModule", dependencies: ["ShopCore", "SQLite"], path: "Plugins/AccountBalance"),
        .target(name: "RequiredFieldsModule", dependencies: ["ShopCore", "SQLite"], path: "Plugins/RequiredFields"),
        .target(
            name: "B2BModule", dependencies: ["ShopCore", "SQLite", "HTTPServer", "Cryptography", "NordicIdentifiers"],
            path: "Plugins/B2B"),
        .target(name: "CreditLimitModule", dependencies: ["ShopCore", "SQLite"], path: "Plugins/CreditLimit"),
        .target(name: "IncludedProductsModule", dependencies: ["ShopCore", "SQLite"], path: "Plugins/IncludedProducts"),
        // Benchmarks (Scripts/bench): the pricing engine in process, on one core.
        .executableTarget(name: "pricing-benchmark", dependencies: ["Pricing"], path: "Scripts/bench/PricingBenchmark"),

        // Helpers shared by the test targets: a raw HTTP/1.1 client over loopback, temp dirs.
        .target(name: "ShopAdminTesting", path: "Tests/ShopAdminTesting"),
        // A running ShopAdmin on loopback for the feature modules' tests.
        .target(
            name: "ShopCoreTesting", dependencies: ["ShopCore", "SQLite", "HTTPServer", "ShopAdminTesting"],
            path: "Tests/ShopCoreTesting"),

        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"], path: "Tests/SQLiteTests"),
        .testTarget(name: "CryptographyTests", dependencies: ["Cryptography"], path: "Tests/CryptographyTests"),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "ShopAdminTesting"], path: "Tests/HTTPServerTests"),
        .testTarget(name: "SMTPTests", dependencies: ["SMTP", "TLS", "ShopAdminTesting"], path: "Tests/SMTPTests"),
        .testTarget(
            name: "HTTPClientTests", dependencies: ["HTTPClient", "HTTPServer", "TLS", "ShopAdminTesting"], path: "Tests/HTTPClientTests"),
        .testTarget(name: "NordicIdentifiersTests", dependencies: ["NordicIdentifiers"], path: "Tests/NordicIdentifiersTests"),
        .testTarget(name: "PricingTests", dependencies: ["Pricing"], path: "Tests/PricingTests"),
        .testTarget(
            name: "ShopCoreTests",
            dependencies: ["ShopCore", "SQLite", "HTTPServer", "Cryptography", "ShopAdminTesting"],
            path: "Tests/ShopCoreTests"
        ),
        .testTarget(
            name: "TagsModuleTests",
            dependencies: ["TagsModule", "ShopCore", "SQLite", "HTTPServer", "ShopAdminTesting", "ShopCoreTesting"],
            path: "Tests/TagsModuleTests"
        ),
        .testTarget(
            name: "AccountBalanceModuleTests",
            dependencies: ["AccountBalanceModule", "ShopCore", "SQLite", "HTTPServer", "ShopAdminTesting", "ShopCoreTesting"],
            path: "Tests/AccountBalanceModuleTests"
        ),
        .testTarget(
            name: "RequiredFieldsModuleTests",
            dependencies: ["RequiredFieldsModule", "ShopCore", "SQLite", "HTTPServer", "ShopAdminTesting", "ShopCoreTesting"],
            path: "Tests/RequiredFieldsModuleTests"
        ),
        .testTarget(
            name: "B2BModuleTests",
            dependencies: ["B2BModule", "ShopCore", "SQLite", "HTTPServer", "ShopAdminTesting", "ShopCoreTesting"],
            path: "Tests/B2BModuleTests"
        ),
        .testTarget(
            name: "CreditLimitModuleTests",
            dependencies: ["CreditLimitModule", "B2BModule", "ShopCore", "SQLite", "HTTPServer", "ShopAdminTesting", "ShopCoreTesting"],
            path: "Tests/CreditLimitModuleTests"
        ),
        .testTarget(
            name: "IncludedProductsModuleTests",
            dependencies: [
                "IncludedProductsModule", "B2BModule", "ShopCore", "SQLite", "HTTPServer", "ShopAdminTesting", "ShopCoreTesting",
            ],
            path: "Tests/IncludedProductsModuleTests"
        ),
        .testTarget(
            name: "AdminWebTests",
            dependencies: [
                "AdminWeb", "ShopCore", "HTTPServer", "ShopAdminTesting", "CreditLimitModule", "AccountBalanceModule", "B2BModule",
                "TagsModule",
            ],
            path: "Tests/AdminWebTests"),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["shopadmin", "ShopAdminTesting"],
            path: "Tests/EndToEndTests"
        ),
    ]
)
