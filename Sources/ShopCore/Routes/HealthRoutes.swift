import HTTPServer

/// `GET /health`: answers without touching a database, for load balancers; and
/// `GET /openapi.json`, the API description.
public struct HealthRoutes {
    private static let body: [UInt8] = Array(#"{"status":"ok"}"#.utf8)

    public func addRoutes(to routes: RouteGroup) {
        routes.get("/health", summary: "Liveness check") { _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: .bytes(HealthRoutes.body))
        }
    }
}
